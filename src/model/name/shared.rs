//! Names kept once for the whole process (see [`kept`](crate::model::kept)): an outlet, a denier
//! or a tag is named by thousands of records, and a million events held each of their names as a
//! copy of its own (about 100 bytes an event, in some five million small allocations). A name
//! read by a loader is looked up here and shared from the one copy kept for good.

use std::cell::RefCell;

use super::Name;
use crate::model::kept::{Kept, Set, set};

/// Bytes kept for good at most, counting each name's set entries and allocation beside its text.
const BUDGET: usize = 32 << 20;

/// What keeping a name costs beyond its text: its allocation's rounding and its entries in the
/// shared set and in each thread's.
const ENTRY: usize = 64;

/// Longer text is not a name that many records share (a note, a quote written as a name).
const LONGEST: usize = 128;

/// Every name kept.
static KEPT: Kept<Name> = Kept::new(BUDGET);

thread_local! {
    /// The names this thread has looked up.
    static NEAR: RefCell<Set<Name>> = const { RefCell::new(set()) };
}

/// `name` as a record's name: the one copy kept for good, or a copy of its own once [`BUDGET`] is
/// spent.
pub(super) fn shared(name: &str) -> Name {
    let kept = (name.len() <= LONGEST).then(|| KEPT.get(&NEAR, name, name.len() + ENTRY, || Name::new(name, false)));
    kept.flatten().unwrap_or_else(|| name.into())
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
    fn long_text_is_copied() {
        let long = "x".repeat(LONGEST + 1);
        let (a, b) = (shared(&long), shared(&long));
        assert!(a.is_owned() && b.is_owned());
        assert_eq!(a, long.as_str());
        assert_ne!(a.as_ptr(), b.as_ptr());
    }
}
