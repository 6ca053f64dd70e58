//! Writers for other formats; pure functions from a timeline to text.

pub mod claimreview;
pub mod csv;
pub mod evidence;
pub mod json;
pub mod lanes;
pub mod markdown;
pub mod markup;
pub mod prose;
pub mod svg;
pub mod timelinejs;
pub mod toml;

use std::io::{self, Write};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::model::{Date, Event, Timeline};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The timeline's structure and key names, with each event's computed status.
    Json,
    /// A chronology report: each event with its status, sources, denials and quotes; a bibliography.
    Markdown,
    /// One row per source and per denial, the event's columns repeated; re-importable.
    Csv,
    /// TimelineJS 3 JSON for Knight Lab's web viewer.
    Timelinejs,
    /// A picture: time axis, a marker per event shaped by status, labels in lanes, a legend.
    Svg,
    /// The timeline format itself, normalized and commented (also converts imported formats).
    Toml,
    /// schema.org ClaimReview JSON-LD for the claims that carry your verdict, and only those.
    Claimreview,
}

impl Format {
    /// The format a file name asks for: `.md`, `.csv`, `.svg`, `.toml`, `.json` (tlx's JSON), and
    /// `.timelinejs.json` or `.tljs.json` for TimelineJS.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_lowercase();
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "json" if name.ends_with(".timelinejs.json") || name.ends_with(".tljs.json") => Format::Timelinejs,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "svg" => Format::Svg,
            "toml" => Format::Toml,
            _ => return None,
        })
    }

    /// This format written a batch of events at a time, for a format whose events come in file
    /// order, each written from itself alone; `None` for one that needs the whole timeline at once
    /// (chronological order, the time axis, a verdict anywhere).
    pub fn streamed(self) -> Option<Streamed> {
        match self {
            Format::Csv => Some(Streamed(&csv::PIECES)),
            Format::Toml => Some(Streamed(&toml::PIECES)),
            Format::Json => Some(Streamed(&json::PIECES)),
            _ => None,
        }
    }

    /// This format written a batch of events at a time in chronological order, for a report whose
    /// events are each written from itself and the timeline's records; `None` for the others.
    pub fn ordered(self) -> Option<Ordered> {
        match self {
            Format::Markdown => Some(Ordered(&markdown::PIECES)),
            Format::Timelinejs => Some(Ordered(&timelinejs::PIECES)),
            _ => None,
        }
    }

    /// Writes the timeline in this format to `out` as its text is made, a batch of events or an
    /// event at a time where the format allows, never holding the whole text: at a million
    /// events that took gigabytes.
    pub fn write_to(self, t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
        if let Some(streamed) = self.streamed() {
            streamed.write(t, |each| t.events.chunks(BATCH).try_for_each(each), out)
        } else if let Some(ordered) = self.ordered() {
            ordered.write_whole(t, out)
        } else if self == Format::Svg {
            svg::write(t, out)
        } else {
            out.write_all(self.write(t).as_bytes())
        }
    }

    /// The timeline written in this format.
    pub fn write(self, t: &Timeline) -> String {
        match self {
            Format::Json => json::to_string(t),
            Format::Markdown => markdown::to_string(t),
            Format::Csv => csv::to_string(t),
            Format::Timelinejs => timelinejs::to_string(t),
            Format::Svg => svg::to_string(t),
            Format::Toml => toml::to_string(t),
            Format::Claimreview => claimreview::to_string(t),
        }
    }
}

/// What a format must know of every event written before it writes the first: TimelineJS
/// writes every date in years alone once one of them is beyond what JavaScript dates hold.
#[derive(Debug, Clone, Copy, Default)]
struct Outline {
    cosmological: bool,
}

/// A format whose text is what comes before the events, then each event's own text, then what
/// comes after: written whole by [`Pieces::whole`] and a batch of events at a time by
/// [`Streamed::write`] and [`Ordered::write`], from the same functions, so each way gives the
/// same bytes.
struct Pieces {
    /// The text before the events, from the timeline's records (its events are not read).
    head: fn(&Timeline) -> String,
    /// The [`Outline`] of the events with these dates.
    outline: fn(&mut dyn Iterator<Item = &Date>) -> Outline,
    /// One event's text, with the timeline's records at hand; the flag is true for the first
    /// event written.
    event: fn(&Timeline, &Event, Outline, bool) -> String,
    /// The text after the events; the flag is true when any event was written.
    tail: fn(&Timeline, Outline, bool) -> String,
    /// True for a text whose white space at its very end gives way to one newline, wherever it
    /// came from (Markdown's last paragraph, whichever piece wrote it).
    trimmed: bool,
}

