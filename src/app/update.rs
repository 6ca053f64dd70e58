//! The only code that changes the explorer's state: one action at a time.

pub(in crate::app) mod follow;
mod forms;
mod history;
mod loading;
mod marks;
mod prompt;
mod reload;
mod research;

use loading::{loaded, progress};
use reload::reload;

use super::action::Action;
use super::editor::LineEditor;
use super::hint::{Said, hint};
use super::message::Msg;
use super::screen::{Panes, Screen, timeline};
use super::state::{App, Effect, Mode, Prompt, Way};
use crate::edit::Part;
use crate::model::Name;
use crate::model::evidence::Item;
use crate::{citation, url};

/// How much one `+`/`-` press zooms.
const ZOOM_STEP: f64 = 2.0;

/// Applies one message: the only way the explorer's state changes. The search or filter of a
/// prompt being typed in follows at once, unless the message is [`Msg::Queued`].
pub fn update(app: &mut App, msg: impl Into<Msg>) {
    match msg.into() {
        Msg::Queued(msg) => handle(app, *msg),
        Msg::Settle => prompt::settle(app),
        msg => {
            handle(app, msg);
            prompt::settle(app);
        }
    }
}

fn handle(app: &mut App, msg: Msg) {
    // A resize, a reload or a load is not the user acting on the message, which may be what
    // tlx said on opening.
    if matches!(
        msg,
        Msg::Action(_)
            | Msg::Type(_)
            | Msg::Paste(_)
            | Msg::Select(_)
            | Msg::Scroll(_)
            | Msg::ScrollDetail(..)
            | Msg::ZoomTo(_)
    ) {
        app.message = None;
        if let Some(loading) = &mut app.loading {
            loading.said = None;
        }
    }
    match (&app.mode, msg) {
        (_, Msg::Queued(msg)) => handle(app, *msg),
        (_, Msg::Settle) => prompt::settle(app),
        (_, Msg::Reload(r)) => reload(app, r),
        (_, Msg::Progress(percent)) => progress(app, percent),
        (_, Msg::Loaded(data, set_aside)) => loaded(app, *data, set_aside),
        (_, Msg::Unopened(part, why)) => loading::unopened(app, part, why),
        (_, Msg::Computed(generation, shown)) => research::computed(app, generation, *shown),
        (_, Msg::Tabulated(generation, matrix)) => research::tabulated(app, generation, *matrix),
        (_, Msg::Found(generation, hits)) => prompt::found(app, generation, hits),
        (_, Msg::Exported { path, said }) => prompt::exported(app, &path, said),
        (_, Msg::Exporting { path, percent }) => prompt::exporting(app, &path, percent),
        (_, Msg::Edited(result)) => history::edited(app, result),
        (_, Msg::Performed(done)) => {
            app.effects.clear();
            if let Some((event, text)) = done.note {
                if matches!(
                    app.mode,
                    Mode::Prompt {
                        prompt: Prompt::Note { .. },
                        ..
                    }
                ) {
                    app.mode = Mode::Browse;
                }
                marks::set_note(app, event, &text);
            }
            if done.said.is_some() {
                app.message = done.said.map(Into::into);
            }
        }
        (_, Msg::Action(Action::Quit)) => app.running = false,
        (_, Msg::Resize(w, h)) => {
            app.size = (w, h);
            timeline::scroll_list(app);
        }
        (_, Msg::HelpLength(lines)) => app.help_length = lines,
        (Mode::Help { scroll }, msg) => {
            let (scroll, end, page) = (*scroll, app.help_end(), app.help_page().max(1));
            app.mode = match msg {
                Msg::Action(Action::Back | Action::Help) => Mode::Browse,
                Msg::Action(action) => Mode::Help {
                    scroll: match action {
                        Action::Next => scroll.saturating_add(1),
                        Action::Previous => scroll.saturating_sub(1),
                        Action::PageDown => scroll.saturating_add(page),
                        Action::PageUp => scroll.saturating_sub(page),
                        Action::First => 0,
                        Action::Last => end,
                        _ => scroll,
                    }
                    .min(end),
                },
                _ => Mode::Help { scroll },
            };
        }
        (Mode::Prompt { .. }, msg) => prompt::update(app, msg),
        (Mode::Form(_), msg) => forms::update(app, msg),
        // Each screen takes its own keys and leaves the rest to `any_screen`.
        (Mode::Browse, msg) => Screen::update(app, msg),
    }
}

