//! A table of one-word entries placed by their hash: open addressing with linear probing, for
//! the tables of ids that a million-event load fills one id at a time ([`crate::load`]'s ids
//! seen, [`crate::import`]'s events by id).
//!
//! Why not `hashbrown`: its `HashTable` keeps a group of control bytes apart from the entries,
//! so a look waited on memory twice, and where an entry will be is not the caller's to know.
//! Here an entry's first place is its hash's low bits, so a reader told of an id it will meet a
//! few rows on fetches that place while it works on the rows between ([`Slots::fetch`]). The
//! ids' checks waited on memory for a tenth of all a ten-million-event load's work before.
//!
//! An entry is any word but [`EMPTY`]; the caller packs into it what tells its ids apart (some
//! bits of the hash) and where the id is, and gives a way to find an entry's hash again when the
//! table grows.

/// A slot that holds nothing: a look ends there.
pub const EMPTY: u64 = 0;

/// How many ids ahead of the one looked up a reader tells its table of ([`Slots::fetch`]): enough
/// for that one's place in a table of millions to arrive from memory while those between are
/// handled.
pub const AHEAD: usize = 16;

/// The slots (see the module's comment).
#[derive(Debug, Default)]
pub struct Slots {
    /// A power of two of them, or none.
    slots: Vec<u64>,
    /// How many are not [`EMPTY`].
    used: usize,
}

impl Slots {
    /// Room for `more` entries, so that they go in without the table growing; `hash_of` gives
    /// the hash of an entry to move, or `None` for one to drop as the table grows.
    pub fn reserve(&mut self, more: usize, hash_of: impl Fn(u64) -> Option<u64>) {
        // Three quarters full at most: a look then passes some eight slots for an entry not
        // there, one or two cache lines.
        if (self.used + more) * 4 <= self.slots.len() * 3 {
            return;
        }
        let size = ((self.used + more) * 4).div_ceil(3).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.used = 0;
        for entry in old.into_iter().filter(|&e| e != EMPTY) {
            if let Some(hash) = hash_of(entry) {
                self.add(hash, entry);
            }
        }
    }

    /// Puts `entry` (not [`EMPTY`]), whose hash is `hash` and which the table does not hold, in
    /// the first empty slot from its place; [`Slots::reserve`] first.
    pub fn add(&mut self, hash: u64, entry: u64) {
        let Err(slot) = self.find(hash, |_| false) else {
            unreachable!("nothing matches")
        };
        self.fill(slot, entry);
    }

    /// The slot where a look for `hash` begins.
    pub fn place(&self, hash: u64) -> usize {
        hash as usize & self.slots.len().wrapping_sub(1)
    }

    /// The slot from `hash`'s place whose entry `is` accepts, or else the first empty one, where
    /// such an entry would go. With no slot at all, `Err(0)`: [`Slots::reserve`] first.
    pub fn find(&self, hash: u64, mut is: impl FnMut(u64) -> bool) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.slots[slot];
            if entry == EMPTY {
                return Err(slot);
            }
            if is(entry) {
                return Ok(slot);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The entry at `slot`.
    pub fn get(&self, slot: usize) -> u64 {
        self.slots[slot]
    }

    /// Puts `entry` (not [`EMPTY`]) in `slot`, an empty one that [`Slots::find`] gave.
    pub fn fill(&mut self, slot: usize, entry: u64) {
        debug_assert!(self.slots[slot] == EMPTY && entry != EMPTY);
        self.slots[slot] = entry;
        self.used += 1;
    }

    /// Puts `entry` (not [`EMPTY`]) in `slot`, which holds one: a mark that an entry was
    /// removed, say, so that a look goes on past it to those placed after it.
    pub fn replace(&mut self, slot: usize, entry: u64) {
        debug_assert!(self.slots[slot] != EMPTY && entry != EMPTY);
        self.slots[slot] = entry;
    }

    /// Every entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots.iter().copied().filter(|&e| e != EMPTY)
    }

    /// Asks the processor to bring the place of `hash` into its cache without waiting for it:
    /// a look in a table of millions otherwise waits on memory.
    pub fn fetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.place(hash)) {
            prefetch(slot);
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn prefetch(slot: &u64) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: a prefetch reads nothing the program sees, and the address is a live slot's.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(slot).cast()) }
}

/// Elsewhere the slot is read when it is looked at.
#[cfg(not(target_arch = "x86_64"))]
fn prefetch(_: &u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries whose hash is the entry itself, placed and found again as the table grows, with
    /// every entry kept once; a removed one's mark is passed over.
    #[test]
    fn entries_are_found_from_their_hash_as_the_table_grows() {
        const GONE: u64 = u64::MAX;
        let mut slots = Slots::default();
        assert_eq!(slots.find(7, |_| true), Err(0), "no slot yet");
        // Hashes that share their low bits, so that they share runs of slots.
        let hashes: Vec<u64> = (1..=3000u64).map(|n| n << 8 | (n % 3)).collect();
        for &hash in &hashes {
            slots.reserve(1, |e| (e != GONE).then_some(e));
            slots.fetch(hash);
            let free = slots.find(hash, |e| e == hash).expect_err("not there yet");
            slots.fill(free, hash);
        }
        assert!(slots.slots.len().is_power_of_two() && slots.slots.len() * 3 >= hashes.len() * 4);
        for &hash in hashes.iter().step_by(5) {
            let at = slots.find(hash, |e| e == hash).expect("there");
            slots.replace(at, GONE);
        }
        for (i, &hash) in hashes.iter().enumerate() {
            assert_eq!(slots.find(hash, |e| e == hash).is_ok(), i % 5 != 0, "{hash}");
        }
        // Grown past the removed ones, which go.
        slots.reserve(10_000, |e| (e != GONE).then_some(e));
        assert_eq!(slots.entries().count(), hashes.len() - hashes.len().div_ceil(5));
        for (i, &hash) in hashes.iter().enumerate() {
            let found = slots.find(hash, |e| e == hash);
            assert_eq!(found.map(|at| slots.get(at)).ok(), (i % 5 != 0).then_some(hash));
        }
    }
}
