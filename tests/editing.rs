//! Properties of editing a timeline file in place (README "Editing"): for files written in many
//! ways (comments, blank lines or none, indented or not, either quoting, sources before or after
//! denials, tables after the events), any sequence of adds, field edits and deletes, undone in
//! reverse, gives the file back byte for byte; and one edit changes only the lines of the table
//! it edits.

use proptest::prelude::*;
use tlx::edit::{Edit, Input, Part, Target};
use tlx::model::vocabulary::{Field, Record};
use toml_edit::DocumentMut;

/// How one table is written.
#[derive(Debug, Clone)]
struct Style {
    indent: &'static str,
    blank_before: bool,
    comment_before: bool,
    equals: &'static str,
    literal: bool,
    trailing_comment: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop::sample::select(vec!["", "  ", "    ", "\t"]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![" = ", "=", "  =   "]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(indent, blank_before, comment_before, equals, literal, trailing_comment)| Style {
                indent,
                blank_before,
                comment_before,
                equals,
                literal,
                trailing_comment,
            },
        )
}

/// An event: its day of 2015 (as month, day), and its claims (0), sources (1), denials (2).
#[derive(Debug, Clone)]
struct EventSpec {
    month: u8,
    day: u8,
    style: Style,
    parts: Vec<(u8, Style)>,
}

#[derive(Debug, Clone)]
struct FileSpec {
    header_comment: bool,
    events: Vec<EventSpec>,
    actors_after: bool,
    end_comment: bool,
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    let event = (
        1u8..=12,
        1u8..=28,
        style(),
        prop::collection::vec((0u8..3, style()), 0..5),
    )
        .prop_map(|(month, day, style, parts)| EventSpec {
            month,
            day,
            style,
            parts,
        });
    (
        any::<bool>(),
        prop::collection::vec(event, 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(header_comment, events, actors_after, end_comment)| FileSpec {
            header_comment,
            events,
            actors_after,
            end_comment,
        })
}

fn quoted(s: &str, literal: bool) -> String {
    if literal { format!("'{s}'") } else { format!("\"{s}\"") }
}

/// Writes a table: its header and fields (the first field is its unique marker).
fn table(out: &mut String, header: &str, fields: &[(&str, String)], style: &Style, n: usize) {
    if style.blank_before {
        out.push('\n');
    }
    if style.comment_before {
        out.push_str(&format!("{}# about table {n}\n", style.indent));
    }
    out.push_str(&format!("{}{header}\n", style.indent));
    for (i, (key, value)) in fields.iter().enumerate() {
        let comment = if style.trailing_comment && i == 0 {
            "  # marker"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}{key}{}{}{comment}\n",
            style.indent,
            style.equals,
            quoted(value, style.literal)
        ));
    }
}

fn write(spec: &FileSpec) -> String {
    let mut out = String::new();
    if spec.header_comment {
        out.push_str("# A timeline written by hand.\n\n");
    }
    out.push_str("[timeline]\ntitle = \"Edited\"\n");
    let plain = Style {
        indent: "",
        blank_before: true,
        comment_before: false,
        equals: " = ",
        literal: false,
        trailing_comment: false,
    };
    let actors = |out: &mut String| table(out, "[actors.k]", &[("name", "The Kremlin".into())], &plain, 0);
    if !spec.actors_after {
        actors(&mut out);
    }
    let mut n = 0;
    for (e, event) in spec.events.iter().enumerate() {
        n += 1;
        let date = format!("2015-{:02}-{:02}", event.month, event.day);
        table(
            &mut out,
            "[[events]]",
            &[("id", format!("e{e}")), ("date", date), ("title", format!("Event {e}"))],
            &event.style,
            n,
        );
        for (p, (kind, style)) in event.parts.iter().enumerate() {
            n += 1;
            let (header, fields) = match kind {
                0 => (
                    "[[events.claims]]",
                    vec![("id", format!("c{e}x{p}")), ("text", "said".into())],
                ),
                1 => (
                    "[[events.sources]]",
                    vec![("outlet", format!("o{e}x{p}")), ("quote", "q".into())],
                ),
                _ => ("[[events.denials]]", vec![("by", format!("d{e}x{p}"))]),
            };
            table(&mut out, header, &fields, style, n);
        }
    }
    if spec.actors_after {
        actors(&mut out);
    }
    if spec.end_comment {
        out.push_str("\n# the end\n");
    }
    out
}

