//! Names kept once for the whole process: an outlet, a denier or a tag is named by thousands of
//! records, and a million events held each of their names as a copy of its own (about 100 bytes
//! an event, in some five million small allocations). A name read by a loader is looked up here
//! and shared from the one copy kept for good.
//!
//! Kept for good, because a record's `Name` cannot count references: so at most [`BUDGET`]
//! bytes are kept, and a name read after that, or longer than [`LONGEST`], is a copy of its own.
//! Reloads of the same file find their names already kept.
//!
//! Why not a crate: `ustr` (the usual global interner) keeps every string it is given, and a
//! file of ten million distinct names would keep them all until tlx ends.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::Name;

/// Bytes kept for good at most, counting each name's set entries and allocation beside its text.
const BUDGET: usize = 32 << 20;

/// What keeping a name costs beyond its text: its allocation's rounding and its entries in the
/// shared set and in each thread's.
const ENTRY: usize = 64;

/// Longer text is not a name that many records share (a note, a quote written as a name).
const LONGEST: usize = 128;

type Set = HashSet<Name, foldhash::fast::FixedState>;

/// Every name kept, shared by the loading threads.
static KEPT: Mutex<Set> = Mutex::new(HashSet::with_hasher(foldhash::fast::FixedState::with_seed(0)));

/// Bytes spent on [`KEPT`], by [`ENTRY`] and the names' lengths.
static SPENT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The names this thread has looked up, so that it takes the lock only for a name new to it.
    static NEAR: RefCell<Set> = RefCell::new(Set::default());
}

/// `name` as a record's name: the one copy kept for good, or a copy of its own once [`BUDGET`] is
/// spent.
pub(super) fn shared(name: &str) -> Name {
    kept(name).unwrap_or_else(|| name.into())
}

fn kept(name: &str) -> Option<Name> {
    if name.len() > LONGEST {
        return None;
    }
    NEAR.with_borrow_mut(|near| {
        if let Some(kept) = near.get(name) {
            return Some(kept.clone());
        }
        let kept = keep(&KEPT, &SPENT, BUDGET, name)?;
        near.insert(kept.clone());
        Some(kept)
    })
}

/// `name` as kept in `all`: found there, or kept now while `spent` stays within `budget`.
fn keep(all: &Mutex<Set>, spent: &AtomicUsize, budget: usize, name: &str) -> Option<Name> {
    let mut all = all.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(kept) = all.get(name) {
        return Some(kept.clone());
    }
    let cost = name.len() + ENTRY;
    // Only under the lock: the check and the sum cannot race.
    if spent.load(Ordering::Relaxed) + cost > budget {
        return None;
    }
    spent.fetch_add(cost, Ordering::Relaxed);
    let kept = Name::new(name, false);
    all.insert(kept.clone());
    Some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once_and_lent_to_every_record_that_reads_it() {
        let a = shared("The Provincial Times");
        let b = shared(&String::from("The Provincial Times"));
        assert_eq!(a, "The Provincial Times");
        assert!(!a.is_owned() && !b.is_owned());
        assert_eq!(a.as_ptr(), b.as_ptr(), "one copy");
        let elsewhere = std::thread::spawn(|| shared("The Provincial Times").as_ptr() as usize);
        assert_eq!(
            elsewhere.join().unwrap(),
            a.as_ptr() as usize,
            "one copy for every thread"
        );
    }

    #[test]
    fn names_past_the_budget_are_not_kept_but_those_kept_are_still_found() {
        let (all, spent) = (Mutex::new(Set::default()), AtomicUsize::new(0));
        let budget = 2 * ENTRY + 12;
        let first = keep(&all, &spent, budget, "Tehran").unwrap();
        assert!(keep(&all, &spent, budget, "Moscow").is_some());
        assert_eq!(keep(&all, &spent, budget, "Washington"), None, "past the budget");
        assert_eq!(
            keep(&all, &spent, budget, "Tehran").map(|n| n.as_ptr()),
            Some(first.as_ptr())
        );
        assert_eq!(spent.load(Ordering::Relaxed), 2 * ENTRY + 12);
    }

    #[test]
    fn long_text_is_copied() {
        let long = "x".repeat(LONGEST + 1);
        let (a, b) = (shared(&long), shared(&long));
        assert!(a.is_owned() && b.is_owned());
        assert_eq!(a, long.as_str());
        assert_ne!(a.as_ptr(), b.as_ptr());
    }
}
