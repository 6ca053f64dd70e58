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
        self.write_saying(out, &mut |_| {})
    }

    /// [`Export::write`], calling `said` with each new percentage of the events handed over or
    /// drawn: in every format but one made whole (ClaimReview, which the explorer does not
    /// write).
    pub fn write_saying(&self, out: &mut dyn Write, said: &mut (dyn FnMut(u8) + Send)) -> io::Result<()> {
        let mut counted = Counted {
            total: self.events.len(),
            done: 0,
            said,
            last: None,
        };
        if let Some(streamed) = self.format.streamed() {
            let each =
                |each: &mut dyn FnMut(&[Event]) -> io::Result<()>| self.in_batches(&self.events, each, &mut counted);
            streamed.write(self.data.raw_records(), each, out)
        } else if let Some(ordered) = self.format.ordered() {
            // A report in chronological order: made whole, a million events' Markdown took 1.8 GB.
            let order: Vec<usize> = self.in_date_order().collect();
            let by_reference = |each: &mut dyn FnMut(&[&Event]) -> io::Result<()>| {
                let each = &mut |batch: &[Event]| each(&batch.iter().collect::<Vec<_>>());
                self.in_batches(&order, each, &mut counted)
            };
            let dates = self.events.iter().map(|&i| &self.data.raw_event(i).date);
            ordered.write(self.data.raw_records(), dates, by_reference, out)
        } else if self.format == Format::Svg {
            let order: Vec<(&Event, Status)> = self
                .in_date_order()
                .map(|i| (self.data.raw_event(i), self.evidence[i].status()))
                .collect();
            svg::draw(&self.data.raw_records().timeline.title, &order, out, &mut |n| {
                counted.add(n)
            })
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
    /// sources and denials known at the knowledge date, counting them in `counted`.
    fn in_batches(
        &self,
        indices: &[usize],
        each: &mut dyn FnMut(&[Event]) -> io::Result<()>,
        counted: &mut Counted<'_>,
    ) -> io::Result<()> {
        indices.chunks(BATCH).try_for_each(|chunk| {
            let batch: Vec<Event> = chunk
                .iter()
                .map(|&i| filter::picked(self.data.raw_event(i), &self.evidence[i]))
                .collect();
            each(&batch)?;
            counted.add(batch.len());
            Ok(())
        })
    }
}

/// The events of an export handed over so far, said in percent whenever that changes.
struct Counted<'s> {
    total: usize,
    done: usize,
    said: &'s mut (dyn FnMut(u8) + Send),
    last: Option<u8>,
}

impl Counted<'_> {
    fn add(&mut self, n: usize) {
        self.done += n;
        let percent = (self.done * 100 / self.total.max(1)).min(100) as u8;
        if self.last != Some(percent) {
            self.last = Some(percent);
            (self.said)(percent);
        }
    }
}

/// "1 event", "3 events".
fn events(n: usize) -> String {
    format!("{n} {}", crate::diagnostic::plural(n, "event"))
}
