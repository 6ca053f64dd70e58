//! Importers: timelines written by other tools, read into the model with located diagnostics for
//! whatever could not be mapped. Each is a pure function from text to [`Loaded`]; nothing is dropped
//! silently (what has no field goes into an event's notes, or becomes a warning).

mod columns;
pub mod csv;
#[cfg(test)]
mod every_key;
mod html;
mod ids;
pub mod json;
mod notes;
mod options;
pub mod timelinejs;
pub mod timemap;
pub mod tlx_json;
mod unmapped;
mod url;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::value::RawValue;

use crate::diagnostic::Diagnostic;
use crate::loaded::{Loaded, Packed};
use crate::model::Timeline;

pub use columns::{Mapping, is_builtin, preset};
pub use csv::suggest_columns;
pub use options::Options;

/// A format tlx imports (its own TOML is not one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// tlx's own JSON export, marked `"format": "tlx timeline"`.
    TlxJson,
    /// Knight Lab's TimelineJS 3 JSON.
    TimelineJs,
    /// Forensic Architecture's timemap JSON (`Events`, `Sources`, `Associations`).
    Timemap,
    /// CSV with the header documented in the README.
    Csv,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::TlxJson => "tlx JSON",
            Format::TimelineJs => "TimelineJS 3 JSON",
            Format::Timemap => "timemap JSON",
            Format::Csv => "CSV",
        }
    }
}

/// Which importer reads this file, by content first and extension second; `None` for tlx's TOML.
pub fn detect(path: Option<&Path>, text: &str) -> Option<Format> {
    if is_json(path, text) {
        // tlx's JSON is marked; timemap's capitalised keys are distinctive; any other JSON is read
        // as TimelineJS, whose importer says why each format was ruled out when it is not that
        // either ([`RULED_OUT`]).
        let keys: HashMap<String, &RawValue> = serde_json::from_str(text).unwrap_or_default();
        let format = keys
            .get(crate::model::vocabulary::FORMAT_KEY.0)
            .and_then(|v| serde_json::from_str::<String>(v.get()).ok());
        return Some(if tlx_json::is_marked(format.as_deref()) {
            Format::TlxJson
        } else if keys.contains_key("Events") || keys.contains_key("Sources") {
            Format::Timemap
        } else {
            Format::TimelineJs
        });
    }
    is_delimited(path, text).then_some(Format::Csv)
}

/// True for a file [`detect`] reads as JSON, by its extension or its first character.
fn is_json(path: Option<&Path>, text: &str) -> bool {
    let extension = path.and_then(Path::extension);
    text.trim_start().starts_with('{') || extension.is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// True for a file [`detect`] reads as CSV (or TSV), from its extension or its header, without
/// reading the whole of a JSON file.
pub fn is_delimited(path: Option<&Path>, text: &str) -> bool {
    let extension = path
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv" | "tsv") => true,
        Some("json") => false,
        _ => !text.trim_start().starts_with('{') && csv::has_header(text),
    }
}

/// A file in another tool's format, read into the model.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The timeline and what was found wrong with it, in file order.
    pub loaded: Loaded,
    /// Where the events were written, when the format links records by id and the loader is to
    /// check those links as it checks a TOML file's.
    pub located: Option<Located>,
}

/// Where the events of a file in a format that links records by id (tlx's JSON, CSV) were
/// written, so the loader can check those links as it checks a TOML file's.
#[derive(Debug, Clone)]
pub struct Located {
    /// Parallel to the timeline's events, packed: they are held for every event until all are
    /// checked.
    pub spans: Vec<Packed>,
    /// Whether the research warnings (no source, no quote) apply too: to tlx's own JSON, which is
    /// a tlx timeline, and not to another tool's file, which gets them once converted.
    pub research: bool,
    /// Whether no two events share an id as the import made them: a CSV file's rows that share
    /// one make one event, and an event without one is given an id no other takes.
    pub unique_ids: bool,
}

