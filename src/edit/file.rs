//! A timeline file open for editing: read once, changed in memory an edit at a time (each
//! checked as `tlx check` checks a file), and saved atomically over the file, merging another
//! program's save of it, or refusing and keeping the edits when that save touched the same
//! tables.

use std::io::Read;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::{Edit, Refused, Undo};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::load::{Document, OpenError, Options, ReadError};

/// The byte order mark a file may start with; kept when the file is written back.
const BOM: &str = "\u{feff}";

/// Bytes of memory an edit holds per byte of the file, as measured: the document with every
/// key's formatting, a copy of it per edit, and the file checked whole (`tlx add` on a timeline of
/// 100k events, 97 MB, held 3.07 GB at its peak). A million events' file would hold some 30 GB.
const MEMORY_PER_BYTE: u64 = 32;

/// A timeline file open for editing.
#[derive(Debug, Clone)]
pub struct Editing {
    path: PathBuf,
    /// The name diagnostics give the file (the path as given).
    name: String,
    /// The text on disk when last read or written (without a byte order mark).
    base: String,
    /// Whether the file starts with a byte order mark.
    bom: bool,
    /// The document, with every edit made since.
    doc: DocumentMut,
    /// The errors `base` has (code and message): an edit is refused only for errors it adds.
    known: Vec<(&'static str, String)>,
    max_size: u64,
}

/// Why a save wrote nothing. The edits are kept: saving again, once the cause is gone, writes them.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file could not be read again before writing (removed, replaced by a pipe, ...).
    #[error("{}: {error}; nothing was written, and the edit is kept", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        error: ReadError,
    },
    /// Another program saved the file since tlx read it, changing a table this edit changes.
    #[error(
        "{} was changed by another program since tlx read it, in the tables this edit changes (at line {} of the file now); nothing was written, and the edit is kept: reload the file to see the other change, then make the edit again",
        path.display(),
        lines.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    Conflict {
        /// The file.
        path: PathBuf,
        /// The lines of the file on disk (from 1) where its change meets the edit.
        lines: Vec<usize>,
    },
    /// The other program's save and this edit make a file with errors together.
    #[error("{}: the file saved by another program since tlx read it and this edit together have errors; nothing was written, and the edit is kept:\n{errors}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The errors, as `tlx check` prints them.
        errors: String,
    },
    /// Writing failed; the file is as it was.
    #[error("cannot write {}: {error}; the file is as it was, and the edit is kept", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        error: std::io::Error,
    },
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// Another program's save of the file was merged in: the document now holds its changes
    /// too, and undo steps made before no longer apply ([`Refused::Stale`]).
    pub merged: bool,
}

