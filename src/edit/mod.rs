//! Editing a timeline file so that it stays the user's: every change is made to the file's own
//! `toml_edit` document, so comments, key order, blank lines, quoting and every table not edited
//! are written back byte for byte, and every change returns the [`Undo`] that takes it back
//! exactly. Nothing here knows of the terminal; [`file`] reads, checks and saves the file.
//!
//! Records are named as the user knows them: an event by its `id`, a claim, source or denial by
//! its place among the event's (0 is the first written). Field names come from the one field
//! table ([`crate::model::vocabulary`]).

pub mod file;
mod layout;
pub mod merge;
#[cfg(test)]
mod tests;

use std::hash::{Hash, Hasher};

use toml_edit::{ArrayOfTables, Decor, DocumentMut, Item, Key, Table, Value};

use crate::model::vocabulary::{Field, Record, Type};
use layout::Seg;

/// The records of an event that are tables of their own, in the order a person writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// `[[events.claims]]`.
    Claim,
    /// `[[events.sources]]`.
    Source,
    /// `[[events.denials]]`.
    Denial,
}

impl Part {
    /// Every part, in the order a person writes them.
    pub const ALL: [Part; 3] = [Part::Claim, Part::Source, Part::Denial];

    /// The event's key that holds them.
    pub fn key(self) -> &'static str {
        match self {
            Part::Claim => "claims",
            Part::Source => "sources",
            Part::Denial => "denials",
        }
    }

    /// The kind of record each is, in the field table.
    pub fn record(self) -> Record {
        match self {
            Part::Claim => Record::Claim,
            Part::Source => Record::Source,
            Part::Denial => Record::Denial,
        }
    }

    /// Where a person writes them in an event: after its own keys (0), claims, then sources,
    /// then denials.
    fn rank(self) -> u8 {
        match self {
            Part::Claim => 1,
            Part::Source => 2,
            Part::Denial => 3,
        }
    }

    fn of_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A record an edit is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The event with this id.
    Event(String),
    /// The `index`th (from 0, in file order) claim, source or denial of the event with this id.
    Item {
        /// The event's id.
        event: String,
        /// Which kind of record.
        part: Part,
        /// Its place among the event's records of that kind.
        index: usize,
    },
}

impl Target {
    /// The kind of record it is.
    pub fn record(&self) -> Record {
        match self {
            Target::Event(_) => Record::Event,
            Target::Item { part, .. } => part.record(),
        }
    }

    /// The id of the event it is or belongs to.
    pub fn event(&self) -> &str {
        match self {
            Target::Event(id) | Target::Item { event: id, .. } => id,
        }
    }
}

/// A field's new content as the user typed it; [`Edit`] writes it as the field's type asks (a
/// credibility as a number, a list as an array), and what is not valid is written as typed for
/// the loader to report, with `tlx check`'s message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One line or paragraph (a list field takes it as comma-separated entries).
    Text(String),
    /// The entries of a list field.
    List(Vec<String>),
}

/// One change to a timeline file, as the user asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new `[[events]]` table, placed in date order among the events (at the end if the file
    /// is not in date order), holding these fields in this order.
    AddEvent {
        /// Its fields (each an event's, from the field table).
        values: Vec<(&'static Field, Input)>,
    },
    /// A new claim, source or denial of an event, after the event's last one of that kind (or,
    /// for the first, after the records a person writes before it).
    Add {
        /// The event's id.
        event: String,
        /// Which kind of record.
        part: Part,
        /// Its fields (each of `part`'s record, from the field table).
        values: Vec<(&'static Field, Input)>,
    },
    /// A field set to a new value (keeping its key's place and its comment), added at the end
    /// of the record's table when absent, or removed (`None`).
    Set {
        /// The record.
        target: Target,
        /// The field (of the target's record, from the field table).
        field: &'static Field,
        /// The new value, or `None` to remove the field.
        value: Option<Input>,
    },
    /// A record removed, with the comments written above it and, for an event, its claims,
    /// sources and denials.
    Delete {
        /// The record.
        target: Target,
    },
}

/// What takes one change back, exactly: applied to the document the change left, it writes
/// the document as it was before, byte for byte, and returns what redoes the change.
#[derive(Debug, Clone)]
pub struct Undo {
    step: Step,
    /// The fingerprint of the document the change left: an undo is refused on any other, since
    /// it names records by their place.
    expects: u64,
}

/// Why an edit was not made. The document is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// No event has the id.
    #[error("no event has the id \"{id}\"{}", suggestion.as_ref().map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default())]
    NoEvent {
        /// The id asked for.
        id: String,
        /// The closest id in the file.
        suggestion: Option<String>,
    },
    /// The event has fewer records of that kind.
    #[error("event \"{event}\" has no {} {} (it has {count})", part.record().name(), index + 1)]
    NoItem {
        /// The event's id.
        event: String,
        /// The kind of record.
        part: Part,
        /// The place asked for (from 0).
        index: usize,
        /// How many it has.
        count: usize,
    },
    /// A field of another kind of record.
    #[error("{} is a field of {}, not of {}", field.name, a(field.record.name()), a(record.name()))]
    WrongField {
        /// The field given.
        field: &'static Field,
        /// The record it was given for.
        record: Record,
    },
    /// The file is written in a way tlx does not edit.
    #[error("{0}")]
    Layout(String),
    /// An undo or redo of a document other than the one its change left.
    #[error(
        "the file is no longer as that edit left it (it was changed since), so the edit cannot be taken back automatically"
    )]
    Stale,
    /// The edited file would have errors that `tlx check` reports; they are rendered here as it
    /// renders them, located in the edited text.
    #[error("{0}")]
    Invalid(String),
}

