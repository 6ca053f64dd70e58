//! What the benchmarks share: the timeline generator and its cached files.

// Only the hot_paths bench opens an ACLED-shaped file; the tui bench shares these modules.
#[allow(dead_code)]
pub mod acled;
pub mod data;
pub mod generate;
