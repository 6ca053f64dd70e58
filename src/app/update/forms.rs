//! Forms over the records of a timeline file: opening one on the selected event or item,
//! typing in it, and saving it through the edit layer; deleting the selected record.

use super::history;
use crate::app::action::Action;
use crate::app::form::{Form, Making, candidates};
use crate::app::hint::{Said, hint};
use crate::app::message::Msg;
use crate::app::state::{App, Mode};
use crate::edit::{Edit, Part, Target};
use crate::model::evidence::{Entry, Item};

/// Opens the form that makes a new event (in the selected event's file), or a new claim,
/// source or denial of the selected event (`part`).
pub(super) fn add(app: &mut App, part: Option<Part>) {
    let selected = app.order().get(app.selected).copied();
    let origin = selected.and_then(|i| app.origin(i));
    let file = origin.as_ref().map_or(0, |o| o.part);
    if app.files.get(file).is_none_or(|f| f.path.is_none()) {
        if part.is_none() {
            let name = crate::app::LineEditor::selected("timeline.toml");
            super::prompt::open(app, crate::app::Prompt::NewTimeline, name);
        } else {
            app.message = Some("this timeline is built into tlx and is never written to: add an event (a new timeline of your own) first".into());
        }
        return;
    }
    let making = match (part, origin) {
        (None, _) => Making::Event,
        (Some(part), Some(origin)) => Making::Item { event: origin.id, part },
        (Some(_), None) => {
            app.message = Some("no event is selected to add to".into());
            return;
        }
    };
    super::timeline::close_item(app);
    app.mode = Mode::Form(Box::new(Form::new(making, file, &[])));
}

/// What the selection is in its file: the item under the detail's cursor, or the event.
fn selected_target(app: &App) -> Option<(usize, Target, serde_json::Value)> {
    let &index = app.order().get(app.selected)?;
    let origin = app.origin(index)?;
    let event = app.raw_event(index);
    let item = |part, index| Target::Item {
        event: origin.id.clone(),
        part,
        index,
    };
    let (target, record) = match app.selected_entry() {
        Some(Entry::Said(Item::Source(i))) => (item(Part::Source, i), serde_json::to_value(&event.sources[i])),
        Some(Entry::Said(Item::Denial(i))) => (item(Part::Denial, i), serde_json::to_value(&event.denials[i])),
        Some(Entry::Claim(c)) => (item(Part::Claim, c), serde_json::to_value(&event.more.claims[c])),
        None => {
            let mut record = serde_json::to_value(event).ok()?;
            // The id in its own file, not the one merging gave it.
            record["id"] = origin.id.clone().into();
            (Target::Event(origin.id.clone()), Ok(record))
        }
    };
    Some((origin.part, target, record.ok()?))
}

/// Opens a form on the selected item (or event) holding what it has now.
pub(super) fn change(app: &mut App) {
    let Some((part, target, record)) = selected_target(app) else {
        return;
    };
    if app.files[part].path.is_none() {
        app.message = Some("this timeline is built into tlx and is never written to".into());
        return;
    }
    super::timeline::close_item(app);
    app.mode = Mode::Form(Box::new(Form::change(target, part, &record)));
}

/// Deletes the selected item (or event, with its claims, sources and denials); undo brings it back.
pub(super) fn delete(app: &mut App) {
    let Some((part, target, _)) = selected_target(app) else {
        return;
    };
    let what = format!("deleted {}", describe(&target));
    history::make(app, part, vec![Edit::Delete { target }], what);
}

/// A record as the footer names it.
fn describe(target: &Target) -> String {
    match target {
        Target::Event(id) => format!("event \"{id}\""),
        Target::Item { event, part, index } => format!("{} {} of \"{event}\"", part.record().name(), index + 1),
    }
}

