//! A file changed on disk: take the new version in, keeping the researcher's place.

use std::sync::Arc;

use super::research::{refilter_incoming, refilter_now, shown_of_incoming};
use crate::app::compute::drop_off_thread;
use crate::app::data::Data;
use crate::app::state::{App, Banner, Incoming, Showing, Then};
use crate::diagnostic::plural;
use crate::filter::{Around, Filter};
use crate::watch::Reload;

/// Applies what a change on disk came to. A file that loads replaces the old version, keeping the
/// selection (by event id), the filters and the view; one that does not leaves the data as it was
/// and says why in the banner until it loads again.
pub(super) fn reload(app: &mut App, reload: Reload<Box<Data>>) {
    app.reloading = matches!(reload, Reload::Reloading { .. });
    match reload {
        Reload::Reloading { .. } => {}
        Reload::Loaded {
            part,
            loaded,
            set_aside,
        } => {
            let label = &app.files[part].label;
            // The file's own events: with several files, the merged total is not what changed.
            let before = newest(app).events_of(part);
            let after = loaded.events_of(part);
            let change = match after.cmp(&before) {
                std::cmp::Ordering::Greater => format!(" (+{})", after - before),
                std::cmp::Ordering::Less => format!(" (-{})", before - after),
                std::cmp::Ordering::Equal => String::new(),
            };
            let all = loaded.timeline().events.len();
            let in_all = if app.files.len() > 1 {
                format!(", {all} in all")
            } else {
                String::new()
            };
            let set_aside = set_aside.map(|s| format!("; {s}")).unwrap_or_default();
            let events = plural(after, "event");
            let said = format!("reloaded {label}: {after} {events}{change}{in_all}{set_aside}");
            // A reload reads the whole file, so a load still under way has nothing newer.
            app.loading = None;
            take(app, *loaded, Then::Reloaded(part, said));
        }
        // A file that never opened still shows its preview; one that did, its last good version.
        Reload::Broken { part, message } => {
            let showing = match &app.banner {
                Some(b) if b.part == part => b.showing,
                _ => Showing::LastGood,
            };
            app.banner = Some(Banner { part, message, showing });
        }
        Reload::Stopped(why) => app.message = Some(why.into()),
    }
}

/// The newest data there is: one still being taken in, else the one shown.
fn newest(app: &App) -> &Arc<Data> {
    app.incoming.as_ref().map_or(&app.data, |i| &i.data)
}

/// Replaces the timeline with `data`, made ready where it was loaded, carrying the selection
/// and the context window's event over by origin, then does what `then` says. A small timeline
/// is shown at once; on a large one what is shown of it is worked out on a worker, and the
/// explorer goes on showing the data it replaces until that is in ([`arrived`]).
pub(super) fn take(app: &mut App, data: Data, then: Then) {
    let data = Arc::new(data.succeeding(newest(app)));
    if let Some(superseded) = app.incoming.take() {
        superseded.pending.cancel();
        drop_off_thread(superseded);
    }
    if data.timeline().events.len() < app.off_thread_from {
        let unfound = unfound(app);
        let keep = swap(app, data);
        refilter_now(app, keep);
        return end(app, then, unfound);
    }
    let filter = Filter {
        around: carried_around(app, &data),
        ..app.filter.clone()
    };
    refilter_incoming(app, data, filter, then);
}

/// What is shown of the data taken in is in: both replace what was shown, the selection carried
/// over by origin from wherever the researcher moved meanwhile.
pub(super) fn arrived(app: &mut App, incoming: Incoming, shown: crate::app::shown::Shown) {
    let Incoming {
        data,
        filter,
        pending,
        then,
    } = incoming;
    let unfound = unfound(app);
    let keep = swap(app, data);
    shown_of_incoming(app, shown, keep, &filter, pending.after);
    end(app, then, unfound);
}

/// A search that found nothing yet: once the whole file is in, it moves to its first match.
fn unfound(app: &App) -> bool {
    app.search.as_ref().is_some_and(|s| s.matches.is_empty())
}

/// What taking the data in ends with.
fn end(app: &mut App, then: Then, unfound: bool) {
    match then {
        Then::Loaded(set_aside) => super::loading::done(app, set_aside, unfound),
        Then::Reloaded(part, said) => {
            if app.banner.as_ref().is_some_and(|b| b.part == part) {
                app.banner = None;
            }
            if app.changes.written.take_if(|p| *p == part).is_none() {
                app.message = Some(said.into());
            }
        }
    }
}

/// The context window, its event carried over to `data` by origin (gone with its event).
fn carried_around(app: &App, data: &Data) -> Option<Around> {
    let around = app.filter.around?;
    let origin = app.origin(around.event)?;
    Some(Around {
        event: data.find(&origin)?,
        ..around
    })
}

/// Puts `data` in place of the data shown, carrying the context window's event and the axis
/// window over; returns the event to select in it (by timeline index). What is shown must be
/// worked out from `data` before anything reads it.
fn swap(app: &mut App, data: Arc<Data>) -> Option<usize> {
    let old = app.order().get(app.selected).copied();
    let selected = old.and_then(|i| app.origin(i));
    let around = carried_around(app, &data);
    let whole = app.window == app.data.fit();
    drop_off_thread(std::mem::replace(&mut app.data, data));
    if whole {
        app.window = app.data.fit();
    }
    app.filter.around = around;
    // Select the same event again, found by where it came from rather than by position; if it
    // is gone, whatever now sits at its old index, so the view stays about where it was.
    let last = app.timeline().events.len().checked_sub(1);
    selected
        .as_ref()
        .and_then(|o| app.data.find(o))
        .or_else(|| Some(old?.min(last?)))
}
