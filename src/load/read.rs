//! Reading a file's bytes into text, refusing what is not a UTF-8 text file with a clear reason.

use std::fs::File;
use std::io::Read;
#[cfg(unix)]
use std::io::{Seek, SeekFrom};
#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

use super::text::Text;

/// Files larger than this (2 GiB) are refused unless the caller raises the cap: a file that big is
/// more likely a mistake (a disk image, a log) than a timeline. A million-event export is about 1 GB.
/// The cap in force by default is lower on a machine with less memory: see [`default_max_size`].
pub const DEFAULT_MAX_SIZE: u64 = 2 << 30;

/// Bytes of memory the explorer and `tlx list` may hold per byte of the file, the worst measured:
/// 100k events of 36 MB took 7.6 times the file, 64 MiB of short events 14.4 times (968 MB).
pub const MEMORY_PER_BYTE: u64 = 16;

/// The default cap is never lowered below this, so a busy machine still opens an ordinary timeline.
pub const MIN_DEFAULT_MAX_SIZE: u64 = 64 << 20;

/// The default size cap on a machine with `available` bytes of memory free (`None`: unknown): the
/// largest file whose load fits in that memory, at most [`DEFAULT_MAX_SIZE`] and at least
/// [`MIN_DEFAULT_MAX_SIZE`]. A file over it is refused before it is read, rather than read until
/// the machine swaps or the kernel kills tlx.
pub fn default_max_size(available: Option<u64>) -> u64 {
    available.map_or(DEFAULT_MAX_SIZE, |bytes| {
        (bytes / MEMORY_PER_BYTE).clamp(MIN_DEFAULT_MAX_SIZE, DEFAULT_MAX_SIZE)
    })
}

/// The memory the system says it could give now without swapping (Linux's `MemAvailable`).
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find_map(|l| l.strip_prefix("MemAvailable:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    kib.checked_mul(1024)
}

/// The cap on the files tlx reads besides timelines (bookmark sidecars, the config): 64 MiB holds
/// notes on a million events, and stops a sidecar that is really a disk image or an endless device
/// from taking the memory.
pub const SIDE_FILE_MAX: u64 = 64 << 20;

/// How much is read between two reports of progress, and the piece each reading thread takes.
const CHUNK: usize = 8 << 20;

/// Files of at least this size are mapped rather than read (on Linux): below it the copy costs
/// little, and a mapping's guard (see [`super::mapped`]) is not worth its slot.
const MAP_FROM: u64 = 16 << 20;

/// Files of fewer chunks than this are read on one thread: sharing the work would gain little.
#[cfg(unix)]
const PARALLEL_CHUNKS: usize = 2;

/// Why a file could not be read as text.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The operating system refused.
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
    /// A directory, FIFO, device...
    #[error("it is not a regular file (a directory, pipe or device?); give tlx a timeline file")]
    NotAFile,
    /// Over the size cap.
    #[error(
        "it is larger than {cap} bytes, the size cap (tlx needs up to {MEMORY_PER_BYTE} times a file's size in memory; by default the cap is a sixteenth of the free memory, at most 2G); if it is a timeline and the memory is there, raise the cap with --max-size SIZE (e.g. --max-size 4G)"
    )]
    TooLarge {
        /// The cap in force.
        cap: u64,
    },
    /// NUL bytes where text would begin: binary data, or a file never written (zeros).
    #[error("it is not a text file (it starts with NUL bytes); give tlx a timeline file")]
    NotText,
    /// A UTF-16 byte order mark or NUL-interleaved text.
    #[error("it is UTF-16 text; save it as UTF-8 (most editors offer this in \"Save with encoding\")")]
    Utf16,
    /// Bytes that are not UTF-8.
    #[error("it is not UTF-8: invalid byte at {line}:{col} (byte offset {offset}); save it as UTF-8")]
    NotUtf8 {
        /// 1-based line of the bad byte.
        line: usize,
        /// 1-based column (in characters) of the bad byte.
        col: usize,
        /// Byte offset of the bad byte.
        offset: usize,
    },
}

/// Reads a timeline file of at most `max_size` bytes as UTF-8 text, as [`read_text`] does; a
/// large one is mapped rather than copied (on Linux, see [`super::mapped`]).
pub fn read_timeline(path: &Path, max_size: u64, read: Option<&AtomicU64>) -> Result<Text, ReadError> {
    read_timeline_from(path, max_size, read, MAP_FROM, CHUNK)
}

