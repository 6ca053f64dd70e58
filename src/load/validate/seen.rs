//! The event ids a check has seen, each with where it was first written.
//!
//! Their bytes lie one after another in one buffer, each after its length, and a table holds
//! where each begins: a table of boxed ids took a box of its own for each (16 bytes and an
//! allocation, beside the table's 24-byte entry), held until the last event of the file is
//! checked, at the top of a large load's memory. `hashbrown`'s `HashTable` is the table whose
//! entries can be found by text they do not hold themselves.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

/// The ids seen, and where each was first written.
#[derive(Default)]
pub struct Seen {
    /// Each id's length (a `usize`, native-endian) and then its bytes, one id after another.
    bytes: Vec<u8>,
    /// Where each id begins in `bytes`, and where it was first written.
    table: HashTable<(usize, usize)>,
    hasher: RandomState,
}

const LEN: usize = size_of::<usize>();

impl Seen {
    /// Room for `ids` more ids.
    pub fn reserve(&mut self, ids: usize) {
        let Seen { bytes, table, hasher } = self;
        table.reserve(ids, |&(at, _)| hasher.hash_one(id_at(bytes, at)));
    }

    /// Where `id` was first written, if it was seen.
    pub fn get(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id.as_bytes());
        let found = self
            .table
            .find(hash, |&(at, _)| id_at(&self.bytes, at) == id.as_bytes());
        found.map(|&(_, first)| first)
    }

    /// Notes `id` as first written at `first`, unless it was seen already.
    pub fn insert(&mut self, id: &str, first: usize) {
        let Seen { bytes, table, hasher } = self;
        let hash = hasher.hash_one(id.as_bytes());
        let eq = |&(at, _): &(usize, usize)| id_at(bytes, at) == id.as_bytes();
        let rehash = |&(at, _): &(usize, usize)| hasher.hash_one(id_at(bytes, at));
        if let hashbrown::hash_table::Entry::Vacant(vacant) = table.entry(hash, eq, rehash) {
            vacant.insert((bytes.len(), first));
            bytes.extend_from_slice(&id.len().to_ne_bytes());
            bytes.extend_from_slice(id.as_bytes());
        }
    }

    /// Every id seen, in no particular order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.table.iter().map(|&(at, _)| {
            // Every id was copied in from a `str` whole.
            std::str::from_utf8(id_at(&self.bytes, at)).unwrap_or_default()
        })
    }
}

/// The bytes of the id that begins at `at`.
fn id_at(bytes: &[u8], at: usize) -> &[u8] {
    let (len, rest) = bytes[at..].split_at(LEN);
    let len = usize::from_ne_bytes(len.try_into().unwrap_or_default());
    &rest[..len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Holds the ids seen to what a map of them holds: each found with where it was first
        /// written, the others not, and every one listed once.
        #[test]
        fn seen_ids_are_those_a_map_keeps(ids in proptest::collection::vec(".{0,12}", 0..60)) {
            let mut seen = Seen::default();
            seen.reserve(ids.len() / 2);
            let mut map = std::collections::HashMap::new();
            for (at, id) in ids.iter().enumerate() {
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
