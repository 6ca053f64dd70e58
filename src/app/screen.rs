//! The screens, each with the state that only it has: leaving a screen drops its state, so no
//! state of one screen can be left set on another.

/// Which pane of the timeline screen receives movement keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    /// The event list.
    #[default]
    List,
    /// The detail pane's sources and denials.
    Detail,
}

/// The timeline screen's own state: the list's scroll and the detail's cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    /// Which pane has focus.
    pub focus: Focus,
    /// Selected entry among the detail's sources then denials.
    pub item: usize,
    /// True while that entry is opened in full over the screen.
    pub open: bool,
    /// First list row shown.
    pub list_offset: usize,
}

/// The cursor of the who-said-what matrix, in table terms (not screen rows and columns); its
/// event is the selected event, since the matrix's events are the shown ones in the same order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixCursor {
    /// Selected party (outlet or denier).
    pub party: usize,
    /// `Some(true)`: events down the side; `None`: whichever fits.
    pub transposed: Option<bool>,
}

/// Which screen is up, with its own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The axis, the list and the detail.
    Timeline(Panes),
    /// Who said what: parties against events.
    Matrix(MatrixCursor),
}

impl Screen {
    /// True on the timeline screen.
    pub fn is_timeline(&self) -> bool {
        matches!(self, Screen::Timeline(_))
    }
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::Timeline(Panes::default())
    }
}