/// Applies a message while a form is up.
pub(super) fn update(app: &mut App, msg: Msg) {
    let Mode::Form(form) = &mut app.mode else {
        return;
    };
    let action = match msg {
        Msg::Type(c) => return typed(form, |input| input.insert(c.encode_utf8(&mut [0; 4]))),
        Msg::Paste(text) => {
            let text = super::prompt::pasted(&text, true);
            return typed(form, |input| input.insert(&text));
        }
        Msg::Action(action) => action,
        _ => return,
    };
    if action != Action::Complete {
        form.completing = None;
    }
    if !matches!(action, Action::Cancel | Action::Back) {
        form.discarding = false;
    }
    match action {
        Action::Next => form.at = (form.at + 1) % form.fields.len(),
        Action::Previous => form.at = (form.at + form.fields.len() - 1) % form.fields.len(),
        Action::DeleteChar => typed(form, |input| input.delete_back()),
        Action::DeleteForward => typed(form, |input| input.delete_forward()),
        Action::DeleteWord => typed(form, |input| input.delete_word()),
        Action::DeleteToStart => typed(form, |input| input.delete_to_start()),
        Action::Left => form.current().input.left(),
        Action::Right => form.current().input.right(),
        Action::First => form.current().input.home(),
        Action::Last => form.current().input.end(),
        Action::Complete => complete(app),
        Action::Cancel | Action::Back if form.changed() && !form.discarding => {
            form.discarding = true;
            app.message = Some(
                Said::from("the form has changes: ")
                    .and(hint!("press ", Action::Cancel, " again to discard them, "))
                    .and(hint!(Action::Accept, " to save")),
            );
        }
        Action::Cancel | Action::Back => app.mode = Mode::Browse,
        Action::Accept => save(app),
        _ => {}
    }
}

/// Edits the field being typed in with `f`, then checks the form again.
fn typed(form: &mut Form, f: impl FnOnce(&mut crate::app::LineEditor)) {
    f(&mut form.current().input);
    form.completing = None;
    form.discarding = false;
    form.check();
}

/// Puts in the next value of the field's kind that begins as the entry being typed does (the
/// last entry of a list).
fn complete(app: &mut App) {
    let event = app.selected_event().cloned();
    let timeline = app.timeline().clone();
    let Mode::Form(form) = &mut app.mode else {
        return;
    };
    let field = form.fields[form.at].field;
    let text = form.fields[form.at].input.text().to_string();
    let (head, typed) = match text.rfind(',') {
        Some(i) if field.many => (format!("{}, ", text[..i].trim_end()), text[i + 1..].trim().to_string()),
        _ => (String::new(), text.clone()),
    };
    let (round, at) = match form.completing.take() {
        Some((round, at)) if !round.is_empty() => {
            let at = (at + 1) % round.len();
            (round, at)
        }
        _ => {
            let lower = typed.to_lowercase();
            let round: Vec<String> = candidates(field, &timeline, event.as_ref())
                .into_iter()
                .filter(|c| c.to_lowercase().starts_with(&lower))
                .collect();
            (round, 0)
        }
    };
    let Some(pick) = round.get(at).cloned() else {
        app.message = Some(format!("nothing in the timeline to complete {} with", field.name).into());
        return;
    };
    let shown = round.len();
    form.current().input = crate::app::LineEditor::new(format!("{head}{pick}"));
    form.completing = Some((round, at));
    form.check();
    app.message = Some(format!("{} of {shown}", at + 1).into());
}

/// Saves the form through the edit layer, unless `tlx check` has something to say of it.
fn save(app: &mut App) {
    let Mode::Form(form) = &app.mode else {
        return;
    };
    if let Some((_, problem)) = form.problems.first() {
        app.message = Some(format!("not saved: {problem}").into());
        return;
    }
    let ids: Vec<&str> = (app.data.origin_ids())
        .filter(|&(part, _)| part == form.part)
        .map(|(_, id)| id)
        .collect();
    let edits = form.edits(&ids);
    if edits.is_empty() {
        app.mode = Mode::Browse;
        app.message = Some("nothing changed".into());
        return;
    }
    let what = match &form.making {
        Making::Change(target) => format!("changed {}", describe(target)),
        _ => format!("added {}", form.title().trim_start_matches("new ")),
    };
    let part = form.part;
    history::make(app, part, edits, what);
}
