//! The shown events written to a file from inside the explorer. What is written is taken from
//! what is shown, shared rather than copied, and written by the terminal layer on a thread of its
//! own: made inside `update`, a million events' CSV took 14-16 s and raised the explorer's memory
//! from 380 MiB to 3.2 GiB, the screen frozen and the keys typed meanwhile landing in whatever
//! mode came next.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::data::Data;
use crate::export::{Format, svg};
use crate::filter;
use crate::model::evidence::Evidence;
use crate::model::timeline::in_date_order;
use crate::model::{Event, Status};

/// Events copied at a time for a format written as they come (CSV, TOML, JSON): the rest stay
/// where the explorer keeps them.
const BATCH: usize = 4096;

/// The shown events, to be written in one format: each with the sources and denials known at the
/// knowledge date, in file order, as `tlx export` of the same view writes them.
#[derive(Debug, Clone)]
pub struct Export {
    data: Arc<Data>,
    /// The events shown, by timeline index, in file order.
    events: Vec<usize>,
    /// Every event's evidence as shown.
    evidence: Arc<Vec<Evidence>>,
    format: Format,
}

impl Export {
    /// The events at `order` (as shown) of `data`, with their `evidence`, in `format`.
    pub(super) fn new(data: &Arc<Data>, order: &[usize], evidence: &Arc<Vec<Evidence>>, format: Format) -> Export {
        let mut events = order.to_vec();
        events.sort_unstable();
        Export {
            data: Arc::clone(data),
            events,
            evidence: Arc::clone(evidence),
            format,
        }
    }

    /// What the footer says while it is written to `path`.
    pub fn writing(&self, path: &Path) -> String {
        format!("writing {} to {}…", events(self.events.len()), path.display())
    }

    /// What the footer says once it was written to `path` (`result`): a file there already is
    /// never replaced.
    pub fn written(&self, path: &Path, result: io::Result<()>) -> String {
        match result {
            Ok(()) => format!("wrote {} to {}", events(self.events.len()), path.display()),
            Err(e) => crate::atomic::not_new(path, &e),
        }
    }

    /// Writes the export to `out`: a batch of events at a time in a format that allows it, a
    /// picture drawn from the events where they are kept, else the timeline of the shown events
    /// whole.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(streamed) = self.format.streamed() {
            streamed.write(self.data.raw_records(), |each| self.in_batches(&self.events, each), out)
        } else if let Some(ordered) = self.format.ordered() {
            // A report in chronological order: made whole, a million events' Markdown took 1.8 GB.
            let order: Vec<usize> = self.in_date_order().collect();
            let by_reference = |each: &mut dyn FnMut(&[&Event]) -> io::Result<()>| {
                self.in_batches(&order, &mut |batch| each(&batch.iter().collect::<Vec<_>>()))
            };
            let dates = self.events.iter().map(|&i| &self.data.raw_event(i).date);
            ordered.write(self.data.raw_records(), dates, by_reference, out)
        } else if self.format == Format::Svg {
            let order: Vec<(&Event, Status)> = self
                .in_date_order()
                .map(|i| (self.data.raw_event(i), self.evidence[i].status))
                .collect();
            svg::draw(&self.data.raw_records().timeline.title, &order, out)
        } else {
            let events = |i: usize| self.data.raw_event(i);
            let whole = filter::pick(self.data.raw_records(), events, &self.events, &self.evidence);
            self.format.write_to(&whole, out)
        }
    }

    /// The shown events' timeline indices in chronological order.
    fn in_date_order(&self) -> impl Iterator<Item = usize> {
        let date = |i: usize| &self.data.raw_event(i).date;
        in_date_order(self.events.par_iter().copied(), date)
            .into_iter()
            .map(|i| i as usize)
    }

    /// Hands `each` the events at `indices`, in that order, a batch at a time, each with the
    /// sources and denials known at the knowledge date.
    fn in_batches(&self, indices: &[usize], each: &mut dyn FnMut(&[Event]) -> io::Result<()>) -> io::Result<()> {
        indices.chunks(BATCH).try_for_each(|chunk| {
            let batch: Vec<Event> = chunk
                .iter()
                .map(|&i| filter::picked(self.data.raw_event(i), &self.evidence[i]))
                .collect();
            each(&batch)
        })
    }
}

/// "1 event", "3 events".
fn events(n: usize) -> String {
    format!("{n} {}", crate::diagnostic::plural(n, "event"))
}
