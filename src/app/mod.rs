//! The explorer's state and the actions that change it.

pub mod action;
pub mod compute;
pub mod data;
pub mod editor;
pub mod export;
pub mod files;
pub mod form;
pub mod hint;
pub mod input;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod message;
pub mod screen;
pub mod shown;
pub mod state;
pub mod update;

pub use action::Action;
pub use compute::{Job, OFF_THREAD_FROM};
pub use editor::LineEditor;
pub use files::Opened;
pub use hint::{Hint, Said};
pub use keymap::{KeyMap, KeyMode};
pub use message::{Msg, Performed};
pub use screen::{Focus, MatrixCursor, Panes, Screen};
pub use state::{App, Banner, Effect, Guides, Mode, Opening, Prompt, Related, Rewrite, Showing};
pub use update::update;
