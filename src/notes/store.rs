//! The sidecar on disk: where it lives, reading it, and saving edits without losing anyone's.

use std::fs::File;
use std::io;
#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Change, Notes};
use crate::load::BUNDLED_FILE;
use crate::load::ReadError;
use crate::load::read::{SIDE_FILE_MAX, read_text};

/// How long a save waits for another tlx to finish saving in the same directory. A save holds
/// the lock for the time of one small read and write, so a longer wait means something is stuck.
const LOCK_WAIT: Duration = Duration::from_secs(5);

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
        Err(unread) => Loaded {
            notes: Notes::default(),
            problem: Some(match unread {
                Unread::Broken(problem) => format!("{problem}; kept aside at the next save"),
                Unread::Refused(problem) => format!("{problem}; bookmarks are not saved over it"),
            }),
        },
    }
}

/// Why a sidecar could not be used.
enum Unread {
    /// A file whose text is not a sidecar: moved aside at the next save.
    Broken(String),
    /// Not a regular file (a FIFO, a device, a directory), over the size cap or unreadable:
    /// left as it is, and no save replaces it.
    Refused(String),
}

/// Reads a sidecar by the rule for every file besides the timeline ([`read_text`]): a regular
/// file under [`SIDE_FILE_MAX`], opened without waiting on a FIFO, never a device.
fn read(path: &Path) -> Result<Notes, Unread> {
    read_with_text(path).map(|(notes, _)| notes)
}

