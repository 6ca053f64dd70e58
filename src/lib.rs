//! tlx: explore sourced timelines of events in the terminal.

pub mod diagnostic;
pub mod load;
pub mod model;
