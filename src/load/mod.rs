//! Loading timeline files: read the bytes, parse the TOML, build the model, validate.
//!
//! Nothing here touches the terminal: callers print diagnostics before any screen is drawn.

pub mod blocks;
pub mod lookalike;
pub mod piecewise;
pub mod progressive;
pub mod quick;
pub mod read;
pub mod stream;
pub mod syntax;
pub mod text;
pub mod validate;
pub mod walk;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, SourceText};
pub use crate::loaded::Loaded;
use crate::loaded::{Layout, Packed, Plain};
use crate::model::{Event, Timeline};
use progressive::Progress;
pub use read::{DEFAULT_MAX_SIZE, ReadError, available_memory, default_max_size};
pub use text::Text;
use validate::Whereabouts;

/// The bundled timeline's text, embedded so `tlx` works from any directory.
pub const BUNDLED: &str = include_str!("../../timelines/soleimani-moscow-2015.toml");
/// The name shown for the bundled timeline.
/// The starter a new timeline begins from (`tlx new`, and "add event" on the bundled
/// timeline): every field of the format once, each explained; it passes `tlx check --pedantic`.
pub const STARTER: &str = include_str!("../../assets/starter.toml");

pub const BUNDLED_NAME: &str = "soleimani-moscow-2015.toml (bundled)";
/// The bundled timeline's file name, which names its bookmarks file.
pub const BUNDLED_FILE: &str = "soleimani-moscow-2015.toml";

/// How to read and load a document: the one set of options both calls take, so a caller that
/// wants one more thing (a progress count, a column mapping) sets a field rather than picking
/// another function.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// A larger file is refused unreadable.
    pub max_size: u64,
    /// Also warn about things that are fine but unusual (events out of date order).
    pub pedantic: bool,
    /// How to read another tool's format (date order, separator, columns).
    pub import: crate::import::Options,
    /// Where to count the bytes read and parsed, for a load shown as it goes.
    pub progress: Option<&'a Progress>,
    /// Let the events read keep their prose in a mapped file rather than copy it (see
    /// [`text::Text::lend`]): for a reader that keeps the events (the explorer, `tlx list`) or
    /// ends with the process (`tlx export`), not one that checks a file, or reads it again to
    /// merge a save, and drops what it read.
    pub lend: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            max_size: DEFAULT_MAX_SIZE,
            pedantic: false,
            import: Default::default(),
            progress: None,
            lend: false,
        }
    }
}

impl Options<'_> {
    /// The optional checks these options ask for.
    fn checks(&self) -> validate::Checks {
        validate::Checks {
            pedantic: self.pedantic,
        }
    }
}

/// A timeline file's name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name shown in diagnostics (the path as given, or the bundled name).
    pub name: String,
    /// The path it came from; `None` for the bundled timeline.
    pub path: Option<PathBuf>,
    /// The file's text (a UTF-8 byte order mark removed).
    pub text: Text,
}

/// Why a file could not be opened: the facts, for the edge (`cmd`, `tui`) to put into words.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The file could not be read at all (missing, too big, not text).
    #[error("{}: {error}", crate::text::line(&path.display().to_string()))]
    Unreadable {
        /// The file as given.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        error: ReadError,
    },
    /// The file was read but has errors that keep it from opening, each located in `document`.
    #[error("{}", document.source().render_all(errors))]
    Invalid {
        /// The file read, whose text locates the errors.
        document: Box<Document>,
        /// The errors, in file order.
        errors: Vec<Diagnostic>,
    },
}

impl Document {
    /// The bundled Soleimani timeline.
    pub fn bundled() -> Document {
        Document {
            name: BUNDLED_NAME.to_string(),
            path: None,
            text: BUNDLED.into(),
        }
    }

