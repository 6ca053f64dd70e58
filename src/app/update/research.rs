//! The research views: knowledge date, context window, sort, and re-filtering after any of them.

use std::sync::Arc;

use super::place;
use crate::app::Action;
use crate::app::compute::{After, Ask, Keep, OnHits, Pending, Say, Working, drop_off_thread};
use crate::app::data::Data;
use crate::app::files::Marks;
use crate::app::hint::{Said, hint};
use crate::app::screen::Screen;
use crate::app::shown::Shown;
use crate::app::state::{App, Effect, Incoming, Then};
use crate::filter::{Around, Filter, Reach, Sort};
use crate::model::date::{DAY, Point, Qualifier};
use crate::model::evidence::{AsOf, Step};
use crate::model::matrix::Matrix;
use crate::model::{Date, Timeline, replay};

/// Applying a refresh that keeps `keep` selected, with nothing else to do.
fn after(keep: Keep) -> After {
    After {
        keep,
        refit: false,
        say: None,
        working: Working::Filtering,
        open_matrix: false,
    }
}

/// Opens the matrix on a large timeline: the screen is up at once, saying it is tabulating, and
/// the table of what is shown is worked out on a worker. Only the table: what is shown stays,
/// unless a refresh is under way, which then tabulates what it shows.
pub(super) fn tabulate(app: &mut App) {
    let after = After {
        working: Working::Tabulating,
        open_matrix: true,
        ..after(Keep::Selected)
    };
    if app.computing.is_some() {
        return refilter_then(app, after);
    }
    app.generation += 1;
    let (job, pending) = Pending::tabulate(&app.data, &app.shown, app.generation, after);
    app.effects.push(Effect::Compute(Box::new(job)));
    app.computing = Some(pending);
}

/// Re-applies the filter, then does what `after` says. On a large timeline the refresh is asked
/// of a worker (superseding one under way) and `after` waits for its result, so the screen keeps
/// answering with what it shows meanwhile.
pub(super) fn refilter_then(app: &mut App, after: After) {
    if app.timeline().events.len() < app.off_thread_from {
        return refresh_now(app, after);
    }
    if let Some(earlier) = app.computing.take() {
        earlier.cancel();
    }
    let (data, filter) = (Arc::clone(&app.data), app.filter.clone());
    app.computing = Some(ask(app, &data, &filter, after));
}

/// Asks a worker for what `filter` shows of `data`, to be applied as `after` says.
fn ask(app: &mut App, data: &Arc<Data>, filter: &Filter, after: After) -> Pending {
    app.generation += 1;
    let ask = Ask {
        data,
        filter,
        files: &app.files,
        tabulate: matches!(app.screen, Screen::Matrix(_)),
        base: &app.shown,
    };
    let (job, pending) = Pending::ask(ask, app.generation, after);
    app.effects.push(Effect::Compute(Box::new(job)));
    pending
}

/// Re-applies the filter to data just replaced, selecting event `kept` (by timeline index) or
/// the nearest in time: at once, whatever the size, since what is shown must be of the new data
/// before anything reads it.
pub(super) fn refilter_now(app: &mut App, kept: Option<usize>) {
    refresh_now(app, after(Keep::Event(kept)));
}

/// Re-applies the filter on this thread, superseding any refresh under way on a worker.
fn refresh_now(app: &mut App, after: After) {
    if let Some(earlier) = app.computing.take() {
        earlier.cancel();
    }
    let kept = keep(app, after.keep);
    let marks = Marks::of(&app.data, &app.files);
    let tabulate = matches!(app.screen, Screen::Matrix(_));
    app.shown.refresh(&app.data, &app.filter, &marks, tabulate);
    show(app, kept, after, Order::New);
}

/// Asks a worker for what `filter` shows of `data`, a large load or reload that replaces the
/// data shown once that is in ([`super::reload::arrived`]). A refresh under way on the data it
/// replaces is superseded: this one applies the same filter, and does what that one would have
/// once in (say its message, open the matrix).
pub(super) fn refilter_incoming(app: &mut App, data: Arc<Data>, filter: Filter, then: Then) {
    let mut after = after(Keep::Selected);
    if let Some(earlier) = app.computing.take() {
        earlier.cancel();
        after = earlier.after;
    }
    let pending = ask(app, &data, &filter, after);
    app.incoming = Some(Incoming {
        data,
        filter,
        pending,
        then,
    });
}