/// "a source", "an event".
fn a(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

impl Edit {
    /// Makes the change to `doc`, returning what undoes it; on refusal `doc` is unchanged.
    pub fn apply(&self, doc: &mut DocumentMut) -> Result<Undo, Refused> {
        let step = match self {
            Edit::AddEvent { values } => add_event(doc, values)?,
            Edit::Add { event, part, values } => add_item(doc, event, *part, values)?,
            Edit::Set { target, field, value } => set(doc, target, field, value.as_ref())?,
            Edit::Delete { target } => {
                let (array, index) = element(doc, target)?;
                Step::Remove { array, index }
            }
        };
        let undo = step.run(doc)?;
        Ok(Undo {
            step: undo,
            expects: fingerprint(doc),
        })
    }

    /// The record the edit is about once made (for an added record, where it now is).
    pub fn target(&self, doc: &DocumentMut) -> Option<Target> {
        match self {
            Edit::AddEvent { values } => values
                .iter()
                .find(|(f, _)| f.name == "id")
                .map(|(_, v)| Target::Event(text_of(v))),
            Edit::Add { event, part, .. } => {
                let i = find_event(doc, event).ok()?;
                let count = items(event_table(doc, i)?, *part).map_or(0, ArrayOfTables::len);
                Some(Target::Item {
                    event: event.clone(),
                    part: *part,
                    index: count.checked_sub(1)?,
                })
            }
            Edit::Set { target, .. } | Edit::Delete { target } => Some(target.clone()),
        }
    }
}

impl Undo {
    /// Takes the change back, returning what redoes it; refused ([`Refused::Stale`]) unless
    /// `doc` is as the change left it.
    pub fn apply(&self, doc: &mut DocumentMut) -> Result<Undo, Refused> {
        if fingerprint(doc) != self.expects {
            return Err(Refused::Stale);
        }
        let step = self.step.run(doc)?;
        Ok(Undo {
            step,
            expects: fingerprint(doc),
        })
    }
}

/// A hash of the document's text.
fn fingerprint(doc: &DocumentMut) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    doc.to_string().hash(&mut h);
    h.finish()
}

/// A change at the level of the document's tree, whose inverse is again one.
#[derive(Debug, Clone)]
enum Step {
    /// Put `table` at `index` of the array of tables at `array`, each of its tables (in tree
    /// order) at the rank given among all the document's tables as written.
    Insert {
        array: layout::Path,
        index: usize,
        table: Table,
        ranks: Vec<usize>,
    },
    /// Take out the element `index` of the array of tables at `array`.
    Remove { array: layout::Path, index: usize },
    /// Make `key` of the table at `table` this entry (or remove it), at `index` among the keys
    /// when it is not there yet.
    Set {
        table: layout::Path,
        key: String,
        entry: Option<(Key, Item)>,
        index: usize,
    },
}