    /// Reads a file from disk, up to `options.max_size` bytes, counting them in
    /// `options.progress`.
    pub fn read(path: &Path, options: &Options<'_>) -> Result<Document, OpenError> {
        let read = options.progress.map(|p| &p.read);
        match read::read_timeline(path, options.max_size, read) {
            Ok(text) => Ok(Document {
                name: path.display().to_string(),
                path: Some(path.to_path_buf()),
                text,
            }),
            Err(error) => Err(OpenError::Unreadable {
                path: path.to_path_buf(),
                error,
            }),
        }
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
    /// (see [`crate::import::detect`]); counts the bytes parsed in `options.progress`.
    pub fn load(&self, options: Options<'_>) -> Loaded {
        if options.lend {
            self.text.lend();
        }
        let loaded = self.load_text(options);
        match self.text.intact() {
            Ok(()) => loaded,
            Err(cut) => Loaded {
                timeline: Default::default(),
                diagnostics: vec![cut.diagnostic()],
                layout: Layout::Unknown,
            },
        }
    }

    fn load_text(&self, options: Options<'_>) -> Loaded {
        let Some(format) = crate::import::detect(self.path.as_deref(), &self.text) else {
            return parse(&self.text, &self.source(), options.checks(), options.progress);
        };
        let import = match options.import.clone().for_path(self.path.as_deref()) {
            Ok(import) => import,
            Err(e) => {
                return Loaded {
                    timeline: Default::default(),
                    diagnostics: vec![
                        Diagnostic::error("syntax", 0..0, format!("the column mapping is unusable: {e}"))
                            .with_hint("correct it; README \"Spreadsheets and datasets\" shows the format"),
                    ],
                    layout: Layout::Unknown,
                };
            }
        };
        let parsed = options.progress.map(|p| &p.parsed);
        let crate::import::Imported { mut loaded, located } =
            crate::import::import(format, &self.text, &import, parsed);
        if let Some(progress) = options.progress {
            progress.begin_checking();
        }
        if let Some(located) = located {
            check_links(&mut loaded, &located, &self.source(), options.checks());
        }
        loaded
    }
}

/// Checks the links between the records of an imported file (`via`, `derived_from`, `related`,
/// actor ids) as a TOML file's are; an event with a broken link is set aside, as in TOML, so the
/// others open.
fn check_links(loaded: &mut Loaded, located: &crate::import::Located, src: &SourceText<'_>, checks: validate::Checks) {
    let mut validator = validate::Validator::new(&loaded.timeline, src, checks);
    if located.unique_ids {
        validator = validator.unique_ids();
    }
    validator.whole_events(&loaded.timeline.events, &located.spans);
    let found = validator.finish();
    let errors: Vec<usize> = found
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| Some(d.span.as_ref()?.start))
        .collect();
    let owners = Packed::owners(&located.spans, &errors);
    let owners: std::collections::HashMap<usize, usize> = errors
        .into_iter()
        .zip(owners)
        .filter_map(|(at, e)| Some((at, e?)))
        .collect();
    let owner = |at: usize| owners.get(&at).map(|&i| (i, located.spans[i].table().start));
    let aside = add_links(&mut loaded.diagnostics, found, located.research, owner);
    let mut keep = (0..loaded.timeline.events.len()).map(|i| !aside.contains(&i));
    loaded.timeline.events.retain(|_| keep.next().unwrap_or(true));
    if let Layout::Rows(rows) = std::mem::take(&mut loaded.layout) {
        loaded.layout = Layout::Rows(rows.without(&aside.into_iter().collect::<Vec<_>>()));
    }
}

/// Adds what the checks of links between records found (`found`; the research warnings only when
/// `research`) to an import's `diagnostics`, in file order; each error is marked as setting aside
/// the event that `owner` of its offset names (its place in the file's order and its table's
/// start), and those events are returned.
fn add_links(
    diagnostics: &mut Vec<Diagnostic>,
    found: Vec<Diagnostic>,
    research: bool,
    mut owner: impl FnMut(usize) -> Option<(usize, usize)>,
) -> std::collections::BTreeSet<usize> {
    let mut found: Vec<Diagnostic> = found.into_iter().filter(|d| research || d.is_error()).collect();
    let mut aside = std::collections::BTreeSet::new();
    for d in found.iter_mut().filter(|d| d.is_error()) {
        if let Some((i, table)) = d.span.as_ref().and_then(|s| owner(s.start)) {
            d.set_aside = Some(table);
            aside.insert(i);
        }
    }
    diagnostics.extend(found);
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    aside
}

