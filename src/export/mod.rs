//! Writers for other formats; pure functions from a timeline to text.

pub mod csv;
pub mod evidence;
pub mod json;
pub mod lanes;
pub mod markdown;
pub mod markup;
pub mod prose;
pub mod svg;
pub mod timelinejs;
pub mod toml;
