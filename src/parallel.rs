//! Work over every event split across the cores, for the passes a keystroke can start (search,
//! filter, knowledge date) on timelines of a million events, and for the readers that hand
//! events on in file order ([`overlapped`]). Rayon does the splitting; this module holds only
//! the policy: short lists stay on one piece, where handing work to other threads would cost
//! more than it saves.

use std::ops::Range;

use rayon::prelude::*;

/// Below this many items one piece does the work.
const ALONE: usize = 16_384;

/// How many items each piece of [`pieces`] holds, when the caller has no reason to choose.
pub const PIECE: usize = ALONE;

/// The indices in `0..len` for which `keep` holds, ascending.
pub fn filter(len: usize, keep: impl Fn(usize) -> bool + Sync + Send) -> Vec<usize> {
    if len < ALONE {
        return (0..len).filter(|&i| keep(i)).collect();
    }
    (0..len)
        .into_par_iter()
        .with_min_len(ALONE)
        .filter(|&i| keep(i))
        .collect()
}

/// Whether `test` holds for some index in `0..len`.
pub fn any(len: usize, test: impl Fn(usize) -> bool + Sync + Send) -> bool {
    if len < ALONE {
        return (0..len).any(test);
    }
    (0..len).into_par_iter().with_min_len(ALONE).any(test)
}

/// `f` of every item, in order.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync + Send) -> Vec<U> {
    map_indices(items.len(), |i| f(&items[i]))
}

/// `f` of every index in `0..len`, in order.
pub fn map_indices<U: Send>(len: usize, f: impl Fn(usize) -> U + Sync + Send) -> Vec<U> {
    if len < ALONE {
        return (0..len).map(f).collect();
    }
    (0..len).into_par_iter().with_min_len(ALONE).map(f).collect()
}

/// `f` of each run of `len` consecutive items (the last may be shorter), in order: for work
/// that carries state from item to item within a piece, the caller joining the pieces after.
pub fn pieces<T: Sync, U: Send>(items: &[T], len: usize, f: impl Fn(&[T]) -> U + Sync + Send) -> Vec<U> {
    runs(items.len(), len, |run| f(&items[run]))
}

/// [`pieces`] of the indices `0..count`, each run given as its range.
pub fn runs<U: Send>(count: usize, len: usize, f: impl Fn(Range<usize>) -> U + Sync + Send) -> Vec<U> {
    let len = len.max(1);
    if count <= len {
        return vec![f(0..count)];
    }
    (0..count.div_ceil(len))
        .into_par_iter()
        .map(|k| f(k * len..count.min((k + 1) * len)))
        .collect()
}

/// `read` of every index in `0..count` on every core, handed to `hand_on` in order a batch of
/// `batch` at a time. Each batch is handed on while the next is read, so that what `hand_on`
/// does in order (a check, one item after another) takes a core of its own rather than leaving
/// the others idle; two batches live at once. `hand_on` runs on this thread and need not be
/// sent to another (an export's writer may be a locked stdout).
pub fn overlapped<T: Send>(
    count: usize,
    batch: usize,
    read: impl Fn(usize) -> T + Sync + Send,
    mut hand_on: impl FnMut(Vec<T>),
) {
    let batch = batch.max(1);
    let mut ready = Vec::new();
    for start in (0..count).step_by(batch) {
        let previous = std::mem::take(&mut ready);
        let mut next = Vec::new();
        rayon::in_place_scope(|s| {
            s.spawn(|_| next = (start..count.min(start + batch)).into_par_iter().map(&read).collect());
            hand_on(previous);
        });
        ready = next;
    }
    hand_on(ready);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_lists_give_what_one_thread_would() {
        for len in [0, 1, 7, ALONE - 1, ALONE, 3 * ALONE + 5] {
            let odd = |i: usize| i % 3 == 1;
            assert_eq!(any(len, |i| i + 1 == len), len > 0, "{len}");
            assert!(!any(len, |i| i >= len), "{len}");
            assert_eq!(
                filter(len, odd),
                (0..len).filter(|&i| odd(i)).collect::<Vec<_>>(),
                "{len}"
            );
            let items: Vec<usize> = (0..len).collect();
            assert_eq!(
                map(&items, |&i| i * 2),
                (0..len).map(|i| i * 2).collect::<Vec<_>>(),
                "{len}"
            );
            for piece in [1, 7, ALONE] {
                let joined: Vec<usize> = pieces(&items, piece, <[usize]>::to_vec).concat();
                assert_eq!(joined, items, "{len} in pieces of {piece}");
                let joined: Vec<usize> = runs(len, piece, Iterator::collect::<Vec<_>>).concat();
                assert_eq!(joined, items, "{len} in runs of {piece}");
                let mut handed = Vec::new();
                overlapped(
                    len,
                    piece,
                    |i| i,
                    |batch| {
                        assert!(
                            batch.len() <= piece,
                            "{len} overlapped by {piece}: a batch of {}",
                            batch.len()
                        );
                        handed.extend(batch);
                    },
                );
                assert_eq!(handed, items, "{len} overlapped by {piece}");
            }
        }
    }
}
