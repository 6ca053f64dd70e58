//! Nothing dropped silently, proven: every key and cell of the import fixtures is mapped to a
//! field, kept in notes, or named in a warning.

use std::path::Path;

use serde_json::Value;

use super::{Format, html, import};
use crate::loaded::Loaded;

/// Every string the imported timeline holds, one per line.
fn strings(loaded: &Loaded) -> String {
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            other => {
                out.push_str(&other.to_string());
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(&serde_json::to_value(&loaded.timeline).unwrap(), &mut out);
    out
}

/// True when `key` holding `value` survived the import: its text is in the timeline (HTML read
/// as text and links), or a warning names the key, or the importer maps it by transforming it
/// (`transformed`, e.g. date parts, ids that link records).
fn kept(loaded: &Loaded, held: &str, path: &[&str], key: &str, value: &str, transformed: &[&str]) -> bool {
    if transformed.contains(&key) || value.trim().is_empty() {
        return true;
    }
    // The warning names the key, or a record around it (an unused source by its id).
    let named = path.iter().chain([&key]).filter(|k| !k.is_empty()).any(|k| {
        let end = format!("{k}`");
        loaded
            .diagnostics
            .iter()
            .any(|d| !d.is_error() && d.message.contains(&end))
    });
    let plain = html::to_plain(value);
    let pieces = plain
        .text
        .split('\n')
        .map(str::trim)
        .map(|t| super::notes::without_label(t, "Credit"))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .chain(plain.links.iter().map(|l| super::url::clean(&l.url).to_string()))
        .chain(super::url::urls_in(&plain.text).into_iter().map(String::from));
    // A line is kept whole, or word by word (a credit's URLs become sources, its words their name).
    let words_held = |p: &str| p.split_whitespace().all(|w| held.contains(super::url::clean(w)));
    named || pieces.into_iter().all(|p| held.contains(&p) || words_held(&p))
}

/// A scalar in the document: the keys above it, its own key, its text.
type Leaf<'a> = (Vec<&'a str>, &'a str, String);

/// Each scalar under an object key, all through the document.
fn leaves<'a>(v: &'a Value, path: &[&'a str], key: &'a str, out: &mut Vec<Leaf<'a>>) {
    let inner = || [path, &[key]].concat();
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, &inner(), k, out)),
        Value::Array(items) => items.iter().for_each(|i| leaves(i, path, key, out)),
        Value::Null => {}
        Value::String(s) => out.push((path.to_vec(), key, s.clone())),
        other => out.push((path.to_vec(), key, other.to_string())),
    }
}

fn check_json(format: Format, file: &str, transformed: &[&str]) {
    let text = std::fs::read_to_string(Path::new("tests/fixtures/import").join(file)).unwrap();
    let loaded = import(format, &text, &Default::default(), None).loaded;
    let held = strings(&loaded);
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut all = Vec::new();
    leaves(&value, &[], "", &mut all);
    let lost: Vec<_> = all
        .iter()
        .filter(|(p, k, v)| !kept(&loaded, &held, p, k, v, transformed))
        .collect();
    assert!(lost.is_empty(), "{file}: dropped silently: {lost:?}\nkept:\n{held}");
}

/// Date parts become the event's date; `unique_id` its id (renamed when taken, with a warning).
const TIMELINEJS_TRANSFORMED: [&str; 8] = {
    let [year, month, day, hour, minute, second, millisecond] = super::timelinejs::DATE_PARTS;
    [year, month, day, hour, minute, second, millisecond, "unique_id"]
};

/// Dates become event and source dates; ids link events to records, which are kept by content.
const TIMEMAP_TRANSFORMED: &[&str] = &["date", "time", "id", "sources", "associations", "filter_paths", "title"];

#[test]
fn every_timelinejs_key_is_mapped_noted_or_warned() {
    for file in ["timelinejs.json", "timelinejs-media.json"] {
        check_json(Format::TimelineJs, file, &TIMELINEJS_TRANSFORMED);
    }
}

#[test]
fn every_timemap_key_is_mapped_noted_or_warned() {
    for file in ["timemap.json", "timemap-telegram.json"] {
        check_json(Format::Timemap, file, TIMEMAP_TRANSFORMED);
    }
}

#[test]
fn every_csv_cell_is_mapped_noted_or_warned() {
    let text = std::fs::read_to_string("tests/fixtures/import/sources.csv").unwrap();
    let loaded = import(Format::Csv, &text, &Default::default(), None).loaded;
    let held = strings(&loaded);
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // Dates are parsed; list cells are split on `;`; an id names the event (made unique).
    let transformed = ["date", "source_date", "denial_date", "id", "tags", "stance"];
    for record in reader.records() {
        let record = record.unwrap();
        for (column, cell) in header.iter().zip(record.iter()) {
            let pieces: Vec<&str> = if column == "tags" {
                cell.split(';').collect()
            } else {
                vec![cell]
            };
            for piece in pieces {
                assert!(
                    kept(&loaded, &held, &[], column, piece, &transformed[..5]) || held.contains(piece.trim()),
                    "sources.csv: column {column}, cell {piece:?} dropped silently\nkept:\n{held}"
                );
            }
        }
    }
}