/// [`read`], with the file's text (empty when there is none).
fn read_with_text(path: &Path) -> Result<(Notes, String), Unread> {
    let name = path.display();
    match read_text(path, SIDE_FILE_MAX, None) {
        Ok(text) => match Notes::parse(&text) {
            Ok(notes) => Ok((notes, text)),
            Err(e) => Err(Unread::Broken(format!("{name}: {e}"))),
        },
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(Default::default()),
        Err(e @ (ReadError::Utf16 | ReadError::NotUtf8 { .. })) => Err(Unread::Broken(format!("{name}: {e}"))),
        Err(ReadError::TooLarge { .. }) => Err(Unread::Refused(format!(
            "{name}: it is larger than {SIDE_FILE_MAX} bytes, too large for a bookmarks file"
        ))),
        Err(ReadError::NotAFile) => Err(Unread::Refused(format!(
            "{name}: it is not a regular file (a pipe, a device or a directory, or a link to one)"
        ))),
        Err(e) => Err(Unread::Refused(format!("{name}: {e}"))),
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
    let _lock = lock(dir, LOCK_WAIT)?;
    let (mut notes, before, mut broken) = match read_with_text(path) {
        Ok((notes, before)) => (notes, before, None),
        Err(Unread::Broken(problem)) => (Notes::default(), String::new(), Some(problem)),
        Err(Unread::Refused(problem)) => return Err(io::Error::other(problem)),
    };
    let mut remarks: Vec<String> = changes.iter().filter_map(|c| notes.merge(c)).collect();
    // A file that cannot take these marks is kept aside whole, and its marks carried into a
    // fresh one, rather than written over or left to drop the marks.
    let text = notes.write_over(&before).or_else(|problem| {
        broken = Some(format!("{}: {problem}", path.display()));
        notes.write_over("")
    });
    let text = text.map_err(io::Error::other)?;
    if let Some(problem) = broken {
        let aside = set_aside(path)?;
        remarks.insert(0, format!("{problem}; kept it as {}", aside.display()));
    }
    write(path, text.as_bytes())?;
    Ok(Saved { notes, remarks })
}

/// Locks `dir` against other tlx saving there, waiting at most `wait`: a lock held longer is
/// reported, so a stuck process elsewhere never freezes this one. Unlocked when dropped.
fn lock(dir: &Path, wait: Duration) -> io::Result<File> {
    #[cfg(unix)]
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK)
        .open(dir)?;
    // A directory cannot be opened as a file elsewhere: a lock file inside it stands for it.
    #[cfg(not(unix))]
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".tlx-lock"))?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() >= deadline => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "another program has held the lock on {} for {} s; close the other tlx there, or try again",
                        dir.display(),
                        wait.as_secs()
                    ),
                ));
            }
            Err(std::fs::TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
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
    use crate::load::read::tests::mkfifo;
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
    fn a_note_of_several_lines_is_saved_and_read_back_with_its_lines_and_undone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        let note = Entry {
            note: Some("ask Reuters:\nwho were \"the officials\"?".into()),
            ..Entry::default()
        };
        let write = Change {
            id: "a".into(),
            before: Entry::default(),
            after: note.clone(),
        };
        save(&path, std::slice::from_ref(&write)).unwrap();
        assert_eq!(load(&path).notes.get("a"), Some(&note));
        // Undo is the change the other way round, saved the same way.
        let undo = Change {
            id: "a".into(),
            before: note,
            after: Entry::default(),
        };
        let saved = save(&path, &[undo]).unwrap();
        assert!(saved.remarks.is_empty(), "{:?}", saved.remarks);
        assert!(load(&path).notes.events.is_empty());
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
    fn a_sidecar_with_an_integer_past_64_bits_is_kept_aside_whole_and_the_new_mark_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        let text = "[events.a]\nstarred = true\nL = 9999999999999999999000004\n";
        std::fs::write(&path, text).unwrap();
        let problem = load(&path).problem.unwrap();
        assert!(problem.contains("line 3, column 5"), "{problem}");
        let saved = save(&path, &[star("b")]).unwrap();
        assert!(saved.remarks[0].contains("corrupt"), "{:?}", saved.remarks);
        let aside = dir.path().join("t.toml.tlx-notes.toml.corrupt");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), text, "the old file whole");
        let on_disk = load(&path);
        assert_eq!(on_disk.problem, None);
        assert!(on_disk.notes.is_starred("b"));
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
    fn a_fifo_sidecar_is_refused_at_load_and_at_save_without_waiting_and_left_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml.tlx-notes.toml");
        mkfifo(&path);
        let loaded = load(&path);
        assert!(loaded.problem.unwrap().contains("not a regular file"));
        let err = save(&path, &[star("a")]).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_file(), "the FIFO stays");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing set aside");
    }

    #[test]
    fn a_sidecar_linked_to_a_fifo_or_too_large_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let path = dir.path().join("t.toml.tlx-notes.toml");
        std::os::unix::fs::symlink(&fifo, &path).unwrap();
        assert!(load(&path).problem.unwrap().contains("not a regular file"));
        let big = dir.path().join("big.toml.tlx-notes.toml");
        let file = File::create(&big).unwrap();
        file.set_len(SIDE_FILE_MAX + 1).unwrap();
        let problem = load(&big).problem.unwrap();
        assert!(problem.contains("too large for a bookmarks file"), "{problem}");
        assert!(save(&big, &[star("a")]).is_err());
        assert_eq!(
            std::fs::metadata(&big).unwrap().len(),
            SIDE_FILE_MAX + 1,
            "left as it was"
        );
    }

    #[test]
    fn a_lock_held_elsewhere_is_reported_not_waited_on_forever() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), Duration::ZERO).unwrap();
        let err = lock(dir.path(), Duration::from_millis(50)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("held the lock"), "{err}");
        drop(held);
        assert!(lock(dir.path(), Duration::ZERO).is_ok());
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

    mod properties {
        use proptest::collection::{btree_map, vec};
        use proptest::prelude::*;

        use super::*;

        /// A TOML value as someone might write one by hand, including integers past 64 bits.
        fn value() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                3 => any::<i64>().prop_map(|n| n.to_string()),
                1 => "[1-9][0-9]{17,30}",
                3 => any::<bool>().prop_map(|b| b.to_string()),
                3 => any::<f64>().prop_map(|f| toml_edit::Value::from(f).to_string()),
                3 => any::<String>().prop_map(|s| toml_edit::Value::from(s).to_string()),
                3 => Just("1979-05-27T07:32:00Z".to_string()),
            ];
            leaf.prop_recursive(2, 8, 4, |inner| {
                prop_oneof![
                    vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
                    btree_map("k[a-z]{0,3}", inner, 0..3).prop_map(|m| {
                        let pairs: Vec<String> = m.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                        format!("{{ {} }}", pairs.join(", "))
                    }),
                ]
            })
        }

        /// Keys tlx does not know (never `starred`, `note`, `title` or `events`), as lines.
        fn unknown() -> impl Strategy<Value = Vec<String>> {
            btree_map("k[a-z0-9_]{0,5}", value(), 0..3)
                .prop_map(|m| m.into_iter().map(|(k, v)| format!("{k} = {v}")).collect())
        }

        fn sidecar() -> impl Strategy<Value = (String, Vec<String>)> {
            let entry = (
                any::<String>(),
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<String>()),
                proptest::option::of(any::<String>()),
                unknown(),
            );
            let table = ("t[a-z]{0,3}", unknown());
            (unknown(), vec(entry, 0..4), vec(table, 0..2)).prop_map(|(top, entries, tables)| {
                let mut text = String::new();
                let mut kept = top.clone();
                for line in &top {
                    text += &format!("{line}\n");
                }
                for (id, starred, note, title, keys) in entries {
                    text += &format!("[events.{}]\n", toml_edit::Key::new(id).display_repr());
                    if let Some(starred) = starred {
                        text += &format!("starred = {starred}\n");
                    }
                    for (key, said) in [("note", note), ("title", title)] {
                        if let Some(said) = said {
                            text += &format!("{key} = {}\n", toml_edit::Value::from(said));
                        }
                    }
                    for line in &keys {
                        text += &format!("{line}\n");
                    }
                    kept.extend(keys);
                }
                for (name, keys) in tables {
                    text += &format!("[{name}]\n");
                    for line in &keys {
                        text += &format!("{line}\n");
                    }
                    kept.extend(keys);
                }
                (text, kept)
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            /// Whatever a hand-edited sidecar holds, a save keeps every mark it had and the new
            /// one; a sidecar tlx reads keeps every key it does not know, line for line, and one
            /// it cannot read is kept aside byte for byte.
            #[test]
            fn a_save_keeps_every_mark_and_every_unknown_key((text, kept) in sidecar()) {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("t.toml.tlx-notes.toml");
                std::fs::write(&path, &text).unwrap();
                let before = load(&path);
                let mut changes = vec![star("new \"id\"\u{202e}")];
                if let Some((id, entry)) = before.notes.events.first() {
                    let mut after = entry.clone();
                    after.note = Some("a\u{1b}[201~\nb".into());
                    changes.push(Change { id: id.clone(), before: entry.clone(), after });
                }
                let saved = save(&path, &changes).unwrap();
                let on_disk = load(&path);
                prop_assert_eq!(&on_disk.problem, &None);
                prop_assert_eq!(&on_disk.notes, &saved.notes);
                let mut expected = before.notes.clone();
                for change in &changes {
                    expected.apply(change);
                }
                prop_assert_eq!(&on_disk.notes, &expected);
                let written = std::fs::read_to_string(&path).unwrap();
                match before.problem {
                    None => {
                        for line in &kept {
                            prop_assert!(written.contains(line.as_str()), "{line:?} lost:\n{written}");
                        }
                    }
                    Some(_) => {
                        let aside = dir.path().join("t.toml.tlx-notes.toml.corrupt");
                        prop_assert_eq!(std::fs::read_to_string(aside).unwrap(), text);
                    }
                }
            }
        }
    }
}
