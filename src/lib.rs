//! tlx: explore sourced timelines of events in the terminal.

pub mod app;
pub mod atomic;
pub mod citation;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod filter;
pub mod fold;
pub mod import;
pub mod load;
pub mod model;
pub mod notes;
pub mod parallel;
pub mod query;
pub mod schema;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
pub mod url;
pub mod watch;