impl Editing {
    /// Reads a TOML timeline for editing (at most `max_size` bytes); a file with TOML syntax
    /// errors, or in another tool's format, is refused with `tlx check`'s messages.
    pub fn open(path: &Path, max_size: u64) -> Result<Editing, OpenError> {
        let options = Options {
            max_size,
            ..Options::default()
        };
        let document = Document::read(path, &options)?;
        if let Some(e) = too_large(document.text.len() as u64, crate::load::available_memory()) {
            return Err(invalid(document, vec![e]));
        }
        if crate::import::detect(Some(path), &document.text).is_some() {
            let e = Diagnostic::error(
                "syntax",
                0..0,
                "tlx edits only its own TOML timelines, and this file is in another format",
            )
            .with_hint("convert it first: tlx import FILE -o NEW.toml");
            return Err(invalid(document, vec![e]));
        }
        let doc = match document.text.parse::<DocumentMut>() {
            Ok(doc) => doc,
            Err(e) => {
                let found: Vec<Diagnostic> = errors(&document).into_iter().filter(Diagnostic::is_error).collect();
                let found = if found.is_empty() {
                    let span = e.span().unwrap_or(0..0);
                    vec![Diagnostic::error("syntax", span, e.message().to_string())]
                } else {
                    found
                };
                return Err(invalid(document, found));
            }
        };
        let known = keys(&errors(&document));
        Ok(Editing {
            path: path.to_path_buf(),
            bom: starts_with_bom(path),
            name: document.name,
            base: document.text.into_string(),
            doc,
            known,
            max_size,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The document with the edits made so far.
    pub fn document(&self) -> &DocumentMut {
        &self.doc
    }

    /// The text the file would have if saved now.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// True when there are edits not yet saved.
    pub fn changed(&self) -> bool {
        self.text() != self.base
    }

    /// A unified diff from the file as last read or saved to the text with the edits.
    pub fn diff(&self) -> String {
        super::merge::unified(&self.name, &self.base, &self.text())
    }

    /// The text `edit` would give, checked as [`Editing::apply`] checks it, without making it
    /// (for a form that validates as the user types).
    pub fn preview(&self, edit: &Edit) -> Result<String, Refused> {
        let mut doc = self.doc.clone();
        edit.apply(&mut doc)?;
        let text = doc.to_string();
        self.check(&text)?;
        Ok(text)
    }

    /// Makes `edit` in memory, returning its undo; refused, with `tlx check`'s messages located
    /// in the edited text, when it would give the file an error it does not have now.
    pub fn apply(&mut self, edit: &Edit) -> Result<Undo, Refused> {
        let mut doc = self.doc.clone();
        let undo = edit.apply(&mut doc)?;
        self.check(&doc.to_string())?;
        self.doc = doc;
        Ok(undo)
    }

    /// Takes an edit back (or makes it again, with the undo an undo returned), checked as
    /// [`Editing::apply`] checks an edit; returns what reverses this.
    pub fn undo(&mut self, undo: &Undo) -> Result<Undo, Refused> {
        let mut doc = self.doc.clone();
        let redo = undo.apply(&mut doc)?;
        self.check(&doc.to_string())?;
        self.doc = doc;
        Ok(redo)
    }

    /// The errors `text` has that the file did not have when read, rendered as `tlx check`
    /// renders them.
    fn check(&self, text: &str) -> Result<(), Refused> {
        let document = Document {
            name: self.name.clone(),
            path: Some(self.path.clone()),
            text: text.to_string().into(),
        };
        let new = added(&self.known, errors(&document));
        if new.is_empty() {
            Ok(())
        } else {
            Err(Refused::Invalid(SourceText::new(&self.name, text).render_all(&new)))
        }
    }

    /// Writes the edits over the file, atomically (see [`crate::atomic::write`]), after reading
    /// it again: when another program saved it since it was read, that save's changes are
    /// merged in if they are in other tables than the edits', and otherwise nothing is written.
    pub fn save(&mut self) -> Result<Saved, SaveError> {
        let options = Options {
            max_size: self.max_size,
            ..Options::default()
        };
        let disk = Document::read(&self.path, &options).map_err(|e| match e {
            OpenError::Unreadable { path, error } => SaveError::Unreadable { path, error },
            OpenError::Invalid { .. } => unreachable!("reading does not validate"),
        })?;
        let ours = self.text();
        let merged = *disk.text != self.base;
        let text = if merged {
            let text = super::merge::three_way(&self.base, &ours, &disk.text).map_err(|lines| SaveError::Conflict {
                path: self.path.clone(),
                lines,
            })?;
            let merged_doc = Document {
                text: text.clone().into(),
                ..disk.clone()
            };
            let new = added(&keys(&errors(&disk)), errors(&merged_doc));
            if !new.is_empty() {
                return Err(SaveError::Invalid {
                    path: self.path.clone(),
                    errors: SourceText::new(&self.name, &text).render_all(&new),
                });
            }
            text
        } else {
            ours
        };
        let bytes = if self.bom { format!("{BOM}{text}") } else { text.clone() };
        crate::atomic::write(&self.path, bytes.as_bytes()).map_err(|error| SaveError::Write {
            path: self.path.clone(),
            error,
        })?;
        if merged {
            // The merged text parsed and loaded without new errors just above.
            if let Ok(doc) = text.parse::<DocumentMut>() {
                self.doc = doc;
            }
            self.known = keys(&errors(&Document {
                text: text.clone().into(),
                ..disk
            }));
        }
        self.base = text;
        Ok(Saved { merged })
    }
}

/// Why a file of `size` bytes cannot be edited with `free` bytes of memory free (`None`:
/// unknown), if it cannot: the edit would not fit.
fn too_large(size: u64, free: Option<u64>) -> Option<Diagnostic> {
    let needs = size.saturating_mul(MEMORY_PER_BYTE);
    let free = free.filter(|&free| needs > free)?;
    let gib = |bytes: u64| format!("{:.1} GiB", bytes as f64 / f64::from(1 << 30));
    Some(
        Diagnostic::error(
            "too-large",
            0..0,
            format!(
                "this timeline is {} MiB, and an edit holds some {MEMORY_PER_BYTE} times a file's size in memory ({}), more than the {} free",
                size >> 20,
                gib(needs),
                gib(free)
            ),
        )
        .with_hint("edit it in a text editor (E in the explorer opens it at the event), or keep its events in several files, which tlx opens together"),
    )
}

fn invalid(document: Document, errors: Vec<Diagnostic>) -> OpenError {
    OpenError::Invalid {
        document: Box::new(document),
        errors,
    }
}

/// Every error `tlx check` finds in the document.
fn errors(document: &Document) -> Vec<Diagnostic> {
    document
        .load(Options::default())
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

fn keys(errors: &[Diagnostic]) -> Vec<(&'static str, String)> {
    errors.iter().map(|d| (d.code, d.message.clone())).collect()
}

/// The errors of `after` beyond those `known` (each known one excuses one of its kind).
fn added(known: &[(&'static str, String)], after: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut left = known.to_vec();
    after
        .into_iter()
        .filter(
            |d| match left.iter().position(|(c, m)| *c == d.code && *m == d.message) {
                Some(i) => {
                    left.swap_remove(i);
                    false
                }
                None => true,
            },
        )
        .collect()
}

/// Whether the file starts with a UTF-8 byte order mark (read gives the text without it).
fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *BOM.as_bytes())
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::edit::{Input, Part, Target};
    use crate::model::vocabulary::{Record, get};

    const FILE: &str = "# kept\n[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015-01-01\"\ntitle = \"A\"\n\n  [[events.sources]]\n  outlet = \"AP\"\n\n[[events]]\nid = \"c\"\ndate = \"2015-03-01\"\ntitle = \"C\"  # the other editor's\n";

    #[test]
    fn an_edit_that_would_not_fit_in_the_free_memory_is_refused_before_it_is_tried() {
        let size = 97 << 20;
        let e = too_large(size, Some(2 << 30)).expect("3 GiB needed, 2 free");
        assert_eq!(e.code, "too-large");
        assert_eq!(
            e.message,
            "this timeline is 97 MiB, and an edit holds some 32 times a file's size in memory (3.0 GiB), more than the 2.0 GiB free"
        );
        assert!(
            e.hint.as_deref().is_some_and(|h| h.contains("E in the explorer")),
            "{e:?}"
        );
        assert!(too_large(size, Some(4 << 30)).is_none());
        assert!(too_large(size, None).is_none(), "unknown free memory refuses nothing");
    }

    fn add_source() -> Edit {
        Edit::Add {
            event: "a".into(),
            part: Part::Source,
            values: vec![(get(Record::Source, "outlet"), Input::Text("Reuters".into()))],
        }
    }

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, FILE).unwrap();
        (dir, path)
    }

    /// Another program saves `text` over `path`, as an editor does: written beside it, then
    /// moved over it.
    fn save_elsewhere(path: &Path, text: &str) {
        let other = path.with_extension("other");
        std::fs::write(&other, text).unwrap();
        let status = Command::new("mv").arg(&other).arg(path).status().unwrap();
        assert!(status.success());
    }

    const OURS: &str = "\n  [[events.sources]]\n  outlet = \"Reuters\"\n";

    #[test]
    fn an_edit_is_saved_over_an_unchanged_file() {
        let (_dir, path) = setup();
        let mut editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        editing.apply(&add_source()).unwrap();
        assert_eq!(editing.save().unwrap(), Saved { merged: false });
        let expected = FILE.replace("  outlet = \"AP\"\n", &format!("  outlet = \"AP\"\n{OURS}"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        assert!(!editing.changed());
    }

    #[test]
    fn another_programs_save_of_other_tables_is_merged_and_nothing_of_it_lost() {
        let (_dir, path) = setup();
        let mut editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        // Saved by another process between tlx's load and its edit.
        let theirs = FILE.replace("title = \"C\"", "title = \"C, retitled\"")
            + "\n[[events]]\nid = \"d\"\ndate = \"2015-04-01\"\ntitle = \"D\"\n";
        save_elsewhere(&path, &theirs);
        editing.apply(&add_source()).unwrap();
        assert_eq!(editing.save().unwrap(), Saved { merged: true });
        let expected = theirs.replace("  outlet = \"AP\"\n", &format!("  outlet = \"AP\"\n{OURS}"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        // The document now holds both, and the next save starts from it.
        assert_eq!(editing.text(), expected);
        assert!(!editing.changed());
    }

    #[test]
    fn another_programs_save_of_the_same_table_is_kept_and_the_edit_refused_but_kept() {
        let (_dir, path) = setup();
        let mut editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        let theirs = FILE.replace("  outlet = \"AP\"\n", "  outlet = \"AP\"\n  quote = \"theirs\"\n");
        save_elsewhere(&path, &theirs);
        editing.apply(&add_source()).unwrap();
        let e = editing.save().unwrap_err();
        assert!(matches!(e, SaveError::Conflict { .. }), "{e}");
        let message = e.to_string();
        assert!(
            message.contains("was changed by another program")
                && message.contains("line 12")
                && message.contains("the edit is kept"),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        assert!(editing.changed() && editing.text().contains("Reuters"));
        // Once the other change is gone, the kept edit saves.
        save_elsewhere(&path, FILE);
        assert_eq!(editing.save().unwrap(), Saved { merged: false });
        assert!(std::fs::read_to_string(&path).unwrap().contains("Reuters"));
    }

    #[test]
    fn an_edit_that_adds_an_error_is_refused_with_tlx_checks_message_located() {
        let (_dir, path) = setup();
        let mut editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        let e = editing
            .apply(&Edit::Set {
                target: Target::Event("c".into()),
                field: get(Record::Event, "date"),
                value: Some(Input::Text("2015-13-01".into())),
            })
            .unwrap_err();
        let Refused::Invalid(text) = e else { panic!("{e:?}") };
        assert!(text.contains("no month 13") && text.contains("t.toml:15:8"), "{text}");
        assert!(!editing.changed());
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        let (_dir, path) = setup();
        std::fs::write(&path, format!("{BOM}{FILE}")).unwrap();
        let mut editing = Editing::open(&path, crate::load::DEFAULT_MAX_SIZE).unwrap();
        editing.apply(&add_source()).unwrap();
        editing.save().unwrap();
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with(&format!("{BOM}# kept\n"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_a_fifo_is_refused() {
        let (dir, path) = setup();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let mut editing = Editing::open(&link, crate::load::DEFAULT_MAX_SIZE).unwrap();
        editing.apply(&add_source()).unwrap();
        editing.save().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(std::fs::read_to_string(&path).unwrap().contains("Reuters"));
        let fifo = dir.path().join("fifo.toml");
        crate::load::read::tests::mkfifo(&fifo);
        assert!(matches!(
            Editing::open(&fifo, crate::load::DEFAULT_MAX_SIZE),
            Err(OpenError::Unreadable { .. })
        ));
    }
}