/// [`read_timeline`], mapping a file from `map_from` bytes on, with the size of a chunk given, so
/// that tests can map small files.
fn read_timeline_from(
    path: &Path,
    max_size: u64,
    read: Option<&AtomicU64>,
    #[cfg_attr(not(target_os = "linux"), expect(unused_variables))] map_from: u64,
    chunk: usize,
) -> Result<Text, ReadError> {
    let (file, len) = open_capped(path, max_size)?;
    #[cfg(target_os = "linux")]
    if len >= map_from
        && let Some(text) = map_text(&file, len, read, chunk)?
    {
        return Ok(text);
    }
    read_opened(&file, len, max_size, read, chunk).map(Text::from)
}

/// Maps `file`, of `len` bytes when opened, and checks it as UTF-8, `chunk` bytes at a time on
/// rayon's threads, counting them in `read`. `None` when it cannot be mapped or changed size
/// since it was opened: the caller reads it.
#[cfg(target_os = "linux")]
fn map_text(file: &File, len: u64, read: Option<&AtomicU64>, chunk: usize) -> Result<Option<Text>, ReadError> {
    let Ok(len) = usize::try_from(len) else {
        return Ok(None);
    };
    let Some(map) = crate::mapped::Mapped::new(file, len) else {
        return Ok(None);
    };
    if file.metadata()?.len() != len as u64 {
        return Ok(None);
    }
    let bytes = map.bytes();
    refuse_not_utf8_text(bytes)?;
    if let Some(offset) = first_not_utf8(bytes, chunk, read) {
        return Err(not_utf8(bytes, offset));
    }
    let start = if bytes.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
    // Cut short while checked: what is mapped is no longer the file.
    Ok((!map.cut()).then(|| Text::mapped(map, start)))
}

/// Where `bytes` stop being UTF-8, or `None` when they are UTF-8 throughout: checked in pieces of
/// about `chunk` bytes on rayon's threads, each piece counted in `read` once checked. A piece
/// begins where a character does (past at most three continuation bytes), so each piece of
/// UTF-8 text is UTF-8 alone and the first bad byte is found where one pass would find it.
#[cfg(target_os = "linux")]
fn first_not_utf8(bytes: &[u8], chunk: usize, read: Option<&AtomicU64>) -> Option<usize> {
    use rayon::prelude::*;
    let continues = |at: usize| bytes.get(at).is_some_and(|b| b & 0xC0 == 0x80);
    let mut starts: Vec<usize> = (0..bytes.len())
        .step_by(chunk.max(4))
        .map(|at| match at {
            0 => 0,
            at => (at..at + 3)
                .find(|&at| !continues(at))
                .unwrap_or(at + 3)
                .min(bytes.len()),
        })
        .collect();
    starts.push(bytes.len());
    starts.dedup();
    starts
        .par_windows(2)
        .filter_map(|piece| {
            let checked = &bytes[piece[0]..piece[1]];
            // simdutf8 checks the text in half the standard library's instructions, whose check
            // took 6% of the samples of a million events' load; a piece it refuses is read again
            // for where.
            let bad = simdutf8::basic::from_utf8(checked).is_err();
            if let Some(read) = read {
                read.fetch_add(checked.len() as u64, Ordering::Relaxed);
            }
            bad.then(|| std::str::from_utf8(checked).err())
                .flatten()
                .map(|e| piece[0] + e.valid_up_to())
        })
        .min()
}

/// Reads a regular file of at most `max_size` bytes as UTF-8 text.
/// When `read` is given (at zero), it counts the bytes read as they come in.
pub fn read_text(path: &Path, max_size: u64, read: Option<&AtomicU64>) -> Result<String, ReadError> {
    read_text_in_chunks(path, max_size, read, CHUNK)
}

/// [`read_text`] with the size of a chunk given, so that tests can read many chunks of a small file.
fn read_text_in_chunks(
    path: &Path,
    max_size: u64,
    read: Option<&AtomicU64>,
    chunk: usize,
) -> Result<String, ReadError> {
    let (file, len) = open_capped(path, max_size)?;
    read_opened(&file, len, max_size, read, chunk)
}

