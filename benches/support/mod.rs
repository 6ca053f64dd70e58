//! What the benchmarks share: the timeline generator and its cached files.

pub mod data;
pub mod generate;
