//! Bookmarks and notes: the researcher's own marks on events, kept in a sidecar file beside the
//! timeline (`FILE.tlx-notes.toml`), never inside the timeline itself.
//!
//! Entries are keyed by event id. An entry whose event has gone from the timeline is kept, with
//! the title it had, so a renamed or deleted event never takes the researcher's note with it.

pub mod store;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::SourceText;

/// The researcher's marks on one event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Starred (bookmarked).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// A note, of one line or several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The event's title when it was marked, to name it if the event disappears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Entry {
    /// True when the entry marks nothing and need not be stored.
    pub fn is_empty(&self) -> bool {
        !self.starred && self.note.is_none()
    }
}

/// All marks for one timeline file, by event id, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notes {
    /// Entries by event id.
    #[serde(default)]
    pub events: IndexMap<String, Entry>,
}

/// One edit to one event's marks: what it was, what it becomes. Saving applies the edit to
/// whatever the file holds by then, so two explorers open on one file do not undo each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The event's id in its own file.
    pub id: String,
    /// The entry before the edit (as this explorer knew it).
    pub before: Entry,
    /// The entry after the edit.
    pub after: Entry,
}

const HEADER: &str = "\
# Bookmarks and notes kept by tlx (README \"Bookmarks and notes\"), one table per event id.
# tlx rewrites this file when you star (m) or annotate (N) an event; editing it by hand is fine
# while tlx is closed. Entries for events that are no longer in the timeline are kept.
";

impl Notes {
    /// The marks on an event, if any.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.events.get(id)
    }

    /// True when the event is starred.
    pub fn is_starred(&self, id: &str) -> bool {
        self.get(id).is_some_and(|e| e.starred)
    }

    /// Applies an edit; an entry left empty is removed.
    pub fn apply(&mut self, change: &Change) {
        self.put(&change.id, change.after.clone());
    }

    fn put(&mut self, id: &str, entry: Entry) {
        if entry.is_empty() {
            self.events.shift_remove(id);
        } else {
            self.events.insert(id.to_string(), entry);
        }
    }

    /// Applies an edit over marks that another explorer may have changed since `change.before`
    /// was read. When both changed the same event, both notes are kept and the star wins; the
    /// return value says so, for the footer.
    pub fn merge(&mut self, change: &Change) -> Option<String> {
        let theirs = self.get(&change.id).cloned().unwrap_or_default();
        if theirs == change.before || theirs == change.after {
            self.apply(change);
            return None;
        }
        let note = match (&change.after.note, &theirs.note) {
            (Some(ours), Some(other)) if ours != other => Some(format!("{ours} | {other}")),
            (ours, other) => ours.clone().or_else(|| other.clone()),
        };
        self.put(
            &change.id,
            Entry {
                starred: change.after.starred || theirs.starred,
                note,
                title: change.after.title.clone().or(theirs.title),
            },
        );
        Some(format!(
            "another tlx also changed the marks on {}; both notes were kept",
            change.id
        ))
    }

    /// The sidecar's text: `before` (the file as it was, empty for a new one) with its entries
    /// made these marks. Everything else in it stays as written (toml_edit keeps the layout):
    /// comments, keys tlx does not know, other tables, and an emptied entry's own keys.
    ///
    /// The text is read back before it is returned: when `before` cannot be edited, or the
    /// edit would not read back as exactly these marks, the error says why and the caller keeps
    /// the old file aside rather than write over it (or write it unchanged, losing the marks).
    pub fn write_over(&self, before: &str) -> Result<String, String> {
        let text = self.edit(before)?;
        match Notes::parse(&text) {
            Ok(back) if back == *self => Ok(text),
            Ok(_) => Err("the edited file would not read back as the marks saved".into()),
            Err(e) => Err(format!("the edited file would not read back ({e})")),
        }
    }

    fn edit(&self, before: &str) -> Result<String, String> {
        let new = before.trim().is_empty();
        let mut doc = before
            .parse::<toml_edit::DocumentMut>()
            .map_err(|e| located(before, e.message(), e.span()))?;
        if !doc.contains_key("events") {
            let mut events = toml_edit::Table::new();
            events.set_implicit(true);
            doc.insert("events", toml_edit::Item::Table(events));
        }
        let events = doc["events"].as_table_like_mut().ok_or("its `events` is not a table")?;
        let stale: Vec<String> = events
            .iter()
            .map(|(id, _)| id.to_string())
            .filter(|id| !self.events.contains_key(id))
            .collect();
        for id in stale {
            let emptied = events
                .get_mut(&id)
                .and_then(|e| e.as_table_like_mut())
                .is_some_and(|entry| {
                    write_entry(entry, &Entry::default());
                    entry.is_empty()
                });
            if emptied {
                events.remove(&id);
            }
        }
        for (id, entry) in &self.events {
            if events.get(id).and_then(toml_edit::Item::as_table_like).is_none() {
                events.insert(id, toml_edit::Item::Table(toml_edit::Table::new()));
            }
            if let Some(table) = events.get_mut(id).and_then(|e| e.as_table_like_mut()) {
                write_entry(table, entry);
            }
        }
        Ok(match new {
            true => format!("{HEADER}\n{doc}"),
            false => doc.to_string(),
        })
    }

    /// Reads a sidecar's text; the error names the line and column.
    /// An entry left with only keys tlx does not know marks nothing, and is not one.
    ///
    /// The text must also parse as the document [`Notes::write_over`] edits: the `toml` reader
    /// skips a value it is not asked for without checking it (an integer past 64 bits under an
    /// unknown key), which toml_edit refuses, so a file read by one alone could take the next
    /// save's marks with it. Such a file is invalid TOML, and broken like any other.
    pub fn parse(text: &str) -> Result<Notes, String> {
        text.parse::<toml_edit::DocumentMut>()
            .map_err(|e| located(text, e.message(), e.span()))?;
        let mut notes: Notes = toml::from_str(text).map_err(|e| located(text, e.message(), e.span()))?;
        notes.events.retain(|_, e| !e.is_empty());
        Ok(notes)
    }
}

