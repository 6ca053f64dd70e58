//! The event ids a check has seen, each with where it was first written.
//!
//! Their bytes lie one after another in one buffer, each after where it was first written and
//! its length, and a table holds where each begins: a table of boxed ids took a box of its own
//! for each (16 bytes and an allocation, beside the table's 24-byte entry), held until the last
//! event of the file is checked, at the top of a large load's memory. `hashbrown`'s `HashTable`
//! is the table whose entries can be found by text they do not hold themselves.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// The ids seen, and where each was first written.
#[derive(Default)]
pub struct Seen {
    /// For each id, where it was first written and its length, then its bytes, one id after
    /// another. The two numbers are written seven bits a byte (LEB128): an id's length mostly
    /// takes one byte and its place in a large file four or five, where two `usize`s took 16.
    bytes: Vec<u8>,
    /// Where each id's entry begins in `bytes`.
    table: HashTable<usize>,
    hasher: RandomState,
}

impl Seen {
    /// Room for `ids` more ids.
    pub fn reserve(&mut self, ids: usize) {
        let Seen { bytes, table, hasher } = self;
        table.reserve(ids, |&at| hasher.hash_one(entry(bytes, at).1));
    }

    /// Where `id` was first written, if it was seen.
    pub fn get(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id.as_bytes());
        let found = self.table.find(hash, |&at| entry(&self.bytes, at).1 == id.as_bytes());
        found.map(|&at| entry(&self.bytes, at).0)
    }

    /// Notes `id` as first written at `first`, unless it was seen already.
    pub fn insert(&mut self, id: &str, first: usize) {
        let Seen { bytes, table, hasher } = self;
        let hash = hasher.hash_one(id.as_bytes());
        let eq = |&at: &usize| entry(bytes, at).1 == id.as_bytes();
        let rehash = |&at: &usize| hasher.hash_one(entry(bytes, at).1);
        if let hashbrown::hash_table::Entry::Vacant(vacant) = table.entry(hash, eq, rehash) {
            vacant.insert(bytes.len());
            write_number(bytes, first);
            write_number(bytes, id.len());
            bytes.extend_from_slice(id.as_bytes());
        }
    }

    /// Every id seen, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.table.iter().map(|&at| {
            // Every id was copied in from a `str` whole.
            std::str::from_utf8(entry(&self.bytes, at).1).unwrap_or_default()
        })
    }
}

/// Where the id whose entry begins at `at` was first written, and its bytes.
fn entry(bytes: &[u8], at: usize) -> (usize, &[u8]) {
    let (first, at) = read_number(bytes, at);
    let (len, at) = read_number(bytes, at);
    (first, &bytes[at..at + len])
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
        /// written, the others not, and every one listed once.
        #[test]
        fn seen_ids_are_those_a_map_keeps(
            ids in proptest::collection::vec(prop_oneof![".{0,12}", ".{120,140}"], 0..60),
            step in prop_oneof![Just(1usize), Just(1 << 20), Just(usize::MAX / 64)],
        ) {
            let mut seen = Seen::default();
            seen.reserve(ids.len() / 2);
            let mut map = std::collections::HashMap::new();
            // Places a byte's seven bits to all of a `usize`'s apart, and ids long enough for
            // a length of two bytes.
            for (at, id) in ids.iter().enumerate().map(|(i, id)| (i.wrapping_mul(step), id)) {
                prop_assert_eq!(seen.get(id), map.get(id.as_str()).copied());
                seen.insert(id, at);
                map.entry(id.as_str()).or_insert(at);
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
}