/// One edit, its targets given as numbers reduced modulo what the document has.
#[derive(Debug, Clone)]
enum Op {
    AddEvent {
        month: u8,
        day: u8,
    },
    Add {
        event: usize,
        part: u8,
    },
    Set {
        target: (usize, u8, usize),
        field: usize,
        value: Option<String>,
    },
    Delete {
        target: (usize, u8, usize),
    },
}

fn op() -> impl Strategy<Value = Op> {
    let target = (any::<usize>(), 0u8..4, any::<usize>());
    let value = prop::option::of(prop::sample::select(vec![
        "plain".to_string(),
        "with \"quotes\" and 'apostrophes'".into(),
        "back\\slash".into(),
        "two\nlines".into(),
        "ünïcödé ✓".into(),
        "3".into(),
        "a, b".into(),
    ]));
    prop_oneof![
        (1u8..=12, 1u8..=28).prop_map(|(month, day)| Op::AddEvent { month, day }),
        (any::<usize>(), 0u8..3).prop_map(|(event, part)| Op::Add { event, part }),
        (target.clone(), any::<usize>(), value).prop_map(|(target, field, value)| Op::Set { target, field, value }),
        target.prop_map(|target| Op::Delete { target }),
    ]
}

fn part(n: u8) -> Part {
    Part::ALL[n as usize % 3]
}

fn event_ids(doc: &DocumentMut) -> Vec<String> {
    doc.get("events")
        .and_then(|e| e.as_array_of_tables())
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("id")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn count(doc: &DocumentMut, event: usize, part: Part) -> usize {
    doc["events"]
        .as_array_of_tables()
        .and_then(|a| a.get(event))
        .and_then(|t| t.get(part.key()))
        .and_then(|i| i.as_array_of_tables())
        .map_or(0, |a| a.len())
}

/// The target `(event, kind, index)` names in `doc` (kind 3 is the event itself), if any.
fn target(doc: &DocumentMut, (event, kind, index): (usize, u8, usize)) -> Option<Target> {
    let ids = event_ids(doc);
    let e = event % ids.len().max(1);
    let id = ids.get(e)?.clone();
    if kind == 3 {
        return Some(Target::Event(id));
    }
    let part = part(kind);
    let n = count(doc, e, part);
    (n > 0).then(|| Target::Item {
        event: id,
        part,
        index: index % n,
    })
}

fn fields(record: Record) -> Vec<&'static Field> {
    record.fields().collect()
}

fn text(s: &str) -> Input {
    Input::Text(s.to_string())
}

