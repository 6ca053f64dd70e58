//! Work over every event split across the cores, for the passes a keystroke can start (search,
//! filter, knowledge date) on timelines of a million events. Short lists stay on one thread,
//! where starting threads would cost more than it saves.

use std::ops::Range;
use std::thread;

/// Below this many items one thread does the work.
const ALONE: usize = 16_384;

/// The chunks `0..len` is split into, one per thread.
fn chunks(len: usize) -> Vec<Range<usize>> {
    let threads = if len < ALONE {
        1
    } else {
        thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let size = len.div_ceil(threads).max(1);
    (0..len).step_by(size).map(|a| a..(a + size).min(len)).collect()
}

/// The indices in `0..len` for which `keep` holds, ascending.
pub fn filter(len: usize, keep: impl Fn(usize) -> bool + Sync) -> Vec<usize> {
    let parts = chunks(len);
    if parts.len() <= 1 {
        return (0..len).filter(|&i| keep(i)).collect();
    }
    let keep = &keep;
    thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || part.filter(|&i| keep(i)).collect::<Vec<usize>>()))
            .collect();
        handles.into_iter().flat_map(join).collect()
    })
}

/// `f` of every item, in order.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let parts = chunks(items.len());
    if parts.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || items[part].iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            out.extend(join(h));
        }
        out
    })
}

/// A worker's result; a panic in a worker is the caller's panic, as it would be on one thread.
fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_lists_give_what_one_thread_would() {
        for len in [0, 1, 7, ALONE - 1, ALONE, 3 * ALONE + 5] {
            let odd = |i: usize| i % 3 == 1;
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
        }
    }

    #[test]
    fn chunks_cover_the_range_in_order() {
        for len in [0, 5, ALONE, 100_003] {
            let covered: Vec<usize> = chunks(len).into_iter().flatten().collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>());
        }
    }
}