/// A timeline that opened, and the events left out of it for their errors.
#[derive(Debug, Clone)]
pub struct Valid {
    /// Every event without an error.
    pub timeline: Timeline,
    /// The events left out, if any.
    pub set_aside: SetAside,
    /// How its events lie in the file's text, for a search of its bytes.
    pub layout: Layout,
}

/// A split TOML file, checked: see [`Document::checked`].
struct Checked {
    /// Its event tables and the rest.
    blocks: blocks::Blocks,
    /// The timeline's title, references and actors, without its events.
    records: Timeline,
    /// Every diagnostic, in file order, those that set an event aside marked so.
    diagnostics: Vec<Diagnostic>,
    /// The event tables set aside for their errors, in file order.
    set_aside: Vec<Range<usize>>,
}

/// Events left out for their errors while the others opened: where each is, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetAside {
    /// `file:line:col` of each event's first error, in file order.
    pub places: Vec<String>,
    /// Their errors, rendered as `tlx check` prints them.
    pub errors: String,
}

impl SetAside {
    /// The events that `errors` (a file's errors, in file order) set aside.
    pub fn new(src: &SourceText<'_>, errors: &[Diagnostic]) -> SetAside {
        let mut seen = std::collections::HashSet::new();
        let places = errors
            .iter()
            .filter(|d| d.set_aside.is_some_and(|at| seen.insert(at)))
            .map(|d| {
                let (line, col) = src.line_col(d.span.as_ref().map_or(0, |s| s.start));
                format!("{}:{line}:{col}", src.name())
            })
            .collect();
        SetAside {
            places,
            errors: if errors.is_empty() {
                String::new()
            } else {
                src.render_all(errors)
            },
        }
    }

    /// True when no event was left out.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// "2 events set aside for their errors (at a.json:3:5, a.json:9:1); the others are open",
    /// or `None` when none was.
    pub fn summary(&self) -> Option<String> {
        let n = self.places.len();
        (n > 0).then(|| {
            format!(
                "{n} event{} set aside for {} errors (at {}); the others are open; `tlx check` says why",
                if n == 1 { "" } else { "s" },
                if n == 1 { "its" } else { "their" },
                self.places.join(", ")
            )
        })
    }
}

impl Document {
    /// Every diagnostic [`Document::load`] would find, without keeping the events: a TOML file
    /// is checked a batch of event tables at a time, so beyond its text it takes little memory.
    pub fn check(&self, options: Options<'_>) -> Vec<Diagnostic> {
        if let Some(checked) = self.checked(options.checks()) {
            return checked.diagnostics;
        }
        match self.csv(&options) {
            Some(import) => self.check_csv(&import, options.checks()),
            None => self.load(options).diagnostics,
        }
    }

    /// How to import the document, when it is a CSV file with a usable column mapping.
    fn csv(&self, options: &Options<'_>) -> Option<crate::import::Options> {
        let csv = crate::import::detect(self.path.as_deref(), &self.text) == Some(crate::import::Format::Csv);
        csv.then(|| options.import.clone().for_path(self.path.as_deref()).ok())
            .flatten()
    }

    /// [`Document::check`] of a CSV file: its rows indexed by event, and each event built and
    /// checked a batch at a time (see [`crate::import::csv::Index`]), so that beyond its text it
    /// takes a few words a row rather than the whole timeline.
    fn check_csv(&self, import: &crate::import::Options, checks: validate::Checks) -> Vec<Diagnostic> {
        let (records, mut index) = crate::import::csv::index(&self.text, import);
        let diagnostics = checked_rows(&self.source(), &records, &mut index, checks, drop);
        self.unless_cut(diagnostics)
    }