/// What is shown of data just taken in (`shown`, worked out with `asked_with`) is in: it is
/// shown, selecting event `kept` (by timeline index), as `after` says. What the researcher
/// asked for meanwhile was worked out on the data replaced, so it is asked for again.
pub(super) fn shown_of_incoming(app: &mut App, shown: Shown, kept: Option<usize>, asked_with: &Filter, after: After) {
    let meanwhile = app.computing.take();
    if let Some(stale) = &meanwhile {
        stale.cancel();
    }
    drop_off_thread(std::mem::replace(&mut app.shown, shown));
    show(app, kept, after, Order::New);
    if meanwhile.is_some() || app.filter != *asked_with {
        let after = meanwhile.map_or(after, |m| m.after);
        refilter_then(
            app,
            After {
                keep: Keep::Selected,
                ..after
            },
        );
    } else if matches!(app.screen, Screen::Matrix(_)) && app.matrix().is_none() {
        // The matrix was opened on the preview after this was asked for without a table.
        crate::app::screen::matrix::show(app);
    }
}

/// A worker's refresh is in: shown unless a newer one was asked for since (or the data was
/// replaced meanwhile), in which case it is stale and dropped.
pub(super) fn computed(app: &mut App, generation: u64, shown: Shown) {
    if let Some(incoming) = app.incoming.take_if(|i| i.pending.generation == generation) {
        return super::reload::arrived(app, incoming, shown);
    }
    let Some(pending) = app.computing.take_if(|p| p.generation == generation) else {
        return drop_off_thread(shown);
    };
    let kept = keep(app, pending.after.keep);
    drop_off_thread(std::mem::replace(&mut app.shown, shown));
    show(app, kept, pending.after, Order::New);
}

/// A worker's matrix of what is shown is in: taken in unless a newer job was asked for since.
pub(super) fn tabulated(app: &mut App, generation: u64, matrix: Matrix) {
    let Some(pending) = app.computing.take_if(|p| p.generation == generation) else {
        return drop_off_thread(matrix);
    };
    let kept = keep(app, pending.after.keep);
    app.shown.tabulated(matrix);
    // The order the table was made from is the one shown: a search under way goes on over it.
    show(app, kept, pending.after, Order::Same);
}

/// The event (by timeline index) to keep selected, from what is shown now.
fn keep(app: &App, keep: Keep) -> Option<usize> {
    match keep {
        Keep::Selected => app.order().get(app.selected).copied(),
        Keep::Event(event) => event,
    }
}

/// Whether a refresh changed the order of what is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// A new order: the search's hits are positions in the old one.
    New,
    /// Only something worked out from it (the matrix) is new.
    Same,
}

/// What follows a refresh: the search again (over a new order), the selection kept, the matrix
/// cursor in range, the axis fitted and the footer's message, as `after` asks.
fn show(app: &mut App, kept: Option<usize>, after: After, order: Order) {
    let pos = kept.map_or(0, |i| nearest(app.timeline(), app.order(), i));
    // Positions have shifted: what counts is whether the event is still the same one.
    place(app, pos, kept.is_none() || app.order().get(pos) != kept.as_ref());
    // The search again, over what is shown now, still doing what it was asked to if under way.
    if let Some(s) = app.search.as_ref().filter(|_| order == Order::New) {
        let then = s.running.as_ref().map_or(OnHits::default(), |r| r.then);
        super::prompt::start_search(app, s.query.clone(), None, app.selected, then);
    }
    let parties = app.matrix().map_or(0, |m| m.parties.len());
    if let Screen::Matrix(cursor) = &mut app.screen {
        cursor.party = cursor.party.min(parties.saturating_sub(1));
    }
    if after.refit {
        refit(app);
    }
    if let Some(say) = after.say {
        say_now(app, say);
    }
    if after.open_matrix && matches!(app.screen, Screen::Matrix(_)) {
        crate::app::screen::matrix::place(app);
    }
}

/// Re-applies the filter, fits the axis to what it shows when `refit`, and says `say`.
pub(super) fn refilter_saying(app: &mut App, refit: bool, say: Option<Say>, working: Working) {
    refilter_then(
        app,
        After {
            keep: Keep::Selected,
            refit,
            say,
            working,
            open_matrix: false,
        },
    );
}

/// Says `say` of what is shown: at once, or once the work under way is in (the search, for its
/// count; else the refresh), since until then what is shown is what that work replaces.
pub(super) fn say_once_shown(app: &mut App, say: Say) {
    let searching = app.search.as_mut().and_then(|s| s.running.as_mut());
    let refreshing = app.computing.as_mut().or(app.incoming.as_mut().map(|i| &mut i.pending));
    match (say, searching, refreshing) {
        (Say::Hits, Some(running), _) => running.then.say = true,
        (Say::Hits, None, _) | (_, _, None) => return say_now(app, say),
        (_, _, Some(pending)) => pending.after.say = Some(say),
    }
    app.message = None;
}

/// Says `say` of what is shown now. While a file loads that is its preview, so the load's end
/// says it again of the whole file unless the message has gone by then.
pub(super) fn say_now(app: &mut App, say: Say) {
    app.message = said(app, say);
    if let Some(loading) = &mut app.loading {
        loading.said = Some(say);
    }
}

