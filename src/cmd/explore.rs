//! `tlx [FILE...]`: the explorer.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::with_timeline;

/// Opens the explorer on the first file (or the bundled timeline).
pub fn run(files: &[PathBuf], max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    with_timeline(files.first().map(PathBuf::as_path), max_size, |t| {
        super::list::write_listing(t, out)?;
        Ok(ExitCode::SUCCESS)
    })
}
