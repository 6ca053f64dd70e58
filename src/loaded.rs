//! What loading a file comes to, whichever format it was in: shared by `load` and `import`, so
//! neither needs the other's types.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::ops::Range;

use thin_vec::ThinVec;

use crate::diagnostic::Diagnostic;
use crate::model::Timeline;

mod anchors;
mod layout;
pub use anchors::Anchors;
pub use layout::{Layout, Plain, Rows, plain, plain_printable};

/// A parsed timeline and everything found wrong with it, in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What could be read (complete when there are no errors).
    pub timeline: Timeline,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// How its events lie in the file's text.
    pub layout: Layout,
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
}

/// One part of an event written in the file, as [`Packed`] lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Part {
    /// [`EventSpans::table`].
    Table,
    /// [`EventSpans::id`].
    Id,
    /// An entry of [`EventSpans::related`].
    Related,
    /// An entry of [`EventSpans::actors`].
    Actor,
    /// An entry of [`EventSpans::claims`].
    Claim,
    /// A source's table: the parts of an item that follow are the source's.
    Source,
    /// A denial's table: the parts of an item that follow are the denial's.
    Denial,
    /// The last source's or denial's `via`.
    Via,
    /// The last source's or denial's `derived_from`.
    DerivedFrom,
    /// An entry of the last source's or denial's `claims`.
    ItemClaim,
}

/// An event's [`EventSpans`] as one list of its parts, in the order each kind was written: what an
/// importer keeps while every event of the file is held (a CSV file's rows may add to any event
/// until the last is read), since the parts most events have take a word each, where an
/// `EventSpans` takes 152 bytes and an allocation for each list it has. It is unpacked an event
/// at a time, to check that event.
///
/// A part is one word: where it begins (its low 40 bits), its length (the next 20) and its
/// [`Part`] (the top four). One that begins a terabyte in or is a megabyte long takes three: a
/// word of its part whose length is all ones, then where it begins and where it ends. Two words
/// a part held a million-event CSV file's 4.5 million parts in 72 MB, at the top of its load's
/// memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packed(Vec<u64>);

/// Every part, in the order of their numbers.
const PARTS: [Part; 10] = [
    Part::Table,
    Part::Id,
    Part::Related,
    Part::Actor,
    Part::Claim,
    Part::Source,
    Part::Denial,
    Part::Via,
    Part::DerivedFrom,
    Part::ItemClaim,
];

impl Packed {
    /// Bits of where a part begins.
    const AT: u32 = 40;
    /// Bits of its length.
    const LEN: u32 = 20;
    /// The length that says the part's place follows in two words of their own.
    const FAR: u64 = (1 << Packed::LEN) - 1;

    /// Room for `n` parts.
    pub fn with_capacity(n: usize) -> Packed {
        Packed(Vec::with_capacity(n))
    }

    /// Adds a part; an item's parts follow its table.
    pub fn push(&mut self, part: Part, span: Range<usize>) {
        let part = (part as u64) << (Packed::AT + Packed::LEN);
        let (start, len) = (span.start as u64, span.end.checked_sub(span.start).map(|l| l as u64));
        match len {
            Some(len) if start < 1 << Packed::AT && len < Packed::FAR => {
                self.0.push_snug(part | len << Packed::AT | start);
            }
            _ => {
                self.0.push_snug(part | Packed::FAR << Packed::AT);
                self.0.push_snug(start);
                self.0.push_snug(span.end as u64);
            }
        }
    }

    /// Adds parts of one kind.
    pub fn extend(&mut self, part: Part, spans: impl IntoIterator<Item = Range<usize>>) {
        for span in spans {
            self.push(part, span);
        }
    }

