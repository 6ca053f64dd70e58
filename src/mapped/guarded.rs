//! A large timeline's bytes mapped into memory rather than copied. Its pages are the page
//! cache's: they count in tlx's resident memory as file pages, not as its own (anonymous) memory,
//! the kernel can drop them under pressure, and nothing is copied before the parse begins.
//!
//! A mapped file that another program truncates raises SIGBUS where tlx reads past its new end,
//! which would end tlx with the terminal still raw. A guard catches that fault instead: the
//! mapping's pages from the fault on are replaced by zeros, so the read goes on over bytes that
//! are still UTF-8, and the mapping is marked cut. A reader that finds its text cut reports that
//! the file changed while it was read and keeps nothing it made from it.
//!
//! A mapping may also be lent for good ([`Mapped::lend`], see [`super`]).

use std::fs::File;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Files mapped at once, at most; a file read while all are taken is copied as a small one is.
const SLOTS: usize = 64;

/// Where one live mapping lies, for the fault handler, which may not take a lock or allocate.
struct Slot {
    start: AtomicUsize,
    end: AtomicUsize,
    cut: AtomicBool,
}

static LIVE: [Slot; SLOTS] = [const {
    Slot {
        start: AtomicUsize::new(0),
        end: AtomicUsize::new(0),
        cut: AtomicBool::new(false),
    }
}; SLOTS];
/// Held while a slot is taken or given back; the handler only reads.
static TAKING: Mutex<()> = Mutex::new(());
static PAGE: AtomicUsize = AtomicUsize::new(0);

/// A file's bytes, mapped read-only, guarded against truncation.
pub struct Mapped {
    map: memmap2::Mmap,
    slot: usize,
}

impl Mapped {
    /// Maps the first `len` bytes of `file` (its size when opened). `None` when it cannot be
    /// mapped or guarded (the caller reads it instead).
    pub fn new(file: &File, len: usize) -> Option<Mapped> {
        if len == 0 || !guard::install() {
            return None;
        }
        // SAFETY: the map is read only through `bytes`, whose callers accept bytes that change
        // under them (they are checked as UTF-8 once, and a cut is caught by the guard and told).
        let map = unsafe { memmap2::MmapOptions::new().len(len).map(file) }.ok()?;
        let _taking = TAKING.lock().unwrap_or_else(|e| e.into_inner());
        let slot = LIVE.iter().position(|s| s.start.load(Ordering::Acquire) == 0)?;
        let start = map.as_ptr() as usize;
        LIVE[slot].cut.store(false, Ordering::Release);
        LIVE[slot].end.store(start + len, Ordering::Release);
        LIVE[slot].start.store(start, Ordering::Release);
        Some(Mapped { map, slot })
    }

    /// The file's bytes as mapped; zeros from where it was cut, if it was.
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// True when the file was truncated under the mapping and a read went past its new end.
    pub fn cut(&self) -> bool {
        LIVE[self.slot].cut.load(Ordering::Acquire)
    }

    /// Keeps this mapping until the process ends, so that text read from it may be lent out
    /// ([`super::lent`]); false when [`super::LENT`] mappings are lent already.
    pub fn lend(this: &Arc<Mapped>) -> bool {
        if super::holds(this.bytes()) {
            return true;
        }
        let Some(slot) = super::taken_for_good() else {
            return false;
        };
        // SAFETY: a count of the mapping is kept for good (never given back), so it is never
        // dropped and its bytes stay mapped as long as the process lives.
        let kept: &'static Mapped = unsafe { &*Arc::into_raw(Arc::clone(this)) };
        super::lent_for_good(slot, kept.bytes());
        true
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // Given back before the map is unmapped, so the handler never acts on a range reused.
        let _taking = TAKING.lock().unwrap_or_else(|e| e.into_inner());
        LIVE[self.slot].start.store(0, Ordering::Release);
        LIVE[self.slot].end.store(0, Ordering::Release);
    }
}