/// An outline for a format that needs none: the dates are not read.
fn no_outline(_: &mut dyn Iterator<Item = &Date>) -> Outline {
    Outline::default()
}

impl Pieces {
    /// The whole timeline's text, its events in the order the format gives them (`order`).
    fn whole<'t>(&self, t: &'t Timeline, order: impl Iterator<Item = &'t Event>) -> String {
        let outline = (self.outline)(&mut t.events.iter().map(|e| &e.date));
        let mut text = (self.head)(t);
        let mut any = false;
        for e in order {
            text += &(self.event)(t, e, outline, !any);
            any = true;
        }
        text += &(self.tail)(t, outline, any);
        if self.trimmed {
            text.truncate(text.trim_end().len());
            text.push('\n');
        }
        text
    }

    /// Writes to `out` the text of `records` (its title, references and actors) with the events
    /// `events` hands over, a batch at a time. `events` runs on rayon's threads, which read each
    /// batch and format it on every core, while this thread writes what they formatted: the
    /// write, a copy into the kernel, was a quarter of a million events' export, and it waited
    /// for each batch to be read. It stays on this thread, since `out` may be a locked stdout,
    /// which cannot be sent to another. Memory holds a batch of events and three batches' text
    /// at most.
    fn stream(
        &self,
        records: &Timeline,
        outline: Outline,
        events: impl FnOnce(&mut dyn FnMut(&[&Event]) -> io::Result<()>) -> io::Result<()> + Send,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut out = Ending::new(out, self.trimmed);
        out.write_all(&(self.head)(records))?;
        // One batch's text waits while one is written and the next is formatted.
        let (tx, rx) = mpsc::sync_channel::<Vec<String>>(1);
        let (mut read, mut any) = (Ok(()), false);
        let written = rayon::in_place_scope(|s| {
            s.spawn(|_| {
                let tx = tx;
                read = events(&mut |batch: &[&Event]| {
                    let first = !any;
                    any |= !batch.is_empty();
                    let texts = (batch.par_iter().enumerate())
                        .map(|(i, e)| (self.event)(records, e, outline, first && i == 0))
                        .collect();
                    // Refused once the write failed, which says why.
                    tx.send(texts)
                        .map_err(|_| io::Error::other("the export's write failed"))
                });
            });
            // Returns at the first error, dropping the receiver: the reading stops at its next batch.
            rx.into_iter()
                .try_for_each(|texts| texts.iter().try_for_each(|t| out.write_all(t)))
        });
        written?;
        read?;
        out.write_all(&(self.tail)(records, outline, any))?;
        out.end()
    }
}

/// A writer that holds back the white space it was last given, for a text whose end gives way
/// to one newline ([`Pieces::trimmed`]): what it held is written once more text follows, and
/// dropped at the [`Ending::end`].
struct Ending<'w> {
    out: &'w mut dyn Write,
    trims: bool,
    held: String,
}

