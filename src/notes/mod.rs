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
    /// A one-line note.
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

    /// The sidecar file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!("{HEADER}\n{body}")
    }

    /// Reads a sidecar's text; the error names the line and column.
    pub fn parse(text: &str) -> Result<Notes, String> {
        toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => {
                    let (line, col) = SourceText::new("", text).line_col(span.start);
                    format!("line {line}, column {col}: {message}")
                }
                None => message,
            }
        })
    }
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
        let text = notes.to_toml();
        assert!(text.starts_with("# Bookmarks and notes kept by tlx"));
        assert_eq!(Notes::parse(&text).unwrap(), notes);
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
    fn a_broken_file_is_located() {
        let err = Notes::parse("[events.a]\nstarred = yes\n").unwrap_err();
        assert!(err.starts_with("line 2, column 11:"), "{err}");
    }
}
