//! The data the explorer works on: what a load or a reload gives, replaced whole and never
//! edited in between, with what follows from it alone.

use rayon::prelude::*;

use crate::axis::Window;
use crate::loaded::{Layout, Rows};
use crate::model::display::AsRead;
use crate::model::merge::{Merged, Origin, Origins};
use crate::model::{Event, Timeline};
use crate::search::written::Stretches;

/// The merged timeline as loaded. Only [`Data::new`] (on the thread that loads, so the explorer
/// never waits on what follows from a million events) and [`Data::succeeding`] (where a load or a
/// reload takes it in) write it, so everything worked out from it can key on [`Data::version`].
#[derive(Debug, Clone)]
pub struct Data {
    /// The timeline as shown: every text field printable ([`Timeline::display`]).
    timeline: Timeline,
    /// What differs from `timeline` as read (see [`Data::raw_event`]).
    as_read: AsRead,
    /// Where each event came from.
    origins: Origins,
    /// All event indices in date order, sorted once for every later filtering.
    chronological: Vec<u32>,
    /// The full extent of the timeline (what the zoom's `0` returns to).
    fit: Window,
    /// Counts the loads, so that what was worked out from an earlier one is told apart.
    version: u64,
    /// Where each event lies in the mapped file it was read from (TOML tables, CSV rows), so
    /// that a search can read the file's bytes first; `None` for events read otherwise.
    stretches: Option<Stretches>,
}

impl Data {
    /// The data of a load, with everything that follows from it alone (a copy fit to print, the
    /// date order, the extent): work in proportion to the events, for the loading thread to do.
    pub fn new(merged: Merged) -> Data {
        Data::laid_out(merged, Layout::Unknown)
    }

    /// [`Data::new`] for events read from one file laid out as `layout` says: the events its
    /// reader saw plain are not read again for the copy fit to print, and the
    /// events are placed in the file for the searches to come. Placing them is on every core, on
    /// the thread that loads: 70 ms of one core at a million events, which a first search would
    /// wait for, and which after the load would keep the explorer busy when it should be idle.
    pub fn laid_out(merged: Merged, layout: Layout) -> Data {
        let Merged {
            timeline: mut shown,
            origins,
        } = merged;
        let as_read = match &layout {
            Layout::Tables(plain) | Layout::Rows(Rows { plain, .. }) => shown.display_except(|i| plain.holds(i)),
            Layout::Unknown => shown.display(),
        };
        let timeline = shown;
        // On every core, as the printable copy and the date order are, and with no list of
        // every event's extent (16 bytes an event): the fit needs only the outermost.
        let fit = Window::fit_dates(timeline.events.par_iter().map(|e| &e.date));
        Data {
            chronological: timeline.chronological(),
            stretches: Stretches::of(&timeline, layout, as_read.changed()),
            timeline,
            as_read,
            origins,
            fit,
            version: 0,
        }
    }

    /// Where each event lies in the mapped files it was read from, for a search of their bytes;
    /// `None` unless they were placed there ([`Data::laid_out`]).
    pub fn stretches(&self) -> Option<&Stretches> {
        self.stretches.as_ref()
    }

    /// This data, built from a newer load, to take in place of `earlier` (a worker may still be
    /// reading that one): only its count moves on, nothing is worked out again.
    pub(super) fn succeeding(self, earlier: &Data) -> Data {
        Data {
            version: earlier.version + 1,
            ..self
        }
    }

    /// The timeline as shown: every text field printable ([`Timeline::display`]).
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Event `i` as read, for what must judge the text as written (a link to open).
    pub fn raw_event(&self, i: usize) -> &Event {
        self.as_read.event(&self.timeline, i)
    }

    /// The title, references and actors as read, without the events (see [`Data::raw_event`]).
    pub fn raw_records(&self) -> &Timeline {
        self.as_read.records()
    }

    /// Where event `i` came from: its file, and its id there (what bookmarks are keyed by).
    pub fn origin(&self, i: usize) -> Option<Origin> {
        self.origins.origin(i, self.origin_id_as_merged(i)?)
    }

    /// How many events came from file `part`.
    pub fn events_of(&self, part: usize) -> usize {
        self.origins.of_part(part).len()
    }

    /// The file event `i` came from, by index.
    pub fn part_of(&self, i: usize) -> Option<usize> {
        self.origins.part(i)
    }

    /// Event `i`'s id in its own file, without a copy.
    pub fn origin_id(&self, i: usize) -> Option<&str> {
        Some(self.origins.id(i, self.origin_id_as_merged(i)?))
    }

    /// Every event's file and id there, in the timeline's order.
    pub fn origin_ids(&self) -> impl Iterator<Item = (usize, &str)> {
        (0..self.origins.len()).filter_map(|i| Some((self.origins.part(i)?, self.origin_id(i)?)))
    }

    /// Where the event that came from `o` is. A linear scan of its file's events: at a million
    /// it takes a few milliseconds, once per load.
    pub fn find(&self, o: &Origin) -> Option<usize> {
        self.origins
            .of_part(o.part)
            .find(|&i| self.origin_id(i) == Some(o.id.as_str()))
    }

    /// Event `i`'s id as the merge gave it, before it was made printable.
    fn origin_id_as_merged(&self, i: usize) -> Option<&str> {
        (i < self.timeline.events.len()).then(|| self.raw_event(i).id.as_str())
    }

    /// All event indices in date order.
    pub fn chronological(&self) -> &[u32] {
        &self.chronological
    }

    /// The full extent of the timeline.
    pub fn fit(&self) -> Window {
        self.fit
    }

    /// Which load this is, counted from 0.
    pub fn version(&self) -> u64 {
        self.version
    }
}
