//! `tlx export`: the timeline in another format, to stdout or atomically to a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{UNREADABLE, filter, output_file, same_file, with_timelines};
use crate::cli::ViewArgs;
use crate::export::Format;
use crate::text;

/// Writes the files' timelines, merged, in `format`: all of it, or the events `view` selects.
pub fn run(
    format: Format,
    view: &ViewArgs,
    files: &[PathBuf],
    output: Option<&Path>,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    let output = output_file(output);
    if let Some(output) = output
        && files.iter().any(|file| same_file(file, output))
    {
        note!(
            "tlx: {} is the timeline being exported; give -o another path so the original is kept",
            text::line(&output.display().to_string())
        );
        return Ok(ExitCode::from(UNREADABLE));
    }
    let filter = match filter(view) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    with_timelines(files, max_size, |opened| {
        let t = &opened.merged.timeline;
        if format == Format::Claimreview && !crate::export::claimreview::any_verdict(t) {
            note!("tlx: no claim has a verdict (verdict and rating), so the ClaimReview export is empty");
        }
        let text = if filter.is_active() {
            format.write(&filter.narrowed(t))
        } else {
            format.write(t)
        };
        match output {
            None => out.write_all(text.as_bytes())?,
            Some(path) => super::write_output(path, text.as_bytes())?,
        }
        Ok(ExitCode::SUCCESS)
    })
}
