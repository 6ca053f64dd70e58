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
    /// Move the knowledge date back one step (day, month or year by the zoom).
    EarlierAsOf,
    /// Move the knowledge date on one step.
    LaterAsOf,
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
    /// Take back the last change to a star or a note.
    Undo,
    /// Show only starred events, or all again.
    OnlyStarred,
    /// Show one opened file at a time, each in turn, then all again.
    OnlyFile,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PreviousMatch,
    /// Open the selected source's link.
    OpenUrl,
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
