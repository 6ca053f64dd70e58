//! A file's header read once against the vocabulary: where each of tlx's columns is, so that a
//! row's cell of a column is found by its place instead of by comparing names, cell after cell
//! and row after row.

use std::sync::LazyLock;

use crate::model::vocabulary::{FIELDS, Field, Record};

use super::{COLUMNS, RECORDS};

/// One of tlx's columns other than the status, by its field's place in the vocabulary's table
/// ([`FIELDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Column(usize);

impl Column {
    /// The column called `csv`. Written in constants (see [`column!`]), so that a name no field has
    /// fails the build.
    pub(super) const fn named(csv: &str) -> Column {
        let mut i = 0;
        while i < FIELDS.len() {
            if same(FIELDS[i].csv.as_bytes(), csv.as_bytes()) {
                return Column(i);
            }
            i += 1;
        }
        panic!("no field of the vocabulary has this CSV column");
    }

    /// Its field.
    pub(super) fn field(self) -> &'static Field {
        &FIELDS[self.0]
    }

    /// The columns of `record`'s fields, in the table's order; listed once, since rows ask for them.
    pub(super) fn of(record: Record) -> &'static [Column] {
        static BY_RECORD: LazyLock<Vec<Vec<Column>>> = LazyLock::new(|| {
            Record::ALL
                .map(|r| {
                    (0..FIELDS.len())
                        .map(Column)
                        .filter(|c| c.field().record == r)
                        .collect()
                })
                .into()
        });
        let at = Record::ALL.iter().position(|&r| r == record);
        at.map_or(&[], |at| BY_RECORD[at].as_slice())
    }
}

/// `str`'s equality, which a `const fn` cannot call.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`Column`] called `$name`, found when the program is built.
macro_rules! column {
    ($name:literal) => {
        const { $crate::import::csv::header::Column::named($name) }
    };
}
pub(super) use column;

/// What a header cell's column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    /// A field of an event, of its media, place or claim, or of a source or denial it has.
    Event,
    /// A field of one of the timeline's own records ([`RECORDS`]).
    Own,
    /// The status tlx computes, ignored on reading.
    Status,
    /// Nothing tlx knows: its cells are kept in their events' notes.
    Unknown,
}

/// A file's header: each cell's column name, and the places of tlx's columns in it.
#[derive(Debug, Default, Clone)]
pub(super) struct Header {
    /// Each header cell's column name.
    pub(super) names: Vec<String>,
    holds: Vec<Holds>,
    /// For each field of [`FIELDS`], the places of the header cells naming its column, in order
    /// (more than one only when the header repeats a column).
    places: Vec<Vec<usize>>,
    /// For each of [`RECORDS`], the places of the header cells of its fields, in order, each with
    /// its column.
    own: [Vec<(usize, Column)>; RECORDS.len()],
    /// The places of the header cells whose column is none of tlx's.
    unknown: Vec<usize>,
}

impl Header {
    pub(super) fn new(names: Vec<String>) -> Header {
        let mut places = vec![Vec::new(); FIELDS.len()];
        let mut own: [Vec<(usize, Column)>; RECORDS.len()] = Default::default();
        let holds: Vec<Holds> = names
            .iter()
            .enumerate()
            .map(|(at, name)| match FIELDS.iter().position(|f| f.csv == name.as_str()) {
                Some(field) => {
                    places[field].push(at);
                    let column = Column(field);
                    match RECORDS.iter().position(|&r| r == column.field().record) {
                        Some(record) => {
                            own[record].push((at, column));
                            Holds::Own
                        }
                        None => Holds::Event,
                    }
                }
                None if COLUMNS.contains(&name.as_str()) => Holds::Status,
                None => Holds::Unknown,
            })
            .collect();
        let unknown = (0..holds.len()).filter(|&at| holds[at] == Holds::Unknown).collect();
        Header {
            names,
            holds,
            places,
            own,
            unknown,
        }
    }

    /// The places of the header cells naming `column`.
    pub(super) fn places(&self, column: Column) -> &[usize] {
        self.places.get(column.0).map_or(&[], Vec::as_slice)
    }

    /// Whether the header has a column of the timeline's own records.
    pub(super) fn has_own_records(&self) -> bool {
        self.own.iter().any(|places| !places.is_empty())
    }

    /// The places of the header cells of `RECORDS[record]`'s fields, each with its column.
    pub(super) fn own(&self, record: usize) -> &[(usize, Column)] {
        &self.own[record]
    }

    /// Whether a row's cell at `at` is left for its event: not the status nor one of the
    /// timeline's own records (a cell beyond the header is kept in the event's notes).
    pub(super) fn for_event(&self, at: usize) -> bool {
        matches!(self.holds.get(at), None | Some(Holds::Event | Holds::Unknown))
    }

    /// The places of a row of `cells` cells whose column is none of tlx's, in order, each with
    /// its label in the event's notes: the column's name, or "extra cell" beyond the header.
    pub(super) fn noted(&self, cells: usize) -> impl Iterator<Item = (usize, &str)> {
        let unknown = self.unknown.iter().map(|&at| (at, self.names[at].as_str()));
        unknown.chain((self.names.len()..cells).map(|at| (at, "extra cell")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Header {
        Header::new(names.iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn a_column_is_found_by_its_name_and_gives_it_back() {
        for name in COLUMNS
            .iter()
            .filter(|&&c| c != crate::model::vocabulary::STATUS_COLUMN)
        {
            assert_eq!(Column::named(name).field().csv, *name);
        }
        assert_eq!(column!("outlet").field().record, Record::Source);
        let source: Vec<&str> = Column::of(Record::Source).iter().map(|c| c.field().csv).collect();
        assert_eq!((source[0], source[source.len() - 1]), ("outlet", "claims"));
    }

    #[test]
    fn each_column_is_found_at_its_places_in_the_header() {
        let h = header(&["title", "Mood", "date", "status", "actor_id", "title", "actor_name"]);
        assert_eq!(h.places(column!("title")), [0, 5]);
        assert_eq!(h.places(column!("date")), [2]);
        assert!(h.places(column!("id")).is_empty());
        let actors = RECORDS.iter().position(|&r| r == Record::Actor).unwrap();
        assert_eq!(h.own(actors), [(4, column!("actor_id")), (6, column!("actor_name"))]);
        assert!(h.has_own_records());
        assert!(!header(&["date", "title"]).has_own_records());
    }

    #[test]
    fn only_event_and_unknown_cells_are_left_for_the_event() {
        let h = header(&["date", "mood", "status", "actor_id"]);
        let left: Vec<bool> = (0..5).map(|at| h.for_event(at)).collect();
        assert_eq!(left, [true, true, false, false, true]);
        let noted: Vec<(usize, &str)> = h.noted(6).collect();
        assert_eq!(noted, [(1, "mood"), (4, "extra cell"), (5, "extra cell")]);
        assert_eq!(h.noted(2).count(), 1);
    }
}