impl Step {
    /// Makes the step; returns its inverse.
    fn run(&self, doc: &mut DocumentMut) -> Result<Step, Refused> {
        let gone = || Refused::Layout("the record is no longer in the file".into());
        match self {
            Step::Insert {
                array,
                index,
                table,
                ranks,
            } => {
                let (parent, key) = array.split_at(array.len() - 1);
                let Seg::Key(key) = &key[0] else { return Err(gone()) };
                let mut order: Vec<layout::Path> = layout::order(doc)
                    .iter()
                    .map(|p| layout::shifted(p, array, *index, 1))
                    .collect();
                let mut at = array.clone();
                at.push(Seg::Index(*index));
                let mut placed: Vec<(usize, layout::Path)> = layout::subtree(table)
                    .into_iter()
                    .zip(ranks)
                    .map(|(rel, rank)| (*rank, at.iter().cloned().chain(rel).collect()))
                    .collect();
                placed.sort_by_key(|(rank, _)| *rank);
                for (rank, path) in placed {
                    order.insert(rank.min(order.len()), path);
                }
                let parent = layout::table_mut(doc, parent).ok_or_else(gone)?;
                let slot = parent
                    .entry(key)
                    .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
                let aot = slot.as_array_of_tables_mut().ok_or_else(gone)?;
                if *index > aot.len() {
                    return Err(gone());
                }
                aot.insert(*index, table.clone());
                layout::renumber(doc, &order);
                Ok(Step::Remove {
                    array: array.clone(),
                    index: *index,
                })
            }
            Step::Remove { array, index } => {
                let order = layout::order(doc);
                let mut at = array.clone();
                at.push(Seg::Index(*index));
                let table = layout::table_mut(doc, &at).ok_or_else(gone)?.clone();
                let ranks = layout::subtree(&table)
                    .into_iter()
                    .map(|rel| {
                        let path: layout::Path = at.iter().cloned().chain(rel).collect();
                        order.iter().position(|p| *p == path).unwrap_or(order.len())
                    })
                    .collect();
                let (parent, key) = array.split_at(array.len() - 1);
                let Seg::Key(key) = &key[0] else { return Err(gone()) };
                let parent = layout::table_mut(doc, parent).ok_or_else(gone)?;
                let aot = parent
                    .get_mut(key)
                    .and_then(Item::as_array_of_tables_mut)
                    .ok_or_else(gone)?;
                aot.remove(*index);
                // An empty array writes nothing, but a later insert would find the key first.
                if aot.is_empty() {
                    parent.remove(key);
                }
                Ok(Step::Insert {
                    array: array.clone(),
                    index: *index,
                    table,
                    ranks,
                })
            }
            Step::Set {
                table,
                key,
                entry,
                index,
            } => {
                let t = layout::table_mut(doc, table).ok_or_else(gone)?;
                let old_index = t.iter().position(|(k, _)| k == key);
                let old = match old_index {
                    Some(_) => t.remove_entry(key),
                    None => None,
                };
                let at = old_index.unwrap_or(*index);
                if let Some((k, item)) = entry {
                    insert_at(t, at, k, item.clone());
                }
                Ok(Step::Set {
                    table: table.clone(),
                    key: key.clone(),
                    entry: old,
                    index: at,
                })
            }
        }
    }
}

/// Inserts an entry so that it is the `index`th key of `table` (toml_edit appends only: the
/// keys after it are taken out and put back with their formatting).
fn insert_at(table: &mut Table, index: usize, key: &Key, item: Item) {
    let tail: Vec<String> = table.iter().skip(index).map(|(k, _)| k.to_string()).collect();
    let tail: Vec<(Key, Item)> = tail.iter().filter_map(|k| table.remove_entry(k)).collect();
    table.insert_formatted(key, item);
    for (k, v) in tail {
        table.insert_formatted(&k, v);
    }
}

/// The `[[events]]` tables, if the file has any.
fn events(doc: &DocumentMut) -> Result<Option<&ArrayOfTables>, Refused> {
    match doc.get("events") {
        None => Ok(None),
        Some(Item::ArrayOfTables(a)) => Ok(Some(a)),
        Some(_) => Err(Refused::Layout(
            "the events are not written as [[events]] tables; tlx edits only those (as `tlx new` writes them)".into(),
        )),
    }
}

fn event_table(doc: &DocumentMut, index: usize) -> Option<&Table> {
    events(doc).ok()??.get(index)
}

fn items(event: &Table, part: Part) -> Option<&ArrayOfTables> {
    event.get(part.key())?.as_array_of_tables()
}

/// The index among the `[[events]]` tables of the event with this id.
fn find_event(doc: &DocumentMut, id: &str) -> Result<usize, Refused> {
    let events = events(doc)?;
    let ids = || {
        events
            .into_iter()
            .flat_map(|a| a.iter())
            .map(|t| t.get("id").and_then(Item::as_str))
    };
    ids().position(|i| i == Some(id)).ok_or_else(|| Refused::NoEvent {
        id: id.to_string(),
        suggestion: crate::located::did_you_mean(id, ids().flatten()).map(str::to_string),
    })
}

