//! The screens, each with the state that only it has, and the key modes they and the overlays
//! bind keys in: leaving a screen drops its state, so no state of one screen can be left set on
//! another, and what a screen is to the keymap is declared beside it.

use serde::Deserialize;

use super::action::Action;
use super::message::Msg;
use super::state::App;

pub(super) mod matrix;
pub(super) mod timeline;

pub use matrix::MatrixCursor;
pub use timeline::{Focus, Panes};

/// Which screen is up, with its own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The axis, the list and the detail.
    Timeline(Panes),
    /// Who said what: parties against events.
    Matrix(MatrixCursor),
}

/// What each screen is to the rest of the explorer, declared here once per screen.
impl Screen {
    /// The bindings that apply while browsing the screen.
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Screen::Timeline(_) => KeyMode::Browse,
            Screen::Matrix(_) => KeyMode::Matrix,
        }
    }

    /// The header's chip naming the screen, if it needs one.
    pub fn chip(&self) -> Option<&'static str> {
        match self {
            Screen::Timeline(_) => None,
            Screen::Matrix(_) => Some("who said what"),
        }
    }
}

/// The one dispatch on the screen up: each screen takes its own keys and leaves the rest to
/// `update::any_screen`.
impl Screen {
    /// Applies a message while the screen is browsed.
    pub(super) fn update(app: &mut App, msg: Msg) {
        match app.screen {
            Screen::Timeline(_) => timeline::update(app, msg),
            Screen::Matrix(_) => matrix::update(app, msg),
        }
    }

    /// Brings up the screen an action names, if it names one.
    pub(super) fn open(app: &mut App, action: Action) {
        match action {
            Action::Timeline => timeline::show(app, Panes::default()),
            Action::Matrix => matrix::show(app),
            _ => {}
        }
    }
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::Timeline(Panes::default())
    }
}

/// Which set of bindings applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyMode {
    /// Moving around the list and the detail.
    Browse,
    /// The who-said-what matrix; keys it leaves unbound work as in `Browse`.
    Matrix,
    /// Typing a search, a filter or a date.
    Prompt,
    /// Filling in a form; keys it leaves unbound work as in `Prompt`.
    Form,
    /// The help overlay.
    Help,
}

impl KeyMode {
    /// Every mode, in the order the help lists their bindings.
    pub const ALL: [KeyMode; 5] = [
        KeyMode::Browse,
        KeyMode::Matrix,
        KeyMode::Prompt,
        KeyMode::Form,
        KeyMode::Help,
    ];

    /// What a mode is to the keymap, declared once per mode.
    const fn about(self) -> About {
        match self {
            KeyMode::Browse => About {
                heading: "Browsing",
                opened_by: None,
                fallback: None,
            },
            KeyMode::Matrix => About {
                heading: "Who said what",
                opened_by: Some(Action::Matrix),
                fallback: Some(KeyMode::Browse),
            },
            KeyMode::Prompt => About {
                heading: "While typing a search, a filter, a date, a file name or a note",
                opened_by: None,
                fallback: None,
            },
            KeyMode::Form => About {
                heading: "In a form (adding or changing an event, a claim, a source or a denial)",
                opened_by: None,
                fallback: Some(KeyMode::Prompt),
            },
            KeyMode::Help => About {
                heading: "In this help",
                opened_by: None,
                fallback: None,
            },
        }
    }

    /// The help's heading over the mode's bindings.
    pub const fn heading(self) -> &'static str {
        self.about().heading
    }

    /// The action that brings the mode up, named beside its heading when it has a key.
    pub const fn opened_by(self) -> Option<Action> {
        self.about().opened_by
    }

    /// The mode whose bindings apply where this one binds nothing.
    pub const fn fallback(self) -> Option<KeyMode> {
        self.about().fallback
    }
}

/// What the keymap knows of a mode besides its bindings.
struct About {
    heading: &'static str,
    opened_by: Option<Action>,
    fallback: Option<KeyMode>,
}