/// What the footer says once a refresh is in, from what it shows.
fn said(app: &App, say: Say) -> Option<Said> {
    match say {
        Say::AsOf => app.filter.as_of.as_ref().map(|a| {
            let unit = step_name(Step::keeping(a.date().precision()));
            Said::from(known(app, a)).and(hint!(
                "; ",
                Action::EarlierAsOf,
                " ",
                Action::LaterAsOf,
                " step a ",
                unit,
                ", ",
                Action::PreviousChange,
                " ",
                Action::NextChange,
                " jump to changes"
            ))
        }),
        Say::Strict => {
            let mode = if app.strict_as_of {
                "strict: an event whose evidence only its reference dates is hidden until that date"
            } else {
                "not strict: an event whose evidence only its reference dates is shown, marked known by that date at the latest"
            };
            Some(match app.filter.as_of.as_ref() {
                Some(a) => format!("{}; {mode}", known(app, a)).into(),
                None => format!("{mode} (with a knowledge date)").into(),
            })
        }
        Say::BeforeFirstChange => {
            let said = app.filter.as_of.as_ref().map(|a| known(app, a)).unwrap_or_default();
            Some(format!("{said}: before the first change").into())
        }
        Say::Context => Some(match app.filter.around {
            Some(a) => Said::from(format!(
                "{} events within {} of \"{}\"",
                app.order().len(),
                a.reach.label(),
                app.timeline().events[a.event].title
            ))
            .and(hint!("; ", Action::Context, " widens")),
            None => "context window off: all events".into(),
        }),
        Say::Starred => Some(if app.filter.starred {
            Said::from(format!("{} starred events", app.order().len())).and(hint!(
                "; ",
                Action::OnlyStarred,
                " shows all again"
            ))
        } else {
            "all events, starred or not".into()
        }),
        Say::File => Some(match app.filter.file {
            Some(n) => format!("only {}: {} events", app.files[n].label, app.order().len()).into(),
            None => format!("all {} files", app.files.len()).into(),
        }),
        Say::Hits => app.search.as_ref().map(super::prompt::count),
        Say::Matches => Some(match app.filter.query {
            Some(_) => Said::from(format!(
                "{} of {} events match",
                app.order().len(),
                app.timeline().events.len()
            ))
            .and(hint!("; ", Action::ClearFilters, " clears")),
            None => "no filter".into(),
        }),
    }
}

/// The position of event `i` in `order`, or of the first event that starts no earlier.
fn nearest(t: &Timeline, order: &[usize], i: usize) -> usize {
    order.iter().position(|&j| j == i).unwrap_or_else(|| {
        let key = t.events[i].date.sort_key();
        order
            .iter()
            .position(|&j| t.events[j].date.sort_key() >= key)
            .unwrap_or(order.len().saturating_sub(1))
    })
}

/// Fits the axis to the shown events, unless the researcher holds the window: after a filter or
/// the context window, the whole timeline's span would squeeze what is left into a few columns.
pub(super) fn refit(app: &mut App) {
    if let (false, Some(fit)) = (app.hold_window, app.shown.fit()) {
        app.window = fit;
    }
}

/// Holds the axis window through filter and context changes, or lets it re-fit again (at once).
pub(super) fn hold_window(app: &mut App) {
    app.hold_window = !app.hold_window;
    refit(app);
    app.message = Some(if app.hold_window {
        hint!(
            "the axis keeps its window when a filter or the context changes; ",
            Action::HoldWindow,
            " re-fits it"
        )
        .into()
    } else {
        "the axis fits the shown events when a filter or the context changes".into()
    });
}

/// Drops every filter.
pub(super) fn clear(app: &mut App) {
    app.filter = Filter::default();
    refilter_saying(app, true, None, Working::Filtering);
    app.message = Some("filters cleared: all events, by date".into());
}

/// Sets or clears the knowledge date, strict as the researcher chose, and says what it leaves.
pub(super) fn set_as_of(app: &mut App, date: Option<Date>) {
    show_as_of(app, date, Keep::Selected, Some(Say::AsOf));
}

/// Sets the knowledge date, strict as the researcher chose, keeping `keep` selected, then says `say`.
fn show_as_of(app: &mut App, date: Option<Date>, keep: Keep, say: Option<Say>) {
    app.filter.as_of = date.map(|d| AsOf::new(d).strict(app.strict_as_of));
    let working = if app.filter.as_of.is_some() {
        Working::AsOf
    } else {
        Working::Filtering
    };
    refilter_then(
        app,
        After {
            keep,
            refit: false,
            say,
            working,
            open_matrix: false,
        },
    );
}

