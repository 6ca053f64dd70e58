//! The timeline screen: moving along the list, into the detail's sources and denials, opening
//! one in full; the list's scroll follows the selection.

use crate::app::action::Action;
use crate::app::message::Msg;
use crate::app::screen::Screen;
use crate::app::state::App;
use crate::app::update::{any_screen, follow, jump_to, select, select_last};

/// Which pane of the timeline screen receives movement keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    /// The event list.
    #[default]
    List,
    /// The detail pane's sources and denials.
    Detail,
}

/// The timeline screen's own state: the list's scroll and the detail's cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    /// Which pane has focus.
    pub focus: Focus,
    /// Selected entry among the detail's sources then denials.
    pub item: usize,
    /// True while that entry is opened in full over the screen.
    pub open: bool,
    /// First list row shown.
    pub list_offset: usize,
    /// While picking a related event to follow: the one under the cursor, among the selected
    /// event's `related`.
    pub related: Option<usize>,
    /// The detail's first row as scrolled by the mouse wheel; `None` while it follows the
    /// detail's cursor.
    pub detail_top: Option<usize>,
}

/// Applies a message on the timeline screen; what is not the timeline's goes to [`any_screen`].
pub(in crate::app) fn update(app: &mut App, msg: Msg) {
    let action = match msg {
        Msg::Action(action) if follow::pick(app, action) => return,
        Msg::Action(action) => action,
        Msg::Scroll(n) => {
            follow::close(app);
            return select(app, app.selected.saturating_add_signed(n as isize));
        }
        Msg::ScrollDetail(by, rows) => {
            if let Some(panes) = panes(app) {
                panes.detail_top = Some(rows.top.saturating_add_signed(by as isize).min(rows.last));
            }
            return;
        }
        Msg::Select(pos) => {
            follow::close(app);
            select(app, pos);
            close_item(app);
            if let Some(panes) = panes(app) {
                panes.focus = Focus::List;
            }
            return;
        }
        msg => return any_screen(app, msg),
    };
    if app.item_open() && matches!(action, Action::Back | Action::Enter) {
        return close_item(app);
    }
    let in_detail = app.focus() == Focus::Detail;
    let page = page_rows(app);
    match action {
        Action::Next if in_detail => move_item(app, 1),
        Action::Previous if in_detail => move_item(app, -1),
        Action::First if in_detail => set_item(app, 0),
        Action::Last if in_detail => set_item(app, app.entries().len().saturating_sub(1)),
        Action::Next => select(app, app.selected.saturating_add(1)),
        Action::Previous => select(app, app.selected.saturating_sub(1)),
        Action::First => jump_to(app, 0),
        Action::Last => select_last(app),
        Action::PageDown => select(app, app.selected.saturating_add(page)),
        Action::PageUp => select(app, app.selected.saturating_sub(page)),
        Action::Enter if in_detail && app.selected_entry().is_some() => {
            if let Some(panes) = panes(app) {
                panes.open = true;
            }
        }
        Action::Enter if in_detail => {}
        Action::Enter | Action::FocusNext | Action::FocusPrevious if app.selected_event().is_some() => {
            if let Some(panes) = panes(app) {
                panes.focus = if in_detail { Focus::List } else { Focus::Detail };
                panes.item = 0;
                panes.detail_top = None;
            }
        }
        Action::Back if in_detail => {
            if let Some(panes) = panes(app) {
                panes.focus = Focus::List;
            }
        }
        action => any_screen(app, Msg::Action(action)),
    }
}

/// Puts the timeline screen up with these panes, the list scrolled to the selection (nothing
/// changes when it is up already).
pub(in crate::app) fn show(app: &mut App, panes: Panes) {
    if !matches!(app.screen, Screen::Timeline(_)) {
        app.screen = Screen::Timeline(panes);
        scroll_list(app);
    }
}

/// The timeline screen's panes, when it is up.
pub(in crate::app) fn panes(app: &mut App) -> Option<&mut Panes> {
    if let Screen::Timeline(panes) = &mut app.screen {
        Some(panes)
    } else {
        None
    }
}

/// Closes the source or denial opened in full, if one is: a prompt or the help takes its place.
pub(in crate::app) fn close_item(app: &mut App) {
    if let Some(panes) = panes(app) {
        panes.open = false;
    }
}

/// Puts the detail's cursor on an entry, the detail scrolled to it again.
fn set_item(app: &mut App, item: usize) {
    if let Some(panes) = panes(app) {
        panes.item = item;
        panes.detail_top = None;
    }
}

fn move_item(app: &mut App, delta: isize) {
    let count = app.entries().len();
    if count > 0 {
        set_item(app, app.item().saturating_add_signed(delta).min(count - 1));
    }
}

fn page_rows(app: &App) -> usize {
    list_rows(app).saturating_sub(1).max(1)
}

pub(in crate::app) fn list_rows(app: &App) -> usize {
    app.areas().map_or(1, |a| a.list_rows().max(1))
}

/// Keeps the selected row inside the list's visible rows.
pub(in crate::app) fn scroll_list(app: &mut App) {
    let (rows, selected, shown) = (list_rows(app), app.selected, app.order().len());
    let Some(panes) = panes(app) else {
        return;
    };
    if selected < panes.list_offset {
        panes.list_offset = selected;
    } else if selected >= panes.list_offset + rows {
        panes.list_offset = selected + 1 - rows;
    }
    panes.list_offset = panes.list_offset.min(shown.saturating_sub(rows));
}
