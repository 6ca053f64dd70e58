//! Writers for other formats; pure functions from a timeline to text.

pub mod claimreview;
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

use crate::model::Timeline;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The timeline's structure and key names, with each event's computed status.
    Json,
    /// A chronology report: each event with its status, sources, denials and quotes; a bibliography.
    Markdown,
    /// One row per source and per denial, the event's columns repeated; re-importable.
    Csv,
    /// TimelineJS 3 JSON for Knight Lab's web viewer.
    Timelinejs,
    /// A picture: time axis, a marker per event shaped by status, labels in lanes, a legend.
    Svg,
    /// The timeline format itself, normalized and commented (also converts imported formats).
    Toml,
    /// schema.org ClaimReview JSON-LD for the claims that carry your verdict, and only those.
    Claimreview,
}

impl Format {
    /// The format a file name asks for: `.md`, `.csv`, `.svg`, `.toml`, `.json` (tlx's JSON), and
    /// `.timelinejs.json` or `.tljs.json` for TimelineJS.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_lowercase();
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "json" if name.ends_with(".timelinejs.json") || name.ends_with(".tljs.json") => Format::Timelinejs,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "svg" => Format::Svg,
            "toml" => Format::Toml,
            _ => return None,
        })
    }

    /// The timeline written in this format.
    pub fn write(self, t: &Timeline) -> String {
        match self {
            Format::Json => json::to_string(t),
            Format::Markdown => markdown::to_string(t),
            Format::Csv => csv::to_string(t),
            Format::Timelinejs => timelinejs::to_string(t),
            Format::Svg => svg::to_string(t),
            Format::Toml => toml::to_string(t),
            Format::Claimreview => claimreview::to_string(t),
        }
    }
}
