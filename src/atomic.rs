//! Writing files so that a crash leaves either the old content or the new, never a mix, and so
//! that what stands at the path is never replaced by something of another kind.

mod unfinished;

use std::fs::{self, FileType};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use unfinished::Unfinished;
pub use unfinished::{remove_unfinished, remove_unfinished_at_signals};

/// More links than this in a chain is a loop (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` without putting anything of another kind in place of what is there:
///
/// - nothing, or a regular file: written to a temporary file in the same directory, synced, then
///   renamed over it, then the directory synced, so a crash leaves the old file or the new one;
/// - a symlink: followed to its final target, which these rules then write (the link stays a link;
///   a dangling link gets its target created);
/// - a FIFO or a character device (a pipe, a terminal, `/dev/null`): opened and written through,
///   as a shell's `>` does (a FIFO waits for its reader);
/// - anything else (a directory, a block device, a socket): refused with a message saying what it is.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_from(path, &mut |w| w.write_all(bytes))
}

/// As [`write`], with the bytes written by `fill` as they are made, for text too large to hold.
pub fn write_from(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match target(path)? {
        Target::File(file) => steps(&file, fill, Replace::Yes, &mut |_| Ok(())),
        Target::Stream => {
            let mut stream = io::BufWriter::new(fs::OpenOptions::new().write(true).open(path)?);
            fill(&mut stream)?;
            stream.flush()
        }
    }
}

/// As [`write_from`], only where the write replaces a file at once, so that nothing of a `fill`
/// that fails is seen: `None`, with nothing written, where `path` leads to something that
/// streams (a pipe, a terminal).
pub fn replace_from(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> Option<io::Result<()>> {
    match target(path) {
        Ok(Target::File(file)) => Some(steps(&file, fill, Replace::Yes, &mut |_| Ok(()))),
        Ok(Target::Stream) => None,
        Err(e) => Some(Err(e)),
    }
}

/// What a write to a path writes to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file (or none yet) at this path, the end of any chain of links.
    File(PathBuf),
    /// Something that streams what is written to it, reached through the path as given.
    Stream,
}

/// Where `path` leads. A link whose target is a stream is written through the link itself, since
/// the kernel's own links (`/dev/stdout` to `/proc/self/fd/1` to `pipe:[...]`) name no path a
/// program could open otherwise.
fn target(path: &Path) -> io::Result<Target> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&at) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::File(at)),
            meta => meta?,
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            if fs::metadata(&at).is_ok_and(|m| streams(m.file_type())) {
                return Ok(Target::Stream);
            }
            at = directory(&at).join(fs::read_link(&at)?);
        } else if kind.is_file() {
            return Ok(Target::File(at));
        } else if streams(kind) {
            return Ok(Target::Stream);
        } else {
            let through = if at == path {
                String::new()
            } else {
                format!(" (the link leads to {})", at.display())
            };
            return Err(io::Error::other(format!(
                "{} is {}{through}; tlx writes only to a file, a pipe or a terminal (give -o a file path, or - for standard output)",
                path.display(),
                what(kind),
            )));
        }
    }
    Err(io::Error::other(format!(
        "{} is a chain of more than {MAX_LINKS} symbolic links (a loop?); give -o the file itself",
        path.display()
    )))
}

/// True for a FIFO or a character device: what is written is read, not stored.
#[cfg(unix)]
fn streams(kind: FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device()
}

/// Elsewhere only regular files are written.
#[cfg(not(unix))]
fn streams(_: FileType) -> bool {
    false
}

/// What a refused path is: "a directory", "a block device", ...
fn what(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() {
            return "a block device";
        } else if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// As [`write`], but fails with [`io::ErrorKind::AlreadyExists`] rather than replace a file, even
/// one created while this one was being written.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_new_from(path, &mut |w| w.write_all(bytes))
}

/// Why [`write_new`] to `path` wrote nothing (`e`), as the explorer says it.
pub fn not_new(path: &Path, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::AlreadyExists => format!("{} exists; give another name", path.display()),
        _ => format!("could not write {}: {e}", path.display()),
    }
}

