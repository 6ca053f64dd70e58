//! Loading timeline files: read the bytes, parse the TOML, build the model, validate.
//!
//! Nothing here touches the terminal: callers print diagnostics before any screen is drawn.

mod fields;
pub mod read;
mod syntax;
pub mod validate;
pub mod walk;

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::Timeline;
pub use fields::did_you_mean;
pub use read::{DEFAULT_MAX_SIZE, ReadError};
pub use validate::Options;

/// The bundled timeline's text, embedded so `tlx` works from any directory.
pub const BUNDLED: &str = include_str!("../../timelines/soleimani-moscow-2015.toml");
/// The name shown for the bundled timeline.
pub const BUNDLED_NAME: &str = "soleimani-moscow-2015.toml (bundled)";

/// A timeline file's name and text.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown in diagnostics (the path as given, or the bundled name).
    pub name: String,
    /// The path it came from; `None` for the bundled timeline.
    pub path: Option<PathBuf>,
    /// The file's text (a UTF-8 byte order mark removed).
    pub text: String,
}

impl Document {
    /// The bundled Soleimani timeline.
    pub fn bundled() -> Document {
        Document {
            name: BUNDLED_NAME.to_string(),
            path: None,
            text: BUNDLED.to_string(),
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path, max_size: u64) -> Result<Document, ReadError> {
        Ok(Document {
            name: path.display().to_string(),
            path: Some(path.to_path_buf()),
            text: read::read_text(path, max_size)?,
        })
    }

    /// The text indexed for locating diagnostics.
    pub fn source(&self) -> SourceText<'_> {
        SourceText::new(&self.name, &self.text)
    }

    /// Parses and validates the document, importing it first when it is in another tool's format
    /// (see [`crate::import::detect`]).
    pub fn load(&self, options: Options) -> Loaded {
        match crate::import::detect(self.path.as_deref(), &self.text) {
            Some(format) => crate::import::import(format, &self.text),
            None => parse(&self.text, &self.source(), options),
        }
    }
}

/// A parsed timeline and everything found wrong with it, in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What could be read (complete when there are no errors).
    pub timeline: Timeline,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses TOML text into a timeline, reporting every problem in one pass.
pub fn parse(text: &str, src: &SourceText<'_>, options: Options) -> Loaded {
    if text.trim().is_empty() {
        return Loaded {
            timeline: Timeline::default(),
            diagnostics: vec![
                Diagnostic::error("missing-key", 0..0, "the file is empty")
                    .with_hint("a timeline starts with [timeline] and title = \"...\""),
            ],
        };
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut diagnostics = syntax::diagnostics(text, &errors);
    let mut structural = Vec::new();
    let walked = walk::document(&root, &mut structural);
    // After a syntax error the recovered structure is unreliable (a missing quote swallows
    // the next key), so its findings would mislead; the syntax errors alone are reported.
    if diagnostics.is_empty() {
        diagnostics = structural;
        diagnostics.extend(validate::validate(&walked, src, options));
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    Loaded {
        timeline: walked.timeline,
        diagnostics,
    }
}

#[cfg(test)]
mod tests;