    /// `diagnostics`, or the one that says the text was cut short while read (see [`Text::cut`]).
    fn unless_cut(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        match self.text.intact() {
            Ok(()) => diagnostics,
            Err(cut) => vec![cut.diagnostic()],
        }
    }

    /// [`Document::check`] of a TOML file that [`blocks::split`] can split, with the split and the
    /// records outside the events, so that a caller can read the events again a batch at a time;
    /// `None` for any other file.
    fn checked(&self, checks: validate::Checks) -> Option<Checked> {
        let blocks = self.split()?;
        let Streamed {
            timeline,
            diagnostics,
            set_aside,
        } = streamed(&self.text, &blocks, &self.source(), checks, &AtomicU64::new(0), drop)?;
        let diagnostics = self.unless_cut(diagnostics);
        Some(Checked {
            blocks,
            records: timeline,
            diagnostics,
            set_aside,
        })
    }

    /// The event tables of a TOML document that [`blocks::split`] can split.
    fn split(&self) -> Option<blocks::Blocks> {
        let toml = crate::import::detect(self.path.as_deref(), &self.text).is_none();
        toml.then(|| blocks::split(&self.text)).flatten()
    }

    /// Loads the document for a caller that needs a timeline to show: warnings are dropped and
    /// events with errors left out and named; when nothing can open, the errors, with the
    /// document they are in.
    pub fn open(self, options: Options<'_>) -> Result<Valid, OpenError> {
        let loaded = self.load(options);
        let blocked = loaded.blocked();
        let errors: Vec<_> = loaded.diagnostics.into_iter().filter(Diagnostic::is_error).collect();
        // With every event set aside there is nothing to open.
        if blocked || (!errors.is_empty() && loaded.timeline.events.is_empty()) {
            return Err(OpenError::Invalid {
                document: Box::new(self),
                errors,
            });
        }
        Ok(Valid {
            timeline: loaded.timeline,
            set_aside: SetAside::new(&self.source(), &errors),
            layout: loaded.layout,
        })
    }
}

/// Parses TOML text into a timeline, reporting every problem in one pass; counts in `progress`
/// the bytes of each event table read, then the checking.
fn parse(text: &str, src: &SourceText<'_>, checks: validate::Checks, progress: Option<&Progress>) -> Loaded {
    if text.trim().is_empty() {
        return Loaded {
            timeline: Timeline::default(),
            diagnostics: vec![
                Diagnostic::error("missing-key", 0..0, "the file is empty")
                    .with_hint("a timeline starts with [timeline] and title = \"...\""),
            ],
            layout: Layout::Unknown,
        };
    }
    let uncounted = AtomicU64::new(0);
    let split = blocks::split(text)
        .and_then(|blocks| parse_split(text, &blocks, src, checks, progress.map_or(&uncounted, |p| &p.parsed)));
    match split {
        Some(loaded) => {
            // Checking ran alongside the parse; what remains is ordering and merging the events.
            if let Some(progress) = progress {
                progress.begin_checking();
            }
            loaded
        }
        None => parse_whole(text, src, checks, progress),
    }
}

/// Parses a file [`blocks::split`] could split, keeping each event that can open and the start
/// of its table; `None` as for [`streamed`].
fn parse_split(
    text: &str,
    blocks: &blocks::Blocks,
    src: &SourceText<'_>,
    checks: validate::Checks,
    parsed: &AtomicU64,
) -> Option<Loaded> {
    let mut events = Vec::with_capacity(blocks.events.len());
    let mut starts = Vec::with_capacity(blocks.events.len());
    // The tables of the events not seen plain: few, where `starts` holds all.
    let mut unplain = Vec::new();
    let Streamed {
        mut timeline,
        diagnostics,
        set_aside,
    } = streamed(text, blocks, src, checks, parsed, |read| {
        if read.state == walk::State::Whole {
            if !read.plain {
                unplain.push(read.spans.table().start);
            }
            events.push(read.event);
            starts.push(read.spans.table().start);
        }
    })?;
    if !set_aside.is_empty() {
        let opens = |at: &usize| table_at(&set_aside, *at).is_none();
        let mut each = starts.iter();
        events.retain(|_| each.next().is_none_or(opens));
        starts.retain(opens);
    }
    timeline.events = events;
    Some(Loaded {
        timeline,
        diagnostics,
        layout: Layout::Tables(Plain::all_but(&starts, &unplain)),
    })
}