/// Opens a regular file of at most `max_size` bytes; with its size when opened.
fn open_capped(path: &Path, max_size: u64) -> Result<(File, u64), ReadError> {
    // Checked before opening (opening a device may act on it) and again on the opened file,
    // should the path have been swapped in between. Symlinks are followed, but only to a regular
    // file.
    if !std::fs::metadata(path)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let (file, meta) = open_regular(path)?;
    if meta.len() > max_size {
        return Err(ReadError::TooLarge { cap: max_size });
    }
    Ok((file, meta.len()))
}

/// Reads the whole of `file`, of `len` bytes when opened, as UTF-8 text of at most `max_size`
/// bytes, counting the bytes in `read`.
fn read_opened(
    file: &File,
    len: u64,
    max_size: u64,
    read: Option<&AtomicU64>,
    chunk: usize,
) -> Result<String, ReadError> {
    let bytes = read_bytes(file, len, max_size, read, chunk)?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge { cap: max_size });
    }
    // The UTF-8 check stays on one thread: std's takes about 0.13 s for a 973 MB timeline, a tenth
    // of reading it, and checking pieces on threads would need an unchecked (unsafe) conversion.
    decode(bytes)
}

/// Reads the whole of `file`, whose size was `len` when opened, stopping one byte past
/// `max_size`. A large file is read on several threads at once (on unix): one thread alone spends
/// most of its time copying from the page cache and having the kernel zero the buffer's pages.
fn read_bytes(
    file: &File,
    len: u64,
    max_size: u64,
    read: Option<&AtomicU64>,
    chunk: usize,
) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    if let Ok(len) = usize::try_from(len)
        && len >= PARALLEL_CHUNKS * chunk
    {
        if let Some(mut bytes) = read_in_parallel(file, len, read, chunk)? {
            // Read on from where the file ended when opened, as one thread would, should it have
            // grown since: this also meets the cap, and tells a file at it from one past it.
            (&*file).seek(SeekFrom::Start(len as u64))?;
            read_rest(file, &mut bytes, max_size, read, chunk)?;
            return Ok(bytes);
        }
        // It shrank while read: some pieces were not filled. Read it again on one thread.
        (&*file).seek(SeekFrom::Start(0))?;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or_default());
    read_rest(file, &mut bytes, max_size, read, chunk)?;
    Ok(bytes)
}

/// Appends what remains of `file` from its position to `bytes`, until the end or one byte past
/// `max_size` in all (saturating: `--max-size` takes any u64).
fn read_rest(
    file: &File,
    bytes: &mut Vec<u8>,
    max_size: u64,
    read: Option<&AtomicU64>,
    chunk: usize,
) -> std::io::Result<()> {
    let room = max_size.saturating_add(1).saturating_sub(bytes.len() as u64);
    let mut file = file.take(room);
    while file.by_ref().take(chunk as u64).read_to_end(bytes)? > 0 {
        if let Some(read) = read {
            // The maximum keeps the count from going back when a file that shrank is read again.
            read.fetch_max(bytes.len() as u64, Ordering::Relaxed);
        }
    }
    Ok(())
}

/// Reads the first `len` bytes of `file` on rayon's threads, each chunk into its own slice of the
/// buffer. `None` if the file ended before `len` (it shrank): the chunks past its end hold zeros
/// that were never in the file.
#[cfg(unix)]
fn read_in_parallel(
    file: &File,
    len: usize,
    read: Option<&AtomicU64>,
    chunk: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    use rayon::prelude::*;
    use std::os::unix::fs::FileExt;
    // Zeroed, the buffer is fresh pages the kernel zeroes as each is first written: on the
    // thread writing it, so the zeroing too is spread over the threads.
    let mut bytes = vec![0u8; len];
    let whole = bytes
        .par_chunks_mut(chunk)
        .enumerate()
        .map(
            |(index, piece)| match file.read_exact_at(piece, (index * chunk) as u64) {
                Ok(()) => {
                    if let Some(read) = read {
                        read.fetch_add(piece.len() as u64, Ordering::Relaxed);
                    }
                    Ok(true)
                }
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
                Err(e) => Err(e),
            },
        )
        .try_reduce(|| true, |a, b| Ok(a && b))?;
    Ok(whole.then_some(bytes))
}

/// Opens a file that must be regular. O_NONBLOCK keeps a FIFO from blocking the open until a
/// writer comes (it is then refused); on a regular file it changes nothing.
fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), ReadError> {
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    open.custom_flags(libc::O_NONBLOCK);
    let file = open.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok((file, meta))
}

