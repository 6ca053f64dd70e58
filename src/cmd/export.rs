//! `tlx export`: the timeline in another format, to stdout or atomically to a file.
//!
//! One file exported whole in a format written in file order (CSV, TOML, JSON) is read a batch
//! of events at a time (see [`crate::load::stream`]), so a million events take memory for the
//! text and a batch, not for the whole timeline; to a file replaced at once, it is read once,
//! written as it is checked, and so is a CSV file (its rows indexed by event). Anything else is
//! loaded whole, then written as its text is made ([`Format::write_to`]), so the text is never
//! held whole.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{UNREADABLE, document, filter, output_file, report, report_set_aside, same_file, with_timelines};
use crate::cli::ViewArgs;
use crate::export::Format;
use crate::filter::Filter;
use crate::load::stream::{self, Opened, Unclean};
use crate::load::text::CutShort;
use crate::model::Timeline;
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
    let one = match files {
        [] => Some(None),
        [file] => Some(Some(file.as_path())),
        _ => None,
    };
    let (Some(file), Some(streamed)) = (one, format.streamed().filter(|_| !filter.is_active())) else {
        return with_timelines(files, max_size, |opened| {
            whole(format, &filter, &opened.merged.timeline, output, out)
        });
    };
    let document = match document(file, max_size) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let name = document.name.clone();
    // A file replaced at once is written as the timeline is read and checked; should the check
    // find an error, that output is dropped and the file read again, setting aside what it names.
    if let Some(path) = output
        && let Some(once) = stream::once(&document, super::lending())
    {
        let fill = &mut |w: &mut dyn Write| streamed.write(once.records(), |each| once.each_batch(each), w);
        match crate::atomic::replace_from(path, fill) {
            Some(Ok(())) => return Ok(ExitCode::SUCCESS),
            Some(Err(e)) if CutShort::is(&e) => return Err(cut_short(&name, output, &e)),
            Some(Err(e)) if !Unclean::is(&e) => return Err(super::naming(path, e)),
            _ => {}
        }
    }
    match stream::open(document, super::lending()) {
        Opened::Events(events) => {
            report_set_aside(events.set_aside());
            write(output, out, &mut |w| {
                streamed.write(events.records(), |each| events.each_batch(each), w)
            })
            .map_err(|e| {
                if CutShort::is(&e) {
                    cut_short(&name, output, &e)
                } else {
                    e
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Opened::Invalid(e) => Ok(report(e)),
        Opened::Whole(document) => match document.open(super::lending()) {
            Ok(valid) => {
                report_set_aside(&valid.set_aside);
                whole(format, &filter, &valid.timeline, output, out)
            }
            Err(e) => Ok(report(e)),
        },
    }
}

/// The error of the timeline `name`, cut short by another program while it was exported: it
/// names the timeline, not the output, and says what became of the output.
fn cut_short(name: &str, output: Option<&Path>, e: &io::Error) -> io::Error {
    let left = match output {
        Some(path) => format!("{} is left as it was", text::line(&path.display().to_string())),
        None => "the export written before it is incomplete".into(),
    };
    io::Error::other(format!("{}: {e}; {left}", text::line(name)))
}

/// Writes the whole timeline `t` in `format`, narrowed by `filter`.
fn whole(
    format: Format,
    filter: &Filter,
    t: &Timeline,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    if format == Format::Claimreview && !crate::export::claimreview::any_verdict(t) {
        note!("tlx: no claim has a verdict (verdict and rating), so the ClaimReview export is empty");
    }
    let narrowed;
    let t = if filter.is_active() {
        narrowed = filter.narrowed(t);
        &narrowed
    } else {
        t
    };
    write(output, out, &mut |w| format.write_to(t, w))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes what `fill` writes to the `-o` file, or to `out` when there is none.
fn write(
    output: Option<&Path>,
    out: &mut dyn Write,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match output {
        None => fill(out),
        Some(path) => super::write_output(path, fill),
    }
}

#[cfg(test)]
mod cut_tests {
    use super::*;

    #[test]
    fn a_timeline_cut_short_while_exported_is_named_with_what_became_of_the_output() {
        let cut = || io::Error::from(CutShort);
        let out = Path::new("out.csv");
        assert_eq!(
            super::super::naming(out, cut()).to_string(),
            CutShort.to_string(),
            "the output is not blamed"
        );
        let said = "t.toml: it was cut short by another program while tlx read it";
        assert_eq!(
            cut_short("t.toml", Some(out), &cut()).to_string(),
            format!("{said}; out.csv is left as it was")
        );
        assert_eq!(
            cut_short("t.toml", None, &cut()).to_string(),
            format!("{said}; the export written before it is incomplete")
        );
    }
}
