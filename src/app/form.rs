//! A form over one record of a timeline file: an event to add, a claim, source or denial to add
//! to an event, or any of them to change. Its fields are the record's, from the field table; it
//! is checked as it is typed by loading what it would write, so its messages are `tlx check`'s.

use toml_edit::DocumentMut;

use super::editor::LineEditor;
use crate::edit::{Edit, Input, Part, Target};
use crate::load::{Document, Options};
use crate::model::vocabulary::{Field, Record, Type};
use crate::model::{Event, Timeline};

/// What a form makes once saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Making {
    /// A new event.
    Event,
    /// A new claim, source or denial of the event with this id (in its own file).
    Item {
        /// The event's id in its file.
        event: String,
        /// Which kind of record.
        part: Part,
    },
    /// Changes to a record already written.
    Change(Target),
}

/// One field of the form: the field, what is typed in it, and what it held when the form opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The field, from the field table.
    pub field: &'static Field,
    /// What is typed.
    pub input: LineEditor,
    /// The text it opened with.
    pub was: String,
}

/// A form being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What it makes.
    pub making: Making,
    /// The opened file the record is (or goes) in.
    pub part: usize,
    /// Its fields, in the field table's order.
    pub fields: Vec<FormField>,
    /// The field being typed in.
    pub at: usize,
    /// What `tlx check` says of what the form would write: the field each finding is about (if
    /// it names one) and its message with the fix.
    pub problems: Vec<(Option<&'static str>, String)>,
    /// Esc was pressed on a changed form: a second Esc discards it.
    pub discarding: bool,
    /// Tab's round of completions: the candidates for what was typed, and the one put in.
    pub completing: Option<(Vec<String>, usize)>,
}

/// The codes of findings about links to records outside the form (an actor, a reference, a
/// claim of the event): the form is checked on its own, so these wait for the save, which
/// checks the whole file.
const ELSEWHERE: &[&str] = &[
    "unknown-actor",
    "unknown-claim",
    "unknown-event",
    "unknown-reference",
    "unknown-source",
    "out-of-order",
    "duplicate-id",
];

impl Form {
    /// A form for `making`, its fields holding `values` (by field name) where given.
    pub fn new(making: Making, part: usize, values: &[(&str, String)]) -> Form {
        let record = match &making {
            Making::Event => Record::Event,
            Making::Item { part, .. } => part.record(),
            Making::Change(target) => target.record(),
        };
        let fields = record
            .fields()
            .map(|field| {
                let was = values
                    .iter()
                    .find(|(name, _)| *name == field.name)
                    .map_or(String::new(), |(_, v)| v.clone());
                FormField {
                    field,
                    input: LineEditor::new(was.clone()),
                    was,
                }
            })
            .collect();
        let mut form = Form {
            making,
            part,
            fields,
            at: 0,
            problems: Vec::new(),
            discarding: false,
            completing: None,
        };
        form.check();
        form
    }

