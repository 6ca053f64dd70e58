//! The who-said-what screen: moving the cursor over parties and events, and jumping to a cell's evidence.

use super::timeline::{self, Focus, Panes};
use crate::app::action::Action;
use crate::app::message::Msg;
use crate::app::screen::Screen;
use crate::app::state::App;
use crate::app::update::{any_screen, select, tabulate};
use crate::model::evidence::Entry;

/// The cursor of the who-said-what matrix, in table terms (not screen rows and columns); its
/// event is the selected event, since the matrix's events are the shown ones in the same order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixCursor {
    /// Selected party (outlet or denier).
    pub party: usize,
    /// `Some(true)`: events down the side; `None`: whichever fits.
    pub transposed: Option<bool>,
    /// The panel shows the selected event's claims as columns instead of the cell's quotes.
    pub claims: bool,
}

/// Shows the matrix with the cursor on the selected event, at the first party that spoke of it.
/// On a large timeline not tabulated yet, the screen comes up at once and the table is worked out
/// on a worker; the cursor is placed when it is in.
pub(in crate::app) fn show(app: &mut App) {
    app.screen = Screen::Matrix(app.matrix_cursor());
    // Kept from an earlier visit unless the shown events have changed since.
    if app.matrix().is_none() && app.timeline().events.len() >= app.off_thread_from {
        return tabulate(app);
    }
    app.shown.tabulate(&app.data);
    place(app);
}

/// Puts the cursor at the first party that spoke of the selected event, unless its party did.
pub(in crate::app) fn place(app: &mut App) {
    let mut cursor = app.matrix_cursor();
    let col = app.selected;
    let Some(m) = app.matrix() else { return };
    let current = cursor.party.min(m.parties.len().saturating_sub(1));
    let speakers = m.speakers(app.timeline(), col);
    cursor.party = match speakers.first() {
        Some(&first) if !speakers.contains(&current) => first,
        _ => current,
    };
    app.screen = Screen::Matrix(cursor);
}

/// Applies a message on the matrix; what is not the matrix's goes to [`any_screen`].
pub(in crate::app) fn update(app: &mut App, msg: Msg) {
    let action = match msg {
        Msg::Action(action) => action,
        Msg::Scroll(n) => return move_rows(app, n as isize),
        msg => return any_screen(app, msg),
    };
    let page = app
        .areas()
        .map_or(1, |a| a.matrix.fitting(app.matrix_panel_lines()).rows().max(1)) as isize;
    match action {
        Action::Next => move_rows(app, 1),
        Action::Previous => move_rows(app, -1),
        Action::PageDown => move_rows(app, page),
        Action::PageUp => move_rows(app, -page),
        Action::First => move_rows(app, isize::MIN / 2),
        Action::Last => move_rows(app, isize::MAX / 2),
        Action::Right => move_columns(app, 1),
        Action::Left => move_columns(app, -1),
        Action::Transpose => {
            let transposed = Some(!app.matrix_transposed());
            if let Screen::Matrix(cursor) = &mut app.screen {
                cursor.transposed = transposed;
            }
        }
        Action::ClaimColumns => {
            if let Screen::Matrix(cursor) = &mut app.screen {
                cursor.claims = !cursor.claims;
            }
        }
        Action::Enter => jump(app),
        Action::Timeline | Action::Back => timeline::show(app, Panes::default()),
        action => any_screen(app, Msg::Action(action)),
    }
}

/// Moves along the screen's rows: parties, or events when transposed.
fn move_rows(app: &mut App, n: isize) {
    if app.matrix_transposed() {
        move_event(app, n);
    } else {
        move_party(app, n);
    }
}

/// Moves along the screen's columns: events, or parties when transposed.
fn move_columns(app: &mut App, n: isize) {
    if app.matrix_transposed() {
        move_party(app, n);
    } else {
        move_event(app, n);
    }
}

fn move_party(app: &mut App, n: isize) {
    let last = app.matrix().map_or(0, |m| m.parties.len()).saturating_sub(1);
    if let Screen::Matrix(cursor) = &mut app.screen {
        cursor.party = cursor.party.saturating_add_signed(n).min(last);
    }
}

fn move_event(app: &mut App, n: isize) {
    select(app, app.selected.saturating_add_signed(n));
}

/// Opens the timeline on the cell's event (the selected one) with its first source or denial selected in the detail.
fn jump(app: &mut App) {
    let party = app.matrix_cursor().party;
    let Some(m) = app.matrix().filter(|m| !m.events.is_empty()) else {
        return;
    };
    let first = m.cell(app.timeline(), party, app.selected).first().map(|s| s.item());
    let name = m.parties.get(party).cloned();
    match first.and_then(|item| app.entries().iter().position(|&i| i == Entry::Said(item))) {
        Some(item) => timeline::show(
            app,
            Panes {
                focus: Focus::Detail,
                item,
                ..Panes::default()
            },
        ),
        None => {
            timeline::show(app, Panes::default());
            if let Some(party) = name {
                app.message = Some(format!("{party} said nothing about this event").into());
            }
        }
    }
}
