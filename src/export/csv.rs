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
use serde::ser::Impossible;
use serde_json::Value;

use super::{Pieces, no_outline};
use crate::model::vocabulary::{FIELDS, Field, Record, STATUS_COLUMN, Type, csv_columns};
use crate::model::{Event, Timeline};

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
        let header: Vec<Cell> = csv_columns()
            .iter()
            .enumerate()
            .map(|(at, c)| placed(at, c.to_string()))
            .collect();
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
        if let Some(m) = &e.more.media {
            event.extend(cells(Record::Media, m, None));
        }
        if let Some(p) = &e.more.place {
            event.extend(cells(Record::Place, p, None));
        }
        event.push(placed(columns().place(STATUS_COLUMN), e.status().to_string()));
        let claims = e.more.claims.iter().map(|c| cells(Record::Claim, c, None));
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
    let width = columns().width;
    let mut text = String::new();
    each(&mut |groups| {
        let mut row = vec![""; width];
        // In reverse, so that of two cells for one column the first is written.
        for (at, cell) in groups.iter().rev().flat_map(|g| g.iter().rev()) {
            row[*at] = cell;
        }
        write_row(&mut text, &row);
    });
    text
}

/// One row of cells already written as CSV fields ([`placed`]), as the csv crate writes it (a
/// test holds the two to the same bytes). Its writer went through a state machine for each cell
/// and copied each row twice, a fifth of a million events' export, where most of a row's cells
/// are empty and the event's own are the same on each of its rows.
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

/// A cell of `text` at column `at`, written as a CSV field: in quotes, its own doubled, when it
/// holds a comma, a quote or a line break (as the csv crate writes a field).
fn placed(at: usize, text: String) -> Cell {
    let bytes = text.as_bytes();
    let quoted = memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some();
    match quoted {
        true => (at, format!("\"{}\"", text.replace('"', "\"\""))),
        false => (at, text),
    }
}

/// A cell, written as a CSV field ([`placed`]), and its column's place in [`csv_columns`].
type Cell = (usize, String);

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

/// The cells of one record, by column: its serde form read through the vocabulary, so a field
/// the table names is written without this function knowing it. `id` is the key of a reference
/// or an actor.
fn cells(record: Record, value: &impl Serialize, id: Option<&str>) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    if let Some(id) = id {
        cells.extend(
            record
                .fields()
                .filter(|f| f.name == "id")
                .map(|f| placed(columns().place(f.csv), text_cell(id))),
        );
    }
    value
        .serialize(Fields {
            fields: columns().of(record),
            next: 0,
            keyed: id.is_some(),
            cells: &mut cells,
        })
        .expect("the model's records serialize as structs");
    cells
}

/// A serializer that takes a record's fields one at a time, each the vocabulary names made a
/// cell from its own serde form: serializing the whole record first (an event with every
/// source and denial in it, for its own few columns) was most of a CSV export's time.
struct Fields<'c> {
    /// The record's fields, each with its column's place.
    fields: &'c [(&'static Field, usize)],
    /// Where the next field is looked for first, after the last one found: where serde writes a
    /// struct's fields in the table's order the search ends at once, and it wraps round where not.
    next: usize,
    /// Whether the record's `id` is its key, written by [`cells`] instead of a field.
    keyed: bool,
    cells: &'c mut Vec<Cell>,
}

impl serde::ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error> {
        if self.keyed && key == "id" {
            return Ok(());
        }
        let (before, from) = self.fields.split_at(self.next);
        let found = from.iter().chain(before).position(|(f, _)| f.name == key);
        if let Some(k) = found {
            let at = (self.next + k) % self.fields.len();
            let (field, place) = self.fields[at];
            self.cells
                .push(placed(place, cell(field, &serde_json::to_value(value)?)));
            self.next = at + 1;
        }
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// What [`Fields`] says of anything but a struct, which no record of the model is.
fn not_a_struct() -> serde_json::Error {
    serde::ser::Error::custom("a record serializes as a struct")
}

/// [`Fields`]'s methods for what is not a struct: each answers [`not_a_struct`].
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Self::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'c> serde::Serializer for Fields<'c> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Fields<'c>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'c>, Self::Error> {
        Ok(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), Self::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(not_a_struct())
    }

    not_a_struct! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
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

    proptest::proptest! {
        #[test]
        fn a_row_is_written_as_the_csv_crate_writes_it(
            row in proptest::collection::vec("[a,\"\\n\\r' é]{0,6}", 2..8),
        ) {
            let cells: Vec<Cell> = row.iter().map(|c| placed(0, c.clone())).collect();
            let mut ours = String::new();
            write_row(&mut ours, &cells.iter().map(|(_, c)| c.as_str()).collect::<Vec<_>>());
            let mut crate_writer = ::csv::Writer::from_writer(Vec::new());
            crate_writer.write_record(&row).unwrap();
            proptest::prop_assert_eq!(ours.into_bytes(), crate_writer.into_inner().unwrap());
        }
    }

    #[test]
    fn the_header_has_a_column_for_every_field_and_the_status() {
        let columns = csv_columns();
        assert_eq!(columns.len(), FIELDS.len() + 1);
        assert!(FIELDS.iter().all(|f| columns.contains(&f.csv)));
    }
}
