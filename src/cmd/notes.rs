//! `tlx notes [FILE...]`: the bookmarks and notes kept beside each timeline, including those whose
//! event has gone from the file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{UNREADABLE, open, write_line};
use crate::notes::store;

/// Prints every file's marks: starred events, notes, and orphans marked as such.
pub fn run(files: &[PathBuf], max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let files: Vec<Option<&Path>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut code = ExitCode::SUCCESS;
    for file in files {
        let timeline = match open(file, max_size) {
            Ok(t) => t,
            Err(c) => {
                code = c;
                continue;
            }
        };
        let Some(sidecar) = store::sidecar_of(file) else {
            eprintln!("tlx: no data directory, so the bundled timeline has no bookmarks");
            continue;
        };
        let loaded = store::load(&sidecar);
        if let Some(problem) = loaded.problem {
            eprintln!("tlx: {problem}");
            code = ExitCode::from(UNREADABLE);
            continue;
        }
        write_line(
            out,
            &format!("{} ({} marked)", sidecar.display(), loaded.notes.events.len()),
        )?;
        for (id, entry) in &loaded.notes.events {
            let sign = if entry.starred { "★" } else { "✎" };
            let what = match timeline.event(id) {
                Some(e) => format!("{}  {}", e.date.human(), e.title),
                None => format!(
                    "(no longer in the file; was \"{}\")",
                    entry.title.as_deref().unwrap_or("untitled")
                ),
            };
            write_line(out, &format!("  {sign} {id}  {what}"))?;
            if let Some(note) = &entry.note {
                write_line(out, &format!("    ✎ {note}"))?;
            }
        }
    }
    Ok(code)
}
