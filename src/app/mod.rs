//! The explorer's state and the actions that change it.

pub mod action;
pub mod files;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod update;

pub use action::Action;
pub use files::Opened;
pub use keymap::{KeyMap, KeyMode};
pub use state::{App, Effect, Focus, MatrixCursor, Mode, Prompt, Screen};
pub use update::{handle, loaded, progress, reload, settle, update};
