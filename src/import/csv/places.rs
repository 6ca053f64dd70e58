//! The place of each id's event, for the two readers that group a CSV file's rows by id: the
//! import ([`super::Merger`]) and the row index ([`super::index`]).
//!
//! The table holds each event's place and half its id's hash, not the id: the caller holds the
//! ids (the import in its events, the index in one buffer) and says where each place's id is.
//! A table of boxed ids held a copy of each (a box of its own and a 24-byte entry), hashed each id
//! again whenever the table grew, and took a million allocations for a million events. The half
//! kept lets the table grow without reading the ids again, and spares most reads of an id that
//! is not the one sought. It is a table of [`Slots`], so that a reader may fetch the place of an
//! id a few rows ahead ([`Places::soon`]).

use std::hash::BuildHasher;

use crate::slots::Slots;

/// Each id's place (see the module's comment).
#[derive(Default)]
pub(super) struct Places {
    /// Each entry: the half of the id's hash kept, above its place plus one (so none is empty).
    slots: Slots,
    hasher: foldhash::fast::RandomState,
}

impl Places {
    /// The place whose id is `id`, by `id_at`, which gives the id at a place.
    pub fn find<'i>(&self, id: &str, id_at: impl Fn(u32) -> &'i str) -> Option<u32> {
        let half = self.half_hash(id);
        let found = (self.slots).find(u64::from(half), |e| half_of(e) == half && id_at(place_of(e)) == id);
        found.ok().map(|slot| place_of(self.slots.get(slot)))
    }

    /// Notes that the place `at` has the id `id`, which no place has yet.
    pub fn note(&mut self, id: &str, at: u32) {
        let half = self.half_hash(id);
        self.slots.reserve(1, |e| Some(u64::from(half_of(e))));
        let after = at.checked_add(1).expect("fewer than 2^32 - 1 events");
        self.slots
            .add(u64::from(half), (u64::from(half) << 32) | u64::from(after));
    }

    /// Tells the table that `id` will be looked up soon: its place is fetched from memory
    /// meanwhile (see [`Slots::fetch`]).
    pub fn soon(&self, id: &str) {
        self.slots.fetch(u64::from(self.half_hash(id)));
    }

    /// The top half of `id`'s hash, which the table keeps, and places the id by.
    fn half_hash(&self, id: &str) -> u32 {
        (self.hasher.hash_one(id) >> 32) as u32
    }
}

/// The half hash an entry keeps.
fn half_of(entry: u64) -> u32 {
    (entry >> 32) as u32
}

/// The place an entry is of.
fn place_of(entry: u64) -> u32 {
    (entry as u32) - 1
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
