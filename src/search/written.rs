//! A search of a file's bytes as written, before the events' fields: a word in a few events of
//! a million is found by one pass over the mapped file (memory read in order, a block of bytes
//! tested at a time: see `Pair`) rather than ten calls for each event on text scattered over
//! the heap, which took 300 ms at a million events. Only the events whose stretch of the file
//! holds the word are then searched as before, so the hits are exactly the full search's.
//!
//! This holds for a file whose events are each written in one stretch (TOML's `[[events]]`
//! tables) or in runs of rows the reader placed (CSV: [`Layout`]), and only for what is written
//! there as it is read: the caller leaves out dates searched as they are shown and actors' names
//! from the `[actors]` table, and every event whose text was changed to be shown, could not be
//! placed or was put together by the reader counts as a candidate. What else the reader changes
//! is an escape, and Unicode's lowercasing finds an ASCII needle in two characters beyond ASCII,
//! so the events whose stretch holds a backslash or either are searched whatever the needle.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use memchr::memchr3_iter;
use rayon::prelude::*;

use super::Needle;
use crate::loaded::{Anchors, Layout, Plain};
use crate::model::{Actor, Text, Timeline};

mod place;
pub use place::Place;

/// How much of a file one piece of a search reads.
const PIECE: usize = 4 << 20;

/// The share of the events beyond which a word is too common for this search to pay: every
/// event would be searched again. It stops there and the caller searches every event. (A
/// stretch found is counted with its neighbour, so this stops at about a sixteenth.)
const TOO_COMMON: usize = 8;

/// Where each event's text lies in the mapped files it was read from.
#[derive(Clone)]
pub struct Stretches {
    /// Each placed event's first byte of prose in its file (a table's), or the first byte of a
    /// run of its rows, with its index, in address order. A stretch begins at or before its
    /// anchor and ends before the next's (see [`Tally::mark`]).
    anchors: Anchors,
    /// Events searched whatever the needle: those none of whose prose lies in a mapped file,
    /// those changed to be shown or put together by the reader, and those whose stretch holds
    /// an escape or a character that lowercases to ASCII ([`FOLDS`]).
    always: Vec<u32>,
    /// The mapped files the anchors lie in.
    files: Vec<&'static [u8]>,
    /// How often each byte comes in samples of the files, to look for a needle's rarest byte
    /// first: in a TOML file `q` is in every `quote` key, unlike in English.
    counts: [u32; 256],
    /// True for CSV rows, where a double quote in a quoted cell is written twice: a needle that
    /// holds one is not looked for as written.
    quoted: bool,
}

impl std::fmt::Debug for Stretches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stretches")
            .field("anchors", &self.anchors.len())
            .field("always", &self.always.len())
            .field("files", &self.files.len())
            .finish()
    }
}

/// A needle as it would be written in a file: see [`crate::search::Needle::as_written`].
#[derive(Debug, Clone)]
pub struct Written<'a> {
    /// The needle's bytes, lowercased unless `exact`.
    pub bytes: &'a [u8],
    /// True for a case-sensitive needle; else it is ASCII, matched in any case.
    pub exact: bool,
}

impl Written<'_> {
    /// True when `bytes` (of the needle's length) are the needle.
    fn is(&self, bytes: &[u8]) -> bool {
        match self.exact {
            true => bytes == self.bytes,
            false => bytes.eq_ignore_ascii_case(self.bytes),
        }
    }
}

