//! The event ids a check has seen, each with where it was first written.
//!
//! A table holds one word for each id. A large file's ids are lent by the file checked (see
//! [`Text`](crate::model::Text)), so most entries say where the id's bytes lie in that text, how
//! long they are and how far before them the id was first written, and nothing is copied. Any
//! other id is copied into one buffer, after where it was first written and its length, and its
//! entry says where. A table of boxed ids took a box of its own for each (16 bytes and an
//! allocation, beside the table's 24-byte entry), and a copy of every id took 17 MB of a million
//! events' load, held until the last event of the file is checked, at the top of its memory.
//!
//! The table is [`Slots`], whose entries are placed by their hash alone, so a check told of an
//! id it will meet soon ([`Seen::soon`]) fetches its place while it checks the events before it.
//! Each entry keeps some bits of its id's hash, so a look passes over other ids without reading
//! their bytes from the file.

use std::hash::BuildHasher;
use std::sync::LazyLock;

use foldhash::fast::RandomState;

use crate::load::lookalike;
use crate::slots::Slots;

/// An id's hash for [`Seen`], the same on every thread, and whether the id holds no invisible
/// character (see [`lookalike::visible`]). A reader takes both while the id's bytes are in its
/// core's cache; the check, a batch of events later and on another core, then finds the id's
/// place and knows whether it may have a lookalike without reading them again (those reads
/// waited on memory: a third of the table's time in a million-event load, then a fifth of what
/// was left of the check's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdHash {
    value: u64,
    visible: bool,
}

impl IdHash {
    /// The hash of `id`, and whether it is visible.
    pub fn of(id: &str) -> IdHash {
        IdHash {
            value: hash(id.as_bytes()),
            visible: lookalike::visible(id),
        }
    }

    /// Whether the id holds no invisible character.
    pub fn visible(self) -> bool {
        self.visible
    }
}

/// The hasher of every table of ids: foldhash (SipHash was a tenth of a million-event check),
/// seeded at random once a run.
static HASHER: LazyLock<RandomState> = LazyLock::new(RandomState::default);

/// The hash of an id's bytes, as [`IdHash`] keeps it: a look that needs no more than the place
/// does not ask whether the id is visible.
fn hash(id: &[u8]) -> u64 {
    HASHER.hash_one(id)
}

/// The ids seen, and where each was first written.
pub struct Seen<'a> {
    /// The text checked, whose lent ids are read back from it.
    text: &'a str,
    /// For each id not lent by `text`, where it was first written and its length, then its
    /// bytes, one id after another. The two numbers are written seven bits a byte (LEB128): an
    /// id's length mostly takes one byte and its place in a large file four or five.
    bytes: Vec<u8>,
    /// The table: each slot empty, [`FORGOTTEN`] or an id's entry (see [`Entry`]).
    slots: Slots,
    /// Entries.
    len: usize,
}

/// A slot whose entry was forgotten ([`Seen::remove`]): a look goes on past it.
const FORGOTTEN: u64 = 1;

/// An entry of the table, one word: [`Entry::COPIED`] and where the id's entry begins in
/// `bytes`, or where a lent id's bytes begin in the text ([`Entry::AT`] bits), their length
/// ([`Entry::LEN`] bits) and how far before them the id was first written ([`Entry::BACK`] bits;
/// the id's opening quote). Then the top [`Entry::TAG`] bits of its hash, and [`Entry::MARK`].
/// An id too long, too far into the text or written too far after its start is copied.
struct Entry;

impl Entry {
    /// The low bit: the id was copied into `bytes`.
    const COPIED: u64 = 1;
    /// Bits of a lent id's offset in the text: 256 GB.
    const AT: u32 = 38;
    /// Bits of its length.
    const LEN: u32 = 10;
    /// Bits of how far before its bytes it was first written.
    const BACK: u32 = 3;
    /// Bits of the id's hash kept, below the mark: a look reads another id's bytes for one in
    /// 2048 of the entries it passes.
    const TAG: u32 = 11;
    /// The high bit, set in every entry, and neither in an empty slot
    /// ([`crate::slots::EMPTY`]) nor in [`FORGOTTEN`].
    const MARK: u64 = 1 << 63;
    /// Where the tag begins.
    const TAGGED: u32 = 63 - Entry::TAG;
    /// The tag and the mark.
    const KEY: u64 = !((1 << Entry::TAGGED) - 1);

