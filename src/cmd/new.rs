//! `tlx new FILE`: a commented starter timeline to fill in.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::UNREADABLE;
use crate::text::line as printable;

pub use crate::load::STARTER;

/// Writes the starter to `file`, atomically, unless something is already there.
pub fn run(file: &Path, out: &mut dyn Write) -> io::Result<ExitCode> {
    let name = printable(&file.display().to_string()).into_owned();
    match crate::atomic::write_new(file, STARTER.as_bytes()) {
        Ok(()) => {
            writeln!(
                out,
                "wrote {name}: fill it in, then `tlx check {name}` and `tlx {name}`"
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            eprintln!(
                "tlx: {name} already exists; tlx new never overwrites a file: give a new name, or move it away first"
            );
            Ok(ExitCode::from(UNREADABLE))
        }
        Err(e) => {
            // The error names the temporary file, which means nothing to the user.
            let reason = match e.kind() {
                io::ErrorKind::NotFound => "its directory does not exist; create it first".to_string(),
                io::ErrorKind::PermissionDenied => "permission denied; choose a directory you can write to".to_string(),
                _ => e.to_string(),
            };
            eprintln!("tlx: cannot write {name}: {reason}");
            Ok(ExitCode::from(UNREADABLE))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};

    #[test]
    fn the_starter_loads_with_no_error_or_warning_even_pedantic() {
        let doc = Document {
            name: "starter.toml".into(),
            path: None,
            text: super::STARTER.into(),
        };
        let loaded = doc.load(Options {
            pedantic: true,
            ..Options::default()
        });
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert!(!loaded.timeline.events.is_empty());
    }
}
