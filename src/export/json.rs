//! JSON export: the TOML structure and key names, dates as written, plus each event's status.
//! It starts with `"format": "tlx timeline", "format_version": 1`, which tells tlx it is its own
//! JSON when it opens or imports it; the status is not read back.

use std::io;

use indexmap::IndexMap;
use serde::Serialize;

use super::{Pieces, no_outline};
use crate::model::vocabulary::{FORMAT_KEY, VERSION_KEY};
use crate::model::{Actor, Event, Meta, Reference, Status, Timeline};

/// The format mark and the timeline's records that are not events: the head of tlx's JSON, also
/// carried whole by a TimelineJS export.
#[derive(Serialize)]
pub(super) struct Records<'a> {
    format: &'static str,
    format_version: u32,
    timeline: &'a Meta,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    references: &'a IndexMap<String, Reference>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    actors: &'a IndexMap<String, Actor>,
}

impl<'a> Records<'a> {
    /// `t`'s records, with `timeline` as its metadata.
    pub(super) fn new(timeline: &'a Meta, t: &'a Timeline) -> Records<'a> {
        Records {
            format: FORMAT_KEY.1,
            format_version: VERSION_KEY.1,
            timeline,
            references: &t.references,
            actors: &t.actors,
        }
    }
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    #[serde(flatten)]
    event: &'a Event,
    status: Status,
}

/// The timeline as pretty-printed JSON, events in file order, ending with a newline.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t, t.events.iter())
}

/// The JSON export in pieces: the object's records and the opening of its `events` array, each
/// event at the array's indentation, then the closing brackets. serde_json's pretty form indents
/// each level by two spaces and never breaks a line inside a string (it escapes `\n`), so an
/// event printed alone and shifted four spaces is what it would be inside the whole document.
pub(super) const PIECES: Pieces = Pieces {
    head: |t| open_events(&Records::new(&t.timeline, t)),
    outline: no_outline,
    event: |_, event, _, first| {
        element(
            &JsonEvent {
                event,
                status: event.status(),
            },
            first,
        )
    },
    tail: |_, _, any| close_events(any, "") + "}\n",
    trimmed: false,
};

/// The object `head`, pretty-printed, left open for an `events` array of pretty-printed
/// elements ([`element`]) to follow; [`close_events`] closes the array.
pub(super) fn open_events(head: &impl Serialize) -> String {
    let head = pretty(head);
    let open = head.strip_suffix("\n}").expect("a JSON object ends with its brace");
    format!("{open},\n  \"events\": [")
}

/// One element of the array [`open_events`] opened; `first` for the first written.
pub(super) fn element(value: &impl Serialize, first: bool) -> String {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    serde_json::to_writer_pretty(Shifted(&mut out), value).expect("the model always serializes");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes JSON four spaces to the right: a line break is followed by four spaces. JSON's
/// strings hold no line break of their own (they escape it), so every one is the printer's.
// Shifted as it is written, where the text printed whole was copied again to shift it.
struct Shifted<'a>(&'a mut Vec<u8>);

impl io::Write for Shifted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        self.0.extend_from_slice(lines.next().unwrap_or_default());
        for line in lines {
            self.0.extend_from_slice(b"\n    ");
            self.0.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The end of the array [`open_events`] opened (`any`: with elements), then the object's keys
/// that follow it (`after`, each line ending in a newline), up to its closing brace.
pub(super) fn close_events(any: bool, after: &str) -> String {
    let close = if any { "\n  ]" } else { "]" };
    match after {
        "" => format!("{close}\n"),
        after => format!("{close},\n{after}"),
    }
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("the model always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    #[test]
    fn keeps_key_names_and_dates_as_written_and_adds_status() {
        let t = Document::bundled().load(Options::default()).timeline;
        let value: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        assert_eq!(
            (&value["format"], &value["format_version"]),
            (&"tlx timeline".into(), &1.into())
        );
        let visit = value["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "moscow-visit")
            .unwrap();
        assert_eq!(visit["date"], "2015-07-24");
        assert_eq!(visit["status"], "contested");
        assert!(
            visit["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["outlet"] == "Fox News")
        );
        assert!(
            visit["denials"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["by"] == "The Kremlin")
        );
    }

    #[test]
    fn the_json_reads_back_as_the_same_timeline() {
        let t = Document::bundled().load(Options::default()).timeline;
        let back = Document {
            name: "export.json".into(),
            path: Some("export.json".into()),
            text: to_string(&t).into(),
        }
        .load(Options::default());
        assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
        assert_eq!(back.timeline, t);
    }
}
