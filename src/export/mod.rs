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

use crate::model::{Event, Timeline};

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
            Format::Markdown | Format::Timelinejs | Format::Svg | Format::Claimreview => None,
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

/// A format whose text is what comes before the events, then each event's own text, then what
/// comes after: written whole by [`Pieces::whole`] and a batch of events at a time by
/// [`Streamed::write`], from the same functions, so both give the same bytes.
struct Pieces {
    /// The text before the events, from the timeline's records (its events are not read).
    head: fn(&Timeline) -> String,
    /// One event's text; the flag is true for the first event written.
    event: fn(&Event, bool) -> String,
    /// The text after the events; the flag is true when any event was written.
    tail: fn(bool) -> String,
}

impl Pieces {
    /// The whole timeline's text.
    fn whole(&self, t: &Timeline) -> String {
        let mut text = (self.head)(t);
        for (i, e) in t.events.iter().enumerate() {
            text += &(self.event)(e, i == 0);
        }
        text + &(self.tail)(!t.events.is_empty())
    }
}

/// A format that can be written a batch of events at a time: see [`Format::streamed`].
pub struct Streamed(&'static Pieces);

impl Streamed {
    /// Writes to `out` the timeline of `records` (its title, references and actors) with the
    /// events `events` hands over, a batch at a time in file order. `events` runs on rayon's
    /// threads, which read each batch and format it on every core, while this thread writes
    /// what they formatted: the write, a copy into the kernel, was a quarter of a million
    /// events' export, and it waited for each batch to be read. It stays on this thread, since
    /// `out` may be a locked stdout, which cannot be sent to another. Memory holds a batch of
    /// events and three batches' text at most.
    pub fn write(
        &self,
        records: &Timeline,
        events: impl FnOnce(&mut dyn FnMut(&[Event]) -> io::Result<()>) -> io::Result<()> + Send,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let pieces = self.0;
        out.write_all((pieces.head)(records).as_bytes())?;
        // One batch's text waits while one is written and the next is formatted.
        let (tx, rx) = mpsc::sync_channel::<Vec<String>>(1);
        let (mut read, mut any) = (Ok(()), false);
        let written = rayon::in_place_scope(|s| {
            s.spawn(|_| {
                let tx = tx;
                read = events(&mut |batch: &[Event]| {
                    let first = !any;
                    any |= !batch.is_empty();
                    let texts = (batch.par_iter().enumerate())
                        .map(|(i, e)| (pieces.event)(e, first && i == 0))
                        .collect();
                    // Refused once the write failed, which says why.
                    tx.send(texts)
                        .map_err(|_| io::Error::other("the export's write failed"))
                });
            });
            // Returns at the first error, dropping the receiver: the reading stops at its next batch.
            rx.into_iter()
                .try_for_each(|texts| texts.iter().try_for_each(|t| out.write_all(t.as_bytes())))
        });
        written?;
        read?;
        out.write_all((pieces.tail)(any).as_bytes())
    }
}

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