impl Stretches {
    /// Places the events of `timeline` as the file it was read from lays them out; `None` when
    /// that is not known. `changed` are the events changed to be shown, whose text as shown is
    /// not what the file says.
    pub fn of(timeline: &Timeline, layout: Layout, changed: impl IntoIterator<Item = usize>) -> Option<Stretches> {
        let mut changed: Vec<usize> = changed.into_iter().collect();
        changed.sort_unstable();
        let (places, quoted, plain) = match layout {
            Layout::Unknown => return None,
            Layout::Tables(plain) => (tables(timeline, &changed), false, plain),
            Layout::Rows(rows) => {
                let always = changed.iter().map(|&i| i as u32).collect();
                let (anchors, files) = (rows.runs, vec![rows.file]);
                (Places { anchors, always, files }, true, rows.plain)
            }
        };
        let Places { anchors, always, files } = places;
        let counts = sampled(&files);
        let mut stretches = Stretches {
            anchors,
            always,
            files,
            counts,
            quoted,
        };
        // What a search of the bytes would miss: in the events the reader did not see plain, or,
        // when it did not say, where an odd byte is.
        match plain {
            Plain::AllBut(not) => stretches.always.extend(not),
            // On every core, as the file loads: nothing can be waiting for it yet.
            Plain::Unknown => {
                let marked: Vec<Vec<u32>> = (stretches.pieces().into_par_iter())
                    .map(|(file, range)| {
                        let mut tally = Tally::new(&stretches, None);
                        stretches.scan(file, range, &Odd, &mut tally);
                        tally.marks
                    })
                    .collect();
                stretches.always.extend(marked.into_iter().flatten());
            }
        }
        Some(stretches)
    }

