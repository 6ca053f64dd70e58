//! The explorer's state and the actions that change it.

pub mod action;
pub mod files;
pub mod hint;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod message;
pub mod state;
pub mod update;

pub use action::Action;
pub use files::Opened;
pub use hint::{Hint, Said};
pub use keymap::{KeyMap, KeyMode};
pub use message::Msg;
pub use state::{App, Effect, Focus, MatrixCursor, Mode, Opening, Prompt, Screen};
pub use update::update;
