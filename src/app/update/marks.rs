//! Bookmarks and notes: starring, annotating and jumping between starred events.

use super::{prompt, select, step_among};
use crate::app::state::{App, Effect, Prompt};
use crate::filter::Facets;
use crate::notes::{Change, Entry};

/// Stars the selected event, or takes its star away.
pub(super) fn toggle_star(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    let mut entry = app.marks(event).cloned().unwrap_or_default();
    entry.starred = !entry.starred;
    let done = if entry.starred {
        "starred; ' and \" jump between starred events, M shows only them"
    } else {
        "star removed"
    };
    edit(app, event, entry, done);
}

/// Opens the note prompt on the selected event, with its note to edit.
pub(super) fn edit_note(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    let text = app.marks(event).and_then(|m| m.note.clone()).unwrap_or_default();
    prompt::open(app, Prompt::Note { event }, text);
}

/// Sets the selected event's note (none when `text` is blank).
pub(super) fn set_note(app: &mut App, event: usize, text: &str) {
    let mut entry = app.marks(event).cloned().unwrap_or_default();
    let text = text.trim();
    entry.note = (!text.is_empty()).then(|| text.to_string());
    let done = if entry.note.is_some() {
        "note saved"
    } else {
        "note removed"
    };
    edit(app, event, entry, done);
}

/// Changes an event's marks and asks for the sidecar to be saved; when the file has nowhere to
/// save them, they are kept for this session and the message says so.
fn edit(app: &mut App, event: usize, mut after: Entry, done: &str) {
    let (Some(origin), Some(e)) = (app.data.origins().get(event), app.data.raw().events.get(event)) else {
        return;
    };
    after.title = Some(e.title.clone());
    let file = &mut app.files[origin.part];
    let change = Change {
        id: origin.id.clone(),
        before: file.notes.get(&origin.id).cloned().unwrap_or_default(),
        after,
    };
    file.notes.apply(&change);
    app.message = Some(match file.sidecar.clone() {
        Some(path) => {
            app.effects.push(Effect::SaveNotes {
                path,
                changes: vec![change],
            });
            done.to_string()
        }
        None => format!("{done} for this session only: there is no data directory to save it in"),
    });
}

/// Moves to the next (or previous) starred event among those shown, wrapping around.
pub(super) fn jump(app: &mut App, forward: bool) {
    let starred: Vec<usize> = (0..app.order().len())
        .filter(|&pos| app.is_starred(app.order()[pos]))
        .collect();
    let Some((target, n, wrapped)) = step_among(&starred, app.selected, forward) else {
        app.message = Some("no starred event shown: m stars the selected one".into());
        return;
    };
    select(app, target);
    let wrapped = if wrapped { " (wrapped)" } else { "" };
    app.message = Some(format!("starred {n} of {}{wrapped}", starred.len()));
}
