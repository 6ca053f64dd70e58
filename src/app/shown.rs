//! What the explorer shows of the data: the events the filter keeps, in order, with their
//! evidence, indexed for the axis. Worked out by one function, [`Shown::refresh`], from the data,
//! the filter and the marks; what it keeps from one refresh to the next is keyed inside it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::data::Data;
use super::export::Export;
use crate::axis::Window;
use crate::axis::index::{self, AxisIndex};
use crate::export::Format;
use crate::filter::{Facets, Filter};
use crate::model::Timeline;
use crate::model::evidence::{AsOf, Evidence};
use crate::model::matrix::Matrix;
use crate::parallel;

/// The shown events and what is worked out from them.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Event indices as shown (filtered, in date order or disputes first); shared with a worker
    /// searching them.
    order: Arc<Vec<usize>>,
    /// Every event's evidence as of the knowledge date, by event index; shared with the worker
    /// that works the next refresh out, which keeps it while the knowledge date stays.
    evidence: Arc<Vec<Evidence>>,
    /// The load (its [`Data::version`]) and the knowledge date `evidence` was worked out for:
    /// the filter prompt refilters on every key, and the evidence stays while these do.
    evidence_for: Option<(u64, Option<AsOf>)>,
    /// The shown events indexed by time, so each frame bins them cheaply.
    axis: AxisIndex,
    /// The axis window that fits the shown events; `None` when none is shown.
    fit: Option<Window>,
    /// Who said what about the shown events: tabulated for the matrix screen and kept until the
    /// shown events change (a million events cost seconds to tabulate).
    matrix: Option<Matrix>,
}

impl Shown {
    /// What the filter shows of the data.
    pub(super) fn new(data: &Data, filter: &Filter, marks: &(dyn Facets + Sync)) -> Shown {
        let mut shown = Shown::new_empty();
        shown.refresh(data, filter, marks, false);
        shown
    }

    /// Nothing shown and nothing worked out yet.
    fn new_empty() -> Shown {
        Shown {
            order: Arc::default(),
            evidence: Arc::default(),
            evidence_for: None,
            axis: AxisIndex::new(std::iter::empty()),
            fit: None,
            matrix: None,
        }
    }

    /// Works the shown events out again after the data, the filter or the marks changed, and
    /// tabulates the matrix again when `tabulate` (the matrix screen is up); otherwise it is dropped.
    pub(super) fn refresh(&mut self, data: &Data, filter: &Filter, marks: &(dyn Facets + Sync), tabulate: bool) {
        let never = AtomicBool::new(false);
        self.refresh_unless(data, filter, marks, tabulate, &never);
    }

    /// What [`Shown::refresh`] works out, on a worker, from [`Shown::carried`] (the evidence
    /// stays while the load and the knowledge date do); gives up, returning `None`,
    /// as soon as `cancelled` is set between its steps (a newer query has superseded it).
    pub(super) fn refreshed(
        mut self,
        data: &Data,
        filter: &Filter,
        marks: &(dyn Facets + Sync),
        tabulate: bool,
        cancelled: &AtomicBool,
    ) -> Option<Shown> {
        self.refresh_unless(data, filter, marks, tabulate, cancelled)
            .then_some(self)
    }

    /// The shown events of `data`, to be written in `format` (see [`Export`]).
    pub(super) fn export(&self, data: &Arc<Data>, format: Format) -> Export {
        Export::new(data, &self.order, &self.evidence, format)
    }

    /// What a refresh on a worker starts from: the evidence (shared, not copied), nothing else.
    pub(super) fn carried(&self) -> Shown {
        Shown {
            evidence: Arc::clone(&self.evidence),
            evidence_for: self.evidence_for.clone(),
            ..Shown::new_empty()
        }
    }

