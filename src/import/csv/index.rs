//! A CSV file's rows indexed by the event they make, so that its events can be built a batch at a
//! time, in [`super::import`]'s order and with its diagnostics, without holding them all: a check
//! of a million rows then needs memory for the text, its ids and a few words a row.
//!
//! Rows are grouped into events by id wherever they are in the file, so the index is made in one
//! pass (the timeline's own records read, each row's event found by its id), and each event is
//! then built from its rows alone: what a row does to its event depends on that event's earlier
//! rows only.

use super::super::Options;
use super::super::columns::Plan;
use super::super::ids::Ids;
use super::{
    Draft, Fields, Header, Items, Merger, Places, Row, column, dialect, merge_rows, plan, record_at, with_rows,
};
use crate::diagnostic::Diagnostic;
use crate::loaded::EventSpans;
use crate::model::date::Order;
use crate::model::timeline::event_index;
use crate::model::{Date, Event, Timeline};

/// Events built at once, on every core.
const BATCH: usize = 8 * 1024;

/// An event built from its rows, unless they make none, and the problems building it found.
type Built = (Option<(Event, Draft)>, Vec<Diagnostic>);

/// Where a row is and the event it belongs to.
struct RowAt {
    /// Its first byte.
    start: usize,
    /// The line it starts on.
    line: usize,
    /// Its event's place in the file's order. A row that cannot begin its event (no title or no
    /// valid date) and whose id has none yet makes no event; it is built with the next event
    /// begun, whose rows follow it, so that its problems are found as the import finds them.
    event: u32,
}

/// A CSV file's rows, indexed by event (see the module's comment).
pub struct Index<'t> {
    text: &'t str,
    delimiter: u8,
    plan: Plan,
    header: Header,
    order: Option<Order>,
    /// Every row that holds more than the timeline's records, in file order.
    rows: Vec<RowAt>,
    /// The rows' places in `rows` grouped by event, each group in file order; the rows of event
    /// `e` are `by_event[bounds[e]..bounds[e + 1]]`.
    by_event: Vec<u32>,
    bounds: Vec<u32>,
    /// The events the rows make.
    events: usize,
    /// Whether a check may ask for an event's id (see [`Index::ids_asked_for`]).
    ids_asked: bool,
    /// The file's own ids, claimed when an event has none, for the ids given to such events.
    ids: Ids,
    /// What the index's pass found: the header's and the records' problems.
    found: Vec<Diagnostic>,
    /// Rows that could not be read, then the column mapping's problems.
    later: Vec<Diagnostic>,
    /// The last event built to find an error's owner, since an event's errors come together.
    owner: Option<(usize, Option<EventSpans>)>,
}

