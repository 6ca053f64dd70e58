//! A large file loading on a thread: its progress, then the whole timeline in place of the
//! preview, keeping the researcher's place as a reload does.

use super::prompt::jump_once_found;
use super::reload::take;
use super::select;
use crate::app::state::App;
use crate::model::merge::Merged;

/// The load has come this far (percent).
pub(super) fn progress(app: &mut App, percent: u8) {
    if let Some(loading) = &mut app.loading {
        loading.percent = percent;
    }
}

/// The whole file is loaded: it replaces the preview, and the footer says which events were set
/// aside for their errors (`set_aside`), else what the opening would have said (bookmarks whose
/// events are gone) unless it already says something. When the file changed meanwhile and was
/// reloaded whole, that newer version stays.
///
/// Keys pressed during the load meant the whole file: End the last event of it, and a search
/// that found nothing in the preview moves to its first match in the whole file. A filter
/// typed meanwhile is kept, so it applies to the whole file as it comes in.
pub(super) fn loaded(app: &mut App, merged: Merged, set_aside: Option<String>) {
    let Some(loading) = app.loading else {
        return;
    };
    let unfound = app.search.as_ref().is_some_and(|s| s.matches.is_empty());
    take(app, merged);
    app.loading = None;
    if loading.to_last {
        select(app, usize::MAX);
    } else if unfound {
        jump_once_found(app);
    }
    if set_aside.is_some() {
        app.message = set_aside.map(Into::into);
    } else if app.message.is_none() {
        app.message = app.opening_message(Vec::new());
    }
}
