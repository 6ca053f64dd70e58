//! Values kept once for the whole process, each shared by every record that holds it: a name
//! ([`Name::shared`](super::Name::shared)) and a list of names
//! ([`Names::shared`](super::Names::shared)). A million events name a few hundred outlets and
//! list a few thousand sets of tags, and each record held a copy of its own.
//!
//! Kept for good, because a record's name or list cannot count references: so each kind keeps at
//! most a budget of bytes, and a value met after it is spent is a copy of its own. Reloads of
//! the same file find their values already kept. Each thread looks first in its own set of what
//! it has met, so that it takes the lock only for a value new to it.
//!
//! Why not a crate: `ustr` (the usual global interner) keeps every string it is given, and a
//! file of ten million distinct names would keep them all until tlx ends.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::LocalKey;

use foldhash::fast::FixedState;

/// The values a [`Kept`] holds, or a thread has met.
pub(super) type Set<T> = HashSet<T, FixedState>;

/// An empty set, for a `static` or a `thread_local!`.
pub(super) const fn set<T>() -> Set<T> {
    HashSet::with_hasher(FixedState::with_seed(0))
}

/// The values of one kind kept for good, shared by the loading threads.
pub(super) struct Kept<T> {
    all: Mutex<Set<T>>,
    /// Bytes kept, by the cost each value was kept at.
    spent: AtomicUsize,
    budget: usize,
}

impl<T: Hash + Eq + Clone> Kept<T> {
    /// Keeps at most `budget` bytes.
    pub(super) const fn new(budget: usize) -> Kept<T> {
        Kept {
            all: Mutex::new(set()),
            spent: AtomicUsize::new(0),
            budget,
        }
    }

    /// The value kept for `key`: as this thread met it (`near`), as another kept it, or made by
    /// `make` and kept now while `cost` more bytes fit the budget; `None` once they do not.
    pub(super) fn get<Q>(
        &self,
        near: &'static LocalKey<RefCell<Set<T>>>,
        key: &Q,
        cost: usize,
        make: impl FnOnce() -> T,
    ) -> Option<T>
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        near.with_borrow_mut(|near| {
            if let Some(kept) = near.get(key) {
                return Some(kept.clone());
            }
            let kept = self.keep(key, cost, make)?;
            near.insert(kept.clone());
            Some(kept)
        })
    }

    /// The value kept for `key` by any thread, or made and kept now within the budget.
    fn keep<Q>(&self, key: &Q, cost: usize, make: impl FnOnce() -> T) -> Option<T>
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut all = self.all.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = all.get(key) {
            return Some(kept.clone());
        }
        // Only under the lock: the check and the sum cannot race.
        if self.spent.load(Ordering::Relaxed) + cost > self.budget {
            return None;
        }
        self.spent.fetch_add(cost, Ordering::Relaxed);
        let kept = make();
        all.insert(kept.clone());
        Some(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_past_the_budget_are_not_kept_but_those_kept_are_still_found() {
        thread_local!(static NEAR: RefCell<Set<String>> = const { RefCell::new(set()) });
        let kept: Kept<String> = Kept::new(2 * 10 + 6);
        let made = |s: &str| s.to_string();
        assert_eq!(
            kept.get(&NEAR, "Tehran", 16, || made("Tehran")).as_deref(),
            Some("Tehran")
        );
        assert_eq!(
            kept.get(&NEAR, "Moscow", 10, || made("Moscow")).as_deref(),
            Some("Moscow")
        );
        assert_eq!(
            kept.get(&NEAR, "Washington", 1, || made("Washington")),
            None,
            "past the budget"
        );
        let found = kept.get(&NEAR, "Tehran", 16, || unreachable!("kept already"));
        assert_eq!(found.as_deref(), Some("Tehran"));
        assert_eq!(kept.spent.load(Ordering::Relaxed), 26);
        // Another thread, whose own set is empty, finds what this one kept.
        std::thread::scope(|s| {
            s.spawn(|| {
                let found = kept.get(&NEAR, "Moscow", 10, || unreachable!("kept by the other thread"));
                assert_eq!(found.as_deref(), Some("Moscow"));
                assert_eq!(kept.get(&NEAR, "Paris", 1, || made("Paris")), None);
            });
        });
    }
}