/// Opens the matrix on a large timeline, tabulating it on a worker
/// (see [`research::tabulate`]).
pub(in crate::app) fn tabulate(app: &mut App) {
    research::tabulate(app);
}

/// Applies a message that means the same on every screen: the research keys, zoom, search,
/// marks, help, links and citations.
pub(in crate::app) fn any_screen(app: &mut App, msg: Msg) {
    let action = match msg {
        Msg::Action(action) => action,
        Msg::Select(pos) => return select(app, pos),
        Msg::ZoomTo(zoom) => {
            app.window = zoom.window(app.data.fit(), zoom_centre(app));
            return;
        }
        _ => return,
    };
    match action {
        // Esc in the list clears a kept search, then the filters; with neither, it says how to leave.
        Action::Back if prompt::drop_search(app) => {}
        Action::Back if app.filter.is_active() => research::clear(app),
        Action::Back => app.message = Some(hint!("press ", Action::Quit, " to quit").into()),
        Action::ZoomIn | Action::ZoomOut => {
            let factor = if action == Action::ZoomIn {
                1.0 / ZOOM_STEP
            } else {
                ZOOM_STEP
            };
            app.window = app.window.zoom(zoom_centre(app), factor);
        }
        Action::ZoomFit => app.window = app.data.fit(),
        Action::Search => {
            timeline::show(app, Panes::default());
            prompt::open(app, Prompt::Search { origin: app.selected }, LineEditor::default());
            prompt::drop_search(app);
        }
        Action::Filter => {
            let text = app
                .filter
                .query
                .as_ref()
                .map_or(String::new(), |q| q.text().to_string());
            let previous = app.filter.query.clone();
            prompt::open(app, Prompt::Filter { previous }, LineEditor::new(text));
        }
        Action::AsOf => {
            let text = app
                .filter
                .as_of
                .as_ref()
                .map_or(String::new(), |a| a.date().text().to_string());
            prompt::open(app, Prompt::AsOf, LineEditor::new(text));
        }
        Action::Export => prompt::open(app, Prompt::Export, LineEditor::selected("tlx-view.md")),
        Action::ClearFilters => research::clear(app),
        Action::EarlierAsOf => research::step_as_of(app, -1, false),
        Action::LaterAsOf => research::step_as_of(app, 1, false),
        Action::EarlierAsOfByZoom => research::step_as_of(app, -1, true),
        Action::LaterAsOfByZoom => research::step_as_of(app, 1, true),
        Action::PreviousChange => research::jump_to_change(app, false),
        Action::NextChange => research::jump_to_change(app, true),
        Action::StrictAsOf => research::toggle_strict(app),
        Action::Context => research::cycle_context(app),
        Action::Sort => research::toggle_sort(app),
        Action::NextMatch => jump_to_match(app, true),
        Action::PreviousMatch => jump_to_match(app, false),
        Action::Star => marks::toggle_star(app),
        Action::NextStar => marks::jump(app, true),
        Action::PreviousStar => marks::jump(app, false),
        Action::Note => marks::edit_note(app),
        Action::Undo => history::step(app, Way::Undo),
        Action::Redo => history::step(app, Way::Redo),
        Action::AddEvent => forms::add(app, None),
        Action::AddSource => forms::add(app, Some(Part::Source)),
        Action::AddDenial => forms::add(app, Some(Part::Denial)),
        Action::AddClaim => forms::add(app, Some(Part::Claim)),
        Action::Edit => forms::change(app),
        Action::Delete => forms::delete(app),
        Action::OnlyStarred => research::only_starred(app),
        Action::OnlyFile => research::only_file(app),
        Action::Help => {
            timeline::close_item(app);
            app.mode = Mode::Help { scroll: 0 };
        }
        Action::OpenInEditor => open_in_editor(app),
        Action::Legend => {
            app.guides.legend = !app.guides.legend;
            // The list lost or gained a row.
            timeline::scroll_list(app);
        }
        Action::Ids => app.guides.ids = !app.guides.ids,
        Action::OpenUrl => open_url(app),
        Action::OpenReference => open_reference(app),
        Action::CopyCitation => copy_citation(app),
        Action::FollowRelated => follow::follow_related(app),
        Action::JumpBack => follow::walk(app, false),
        Action::JumpForward => follow::walk(app, true),
        Action::HoldWindow => research::hold_window(app),
        action => Screen::open(app, action),
    }
}

