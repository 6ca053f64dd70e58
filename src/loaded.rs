//! What loading a file comes to, whichever format it was in: shared by `load` and `import`, so
//! neither needs the other's types.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::Timeline;

/// A parsed timeline and everything found wrong with it, in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What could be read (complete when there are no errors).
    pub timeline: Timeline,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// True when an error is not one that only leaves its event out: the timeline cannot open.
    pub fn blocked(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error() && d.set_aside.is_none())
    }
}

/// Where the parts of one event were written, for diagnostics found after loading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSpans {
    /// The whole `[[events]]` table.
    pub table: Range<usize>,
    /// The `id` value.
    pub id: Range<usize>,
    /// Each `related` entry.
    pub related: Vec<Range<usize>>,
    /// Each `actors` entry.
    pub actors: Vec<Range<usize>>,
    /// Each claim's `id` value (its table when it has none).
    pub claims: Vec<Range<usize>>,
    /// Each source: its table and its `via` value.
    pub sources: Vec<ItemSpans>,
    /// Each denial: its table and its `via` value.
    pub denials: Vec<ItemSpans>,
}

impl EventSpans {
    /// Whether one of the event's parts written in the file holds the offset `at`.
    pub fn holds(&self, at: usize) -> bool {
        self.parts().any(|r| r.contains(&at))
    }

    /// The event's parts written in the file: its table, a link, a claim, a source's or a
    /// denial's table, link or claim.
    fn parts(&self) -> impl Iterator<Item = &Range<usize>> {
        let items = self.sources.iter().chain(&self.denials);
        std::iter::once(&self.table)
            .chain(&self.related)
            .chain(&self.actors)
            .chain(&self.claims)
            .chain(items.clone().map(|i| &i.table))
            .chain(items.flat_map(|i| i.via.iter().chain(&i.derived_from).chain(&i.claims)))
    }

    /// For each offset of `at`, the first event of `events` one of whose parts holds it. One
    /// sweep over the parts and the offsets in file order: asking every event of every offset
    /// takes errors times events, minutes for a file with a broken link on each row.
    pub fn owners(events: &[EventSpans], at: &[usize]) -> Vec<Option<usize>> {
        // Most files have no error to place: the parts of a million events are not sorted for none.
        if at.is_empty() {
            return Vec::new();
        }
        let mut parts: Vec<(&Range<usize>, usize)> = events
            .iter()
            .enumerate()
            .flat_map(|(e, spans)| spans.parts().map(move |r| (r, e)))
            .collect();
        parts.sort_unstable_by_key(|(r, _)| r.start);
        let mut asked: Vec<usize> = (0..at.len()).collect();
        asked.sort_unstable_by_key(|&q| at[q]);
        // The parts begun before the offset swept to: by where they end, and how many each
        // event has of them.
        let mut open = BinaryHeap::new();
        let mut holding = BTreeMap::new();
        let mut begun = parts.iter().peekable();
        let mut owners = vec![None; at.len()];
        for q in asked {
            let x = at[q];
            while let Some(&(r, e)) = begun.next_if(|(r, _)| r.start <= x) {
                open.push(Reverse((r.end, e)));
                *holding.entry(e).or_insert(0usize) += 1;
            }
            while let Some(&Reverse((end, e))) = open.peek() {
                if end > x {
                    break;
                }
                open.pop();
                if let Some(n) = holding.get_mut(&e) {
                    *n -= 1;
                    if *n == 0 {
                        holding.remove(&e);
                    }
                }
            }
            owners[q] = holding.keys().next().copied();
        }
        owners
    }
}

/// Where a source or denial was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemSpans {
    /// The whole table.
    pub table: Range<usize>,
    /// The `via` value, when present.
    pub via: Option<Range<usize>>,
    /// The `derived_from` value, when present.
    pub derived_from: Option<Range<usize>>,
    /// Each entry of its `claims`.
    pub claims: Vec<Range<usize>>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Ranges within 0..60, empty ones too.
    fn ranges(n: usize) -> impl Strategy<Value = Vec<Range<usize>>> {
        prop::collection::vec((0..60usize, 0..12usize).prop_map(|(s, l)| s..s + l), 0..n)
    }

    /// An event's parts, overlapping other events' as a timemap's shared source does.
    fn spans() -> impl Strategy<Value = EventSpans> {
        let item = (0..60usize, 0..20usize, ranges(2)).prop_map(|(s, l, claims)| ItemSpans {
            table: s..s + l,
            via: claims.first().cloned(),
            derived_from: None,
            claims,
        });
        (ranges(2), ranges(3), prop::collection::vec(item, 0..3)).prop_map(|(tables, related, sources)| EventSpans {
            table: tables.first().cloned().unwrap_or_default(),
            related,
            sources,
            ..EventSpans::default()
        })
    }

    proptest! {
        #[test]
        fn the_sweep_names_the_owner_the_scan_of_every_event_names(
            events in prop::collection::vec(spans(), 0..8),
            at in prop::collection::vec(0..75usize, 0..20),
        ) {
            let scanned: Vec<Option<usize>> =
                at.iter().map(|&x| events.iter().position(|s| s.holds(x))).collect();
            prop_assert_eq!(EventSpans::owners(&events, &at), scanned);
        }
    }
}