/// Parses the whole text at once and checks it: for files [`blocks::split`] cannot split, or
/// whose text outside the events holds events too.
fn parse_whole(text: &str, src: &SourceText<'_>, checks: validate::Checks, progress: Option<&Progress>) -> Loaded {
    let piecewise::Parsed {
        mut walked,
        syntax,
        structural,
        lists_whole,
    } = whole(text);
    if let Some(progress) = progress {
        progress.begin_checking();
    }
    let readable = syntax.is_empty();
    let found = validate::validate(&walked, src, checks, lists_whole);
    let mut diagnostics = findings(syntax, structural, found);
    let tables: Vec<_> = walked.spans.iter().map(|s| s.table.clone()).collect();
    walked.keep_whole();
    if readable {
        set_aside(&mut walked, &mut diagnostics, &tables);
    }
    // However a TOML file writes its events (an inline array of them too), each is one stretch.
    Loaded {
        timeline: walked.timeline,
        diagnostics,
        layout: Layout::Tables(Plain::Unknown),
    }
}

/// A split file read and checked: the text outside its events, every problem found, and the
/// event tables with an error, whose events cannot open.
struct Streamed {
    /// The timeline's title, references and actors, without its events.
    timeline: Timeline,
    /// Every problem found, in file order.
    diagnostics: Vec<Diagnostic>,
    /// The event tables holding an error, in file order (empty after a syntax error, when the
    /// file's structure is unreliable).
    set_aside: Vec<Range<usize>>,
}

/// Reads and checks the event tables of a split file a batch at a time (see
/// [`piecewise::tables`]), handing each event to `each` once it is checked. Where each part of an
/// event was written is needed only to check it, so it is dropped with its batch rather than kept
/// for every event (some 500 bytes an event). `None` when the text outside the events holds
/// events too (an `events = [...]` array), which only a whole-file parse can reconcile.
fn streamed(
    text: &str,
    blocks: &blocks::Blocks,
    src: &SourceText<'_>,
    checks: validate::Checks,
    parsed: &AtomicU64,
    each: impl FnMut(walk::Read<piecewise::Spans>),
) -> Option<Streamed> {
    let outside = piecewise::outside(text, blocks)?;
    let (diagnostics, set_aside) = checked(text, blocks, &outside, src, checks, parsed, each);
    Some(Streamed {
        timeline: outside.walked.timeline,
        diagnostics,
        set_aside,
    })
}

/// The event tables of a split file read and checked against the text outside them
/// ([`piecewise::outside`]), each event handed to `each` once checked: every problem found, and
/// the tables with an error, whose events cannot open (see [`Streamed`]).
fn checked(
    text: &str,
    blocks: &blocks::Blocks,
    outside: &piecewise::Parsed,
    src: &SourceText<'_>,
    checks: validate::Checks,
    parsed: &AtomicU64,
    mut each: impl FnMut(walk::Read<piecewise::Spans>),
) -> (Vec<Diagnostic>, Vec<Range<usize>>) {
    let (mut syntax, mut structural) = (outside.syntax.clone(), outside.structural.clone());
    let mut validator = validate::Validator::new(&outside.walked.timeline, src, checks).expecting(blocks.events.len());
    if !outside.lists_whole {
        validator = validator.lists_unread();
    }
    piecewise::tables(
        text,
        blocks,
        parsed,
        (&mut syntax, &mut structural),
        |read, hash, later| {
            if let Some(later) = later {
                validator.soon(later);
            }
            validator.event(&read.event, hash, &read.spans, read.state);
            each(read);
        },
    );
    let readable = syntax.is_empty();
    let mut diagnostics = findings(syntax, structural, validator.finish());
    let set_aside = if readable {
        mark(&mut diagnostics, &blocks.events)
    } else {
        Vec::new()
    };
    (diagnostics, set_aside)
}

