//! A file changed on disk: take the new version in, keeping the researcher's place.

use super::research::refilter_now;
use crate::app::data::Data;
use crate::app::state::App;
use crate::model::merge::Origin;
use crate::watch::Reload;

/// Applies what a change on disk came to. A file that loads replaces the old version, keeping the
/// selection (by event id), the filters and the view; one that does not leaves the data as it was
/// and says why in the banner until it loads again.
pub(super) fn reload(app: &mut App, reload: Reload<Box<Data>>) {
    match reload {
        Reload::Loaded {
            part,
            loaded,
            set_aside,
        } => {
            let label = app.files[part].label.clone();
            let before = app.timeline().events.len();
            take(app, *loaded);
            // A reload reads the whole file, so a load still under way has nothing newer.
            app.loading = None;
            if app.banner.as_ref().is_some_and(|(p, _)| *p == part) {
                app.banner = None;
            }
            let after = app.timeline().events.len();
            let change = match after.cmp(&before) {
                std::cmp::Ordering::Greater => format!(" (+{})", after - before),
                std::cmp::Ordering::Less => format!(" (-{})", before - after),
                std::cmp::Ordering::Equal => String::new(),
            };
            let set_aside = set_aside.map(|s| format!("; {s}")).unwrap_or_default();
            app.message = Some(format!("reloaded {label}: {after} events{change}{set_aside}").into());
        }
        Reload::Broken { part, message } => app.banner = Some((part, message)),
        Reload::Stopped(why) => app.message = Some(why.into()),
    }
}

/// Replaces the timeline with `data`, made ready where it was loaded, carrying the selection
/// and the context window's event over by origin.
pub(super) fn take(app: &mut App, data: Data) {
    let origin_at = |app: &App, i: usize| app.origins().get(i).cloned();
    let old = app.order().get(app.selected).copied();
    let selected = old.and_then(|i| origin_at(app, i));
    let around = app.filter.around.and_then(|a| Some((a, origin_at(app, a.event)?)));
    let whole = app.window == app.data.fit();
    app.data = std::sync::Arc::new(data.succeeding(&app.data));
    if whole {
        app.window = app.data.fit();
    }
    let index = |app: &App, o: &Origin| app.origins().iter().position(|x| x == o);
    app.filter.around = around.and_then(|(a, o)| {
        Some(crate::filter::Around {
            event: index(app, &o)?,
            ..a
        })
    });
    // Select the same event again, found by where it came from rather than by position; if it
    // is gone, whatever now sits at its old index, so the view stays about where it was.
    let last = app.timeline().events.len().checked_sub(1);
    let keep = selected
        .as_ref()
        .and_then(|o| index(app, o))
        .or_else(|| Some(old?.min(last?)));
    refilter_now(app, keep);
}