    /// The tag and mark of an entry for an id whose hash is `hash`.
    fn key(hash: u64) -> u64 {
        (hash >> (64 - Entry::TAG) << Entry::TAGGED) | Entry::MARK
    }

    /// The entry of the lent id at `at`, `len` bytes long, first written `back` bytes before,
    /// without its key; `None` when one of them does not fit its bits.
    fn lent(at: usize, len: usize, back: usize) -> Option<u64> {
        let fits = |n: usize, bits: u32| (n as u64) < 1 << bits;
        let entry =
            ((at as u64) << 1) | ((len as u64) << (1 + Entry::AT)) | ((back as u64) << (1 + Entry::AT + Entry::LEN));
        (fits(at, Entry::AT) && fits(len, Entry::LEN) && fits(back, Entry::BACK)).then_some(entry)
    }

    /// Where the id of `entry` was first written, and its bytes.
    fn read<'b>(entry: u64, text: &'b str, bytes: &'b [u8]) -> (usize, &'b [u8]) {
        let field = |shift: u32, bits: u32| (entry >> shift & ((1 << bits) - 1)) as usize;
        if entry & Entry::COPIED != 0 {
            let (first, at) = read_number(bytes, field(1, Entry::TAGGED - 1));
            let (len, at) = read_number(bytes, at);
            return (first, &bytes[at..at + len]);
        }
        let at = field(1, Entry::AT);
        let len = field(1 + Entry::AT, Entry::LEN);
        let back = field(1 + Entry::AT + Entry::LEN, Entry::BACK);
        (at - back, &text.as_bytes()[at..at + len])
    }
}

impl<'a> Seen<'a> {
    /// No id seen yet, of a check of `text`.
    pub fn new(text: &'a str) -> Seen<'a> {
        Seen {
            text,
            bytes: Vec::new(),
            slots: Slots::default(),
            len: 0,
        }
    }

    /// Room for `ids` more ids.
    pub fn reserve(&mut self, ids: usize) {
        let (text, bytes) = (self.text, &self.bytes);
        let hash_of = |e: u64| (e & Entry::MARK != 0).then(|| hash(Entry::read(e, text, bytes).1));
        self.slots.reserve(ids, hash_of);
    }

    /// Tells the table that `hash`'s id will be asked for soon, so that the processor fetches
    /// its place while other work goes on.
    pub fn soon(&self, hash: IdHash) {
        self.slots.fetch(hash.value);
    }

    /// Where `id` was first written, if it was seen.
    pub fn get(&self, id: &str) -> Option<usize> {
        let slot = self.find(hash(id.as_bytes()), id).ok()?;
        Some(self.read(self.slots.get(slot)).0)
    }

    /// Notes `id`, whose hash is `hash`, as first written at `first`, unless it was seen
    /// already: then where it was first written. One look in the table, where asking and then
    /// noting took two, each waiting on memory in a table of millions.
    pub fn insert(&mut self, id: &str, hash: IdHash, first: usize) -> Option<usize> {
        debug_assert_eq!(hash, IdHash::of(id), "the hash of another id");
        self.reserve(1);
        let slot = match self.find(hash.value, id) {
            Ok(seen) => return Some(self.read(self.slots.get(seen)).0),
            Err(free) => free,
        };
        let entry = match self.lent(id, first) {
            Some(entry) => entry,
            None => {
                let bytes = &mut self.bytes;
                let entry = ((bytes.len() as u64) << 1) | Entry::COPIED;
                write_number(bytes, first);
                write_number(bytes, id.len());
                bytes.extend_from_slice(id.as_bytes());
                entry
            }
        };
        self.slots.fill(slot, entry | Entry::key(hash.value));
        self.len += 1;
        None
    }

    /// Notes each of `ids` (its text, its hash and where it was first written) as [`Seen::insert`]
    /// would one after another, in their order; returns, in that order, the index of each id seen
    /// already (before or among them) and where it was first written. Noted in the order of their
    /// places in the table rather than their own: noted one after another, each waited on memory
    /// for its place, a third of a second of a million-event load with a core idle.
    pub fn insert_all(&mut self, ids: &[(&str, IdHash, usize)]) -> Vec<(usize, usize)> {
        // Room for all, so that the table does not grow, and each id's place stays where
        // it is sorted by. Any other order notes the same ids the same way; only this one walks
        // the table from one end to the other.
        self.reserve(ids.len());
        let mut order: Vec<(usize, usize)> = (ids.iter().enumerate())
            .map(|(i, (_, hash, _))| (self.slots.place(hash.value), i))
            .collect();
        // By place, then by index: two copies of an id share a place, and the first is noted first.
        order.sort_unstable();
        let mut seen: Vec<(usize, usize)> = order
            .into_iter()
            .filter_map(|(_, i)| {
                let (id, hash, first) = ids[i];
                Some((i, self.insert(id, hash, first)?))
            })
            .collect();
        seen.sort_unstable();
        seen
    }

    /// Forgets `id`, just noted (a copy's bytes stay, unread). Its slot is marked rather than
    /// emptied, so that a look for an id placed past it goes on.
    pub fn remove(&mut self, id: &str) {
        if let Ok(slot) = self.find(hash(id.as_bytes()), id) {
            self.slots.replace(slot, FORGOTTEN);
            self.len -= 1;
        }
    }

    /// Whether no id was seen.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every id seen, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        (self.slots.entries().filter(|&e| e & Entry::MARK != 0)).map(|e| {
            // Every id is a whole `str`: copied in whole, or lent by the text.
            std::str::from_utf8(self.read(e).1).unwrap_or_default()
        })
    }

    /// The slot holding `id`, whose hash is `hash`, or else the empty slot where it would go.
    fn find(&self, hash: u64, id: &str) -> Result<usize, usize> {
        let key = Entry::key(hash);
        (self.slots).find(hash, |entry| {
            entry & Entry::KEY == key && self.read(entry).1 == id.as_bytes()
        })
    }

    /// The entry of `id` when its bytes are the text's own, first written just before them.
    fn lent(&self, id: &str, first: usize) -> Option<u64> {
        let at = id.as_ptr().addr().checked_sub(self.text.as_ptr().addr())?;
        let within = at + id.len() <= self.text.len();
        let back = at.checked_sub(first)?;
        within.then(|| Entry::lent(at, id.len(), back)).flatten()
    }

    fn read(&self, entry: u64) -> (usize, &[u8]) {
        Entry::read(entry, self.text, &self.bytes)
    }
}

