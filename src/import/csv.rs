//! CSV (placeholder while the TimelineJS importer is tested).

use crate::load::Loaded;

/// True when the first line is a header naming `date` and `title`.
pub fn has_header(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
    let names: Vec<String> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    names.iter().any(|n| n == "date") && names.iter().any(|n| n == "title")
}

/// Reads a CSV timeline.
pub fn import(_text: &str) -> Loaded {
    todo!()
}
