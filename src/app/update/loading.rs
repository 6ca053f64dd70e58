//! A large file loading on a thread: its progress, then the whole timeline in place of the
//! preview, keeping the researcher's place as a reload does.

use super::reload::take;
use crate::app::state::App;
use crate::model::merge::Merged;

/// The load has come this far (percent).
pub(super) fn progress(app: &mut App, percent: u8) {
    if app.loading.is_some() {
        app.loading = Some(percent);
    }
}

/// The whole file is loaded: it replaces the preview, and the footer says which events were set
/// aside for their errors (`set_aside`), else what the opening would have said (bookmarks whose
/// events are gone) unless it already says something. When the file changed meanwhile and was
/// reloaded whole, that newer version stays.
pub(super) fn loaded(app: &mut App, merged: Merged, set_aside: Option<String>) {
    if app.loading.is_none() {
        return;
    }
    take(app, merged);
    app.loading = None;
    if set_aside.is_some() {
        app.message = set_aside.map(Into::into);
    } else if app.message.is_none() {
        app.message = app.opening_message(Vec::new());
    }
}