/// `n` added to `bytes` seven bits a byte, the low ones first; each byte but the last has its
/// high bit set.
fn write_number(bytes: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// The number [`write_number`] wrote at `at`, and where what follows it begins.
fn read_number(bytes: &[u8], mut at: usize) -> (usize, usize) {
    let mut n = 0;
    let mut shift = 0;
    loop {
        let b = bytes[at];
        at += 1;
        n |= usize::from(b & 0x7f) << shift;
        if b < 0x80 {
            return (n, at);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Holds the ids seen to what a map of them holds: each found with where it was first
        /// written, the others not (those forgotten too), and every one listed once; whether
        /// each was lent by the text checked or a copy of its own.
        #[test]
        fn seen_ids_are_those_a_map_keeps(
            ids in proptest::collection::vec(
                // Ids of a few bytes, some of a hundred, and a few too long to be lent.
                (
                    prop_oneof![4 => ".{0,12}", 4 => ".{120,140}", 1 => "[a-z]{1020,1030}"],
                    any::<bool>(),
                    0..200usize,
                    any::<bool>(),
                ),
                0..60,
            ),
            step in prop_oneof![Just(1usize), Just(1 << 20), Just(usize::MAX / 64)],
        ) {
            // The text checked: each id after `back` bytes, where it is first written.
            let mut text = String::new();
            let mut places = Vec::new();
            for (id, _, back, _) in &ids {
                text.push_str(&"\"".repeat(*back));
                places.push(text.len());
                text.push_str(id);
            }
            let mut seen = Seen::new(&text);
            seen.reserve(ids.len() / 2);
            let mut map = std::collections::HashMap::new();
            for (i, ((id, lent, back, forget), place)) in ids.iter().zip(places).enumerate() {
                // A copy is placed a byte's seven bits to all of a `usize`'s apart.
                let (id, first) = match lent {
                    true => (&text[place..place + id.len()], place - back),
                    false => (id.as_str(), i.wrapping_mul(step)),
                };
                prop_assert_eq!(seen.get(id), map.get(id).copied());
                // Told of beforehand or not, an id is noted the same.
                if i % 2 == 0 {
                    seen.soon(IdHash::of(id));
                }
                let before = map.get(id).copied();
                prop_assert_eq!(seen.insert(id, IdHash::of(id), first), before, "the first place, when seen before");
                map.entry(id).or_insert(first);
                // An id just noted may be forgotten again, as a lookalike is.
                if before.is_none() && *forget {
                    seen.remove(id);
                    map.remove(id);
                }
            }
            for (id, &first) in &map {
                prop_assert_eq!(seen.get(id), Some(first));
            }
            prop_assert_eq!(seen.get("longer than any id here"), None);
            let mut listed: Vec<&str> = seen.ids().collect();
            listed.sort_unstable();
            let mut kept: Vec<&str> = map.keys().copied().collect();
            kept.sort_unstable();
            prop_assert_eq!(listed, kept);
        }
    }

    proptest! {
        /// Ids noted at once are noted as one after another would note them: the same ids seen
        /// before, each with where its first copy was written, and the same ids kept.
        #[test]
        fn ids_noted_at_once_are_noted_as_in_turn(
            ids in proptest::collection::vec(0..40usize, 0..300),
            before in proptest::collection::vec(0..60usize, 0..20),
        ) {
            let named = |n: usize| format!("ev-{n}");
            let (mut at_once, mut in_turn) = (Seen::new(""), Seen::new(""));
            // Some ids already noted, as by an earlier piece of the file.
            for (i, n) in before.iter().enumerate() {
                let id = named(*n);
                at_once.insert(&id, IdHash::of(&id), i);
                in_turn.insert(&id, IdHash::of(&id), i);
            }
            let texts: Vec<String> = ids.iter().map(|&n| named(n)).collect();
            let noted: Vec<(&str, IdHash, usize)> = (texts.iter().enumerate())
                .map(|(i, id)| (id.as_str(), IdHash::of(id), 1000 + i))
                .collect();
            let seen: Vec<(usize, usize)> = (noted.iter().enumerate())
                .filter_map(|(i, &(id, hash, first))| Some((i, in_turn.insert(id, hash, first)?)))
                .collect();
            prop_assert_eq!(at_once.insert_all(&noted), seen);
            for n in 0..60 {
                prop_assert_eq!(at_once.get(&named(n)), in_turn.get(&named(n)));
            }
        }
    }

    /// A full table's ids share runs of slots: forgetting one must not hide those after it.
    #[test]
    fn ids_placed_past_a_forgotten_one_are_still_found() {
        let ids: Vec<String> = (0..3000).map(|n| format!("ev-{n}")).collect();
        let mut seen = Seen::new("");
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(seen.insert(id, IdHash::of(id), i), None);
        }
        for id in ids.iter().step_by(3) {
            seen.remove(id);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(seen.get(id), (i % 3 != 0).then_some(i), "{id}");
        }
        // A forgotten id may be noted again, and the table grows past the forgotten slots.
        for (i, id) in ids.iter().enumerate().step_by(3) {
            assert_eq!(seen.insert(id, IdHash::of(id), 10_000 + i), None);
        }
        seen.reserve(10_000);
        for (i, id) in ids.iter().enumerate() {
            let first = if i % 3 == 0 { 10_000 + i } else { i };
            assert_eq!(seen.get(id), Some(first), "{id}");
        }
        assert_eq!(seen.ids().count(), ids.len());
    }

    #[test]
    fn an_id_lent_by_the_text_is_not_copied_and_one_of_its_own_is() {
        let text = r#"id = "ev-1"
id = "ev-2""#;
        let mut seen = Seen::new(text);
        let insert = |seen: &mut Seen<'_>, id: &str, first| seen.insert(id, IdHash::of(id), first);
        insert(&mut seen, &text[6..10], 5);
        insert(&mut seen, &text[18..22], 17);
        assert!(seen.bytes.is_empty(), "nothing copied");
        assert_eq!((seen.get("ev-1"), seen.get("ev-2")), (Some(5), Some(17)));
        // An id not in the text (as one written with an escape is not) is copied, as is one
        // said to be first written after its bytes.
        insert(&mut seen, "ev-3", 3);
        insert(&mut seen, &text[19..22], 20);
        assert_eq!(seen.bytes.len(), 6 + 5, "two numbers of a byte each, then the id");
        assert_eq!((seen.get("ev-3"), seen.get("v-2")), (Some(3), Some(20)));
    }
}