/// The edit `op` stands for in `doc`, if it names something there; `n` numbers new records.
fn edit(doc: &DocumentMut, op: &Op, n: usize) -> Option<Edit> {
    let get = tlx::model::vocabulary::get;
    Some(match op {
        Op::AddEvent { month, day } => Edit::AddEvent {
            values: vec![
                (get(Record::Event, "id"), text(&format!("new{n}"))),
                (get(Record::Event, "date"), text(&format!("2015-{month:02}-{day:02}"))),
                (get(Record::Event, "title"), text("New")),
            ],
        },
        Op::Add { event, part: p } => {
            let ids = event_ids(doc);
            let id = ids.get(event % ids.len().max(1))?.clone();
            let part = part(*p);
            let first = fields(part.record())[0];
            Edit::Add {
                event: id,
                part,
                values: vec![(first, text(&format!("new{n}")))],
            }
        }
        Op::Set {
            target: t,
            field,
            value,
        } => {
            let target = target(doc, *t)?;
            // An event's id is what names it: edits to ids are left to the unit tests.
            let all: Vec<_> = fields(target.record())
                .into_iter()
                .filter(|f| !(f.record == Record::Event && f.name == "id"))
                .collect();
            Edit::Set {
                field: all[field % all.len()],
                target,
                value: value.as_deref().map(text),
            }
        }
        Op::Delete { target: t } => Edit::Delete {
            target: target(doc, *t)?,
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn edits_undone_in_reverse_give_the_file_back_byte_for_byte(spec in file_spec(), ops in prop::collection::vec(op(), 1..8)) {
        let original = write(&spec);
        let mut doc: DocumentMut = original.parse().unwrap();
        let mut undos = Vec::new();
        let mut texts = vec![original.clone()];
        for (n, op) in ops.iter().enumerate() {
            let Some(edit) = edit(&doc, op, n) else { continue };
            let undo = edit.apply(&mut doc).unwrap();
            // Whatever was edited, the result is TOML that reads back as written.
            let text = doc.to_string();
            prop_assert_eq!(text.parse::<DocumentMut>().unwrap().to_string(), text.clone());
            undos.push(undo);
            texts.push(text);
        }
        let mut redos = Vec::new();
        while let Some(undo) = undos.pop() {
            redos.push(undo.apply(&mut doc).unwrap());
            texts.pop();
            prop_assert_eq!(&doc.to_string(), texts.last().unwrap());
        }
        prop_assert_eq!(doc.to_string(), original);
        // And redone, each edit gives the same text again.
        let mut expected = vec![];
        let mut replay: DocumentMut = write(&spec).parse().unwrap();
        for (n, op) in ops.iter().enumerate() {
            if let Some(edit) = edit(&replay, op, n) {
                edit.apply(&mut replay).unwrap();
                expected.push(replay.to_string());
            }
        }
        for (redo, text) in redos.iter().rev().zip(&expected) {
            redo.apply(&mut doc).unwrap();
            prop_assert_eq!(&doc.to_string(), text);
        }
    }

    #[test]
    fn one_edit_changes_only_the_lines_of_its_table(spec in file_spec(), op in op()) {
        let original = write(&spec);
        let mut doc: DocumentMut = original.parse().unwrap();
        let Some(edit) = edit(&doc, &op, 0) else { return Ok(()) };
        edit.apply(&mut doc).unwrap();
        let after = doc.to_string();
        let old: Vec<&str> = original.split_inclusive('\n').collect();
        let new: Vec<&str> = after.split_inclusive('\n').collect();
        // The lines that differ: after the longest common start, before the longest common end.
        let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let same_end = old[same_start..].iter().rev().zip(new[same_start..].iter().rev()).take_while(|(a, b)| a == b).count();
        let (removed, added) = (same_start..old.len() - same_end, same_start..new.len() - same_end);
        let is_header = |l: &str| l.trim_start().starts_with('[');
        match &edit {
            Edit::AddEvent { .. } | Edit::Add { .. } => {
                // Lines inserted in one place, none changed: one header and the new fields.
                prop_assert!(removed.is_empty(), "{:?} removed\n{}", removed, after);
                let inserted = &new[added];
                prop_assert_eq!(inserted.iter().filter(|l| is_header(l)).count(), 1, "{:?}", inserted);
                prop_assert!(inserted.iter().any(|l| l.contains("new0")), "{:?}", inserted);
            }
            Edit::Set { target, .. } | Edit::Delete { target } => {
                // The target's table: from its header to the next header, its lines found by
                // its marker (the first field, unique in the file).
                let marker = match target {
                    Target::Event(id) => id.clone(),
                    Target::Item { event, part, index } => {
                        let e: usize = event[1..].parse().unwrap();
                        let nth = spec.events[e].parts.iter().enumerate().filter(|(_, (k, _))| part_of(*k) == *part).nth(*index).unwrap().0;
                        let prefix = ["c", "o", "d"][Part::ALL.iter().position(|p| p == part).unwrap()];
                        format!("{prefix}{e}x{nth}")
                    }
                };
                let marks = |l: &str| l.contains(&format!("{marker}\"")) || l.contains(&format!("{marker}'"));
                let at = old.iter().position(|l| marks(l) && !is_header(l)).unwrap();
                let header = (0..at).rev().find(|i| is_header(old[*i])).unwrap();
                let before = (0..header).rev().find(|i| is_header(old[*i])).unwrap_or(0);
                // An event's table runs on through its claims, sources and denials.
                let ends = |l: &str| is_header(l) && !(matches!(target, Target::Event(_)) && l.contains("[[events."));
                let next = (at..old.len()).find(|i| ends(old[*i])).unwrap_or(old.len());
                // The blank lines and comments above the next header are that table's, as are
                // those at the end of the file.
                let mut end = next;
                while end > at + 1 && (old[end - 1].trim().is_empty() || old[end - 1].trim_start().starts_with('#')) {
                    end -= 1;
                }
                if matches!(edit, Edit::Set { .. }) {
                    // (Removing a field that is not there changes nothing.)
                    prop_assert!((removed.is_empty() && added.is_empty()) || removed.start > header && removed.end <= next && added.start > header, "{:?} outside {}..{}\n{}", removed, header, next, after);
                } else {
                    // The table with what is written above it (and an event's own tables) taken
                    // out whole, nothing of the tables around it.
                    let whole = (before + 1..=header).any(|a| (end..=next).any(|b| {
                        let rest: Vec<&str> = old[..a].iter().chain(&old[b..]).copied().collect();
                        rest == new
                    }));
                    prop_assert!(whole, "not lines {}..{} of the file taken out:\n{}", header, end, after);
                }
            }
        }
    }
}

fn part_of(kind: u8) -> Part {
    part(kind)
}
