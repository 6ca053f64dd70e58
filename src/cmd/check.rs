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
        let diagnostics = doc.check(Options { pedantic });
        let src = doc.source();
        let shown = if all {
            src.render_every(&diagnostics)
        } else {
            src.render_all(&diagnostics)
        };
        write!(out, "{shown}")?;
        if diagnostics.iter().any(crate::diagnostic::Diagnostic::is_error) {
            worst = worst.max(FINDINGS);
        }
    }
    Ok(ExitCode::from(worst))
}