    /// Every part and where it was written, in order.
    fn placed(&self) -> impl Iterator<Item = (Part, Range<usize>)> + '_ {
        let mut words = self.0.iter().copied();
        std::iter::from_fn(move || {
            let word = words.next()?;
            let part = PARTS[(word >> (Packed::AT + Packed::LEN)) as usize];
            // Each place was a `usize` when it was pushed.
            let span = match (word >> Packed::AT) & Packed::FAR {
                Packed::FAR => words.next()? as usize..words.next()? as usize,
                len => {
                    let start = (word & ((1 << Packed::AT) - 1)) as usize;
                    start..start + len as usize
                }
            };
            Some((part, span))
        })
    }

    /// How many parts of this kind there are.
    pub fn count(&self, part: Part) -> usize {
        self.spans(part).count()
    }

    /// Where each part of this kind was written, in order.
    pub fn spans(&self, part: Part) -> impl Iterator<Item = Range<usize>> + '_ {
        self.placed().filter(move |(p, _)| *p == part).map(|(_, span)| span)
    }

    /// The event's table ([`EventSpans::table`]).
    pub fn table(&self) -> Range<usize> {
        self.spans(Part::Table).next().unwrap_or_default()
    }

    /// For each offset of `at`, the first event of `events` one of whose parts holds it, as
    /// [`EventSpans::holds`] says. One
    /// sweep over the parts and the offsets in file order: asking every event of every offset
    /// takes errors times events, minutes for a file with a broken link on each row.
    pub fn owners(events: &[Packed], at: &[usize]) -> Vec<Option<usize>> {
        // Most files have no error to place: the parts of a million events are not sorted for none.
        if at.is_empty() {
            return Vec::new();
        }
        let mut parts: Vec<(Range<usize>, usize)> = events
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
            while let Some((r, e)) = begun.next_if(|(r, _)| r.start <= x) {
                open.push(Reverse((r.end, *e)));
                *holding.entry(*e).or_insert(0usize) += 1;
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

    /// Its parts as [`EventSpans::holds`] counts them: all but the id, which its table holds.
    fn parts(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.placed().filter(|(p, _)| *p != Part::Id).map(|(_, span)| span)
    }

    /// The spans listed.
    pub fn unpack(&self) -> EventSpans {
        let mut spans = EventSpans::default();
        // Whether the last item begun is a denial.
        let mut denial = false;
        for (part, span) in self.placed() {
            match part {
                Part::Table => spans.table = span,
                Part::Id => spans.id = span,
                Part::Related => spans.related.push(span),
                Part::Actor => spans.actors.push(span),
                Part::Claim => spans.claims.push(span),
                Part::Source | Part::Denial => {
                    denial = part == Part::Denial;
                    let items = if denial { &mut spans.denials } else { &mut spans.sources };
                    items.push(ItemSpans {
                        table: span,
                        ..ItemSpans::default()
                    });
                }
                Part::Via | Part::DerivedFrom | Part::ItemClaim => {
                    let items = if denial { &mut spans.denials } else { &mut spans.sources };
                    if let Some(i) = items.last_mut() {
                        match part {
                            Part::Via => i.via = Some(span),
                            Part::DerivedFrom => i.derived_from = Some(span),
                            _ => i.claims.push(span),
                        }
                    }
                }
            }
        }
        spans
    }
}

impl From<EventSpans> for Packed {
    fn from(spans: EventSpans) -> Packed {
        let mut packed = Packed::default();
        packed.push(Part::Table, spans.table);
        packed.push(Part::Id, spans.id);
        packed.extend(Part::Related, spans.related);
        packed.extend(Part::Actor, spans.actors);
        packed.extend(Part::Claim, spans.claims);
        let items = (spans.sources.into_iter().map(|i| (Part::Source, i)))
            .chain(spans.denials.into_iter().map(|i| (Part::Denial, i)));
        for (part, item) in items {
            packed.push(part, item.table);
            packed.extend(Part::Via, item.via);
            packed.extend(Part::DerivedFrom, item.derived_from);
            packed.extend(Part::ItemClaim, item.claims);
        }
        packed.0.shrink_to_fit();
        packed
    }
}

/// A list filled an item at a time: a `Vec`, or an event's thin list.
pub trait PushSnug<T> {
    /// Most events have a few sources, denials or claims, written a row at a time: `Vec::push`
    /// makes room for four at once, which at a million events leaves half a gigabyte of sources
    /// unused (and zeroed by the kernel as it is first touched). A short list grows by one; a
    /// long one as `Vec` grows, so an event of many rows is not copied for each.
    fn push_snug(&mut self, item: T);
}

// One body for both lists: their methods share names but no trait.
macro_rules! push_snug {
    ($($list:ident),*) => {$(
        impl<T> PushSnug<T> for $list<T> {
            fn push_snug(&mut self, item: T) {
                if self.len() == self.capacity() && self.len() < SNUG {
                    self.reserve_exact(1);
                }
                self.push(item);
            }
        }
    )*};
}
push_snug!(Vec, ThinVec);

/// How long a list [`PushSnug`] grows by one.
const SNUG: usize = 8;

/// `items`, gathered in place, moved to a list of their number (a loaded event is seldom added
/// to: [`crate::model::Event::add_sources`]), which becomes a boxed slice without a copy. Not
/// by `into_vec`, which collects them into room for four, to be fitted after.
pub fn fitted<A: smallvec::Array>(items: smallvec::SmallVec<A>) -> Vec<A::Item> {
    let mut list = Vec::with_capacity(items.len());
    list.extend(items);
    list
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

    /// Ranges within 0..60, empty ones too, and now and then one that begins a terabyte in or
    /// is a megabyte long.
    fn ranges(n: usize) -> impl Strategy<Value = Vec<Range<usize>>> {
        let start = prop_oneof![8 => 0..60usize, 1 => (1usize << 40) - 2..(1 << 40) + 2];
        let len = prop_oneof![8 => 0..12usize, 1 => (1usize << 20) - 2..(1 << 20) + 2];
        prop::collection::vec((start, len).prop_map(|(s, l)| s..s + l), 0..n)
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

    /// Any spans: items with and without `via`, `derived_from` and claims, among denials too.
    fn any_spans() -> impl Strategy<Value = EventSpans> {
        let items = || {
            let optional = || prop::option::of((0..60usize, 0..12usize).prop_map(|(s, l)| s..s + l));
            let item = (ranges(2), optional(), optional(), ranges(3)).prop_map(|(table, via, derived_from, claims)| {
                ItemSpans {
                    table: table.first().cloned().unwrap_or_default(),
                    via,
                    derived_from,
                    claims,
                }
            });
            prop::collection::vec(item, 0..3)
        };
        (ranges(2), ranges(3), ranges(3), ranges(3), items(), items()).prop_map(
            |(ends, related, actors, claims, sources, denials)| EventSpans {
                table: ends.first().cloned().unwrap_or_default(),
                id: ends.last().cloned().unwrap_or_default(),
                related,
                actors,
                claims,
                sources,
                denials,
            },
        )
    }

    #[test]
    fn every_part_and_any_offset_of_a_file_comes_back_as_packed() {
        let far = (1 << 40) + 3;
        let long = 5..5 + (1 << 20);
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 9..3;
        for part in PARTS {
            for span in [far..far + 7, long.clone(), backwards.clone(), 0..0, 7..8] {
                let mut packed = Packed::default();
                packed.push(part, span.clone());
                packed.push(Part::Claim, 2..4);
                assert_eq!(packed.placed().collect::<Vec<_>>(), [(part, span), (Part::Claim, 2..4)]);
            }
        }
    }

    proptest! {
        #[test]
        fn packed_spans_unpack_to_what_was_packed(spans in any_spans()) {
            prop_assert_eq!(Packed::from(spans.clone()).unpack(), spans);
        }

        #[test]
        fn parts_pushed_an_item_at_a_time_unpack_to_their_items(spans in any_spans()) {
            // As an importer pushes them: the event's own parts and its items' in any order, each
            // item's parts right after its table.
            let mut packed = Packed::with_capacity(4);
            let items = spans.sources.iter().map(|i| (Part::Source, i)).chain(spans.denials.iter().map(|i| (Part::Denial, i)));
            for (part, item) in items {
                packed.push(part, item.table.clone());
                packed.extend(Part::ItemClaim, item.claims.iter().cloned());
                packed.extend(Part::DerivedFrom, item.derived_from.clone());
                packed.extend(Part::Via, item.via.clone());
            }
            packed.extend(Part::Claim, spans.claims.iter().cloned());
            packed.push(Part::Id, spans.id.clone());
            packed.extend(Part::Related, spans.related.iter().cloned());
            packed.push(Part::Table, spans.table.clone());
            packed.extend(Part::Actor, spans.actors.iter().cloned());
            prop_assert_eq!(packed.table(), spans.table.clone());
            prop_assert_eq!(packed.count(Part::Denial), spans.denials.len());
            prop_assert_eq!(packed.unpack(), spans);
        }

        #[test]
        fn the_sweep_names_the_owner_the_scan_of_every_event_names(
            events in prop::collection::vec(spans(), 0..8),
            at in prop::collection::vec(0..75usize, 0..20),
        ) {
            let scanned: Vec<Option<usize>> =
                at.iter().map(|&x| events.iter().position(|s| s.holds(x))).collect();
            let packed: Vec<Packed> = events.iter().cloned().map(Packed::from).collect();
            prop_assert_eq!(Packed::owners(&packed, &at), scanned);
        }
    }
}