/// Reads `text` as `format`, as `options` say. When `read` is given it ends at the text's length,
/// counted as the rows (CSV) or the events (JSON) are read.
pub fn import(format: Format, text: &str, options: &Options, read: Option<&AtomicU64>) -> Imported {
    let located = |(loaded, spans), research, unique_ids| Imported {
        loaded,
        located: Some(Located {
            spans,
            research,
            unique_ids,
        }),
    };
    let whole = |loaded| Imported { loaded, located: None };
    let imported = match format {
        Format::TlxJson => located(tlx_json::import(text, read), true, false),
        Format::TimelineJs => whole(timelinejs::import(text, read)),
        Format::Timemap => whole(timemap::import(text, read)),
        Format::Csv => located(csv::import(text, options, read), false, true),
    };
    if let Some(read) = read {
        read.store(text.len() as u64, Ordering::Relaxed);
    }
    imported
}

/// `head`, the start of a JSON timeline too large to read at once, cut after the last whole event
/// written in it and closed so that it parses, for a preview; `None` when there is none, or when
/// its events cannot be read apart from what follows them: a timemap's events name records in
/// `Sources` and `Associations`, so they are read only when both come first.
pub fn json_head(head: &str) -> Option<String> {
    let (keys, end) = json::whole_items(head, &["events", "Events"])?;
    let timemap = keys.last() == Some(&"Events");
    if timemap && !(keys.contains(&"Sources") && keys.contains(&"Associations")) {
        return None;
    }
    // The cut is inside the events array, itself inside the top-level object.
    Some(format!("{}]}}", &head[..end]))
}

/// Why a JSON file that is not TimelineJS is none of the other JSON formats either.
pub const RULED_OUT: &str = "tlx tried each JSON format it reads: not tlx JSON (no \"format\": \"tlx timeline\"), \
                             not timemap (no `Events` or `Sources`), not TimelineJS 3 (no `events` array)";