/// A parser's message with the line and column of its span, when it has one.
fn located(text: &str, message: &str, span: Option<std::ops::Range<usize>>) -> String {
    let message = message.trim();
    match span {
        Some(span) => {
            let (line, col) = SourceText::new("", text).line_col(span.start);
            format!("line {line}, column {col}: {message}")
        }
        None => message.to_string(),
    }
}

/// Sets an entry's own keys to `entry`, leaving an unchanged value's layout and any other key.
fn write_entry(table: &mut dyn toml_edit::TableLike, entry: &Entry) {
    let mut set = |key: &str, value: Option<toml_edit::Value>| match value {
        None => {
            table.remove(key);
        }
        Some(value) => {
            let same = table.get(key).and_then(toml_edit::Item::as_value).is_some_and(|old| {
                old.as_str() == value.as_str()
                    && old.as_bool() == value.as_bool()
                    && old.type_name() == value.type_name()
            });
            if !same {
                table.insert(key, toml_edit::value(value));
            }
        }
    };
    set("starred", entry.starred.then(|| true.into()));
    set("note", entry.note.as_deref().map(Into::into));
    set("title", entry.title.as_deref().map(Into::into));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(starred: bool, note: Option<&str>) -> Entry {
        Entry {
            starred,
            note: note.map(Into::into),
            title: None,
        }
    }

    fn change(id: &str, before: Entry, after: Entry) -> Change {
        Change {
            id: id.into(),
            before,
            after,
        }
    }

    #[test]
    fn the_file_reads_back_what_was_written_and_says_what_it_is() {
        let mut notes = Notes::default();
        notes.apply(&change(
            "moscow-visit",
            Entry::default(),
            entry(true, Some("ask \"Reuters\"")),
        ));
        notes.apply(&change("ban", Entry::default(), entry(false, Some("2007"))));
        let text = notes.write_over("").unwrap();
        assert!(text.starts_with("# Bookmarks and notes kept by tlx"));
        assert_eq!(Notes::parse(&text).unwrap(), notes);
    }

    #[test]
    fn hand_edited_content_survives_a_save() {
        let before = "\
# my own comment
version = 3

[events.a]
starred = true # keep this one
colour = \"red\"

[events.gone]
note = \"ask again\"
mine = 1

[[reading]]
title = \"Book\"
";
        let mut notes = Notes::parse(before).unwrap();
        notes.apply(&change("gone", entry(false, Some("ask again")), Entry::default()));
        notes.apply(&change("b", Entry::default(), entry(true, Some("new"))));
        let after = notes.write_over(before).unwrap();
        for kept in [
            "# my own comment",
            "version = 3",
            "starred = true # keep this one",
            "colour = \"red\"",
            "mine = 1",
            "[[reading]]",
            "title = \"Book\"",
        ] {
            assert!(after.contains(kept), "{kept:?} lost:\n{after}");
        }
        assert!(!after.contains("ask again"), "{after}");
        assert_eq!(Notes::parse(&after).unwrap(), notes);
        // An entry with nothing of the researcher's own left goes whole.
        notes.apply(&change("b", entry(true, Some("new")), Entry::default()));
        assert!(!notes.write_over(&after).unwrap().contains("events.b"));
    }

    #[test]
    fn inline_and_dotted_entries_are_edited_in_place() {
        let before = "events.a.starred = true\n[events.c]\nnote = \"x\"\n";
        let mut notes = Notes::parse(before).unwrap();
        notes.apply(&change("a", entry(true, None), entry(true, Some("n"))));
        let after = notes.write_over(before).unwrap();
        assert_eq!(Notes::parse(&after).unwrap(), notes, "{after}");
        let inline = "events = { a = { starred = true, x = 1 } }\n";
        let mut notes = Notes::parse(inline).unwrap();
        notes.apply(&change("a", entry(true, None), entry(false, Some("n"))));
        let after = notes.write_over(inline).unwrap();
        assert_eq!(Notes::parse(&after).unwrap(), notes, "{after}");
        assert!(after.contains("x = 1"), "{after}");
    }

    #[test]
    fn an_emptied_entry_is_dropped() {
        let mut notes = Notes::default();
        notes.apply(&change("a", Entry::default(), entry(true, None)));
        notes.apply(&change("a", entry(true, None), Entry::default()));
        assert!(notes.events.is_empty());
    }

    #[test]
    fn merge_applies_over_untouched_entries_and_keeps_both_notes_on_a_clash() {
        let mut disk = Notes::default();
        disk.apply(&change("other", Entry::default(), entry(true, None)));
        assert_eq!(
            disk.merge(&change("a", Entry::default(), entry(true, Some("mine")))),
            None
        );
        assert_eq!(disk.events.len(), 2, "the other explorer's star stays");
        disk.apply(&change("b", Entry::default(), entry(false, Some("theirs"))));
        let clash = disk.merge(&change("b", Entry::default(), entry(true, Some("mine"))));
        assert!(clash.unwrap().contains("both notes were kept"));
        assert_eq!(disk.get("b"), Some(&entry(true, Some("mine | theirs"))));
    }

    #[test]
    fn a_value_only_the_lenient_reader_skips_makes_the_file_broken_and_no_save_drops_marks() {
        // Found by the `notes` fuzz target: `toml` skipped the 25-digit integer under an
        // unknown key, toml_edit refused it, and a save wrote the old text back without the
        // new mark.
        let text = "\nL=9999999999999999999000004";
        let err = Notes::parse(text).unwrap_err();
        assert!(err.starts_with("line 2, column 3:"), "{err}");
        assert!(err.contains("overflow"), "{err}");
        let mut notes = Notes::default();
        notes.apply(&change("a", Entry::default(), entry(true, None)));
        let err = notes.write_over(text).unwrap_err();
        assert!(err.starts_with("line 2, column 3:"), "{err}");
    }

    #[test]
    fn a_broken_file_is_located() {
        let err = Notes::parse("[events.a]\nstarred = yes\n").unwrap_err();
        assert!(err.starts_with("line 2, column 11:"), "{err}");
    }
}