impl std::fmt::Debug for Mapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapped")
            .field("len", &self.map.len())
            .field("cut", &self.cut())
            .finish()
    }
}

mod guard {
    use super::{LIVE, Ordering, PAGE};
    use std::sync::OnceLock;

    /// The SIGBUS action before the guard's, for a fault that is not in a mapping.
    static PREVIOUS: OnceLock<libc::sigaction> = OnceLock::new();

    /// Installs the handler once; false if it could not be.
    pub(super) fn install() -> bool {
        PREVIOUS
            .get_or_init(|| {
                // SAFETY: plain libc calls on zeroed structs that they fill in.
                unsafe {
                    let page = libc::sysconf(libc::_SC_PAGESIZE);
                    PAGE.store(usize::try_from(page).unwrap_or(4096), Ordering::Release);
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_sigbus as *const () as libc::sighandler_t;
                    action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                    libc::sigemptyset(&mut action.sa_mask);
                    let mut previous: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(libc::SIGBUS, &action, &mut previous) != 0 {
                        previous.sa_sigaction = usize::MAX;
                    }
                    previous
                }
            })
            .sa_sigaction
            != usize::MAX
    }

    /// Async-signal-safe: reads atomics and makes system calls only.
    extern "C" fn on_sigbus(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
        // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
        let at = unsafe { (*info).si_addr() } as usize;
        let page = PAGE.load(Ordering::Acquire);
        for slot in &LIVE {
            let (start, end) = (slot.start.load(Ordering::Acquire), slot.end.load(Ordering::Acquire));
            if start != 0 && (start..end).contains(&at) {
                let from = at - at % page;
                // SAFETY: the range lies inside a live mapping of tlx's own (its slot is given
                // back before it is unmapped); zeros replace what can no longer be read.
                let zeros = unsafe {
                    libc::mmap(
                        from as *mut libc::c_void,
                        end - from,
                        libc::PROT_READ,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                        -1,
                        0,
                    )
                };
                if zeros != libc::MAP_FAILED {
                    slot.cut.store(true, Ordering::Release);
                    return;
                }
            }
        }
        // Not ours, or not mended: the action before ours takes the fault, which comes again on
        // return.
        if let Some(previous) = PREVIOUS.get() {
            // SAFETY: restoring the action the guard replaced.
            unsafe { libc::sigaction(libc::SIGBUS, previous, std::ptr::null_mut()) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn a_mapped_file_reads_as_written() {
        let text = "é".repeat(10_000);
        let (_dir, path) = file_of(text.as_bytes());
        let file = File::open(&path).unwrap();
        let mapped = Mapped::new(&file, text.len()).unwrap();
        assert_eq!(mapped.bytes(), text.as_bytes());
        assert!(!mapped.cut());
    }

    #[test]
    fn a_file_truncated_under_its_mapping_reads_as_zeros_past_the_cut_and_is_marked_cut() {
        // A page of every size in use (4, 16 or 64 KiB).
        let page = 64 << 10;
        let (_dir, path) = file_of(&vec![b'a'; page * 3]);
        let file = File::open(&path).unwrap();
        let mapped = Mapped::new(&file, page * 3).unwrap();
        assert_eq!(mapped.bytes()[0], b'a', "a page read before the cut stays as read");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(page as u64)
            .unwrap();
        // Without the guard this read ends the test process with SIGBUS.
        let past = mapped.bytes()[page * 2 + 10];
        assert_eq!(past, 0);
        assert!(mapped.cut());
        assert!(mapped.bytes()[page * 2..].iter().all(|&b| b == 0));
    }

    #[test]
    fn slots_are_given_back_and_reused() {
        let (_dir, path) = file_of(b"abc");
        let file = File::open(&path).unwrap();
        for _ in 0..SLOTS * 2 {
            let mapped = Mapped::new(&file, 3).unwrap();
            assert_eq!(mapped.bytes(), b"abc");
        }
    }
}
