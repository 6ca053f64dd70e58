//! The sidecar on disk: where it lives, reading it, and saving edits without losing anyone's.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::{Change, Notes};
use crate::load::BUNDLED_FILE;

/// What a sidecar's name ends with.
pub const SUFFIX: &str = ".tlx-notes.toml";

/// The sidecar of a timeline file: `fox.toml` -> `fox.toml.tlx-notes.toml`, beside it.
pub fn sidecar(timeline: &Path) -> PathBuf {
    let mut name = timeline.file_name().unwrap_or_default().to_os_string();
    name.push(SUFFIX);
    timeline.with_file_name(name)
}

/// The sidecar of a timeline file, or of the bundled timeline (`None`), which has no directory
/// of its own: its sidecar is in the user's data directory (`~/.local/share/tlx` on Linux), and
/// there is none when the platform has no such directory.
pub fn sidecar_of(timeline: Option<&Path>) -> Option<PathBuf> {
    match timeline {
        Some(path) => Some(sidecar(path)),
        None => Some(dirs::data_dir()?.join("tlx").join(format!("{BUNDLED_FILE}{SUFFIX}"))),
    }
}

/// A sidecar as read: its marks, and why it could not be read if it could not.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The marks (empty when the file is missing or unreadable).
    pub notes: Notes,
    /// Why the file was not used; it is left in place until the next save moves it aside.
    pub problem: Option<String>,
}

/// Reads a sidecar; a missing one is empty, a broken one is reported and left alone.
pub fn load(path: &Path) -> Loaded {
    match read(path) {
        Ok(notes) => Loaded { notes, problem: None },
        Err(problem) => Loaded {
            notes: Notes::default(),
            problem: Some(problem),
        },
    }
}

fn read(path: &Path) -> Result<Notes, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Notes::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Notes::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// What a save did besides saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// The marks now on disk, others' edits included.
    pub notes: Notes,
    /// Things the researcher should hear about: a broken file moved aside, a clash merged.
    pub remarks: Vec<String>,
}

/// Applies edits to the sidecar as it is on disk now, and writes it atomically.
///
/// The directory is locked while reading and writing, so two explorers saving at once take
/// turns; each applies its edits to what the other wrote. A file that cannot be read is moved
/// aside (never overwritten) before the new one is written.
pub fn save(path: &Path, changes: &[Change]) -> io::Result<Saved> {
    save_with(path, changes, &mut crate::atomic::write)
}

/// [`save`], writing through `write` (tests pass one that fails part-way).
fn save_with(
    path: &Path,
    changes: &[Change],
    write: &mut dyn FnMut(&Path, &[u8]) -> io::Result<()>,
) -> io::Result<Saved> {
    let dir = crate::atomic::directory(path);
    std::fs::create_dir_all(dir)?;
    let lock = File::open(dir)?;
    lock.lock()?;
    let mut remarks = Vec::new();
    let mut notes = match read(path) {
        Ok(notes) => notes,
        Err(problem) => {
            let aside = set_aside(path)?;
            remarks.push(format!("{problem}; kept it as {}", aside.display()));
            Notes::default()
        }
    };
    remarks.extend(changes.iter().filter_map(|c| notes.merge(c)));
    write(path, notes.to_toml().as_bytes())?;
    Ok(Saved { notes, remarks })
}

/// Renames a broken sidecar to the first free `NAME.corrupt`, `NAME.corrupt.1`, ...
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".corrupt");
    let base = path.with_file_name(name);
    let mut aside = base.clone();
    let mut n = 0;
    while aside.exists() {
        n += 1;
        aside = PathBuf::from(format!("{}.{n}", base.display()));
    }
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::Entry;

    fn star(id: &str) -> Change {
        Change {
            id: id.into(),
            before: Entry::default(),
            after: Entry {
                starred: true,
                ..Entry::default()
            },
        }
    }

    #[test]
    fn the_sidecar_sits_beside_its_timeline() {
        assert_eq!(
            sidecar(Path::new("dir/fox.toml")),
            Path::new("dir/fox.toml.tlx-notes.toml")
        );
    }

    #[test]
    fn saving_keeps_what_another_explorer_saved_in_between() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        save(&path, &[star("a")]).unwrap();
        let saved = save(&path, &[star("b")]).unwrap();
        assert!(saved.remarks.is_empty());
        let on_disk = load(&path);
        assert_eq!(on_disk.notes, saved.notes);
        assert_eq!(on_disk.notes.events.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn a_broken_sidecar_is_reported_at_load_and_moved_aside_at_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        std::fs::write(&path, "[events.a\nstarred = true\n").unwrap();
        let loaded = load(&path);
        assert!(loaded.problem.unwrap().contains("line 1, column 10"));
        assert!(loaded.notes.events.is_empty());
        std::fs::write(dir.path().join("t.toml.tlx-notes.toml.corrupt"), "older").unwrap();
        let saved = save(&path, &[star("b")]).unwrap();
        let aside = dir.path().join("t.toml.tlx-notes.toml.corrupt.1");
        assert!(saved.remarks[0].contains("corrupt.1"), "{:?}", saved.remarks);
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "[events.a\nstarred = true\n");
        assert!(load(&path).notes.is_starred("b"));
    }

    #[test]
    fn a_save_interrupted_at_any_step_leaves_the_old_marks_or_the_new_whole() {
        use crate::atomic::{Replace, Step, write_steps};
        for step in Step::ALL {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.toml.tlx-notes.toml");
            save(&path, &[star("old")]).unwrap();
            let mut interrupted = |p: &Path, bytes: &[u8]| {
                let mut fault = |at: Step| match at == step {
                    true => Err(io::Error::other("interrupted")),
                    false => Ok(()),
                };
                write_steps(p, bytes, Replace::Yes, &mut fault)
            };
            assert!(save_with(&path, &[star("new")], &mut interrupted).is_err());
            let on_disk = load(&path);
            assert_eq!(on_disk.problem, None, "{step:?}: the file is whole");
            let ids: Vec<&String> = on_disk.notes.events.keys().collect();
            let renamed = matches!(step, Step::Rename | Step::SyncDir);
            let expected: &[&str] = if renamed { &["old", "new"] } else { &["old"] };
            assert_eq!(ids, expected, "{step:?}");
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                1,
                "{step:?}: no temporary left"
            );
        }
    }

    #[test]
    fn concurrent_savers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || save(&path, &[star(&format!("e{n}"))]).unwrap())
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(load(&path).notes.events.len(), 8);
    }
}
