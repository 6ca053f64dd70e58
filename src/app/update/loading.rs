//! A large file loading on a thread: its progress, then the whole timeline in place of the
//! preview, keeping the researcher's place as a reload does.

use super::prompt::jump_once_found;
use super::reload::take;
use super::research::say_once_shown;
use super::select;
use crate::app::compute::drop_off_thread;
use crate::app::data::Data;
use crate::app::state::{App, Banner, Showing, Then};

/// The load has come this far (percent). A report sent just before the load's end may arrive
/// after it: it never takes the figure back.
pub(super) fn progress(app: &mut App, percent: u8) {
    if let Some(loading) = &mut app.loading {
        loading.percent = loading.percent.max(percent);
    }
}

/// The whole file is loaded: it replaces the preview (see [`take`]; on a large timeline once a
/// worker has worked out what is shown of it, the header saying so meanwhile). When the file
/// changed meanwhile and was reloaded whole, that newer version stays.
pub(super) fn loaded(app: &mut App, data: Data, set_aside: Option<String>) {
    let Some(loading) = &mut app.loading else {
        return drop_off_thread(data);
    };
    // Everything is read: what remains is working out what is shown.
    loading.percent = 100;
    take(app, data, Then::Loaded(set_aside));
}

/// A file in the background (`part`) does not open (`why`): the previews stay, with the errors
/// over them until a save fixes the file (the watcher then loads the files whole). Unless a
/// reload already replaced the previews.
pub(super) fn unopened(app: &mut App, part: usize, why: String) {
    if app.loading.take().is_some() {
        app.banner = Some(Banner {
            part,
            message: why,
            showing: Showing::Preview,
        });
    }
}

/// The whole file is shown: the footer says which events were set aside for their errors
/// (`set_aside`); else, when it still says a count of the preview (a filter's, a search's), that
/// count of the whole file; else what the opening would have said (bookmarks whose events are
/// gone) unless it already says something.
///
/// Keys pressed during the load meant the whole file: End the last event of it, and a search
/// that found nothing in the preview (`unfound`) moves to its first match in the whole file. A
/// filter typed meanwhile is kept, so it applies to the whole file as it comes in.
pub(super) fn done(app: &mut App, set_aside: Option<String>, unfound: bool) {
    let loading = app.loading.take().unwrap_or_default();
    let said = loading.said.filter(|_| set_aside.is_none());
    // Before the jump, whose "match 1 of N" says more than a count.
    if let Some(said) = said {
        say_once_shown(app, said);
    }
    if loading.to_last {
        select(app, usize::MAX);
    } else if unfound {
        jump_once_found(app);
    }
    if set_aside.is_some() {
        app.message = set_aside.map(Into::into);
    } else if said.is_none() && app.message.is_none() {
        app.message = app.opening_message(Vec::new());
    }
}
