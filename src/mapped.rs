//! Files mapped into memory (on Linux, [`Mapped`]), and the few lent for good: a mapping lent
//! stays mapped until the process ends, so that the events read from it hold slices of its prose
//! rather than copies ([`prose`]); a million events' text is most of their memory.
//!
//! What lending costs: a file cut after it was read reads as zeros in those slices until it is
//! loaded again, and one replaced stays on disk, unnamed, until tlx ends. So only [`LENT`] are
//! lent at once, and the files read after them are copied as before.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::Text;

#[cfg(target_os = "linux")]
mod guarded;
#[cfg(target_os = "linux")]
pub use guarded::Mapped;

/// Mappings lent for good at most: each holds its file's pages, and a replaced file's disk
/// space, until the process ends (the explorer's first load and seven reloads of large files).
const LENT: usize = 8;

/// A slot claimed and not yet given its range.
const CLAIMED: usize = 1;

/// Where each mapping lent for good lies (start and end); an unused slot's start is 0. A slot,
/// once claimed, is never given back: nothing lent from it may outlive it.
static LENT_AT: [(AtomicUsize, AtomicUsize); LENT] = [const { (AtomicUsize::new(0), AtomicUsize::new(0)) }; LENT];

/// Claims a slot for a mapping to be lent for good; `None` when all are taken.
#[cfg_attr(not(target_os = "linux"), expect(dead_code))]
fn taken_for_good() -> Option<usize> {
    LENT_AT.iter().position(|(start, _)| {
        start
            .compare_exchange(0, CLAIMED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    })
}

/// Records that `bytes`, which stay mapped until the process ends, are lent from `slot`.
#[cfg_attr(not(target_os = "linux"), expect(dead_code))]
fn lent_for_good(slot: usize, bytes: &'static [u8]) {
    let range = bytes.as_ptr_range();
    let (start, end) = &LENT_AT[slot];
    end.store(range.end as usize, Ordering::Release);
    start.store(range.start as usize, Ordering::Release);
}

/// The start and end of each slot claimed so far. Slots are claimed first to last and never given
/// back, so the first unused one ends them: a reader of a file not lent (a check, an export),
/// asking of each of its strings, looked at all eight slots each time.
fn claimed() -> impl Iterator<Item = (usize, usize)> {
    let starts = LENT_AT.iter().map(|(start, end)| (start.load(Ordering::Acquire), end));
    starts
        .take_while(|&(start, _)| start != 0)
        .map(|(start, end)| (start, end.load(Ordering::Acquire)))
}

/// True when `bytes` lie in a mapping lent for good.
fn holds(bytes: &[u8]) -> bool {
    let range = bytes.as_ptr_range();
    let (from, to) = (range.start as usize, range.end as usize);
    claimed().any(|(start, end)| start > CLAIMED && start <= from && to <= end)
}

/// The whole mapping lent for good that `text` lies in, for a reader that looks through all of it
/// (a search of the bytes as written).
pub fn lent_whole(text: &str) -> Option<&'static [u8]> {
    let at = text.as_ptr() as usize;
    claimed().find_map(|(start, end)| {
        // SAFETY: as in `lent`: the slot's range stays mapped until the process ends.
        (start > CLAIMED && start <= at && at + text.len() <= end)
            .then(|| unsafe { std::slice::from_raw_parts(start as *const u8, end - start) })
    })
}

/// `text` for the rest of the process, when it lies in a mapping lent for good.
pub fn lent(text: &str) -> Option<&'static str> {
    // SAFETY: the text lies in bytes that stay mapped until the process ends (a mapping lent for
    // good keeps a count of itself for good, and its slot is never given back).
    holds(text.as_bytes()).then(|| unsafe { &*std::ptr::from_ref::<str>(text) })
}

/// A field of prose (a title, a summary, a quote, a URL) or an event's id read from `s`: lent by
/// the file when `s` lies in one mapped for good, so that a large file's events do not copy
/// their text; else a copy. Names (tags, outlets, deniers) are not lent even then: the passes
/// over every event (evidence, filters, the knowledge date, the matrix) read them all, and names
/// packed together read faster than slices scattered over the file (a filter at 1M events took
/// a third longer); they are kept once for all records ([`crate::model::Name::shared`]).
pub fn prose(s: &str) -> Text {
    match lent(s) {
        Some(s) => Text::lent(s),
        None => s.into(),
    }
}