    /// Which events of `timeline` (the one these stretches are of) may match a query every
    /// match of which holds each of `required`: those whose stretch holds the longest that a
    /// file can be searched for, and those always searched. `None` when that cannot tell (no
    /// such needle, one in an actor's name or alias, no event placed), when `stop` says so, or
    /// when the needle is in so many events that searching them again would cost more than it
    /// saves.
    pub fn candidates(
        &self,
        timeline: &Timeline,
        required: &[&Needle],
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<bool>> {
        let (needle, written) = (required.iter())
            .filter_map(|n| Some((n, n.as_written()?)))
            .filter(|(_, w)| !(self.quoted && w.bytes.contains(&b'"')))
            .max_by_key(|(_, w)| w.bytes.len())?;
        // An actor's name or alias is searched in the `[actors]` table, not in the events.
        let named = |a: &Actor| std::iter::once(&a.name).chain(&a.aliases).any(|n| needle.is_in(n));
        if self.anchors.is_empty() || timeline.actors.values().any(named) {
            return None;
        }
        let needle = &written;
        let events = timeline.events.len();
        let found = AtomicUsize::new(0);
        let limit = events / TOO_COMMON;
        let count = |b: u8| match needle.exact {
            true => self.counts[usize::from(b)],
            false => {
                self.counts[usize::from(b.to_ascii_lowercase())] + self.counts[usize::from(b.to_ascii_uppercase())]
            }
        };
        let find = Pair::new(needle, count)?;
        // A word in most events shows in the first piece: that alone tells it is too common,
        // before the cores are given to it.
        let (file, first) = (self.files[0], 0..self.files[0].len().min(PIECE));
        let mut sample = Tally::new(self, None);
        self.scan(file, first.clone(), &find, &mut sample);
        let bytes: usize = self.files.iter().map(|f| f.len()).sum();
        if sample.marks.len() * (bytes / first.len().max(1)) > limit {
            return None;
        }
        let marked = self.pieces().into_par_iter().map(|(file, range)| {
            if stop() || found.load(Ordering::Relaxed) > limit {
                return None;
            }
            let mut tally = Tally::new(self, Some((&found, limit)));
            self.scan(file, range, &find, &mut tally);
            tally.count();
            Some(tally.marks)
        });
        let marked: Vec<Vec<u32>> = marked.collect::<Option<_>>()?;
        if found.into_inner() > limit || stop() {
            return None;
        }
        let mut candidates = vec![false; events];
        for &i in marked.iter().flatten().chain(&self.always) {
            candidates[i as usize] = true;
        }
        Some(candidates)
    }

    /// Where event `i` is written in its mapped file; `None` when it was not placed (none of its
    /// prose is in the file as written).
    pub fn place(&self, i: usize) -> Option<Place> {
        let anchors = &self.anchors;
        let k = match anchors.event(i) {
            Some(e) if e as usize == i => i,
            _ => (0..anchors.len()).find(|&k| anchors.event(k) == Some(i as u32))?,
        };
        let address = anchors.addresses()[k];
        let file = *self
            .files
            .iter()
            .find(|f| f.as_ptr_range().contains(&(address as *const u8)))?;
        let base = file.as_ptr() as usize;
        // The anchor before, in the same file: the walk back to a header stops there.
        let before = k.checked_sub(1).map(|b| anchors.addresses()[b]).filter(|&b| b >= base);
        Some(Place {
            file,
            after: before.map_or(0, |b| b - base),
            at: address - base,
            table: !self.quoted,
        })
    }

    /// The pieces of each file a scan reads, in order.
    fn pieces(&self) -> Vec<(&'static [u8], Range<usize>)> {
        (self.files.iter())
            .flat_map(|&file| {
                (0..file.len())
                    .step_by(PIECE)
                    .map(move |at| (file, at..file.len().min(at + PIECE)))
            })
            .collect()
    }

    /// Marks the events whose stretches hold what `find` finds in `range` of `file`.
    fn scan(&self, file: &'static [u8], range: Range<usize>, find: &impl Find, tally: &mut Tally<'_>) {
        let base = file.as_ptr() as usize;
        find.each(file, range, &mut |at| match tally.mark(base + at) {
            usize::MAX => usize::MAX,
            next => next - base,
        });
    }
}

/// The events marked by the bytes found in one piece of a file, which come in address order.
struct Tally<'s> {
    stretches: &'s Stretches,
    /// The anchors before this one lie before every byte still to come.
    next: usize,
    marks: Vec<u32>,
    /// The marks of every piece so far, and how many are too many.
    shared: Option<(&'s AtomicUsize, usize)>,
    /// How many of `marks` are counted in `shared`.
    counted: usize,
}

impl<'s> Tally<'s> {
    fn new(stretches: &'s Stretches, shared: Option<(&'s AtomicUsize, usize)>) -> Tally<'s> {
        Tally {
            stretches,
            next: 0,
            marks: Vec::new(),
            shared,
            counted: 0,
        }
    }

    /// Marks the events whose stretch may hold the byte at address `at`; returns the next
    /// anchor's address, before which every byte marks the same, or `usize::MAX` when nothing
    /// more is wanted. An event's stretch runs from its table's start, before its anchor, to
    /// before the next event's table, so the byte lies in the stretch of the last event
    /// anchored at or before it or of the next one: a stretch holds its own anchor and no other.
    /// (A run of rows begins at its anchor, so the next is marked to no purpose: a candidate
    /// more a byte found, which costs less than telling the layouts apart here.)
    fn mark(&mut self, at: usize) -> usize {
        let anchors = &self.stretches.anchors;
        let addresses = anchors.addresses();
        let i = self.next + gallop(&addresses[self.next..], |&a| a <= at);
        self.next = i;
        let pair = [i.checked_sub(1), Some(i)].map(|j| j.and_then(|j| anchors.event(j)));
        for e in pair.into_iter().flatten() {
            // The next byte found is often in the next stretch, which shares an event with this.
            if self.marks.last() != Some(&e) {
                self.marks.push(e);
            }
        }
        if self.marks.len() - self.counted >= COUNT_EVERY && self.count() {
            return usize::MAX;
        }
        addresses.get(i).copied().unwrap_or(usize::MAX)
    }

    /// Adds the marks not yet counted to the shared count; true when that is too many.
    fn count(&mut self) -> bool {
        let Some((shared, limit)) = self.shared else {
            return false;
        };
        let new = self.marks.len() - self.counted;
        self.counted = self.marks.len();
        shared.fetch_add(new, Ordering::Relaxed) + new > limit
    }
}

/// How many marks a piece makes between looks at the shared count.
const COUNT_EVERY: usize = 256;

/// The first index of `items` for which `before` is false, `before` being true of a prefix:
/// found by doubling steps from the start, since the bytes found are often near the last.
fn gallop<T>(items: &[T], before: impl Fn(&T) -> bool) -> usize {
    let mut bound = 1;
    while bound <= items.len() && before(&items[bound - 1]) {
        bound *= 2;
    }
    let low = bound / 2;
    low + items[low..bound.min(items.len())].partition_point(before)
}

