//! Bookmarks and notes: starring, annotating and jumping between starred events.

use super::{jump_to, prompt, step_among};
use crate::app::Action;
use crate::app::editor::LineEditor;
use crate::app::hint::{Said, hint};
use crate::app::state::{App, Effect, Prompt, Step};
use crate::filter::Facets;
use crate::model::merge::Origin;
use crate::notes::{Change, Entry};

/// Stars the selected event, or takes its star away.
pub(super) fn toggle_star(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    let mut entry = app.marks(event).cloned().unwrap_or_default();
    entry.starred = !entry.starred;
    let done = if entry.starred {
        Said::from("starred")
            .and(hint!(
                "; ",
                Action::NextStar,
                " and ",
                Action::PreviousStar,
                " jump between starred events"
            ))
            .and(hint!(", ", Action::OnlyStarred, " shows only them"))
    } else {
        "star removed".into()
    };
    edit(app, event, entry, done, "the star");
}

/// Opens the note prompt on the selected event, with its note to edit.
pub(super) fn edit_note(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    let text = app.marks(event).and_then(|m| m.note.clone()).unwrap_or_default();
    prompt::open(app, Prompt::Note { event }, LineEditor::new(text));
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
    edit(app, event, entry, done.into(), "the note");
}

/// Changes an event's marks, remembering what they were for [`undo`].
fn edit(app: &mut App, event: usize, mut after: Entry, done: Said, what: &str) {
    let (Some(origin), Some(e)) = (
        app.data.origin(event),
        (event < app.data.timeline().events.len()).then(|| app.data.raw_event(event)),
    ) else {
        return;
    };
    after.title = Some(e.title.to_string());
    let what = format!("{what} on \"{}\"", crate::text::line(&e.title));
    let Origin { part, id } = origin;
    let entry = put(app, part, &id, after, done);
    super::history::record(app, Step::Marks { part, id, entry, what });
}

/// Puts back the marks a change replaced (`done` says which way, "undone" or "redone");
/// returns the step that reverses this.
pub(super) fn put_back(app: &mut App, step: Step, done: &str) -> Option<Step> {
    let Step::Marks { part, id, entry, what } = step else {
        return None;
    };
    (part < app.files.len()).then(|| {
        let entry = put(app, part, &id, entry, format!("{done}: {what}").into());
        Step::Marks { part, id, entry, what }
    })
}

/// Sets the marks of the event `id` of file `part` and asks for the sidecar to be saved; when
/// the file has nowhere to save them, they are kept for this session and the message says so.
/// Returns the marks it replaced.
fn put(app: &mut App, part: usize, id: &str, after: Entry, done: Said) -> Entry {
    let file = &mut app.files[part];
    let change = Change {
        id: id.to_string(),
        before: file.notes.get(id).cloned().unwrap_or_default(),
        after,
    };
    file.notes.apply(&change);
    let before = change.before.clone();
    app.message = Some(match file.sidecar.clone() {
        Some(path) => {
            app.effects.push(Effect::SaveNotes {
                path,
                changes: vec![change],
            });
            done
        }
        None => done.and(" for this session only: there is no data directory to save it in"),
    });
    before
}

/// Moves to the next (or previous) starred event among those shown, wrapping around.
pub(super) fn jump(app: &mut App, forward: bool) {
    let starred: Vec<usize> = (0..app.order().len())
        .filter(|&pos| app.is_starred(app.order()[pos]))
        .collect();
    let Some((target, n, wrapped)) = step_among(&starred, app.selected, forward) else {
        app.message =
            Some(Said::from("no starred event shown").and(hint!(": ", Action::Star, " stars the selected one")));
        return;
    };
    jump_to(app, target);
    let wrapped = if wrapped { " (wrapped)" } else { "" };
    app.message = Some(format!("starred {n} of {}{wrapped}", starred.len()).into());
}