/// Indexes a delimited timeline read as `options` say; returns its title, references and actors
/// with the index of its events.
pub fn index<'t>(text: &'t str, options: &Options) -> (Timeline, Index<'t>) {
    let delimiter = options.delimiter.unwrap_or_else(|| dialect::sniff(text));
    let (plan, mut mapping_errors) = plan(text, delimiter, options);
    let order = options.columns.order.or(options.order);
    let mut events = 0;
    let mut ids = Ids::default();
    let mut rows = Vec::new();
    // The pass builds no events, so it reads nothing of a row's items.
    let nothing = |_: &Row<'_>| ();
    // Whether an event begins without an id, which is then given one no id of the file takes.
    let mut unnamed = false;
    // Whether a row links to an event, or has an id that may hold an invisible character.
    let mut asks = false;
    let ((mut merger, header, own_ids), mut later) =
        with_rows(text, delimiter, &plan, order, None, nothing, |header, read| {
            let mut own_ids = Named::default();
            // The last row's id and its event, when it has one: the rows of an event mostly follow
            // one another, and a row found so is not looked up in a table of a million ids.
            let (mut last_id, mut last_event) = (String::new(), None);
            let mut merger = Merger::new();
            merge_rows(header, read, &mut merger, |_, row, soon, &mut (), start| {
                if let Some(id) = soon {
                    own_ids.places.soon(id);
                }
                let id = row.get(column!("id")).map(|(id, _)| id);
                asks |= row.get(column!("related")).is_some() || id.is_some_and(|id| !id.is_ascii());
                let known = match id {
                    Some(id) if last_event.is_some() && id == last_id => last_event,
                    Some(id) => own_ids.event(id),
                    None => None,
                };
                let event = known.unwrap_or(events as u32);
                let mut named = known;
                if known.is_none() && begins(row) {
                    events += 1;
                    match id {
                        Some(id) => {
                            own_ids.add(id, event);
                            named = Some(event);
                        }
                        None => unnamed = true,
                    }
                }
                last_id.clear();
                last_id.push_str(id.unwrap_or_default());
                last_event = named;
                rows.push(RowAt {
                    start,
                    line: row.number,
                    event,
                });
            });
            (
                merger,
                header.map_or_else(Header::default, |(header, _)| header.clone()),
                own_ids,
            )
        });
    // The file's own ids, claimed before any is given (as `Merger::timeline` claims them), in
    // any order: the ids they take are the same whatever the order. When every event has its
    // own, none is given, and a million ids are not copied again.
    if unnamed {
        for id in own_ids.ids() {
            ids.claim(id);
        }
    }
    // Not held while the rows are grouped: a copy of every id of the file.
    drop(own_ids);
    later.append(&mut mapping_errors);
    let (by_event, bounds) = group(&rows, events);
    let index = Index {
        text,
        delimiter,
        plan,
        header,
        order,
        rows,
        by_event,
        bounds,
        events,
        ids_asked: asks,
        ids,
        found: std::mem::take(&mut merger.diags),
        later,
        owner: None,
    };
    (merger.own_records(), index)
}

/// The file's ids, each with the event it begins: one after another in one buffer, found by
/// [`Places`].
#[derive(Default)]
struct Named {
    places: Places,
    /// Every id, one after another.
    text: String,
    /// Where each id ends in `text` (the next begins there), and its event.
    ends: Vec<(usize, u32)>,
}

impl Named {
    /// The event whose id is `id`, if one is.
    fn event(&self, id: &str) -> Option<u32> {
        let at = self.places.find(id, |at| self.id(at as usize))?;
        Some(self.ends[at as usize].1)
    }

    /// Notes that `event` has the id `id`, which no event has yet.
    fn add(&mut self, id: &str, event: u32) {
        self.places.note(id, event_index(self.ends.len()));
        self.text.push_str(id);
        self.ends.push((self.text.len(), event));
    }

    /// The id at place `at`.
    fn id(&self, at: usize) -> &str {
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before].0);
        &self.text[start..self.ends[at].0]
    }

    /// Every id, in the order they were added.
    fn ids(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|at| self.id(at))
    }
}

/// Whether a row whose id has no event yet begins one, as [`super::new_event`] decides.
fn begins(row: &Row<'_>) -> bool {
    row.get(column!("title")).is_some()
        && row
            .get(column!("date"))
            .is_some_and(|(date, _)| Date::parse_human(date, row.order).is_ok())
}

/// The rows' places grouped by event (a counting sort, so each group keeps file order), and
/// where each group starts; rows that begin no event after the last one are a group of their own.
fn group(rows: &[RowAt], events: usize) -> (Vec<u32>, Vec<u32>) {
    let mut bounds = vec![0u32; events + 2];
    for r in rows {
        bounds[r.event as usize + 1] += 1;
    }
    for i in 1..bounds.len() {
        bounds[i] += bounds[i - 1];
    }
    let mut next = bounds.clone();
    let mut by_event = vec![0u32; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        let at = &mut next[r.event as usize];
        by_event[*at as usize] = i as u32;
        *at += 1;
    }
    (by_event, bounds)
}