/// What a scan looks for.
trait Find: Sync {
    /// Calls `found` with where each thing found in `range` of `file` begins, in order, but
    /// for those that begin before where `found` last said it wants the next (`usize::MAX`:
    /// nothing more).
    fn each(&self, file: &[u8], range: Range<usize>, found: &mut dyn FnMut(usize) -> usize);
}

/// A needle looked for by two of its bytes at once, each at its place in the needle: the
/// rarest two in the files. A word of common letters has no rare byte (each of "reinstated"'s
/// is in a few percent of an English file's bytes), and `memchr` on one of them stopped at each
/// (257-273 ms for that word in a million events); two at a set distance come together far less
/// often, and a block of places is tested for both in one pass the compiler vectorises (130-157
/// ms). A word with a rare byte ("quillwort") is found as fast as before (37-53 ms).
struct Pair<'a> {
    written: &'a Written<'a>,
    /// The places in the needle of the two bytes tested first, as they are compared.
    first: (usize, Folded),
    second: (usize, Folded),
}

impl<'a> Pair<'a> {
    /// The needle looked for by its two rarest bytes by `count` (the same byte twice for a
    /// needle of one byte).
    fn new(written: &'a Written<'a>, count: impl Fn(u8) -> u32) -> Option<Pair<'a>> {
        let bytes = written.bytes;
        let mut places: Vec<usize> = (0..bytes.len()).collect();
        places.sort_by_key(|&k| count(bytes[k]));
        let first = *places.first()?;
        // A different byte if there is one: the same byte twice is as common as once in a
        // word like "ll".
        let second = (places.iter().copied())
            .find(|&k| k != first && bytes[k] != bytes[first])
            .or(places.get(1).copied())
            .unwrap_or(first);
        let folded = |k: usize| (k, Folded::new(bytes[k], written.exact));
        Some(Pair {
            written,
            first: folded(first),
            second: folded(second),
        })
    }

    /// True when `x` and `y` are the pair's first and second bytes.
    fn are(&self, x: u8, y: u8) -> bool {
        self.first.1.is(x) & self.second.1.is(y)
    }

    /// True when the needle may begin at `start` of `file`, by its two bytes.
    fn may_begin(&self, file: &[u8], start: usize) -> bool {
        self.are(file[start + self.first.0], file[start + self.second.0])
    }

    /// False when the needle begins nowhere in the [`BLOCK`] places from `start`, by its two
    /// bytes; true when it may, or the block runs past the end of `file`.
    fn block_may_hold(&self, file: &[u8], start: usize) -> bool {
        // Arrays of a fixed size, so that the test compiles to a few vector compares.
        let block = |k: usize| -> Option<&[u8; BLOCK]> { file.get(start + k..start + k + BLOCK)?.try_into().ok() };
        let (Some(a), Some(b)) = (block(self.first.0), block(self.second.0)) else {
            return true;
        };
        (a.iter().zip(b)).fold(0u8, |hits, (&x, &y)| hits | u8::from(self.are(x, y))) != 0
    }
}

/// A needle's byte as a byte of a file is compared with it: `byte | mask == want` holds of a
/// letter in either case when case does not matter (setting the bit 0x20 lowercases an ASCII
/// letter, and of the other bytes only the letter's two cases give `want`), of other bytes
/// only for that byte.
#[derive(Clone, Copy)]
struct Folded {
    mask: u8,
    want: u8,
}

impl Folded {
    fn new(byte: u8, exact: bool) -> Folded {
        match !exact && byte.is_ascii_alphabetic() {
            true => Folded {
                mask: 0x20,
                want: byte.to_ascii_lowercase(),
            },
            false => Folded { mask: 0, want: byte },
        }
    }

    fn is(self, byte: u8) -> bool {
        byte | self.mask == self.want
    }
}

/// How many places a pair's test takes at once: a few vector registers' worth.
const BLOCK: usize = 64;

