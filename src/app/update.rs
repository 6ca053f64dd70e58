//! The only code that changes the explorer's state: one action at a time.

use ratatui::layout::Rect;

mod loading;
mod marks;
mod matrix;
mod prompt;
mod reload;
mod research;

pub use loading::{loaded, progress};
pub use reload::reload;

use super::action::Action;
use super::layout::Areas;
use super::state::{App, Effect, Focus, Mode, Prompt, Screen};
use crate::model::evidence::Item;
use crate::{citation, url};

/// How much one `+`/`-` press zooms.
const ZOOM_STEP: f64 = 2.0;

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    handle(app, action);
    settle(app);
}

/// Applies the prompt text typed since the last call: its search or filter.
pub fn settle(app: &mut App) {
    prompt::settle(app);
}

/// Applies an action as [`update`] does, except that the search or filter of a prompt being
/// typed in waits for [`settle`]; the event loop settles once the queued keys are handled.
pub fn handle(app: &mut App, action: Action) {
    // A resize is not the user acting on the message, which may be what tlx said on opening.
    if !matches!(action, Action::Resize(..)) {
        app.message = None;
    }
    match (&app.mode, action) {
        (_, Action::Quit) => app.running = false,
        (_, Action::Resize(w, h)) => {
            app.size = (w, h);
            scroll_list(app);
        }
        (Mode::Help { scroll }, a) => {
            let scroll = *scroll;
            app.mode = match a {
                Action::Next => Mode::Help { scroll: scroll + 1 },
                Action::Previous => Mode::Help {
                    scroll: scroll.saturating_sub(1),
                },
                Action::Back | Action::Help => Mode::Browse,
                _ => Mode::Help { scroll },
            };
        }
        (Mode::Prompt { .. }, a) => prompt::update(app, a),
        (Mode::Item, Action::Back | Action::Enter) => app.mode = Mode::Browse,
        (_, a) => {
            if !(app.screen == Screen::Matrix && matrix::update(app, a)) {
                update_browse(app, a);
            }
        }
    }
}

fn update_browse(app: &mut App, action: Action) {
    let in_detail = app.focus == Focus::Detail;
    let page = page_rows(app);
    match action {
        Action::Next if in_detail => move_item(app, 1),
        Action::Previous if in_detail => move_item(app, -1),
        Action::First if in_detail => app.item = 0,
        Action::Last if in_detail => app.item = app.items().len().saturating_sub(1),
        Action::Next => select(app, app.selected.saturating_add(1)),
        Action::Previous => select(app, app.selected.saturating_sub(1)),
        Action::First => select(app, 0),
        Action::Last => select(app, usize::MAX),
        Action::PageDown => select(app, app.selected.saturating_add(page)),
        Action::PageUp => select(app, app.selected.saturating_sub(page)),
        Action::Scroll(n) => select(app, app.selected.saturating_add_signed(n as isize)),
        Action::Select(pos) => {
            select(app, pos);
            app.focus = Focus::List;
            app.mode = Mode::Browse;
        }
        Action::Enter if in_detail && app.selected_item().is_some() => app.mode = Mode::Item,
        Action::Enter if in_detail => {}
        Action::Enter | Action::FocusNext | Action::FocusPrevious if app.selected_event().is_some() => {
            app.focus = if in_detail { Focus::List } else { Focus::Detail };
            app.item = 0;
        }
        Action::Back if in_detail => app.focus = Focus::List,
        // Esc in the list clears a kept search, then the filters; with neither, it says how to leave.
        Action::Back if app.search.take().is_some() => {}
        Action::Back if app.filter.is_active() => research::clear(app),
        Action::Back => app.message = Some("press q to quit".into()),
        Action::ZoomIn | Action::ZoomOut => {
            let factor = if action == Action::ZoomIn {
                1.0 / ZOOM_STEP
            } else {
                ZOOM_STEP
            };
            app.window = app.window.zoom(zoom_centre(app), factor);
        }
        Action::ZoomTo(zoom) => app.window = zoom.window(app.fit, zoom_centre(app)),
        Action::ZoomFit => app.window = app.fit,
        Action::Search => {
            app.screen = Screen::Timeline;
            prompt::open(app, Prompt::Search { origin: app.selected }, String::new());
            app.search = None;
        }
        Action::Filter => {
            let text = app
                .filter
                .query
                .as_ref()
                .map_or(String::new(), |q| q.text().to_string());
            let previous = app.filter.query.clone();
            prompt::open(app, Prompt::Filter { previous }, text);
        }
        Action::AsOf => {
            let text = app
                .filter
                .as_of
                .as_ref()
                .map_or(String::new(), |a| a.date().as_str().to_string());
            prompt::open(app, Prompt::AsOf, text);
        }
        Action::Export => prompt::open(app, Prompt::Export, "tlx-view.md".to_string()),
        Action::ClearFilters => research::clear(app),
        Action::EarlierAsOf => research::step_as_of(app, -1),
        Action::LaterAsOf => research::step_as_of(app, 1),
        Action::Context => research::cycle_context(app),
        Action::Sort => research::toggle_sort(app),
        Action::Matrix => matrix::show(app),
        Action::Timeline => app.screen = Screen::Timeline,
        Action::NextMatch => jump_to_match(app, true),
        Action::PreviousMatch => jump_to_match(app, false),
        Action::Star => marks::toggle_star(app),
        Action::NextStar => marks::jump(app, true),
        Action::PreviousStar => marks::jump(app, false),
        Action::Note => marks::edit_note(app),
        Action::OnlyStarred => research::only_starred(app),
        Action::OnlyFile => research::only_file(app),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::OpenUrl => open_url(app),
        Action::CopyCitation => copy_citation(app),
        _ => {}
    }
}