impl<'t> Index<'t> {
    /// How many events the rows make.
    pub fn events(&self) -> usize {
        self.events
    }

    /// Whether a check may ask for an event's id. No two events share one (rows that do make one
    /// event), so only a link to an event or an id with an invisible character asks for ids (a
    /// link's target and a lookalike's twin are looked up); every invisible character is beyond
    /// ASCII, and none is in the id the import gives an event without one (a slug, made of the
    /// title's letters and digits).
    pub fn ids_asked_for(&self) -> bool {
        self.ids_asked
    }

    /// Builds the events in file order, a batch at a time on every core, handing each to `each`
    /// with where its parts were written while the next batch is built; returns every diagnostic
    /// [`super::import`] gives, in its order.
    pub fn each_event(&mut self, mut each: impl FnMut(Event, &EventSpans)) -> Vec<Diagnostic> {
        let mut built = Vec::new();
        // Taken out while the events are built, since only the handing on claims ids.
        let mut ids = std::mem::take(&mut self.ids);
        let hand_on = |batch: Vec<Built>| {
            for (built_event, diags) in batch {
                built.extend(diags);
                if let Some((mut event, draft)) = built_event {
                    draft.name(&mut event, &mut ids);
                    let spans = draft.finish(&mut event).unpack();
                    each(event, &spans);
                }
            }
        };
        // The group after the last event holds the rows that begin none after it.
        let this = &*self;
        crate::parallel::overlapped(self.events + 1, BATCH, |e| this.build(e), hand_on);
        self.ids = ids;
        // Each row's problems from the index's pass come before those of building its event, as
        // when the import reads the row once; rows never share an offset, so sorting by offset
        // puts every diagnostic where the import puts it.
        let mut diags = [std::mem::take(&mut self.found), built, std::mem::take(&mut self.later)].concat();
        diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        diags
    }

    /// The event whose parts hold the offset `at`, as its place in the file's order and the start
    /// of its first row; `None` when no event's do.
    pub fn owner(&mut self, at: usize) -> Option<(usize, usize)> {
        // Only an event's own rows hold its parts.
        let row = self.rows.partition_point(|r| r.start <= at).checked_sub(1)?;
        let event = self.rows[row].event as usize;
        if self.owner.as_ref().is_none_or(|(built, _)| *built != event) {
            let spans = self.build(event).0.map(|(mut e, d)| d.finish(&mut e).unpack());
            self.owner = Some((event, spans));
        }
        let spans = self.owner.as_ref()?.1.as_ref()?;
        spans.holds(at).then_some((event, spans.table.start))
    }

    /// Event `e` built from its rows, and the problems building it finds; the rows grouped with
    /// it that begin no event give their problems alone.
    fn build(&self, e: usize) -> Built {
        let mut merger = Merger::new();
        let rows = &self.by_event[self.bounds[e] as usize..self.bounds[e + 1] as usize];
        // The index's pass reported the extra cells and the mapping's problems.
        let mut reported = Vec::new();
        for &i in rows {
            let at = &self.rows[i as usize];
            let record = self.record_at(at.start, &mut reported);
            // The timeline's own records were read by the index's pass, and an event reads none of their cells.
            let row = Row::new(&self.header, &record, at.line, self.order);
            // The event is made where its id is found new.
            let mut items = Items::of(&row, self.plan.split_outlets, false);
            merger.event_row(&row, &mut items);
        }
        merger.settle();
        (merger.events.pop().zip(merger.drafts.pop()), merger.diags)
    }

    /// The row that starts at byte `start`, read again, with where each cell was written.
    fn record_at(&self, start: usize, reported: &mut Vec<Diagnostic>) -> Fields<'t> {
        // The row was read whole before, from the same text.
        let record = record_at(self.text, self.delimiter, start);
        if self.plan.is_identity() {
            record
        } else {
            self.plan.apply(&record, reported)
        }
    }
}