/// A match is placed by its first byte, and found where it begins in `range`.
impl Find for Pair<'_> {
    fn each(&self, file: &[u8], range: Range<usize>, found: &mut dyn FnMut(usize) -> usize) {
        let n = self.written.bytes.len();
        let end = range.end.min((file.len() + 1).saturating_sub(n));
        let mut at = range.start;
        while at < end {
            let stop = end.min(at + BLOCK);
            if !self.block_may_hold(file, at) {
                at = stop;
                continue;
            }
            while at < stop {
                if !(self.may_begin(file, at) && self.written.is(&file[at..at + n])) {
                    at += 1;
                    continue;
                }
                match found(at) {
                    usize::MAX => return,
                    // What begins before the next wanted place marks nothing new.
                    wanted => at = wanted.max(at + 1),
                }
            }
        }
    }
}

/// What a file may hold that a search of its bytes for a needle would miss: an escape (placed
/// by its backslash) or a character that lowercases to ASCII.
struct Odd;

impl Find for Odd {
    fn each(&self, file: &[u8], range: Range<usize>, found: &mut dyn FnMut(usize) -> usize) {
        let mut wanted = 0;
        for x in memchr3_iter(b'\\', FOLDS[0][0], FOLDS[1][0], &file[range.clone()]).map(|i| range.start + i) {
            if x >= wanted && (file[x] == b'\\' || FOLDS.iter().any(|f| file[x..].starts_with(f))) {
                wanted = found(x);
                if wanted == usize::MAX {
                    break;
                }
            }
        }
    }
}

/// The UTF-8 of the characters that lowercase to ASCII ([`crate::fold::FOLD_TO_ASCII`]).
const FOLDS: [&[u8]; 2] = ["\u{0130}".as_bytes(), "\u{212A}".as_bytes()];

/// Bytes read from each file for [`Stretches::counts`]: a few pieces spread over it.
const SAMPLES: usize = 16;
const SAMPLE: usize = 64 << 10;

/// How often each byte comes in samples of `files`.
fn sampled(files: &[&[u8]]) -> [u32; 256] {
    let mut counts = [0; 256];
    for file in files {
        let step = (file.len() / SAMPLES).max(1);
        for at in (0..file.len()).step_by(step) {
            for &b in &file[at..file.len().min(at + SAMPLE)] {
                counts[usize::from(b)] += 1;
            }
        }
    }
    counts
}

/// Where events lie, before their stretches are looked through: see [`Stretches`].
struct Places {
    anchors: Anchors,
    always: Vec<u32>,
    files: Vec<&'static [u8]>,
}

/// The events of a timeline read from tables, each placed by its first prose lent by a mapped
/// file; those none of whose prose is lent, or that were `changed` (ascending) to be shown, are
/// searched always.
fn tables(timeline: &Timeline, changed: &[usize]) -> Places {
    let mut files: Vec<&'static [u8]> = Vec::new();
    let mut anchors = Anchors::default();
    anchors.reserve(timeline.events.len());
    let mut always = Vec::new();
    for (i, e) in timeline.events.iter().enumerate() {
        let prose = std::iter::once(&e.title)
            .chain(&e.summary)
            .chain(e.sources.iter().filter_map(|s| s.quote.as_ref()));
        let anchor = match changed.binary_search(&i) {
            Ok(_) => None,
            Err(_) => prose.filter(|t| !t.is_owned()).find_map(|t| placed(t, &mut files)),
        };
        match anchor {
            Some(at) => anchors.push(at, i as u32),
            None => always.push(i as u32),
        }
    }
    anchors.shrink_to_fit();
    Places {
        anchors: anchors.sorted(),
        always,
        files,
    }
}

/// The address of `text` when it lies in a mapped file, adding the file to `files` if new.
fn placed(text: &Text, files: &mut Vec<&'static [u8]>) -> Option<usize> {
    let at = text.as_ptr() as usize;
    let within = |f: &&[u8]| f.as_ptr_range().contains(&text.as_ptr());
    if !files.iter().any(within) {
        files.push(crate::mapped::lent_whole(text)?);
    }
    Some(at)
}

#[cfg(all(test, target_os = "linux"))]
pub(crate) mod tests;
