//! `tlx export`: the timeline in another format, to stdout or atomically to a file.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::with_timeline;
use crate::cli::Format;
use crate::export;

/// Writes the timeline in `format`.
pub fn run(
    format: Format,
    file: Option<&Path>,
    output: Option<&Path>,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    with_timeline(file, max_size, |t| {
        let text = match format {
            Format::Json => export::json::to_string(t),
            Format::Markdown => export::markdown::to_string(t),
            Format::Csv => export::csv::to_string(t),
            Format::Timelinejs => export::timelinejs::to_string(t),
            Format::Svg => export::svg::to_string(t),
            Format::Toml => export::toml::to_string(t),
        };
        match output {
            None => out.write_all(text.as_bytes())?,
            Some(path) => crate::atomic::write(path, text.as_bytes())?,
        }
        Ok(ExitCode::SUCCESS)
    })
}