/// The instant zooming keeps still: the selected event's start.
fn zoom_centre(app: &App) -> i64 {
    app.selected_event().map_or(app.window.start, |e| e.date.earliest())
}

/// Moves to the next (or previous) match of the kept search, wrapping around.
fn jump_to_match(app: &mut App, forward: bool) {
    let Some(search) = &app.search else {
        app.message = Some(Said::from("no search yet").and(hint!(": press ", Action::Search, " to search")));
        return;
    };
    let m = &search.matches;
    // While the search is under way, among the matches found so far.
    let so_far = if search.running.is_some() { " found so far" } else { "" };
    if m.is_empty() {
        app.message = Some(if so_far.is_empty() {
            format!("no event matches \"{}\"", search.text).into()
        } else {
            "searching…".into()
        });
        return;
    }
    let Some((target, n, wrapped)) = step_among(m, app.selected, forward) else {
        return;
    };
    let total = m.len();
    jump_to(app, target);
    let wrapped = if wrapped { " (wrapped)" } else { "" };
    app.message = Some(format!("match {n} of {total}{so_far}{wrapped}").into());
}

/// The next (or previous) of some ascending positions after (or before) `here`, wrapping around:
/// the position, its rank counted from 1, and whether it wrapped.
fn step_among(positions: &[usize], here: usize, forward: bool) -> Option<(usize, usize, bool)> {
    // Binary searches: a search may match most of a million events.
    let (target, wrapped) = if forward {
        match positions.get(positions.partition_point(|&p| p <= here)) {
            Some(&p) => (p, false),
            None => (*positions.first()?, true),
        }
    } else {
        match positions.partition_point(|&p| p < here).checked_sub(1) {
            Some(k) => (positions[k], false),
            None => (*positions.last()?, true),
        }
    };
    Some((target, positions.partition_point(|&p| p < target) + 1, wrapped))
}

/// Selects a position as a jump: the event left goes on the jump list, so that
/// [`Action::JumpBack`] returns to it.
pub(in crate::app) fn jump_to(app: &mut App, pos: usize) {
    let pos = pos.min(app.order().len().saturating_sub(1));
    if pos != app.selected
        && let Some(from) = app.selected_event().map(|e| e.id.clone())
    {
        app.jumps.leave(&from);
    }
    select(app, pos);
}

/// Selects a position (clamped), resetting the detail cursor and keeping list and axis on it.
/// A move ends a wait for the whole file's last event (see [`select_last`]).
pub(in crate::app) fn select(app: &mut App, pos: usize) {
    if let Some(loading) = &mut app.loading {
        loading.to_last = false;
    }
    let pos = pos.min(app.order().len().saturating_sub(1));
    place(app, pos, pos != app.selected);
}

/// Jumps to the last shown event; while the file loads, the last of the whole file once it is in.
pub(in crate::app) fn select_last(app: &mut App) {
    jump_to(app, usize::MAX);
    if let Some(loading) = &mut app.loading {
        loading.to_last = true;
    }
}