/// The array holding the target's table and its index there.
fn element(doc: &DocumentMut, target: &Target) -> Result<(layout::Path, usize), Refused> {
    let i = find_event(doc, target.event())?;
    let events = vec![Seg::Key("events".into())];
    match target {
        Target::Event(_) => Ok((events, i)),
        Target::Item { event, part, index } => {
            let count = event_table(doc, i)
                .and_then(|t| items(t, *part))
                .map_or(0, ArrayOfTables::len);
            if *index >= count {
                return Err(Refused::NoItem {
                    event: event.clone(),
                    part: *part,
                    index: *index,
                    count,
                });
            }
            let mut array = events;
            array.extend([Seg::Index(i), Seg::Key(part.key().into())]);
            Ok((array, *index))
        }
    }
}

fn check_fields<'a>(record: Record, fields: impl IntoIterator<Item = &'a &'static Field>) -> Result<(), Refused> {
    match fields.into_iter().find(|f| f.record != record) {
        Some(field) => Err(Refused::WrongField { field, record }),
        None => Ok(()),
    }
}

/// How a kind of table is written in this file, learned from one already there.
struct Style {
    /// What comes before its header: a blank line or none, and the indentation.
    before: String,
    /// The indentation of its keys.
    indent: String,
}

impl Style {
    /// The style of `like` (comments dropped), or `default` when there is none to copy.
    fn of(like: Option<&Table>, default: Style) -> Style {
        let Some(like) = like else { return default };
        let prefix = like.decor().prefix().and_then(|p| p.as_str()).unwrap_or("\n");
        let last_line = prefix.rsplit('\n').next().unwrap_or("");
        let indentation: String = last_line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        // The lines before the header's own: is one of them blank?
        let mut before = prefix.split('\n').rev().skip(1);
        let blank = before.any(|l| l.trim().is_empty());
        let indent = like
            .iter()
            .find_map(|(k, item)| item.is_value().then(|| like.key(k)).flatten())
            .and_then(|k| k.leaf_decor().prefix()?.as_str())
            .unwrap_or(&default.indent)
            .to_string();
        Style {
            before: if blank { format!("\n{indentation}") } else { indentation },
            indent,
        }
    }

    /// A new table of this style holding `values`.
    fn table(&self, values: &[(&'static Field, Input)]) -> Table {
        let mut table = Table::new();
        table.decor_mut().set_prefix(self.before.clone());
        for (field, input) in values {
            let key = Key::new(field.name).with_leaf_decor(Decor::new(self.indent.clone(), " "));
            table.insert_formatted(&key, Item::Value(value(field, input)));
        }
        table
    }
}

/// The text of an input, a list's entries joined as a list field's text is typed.
fn text_of(input: &Input) -> String {
    match input {
        Input::Text(t) => t.clone(),
        Input::List(l) => l.join(", "),
    }
}

/// The TOML value of a field's input, as the field's type asks; what is not of the type is
/// written as typed, for the loader to report.
fn value(field: &Field, input: &Input) -> Value {
    if field.many {
        let entries: Vec<String> = match input {
            Input::List(l) => l.clone(),
            Input::Text(t) => t
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        };
        return Value::Array(entries.iter().map(String::as_str).collect());
    }
    let text = text_of(input);
    match field.ty {
        Type::Integer | Type::Credibility => match text.trim().parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::from(text),
        },
        Type::Coordinate => match text.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => Value::from(x),
            _ => Value::from(text),
        },
        _ => Value::from(text),
    }
}

