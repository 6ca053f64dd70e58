//! A record's cells, read from its serde form through the vocabulary and written as CSV fields
//! into one text. Each cell was three strings (serde_json's value, the cell's text, its field):
//! 100k events' `tlx export -f csv`, the load included, took 4.87 billion instructions then and
//! 4.44 now.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;
use serde::ser::{Impossible, SerializeSeq, SerializeStruct};

use super::{columns, guarded, list_cell};
use crate::model::vocabulary::{Field, Record, Type};

/// Cells of a row, each at its column, written as CSV fields into one text.
pub(super) struct Cells {
    text: String,
    /// Each cell's column and where its field is in `text`.
    at: Vec<(usize, Range<usize>)>,
    /// A cell's content, before it is written as a field.
    content: String,
}

/// Room for a record's cells from the start: grown from nothing, the texts of 100k events'
/// records took 1.5 million reallocations, an eighth of the export's instructions.
impl Default for Cells {
    fn default() -> Cells {
        Cells {
            text: String::with_capacity(512),
            at: Vec::with_capacity(16),
            content: String::with_capacity(256),
        }
    }
}

impl Cells {
    /// The cells of one record, by column. `id` is the key of a reference or an actor.
    pub(super) fn of(record: Record, value: &impl Serialize, id: Option<&str>) -> Cells {
        let mut cells = Cells::default();
        cells.add(record, value, id);
        cells
    }

    /// Takes every cell away, keeping the room they took.
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.at.clear();
    }

    /// Adds the cells of one record: a field the vocabulary names is written without this
    /// code knowing it.
    pub(super) fn add(&mut self, record: Record, value: &impl Serialize, id: Option<&str>) {
        if let Some(id) = id {
            for f in record.fields().filter(|f| f.name == "id") {
                self.text(columns().place(f.csv), id);
            }
        }
        value
            .serialize(Fields {
                fields: columns().of(record),
                next: 0,
                keyed: id.is_some(),
                cells: self,
            })
            .expect("the model's records serialize as structs of plain values");
    }

    /// A cell of text at `column`, guarded as every text is ([`guarded`]).
    pub(super) fn text(&mut self, column: usize, text: &str) {
        self.content.clear();
        Content {
            out: &mut self.content,
            guard: true,
        }
        .text(text);
        self.write(column);
    }

    /// A cell whose content is `text` as it is, at `column`.
    pub(super) fn plain(&mut self, column: usize, text: &str) {
        self.content.clear();
        self.content.push_str(text);
        self.write(column);
    }

    /// Each cell's column and field.
    pub(super) fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &str)> {
        self.at
            .iter()
            .map(|(column, range)| (*column, &self.text[range.clone()]))
    }

    /// Writes [`Cells::content`] as a field at `column`: in quotes, its own doubled, when it
    /// holds a comma, a quote or a line break, as the csv crate writes a field.
    fn write(&mut self, column: usize) {
        let content = self.content.as_bytes();
        let quoted = memchr::memchr3(b',', b'"', b'\n', content).is_some() || memchr::memchr(b'\r', content).is_some();
        let start = self.text.len();
        if quoted {
            self.text.push('"');
            for (i, part) in self.content.split('"').enumerate() {
                if i > 0 {
                    self.text.push_str("\"\"");
                }
                self.text.push_str(part);
            }
            self.text.push('"');
        } else {
            self.text.push_str(&self.content);
        }
        self.at.push((column, start..self.text.len()));
    }
}

/// A serializer that takes a record's fields one at a time, each the vocabulary names written
/// as a cell from its own serde form: serializing the whole record first (an event with every
/// source and denial in it, for its own few columns) was most of a CSV export's time.
struct Fields<'c> {
    /// The record's fields, each with its column's place.
    fields: &'c [(&'static Field, usize)],
    /// Where the next field is looked for first, after the last one found: where serde writes a
    /// struct's fields in the table's order the search ends at once, and it wraps round where not.
    next: usize,
    /// Whether the record's `id` is its key, written by [`Cells::add`] instead of a field.
    keyed: bool,
    cells: &'c mut Cells,
}

impl SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        if self.keyed && key == "id" {
            return Ok(());
        }
        let (before, from) = self.fields.split_at(self.next);
        let Some(k) = from.iter().chain(before).position(|(f, _)| f.name == key) else {
            return Ok(());
        };
        let at = (self.next + k) % self.fields.len();
        let (field, place) = self.fields[at];
        self.cells.content.clear();
        value.serialize(Content {
            out: &mut self.cells.content,
            guard: field.ty == Type::Text,
        })?;
        self.cells.write(place);
        self.next = at + 1;
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

/// What the cells' serializers say of a value that no record of the model holds.
#[derive(Debug)]
struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl serde::ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(message: T) -> Unsupported {
        Unsupported(message.to_string())
    }
}

/// Methods of a serializer for what it does not take, an enum's newtype variant among them
/// (which neither serializer here takes): each answers [`Unsupported`].
macro_rules! unsupported {
    ($what:literal: $($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Unsupported> {
            Err(Unsupported($what.into()))
        }

        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Unsupported> {
            Err(Unsupported($what.into()))
        })*
    };
}

impl<'c> serde::Serializer for Fields<'c> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Fields<'c>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'c>, Unsupported> {
        Ok(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported("a record serializes as a struct".into()))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported("a record serializes as a struct".into()))
    }

    unsupported! { "a record serializes as a struct":
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

/// A serializer that writes a field's value as its cell's content: free text guarded, a list
/// by [`list_cell`]'s rule, a number or a word as it is. The cell is empty when the value says
/// nothing.
struct Content<'o> {
    out: &'o mut String,
    /// Whether a text is guarded ([`guarded`]): the field holds free text, not a date or a word.
    guard: bool,
}

impl Content<'_> {
    fn text(self, text: &str) {
        if self.guard && guarded(text) {
            self.out.push('\'');
        }
        self.out.push_str(text);
    }

    /// A number as serde_json writes it: what the cells held before they were written here.
    fn number(self, number: impl Into<serde_json::Value>) {
        write!(self.out, "{}", number.into()).expect("a String takes any text");
    }
}

/// [`Content`]'s methods for numbers: each written as serde_json writes it ([`Content::number`]).
macro_rules! numbers {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> Result<(), Unsupported> {
            self.number(v);
            Ok(())
        })*
    };
}

impl<'o> serde::Serializer for Content<'o> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = List<'o>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.text(v);
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.text(variant);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    numbers! {
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_f32(f32);
        serialize_f64(f64);
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<List<'o>, Unsupported> {
        Ok(List {
            out: self.out,
            items: Vec::new(),
        })
    }

    unsupported! { "a cell holds a plain value":
        serialize_char(char) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// A list's items, each written as its own content, then the list's cell by [`list_cell`]'s
/// rule.
struct List<'o> {
    out: &'o mut String,
    items: Vec<String>,
}

impl SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        let mut item = String::new();
        // The list is guarded once joined, not each item.
        value.serialize(Content {
            out: &mut item,
            guard: false,
        })?;
        self.items.push(item);
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        let items: Vec<&str> = self.items.iter().map(String::as_str).collect();
        list_cell(self.out, &items);
        Ok(())
    }
}
