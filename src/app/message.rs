//! Everything that changes the explorer, as one type: what a user can bind ([`Action`]) and what
//! arrives otherwise (typed text, the mouse, a resize, a reload, a load's progress, an effect's
//! outcome). [`update`](super::update) is the one door they all go through.

use super::Action;
use super::data::Data;
use super::layout::DetailRows;
use crate::axis::Zoom;
use crate::watch::Reload;

/// One change asked of the explorer.
#[derive(Debug, Clone)]
pub enum Msg {
    /// What a key bound in the keymap asks for.
    Action(Action),
    /// A character typed into the prompt.
    Type(char),
    /// Text pasted into the prompt (bracketed paste), as the terminal sent it.
    Paste(String),
    /// Select the event at this position in the shown order (a click on a row or a marker).
    Select(usize),
    /// Mouse wheel over the list (positive: down).
    Scroll(i32),
    /// Mouse wheel over the detail pane: this many rows (positive: down) from where its text
    /// stands.
    ScrollDetail(i32, DetailRows),
    /// Show this much time on the axis about the selection (the config's opening zoom).
    ZoomTo(Zoom),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// The help has this many lines (the view counts them from the keymap in force).
    HelpLength(u16),
    /// Apply the prompt text typed since the last settle: its search or filter.
    Settle,
    /// What a change on disk came to.
    Reload(Reload<Box<Data>>),
    /// The load in the background has come this far (percent).
    Progress(u8),
    /// The load in the background is done: the whole files, made ready on the loading thread,
    /// replace the previews; what was set aside for their errors, if anything.
    Loaded(Box<Data>, Option<String>),
    /// The load in the background ended without a timeline: which file did not open (the
    /// first, by its place among them) and why (its errors, rendered). The previews stay,
    /// under a banner that says so.
    Unopened(usize, String),
    /// A worker worked out what is shown for the job of this generation
    /// ([`Effect::Compute`](super::Effect::Compute)).
    Computed(u64, Box<super::shown::Shown>),
    /// A worker tabulated the matrix of what is shown for the job of this generation
    /// ([`Effect::Compute`](super::Effect::Compute)).
    Tabulated(u64, Box<crate::model::matrix::Matrix>),
    /// A worker searching for the search of this generation found these hits
    /// ([`Effect::Compute`](super::Effect::Compute)).
    Found(u64, super::compute::Found),
    /// The queued effects were carried out, with what came of them.
    Performed(Performed),
    /// What came of the edits asked of the terminal layer ([`Effect::Edit`](super::Effect::Edit)):
    /// what takes them back, in the order to apply it, or why nothing was written.
    Edited(Result<Vec<crate::edit::Undo>, String>),
    /// The shown events were written to `path`, or not: what the footer says of it
    /// ([`Effect::Export`](super::Effect::Export)).
    Exported { path: std::path::PathBuf, said: String },
    /// So many percent of the shown events are written to `path` (see [`Msg::Exported`]).
    Exporting { path: std::path::PathBuf, percent: u8 },
    /// The message inside, except that the search or filter of a prompt being typed in waits
    /// for [`Msg::Settle`]: the event loop queues the keys of one batch so they cost one pass.
    Queued(Box<Msg>),
}

/// What carrying out the queued effects came to.
#[derive(Debug, Clone, Default)]
pub struct Performed {
    /// What the footer says about them, if anything.
    pub said: Option<String>,
    /// A note written in the editor: the event's index in the timeline, and the text saved.
    pub note: Option<(usize, String)>,
}

impl Msg {
    /// This message, its search or filter left for the next [`Msg::Settle`].
    pub fn queued(self) -> Msg {
        Msg::Queued(Box::new(self))
    }
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}