fn add_event(doc: &mut DocumentMut, values: &[(&'static Field, Input)]) -> Result<Step, Refused> {
    check_fields(Record::Event, values.iter().map(|(f, _)| f))?;
    let events = events(doc)?;
    let tables: Vec<&Table> = events.into_iter().flat_map(|a| a.iter()).collect();
    let date_of = |t: &Table| crate::model::Date::parse(t.get("date")?.as_str()?).ok();
    let dates: Option<Vec<_>> = tables.iter().map(|t| date_of(t)).collect();
    let new = values
        .iter()
        .find(|(f, _)| f.name == "date")
        .and_then(|(_, v)| crate::model::Date::parse(text_of(v).trim()).ok());
    let index = match (dates, new) {
        (Some(dates), Some(new)) if dates.windows(2).all(|w| w[0] <= w[1]) => dates.partition_point(|d| *d <= new),
        _ => tables.len(),
    };
    let like = tables.get(index.saturating_sub(1)).or(tables.get(index)).copied();
    let table = Style::of(
        like,
        Style {
            before: "\n".into(),
            indent: String::new(),
        },
    )
    .table(values);
    let events_path = vec![Seg::Key("events".into())];
    let order = layout::order(doc);
    let rank = if index > 0 {
        last_rank(&order, &[Seg::Key("events".into()), Seg::Index(index - 1)], |_| true) + 1
    } else if tables.is_empty() {
        order.len()
    } else {
        let first = [Seg::Key("events".into()), Seg::Index(0)];
        order
            .iter()
            .position(|p| layout::within(p, &first))
            .unwrap_or(order.len())
    };
    Ok(Step::Insert {
        array: events_path,
        index,
        table,
        ranks: vec![rank],
    })
}

/// The rank of the last table written within `root` for which `keep` holds (given the path
/// relative to `root`), or of `root` itself.
fn last_rank(order: &[layout::Path], root: &[Seg], keep: impl Fn(&[Seg]) -> bool) -> usize {
    order
        .iter()
        .enumerate()
        .filter(|(_, p)| layout::within(p, root) && (p.len() == root.len() || keep(&p[root.len()..])))
        .map(|(rank, _)| rank)
        .max()
        .unwrap_or(order.len().saturating_sub(1))
}

fn add_item(
    doc: &mut DocumentMut,
    event: &str,
    part: Part,
    values: &[(&'static Field, Input)],
) -> Result<Step, Refused> {
    check_fields(part.record(), values.iter().map(|(f, _)| f))?;
    let i = find_event(doc, event)?;
    let event_path = vec![Seg::Key("events".into()), Seg::Index(i)];
    let table = event_table(doc, i).ok_or_else(|| Refused::Layout("the event is no longer in the file".into()))?;
    if table.get(part.key()).is_some_and(|item| !item.is_array_of_tables()) {
        return Err(Refused::Layout(format!(
            "the {} of event \"{event}\" are not written as [[events.{}]] tables; tlx adds only those",
            part.key(),
            part.key()
        )));
    }
    let count = items(table, part).map_or(0, ArrayOfTables::len);
    let sibling = match count {
        0 => events(doc)?
            .into_iter()
            .flat_map(|a| a.iter())
            .find_map(|e| items(e, part)?.get(0)),
        n => items(table, part).and_then(|a| a.get(n - 1)),
    };
    let new = Style::of(
        sibling,
        Style {
            before: "\n  ".into(),
            indent: "  ".into(),
        },
    )
    .table(values);
    let order = layout::order(doc);
    let rank = last_rank(&order, &event_path, |rel| match rel {
        [Seg::Key(k), ..] => Part::of_key(k).map_or(0, Part::rank) <= part.rank(),
        _ => true,
    }) + 1;
    let mut array = event_path;
    array.push(Seg::Key(part.key().into()));
    Ok(Step::Insert {
        array,
        index: count,
        table: new,
        ranks: vec![rank],
    })
}

fn set(doc: &mut DocumentMut, target: &Target, field: &'static Field, input: Option<&Input>) -> Result<Step, Refused> {
    check_fields(target.record(), [&field])?;
    let (mut path, index) = element(doc, target)?;
    path.push(Seg::Index(index));
    let table =
        layout::table_mut(doc, &path).ok_or_else(|| Refused::Layout("the record is no longer in the file".into()))?;
    if table.get(field.name).is_some_and(|item| !item.is_value()) {
        return Err(Refused::Layout(format!(
            "{} is written as a table here; edit it in the file",
            field.name
        )));
    }
    let entry = input.map(|input| {
        let mut new = value(field, input);
        match table.get_key_value(field.name) {
            Some((key, old)) => {
                if let Some(old) = old.as_value() {
                    *new.decor_mut() = old.decor().clone();
                }
                (key.clone(), Item::Value(new))
            }
            None => {
                let indent = table
                    .iter()
                    .filter(|(_, item)| item.is_value())
                    .find_map(|(k, _)| table.key(k)?.leaf_decor().prefix()?.as_str().map(str::to_string))
                    .unwrap_or_default();
                (
                    Key::new(field.name).with_leaf_decor(Decor::new(indent, " ")),
                    Item::Value(new),
                )
            }
        }
    });
    let at = table.len();
    Ok(Step::Set {
        table: path,
        key: field.name.to_string(),
        entry,
        index: at,
    })
}

/// An id for a new event titled `title` that no event in `doc` has: the title's words in
/// lower case joined by `-` (at most 48 characters), numbered `-2`, `-3`... when taken.
pub fn new_event_id(doc: &DocumentMut, title: &str) -> String {
    let mut base = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if base.len() + word.len() >= 48 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.extend(word.chars().flat_map(char::to_lowercase));
    }
    if base.is_empty() {
        base.push_str("event");
    }
    let taken = |id: &str| find_event(doc, id).is_ok();
    let mut id = base.clone();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}
