//! Writing files so that a crash leaves either the old content or the new, never a mix.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same directory, synced, then renamed
/// over it, then the directory synced.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_steps(path, bytes, Replace::Yes, &mut |_| Ok(()))
}

/// As [`write`], but fails with [`io::ErrorKind::AlreadyExists`] rather than replace a file, even
/// one created while this one was being written.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_steps(path, bytes, Replace::No, &mut |_| Ok(()))
}

/// Whether an existing file at the path is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replace {
    /// Replace it.
    Yes,
    /// Fail instead.
    No,
}

/// The steps of a write, named so that tests can make each one fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The temporary file exists.
    Create,
    /// The bytes are written to it.
    Write,
    /// It is synced to disk.
    Sync,
    /// It is renamed over the target.
    Rename,
    /// The directory is synced.
    SyncDir,
}

impl Step {
    /// Every step, in order.
    #[cfg(test)]
    pub(crate) const ALL: [Step; 5] = [Step::Create, Step::Write, Step::Sync, Step::Rename, Step::SyncDir];
}

/// The write, with `fault` asked after each step whether it failed; the temporary file is removed
/// on any failure before the rename (by `NamedTempFile`'s drop).
pub(crate) fn write_steps(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    fault: &mut dyn FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
    let dir = directory(path);
    let mut tmp = tempfile::Builder::new().prefix(".tlx-").tempfile_in(dir)?;
    // The temporary file is private (0600); the result should keep the permissions of the file it
    // replaces, or get the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    fault(Step::Create)?;
    tmp.write_all(bytes)?;
    fault(Step::Write)?;
    tmp.as_file().sync_all()?;
    fault(Step::Sync)?;
    match replace {
        Replace::Yes => tmp.persist(path),
        Replace::No => tmp.persist_noclobber(path),
    }
    .map_err(|e| e.error)?;
    fault(Step::Rename)?;
    // The rename is durable only once the directory itself is synced.
    std::fs::File::open(dir)?.sync_all()?;
    fault(Step::SyncDir)
}

/// The directory a file is in: its parent, or `.` for a bare file name.
pub fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// rw-r--r--, what editors give a new document (the umask is not applied).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere the temporary file's defaults are fine.
#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_fault_at_any_step_leaves_the_old_file_or_the_new_one_whole_and_no_temporary() {
        for step in [Step::Create, Step::Write, Step::Sync, Step::Rename, Step::SyncDir] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("out.json");
            std::fs::write(&path, "old").unwrap();
            let mut fault = |at: Step| {
                if at == step {
                    Err(io::Error::other(format!("injected at {at:?}")))
                } else {
                    Ok(())
                }
            };
            let err = write_steps(&path, b"new", Replace::Yes, &mut fault).unwrap_err();
            assert!(err.to_string().contains("injected"), "{step:?}: {err}");
            // Before the rename the old file stands; after it, the new one, whole.
            let expected = if matches!(step, Step::Rename | Step::SyncDir) {
                "new"
            } else {
                "old"
            };
            assert_eq!(std::fs::read_to_string(&path).unwrap(), expected, "{step:?}");
            assert_eq!(entries(dir.path()), ["out.json"], "{step:?}");
        }
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.md");
        std::fs::write(&path, "mine").unwrap();
        let err = write_new(&path, b"export").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(entries(dir.path()), ["mine.md"]);
        write_new(&dir.path().join("new.md"), b"export").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_file_it_replaces_and_makes_new_files_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.json");
        std::fs::write(&old, "old").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&old, b"new").unwrap();
        assert_eq!(std::fs::metadata(&old).unwrap().permissions().mode() & 0o777, 0o640);
        let new = dir.path().join("new.json");
        write(&new, b"x").unwrap();
        assert_eq!(std::fs::metadata(&new).unwrap().permissions().mode() & 0o777, 0o644);
    }
}