    /// A form changing `target`, holding what `record` (its serialized fields) has now.
    pub fn change(target: Target, part: usize, record: &serde_json::Value) -> Form {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
            other => text_of(other),
        };
        let values: Vec<(&str, String)> = target
            .record()
            .fields()
            .filter_map(|f| Some((f.name, text(record.get(f.name)?))))
            .collect();
        Form::new(Making::Change(target), part, &values)
    }

    /// The record's kind.
    pub fn record(&self) -> Record {
        self.fields[0].field.record
    }

    /// The field being typed in.
    pub fn current(&mut self) -> &mut FormField {
        &mut self.fields[self.at]
    }

    /// True when a field differs from what it opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.input.text() != f.was)
    }

    /// The form's title: what saving it does.
    pub fn title(&self) -> String {
        match &self.making {
            Making::Event => "new event".to_string(),
            Making::Item { event, part } => format!("new {} of \"{event}\"", part.record().name()),
            Making::Change(Target::Event(id)) => format!("event \"{id}\""),
            Making::Change(Target::Item { event, part, index }) => {
                format!("{} {} of \"{event}\"", part.record().name(), index + 1)
            }
        }
    }

    /// The fields filled in, as the edit layer takes them.
    fn values(&self) -> Vec<(&'static Field, Input)> {
        self.fields
            .iter()
            .filter(|f| !f.input.text().trim().is_empty())
            .map(|f| (f.field, Input::Text(f.input.text().trim().to_string())))
            .collect()
    }

    /// The edits that save the form (none when nothing changed); `ids` are the event ids in its
    /// file, so a new event without one is given one that is free.
    pub fn edits(&self, ids: &[&str]) -> Vec<Edit> {
        match &self.making {
            Making::Event => {
                let mut values = self.values();
                if !values.iter().any(|(f, _)| f.name == "id") {
                    let title = self.text("title");
                    let id = free_id(&slug(&title), ids);
                    values.insert(0, (crate::model::vocabulary::get(Record::Event, "id"), Input::Text(id)));
                }
                vec![Edit::AddEvent { values }]
            }
            Making::Item { event, part } => vec![Edit::Add {
                event: event.clone(),
                part: *part,
                values: self.values(),
            }],
            Making::Change(target) => self
                .fields
                .iter()
                .filter(|f| f.input.text() != f.was)
                .map(|f| {
                    let text = f.input.text().trim();
                    Edit::Set {
                        target: target.clone(),
                        field: f.field,
                        value: (!text.is_empty()).then(|| Input::Text(text.to_string())),
                    }
                })
                .collect(),
        }
    }

    /// What is typed in the field `name`.
    fn text(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.field.name == name)
            .map_or(String::new(), |f| f.input.text().trim().to_string())
    }

    /// Works out [`Form::problems`] again: the form's record written alone in a small file and
    /// loaded, so each finding is `tlx check`'s, with its fix.
    pub fn check(&mut self) {
        let mut doc: DocumentMut = SCRATCH.parse().expect("the scratch file parses");
        let mut values = self.values();
        // A new event's id, left empty, is made from its title when saved.
        if self.making == Making::Event && !values.iter().any(|(f, _)| f.name == "id") {
            let id = crate::model::vocabulary::get(Record::Event, "id");
            values.insert(0, (id, Input::Text("new-event".into())));
        }
        let edit = match &self.making {
            Making::Event | Making::Change(Target::Event(_)) => Edit::AddEvent { values },
            Making::Item { part, .. } | Making::Change(Target::Item { part, .. }) => Edit::Add {
                event: "form".into(),
                part: *part,
                values,
            },
        };
        let mut problems = Vec::new();
        if let Err(refused) = edit.apply(&mut doc) {
            problems.push((None, refused.to_string()));
        }
        let text = doc.to_string();
        let loaded = Document {
            name: "form".into(),
            path: None,
            text: text.clone().into(),
        }
        .load(Options::default());
        for d in loaded.diagnostics {
            // Warnings (a source with no quote yet) do not hold a save back; `tlx check` tells them.
            if !d.is_error() || ELSEWHERE.contains(&d.code) {
                continue;
            }
            let field = d.span.as_ref().and_then(|s| key_at(&text, s.start));
            let field = field.and_then(|k| self.fields.iter().find(|f| f.field.name == k).map(|f| f.field.name));
            let hint = d.hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default();
            problems.push((field, format!("{}{hint}", d.message)));
        }
        self.problems = problems;
    }

    /// The problem of the field `name`, if it has one.
    pub fn problem(&self, name: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|(f, _)| *f == Some(name))
            .map(|(_, m)| m.as_str())
    }
}

/// The file a form's record is written into to be checked: an event to hold a claim, source or
/// denial, with a date and a title (an event's form adds its own).
const SCRATCH: &str = "[timeline]\ntitle = \"form\"\n\n[[events]]\nid = \"form\"\ndate = \"2000\"\ntitle = \"form\"\n";

/// The key written on the line of `offset`, if that line is `key = ...`.
fn key_at(text: &str, offset: usize) -> Option<&str> {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let key = line.split('=').next()?.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An id made of a title's words: lower case letters and digits joined by dashes.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "event".into()
    } else {
        words.join("-")
    }
}

/// `id`, or `id-2`, `id-3`... whichever is not among `ids`.
fn free_id(id: &str, ids: &[&str]) -> String {
    (1..)
        .map(|n| if n == 1 { id.to_string() } else { format!("{id}-{n}") })
        .find(|candidate| !ids.contains(&candidate.as_str()))
        .unwrap_or_default()
}