/// Puts the selection at `pos`; on another event than before (`moved`) the detail starts afresh.
fn place(app: &mut App, pos: usize, moved: bool) {
    if moved && let Some(panes) = timeline::panes(app) {
        panes.item = 0;
        panes.open = false;
        panes.detail_top = None;
    }
    app.selected = pos;
    let last = app.entries().len().saturating_sub(1);
    if let Some(panes) = timeline::panes(app) {
        panes.item = panes.item.min(last);
    }
    if let Some(e) = app.selected_event() {
        let t = e.date.earliest();
        app.window = app.window.keep_in_view(t);
    }
    timeline::scroll_list(app);
}

/// Asks the terminal layer to open the selected event's file in the user's editor.
fn open_in_editor(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    let Some(origin) = app.origin(event) else {
        return;
    };
    match &app.files[origin.part].path {
        Some(path) => {
            app.effects.push(Effect::EditFile {
                path: path.clone(),
                id: origin.id,
                place: app.data.stretches().and_then(|s| s.place(event)),
            });
        }
        None => app.message = Some("this timeline is built into tlx and has no file to edit".into()),
    }
}

fn open_url(app: &mut App) {
    // The URL as read, not as displayed, whose markers would hide what `url::is_openable` refuses.
    let raw = app.order().get(app.selected).map(|&i| app.raw_event(i));
    let url = raw.and_then(|e| match app.selected_item() {
        Some(Item::Source(i)) => e.sources[i].url.as_deref().map(String::from),
        Some(Item::Denial(i)) => e.denials[i].url.as_deref().map(String::from),
        None => e.sources.iter().find_map(|s| s.url.as_deref().map(String::from)),
    });
    let none: Said = match reference_link(app) {
        Some(_) => hint!(
            "no link of its own: ",
            Action::OpenReference,
            " opens the reference it was read in"
        )
        .into(),
        None => "no link to open here".into(),
    };
    open_link(app, url, none);
}

/// Opens the link of the reference the selected source or denial was read in (with none
/// selected, the first of the event's that has one).
fn open_reference(app: &mut App) {
    let url = reference_link(app);
    open_link(app, url, "no reference with a link here".into());
}

/// The link of the reference the selected item was read in, as read (its archived copy when it
/// gives no other); with no item selected, the first such link among the event's sources and denials.
fn reference_link(app: &App) -> Option<String> {
    let t = app.raw_records();
    let e = app.raw_event(*app.order().get(app.selected)?);
    let link = |via: &Option<Name>| {
        let r = t.references.get(via.as_deref()?)?;
        r.url.clone().or_else(|| r.archived.clone())
    };
    match app.selected_item() {
        Some(Item::Source(i)) => link(&e.sources[i].more().via),
        Some(Item::Denial(i)) => link(&e.denials[i].via),
        None => e
            .sources
            .iter()
            .map(|s| &s.more().via)
            .chain(e.denials.iter().map(|d| &d.via))
            .find_map(link),
    }
}

/// Hands a link to the browser when it is a web link with nothing hidden in it; otherwise says
/// why not, or `none` when there is no link.
fn open_link(app: &mut App, url: Option<String>, none: Said) {
    match url {
        Some(url) if url::is_openable(&url) => {
            app.message = Some(format!("opening {}", url::host_note(&url)).into());
            app.effects.push(Effect::OpenUrl(url));
        }
        Some(_) => {
            app.message =
                Some("not a web link: only http and https links with no spaces or hidden characters are opened".into())
        }
        None => app.message = Some(none),
    }
}

/// Copies a citation of the text as written; the terminal edge marks its controls (`tui::osc52`).
fn copy_citation(app: &mut App) {
    let Some(&index) = app.order().get(app.selected) else {
        return;
    };
    let (t, event) = (app.raw_records(), app.raw_event(index));
    let text = match app.selected_item() {
        Some(Item::Source(i)) => citation::source(t, event, &event.sources[i]),
        Some(Item::Denial(i)) => citation::denial(t, event, &event.denials[i]),
        None => citation::event(event),
    };
    app.effects.push(Effect::Copy(text));
    app.message = Some("citation copied to the clipboard".into());
}

#[cfg(test)]
mod computed_tests;
#[cfg(test)]
mod follow_tests;
#[cfg(test)]
mod prompt_tests;
#[cfg(test)]
mod research_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod tests;
