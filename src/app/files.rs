//! The opened files as the explorer knows them: a label for each, its path and sidecar, and the
//! researcher's bookmarks and notes on its events.

use std::collections::HashSet;
use std::path::PathBuf;

use super::Said;
use super::data::Data;
use super::state::App;
use crate::filter::Facets;
use crate::notes::{Entry, Notes};

/// One timeline file given on the command line (or the bundled timeline).
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// Short label shown beside its events.
    pub label: String,
    /// Where the timeline lives; `None` for the bundled one, which is never reloaded.
    pub path: Option<PathBuf>,
    /// Where its bookmarks and notes are saved; `None` when they cannot be (no data directory).
    pub sidecar: Option<PathBuf>,
    /// Its bookmarks and notes.
    pub notes: Notes,
}

impl Opened {
    /// A file known only by its label, with nowhere to save marks (tests, and `App::new`).
    pub fn unsaved(label: impl Into<String>) -> Opened {
        Opened {
            label: label.into(),
            path: None,
            sidecar: None,
            notes: Notes::default(),
        }
    }
}

/// The researcher's marks on the loaded events: what the filter asks of them, read apart from
/// the rest of the state so that what is shown can be worked out while it is being replaced.
#[derive(Clone, Copy)]
pub(super) struct Marks<'a> {
    data: &'a Data,
    files: &'a [Opened],
}

impl<'a> Marks<'a> {
    /// The marks in these files on the events of this data.
    pub(super) fn of(data: &'a Data, files: &'a [Opened]) -> Marks<'a> {
        Marks { data, files }
    }

    /// The marks on an event (by index in the timeline).
    fn get(&self, event: usize) -> Option<&'a Entry> {
        let notes = &self.files.get(self.data.part_of(event)?)?.notes;
        notes.get(self.data.origin_id(event)?)
    }
}

impl Facets for Marks<'_> {
    fn file_of(&self, event: usize) -> usize {
        self.data.part_of(event).unwrap_or_default()
    }

    fn is_starred(&self, event: usize) -> bool {
        self.get(event).is_some_and(|m| m.starred)
    }

    fn note(&self, event: usize) -> Option<&str> {
        self.get(event)?.note.as_deref()
    }
}

impl Facets for App {
    fn file_of(&self, event: usize) -> usize {
        Marks::of(&self.data, &self.files).file_of(event)
    }

    fn is_starred(&self, event: usize) -> bool {
        Marks::of(&self.data, &self.files).is_starred(event)
    }

    fn note(&self, event: usize) -> Option<&str> {
        self.marks(event)?.note.as_deref()
    }
}

impl App {
    /// The researcher's marks on an event (by index in the timeline).
    pub fn marks(&self, event: usize) -> Option<&Entry> {
        Marks::of(&self.data, &self.files).get(event)
    }

    /// The file an event came from.
    pub fn file(&self, event: usize) -> Option<&Opened> {
        self.files.get(self.part_of(event)?)
    }

    /// What the footer says first: a sidecar that could not be read (`problems`), or notes left
    /// without an event.
    pub fn opening_message(&self, problems: Vec<String>) -> Option<Said> {
        if !problems.is_empty() {
            return Some(problems.join("; ").into());
        }
        let orphans = self.orphans();
        (!orphans.is_empty()).then(|| {
            let ids: Vec<&str> = orphans.iter().map(|(_, id, _)| *id).collect();
            format!(
                "{} bookmark{} for events no longer in the file ({}): kept; `tlx notes` lists them",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", ")
            )
            .into()
        })
    }

    /// Sidecar entries whose events are no longer in their timeline: (file label, id, entry).
    pub fn orphans(&self) -> Vec<(&str, &str, &Entry)> {
        // Only the noted events are looked for: at the end of a large load a set of every
        // event's id would cost the UI thread half a second, with no notes at all.
        let noted: HashSet<(usize, &str)> = (self.files.iter().enumerate())
            .flat_map(|(n, f)| f.notes.events.keys().map(move |id| (n, id.as_str())))
            .collect();
        if noted.is_empty() {
            return Vec::new();
        }
        let present: HashSet<(usize, &str)> = (self.data.origin_ids()).filter(|key| noted.contains(key)).collect();
        self.files
            .iter()
            .enumerate()
            .flat_map(|(n, f)| {
                let present = &present;
                f.notes.events.iter().filter_map(move |(id, entry)| {
                    (!present.contains(&(n, id.as_str()))).then_some((f.label.as_str(), id.as_str(), entry))
                })
            })
            .collect()
    }
}
