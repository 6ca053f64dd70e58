//! What many records share, kept once for the whole process and lent to each of them: names
//! ([`super::name`]) and lists of tags ([`super::tags`]). A million events name a few thousand
//! outlets and list a few thousand sets of tags; each held a copy of its own.
//!
//! Kept for good, because a record cannot count references to what it shares (a name) or need
//! not (a list counts them, but a set that held the only other reference would keep it anyway):
//! so at most a budget of bytes is kept, and what comes after is each record's own. Reloads of
//! the same file find what they read already kept.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::LocalKey;

/// A set of what is kept, hashed the same way in every thread and run.
pub(super) type Set<T> = HashSet<T, foldhash::fast::FixedState>;

/// An empty [`Set`], for a `static` or a `thread_local!`.
pub(super) const fn set<T>() -> Set<T> {
    HashSet::with_hasher(foldhash::fast::FixedState::with_seed(0))
}

/// Values of one kind kept for good, within a budget of bytes.
pub(super) struct Kept<T: 'static> {
    /// Every value kept, shared by the loading threads.
    all: Mutex<Set<T>>,
    /// Bytes spent on `all`, as each value's keeper counted them.
    spent: AtomicUsize,
    budget: usize,
    /// The values each thread has looked up, so that it takes the lock only for one new to it.
    near: &'static LocalKey<RefCell<Set<T>>>,
}

impl<T: Hash + Eq + Clone> Kept<T> {
    pub(super) const fn new(budget: usize, near: &'static LocalKey<RefCell<Set<T>>>) -> Kept<T> {
        Kept {
            all: Mutex::new(set()),
            spent: AtomicUsize::new(0),
            budget,
            near,
        }
    }

    /// The value kept equal to `key`; else `make(key)`, kept now if its `cost` in bytes stays
    /// within the budget; `None` past it.
    pub(super) fn get<Q>(&self, key: &Q, cost: usize, make: impl FnOnce(&Q) -> T) -> Option<T>
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.near.with_borrow_mut(|near| {
            if let Some(kept) = near.get(key) {
                return Some(kept.clone());
            }
            let kept = self.keep(key, cost, make)?;
            near.insert(kept.clone());
            Some(kept)
        })
    }

    /// `key` as kept in `all`: found there, or made and kept now within the budget.
    fn keep<Q>(&self, key: &Q, cost: usize, make: impl FnOnce(&Q) -> T) -> Option<T>
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
        let kept = make(key);
        all.insert(kept.clone());
        Some(kept)
    }

    /// Bytes spent so far.
    #[cfg(test)]
    pub(super) fn spent(&self) -> usize {
        self.spent.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    thread_local! {
        static NEAR: RefCell<Set<Arc<str>>> = const { RefCell::new(set()) };
    }

    #[test]
    fn what_comes_past_the_budget_is_not_kept_but_what_was_kept_is_still_found() {
        let kept: Kept<Arc<str>> = Kept::new(2 * 10 + 12, &NEAR);
        let get = |key: &str| kept.get(key, 10 + key.len(), |key: &str| Arc::from(key));
        let first = get("Tehran").unwrap();
        assert!(get("Moscow").is_some());
        assert_eq!(get("Washington"), None, "past the budget");
        let again = kept.keep("Tehran", 16, |_| unreachable!("found, not made"));
        assert!(again.is_some_and(|again| Arc::ptr_eq(&again, &first)), "the one kept");
        assert_eq!(kept.spent(), 2 * 10 + 12);
    }
}
