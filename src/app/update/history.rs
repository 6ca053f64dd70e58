//! One history of the session's changes, to marks and to files: undo takes back the newest,
//! redo makes again what was undone, and a new change drops what could be redone.

use super::marks;
use crate::app::state::{App, Effect, Mode, Rewrite, Step, Way};

/// True, saying so, while edits of a file are being written: the history waits for them, so
/// nothing is undone or made before them.
fn still_saving(app: &mut App) -> bool {
    let saving = app.changes.asked.is_some();
    if saving {
        app.message = Some("the last edit is still being written; try again once it is saved".into());
    }
    saving
}

/// Remembers a change just made, to undo.
pub(super) fn record(app: &mut App, step: Step) {
    app.changes.undo.push(step);
    app.changes.redo.clear();
}

/// Takes back the newest change, or makes again the newest undone (`way`).
pub(super) fn step(app: &mut App, way: Way) {
    if still_saving(app) {
        return;
    }
    let from = if way == Way::Undo {
        &mut app.changes.undo
    } else {
        &mut app.changes.redo
    };
    let Some(step) = from.pop() else {
        app.message = Some(
            if way == Way::Undo {
                "nothing to undo"
            } else {
                "nothing to redo"
            }
            .into(),
        );
        return;
    };
    let done = if way == Way::Undo { "undone" } else { "redone" };
    match step {
        Step::Marks { .. } => {
            if let Some(inverse) = marks::put_back(app, step, done) {
                push(app, way, inverse);
            }
        }
        Step::File { part, steps, what } => {
            let Some(path) = app.files.get(part).and_then(|f| f.path.clone()) else {
                return;
            };
            app.effects.push(Effect::Edit {
                path,
                rewrite: Rewrite::Reverse(steps),
            });
            app.changes.asked = Some((way, part, what));
        }
    }
}

/// Asks the terminal layer to make edits in the opened file `part`; `what` names them for the
/// footer and the history.
pub(super) fn make(app: &mut App, part: usize, edits: Vec<crate::edit::Edit>, what: String) {
    let Some(path) = app.files.get(part).and_then(|f| f.path.clone()) else {
        app.message = Some("this timeline is built into tlx and is never written to".into());
        return;
    };
    if still_saving(app) {
        return;
    }
    app.effects.push(Effect::Edit {
        path,
        rewrite: Rewrite::Make(edits),
    });
    app.changes.asked = Some((Way::Make, part, what));
}

/// Takes in what came of the edits asked: the history gains their reverse, the form that asked
/// closes; or the footer (and the form, which stays) says why nothing was written.
pub(super) fn edited(app: &mut App, edited: Result<Vec<crate::edit::Undo>, String>) {
    let Some((way, part, what)) = app.changes.asked.take() else {
        return;
    };
    match edited {
        Ok(mut steps) => {
            // The reverse of edits made in order is their undo information, applied newest first.
            steps.reverse();
            let step = Step::File {
                part,
                steps,
                what: what.clone(),
            };
            let said = match way {
                Way::Make => {
                    record(app, step);
                    if matches!(app.mode, Mode::Form(_)) {
                        app.mode = Mode::Browse;
                    }
                    format!("saved: {what}")
                }
                Way::Undo => {
                    app.changes.redo.push(step);
                    format!("undone: {what}")
                }
                Way::Redo => {
                    app.changes.undo.push(step);
                    format!("redone: {what}")
                }
            };
            app.message = Some(said.into());
            app.changes.written = Some(part);
        }
        Err(why) => {
            if way != Way::Make {
                // The file is not as the change left it: no step before this one applies.
                app.changes
                    .undo
                    .retain(|s| !matches!(s, Step::File { part: p, .. } if *p == part));
                app.changes
                    .redo
                    .retain(|s| !matches!(s, Step::File { part: p, .. } if *p == part));
            }
            if let Mode::Form(form) = &mut app.mode {
                form.problems.insert(0, (None, why.clone()));
            }
            let cleared = if way == Way::Make {
                ""
            } else {
                "; the file's edit history is cleared"
            };
            app.message = Some(format!("{why}{cleared}").into());
        }
    }
}

/// Puts a step on the stack opposite to the one it came from.
fn push(app: &mut App, way: Way, step: Step) {
    if way == Way::Undo {
        app.changes.redo.push(step);
    } else {
        app.changes.undo.push(step);
    }
}