/// "as of 25 Jul 2015: 12 of 17 events known, 11 by a later date at the latest".
fn known(app: &App, a: &AsOf) -> String {
    let marked = app
        .order()
        .iter()
        .filter(|&&i| app.evidence()[i].known_by().is_some())
        .count();
    let marked = match marked {
        0 => String::new(),
        n => format!(", {n} by a later date at the latest"),
    };
    let strict = if a.is_strict() { " (strict)" } else { "" };
    format!(
        "as of {}{strict}: {} of {} events known{marked}",
        a.date().human(),
        app.order().len(),
        app.timeline().events.len(),
    )
}

/// Moves the knowledge date by `n` periods: of its own precision, or of the zoom's unit when
/// `by_zoom`; with none set, starts at the selection.
pub(super) fn step_as_of(app: &mut App, n: i64, by_zoom: bool) {
    let next = match &app.filter.as_of {
        Some(a) if by_zoom => a.step(step(app), n),
        Some(a) => a.step_kept(n),
        None => match app.selected_event() {
            Some(e) => AsOf::new(Date::from_point(Point {
                qualifier: Qualifier::Exact,
                ..e.date.start_point()
            })),
            None => return,
        },
    };
    set_as_of(app, Some(next.date().clone()));
}

/// Jumps the knowledge date to the next (or previous) date at which what it shows changes, selects
/// the event it is about and says what changed; back from the first change, to before it.
pub(super) fn jump_to_change(app: &mut App, later: bool) {
    let strict = app.strict_as_of;
    let cutoff = app.filter.as_of.as_ref().map(AsOf::cutoff);
    let t = app.timeline();
    let found = if later {
        replay::next(t, cutoff, strict)
    } else {
        replay::previous(t, cutoff, strict)
    };
    if let Some(change) = found {
        let said = change.describe(app.timeline(), strict);
        // The event the change is about is selected, so the detail shows what came out.
        let about = change.moments.first().map(|m| m.event());
        let keep = if about.is_some() {
            Keep::Event(about)
        } else {
            Keep::Selected
        };
        show_as_of(app, Some(change.as_of), keep, None);
        app.message = Some(said.into());
        return;
    }
    let start = replay::start(t, strict).filter(|s| !later && cutoff.is_none_or(|c| c > s.cutoff()));
    match start {
        Some(s) => show_as_of(
            app,
            Some(s.date().clone()),
            Keep::Selected,
            Some(Say::BeforeFirstChange),
        ),
        None => {
            let which = if later { "later" } else { "earlier" };
            app.message = Some(format!("no {which} change: nothing else comes out").into());
        }
    }
}

/// Switches between marking and hiding the events known only by their reference's date.
pub(super) fn toggle_strict(app: &mut App) {
    app.strict_as_of = !app.strict_as_of;
    let date = app.filter.as_of.as_ref().map(|a| a.date().clone());
    show_as_of(app, date, Keep::Selected, Some(Say::Strict));
}

/// Days when the axis shows under four months, months under ten years, else years.
fn step(app: &App) -> Step {
    match app.window.span() {
        s if s < 120 * DAY => Step::Day,
        s if s < 3650 * DAY => Step::Month,
        _ => Step::Year,
    }
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::Day => "day",
        Step::Month => "month",
        Step::Year => "year",
    }
}

/// Narrows to a week around the selected event, then a month, a year, then shows everything again;
/// on another event than the window's, starts again at a week around it.
pub(super) fn cycle_context(app: &mut App) {
    let Some(&event) = app.order().get(app.selected) else {
        return;
    };
    app.filter.around = match app.filter.around {
        Some(a) if a.event == event => a.reach.wider().map(|reach| Around { event, reach }),
        _ => Some(Around {
            event,
            reach: Reach::Week,
        }),
    };
    refilter_saying(app, true, Some(Say::Context), Working::Filtering);
}

/// Switches between date order and disputes first.
pub(super) fn toggle_sort(app: &mut App) {
    app.filter.sort = match app.filter.sort {
        Sort::Chronological => Sort::Disputes,
        Sort::Disputes => Sort::Chronological,
    };
    refilter_saying(app, false, None, Working::Filtering);
    app.message = Some(match app.filter.sort {
        Sort::Disputes => "disputes first: contested and denied events, most denials first".into(),
        Sort::Chronological => "by date".into(),
    });
}

/// Shows only starred events, or all again.
pub(super) fn only_starred(app: &mut App) {
    app.filter.starred = !app.filter.starred;
    refilter_saying(app, true, Some(Say::Starred), Working::Filtering);
}

/// Narrows to the first opened file, then the next, then shows all files again.
pub(super) fn only_file(app: &mut App) {
    if app.files.len() < 2 {
        app.message = Some("only one file is open".into());
        return;
    }
    app.filter.file = match app.filter.file {
        None => Some(0),
        Some(n) if n + 1 < app.files.len() => Some(n + 1),
        Some(_) => None,
    };
    refilter_saying(app, true, Some(Say::File), Working::Filtering);
}
