//! What loading a file comes to, whichever format it was in: shared by `load` and `import`, so
//! neither needs the other's types.

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
    /// Whether one of the event's parts written in the file holds the offset `at`: its table,
    /// a link, a claim, a source's or a denial's table, link or claim.
    pub fn holds(&self, at: usize) -> bool {
        let items = self.sources.iter().chain(&self.denials);
        std::iter::once(&self.table)
            .chain(&self.related)
            .chain(&self.actors)
            .chain(&self.claims)
            .chain(items.clone().map(|i| &i.table))
            .chain(items.flat_map(|i| i.via.iter().chain(&i.derived_from).chain(&i.claims)))
            .any(|r| r.contains(&at))
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
