//! Following an event's `related` events, and walking back and forth through the jump list.

use super::jump_to;
use crate::app::Action;
use crate::app::hint::{Said, hint};
use crate::app::screen::{Panes, timeline};
use crate::app::state::App;

/// Goes to the selected event's related event; with several, opens the picker on the first.
pub(super) fn follow_related(app: &mut App) {
    match app.related().len() {
        0 => app.message = Some("no related event recorded for this event".into()),
        1 => follow(app, 0),
        _ => {
            // The picker is drawn over the detail, which the timeline screen has.
            timeline::show(app, Panes::default());
            timeline::close_item(app);
            if let Some(panes) = timeline::panes(app) {
                panes.related = Some(0);
            }
            say_picked(app, 0);
        }
    }
}

/// Applies a key while the related-event picker is open; false for a key that is not the
/// picker's, which closes it and then does what it does anywhere.
pub(in crate::app) fn pick(app: &mut App, action: Action) -> bool {
    let (Some(at), n) = (app.panes().and_then(|p| p.related), app.related().len()) else {
        return false;
    };
    let to = match action {
        Action::Next => (at + 1) % n.max(1),
        Action::Previous => (at + n.max(1) - 1) % n.max(1),
        Action::First => 0,
        Action::Last => n.saturating_sub(1),
        Action::Enter | Action::FollowRelated => {
            close(app);
            follow(app, at);
            return true;
        }
        Action::Back => {
            close(app);
            return true;
        }
        _ => {
            close(app);
            return false;
        }
    };
    if let Some(panes) = timeline::panes(app) {
        panes.related = Some(to);
    }
    say_picked(app, to);
    true
}

/// Closes the related-event picker, if it is open.
pub(in crate::app) fn close(app: &mut App) {
    if let Some(panes) = timeline::panes(app) {
        panes.related = None;
    }
}

fn say_picked(app: &mut App, at: usize) {
    let n = app.related().len();
    app.message = Some(Said::from(format!("related {} of {n}", at + 1)).and(hint!(
        ": ",
        Action::Enter,
        " goes there, ",
        Action::Back,
        " closes"
    )));
}

/// Goes to the selected event's related event `k`, or says why it cannot.
fn follow(app: &mut App, k: usize) {
    let Some(r) = app.related().get(k).copied() else {
        return;
    };
    let message: Said = match (r.pos, r.event) {
        (Some(pos), Some(e)) => {
            let title = e.title.clone();
            jump_to(app, pos);
            Said::from(format!("to \"{title}\"")).and(hint!("; ", Action::JumpBack, " goes back"))
        }
        (None, Some(e)) => Said::from(format!("\"{}\" is not shown", e.title)).and(hint!(
            ": ",
            Action::ClearFilters,
            " clears the filters"
        )),
        (_, None) => format!("no event has the id \"{}\"", r.id).into(),
    };
    app.message = Some(message);
}

/// Walks back (or forward) through the jump list to the nearest place still shown; places no
/// longer shown are dropped on the way, as vim drops deleted lines.
pub(super) fn walk(app: &mut App, forward: bool) {
    let Some(here) = app.selected_event().map(|e| e.id.clone()) else {
        return;
    };
    let mut jumps = std::mem::take(&mut app.jumps);
    let to = jumps.walk(&here, forward, |id| id != here && app.position_of(id).is_some());
    app.jumps = jumps;
    let Some(id) = to else {
        let which = if forward { "newer" } else { "older" };
        app.message = Some(format!("no {which} place in the jump list").into());
        return;
    };
    if let Some(pos) = app.position_of(&id) {
        super::select(app, pos);
    }
    let (back, ahead) = app.jumps.len();
    app.message = Some(format!("jump list: {back} back, {ahead} forward").into());
}
