//! The place of each id's event, for the two readers that group a CSV file's rows by id: the
//! import ([`super::Merger`]) and the row index ([`super::index`]).
//!
//! The table holds each event's place and half its id's hash, not the id: the caller holds the
//! ids (the import in its events, the index in one buffer) and says where each place's id is.
//! A table of boxed ids held a copy of each (a box of its own and a 24-byte entry), hashed each id
//! again whenever the table grew, and took a million allocations for a million events. The half
//! kept lets the table grow without reading the ids again, and spares most reads of an id that
//! is not the one sought.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Each id's place (see the module's comment).
#[derive(Default)]
pub(super) struct Places {
    table: HashTable<(u32, u32)>,
    hasher: foldhash::fast::RandomState,
}

impl Places {
    /// The place whose id is `id`, by `id_at`, which gives the id at a place.
    pub fn find<'i>(&self, id: &str, id_at: impl Fn(u32) -> &'i str) -> Option<u32> {
        let half = self.half_hash(id);
        let found = (self.table).find(whole_hash(half), |&(at, h)| h == half && id_at(at) == id);
        found.map(|&(at, _)| at)
    }

    /// Notes that the place `at` has the id `id`, which no place has yet.
    pub fn note(&mut self, id: &str, at: u32) {
        let half = self.half_hash(id);
        (self.table).insert_unique(whole_hash(half), (at, half), |&(_, h)| whole_hash(h));
    }

    /// The top half of `id`'s hash, which the table keeps (see [`whole_hash`]).
    fn half_hash(&self, id: &str) -> u32 {
        (self.hasher.hash_one(id) >> 32) as u32
    }
}

/// A table's hash made of half of one: the table places an entry by the hash's low bits and
/// tells entries apart by its top seven, which both come from the half.
fn whole_hash(half: u32) -> u64 {
    (u64::from(half) << 32) | u64::from(half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_is_found_at_its_place_and_no_other_is() {
        let ids: Vec<String> = (0..5000).map(|i| format!("e{i}")).collect();
        let mut places = Places::default();
        for (at, id) in ids.iter().enumerate() {
            assert_eq!(places.find(id, |at| &ids[at as usize]), None, "{id} before it is noted");
            places.note(id, at as u32);
        }
        for (at, id) in ids.iter().enumerate() {
            assert_eq!(places.find(id, |at| &ids[at as usize]), Some(at as u32));
        }
        assert_eq!(places.find("e5000", |at| &ids[at as usize]), None);
        assert_eq!(places.find("", |at| &ids[at as usize]), None);
    }
}
