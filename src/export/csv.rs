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

use super::{Pieces, no_outline};
use crate::model::vocabulary::{FIELDS, Field, Record, STATUS_COLUMN, csv_columns};
use crate::model::{Event, Timeline};

mod cells;

use cells::Cells;

/// The timeline as CSV with a header row, events in file order.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t, t.events.iter())
}

/// The CSV export in pieces: the header and the timeline's own rows, then each event's rows.
pub(super) const PIECES: Pieces = Pieces {
    head,
    outline: no_outline,
    event: |_, e, _, _| event(e),
    tail: |_, _, _| String::new(),
    trimmed: false,
};

/// The header row, the timeline's row, and one row per reference and per actor.
fn head(t: &Timeline) -> String {
    rows(|write| {
        let mut header = Cells::default();
        for (at, column) in csv_columns().iter().enumerate() {
            header.plain(at, column);
        }
        write(&[&header]);
        write(&[&Cells::of(Record::Timeline, &t.timeline, None)]);
        for (id, r) in &t.references {
            write(&[&Cells::of(Record::Reference, r, Some(id))]);
        }
        for (id, a) in &t.actors {
            write(&[&Cells::of(Record::Actor, a, Some(id))]);
        }
    })
}

/// An event's rows: one per claim, per source and per denial (one when it has none), each with
/// the event's own columns.
fn event(e: &Event) -> String {
    rows(|write| {
        let mut event = Cells::of(Record::Event, e, None);
        if let Some(m) = &e.more.media {
            event.add(Record::Media, m, None);
        }
        if let Some(p) = &e.more.place {
            event.add(Record::Place, p, None);
        }
        event.plain(columns().place(STATUS_COLUMN), e.status().as_str());
        let mut item = Cells::default();
        each(write, &event, &mut item, Record::Claim, &e.more.claims);
        each(write, &event, &mut item, Record::Source, &e.sources);
        each(write, &event, &mut item, Record::Denial, &e.denials);
        if e.more.claims.is_empty() && e.sources.is_empty() && e.denials.is_empty() {
            write(&[&event]);
        }
    })
}

/// Writes a row of the event's cells and each item's, the items' cells made one at a time in
/// `item`, whose text is kept from row to row.
fn each<T: Serialize>(write: &mut dyn FnMut(&[&Cells]), event: &Cells, item: &mut Cells, record: Record, items: &[T]) {
    for value in items {
        item.clear();
        item.add(record, value, None);
        write(&[event, item]);
    }
}

/// The CSV text of the rows `each` writes, each given as groups of cells (an event's own and
/// one source's, say: the event's are not copied for each of its rows). A row's text depends on
/// that row alone, so rows written apart join into the same file.
fn rows(each: impl FnOnce(&mut dyn FnMut(&[&Cells]))) -> String {
    let width = columns().width;
    // The bench's events take 1.35 KB of rows each on average: room made at once, not grown to.
    let mut text = String::with_capacity(2048);
    each(&mut |groups| {
        let mut row = vec![""; width];
        // In reverse, so that of two cells for one column the first is written.
        for (at, cell) in groups.iter().rev().flat_map(|g| g.iter().rev()) {
            row[at] = cell;
        }
        write_row(&mut text, &row);
    });
    text
}

/// One row of cells already written as CSV fields, as the csv crate writes it (a test holds the
/// two to the same bytes). Its writer went through a state machine for each cell and copied
/// each row twice, a fifth of a million events' export, where most of a row's cells are empty
/// and the event's own are the same on each of its rows.
fn write_row(text: &mut String, row: &[&str]) {
    // A lone empty cell, which the crate writes as `""`, is never a row here.
    debug_assert!(row.len() > 1);
    text.reserve(row.iter().map(|cell| cell.len() + 1).sum());
    for (i, cell) in row.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(cell);
    }
    text.push('\n');
}

/// The columns' places, found once: a row is written for every source of every event, and
/// looking each cell's field up among all the table's and its column by name took about a tenth
/// of a million events' CSV export.
struct Columns {
    width: usize,
    places: HashMap<&'static str, usize>,
    /// Each record's fields with their column's place, in the table's order.
    fields: HashMap<Record, Vec<(&'static Field, usize)>>,
}

fn columns() -> &'static Columns {
    static COLUMNS: OnceLock<Columns> = OnceLock::new();
    COLUMNS.get_or_init(|| {
        let names = csv_columns();
        let places: HashMap<&'static str, usize> = names.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        let mut fields: HashMap<Record, Vec<(&'static Field, usize)>> = HashMap::new();
        for f in FIELDS {
            fields.entry(f.record).or_default().push((f, places[f.csv]));
        }
        Columns {
            width: names.len(),
            places,
            fields,
        }
    })
}