/// The events of a CSV file built from its rows (`index`) and checked as [`Document::load`]
/// checks them, each handed to `each`; every problem found, in file order.
fn checked_rows(
    src: &SourceText<'_>,
    records: &Timeline,
    index: &mut crate::import::csv::Index<'_>,
    checks: validate::Checks,
    mut each: impl FnMut(Event),
) -> Vec<Diagnostic> {
    let validator = validate::Validator::new(records, src, checks);
    let mut validator = match index.ids_asked_for() {
        true => validator.expecting(index.events()),
        false => validator.unasked_ids(),
    };
    let mut diagnostics = index.each_event(|event, spans| {
        validator.event(&event, validate::IdHash::of(&event.id), spans, walk::State::Whole);
        each(event);
    });
    // A CSV file is another tool's: the research warnings come once it is converted.
    add_links(&mut diagnostics, validator.finish(), false, |at| index.owner(at));
    diagnostics
}

/// The table of `tables` (in file order, none overlapping another) that holds the offset `at`.
fn table_at(tables: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let i = tables.partition_point(|t| t.start <= at).checked_sub(1)?;
    tables.get(i).filter(|t| at < t.end)
}

/// Leaves out each event with an error inside its table, so the others open (see [`mark`]).
fn set_aside(walked: &mut walk::Walked, diagnostics: &mut [Diagnostic], tables: &[Range<usize>]) {
    let out = mark(diagnostics, tables);
    if out.is_empty() {
        return;
    }
    let events = std::mem::take(&mut walked.timeline.events);
    let spans = std::mem::take(&mut walked.spans);
    (walked.timeline.events, walked.spans) = events
        .into_iter()
        .zip(spans)
        .filter(|(_, s)| table_at(&out, s.table.start).is_none())
        .unzip();
}

/// Marks each error inside an event table (`tables`, in file order) with the table's start, as
/// one that sets that event aside; returns those tables, each once, in file order. Called only on a file that parsed: after
/// a syntax error the structure is unreliable.
fn mark(diagnostics: &mut [Diagnostic], tables: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for d in diagnostics.iter_mut().filter(|d| d.is_error()) {
        if let Some(table) = d.span.as_ref().and_then(|s| table_at(tables, s.start)) {
            d.set_aside = Some(table.start);
            out.push(table.clone());
        }
    }
    // The diagnostics are in file order, so several errors of one table are neighbours.
    out.dedup();
    out
}

/// What a read comes to, in file order: every problem found. A syntax error hides only what
/// is garbled after it (see [`piecewise::tables`]), so one run reports all that can be known.
fn findings(syntax: Vec<Diagnostic>, structural: Vec<Diagnostic>, validated: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = [syntax, structural, validated].concat();
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    diagnostics
}

/// Parses the whole text at once: for files [`blocks::split`] cannot split. After a syntax
/// error anywhere, nothing read is trusted but the syntax errors and the events' ids.
fn whole(text: &str) -> piecewise::Parsed {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut structural = Vec::new();
    let mut walked = walk::document(&root, &mut structural);
    let syntax = syntax::diagnostics(text, &errors);
    let lists_whole = syntax.is_empty();
    if !lists_whole {
        structural.clear();
        walked.states.fill(walk::State::Unparsed);
    }
    piecewise::Parsed {
        walked,
        syntax,
        structural,
        lists_whole,
    }
}

/// A timeline of one event with one source whose link is `url` (as written in TOML), for tests
/// of how links are judged.
#[cfg(test)]
pub(crate) fn one_link(url: &str) -> Timeline {
    let text = format!(
        "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n[[events.sources]]\noutlet = \"O\"\nurl = \"{url}\"\n"
    );
    parse(&text, &SourceText::new("t", &text), Default::default(), None).timeline
}

#[cfg(test)]
mod tests;
