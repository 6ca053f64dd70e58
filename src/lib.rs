//! tlx: explore sourced timelines of events in the terminal.

pub mod atomic;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod export;
pub mod load;
pub mod model;
pub mod schema;
