//! timemap (placeholder).

use crate::load::Loaded;

/// Reads a timemap file.
pub fn import(_text: &str) -> Loaded {
    todo!()
}
