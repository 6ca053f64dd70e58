//! Writers for other formats; pure functions from a timeline to text.

pub mod json;
pub mod toml;