/// The instant zooming keeps still: the selected event's start.
fn zoom_centre(app: &App) -> i64 {
    app.selected_event().map_or(app.window.start, |e| e.date.earliest())
}

/// Moves to the next (or previous) match of the kept search, wrapping around.
fn jump_to_match(app: &mut App, forward: bool) {
    let Some(search) = &app.search else {
        app.message = Some("no search yet: press / to search".into());
        return;
    };
    let m = &search.matches;
    if m.is_empty() {
        app.message = Some(format!("no event matches \"{}\"", search.text));
        return;
    }
    let Some((target, n, wrapped)) = step_among(m, app.selected, forward) else {
        return;
    };
    let total = m.len();
    select(app, target);
    app.message = Some(if wrapped {
        format!("match {n} of {total} (wrapped)")
    } else {
        format!("match {n} of {total}")
    });
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

/// Selects a position (clamped), resetting the detail cursor and keeping list and axis on it.
fn select(app: &mut App, pos: usize) {
    let pos = pos.min(app.order.len().saturating_sub(1));
    place(app, pos, pos != app.selected);
}

/// Puts the selection at `pos`; on another event than before (`moved`) the detail starts afresh.
fn place(app: &mut App, pos: usize, moved: bool) {
    if moved {
        app.item = 0;
        if app.mode == Mode::Item {
            app.mode = Mode::Browse;
        }
    }
    app.selected = pos;
    app.item = app.item.min(app.items().len().saturating_sub(1));
    if let Some(e) = app.selected_event() {
        let t = e.date.earliest();
        app.window = app.window.keep_in_view(t);
    }
    scroll_list(app);
}

fn move_item(app: &mut App, delta: isize) {
    let count = app.items().len();
    if count > 0 {
        app.item = app.item.saturating_add_signed(delta).min(count - 1);
    }
}

fn page_rows(app: &App) -> usize {
    list_rows(app).saturating_sub(1).max(1)
}

fn list_rows(app: &App) -> usize {
    Areas::new(Rect::new(0, 0, app.size.0, app.size.1)).map_or(1, |a| a.list_rows().max(1))
}

/// Keeps the selected row inside the list's visible rows.
fn scroll_list(app: &mut App) {
    let rows = list_rows(app);
    if app.selected < app.list_offset {
        app.list_offset = app.selected;
    } else if app.selected >= app.list_offset + rows {
        app.list_offset = app.selected + 1 - rows;
    }
    let max_offset = app.order.len().saturating_sub(rows);
    app.list_offset = app.list_offset.min(max_offset);
}

fn open_url(app: &mut App) {
    // The displayed copy: a URL that needed markers there is not a web link (`url::is_web`).
    let url = app.selected_event().and_then(|e| match app.selected_item() {
        Some(Item::Source(i)) => e.sources[i].url.clone(),
        Some(Item::Denial(i)) => e.denials[i].url.clone(),
        None => e.sources.iter().find_map(|s| s.url.clone()),
    });
    match url {
        Some(url) if url::is_web(&url) => {
            app.message = Some(format!("opening {}", url::host_note(&url)));
            app.effects.push(Effect::OpenUrl(url));
        }
        Some(_) => app.message = Some("only http and https links are opened".into()),
        None => app.message = Some("no link to open here".into()),
    }
}

/// Copies a citation of the text as written; the terminal edge marks its controls (`tui::osc52`).
fn copy_citation(app: &mut App) {
    let Some(&index) = app.order.get(app.selected) else {
        return;
    };
    let (t, event) = (app.raw(), &app.raw().events[index]);
    let text = match app.selected_item() {
        Some(Item::Source(i)) => citation::source(t, event, &event.sources[i]),
        Some(Item::Denial(i)) => citation::denial(t, event, &event.denials[i]),
        None => citation::event(event),
    };
    app.effects.push(Effect::Copy(text));
    app.message = Some("citation copied to the clipboard".into());
}

#[cfg(test)]
mod research_tests;
#[cfg(test)]
mod session_tests;
#[cfg(test)]
mod tests;