    /// Refreshes step by step, stopping when `cancelled` is set; false when it stopped.
    fn refresh_unless(
        &mut self,
        data: &Data,
        filter: &Filter,
        marks: &(dyn Facets + Sync),
        tabulate: bool,
        cancelled: &AtomicBool,
    ) -> bool {
        let go_on = || !cancelled.load(Ordering::Relaxed);
        let key = (data.version(), filter.as_of.clone());
        if self.evidence_for.as_ref() != Some(&key) {
            self.evidence = Arc::new(filter.evidence(data.timeline()));
            self.evidence_for = Some(key);
        }
        if !go_on() {
            return false;
        }
        let t = data.timeline();
        self.order = Arc::new(filter.order_in(t, data.chronological(), &self.evidence, marks));
        if !go_on() {
            return false;
        }
        // The fit, the outermost extent, is taken as the markers go by.
        let mut reach = None;
        let markers = (markers(t, &self.order, &self.evidence))
            .inspect(|m| reach = Window::outermost(reach, (m.earliest, m.latest)));
        // Every event's status bounds the shown events' (a filter shows fewer), and is counted
        // in one pass through them in order.
        let mut room = [0; 5];
        self.evidence.iter().for_each(|e| room[e.status().index()] += 1);
        self.axis = AxisIndex::with_room(markers, room);
        self.fit = reach.map(|r| Window::fit([r]));
        self.matrix = None;
        if tabulate && go_on() {
            self.tabulate(data);
        }
        go_on()
    }

    /// The matrix of the shown events, tabulated now unless it is already.
    pub(super) fn tabulate(&mut self, data: &Data) -> &Matrix {
        self.matrix
            .get_or_insert_with(|| Matrix::build(data.timeline(), Arc::clone(&self.order), Arc::clone(&self.evidence)))
    }

    /// Takes in the matrix of the shown events as they are, tabulated on a worker from
    /// [`Shown::shared`].
    pub(super) fn tabulated(&mut self, matrix: Matrix) {
        self.matrix = Some(matrix);
    }

    /// Event indices as shown (filtered, in date order or disputes first).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Every event's evidence as of the knowledge date, by event index.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// The order and the evidence, shared (not copied) with a worker searching them.
    pub(super) fn shared(&self) -> (Arc<Vec<usize>>, Arc<Vec<Evidence>>) {
        (Arc::clone(&self.order), Arc::clone(&self.evidence))
    }

    /// The load and the knowledge date the evidence was worked out for.
    pub fn evidence_for(&self) -> Option<&(u64, Option<AsOf>)> {
        self.evidence_for.as_ref()
    }

    /// The shown events indexed by time.
    pub fn axis(&self) -> &AxisIndex {
        &self.axis
    }

    /// The axis window that fits the shown events; `None` when none is shown.
    pub fn fit(&self) -> Option<Window> {
        self.fit
    }

    /// Who said what about the shown events, when tabulated.
    pub fn matrix(&self) -> Option<&Matrix> {
        self.matrix.as_ref()
    }
}

/// The shown events (`order`) as the axis sees them; an item's `index` is its position in
/// `order`. Read across the cores: each event's date lies apart from the next one's in memory.
/// A stretch at a time, handed on as they come: a list of them all took 32 bytes an event, the
/// top of the memory a load of ten million events held.
///
/// In date order a file's events are read all over memory, and waiting for each date and
/// evidence took most of the time: the events a few places on are asked for ahead (a million
/// markers took 65-91 ms, where they took 163-207).
fn markers<'a>(
    t: &'a Timeline,
    order: &'a [usize],
    evidence: &'a [Evidence],
) -> impl Iterator<Item = index::Marker> + 'a {
    const STRETCH: usize = 1 << 16;
    (0..order.len()).step_by(STRETCH).flat_map(move |from| {
        let to = order.len().min(from + STRETCH);
        parallel::map_indices(to - from, move |k| {
            let (pos, i) = (from + k, order[from + k]);
            if let Some(&ahead) = order.get(pos + AHEAD) {
                prefetch(&t.events[ahead].date);
                prefetch(&evidence[ahead]);
            }
            // Unpacked once for the four.
            let date = t.events[i].date.value();
            index::Marker {
                earliest: date.earliest(),
                latest: date.latest(),
                fuzzy: date.is_fuzzy(),
                interval: date.is_interval(),
                status: evidence[i].status(),
                index: pos,
            }
        })
    })
}

/// How many places on [`markers`] asks for an event ahead: enough for its date to arrive from
/// memory while those before it are worked out.
const AHEAD: usize = 12;

/// Asks the processor to bring `item` into its cache, ahead of its use; a hint, which changes
/// nothing but how soon `item` can be read.
#[inline]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and cannot fault (the address is a
    // reference's besides); it needs SSE, which every x86-64 processor has.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(item).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}
