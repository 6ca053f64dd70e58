//! What the explorer shows of the data: the events the filter keeps, in order, with their
//! evidence, indexed for the axis. Worked out by one function, [`Shown::refresh`], from the data,
//! the filter and the marks; what it keeps from one refresh to the next is keyed inside it.

use super::data::Data;
use crate::axis::Window;
use crate::axis::index::{self, AxisIndex};
use crate::filter::{Facets, Filter};
use crate::model::Timeline;
use crate::model::evidence::{AsOf, Evidence};
use crate::model::matrix::Matrix;

/// The shown events and what is worked out from them.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Event indices as shown (filtered, in date order or disputes first).
    order: Vec<usize>,
    /// Every event's evidence as of the knowledge date, by event index.
    evidence: Vec<Evidence>,
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
        let mut shown = Shown {
            order: Vec::new(),
            evidence: Vec::new(),
            evidence_for: None,
            axis: AxisIndex::new(std::iter::empty()),
            fit: None,
            matrix: None,
        };
        shown.refresh(data, filter, marks, false);
        shown
    }

    /// Works the shown events out again after the data, the filter or the marks changed, and
    /// tabulates the matrix again when `tabulate` (the matrix screen is up); otherwise it is dropped.
    pub(super) fn refresh(&mut self, data: &Data, filter: &Filter, marks: &(dyn Facets + Sync), tabulate: bool) {
        let key = (data.version(), filter.as_of.clone());
        if self.evidence_for.as_ref() != Some(&key) {
            self.evidence = filter.evidence(data.timeline());
            self.evidence_for = Some(key);
        }
        let t = data.timeline();
        self.order = filter.order_in(t, data.chronological(), &self.evidence, marks);
        self.axis = index_axis(t, &self.order, &self.evidence);
        let dates = self.order.iter().map(|&i| &t.events[i].date);
        self.fit = (!self.order.is_empty()).then(|| Window::fit(dates.map(|d| (d.earliest(), d.latest()))));
        self.matrix = None;
        if tabulate {
            self.tabulate(data);
        }
    }

    /// The matrix of the shown events, tabulated now unless it is already.
    pub(super) fn tabulate(&mut self, data: &Data) -> &Matrix {
        self.matrix
            .get_or_insert_with(|| Matrix::build(data.timeline(), &self.order, &self.evidence))
    }

    /// Event indices as shown (filtered, in date order or disputes first).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Every event's evidence as of the knowledge date, by event index.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
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

/// The shown events (`order`) indexed for the axis; an item's `index` is its position in `order`.
fn index_axis(t: &Timeline, order: &[usize], evidence: &[Evidence]) -> AxisIndex {
    AxisIndex::new(order.iter().enumerate().map(|(pos, &i)| {
        let date = &t.events[i].date;
        index::Marker {
            earliest: date.earliest(),
            latest: date.latest(),
            fuzzy: date.is_fuzzy(),
            interval: date.is_interval(),
            status: evidence[i].status,
            index: pos,
        }
    }))
}
