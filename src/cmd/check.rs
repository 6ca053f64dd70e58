//! `tlx check`: every diagnostic of every file, and an exit code for scripts.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{FINDINGS, UNREADABLE, document};
use crate::load::Options;

/// Checks each file (the bundled timeline when none): 0 clean, 1 errors, 2 unreadable. With
/// `all`, every finding is printed, not just the first of each kind.
pub fn run(files: &[PathBuf], pedantic: bool, all: bool, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let mut worst = 0;
    let mut reader_gone = false;
    let paths: Vec<Option<&std::path::Path>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(|p| Some(p.as_path())).collect()
    };
    for path in paths {
        let doc = match document(path, max_size) {
            Ok(doc) => doc,
            Err(_) => {
                worst = UNREADABLE;
                continue;
            }
        };
        let diagnostics = doc.check(Options {
            pedantic,
            ..Options::default()
        });
        if diagnostics.iter().any(crate::diagnostic::Diagnostic::is_error) {
            worst = worst.max(FINDINGS);
        }
        // Once the reader has gone (`| head`), the rest is checked for the exit code alone.
        if !reader_gone {
            let src = doc.source();
            let shown = if all {
                src.render_every(&diagnostics)
            } else {
                src.render_all(&diagnostics)
            };
            match write!(out, "{shown}") {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => reader_gone = true,
                written => written?,
            }
        }
    }
    Ok(ExitCode::from(worst))
}
