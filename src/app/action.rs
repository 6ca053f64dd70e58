//! Everything a user can bind. Keys map to actions, help describes them, tests speak them; what
//! else changes the explorer is a [`Msg`](super::Msg).

use serde::Deserialize;

/// One request a key can make of the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Next event in time, or next item in the detail; in a prompt, a newer entry of its history.
    Next,
    /// Previous event in time, or previous item in the detail; in a prompt, an older entry of its history.
    Previous,
    /// First event (or item); in a prompt, the start of the line.
    First,
    /// Last event (or item); in a prompt, the end of the line.
    Last,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Drill into the detail; in the detail, open the selected item in full.
    Enter,
    /// Back out one level.
    Back,
    /// Cycle focus forward.
    FocusNext,
    /// Cycle focus backward.
    FocusPrevious,
    /// Zoom the axis in around the selection.
    ZoomIn,
    /// Zoom the axis out.
    ZoomOut,
    /// Fit the whole timeline.
    ZoomFit,
    /// Start typing a search.
    Search,
    /// Keep what was typed in the prompt (search, filter or knowledge date).
    Accept,
    /// Close the prompt, undoing what it changed.
    Cancel,
    /// Delete the prompt's character before the cursor.
    DeleteChar,
    /// Delete the prompt's character under the cursor.
    DeleteForward,
    /// Delete the prompt's word before the cursor.
    DeleteWord,
    /// Delete the prompt's text from the start of the line to the cursor.
    DeleteToStart,
    /// Start a new line in a note.
    NewLine,
    /// Complete the field name or value being typed.
    Complete,
    /// Type a filter query.
    Filter,
    /// Drop the filter, the knowledge date, the context window and the sort.
    ClearFilters,
    /// Type a knowledge date.
    AsOf,
    /// Move the knowledge date back one period of its own precision (a day stays a day).
    EarlierAsOf,
    /// Move the knowledge date on one period of its own precision.
    LaterAsOf,
    /// Move the knowledge date back one step of the zoom's unit (day, month or year).
    EarlierAsOfByZoom,
    /// Move the knowledge date on one step of the zoom's unit.
    LaterAsOfByZoom,
    /// Move the knowledge date back to the previous date at which what it shows changes.
    PreviousChange,
    /// Move the knowledge date on to the next date at which what it shows changes.
    NextChange,
    /// Hide events known only by their reference's date until then, or show them marked again.
    StrictAsOf,
    /// Narrow to a week, a month, a year around the selected event, then back to everything.
    Context,
    /// Switch between date order and disputes first.
    Sort,
    /// Show the who-said-what matrix.
    Matrix,
    /// Show the timeline.
    Timeline,
    /// Swap the matrix's rows and columns.
    Transpose,
    /// Show, under the matrix, each party's stance on each claim of the selected event, or the cell again.
    ClaimColumns,
    /// Write the shown events to a file, in the format its name says.
    Export,
    /// Move left in the matrix, or the prompt's cursor.
    Left,
    /// Move right in the matrix, or the prompt's cursor.
    Right,
    /// Star the selected event, or take its star away.
    Star,
    /// Next starred event, wrapping around.
    NextStar,
    /// Previous starred event, wrapping around.
    PreviousStar,
    /// Write a note on the selected event.
    Note,
    /// Take back the session's newest change: to a star, a note or the file.
    Undo,
    /// Make again the newest change undone.
    Redo,
    /// Add an event to the selected event's file, in a form.
    AddEvent,
    /// Add a source to the selected event, in a form.
    AddSource,
    /// Add a denial to the selected event, in a form.
    AddDenial,
    /// Add a claim to the selected event, in a form.
    AddClaim,
    /// Change the selected source, denial or claim (or the event, from the list), in a form.
    Edit,
    /// Delete the selected source, denial or claim (or the event, from the list).
    Delete,
    /// Show only starred events, or all again.
    OnlyStarred,
    /// Show one opened file at a time, each in turn, then all again.
    OnlyFile,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PreviousMatch,
    /// Open the selected event's file in the user's editor at its line; in the note prompt, the note.
    OpenInEditor,
    /// Open the selected source's link.
    OpenUrl,
    /// Open the link of the reference the selected source or denial was read in.
    OpenReference,
    /// Go to a related event; with several, pick one first.
    FollowRelated,
    /// Back to where the last jump started (vim's Ctrl-o).
    JumpBack,
    /// Forward again through the jump list (vim's Ctrl-i).
    JumpForward,
    /// Keep the axis window when a filter or the context window changes, or re-fit it again.
    HoldWindow,
    /// Copy a citation of the selection.
    CopyCitation,
    /// Show or hide the legend line that says what the marks mean.
    Legend,
    /// Show or hide the event ids in the list.
    Ids,
    /// Show the help overlay.
    Help,
    /// Leave tlx.
    Quit,
}