impl Columns {
    /// The fields of `record`, each with its column's place.
    fn of(&self, record: Record) -> &[(&'static Field, usize)] {
        self.fields.get(&record).map_or(&[], Vec::as_slice)
    }

    /// The place of the column called `name`.
    fn place(&self, name: &str) -> usize {
        self.places[name]
    }
}

/// Whether a text cell is written after a `'`, so that it reads back as the text and no
/// spreadsheet runs it as a formula.
fn guarded(text: &str) -> bool {
    // `trim` would compare the whole text with itself, a quote at a time.
    let spaced = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    text.is_empty() || spaced || text.starts_with(['=', '+', '-', '@', '\''])
}

/// Writes a list cell that reads back as `items` into `out`.
fn list_cell(out: &mut String, items: &[&str]) {
    let plain = items
        .iter()
        .all(|i| !i.is_empty() && i.trim() == *i && !i.contains(';'))
        && !items.first().is_some_and(|i| i.starts_with('['));
    if !plain {
        out.push_str(&serde_json::to_string(items).expect("strings always serialize"));
        return;
    }
    let joined = items.join(";");
    if guarded(&joined) {
        out.push('\'');
    }
    out.push_str(&joined);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocabulary::FIELDS;

    /// The field a text cell is written as.
    fn text_cell(text: &str) -> String {
        let mut cells = Cells::default();
        cells.text(0, text);
        cells.iter().map(|(_, field)| field).collect()
    }

    /// The content of a list's cell.
    fn list(items: &[&str]) -> String {
        let mut out = String::new();
        list_cell(&mut out, items);
        out
    }

    #[test]
    fn formula_starts_white_space_and_empty_text_are_written_after_a_guard() {
        assert_eq!(text_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("@x"), "'@x");
        assert_eq!(text_cell("'quoted'"), "''quoted'");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell(" x "), "' x ");
        assert_eq!(text_cell("x\u{3000}"), "'x\u{3000}");
        assert_eq!(text_cell(""), "'");
        assert_eq!(text_cell("a=b"), "a=b");
        assert_eq!(text_cell("-1, said \"x\""), "\"'-1, said \"\"x\"\"\"");
    }

    #[test]
    fn lists_are_plain_when_they_read_back_and_json_otherwise() {
        assert_eq!(list(&["travel ban", "S-300"]), "travel ban;S-300");
        assert_eq!(list(&["-x", "y"]), "'-x;y");
        assert_eq!(list(&["a;b", "c"]), r#"["a;b","c"]"#);
        assert_eq!(list(&[" a"]), r#"[" a"]"#);
        assert_eq!(list(&[""]), r#"[""]"#);
        assert_eq!(list(&["[x]"]), r#"["[x]"]"#);
    }

    proptest::proptest! {
        #[test]
        fn a_row_is_written_as_the_csv_crate_writes_it(
            row in proptest::collection::vec("[a,\"\\n\\r' é]{0,6}", 2..8),
        ) {
            let mut cells = Cells::default();
            for (at, cell) in row.iter().enumerate() {
                cells.plain(at, cell);
            }
            let mut ours = String::new();
            write_row(&mut ours, &cells.iter().map(|(_, c)| c).collect::<Vec<_>>());
            let mut crate_writer = ::csv::Writer::from_writer(Vec::new());
            crate_writer.write_record(&row).unwrap();
            proptest::prop_assert_eq!(ours.into_bytes(), crate_writer.into_inner().unwrap());
        }

        #[test]
        fn a_text_is_guarded_when_trimming_would_change_it_or_a_spreadsheet_would_run_it(
            text in "[ \t\u{a0}\u{85}\u{3000}\u{2028}=+@'a-]{0,5}",
        ) {
            let spaced = text.trim() != text;
            let runs = text.starts_with(['=', '+', '-', '@', '\'']);
            proptest::prop_assert_eq!(guarded(&text), text.is_empty() || spaced || runs);
        }
    }

    #[test]
    fn the_header_has_a_column_for_every_field_and_the_status() {
        let columns = csv_columns();
        assert_eq!(columns.len(), FIELDS.len() + 1);
        assert!(FIELDS.iter().all(|f| columns.contains(&f.csv)));
    }
}
