//! `tlx add`, `tlx add-source`, `tlx add-denial`, `tlx add-claim`: one record added to a timeline
//! file by [`crate::edit`], checked as `tlx check` checks it, written atomically (or shown as a
//! diff with `--dry-run`).

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{FINDINGS, UNREADABLE};
use crate::cli::{AddTo, ClaimArgs, DenialArgs, EventArgs, SourceArgs};
use crate::edit::file::{Editing, SaveError};
use crate::edit::{Edit, Input, Part, Refused};
use crate::model::vocabulary::{Field, Record};
use crate::text::line as printable;

/// What to add.
pub enum What<'a> {
    /// An event.
    Event(&'a EventArgs),
    /// A source of the event with this id.
    Source(&'a str, &'a SourceArgs),
    /// A denial of the event with this id.
    Denial(&'a str, &'a DenialArgs),
    /// A claim of the event with this id.
    Claim(&'a str, &'a ClaimArgs),
}

/// Adds a claim, source or denial where `to` says.
pub fn to(to: &AddTo, what: What<'_>, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    run(&to.file, what, to.dry_run, max_size, out)
}

/// Adds the record to `file`, or prints the change as a diff on `out` when `dry_run`.
pub fn run(file: &Path, what: What<'_>, dry_run: bool, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let name = printable(&file.display().to_string()).into_owned();
    let mut editing = match Editing::open(file, max_size) {
        Ok(e) => e,
        Err(e) => return Ok(super::report(e)),
    };
    let edit = match edit(&editing, what, &mut io::stdin()) {
        Ok(edit) => edit,
        Err(e) => {
            note!("tlx: {e}");
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    if let Err(refused) = editing.apply(&edit) {
        match refused {
            Refused::Invalid(errors) => {
                note!("{}", errors.trim_end());
                note!(
                    "tlx: nothing was written to {name}: the addition would give it the errors above (lines as in the file with it added; see --dry-run)"
                );
            }
            other => note!("tlx: {name}: {other}; nothing was written"),
        }
        return Ok(ExitCode::from(FINDINGS));
    }
    if dry_run {
        out.write_all(editing.diff().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    match editing.save() {
        Ok(saved) => {
            let what = describe(&edit, &editing);
            let merged = if saved.merged {
                " (merged with another program's save of it)"
            } else {
                ""
            };
            writeln!(out, "{name}: added {what}{merged}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            note!("tlx: {}", printable(&e.to_string()));
            Ok(ExitCode::from(match e {
                SaveError::Unreadable { .. } | SaveError::Write { .. } => UNREADABLE,
                SaveError::Conflict { .. } | SaveError::Invalid { .. } => FINDINGS,
            }))
        }
    }
}

/// "source 3 of event \"moscow-visit\"".
fn describe(edit: &Edit, editing: &Editing) -> String {
    match edit.target(editing.document()) {
        Some(crate::edit::Target::Event(id)) => format!("event \"{}\"", printable(&id)),
        Some(crate::edit::Target::Item { event, part, index }) => format!(
            "{} {} of event \"{}\"",
            part.record().name(),
            index + 1,
            printable(&event)
        ),
        None => "the record".into(),
    }
}

/// The edit the flags ask for; `-` as a quote is read from `stdin`.
fn edit(editing: &Editing, what: What<'_>, stdin: &mut dyn Read) -> io::Result<Edit> {
    Ok(match what {
        What::Event(a) => {
            let id = match &a.id {
                Some(id) => id.clone(),
                None => crate::edit::new_event_id(editing.document(), &a.title),
            };
            Edit::AddEvent {
                values: values(
                    Record::Event,
                    &[
                        ("id", Some(&id)),
                        ("date", Some(&a.date)),
                        ("title", Some(&a.title)),
                        ("summary", a.summary.as_ref()),
                        ("tags", a.tags.as_ref()),
                        ("actors", a.actors.as_ref()),
                        ("related", a.related.as_ref()),
                        ("notes", a.notes.as_ref()),
                    ],
                ),
            }
        }
        What::Source(event, a) => {
            let quote = quote(a.quote.as_ref(), stdin)?;
            Edit::Add {
                event: event.to_string(),
                part: Part::Source,
                values: values(
                    Record::Source,
                    &[
                        ("outlet", Some(&a.outlet)),
                        ("citing", a.citing.as_ref()),
                        ("stance", a.stance.as_ref()),
                        ("date", a.date.as_ref()),
                        ("dated", a.dated.as_ref()),
                        ("via", a.via.as_ref()),
                        ("quote", quote.as_ref()),
                        ("url", a.url.as_ref()),
                        ("derived_from", a.derived_from.as_ref()),
                        ("reliability", a.reliability.as_ref()),
                        ("credibility", a.credibility.as_ref()),
                        ("claims", a.claims.as_ref()),
                    ],
                ),
            }
        }
        What::Denial(event, a) => {
            let quote = quote(a.quote.as_ref(), stdin)?;
            Edit::Add {
                event: event.to_string(),
                part: Part::Denial,
                values: values(
                    Record::Denial,
                    &[
                        ("by", Some(&a.by)),
                        ("date", a.date.as_ref()),
                        ("via", a.via.as_ref()),
                        ("quote", quote.as_ref()),
                        ("url", a.url.as_ref()),
                        ("claims", a.claims.as_ref()),
                    ],
                ),
            }
        }
        What::Claim(event, a) => Edit::Add {
            event: event.to_string(),
            part: Part::Claim,
            values: values(
                Record::Claim,
                &[
                    ("id", Some(&a.id)),
                    ("text", Some(&a.text)),
                    ("verdict", a.verdict.as_ref()),
                    ("rating", a.rating.as_ref()),
                ],
            ),
        },
    })
}

/// The quote as given, or read from `stdin` for `-` (without the line end a pipe adds).
fn quote(given: Option<&String>, stdin: &mut dyn Read) -> io::Result<Option<String>> {
    match given.map(String::as_str) {
        Some("-") => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot read the quote from standard input: {e}")))?;
            let end = text.trim_end_matches(['\n', '\r']).len();
            text.truncate(end);
            Ok(Some(text))
        }
        _ => Ok(given.cloned()),
    }
}

/// The flags given, as fields of the table in its order (each flag is named as its field).
fn values(record: Record, given: &[(&str, Option<&String>)]) -> Vec<(&'static Field, Input)> {
    record
        .fields()
        .filter_map(|f| {
            let (_, value) = given.iter().find(|(name, _)| *name == f.name)?;
            Some((f, Input::Text((*value)?.clone())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_of_dash_is_read_from_standard_input_without_its_line_end() {
        let dash = "-".to_string();
        let mut stdin: &[u8] = b"He said \"no\".\n";
        assert_eq!(
            quote(Some(&dash), &mut stdin).unwrap().as_deref(),
            Some("He said \"no\".")
        );
        let given = "text".to_string();
        assert_eq!(quote(Some(&given), &mut &b""[..]).unwrap().as_deref(), Some("text"));
    }

    /// Every field of each record has its flag: the flags given all, the edit holds every field.
    #[test]
    fn every_field_of_each_record_has_its_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "[timeline]\ntitle = \"T\"\n").unwrap();
        let editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        let x = || Some("x".to_string());
        let event = EventArgs {
            id: x(),
            date: "2015".into(),
            title: "t".into(),
            summary: x(),
            tags: x(),
            actors: x(),
            related: x(),
            notes: x(),
        };
        let source = SourceArgs {
            outlet: "o".into(),
            citing: x(),
            stance: x(),
            date: x(),
            dated: x(),
            via: x(),
            quote: x(),
            url: x(),
            derived_from: x(),
            reliability: x(),
            credibility: x(),
            claims: x(),
        };
        let denial = DenialArgs {
            by: "b".into(),
            date: x(),
            via: x(),
            quote: x(),
            url: x(),
            claims: x(),
        };
        let claim = ClaimArgs {
            id: "c".into(),
            text: "t".into(),
            verdict: x(),
            rating: x(),
        };
        for (what, record) in [
            (What::Event(&event), Record::Event),
            (What::Source("e", &source), Record::Source),
            (What::Denial("e", &denial), Record::Denial),
            (What::Claim("e", &claim), Record::Claim),
        ] {
            let (Edit::AddEvent { values } | Edit::Add { values, .. }) = edit(&editing, what, &mut &b""[..]).unwrap()
            else {
                panic!("not an addition")
            };
            let given: Vec<&str> = values.iter().map(|(f, _)| f.name).collect();
            let all: Vec<&str> = record.fields().map(|f| f.name).collect();
            assert_eq!(given, all, "{}", record.name());
        }
    }
}