/// Decodes bytes as UTF-8, dropping a byte order mark.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    refuse_not_utf8_text(&bytes)?;
    let mut text = String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Refuses bytes that begin as no UTF-8 text does: NULs, or UTF-16.
fn refuse_not_utf8_text(bytes: &[u8]) -> Result<(), ReadError> {
    // Two NULs in a row are not UTF-16 text of any script tlx could have been given.
    if bytes.starts_with(&[0, 0]) {
        return Err(ReadError::NotText);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_like_utf16(bytes) {
        return Err(ReadError::Utf16);
    }
    Ok(())
}

/// The error for `bytes`, UTF-8 up to `offset` and not at it.
fn not_utf8(bytes: &[u8], offset: usize) -> ReadError {
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let col = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    ReadError::NotUtf8 { line, col, offset }
}

/// UTF-16 without a byte order mark: ASCII text with every other byte NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    let odd_nul = head.iter().skip(1).step_by(2).all(|&b| b == 0);
    let even_nul = head.iter().step_by(2).all(|&b| b == 0);
    head.len() >= 4 && (odd_nul || even_nul)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_default_cap_is_what_the_free_memory_holds_between_64_mib_and_2_gib() {
        const GIB: u64 = 1 << 30;
        assert_eq!(default_max_size(None), DEFAULT_MAX_SIZE, "unknown memory");
        assert_eq!(default_max_size(Some(64 * GIB)), 2 * GIB, "plenty: the 2 GiB cap");
        assert_eq!(
            default_max_size(Some(4 * GIB)),
            GIB / 4,
            "4 GiB free holds a 256 MiB file"
        );
        assert_eq!(default_max_size(Some(GIB / 4)), 64 << 20, "never under 64 MiB");
        assert_eq!(default_max_size(Some(0)), 64 << 20);
        assert!(available_memory().is_some_and(|m| m > 0), "Linux reports MemAvailable");
    }

    #[test]
    fn the_cap_message_says_what_the_cap_means_in_memory_and_how_to_raise_it() {
        let message = ReadError::TooLarge { cap: 10 }.to_string();
        assert!(message.contains("16 times a file's size in memory"), "{message}");
        assert!(message.contains("raise the cap with --max-size"), "{message}");
    }

    /// Makes a FIFO at `path` (inside a test's temporary directory).
    pub(crate) fn mkfifo(path: &Path) {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .unwrap()
                .success()
        );
    }

    #[test]
    fn accepts_utf8_with_or_without_bom() {
        assert_eq!(decode(b"a = 1".to_vec()).unwrap(), "a = 1");
        assert_eq!(decode(b"\xEF\xBB\xBFa = 1".to_vec()).unwrap(), "a = 1");
    }

    #[test]
    fn a_file_of_nul_bytes_is_not_text() {
        assert!(matches!(decode(vec![0; 1000]), Err(ReadError::NotText)));
        assert!(matches!(decode(vec![0, 0]), Err(ReadError::NotText)));
    }

    #[test]
    fn refuses_utf16_with_and_without_bom() {
        let utf16: Vec<u8> = "[timeline]".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(decode(utf16.clone()), Err(ReadError::Utf16)));
        let with_bom = [&[0xFF, 0xFE][..], &utf16].concat();
        assert!(matches!(decode(with_bom), Err(ReadError::Utf16)));
    }

    #[test]
    fn locates_invalid_utf8() {
        let err = decode(b"a = 1\nb = \"\xC3\x28\"".to_vec()).unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::NotUtf8 {
                    line: 2,
                    col: 6,
                    offset: 11
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("2:6"));
    }

    #[test]
    fn refuses_files_over_the_size_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        assert!(matches!(
            read_text(&path, 10, None),
            Err(ReadError::TooLarge { cap: 10 })
        ));
        assert_eq!(read_text(&path, 100, None).unwrap().len(), 100);
        assert_eq!(read_text(&path, u64::MAX, None).unwrap().len(), 100);
    }

    #[test]
    fn the_cap_holds_while_reading_a_file_that_says_it_is_empty() {
        // Files in /proc report a size of 0 and then produce text, like a file that grows.
        let maps = Path::new("/proc/self/maps");
        assert_eq!(std::fs::metadata(maps).unwrap().len(), 0);
        assert!(matches!(
            read_text(maps, 16, None),
            Err(ReadError::TooLarge { cap: 16 })
        ));
    }

    #[test]
    fn refuses_a_fifo_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        mkfifo(&fifo);
        assert!(matches!(
            read_text(&fifo, DEFAULT_MAX_SIZE, None),
            Err(ReadError::NotAFile)
        ));
    }

    #[test]
    fn a_fifo_swapped_in_after_the_check_does_not_block_the_open() {
        // What the pre-check cannot see: the open itself must not wait for a writer.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        mkfifo(&fifo);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(matches!(open_regular(&fifo), Err(ReadError::NotAFile))));
        // Only a failing run waits out the timeout: a blocked open never answers.
        let refused = rx.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(refused, Ok(true), "the open waited for a writer");
    }

    #[test]
    fn refuses_a_symlink_to_a_fifo_or_a_device() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let link = dir.path().join("t.toml.tlx-notes.toml");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(matches!(
            read_text(&link, SIDE_FILE_MAX, None),
            Err(ReadError::NotAFile)
        ));
        // A character device of our own, where the tests may make one (as root, in CI).
        let device = dir.path().join("zero");
        let c_path = std::ffi::CString::new(device.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path inside the temporary directory; 1,5 is the zero device.
        let made = unsafe { libc::mknod(c_path.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(1, 5)) } == 0;
        if made {
            let link = dir.path().join("dev.tlx-notes.toml");
            std::os::unix::fs::symlink(&device, &link).unwrap();
            assert!(matches!(
                read_text(&link, SIDE_FILE_MAX, None),
                Err(ReadError::NotAFile)
            ));
        }
    }

    /// Text of `chunks` chunks of `chunk` bytes and a few more, in lines, with "é" (two bytes)
    /// across the end of the first chunk.
    fn text_across_chunks(chunk: usize, chunks: usize) -> String {
        let mut text = String::new();
        while text.len() < chunk - 1 {
            text.push_str(&format!("line {} = \"x\"\n", text.len()));
        }
        text.truncate(chunk - 1);
        text.push('é');
        while text.len() < chunk * chunks + 5 {
            text.push_str(&format!("after {}\n", text.len()));
        }
        text
    }

    #[test]
    fn a_file_of_many_chunks_reads_back_whole_with_a_character_across_a_chunk_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.toml");
        let chunk = 4096;
        let text = text_across_chunks(chunk, 9);
        assert_eq!(&text.as_bytes()[chunk - 1..=chunk], "é".as_bytes());
        std::fs::write(&path, &text).unwrap();
        let read = AtomicU64::new(0);
        let back = read_text_in_chunks(&path, u64::MAX, Some(&read), chunk).unwrap();
        assert!(back == std::fs::read_to_string(&path).unwrap(), "not the file's text");
        assert_eq!(read.into_inner(), text.len() as u64, "every byte counted once");
    }

    #[test]
    fn a_file_over_the_threshold_reads_back_as_std_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.toml");
        std::fs::write(&path, text_across_chunks(CHUNK, PARALLEL_CHUNKS)).unwrap();
        let back = read_text(&path, u64::MAX, None).unwrap();
        assert!(back.as_bytes() == std::fs::read(&path).unwrap(), "not the file's bytes");
    }

    #[test]
    fn locates_invalid_utf8_past_the_first_chunk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        let chunk = 4096;
        let mut bytes = "a = 1\n".repeat(3 * chunk / 6).into_bytes();
        let offset = bytes.len();
        bytes.extend_from_slice(b"b = \xC3\x28\n");
        bytes.extend_from_slice(&b"c = 2\n".repeat(chunk));
        std::fs::write(&path, &bytes).unwrap();
        let err = read_text_in_chunks(&path, u64::MAX, None, chunk).unwrap_err();
        let (line, col, offset) = (3 * chunk / 6 + 1, 5, offset + 4);
        assert!(
            matches!(err, ReadError::NotUtf8 { line: l, col: c, offset: o } if (l, c, o) == (line, col, offset)),
            "{err:?}, expected {line}:{col} at {offset}"
        );
    }

    #[test]
    fn the_cap_holds_for_a_file_of_many_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let chunk = 4096;
        std::fs::write(&path, "x".repeat(10 * chunk + 1)).unwrap();
        let len = 10 * chunk as u64 + 1;
        assert!(matches!(
            read_text_in_chunks(&path, len - 1, None, chunk),
            Err(ReadError::TooLarge { cap }) if cap == len - 1
        ));
        assert_eq!(read_text_in_chunks(&path, len, None, chunk).unwrap().len() as u64, len);
    }

    #[test]
    fn a_file_that_grew_or_shrank_since_it_was_opened_is_read_as_it_now_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("moving.toml");
        let chunk = 4096;
        let bytes: Vec<u8> = (0..10 * chunk).map(|n| b'a' + (n % 26) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let file = File::open(&path).unwrap();
        let whole = bytes.len() as u64;
        // The size seen at the open, against the file read: less when it grew since, more when
        // it shrank (the pieces past its end must not come back as zeros).
        for seen in [whole - 1, 2 * chunk as u64, whole + 1, 20 * chunk as u64] {
            let read = AtomicU64::new(0);
            let back = read_bytes(&file, seen, u64::MAX, Some(&read), chunk).unwrap();
            assert!(back == bytes, "read as {} bytes for {seen} seen", back.len());
            assert!(read.into_inner() >= whole, "every byte counted, for {seen} seen");
        }
        // Grown past the cap while read: one byte past it, which the caller refuses.
        let back = read_bytes(&file, 2 * chunk as u64, whole - 10, None, chunk).unwrap();
        assert_eq!(back.len() as u64, whole - 9);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mapped_file_reads_back_whole_every_byte_counted_with_a_character_across_a_chunk_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mapped.toml");
        let chunk = 4096;
        let text = text_across_chunks(chunk, 9);
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        let read = AtomicU64::new(0);
        let back = read_timeline_from(&path, u64::MAX, Some(&read), 0, chunk).unwrap();
        assert!(back.is_mapped());
        assert!(*back == *text, "not the file's text without its byte order mark");
        assert_eq!(read.into_inner(), text.len() as u64 + 3, "every byte counted once");
        assert!(back.intact().is_ok());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mapped_file_is_refused_as_a_read_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        let chunk = 4096;
        let mut bytes = "a = 1\n".repeat(3 * chunk / 6).into_bytes();
        bytes.extend_from_slice(b"b = \xC3\x28\n");
        bytes.extend_from_slice(&b"c = 2\n".repeat(chunk));
        std::fs::write(&path, &bytes).unwrap();
        let mapped = read_timeline_from(&path, u64::MAX, None, 0, chunk).unwrap_err();
        let read = read_text_in_chunks(&path, u64::MAX, None, chunk).unwrap_err();
        assert_eq!(format!("{mapped:?}"), format!("{read:?}"));
        let utf16: Vec<u8> = "[timeline]".encode_utf16().flat_map(u16::to_le_bytes).collect();
        std::fs::write(&path, utf16).unwrap();
        assert!(matches!(
            read_timeline_from(&path, u64::MAX, None, 0, chunk),
            Err(ReadError::Utf16)
        ));
        std::fs::write(&path, "x".repeat(100)).unwrap();
        assert!(matches!(
            read_timeline_from(&path, 99, None, 0, chunk),
            Err(ReadError::TooLarge { cap: 99 })
        ));
        assert!(
            !read_timeline_from(&path, u64::MAX, None, 101, chunk)
                .unwrap()
                .is_mapped(),
            "under the size mapped from"
        );
        assert!(matches!(
            read_timeline_from(dir.path(), u64::MAX, None, 0, chunk),
            Err(ReadError::NotAFile)
        ));
    }

    #[cfg(target_os = "linux")]
    use proptest::prelude::*;

    #[cfg(target_os = "linux")]
    proptest! {
        /// Checked in pieces on threads, bytes are UTF-8 exactly when they are in one pass, and
        /// the first bad byte is the one a single pass finds.
        #[test]
        fn utf8_checked_in_pieces_is_utf8_checked_whole(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::string::string_regex("[a-zé€😀\n]{0,12}").unwrap().prop_map(String::into_bytes),
                    proptest::collection::vec(proptest::num::u8::ANY, 0..4),
                ],
                0..40,
            ),
            chunk in 1usize..16,
        ) {
            let bytes = parts.concat();
            let whole = std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to());
            prop_assert_eq!(first_not_utf8(&bytes, chunk, None), whole);
        }
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_text(dir.path(), DEFAULT_MAX_SIZE, None),
            Err(ReadError::NotAFile)
        ));
    }
}