/// Diagnostics in file order, as the loader gives them.
fn loaded(timeline: Timeline, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    Loaded {
        timeline,
        diagnostics,
        layout: crate::loaded::Layout::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// JSON shaped like the formats, with parts of every type: keys come from both formats'
    /// vocabularies, so the importers' paths are all reached.
    fn json_ish() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as V;
        let keys = prop::sample::select(vec![
            "events",
            "eras",
            "title",
            "scale",
            "start_date",
            "end_date",
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "millisecond",
            "display_date",
            "text",
            "headline",
            "media",
            "url",
            "caption",
            "credit",
            "group",
            "unique_id",
            "background",
            "Events",
            "Sources",
            "Associations",
            "id",
            "date",
            "time",
            "description",
            "sources",
            "associations",
            "paths",
            "filter_paths",
            "location",
            "latitude",
            "longitude",
            "type",
        ]);
        let leaf = prop_oneof![
            Just(V::Null),
            any::<bool>().prop_map(V::Bool),
            any::<i64>().prop_map(V::from),
            any::<f64>().prop_map(V::from),
            "(-?[0-9]{1,12}|[0-9]{1,2}/[0-9]{1,2}/-?[0-9]{1,5}|[0-9]{2}:[0-9]{2}|<a href='x'>y</a>|&#[0-9]{1,9};|\\PC{0,8})"
                .prop_map(V::from),
        ];
        leaf.prop_recursive(6, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(V::Array),
                prop::collection::vec((keys.clone(), inner), 0..6)
                    .prop_map(|entries| V::Object(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn importers_never_panic_on_any_text(text in "\\PC{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let lossy = String::from_utf8_lossy(&bytes);
            for format in [Format::TimelineJs, Format::Timemap, Format::Csv] {
                let _ = import(format, &text, &Default::default(), None).loaded;
                let _ = import(format, &lossy, &Default::default(), None).loaded;
            }
        }

        #[test]
        fn importers_never_panic_on_json_shaped_like_theirs(value in json_ish()) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            let _ = import(Format::TimelineJs, &text, &Default::default(), None).loaded;
            let _ = import(Format::Timemap, &text, &Default::default(), None).loaded;
            let wrapped = format!("{{\"events\": [{text}], \"Events\": [{text}], \"Sources\": {{\"s\": {text}}}}}");
            // One slide or event each: it is imported, or an error says why not; never dropped silently.
            for format in [Format::TimelineJs, Format::Timemap] {
                let loaded = import(format, &wrapped, &Default::default(), None).loaded;
                prop_assert!(loaded.timeline.events.len() == 1 || loaded.has_errors(), "{format:?}: {wrapped}");
            }
        }

        #[test]
        fn the_csv_importer_never_panics_on_rows_of_any_cells(
            header in prop::collection::vec(prop::sample::select(csv::COLUMNS.to_vec()), 1..8),
            rows in prop::collection::vec(prop::collection::vec("(\"|,|\n|;|[a-z0-9 -]{0,6}|\\PC{0,6})", 0..10), 0..6),
        ) {
            let mut text = header.join(",");
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(","));
            }
            let _ = import(Format::Csv, &text, &Default::default(), None).loaded;
        }
    }

    #[test]
    fn a_json_import_counts_its_events_as_it_reads_them() {
        let slides: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    r#"{{"start_date": {{"year": {}}}, "text": {{"headline": "Slide {i}"}}}}"#,
                    1900 + i
                )
            })
            .collect();
        let events: Vec<String> = (0..500)
            .map(|i| format!(r#"{{"id": "e{i}", "date": "{}", "title": "Event {i}"}}"#, 1900 + i))
            .collect();
        let timemap: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    r#"{{"id": "e{i}", "date": "07/24/{}", "description": "Event {i}"}}"#,
                    1900 + i
                )
            })
            .collect();
        let files = [
            (
                Format::TimelineJs,
                format!(
                    r#"{{"title": {{"text": {{"headline": "T"}}}}, "events": [{}]}}"#,
                    slides.join(", ")
                ),
            ),
            (
                Format::TlxJson,
                format!(
                    r#"{{"format": "tlx timeline", "format_version": 1, "timeline": {{"title": "T"}}, "events": [{}]}}"#,
                    events.join(", ")
                ),
            ),
            (
                Format::Timemap,
                format!(r#"{{"Events": [{}], "Sources": {{}}}}"#, timemap.join(", ")),
            ),
        ];
        for (format, text) in files {
            let counted = AtomicU64::new(0);
            let loaded = match format {
                Format::TimelineJs => timelinejs::import(&text, Some(&counted)),
                Format::TlxJson => tlx_json::import(&text, Some(&counted)).0,
                _ => timemap::import(&text, Some(&counted)),
            };
            assert_eq!(
                loaded.timeline.events.len(),
                500,
                "{format:?}: {:?}",
                loaded.diagnostics
            );
            // Each event counted twice as half: built into values, then read into an event.
            let counted = counted.load(Ordering::Relaxed) as f64;
            let len = text.len() as f64;
            assert!(counted > 0.9 * len && counted <= len, "{format:?}: {counted} of {len}");
        }
    }

    #[test]
    fn detects_by_content_then_extension() {
        let p = |s: &str| Some(Path::new(s).to_path_buf());
        let tl = r#"{"events": [{"start_date": {"year": 2015}}]}"#;
        assert_eq!(detect(None, tl), Some(Format::TimelineJs));
        assert_eq!(detect(p("x.txt").as_deref(), tl), Some(Format::TimelineJs));
        assert_eq!(detect(None, r#" {"Events": [], "Sources": {}}"#), Some(Format::Timemap));
        let own = r#"{"format": "tlx timeline", "format_version": 1, "events": []}"#;
        assert_eq!(detect(None, own), Some(Format::TlxJson));
        assert_eq!(
            detect(None, r#"{"format": "other", "events": []}"#),
            Some(Format::TimelineJs)
        );
        assert_eq!(detect(None, "date,title,summary\n2015,A,B\n"), Some(Format::Csv));
        assert_eq!(detect(None, "\"Date\" , Title\n"), Some(Format::Csv));
        assert_eq!(detect(p("a.CSV").as_deref(), "anything"), Some(Format::Csv));
        assert_eq!(detect(p("a.tsv").as_deref(), "anything"), Some(Format::Csv));
        assert_eq!(detect(None, "\u{feff}Date;Title;Source\n2015;A;B\n"), Some(Format::Csv));
        assert_eq!(detect(p("a.json").as_deref(), "{broken"), Some(Format::TimelineJs));
        assert_eq!(detect(None, "[timeline]\ntitle = \"date,title\"\n"), None);
        assert_eq!(detect(p("t.toml").as_deref(), "date = 1"), None);
    }
}
