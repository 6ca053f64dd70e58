//! CSV export: the whole timeline in rows a spreadsheet can sort and filter, and that `tlx import`
//! (or `tlx FILE.csv`) reads back as the same timeline.
//!
//! The columns are those of [`vocabulary::csv_columns`]: every field of every record has its own,
//! so a denial (`denied_by`, `denial_date`, ...) can never be read back as a source (`outlet`,
//! `source_date`, ...). Events come in file order, one row per claim, per source and per denial (one
//! row for an event with none) with the event's columns repeated on each; `status` is computed, for
//! sorting, and ignored on reading. A first row holds the timeline's own fields, then one row per
//! reference and per actor.
//!
//! Two rules make every cell read back exactly ([`text_cell`], [`list_cell`]):
//! - A text cell that starts with `'` is verbatim after that `'`; any other is trimmed, and an
//!   empty one means "not given". So text that a spreadsheet would run as a formula (starting with
//!   `=`, `+`, `-`, `@`, tab or carriage return, the OWASP "CSV injection" list), text with
//!   white space around it, text starting with `'`, and empty text are written after a `'`. The
//!   guard is never part of the value: it is taken off on reading.
//! - A list is written `a;b;c` when that reads back as the same items; otherwise (an item that is
//!   empty, has white space around it or holds a `;`, or a first item starting with `[`) as a JSON
//!   array of strings, `["a;b", " c"]`.
//!
//! Dates, stances and grades are written as they are: their values never start a formula (a
//! leading `-` in a date is a BCE year).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::Pieces;
use crate::model::vocabulary::{Field, Record, STATUS_COLUMN, Type, csv_columns};
use crate::model::{Event, Timeline};

/// The timeline as CSV with a header row, events in file order.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t)
}

/// The CSV export in pieces: the header and the timeline's own rows, then each event's rows.
pub(super) const PIECES: Pieces = Pieces {
    head,
    event: |e, _| event(e),
    tail: |_| String::new(),
};

/// The header row, the timeline's row, and one row per reference and per actor.
fn head(t: &Timeline) -> String {
    rows(|write| {
        let header: Vec<Cell> = csv_columns().iter().map(|c| (*c, c.to_string())).collect();
        write(&[&header]);
        write(&[&cells(Record::Timeline, &t.timeline, None)]);
        for (id, r) in &t.references {
            write(&[&cells(Record::Reference, r, Some(id))]);
        }
        for (id, a) in &t.actors {
            write(&[&cells(Record::Actor, a, Some(id))]);
        }
    })
}

/// An event's rows: one per claim, per source and per denial (one when it has none), each with
/// the event's own columns.
fn event(e: &Event) -> String {
    rows(|write| {
        let mut event = cells(Record::Event, e, None);
        if let Some(m) = &e.media {
            event.extend(cells(Record::Media, m, None));
        }
        if let Some(p) = &e.place {
            event.extend(cells(Record::Place, p, None));
        }
        event.push((STATUS_COLUMN, e.status().to_string()));
        let claims = e.claims.iter().map(|c| cells(Record::Claim, c, None));
        let items = claims
            .chain(e.sources.iter().map(|s| cells(Record::Source, s, None)))
            .chain(e.denials.iter().map(|d| cells(Record::Denial, d, None)));
        let mut any = false;
        for item in items {
            any = true;
            write(&[&event, &item]);
        }
        if !any {
            write(&[&event]);
        }
    })
}

/// The CSV text of the rows `each` writes, each given as groups of cells (an event's own and
/// one source's, say: the event's are not copied for each of its rows). A row's text depends on
/// that row alone, so rows written apart join into the same file.
fn rows(each: impl FnOnce(&mut dyn FnMut(&[&[Cell]]))) -> String {
    // Each column's place, found once: a row is written for every source of every event.
    static PLACES: OnceLock<(usize, HashMap<&'static str, usize>)> = OnceLock::new();
    let (width, places) = PLACES.get_or_init(|| {
        let columns = csv_columns();
        (
            columns.len(),
            columns.iter().enumerate().map(|(i, c)| (*c, i)).collect(),
        )
    });
    let mut w = ::csv::Writer::from_writer(Vec::new());
    each(&mut |groups| {
        let mut row = vec![""; *width];
        // In reverse, so that of two cells for one column the first is written.
        for (name, cell) in groups.iter().rev().flat_map(|g| g.iter().rev()) {
            row[places[name]] = cell;
        }
        w.write_record(&row).expect("writing to memory cannot fail");
    });
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are all UTF-8")
}

/// A cell and its column's name.
type Cell = (&'static str, String);

/// The cells of one record, by column: its serde form read through the vocabulary, so a field
/// the table names is written without this function knowing it. `id` is the key of a reference
/// or an actor.
fn cells(record: Record, value: &impl Serialize, id: Option<&str>) -> Vec<Cell> {
    let Value::Object(map) = serde_json::to_value(value).expect("the model always serializes") else {
        unreachable!("records serialize as objects")
    };
    record
        .fields()
        .filter_map(|f| {
            let cell = match (f.name, id) {
                ("id", Some(id)) => text_cell(id),
                _ => cell(f, map.get(f.name)?),
            };
            Some((f.csv, cell))
        })
        .collect()
}

fn cell(field: &Field, value: &Value) -> String {
    match (value, field.ty) {
        (Value::Array(items), _) => {
            let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            list_cell(&items)
        }
        (Value::String(s), Type::Text) => text_cell(s),
        (Value::String(s), _) => s.clone(),
        (other, _) => other.to_string(),
    }
}

/// A text cell that reads back as `text`, and that no spreadsheet runs as a formula.
pub fn text_cell(text: &str) -> String {
    let verbatim = text.is_empty() || text.trim() != text || text.starts_with(['=', '+', '-', '@', '\'']);
    if verbatim { format!("'{text}") } else { text.to_string() }
}

/// A list cell that reads back as `items`.
pub fn list_cell(items: &[&str]) -> String {
    let plain = items
        .iter()
        .all(|i| !i.is_empty() && i.trim() == *i && !i.contains(';'))
        && !items.first().is_some_and(|i| i.starts_with('['));
    if plain {
        text_cell(&items.join(";"))
    } else {
        serde_json::to_string(items).expect("strings always serialize")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocabulary::FIELDS;

    #[test]
    fn formula_starts_white_space_and_empty_text_are_written_after_a_guard() {
        assert_eq!(text_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("@x"), "'@x");
        assert_eq!(text_cell("'quoted'"), "''quoted'");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell(" x "), "' x ");
        assert_eq!(text_cell(""), "'");
        assert_eq!(text_cell("a=b"), "a=b");
    }

    #[test]
    fn lists_are_plain_when_they_read_back_and_json_otherwise() {
        assert_eq!(list_cell(&["travel ban", "S-300"]), "travel ban;S-300");
        assert_eq!(list_cell(&["-x", "y"]), "'-x;y");
        assert_eq!(list_cell(&["a;b", "c"]), r#"["a;b","c"]"#);
        assert_eq!(list_cell(&[" a"]), r#"[" a"]"#);
        assert_eq!(list_cell(&[""]), r#"[""]"#);
        assert_eq!(list_cell(&["[x]"]), r#"["[x]"]"#);
    }

    #[test]
    fn the_header_has_a_column_for_every_field_and_the_status() {
        let columns = csv_columns();
        assert_eq!(columns.len(), FIELDS.len() + 1);
        assert!(FIELDS.iter().all(|f| columns.contains(&f.csv)));
    }
}