/// As [`write_new`], with the bytes written by `fill` as they are made.
pub fn write_new_from(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    steps(path, fill, Replace::No, &mut |_| Ok(()))
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
/// on any failure before the rename (by `NamedTempFile`'s drop). The tests' way in, to fail a step.
#[cfg(test)]
pub(crate) fn write_steps(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    fault: &mut dyn FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
    steps(path, &mut |w| w.write_all(bytes), replace, fault)
}

/// [`write_steps`] with the bytes written by `fill`.
fn steps(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    replace: Replace,
    fault: &mut dyn FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
    let dir = directory(path);
    let tmp = tempfile::Builder::new()
        .prefix(".tlx-")
        .tempfile_in(dir)
        .map_err(without_temporary_name)?;
    let listed = Unfinished::new(tmp.path());
    // Unlisted only once the file is gone: renamed, or removed with the error that ended it.
    let renamed = fill_and_rename(tmp, path, fill, replace, fault);
    drop(listed);
    renamed?;
    // The rename is durable only once the directory itself is synced.
    std::fs::File::open(dir)?.sync_all()?;
    fault(Step::SyncDir)
}

/// The steps of [`steps`] from the temporary file `tmp`, just created, to its rename over `path`.
fn fill_and_rename(
    mut tmp: tempfile::NamedTempFile,
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    replace: Replace,
    fault: &mut dyn FnMut(Step) -> io::Result<()>,
) -> io::Result<()> {
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
    // Through the file itself: `NamedTempFile`'s own writes add its name to their errors. A
    // large buffer: the default 8 KiB one hands the system writes that end inside a page, whose
    // rest the file system zeroes before the next write fills it (a tenth of the time of a
    // million-event export, zeroing and copying in the kernel).
    let mut file = io::BufWriter::with_capacity(WRITE_BUFFER, Writeback::new(tmp.as_file_mut()));
    fill(&mut file)?;
    file.flush()?;
    drop(file);
    fault(Step::Write)?;
    tmp.as_file().sync_all()?;
    fault(Step::Sync)?;
    match replace {
        Replace::Yes => tmp.persist(path),
        Replace::No => tmp.persist_noclobber(path),
    }
    .map_err(|e| e.error)?;
    fault(Step::Rename)
}

/// The bytes gathered before each write to a file replaced at once (see [`steps`]).
const WRITE_BUFFER: usize = 1 << 20;

/// A file written front to back that asks the system to start writing each stretch of it to disk
/// as soon as it is written, so that the sync before the rename waits for the last stretch alone:
/// a million-event export (1.35 GB) spent 3 s in that sync on the bench's disk, its pages
/// written only once all were made.
struct Writeback<'f> {
    file: &'f mut std::fs::File,
    /// Bytes written so far, and how many of them have been handed to the disk.
    written: u64,
    started: u64,
}

impl<'f> Writeback<'f> {
    /// A stretch large enough that handing it on costs nothing beside its writing.
    const STRETCH: u64 = 32 << 20;

