//! Loading timeline files: read the bytes, parse the TOML, build the model, validate.
//!
//! Nothing here touches the terminal: callers print diagnostics before any screen is drawn.

pub mod blocks;
pub mod piecewise;
pub mod progressive;
pub mod quick;
pub mod read;
pub mod syntax;
pub mod validate;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, SourceText};
pub use crate::loaded::Loaded;
use crate::model::Timeline;
pub use read::{DEFAULT_MAX_SIZE, ReadError};
pub use validate::Options;

/// The bundled timeline's text, embedded so `tlx` works from any directory.
pub const BUNDLED: &str = include_str!("../../timelines/soleimani-moscow-2015.toml");
/// The name shown for the bundled timeline.
pub const BUNDLED_NAME: &str = "soleimani-moscow-2015.toml (bundled)";
/// The bundled timeline's file name, which names its bookmarks file.
pub const BUNDLED_FILE: &str = "soleimani-moscow-2015.toml";

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
        Document::read_from(path, max_size, &AtomicU64::new(0))
    }

    fn read_from(path: &Path, max_size: u64, read: &AtomicU64) -> Result<Document, ReadError> {
        Ok(Document {
            name: path.display().to_string(),
            path: Some(path.to_path_buf()),
            text: read::read_counting(path, max_size, read)?,
        })
    }

    /// The text indexed for locating diagnostics.
    pub fn source(&self) -> SourceText<'_> {
        // A spreadsheet's lines may end at a lone CR, and a diagnostic names the line an editor shows.
        if crate::import::is_delimited(self.path.as_deref(), &self.text) {
            SourceText::with_lone_cr(&self.name, &self.text)
        } else {
            SourceText::new(&self.name, &self.text)
        }
    }

    /// Parses and validates the document, importing it first when it is in another tool's format
    /// (see [`crate::import::detect`]).
    pub fn load(&self, options: Options) -> Loaded {
        self.load_counting(options, &AtomicU64::new(0))
    }

    /// Loads as [`Document::load`] does, counting in `parsed` the bytes parsed so far.
    pub fn load_counting(&self, options: Options, parsed: &AtomicU64) -> Loaded {
        self.load_with(options, &crate::import::Options::default(), parsed)
    }

    /// Loads as [`Document::load_counting`] does, reading another tool's format as `import` says.
    pub fn load_with(&self, options: Options, import: &crate::import::Options, parsed: &AtomicU64) -> Loaded {
        match crate::import::detect(self.path.as_deref(), &self.text) {
            Some(format) => match import.clone().for_path(self.path.as_deref()) {
                Ok(import) => crate::import::import_with(format, &self.text, &import, parsed),
                Err(e) => Loaded {
                    timeline: Default::default(),
                    diagnostics: vec![
                        Diagnostic::error("syntax", 0..0, format!("the column mapping is unusable: {e}"))
                            .with_hint("correct it; README \"Spreadsheets and datasets\" shows the format"),
                    ],
                },
            },
            None => parse_counting(&self.text, &self.source(), options, parsed),
        }
    }
}

/// Why a file could not be opened, rendered for the person who will read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The file could not be read at all (missing, too big, not text).
    Unreadable(String),
    /// The file was read but has errors: each located, with the offending line.
    Invalid(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Unreadable(text) | OpenError::Invalid(text) => f.write_str(text),
        }
    }
}

/// Reads and loads a file (the bundled timeline when `None`) for a caller that needs a valid
/// timeline; warnings are dropped, errors come back rendered.
pub fn open(path: Option<&Path>, max_size: u64) -> Result<Timeline, OpenError> {
    match path {
        None => Document::bundled(),
        Some(path) => Document::open(path, max_size)?,
    }
    .valid()
}

impl Document {
    /// Reads a file, with the error rendered for the person who will read it.
    pub fn open(path: &Path, max_size: u64) -> Result<Document, OpenError> {
        Document::read_counting(path, max_size, &AtomicU64::new(0))
    }