impl<'w> Ending<'w> {
    fn new(out: &'w mut dyn Write, trims: bool) -> Ending<'w> {
        Ending {
            out,
            trims,
            held: String::new(),
        }
    }

    fn write_all(&mut self, text: &str) -> io::Result<()> {
        if !self.trims {
            return self.out.write_all(text.as_bytes());
        }
        let kept = text.trim_end();
        if !kept.is_empty() {
            self.out.write_all(self.held.as_bytes())?;
            self.held.clear();
            self.out.write_all(kept.as_bytes())?;
        }
        self.held.push_str(&text[kept.len()..]);
        Ok(())
    }

    /// The text is whole: for one that trims, what was held gives way to a newline.
    fn end(self) -> io::Result<()> {
        if self.trims { self.out.write_all(b"\n") } else { Ok(()) }
    }
}

/// A format written a batch of events at a time, in file order: see [`Format::streamed`].
pub struct Streamed(&'static Pieces);

impl Streamed {
    /// Writes to `out` the timeline of `records` (its title, references and actors) with the
    /// events `events` hands over, a batch at a time in file order (see [`Pieces::stream`]).
    pub fn write(
        &self,
        records: &Timeline,
        events: impl FnOnce(&mut dyn FnMut(&[Event]) -> io::Result<()>) -> io::Result<()> + Send,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let by_reference = |each: &mut dyn FnMut(&[&Event]) -> io::Result<()>| {
            events(&mut |batch: &[Event]| each(&batch.iter().collect::<Vec<_>>()))
        };
        self.0.stream(records, Outline::default(), by_reference, out)
    }
}

/// A report written a batch of events at a time, in chronological order: see [`Format::ordered`].
/// Its events are held already (it needs them all to sort them); what is not held is its text,
/// which at a million events took gigabytes (Markdown 2.5 GB, TimelineJS 7.3 GB).
pub struct Ordered(&'static Pieces);

impl Ordered {
    /// Writes to `out` the timeline of `records` with the events `events` hands over, a batch at
    /// a time, in chronological order, ties in file order, as [`Timeline::in_date_order`] gives
    /// them. `dates` are the dates of every event written, read before the first is.
    pub fn write<'d>(
        &self,
        records: &Timeline,
        dates: impl Iterator<Item = &'d Date>,
        events: impl FnOnce(&mut dyn FnMut(&[&Event]) -> io::Result<()>) -> io::Result<()> + Send,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let outline = (self.0.outline)(&mut { dates });
        self.0.stream(records, outline, events, out)
    }

    /// Writes the events of `t` (all of them) to `out`, as [`Ordered::write`] does.
    pub fn write_whole(&self, t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
        let order = t.chronological();
        let batches = |each: &mut dyn FnMut(&[&Event]) -> io::Result<()>| {
            order.chunks(BATCH).try_for_each(|chunk| {
                let batch: Vec<&Event> = chunk.iter().map(|&i| &t.events[i as usize]).collect();
                each(&batch)
            })
        };
        self.write(t, t.events.iter().map(|e| &e.date), batches, out)
    }
}

/// Events handed over at a time by [`Format::write_to`] and [`Ordered::write_whole`].
const BATCH: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    #[test]
    fn events_written_in_batches_of_any_size_give_the_whole_export() {
        let t = Document::bundled().load(Options::default()).timeline;
        let records = Timeline {
            events: Vec::new(),
            ..t.clone()
        };
        for format in [Format::Csv, Format::Toml, Format::Json] {
            let streamed = format.streamed().expect("written in file order");
            // An empty batch first, then one event, then two, then the rest: the first event's
            // separator and the events' comment come once, wherever the batches break.
            let mut written = Vec::new();
            let cuts = [0, 0, 1, 3, t.events.len()];
            let hand_over = |each: &mut dyn FnMut(&[Event]) -> io::Result<()>| {
                cuts.windows(2).try_for_each(|w| each(&t.events[w[0]..w[1]]))
            };
            streamed.write(&records, hand_over, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), format.write(&t), "{format:?}");
            let mut none = Vec::new();
            streamed.write(&records, |each| each(&[]), &mut none).unwrap();
            assert_eq!(String::from_utf8(none).unwrap(), format.write(&records), "{format:?}");
        }
    }

    /// A write that fails is the error said, and the reading stops soon after it rather than
    /// go through the file; a reading that fails is the error said when the writes did not.
    #[test]
    fn a_failed_write_stops_the_reading_and_a_failed_reading_is_said() {
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                match self.0.checked_sub(buf.len()) {
                    Some(left) => {
                        self.0 = left;
                        Ok(buf.len())
                    }
                    None => Err(io::Error::new(io::ErrorKind::StorageFull, "the disk is full")),
                }
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let t = Document::bundled().load(Options::default()).timeline;
        let streamed = Format::Csv.streamed().expect("written in file order");
        let handed = std::sync::atomic::AtomicUsize::new(0);
        let many = |each: &mut dyn FnMut(&[Event]) -> io::Result<()>| {
            (0..10_000).try_for_each(|_| {
                handed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                each(&t.events)
            })
        };
        let failed = streamed.write(&t, many, &mut Full(5_000)).unwrap_err();
        assert_eq!(failed.kind(), io::ErrorKind::StorageFull, "{failed}");
        let handed = handed.into_inner();
        assert!(handed < 10, "{handed} batches read after the write failed");
        let cut = |each: &mut dyn FnMut(&[Event]) -> io::Result<()>| {
            each(&t.events)?;
            Err(io::Error::other("cut short"))
        };
        let mut written = Vec::new();
        let failed = streamed.write(&t, cut, &mut written).unwrap_err();
        assert_eq!(failed.to_string(), "cut short");
        assert!(written.len() > 5_000, "what was read before is written");
    }
}