    fn new(file: &'f mut std::fs::File) -> Writeback<'f> {
        Writeback {
            file,
            written: 0,
            started: 0,
        }
    }

    /// Starts writing what was written since the last start, without waiting for it. Only a hint:
    /// where it fails or does not exist, the sync that follows the write does all of the work.
    #[cfg(target_os = "linux")]
    fn start(&mut self) {
        use std::os::fd::AsRawFd;
        let (from, len) = (self.started, self.written - self.started);
        // SAFETY: a plain system call on an open descriptor this value borrows; no memory is passed.
        unsafe {
            libc::sync_file_range(
                self.file.as_raw_fd(),
                from as i64,
                len as i64,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
        self.started = self.written;
    }

    #[cfg(not(target_os = "linux"))]
    fn start(&mut self) {}
}

impl Write for Writeback<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= Self::STRETCH {
            self.start();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// The error tempfile gives, without the temporary file's name it appends (`... at path
/// "dir/.tlx-XXXX"`): the user asked to write the target and knows no other file, so the caller
/// names the target alone. tempfile keeps the original error private, so its text is cut.
fn without_temporary_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(at) => io::Error::new(e.kind(), &text[..at]),
        None => e,
    }
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

    /// A temporary file is listed for a signal to remove while it is written, and no longer once
    /// it is renamed into place or removed with the error that ended it.
    #[test]
    fn a_temporary_file_is_listed_while_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let temporary = || {
            let entries = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path());
            entries
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tlx-"))
                .collect::<Vec<_>>()
        };
        let mut seen = Vec::new();
        for fails in [false, true] {
            let path = dir.path().join("out.txt");
            let written = write_from(&path, &mut |w| {
                let [tmp] = temporary().try_into().expect("one temporary file");
                assert!(unfinished::listed(&tmp), "{} is listed", tmp.display());
                seen.push(tmp);
                w.write_all(b"text")?;
                if fails { Err(io::Error::other("cut")) } else { Ok(()) }
            });
            assert_eq!(written.is_err(), fails);
            assert!(temporary().is_empty());
            assert!(!unfinished::listed(seen.last().unwrap()));
        }
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn an_error_names_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing").join("out.toml");
        let e = write(&target, b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(!e.to_string().contains(".tlx-"), "{e}");
        let e = write_new(&target, b"x").unwrap_err();
        assert!(!e.to_string().contains(".tlx-"), "{e}");
    }

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

    /// Tests make their special files inside a temporary directory, never at a system path.
    #[cfg(unix)]
    mod special {
        use super::*;
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::{FileTypeExt, symlink};

        fn c_path(path: &Path) -> CString {
            CString::new(path.as_os_str().as_bytes()).unwrap()
        }

        fn mkfifo(path: &Path) {
            // SAFETY: a valid NUL-terminated path; mkfifo only creates a node there.
            let rc = unsafe { libc::mkfifo(c_path(path).as_ptr(), 0o644) };
            assert_eq!(rc, 0, "mkfifo: {}", io::Error::last_os_error());
        }

        /// Writes to `path` while a thread reads the FIFO `fifo`; what the reader got.
        fn write_while_reading(fifo: &Path, path: &Path, bytes: &[u8]) -> Vec<u8> {
            let fifo = fifo.to_path_buf();
            let reader = std::thread::spawn(move || std::fs::read(fifo).unwrap());
            write(path, bytes).unwrap();
            reader.join().unwrap()
        }

        #[test]
        fn a_symlink_is_followed_and_its_target_replaced_the_link_kept() {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("real")).unwrap();
            let target = dir.path().join("real/out.json");
            std::fs::write(&target, "old").unwrap();
            // A relative link, through a second link: each is resolved from its own directory.
            symlink("real/out.json", dir.path().join("first")).unwrap();
            symlink("first", dir.path().join("link")).unwrap();
            write(&dir.path().join("link"), b"new").unwrap();
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
            for link in ["first", "link"] {
                let meta = std::fs::symlink_metadata(dir.path().join(link)).unwrap();
                assert!(meta.file_type().is_symlink(), "{link} is still a link");
            }
            assert_eq!(entries(&dir.path().join("real")), ["out.json"]);
        }

        #[test]
        fn a_dangling_symlink_gets_its_target_created() {
            let dir = tempfile::tempdir().unwrap();
            symlink("made.json", dir.path().join("link")).unwrap();
            write(&dir.path().join("link"), b"new").unwrap();
            assert_eq!(std::fs::read_to_string(dir.path().join("made.json")).unwrap(), "new");
            assert!(
                std::fs::symlink_metadata(dir.path().join("link"))
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
        }

        #[test]
        fn a_symlink_loop_is_refused_with_a_message() {
            let dir = tempfile::tempdir().unwrap();
            symlink("b", dir.path().join("a")).unwrap();
            symlink("a", dir.path().join("b")).unwrap();
            let err = write(&dir.path().join("a"), b"x").unwrap_err();
            assert!(err.to_string().contains("symbolic links"), "{err}");
            assert_eq!(entries(dir.path()), ["a", "b"]);
        }

        #[test]
        fn a_fifo_is_written_through_and_stays_a_fifo() {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("pipe");
            mkfifo(&fifo);
            assert_eq!(write_while_reading(&fifo, &fifo, b"streamed"), b"streamed");
            assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
            assert_eq!(entries(dir.path()), ["pipe"]);
        }

        /// `/dev/stdout` is a link to the process's standard output; a link to a FIFO stands in
        /// for it here, as the real node must not be touched.
        #[test]
        fn a_symlink_to_a_fifo_like_dev_stdout_writes_through_the_link() {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("pipe");
            mkfifo(&fifo);
            let link = dir.path().join("stdout");
            symlink(&fifo, &link).unwrap();
            assert_eq!(write_while_reading(&fifo, &link, b"through"), b"through");
            assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
            assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
            assert_eq!(entries(dir.path()), ["pipe", "stdout"]);
        }

        #[test]
        fn a_character_device_is_written_through_and_stays_a_device() {
            let dir = tempfile::tempdir().unwrap();
            let node = dir.path().join("null");
            // The null device's numbers (1, 3) on Linux: writes to this private node are discarded.
            let dev = libc::makedev(1, 3);
            // SAFETY: a valid NUL-terminated path; mknod only creates a node there.
            let rc = unsafe { libc::mknod(c_path(&node).as_ptr(), libc::S_IFCHR | 0o666, dev) };
            if rc != 0 {
                eprintln!(
                    "skipped: mknod of a character device needs root: {}",
                    io::Error::last_os_error()
                );
                return;
            }
            match write(&node, b"discarded") {
                Ok(()) => {}
                // A temporary directory on a `nodev` mount refuses to open device nodes.
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    eprintln!("skipped: the temporary directory does not allow devices: {e}");
                    return;
                }
                Err(e) => panic!("{e}"),
            }
            assert!(std::fs::symlink_metadata(&node).unwrap().file_type().is_char_device());
            assert_eq!(entries(dir.path()), ["null"]);
        }

        #[test]
        fn a_directory_is_refused_and_left_alone() {
            let dir = tempfile::tempdir().unwrap();
            let sub = dir.path().join("sub");
            std::fs::create_dir(&sub).unwrap();
            symlink("sub", dir.path().join("link")).unwrap();
            for path in [&sub, &dir.path().join("link")] {
                let err = write(path, b"x").unwrap_err();
                assert!(err.to_string().contains("is a directory"), "{err}");
                assert!(err.to_string().contains("- for standard output"), "{err}");
            }
            assert!(entries(&sub).is_empty());
        }
    }
}