    /// Opens as [`Document::open`] does, adding to `read` as the bytes come in.
    pub fn read_counting(path: &Path, max_size: u64, read: &AtomicU64) -> Result<Document, OpenError> {
        Document::read_from(path, max_size, read).map_err(|e| {
            OpenError::Unreadable(format!(
                "tlx: {}: {e}\n",
                crate::text::line(&path.display().to_string())
            ))
        })
    }

    /// Every diagnostic [`Document::load`] would find, without keeping the events: a TOML file
    /// is checked a batch of event tables at a time, so beyond its text it takes little memory.
    pub fn check(&self, options: Options) -> Vec<Diagnostic> {
        let toml = crate::import::detect(self.path.as_deref(), &self.text).is_none();
        let Some(blocks) = toml.then(|| blocks::split(&self.text)).flatten() else {
            return self.load(options).diagnostics;
        };
        let Some(piecewise::Parsed {
            walked,
            mut syntax,
            mut structural,
        }) = piecewise::outside(&self.text, &blocks)
        else {
            return self.load(options).diagnostics;
        };
        let src = self.source();
        let mut validator = validate::Validator::new(&walked.timeline, &src, options);
        let problems = (&mut syntax, &mut structural);
        piecewise::tables(&self.text, &blocks, &AtomicU64::new(0), problems, |event, spans| {
            validator.event(&event, &spans)
        });
        findings(syntax, structural, || validator.finish())
    }

    /// The document's timeline when it has no errors; else the errors, rendered.
    pub fn valid(&self) -> Result<Timeline, OpenError> {
        self.valid_counting(&AtomicU64::new(0))
    }

    /// As [`Document::valid`], adding to `parsed` the bytes of each event table read.
    pub fn valid_counting(&self, parsed: &AtomicU64) -> Result<Timeline, OpenError> {
        let loaded = self.load_counting(Options::default(), parsed);
        if loaded.has_errors() {
            let errors: Vec<_> = loaded.diagnostics.into_iter().filter(|d| d.is_error()).collect();
            return Err(OpenError::Invalid(self.source().render_all(&errors)));
        }
        Ok(loaded.timeline)
    }
}

/// Parses TOML text into a timeline, reporting every problem in one pass.
pub fn parse(text: &str, src: &SourceText<'_>, options: Options) -> Loaded {
    parse_counting(text, src, options, &AtomicU64::new(0))
}

/// Parses as [`parse`] does, adding to `parsed` the bytes of each event table read.
pub fn parse_counting(text: &str, src: &SourceText<'_>, options: Options, parsed: &AtomicU64) -> Loaded {
    if text.trim().is_empty() {
        return Loaded {
            timeline: Timeline::default(),
            diagnostics: vec![
                Diagnostic::error("missing-key", 0..0, "the file is empty")
                    .with_hint("a timeline starts with [timeline] and title = \"...\""),
            ],
        };
    }
    let piecewise = blocks::split(text).and_then(|b| piecewise::parse(text, &b, parsed));
    let piecewise::Parsed {
        walked,
        syntax,
        structural,
    } = piecewise.unwrap_or_else(|| whole(text));
    let diagnostics = findings(syntax, structural, || validate::validate(&walked, src, options));
    Loaded {
        timeline: walked.timeline,
        diagnostics,
    }
}

/// What a read comes to, in file order: the syntax errors alone when there are any, since after
/// one the recovered structure is unreliable (a missing quote swallows the next key) and its
/// findings would mislead; else the structural problems and what `validate` finds.
fn findings(
    syntax: Vec<Diagnostic>,
    structural: Vec<Diagnostic>,
    validate: impl FnOnce() -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut diagnostics = syntax;
    if diagnostics.is_empty() {
        diagnostics = structural;
        diagnostics.extend(validate());
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    diagnostics
}

/// Parses the whole text at once: for files [`blocks::split`] cannot split.
fn whole(text: &str) -> piecewise::Parsed {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut structural = Vec::new();
    let walked = walk::document(&root, &mut structural);
    piecewise::Parsed {
        walked,
        syntax: syntax::diagnostics(text, &errors),
        structural,
    }
}

#[cfg(test)]
mod tests;