/// What Tab offers in a field: the values of that kind already in the timeline (outlets,
/// deniers, actors, tags, reference ids, the event's claim ids, the closed vocabularies).
pub fn candidates(field: &Field, timeline: &Timeline, event: Option<&Event>) -> Vec<String> {
    let mut found: Vec<String> = match (field.record, field.name, field.ty) {
        (_, _, Type::Stance) => ["reports", "corroborates", "confirms"].map(String::from).to_vec(),
        (_, _, Type::Rating) => ["false", "mostly-false", "mixed", "mostly-true", "true"]
            .map(String::from)
            .to_vec(),
        (_, _, Type::Reliability) => ["A", "B", "C", "D", "E", "F"].map(String::from).to_vec(),
        (_, _, Type::Credibility) => ["1", "2", "3", "4", "5", "6"].map(String::from).to_vec(),
        (Record::Source, "outlet" | "citing", _) | (Record::Denial, "by", _) => timeline
            .events
            .iter()
            .flat_map(|e| {
                e.sources
                    .iter()
                    .flat_map(|s| std::iter::once(s.outlet()).chain(s.citing()))
                    .chain(e.denials.iter().map(|d| d.by.as_str()))
                    .map(|name| name.to_string())
            })
            .chain(timeline.actors.values().map(|a| a.name.clone()))
            .collect(),
        (Record::Event, "actors", _) => timeline
            .actors
            .keys()
            .cloned()
            .chain(
                timeline
                    .events
                    .iter()
                    .flat_map(|e| e.actors.iter().map(|a| a.to_string())),
            )
            .collect(),
        (Record::Event, "tags", _) => timeline
            .events
            .iter()
            .flat_map(|e| e.tags.iter().map(|t| t.to_string()))
            .collect(),
        (Record::Event, "related", _) => timeline.events.iter().map(|e| e.id.to_string()).collect(),
        (_, "via" | "derived_from", _) => timeline.references.keys().cloned().collect(),
        (_, "claims", _) => event.map_or(Vec::new(), |e| e.more.claims.iter().map(|c| c.id.clone()).collect()),
        _ => Vec::new(),
    };
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_form() -> Form {
        Form::new(
            Making::Item {
                event: "e".into(),
                part: Part::Source,
            },
            0,
            &[],
        )
    }

    fn type_in(form: &mut Form, name: &str, text: &str) {
        form.at = form.fields.iter().position(|f| f.field.name == name).unwrap();
        form.current().input.insert(text);
        form.check();
    }

    #[test]
    fn a_source_form_has_the_source_fields_and_asks_for_its_outlet() {
        let form = source_form();
        let names: Vec<_> = form.fields.iter().map(|f| f.field.name).collect();
        let table: Vec<_> = Record::Source.fields().map(|f| f.name).collect();
        assert_eq!(names, table);
        assert!(form.problem("outlet").is_some() || form.problems.iter().any(|(_, m)| m.contains("outlet")));
    }

    #[test]
    fn a_bad_date_is_shown_at_once_with_the_exact_fix_tlx_check_gives() {
        let mut form = source_form();
        type_in(&mut form, "outlet", "Reuters");
        type_in(&mut form, "date", "24 July 2015");
        let problem = form.problem("date").expect("the date is refused");
        assert!(problem.starts_with("invalid date \"24 July 2015\""), "{problem}");
        assert!(problem.contains("2015-07-24"), "the fix: {problem}");
        form.current().input = LineEditor::new("2015-07-24");
        form.check();
        assert_eq!(form.problems, [], "a good source has nothing to say");
    }

    #[test]
    fn a_bad_stance_and_grade_are_refused_with_the_words_to_write() {
        let mut form = source_form();
        type_in(&mut form, "outlet", "Reuters");
        type_in(&mut form, "stance", "agrees");
        assert!(form.problem("stance").unwrap().contains("corroborates"));
        type_in(&mut form, "reliability", "Q");
        assert!(form.problem("reliability").unwrap().contains("Admiralty"));
    }

    #[test]
    fn a_new_event_without_an_id_is_given_one_from_its_title_that_is_free() {
        let mut form = Form::new(Making::Event, 0, &[]);
        type_in(&mut form, "date", "2015-07-24");
        type_in(&mut form, "title", "Soleimani in Moscow!");
        assert_eq!(form.problems, []);
        let edits = form.edits(&["soleimani-in-moscow"]);
        let Edit::AddEvent { values } = &edits[0] else {
            panic!("{edits:?}")
        };
        assert_eq!(values[0].0.name, "id");
        assert_eq!(values[0].1, Input::Text("soleimani-in-moscow-2".into()));
    }

    #[test]
    fn a_change_form_sets_only_the_fields_changed_and_removes_emptied_ones() {
        let target = Target::Item {
            event: "e".into(),
            part: Part::Source,
            index: 0,
        };
        let record = serde_json::json!({"outlet": "Fox", "quote": "old", "claims": ["a", "b"]});
        let mut form = Form::change(target.clone(), 0, &record);
        assert_eq!(form.text("claims"), "a, b");
        assert!(!form.changed());
        form.at = form.fields.iter().position(|f| f.field.name == "quote").unwrap();
        form.current().input = LineEditor::new("");
        assert!(form.changed());
        let quote = crate::model::vocabulary::get(Record::Source, "quote");
        assert_eq!(
            form.edits(&[]),
            [Edit::Set {
                target,
                field: quote,
                value: None
            }]
        );
    }
}
