//! CSV with a header row (columns in README "Importing"): one row per event, or one row per source
//! with the event's `id` repeated; rows that share an id are one event with several sources.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, mpsc};

use indexmap::IndexMap;
use rayon::prelude::*;
use smallvec::SmallVec;
use thin_vec::ThinVec;

use crate::diagnostic::Diagnostic;
use crate::loaded::{self, Anchors, Layout, Loaded, Packed, Part, Plain, PushSnug, Rows, fitted};
use crate::located::did_you_mean;
use crate::mapped::prose;
use crate::model::date::Order;
use crate::model::timeline::event_index;
use crate::model::vocabulary::{self, Record as Kind, Type};
use crate::model::{
    Actor, Attribution, Claim, Date, Denial, Event, EventFields, Media, Meta, Name, Names, Place, Rating, Reference,
    Reliability, Source, SourceFields, Stance, Text, Timeline, credibility_grade,
};
use crate::slots::AHEAD;

use super::Options;
use super::columns::{self, Plan};
use super::ids::{Ids, slug};
use super::notes::Notes;
use super::url::outlet;

/// The columns tlx reads: those of [`vocabulary::csv_columns`], which tlx's CSV export writes.
pub static COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(vocabulary::csv_columns);

/// A cell's value: after a leading `'` verbatim (the export's guard, README "Importing");
/// otherwise trimmed, and `None` when blank.
fn cell_value(raw: &str) -> Option<&str> {
    match raw.strip_prefix('\'') {
        Some(verbatim) => Some(verbatim),
        None => Some(trim(raw)).filter(|v| !v.is_empty()),
    }
}

/// `text.trim()`, which decodes a character at each end to test it against Unicode's spaces: some
/// 45 instructions a cell, 6% of a CSV load's. Most cells start and end with a printable ASCII
/// character other than a space, which no test needs to decode.
fn trim(text: &str) -> &str {
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(text.as_bytes().first()) && graphic(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// A list cell's items: a JSON array of strings as written, or else items separated by `;`,
/// trimmed, blank ones skipped; each made by `item`.
fn list_items<T>(cell: &str, item: impl Fn(&str) -> T) -> Vec<T> {
    let json = cell
        .starts_with('[')
        .then(|| serde_json::from_str::<Vec<String>>(cell).ok());
    // Not shrunk to fit: each caller copies the items into a list of their number (a `ThinVec`,
    // JSON) or keeps none of them (`Names::shared` of names kept already).
    match json.flatten() {
        Some(items) => items.iter().map(|s| item(s)).collect(),
        None => cell.split(';').map(trim).filter(|s| !s.is_empty()).map(item).collect(),
    }
}

mod dialect;
mod header;
mod index;
mod places;
mod records;
mod stops;

use header::{Column, Header, column};
pub use index::{Index, index};
use places::Places;
pub(super) use records::{Field, Fields};
use records::{Records, record_at, records};

/// True when the first line is a header naming `date` and `title`.
pub fn has_header(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or_default();
    let names: Vec<Option<&str>> = first
        .split(char::from(dialect::sniff(text)))
        .map(columns::guess)
        .collect();
    names.contains(&Some("date")) && names.contains(&Some("title"))
}

/// "Source Date" and `"source-date"` both name `source_date`.
fn column_name(header: &str) -> String {
    header
        .trim()
        .trim_matches('"')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Rows handed from the reading thread to the merging one together, every row's cells in one
/// list: each row's cells are written once, where they are read. A row that held its own sixteen
/// cells in place (656 bytes) was copied five times on its way, a third of the reading thread's
/// time.
struct Batch<'t, R> {
    cells: Vec<Field<'t>>,
    /// Each row's place in `cells`, and what was read of it.
    rows: Vec<(Range<usize>, R)>,
}

impl<R> Batch<'_, R> {
    /// An empty batch with room for `cells` cells.
    fn new(cells: usize) -> Self {
        Batch {
            cells: Vec::with_capacity(cells),
            rows: Vec::with_capacity(BATCH),
        }
    }
}

/// What the reading thread read of a row besides its cells: the rest of its [`Row`], what it was
/// asked to read (the import's [`Items`]), the problems of its cells past the header's, and its
/// first byte.
struct Taken<I> {
    number: usize,
    order: Option<Order>,
    items: I,
    noted: Vec<Diagnostic>,
    start: usize,
}

/// The header row: its columns, and where each of its cells was written.
type HeaderRow = (Header, Vec<Range<usize>>);

/// Rows passed from the reading thread to the merging one at a time. Batches of 256 rows, for the
/// rows waiting to stay in cache, loaded a million-row file more slowly in the explorer (6.7 s
/// against 6.0 s): the two threads then wait on each other more often.
const BATCH: usize = 4096;

/// Reads a delimited timeline as `options` say, with where each event's parts were written;
/// when `read` is given, the bytes read so far are stored in it as the rows come in.
pub fn import(text: &str, options: &Options, read: Option<&AtomicU64>) -> (Loaded, Vec<Packed>) {
    let delimiter = options.delimiter.unwrap_or_else(|| dialect::sniff(text));
    let (plan, mut mapping_errors) = plan(text, delimiter, options);
    let order = options.columns.order.or(options.order);
    let split_outlets = plan.split_outlets;
    // The id of the row before, to tell the reading thread which rows begin an event.
    let mut last_id = String::new();
    let items = move |row: &Row<'_>| {
        let id = row.get(column!("id")).map(|(id, _)| id);
        // A row with its row before's id adds to that row's event (as the rows of an event
        // mostly follow one another); any other row may begin one.
        let begins = id.is_none_or(|id| id != last_id);
        last_id.clear();
        last_id.push_str(id.unwrap_or_default());
        Items::of(row, split_outlets, begins)
    };
    // Where each event's rows lie, for a search of the bytes as written: only in a file lent
    // for good, whose bytes stay where the events' prose points.
    let file = crate::mapped::lent_whole(text).filter(|_| plan.keeps_cells());
    let base = text.as_ptr() as usize;
    // The events with a row that is not plain (see [`loaded::plain`]): asked on the merging
    // thread, and only of a file lent for good; on the reading thread, which a CSV load waits on,
    // it was a seventh of its work.
    let mut unplain: Vec<u32> = Vec::new();
    let ((mut merger, mut runs), mut problems) =
        with_rows(text, delimiter, &plan, order, read, items, |header, rows| {
            let mut merger = Merger::new();
            // Room for an event a row, reserved and not touched (the pages untouched take no memory),
            // so that a million events of 450 bytes are not copied each time their vector fills; when
            // the room cannot be had the vectors grow as usual. At most an event per 64 bytes, so
            // that what is reserved stays within the 16 bytes a byte of file tlx allows itself
            // (`--max-size`) even where overcommitting is refused.
            let estimate = rows_estimate(text).min(text.len() / 64);
            let _ = merger.events.try_reserve_exact(estimate);
            let _ = merger.drafts.try_reserve_exact(estimate);
            let mut runs = Anchors::default();
            if file.is_some() {
                runs.reserve(estimate);
            }
            // Not the ids: hashed, they are written all over their table's room, so room for an
            // event a row (two and a half rows an event in the bench's file) held 50 MB more at a
            // million events. Grown as they come, the table copies itself a few times, which the
            // load's time does not show.
            merge_rows(header, rows, &mut merger, |merger, row, soon, items, start| {
                if let Some(id) = soon {
                    merger.by_id.soon(id);
                }
                let event = merger.event_row(row, items);
                let Some(i) = event.filter(|_| file.is_some()).map(|i| i as u32) else {
                    return;
                };
                if runs.last().is_none_or(|(_, last)| last != i) {
                    runs.push(base + start, i);
                }
                let end = row.record.last().map_or(start, |f| f.span.end);
                if !loaded::plain(&text[start..end], false) {
                    unplain.push(i);
                }
            });
            (merger, runs)
        });
    let (timeline, spans, composed) = merger.timeline();
    let mut diags = merger.diags;
    diags.append(&mut problems);
    diags.append(&mut mapping_errors);
    let mut loaded = super::loaded(timeline, diags);
    if let Some(file) = file {
        runs.shrink_to_fit();
        // What an event says that its rows do not spell is not as written either.
        unplain.extend(composed);
        unplain.sort_unstable();
        unplain.dedup();
        loaded.layout = Layout::Rows(Rows {
            file,
            runs,
            plain: Plain::AllBut(unplain),
        });
    }
    (loaded, spans)
}

/// About how many rows `text` holds, from the length of its first lines.
fn rows_estimate(text: &str) -> usize {
    let sample = &text.as_bytes()[..text.len().min(1 << 16)];
    let lines = memchr::memchr_iter(b'\n', sample).count().max(1);
    // A quarter more, since later rows may be shorter than the first.
    (text.len() / (sample.len() / lines).max(1) + 1) * 5 / 4
}

/// Reads the header, then the rows on a thread of their own with the file's columns made tlx's
/// (`plan`) and `items` of each read, handing them to `take` on this one with the header (`None`
/// when the file is empty); returns what `take` made, the problems of the mapping's cells and a
/// quote never closed.
fn with_rows<T, I: Send>(
    text: &str,
    delimiter: u8,
    plan: &Plan,
    order: Option<Order>,
    read: Option<&AtomicU64>,
    mut items: impl FnMut(&Row<'_>) -> I + Send,
    take: impl FnOnce(Option<&HeaderRow>, &mut dyn Iterator<Item = Batch<'_, Taken<I>>>) -> T,
) -> (T, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some(header) = header(text, delimiter, plan, &mut problems) else {
        return (take(None, &mut std::iter::empty()), problems);
    };
    let columns = &header.0;
    // One thread reads rows while this one takes them, since the two take about as long; rows
    // are taken as they come, so a million-row file is never held as records. What depends on a
    // row alone is read on the reading thread, since the merging one has more to do.
    // A pipeline, not work split into independent parts, so a scoped thread and a bounded
    // channel rather than rayon (`crate::parallel`): a rayon job blocked on the channel could
    // hold the pool's only thread while the merge waits for it. One batch waits at most, besides
    // the one being read and the one being merged: a batch is 3.5 MB of rows, and four waiting
    // held 10 MiB more at the peak of a 100k-row file's load, with no load the faster for it.
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            read_rows(text, delimiter, plan, &tx, read, |cells, line, start| {
                let row = Row::new(columns, cells, line, order);
                Taken {
                    number: line,
                    order,
                    items: items(&row),
                    noted: row.extra_cells(),
                    start,
                }
            })
        });
        let taken = take(Some(&header), &mut rx.into_iter());
        match reader.join() {
            Ok(mut found) => {
                problems.append(&mut found);
                (taken, problems)
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The file's header, or the mapping's names for a file without one; `None` when the file is
/// empty. The problems of the mapping's cells are added to `problems`.
fn header(text: &str, delimiter: u8, plan: &Plan, problems: &mut Vec<Diagnostic>) -> Option<HeaderRow> {
    let fields = if plan.headerless {
        named(plan, std::iter::repeat(0..0))
    } else {
        let (_, first) = records(text, delimiter, 0).next()?;
        // Named by the plan even when each cell stays in place: a column the mapping or a
        // common name renames may be where tlx's own would be.
        let cells = if plan.is_identity() {
            first
        } else {
            plan.apply(&first, problems)
        };
        named(plan, cells.into_iter().map(|f| f.span))
    };
    let columns = fields.iter().map(|f| column_name(&f.value)).collect();
    Some((Header::new(columns), fields.into_iter().map(|f| f.span).collect()))
}

/// How the file's columns become tlx's, from its first record (README "Spreadsheets and datasets").
fn plan(text: &str, delimiter: u8, options: &Options) -> (Plan, Vec<Diagnostic>) {
    let first = record_at(text, delimiter, 0);
    let header: Vec<&str> = first.iter().map(|f| &*f.value).collect();
    let spans: Vec<Range<usize>> = first.iter().map(|f| f.span.clone()).collect();
    Plan::new(&header, &spans, &options.columns)
}

/// `tlx import --suggest-columns`: a starter mapping of this file's header.
pub fn suggest_columns(text: &str, options: &Options) -> String {
    let first = record_at(text, options.delimiter.unwrap_or_else(|| dialect::sniff(text)), 0);
    columns::suggestion(&first.iter().map(|f| &*f.value).collect::<Vec<_>>())
}

/// The header's names as a row, each where the file's header cell it reads from was written.
fn named<'t>(plan: &'t Plan, spans: impl Iterator<Item = Range<usize>>) -> Fields<'t> {
    let names = plan.names.iter().map(|n| Cow::Borrowed(n.as_str()));
    names.zip(spans).map(|(value, span)| Field { value, span }).collect()
}

/// Reads every row after the header, sending them on in batches, each with the file's columns
/// made tlx's and made a record by `record` from its cells, the line it starts on and its first
/// byte; returns the problems of the mapping's cells, and a quoted cell never closed. Every text
/// can be read as CSV (an unclosed quote runs to its end), but a cell holding the rest of the
/// file has swallowed its rows, which must not pass unsaid.
fn read_rows<'t, R>(
    text: &'t str,
    delimiter: u8,
    plan: &Plan,
    tx: &mpsc::SyncSender<Batch<'t, R>>,
    read: Option<&AtomicU64>,
    mut record: impl FnMut(&[Field<'t>], usize, usize) -> R,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut lines = Lines::default();
    let identity = plan.is_identity();
    let mut records = Records::new(text, delimiter, 0);
    // Read before the threads started (see `header`), but its cell may be the file's last.
    let mut header = !plan.headerless;
    let mut last_cell = None;
    let mut batch = Batch::new(0);
    loop {
        let cells = &mut batch.cells;
        let from = cells.len();
        let Some(start) = records.next_into(cells) else {
            break;
        };
        last_cell = cells.last().map(|f| f.span.start);
        if std::mem::take(&mut header) {
            cells.truncate(from);
            continue;
        }
        if !identity {
            let mapped = plan.apply(&cells[from..], &mut problems);
            cells.truncate(from);
            cells.extend(mapped);
        }
        let taken = record(&cells[from..], lines.at(text, start), start);
        batch.rows.push((from..cells.len(), taken));
        if batch.rows.len() == BATCH {
            if let Some(read) = read {
                read.store(start as u64, Ordering::Relaxed);
            }
            // Room for as many cells as the last batch held, and an eighth more.
            let room = batch.cells.len() + batch.cells.len() / 8;
            if tx.send(std::mem::replace(&mut batch, Batch::new(room))).is_err() {
                break;
            }
        }
    }
    let _ = tx.send(batch);
    if let Some(at) = last_cell.filter(|&at| records::unclosed(text, delimiter, at)) {
        // The lines after the quote's own: the file's last line end starts none.
        let rest = text[at..].trim_end_matches(['\n', '\r']);
        let message = match memchr::memchr_iter(b'\n', rest.as_bytes()).count() {
            0 => "this quote is never closed: its cell runs to the end of the file".to_string(),
            1 => "this quote is never closed, so its cell holds the rest of the file: 1 more line, a row and all"
                .to_string(),
            lines => format!(
                "this quote is never closed, so its cell holds the rest of the file: {lines} more lines, rows and all"
            ),
        };
        problems
            .push(Diagnostic::error("syntax", at..at + 1, message).with_hint(
                "close the quote where the cell ends; a quote inside a quoted cell is written twice (\"\")",
            ));
    }
    problems
}

/// Checks the header (`None` when the file is empty, which has no rows), then hands `each` every
/// row that holds more than the timeline's own records (read into `merger`), with what was read
/// of it and its first byte; a row's problems past the header's count only once it is merged.
/// All of the rows are taken, even after a header error, so the reader finds every problem of
/// the mapping and a quote never closed. Each row comes with the id of the row [`AHEAD`] rows on
/// in its batch when that one's differs from the row's before it (so it may begin an event), for
/// `each` to fetch its place in a table of ids meanwhile ([`Places::soon`]).
fn merge_rows<I>(
    header: Option<&HeaderRow>,
    rows: &mut dyn Iterator<Item = Batch<'_, Taken<I>>>,
    merger: &mut Merger,
    mut each: impl FnMut(&mut Merger, &Row<'_>, Option<&str>, &mut I, usize),
) {
    let diags = &mut merger.diags;
    let Some((header, header_spans)) = header else {
        diags.push(
            Diagnostic::error("missing-key", 0..0, "the CSV file is empty").with_hint(
                "start with a header row naming at least `date` and `title`; README \"Importing\" lists every column",
            ),
        );
        return;
    };
    let columns = &header.names;
    for required in ["date", "title"] {
        if !columns.iter().any(|c| c == required) {
            let line = header_spans
                .first()
                .map_or(0..0, |s| s.start..header_spans.last().map_or(s.end, |l| l.end));
            diags.push(
                Diagnostic::error("missing-key", line, format!("the header has no `{required}` column"))
                    .with_hint(format!(
                        "name the column that holds it: tlx import --columns {required}=NAME (`tlx import --suggest-columns FILE` guesses them all)"
                    )),
            );
        }
    }
    for (name, span) in columns.iter().zip(header_spans) {
        if !COLUMNS.contains(&name.as_str()) {
            let hint = match did_you_mean(name, COLUMNS.iter().copied()) {
                Some(c) => format!("did you mean `{c}`? Its values are kept in each event's notes"),
                None => format!(
                    "its values are kept in each event's notes; to read it as a tlx column, map it: --columns COLUMN={name}"
                ),
            };
            diags.push(
                Diagnostic::warning("unknown-column", span.clone(), format!("unknown column `{name}`")).with_hint(hint),
            );
        }
    }
    // Most files hold events only: their rows are not searched for the timeline's own records.
    let own_records = header.has_own_records();
    if !merger.diags.iter().any(Diagnostic::is_error) {
        for Batch { cells, mut rows } in &mut *rows {
            let id = |at: &Range<usize>| Row::new(header, &cells[at.clone()], 0, None).get(column!("id"));
            let ids: Vec<Option<&str>> = rows.iter().map(|(at, _)| id(at).map(|(id, _)| id)).collect();
            // Each row's items are lent to `each`, which takes what it keeps: moved out of the
            // batch, a row's 448 bytes were copied once more for each of 2.5 million rows.
            for (i, (at, taken)) in rows.iter_mut().enumerate() {
                merger.diags.append(&mut taken.noted);
                let row = Row::new(header, &cells[at.clone()], taken.number, taken.order);
                if merger.row(&row, own_records) {
                    let ahead = ids.get(i + AHEAD).copied().flatten();
                    let soon = ahead.filter(|&id| ids[i + AHEAD - 1] != Some(id));
                    each(merger, &row, soon, &mut taken.items, taken.start);
                }
            }
        }
    }
    rows.for_each(drop);
}

/// The line an offset is on, counted as an editor does: after LF, CRLF or a lone CR. Offsets
/// come in order, so each byte is counted once.
#[derive(Default)]
struct Lines {
    offset: usize,
    line: usize,
}

impl Lines {
    fn at(&mut self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[self.offset.min(offset)..offset]) {
            let i = i + self.offset;
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                self.line += 1;
            }
        }
        self.offset = offset;
        self.line + 1
    }
}

/// The timeline's own records, which a row may hold beside an event.
const RECORDS: [Kind; 3] = [Kind::Timeline, Kind::Reference, Kind::Actor];

/// Events being assembled, in the order their first rows come, and the timeline's own records
/// as their rows come.
struct Merger {
    diags: Vec<Diagnostic>,
    /// Kept apart from the rest of their drafts, so that they become the timeline's events where
    /// they are, not moved out of a million drafts.
    events: Vec<Event>,
    /// The rest of each event's draft, at the event's place.
    drafts: Vec<Draft>,
    /// The place in `events` of each id the file gives, found by the id the event holds; a row
    /// without one begins an event of its own, as [`index`] groups it.
    by_id: Places,
    /// The sources of the event whose rows come now (see [`Gathered`]).
    gathered: Gathered,
    meta: Option<Meta>,
    references: IndexMap<String, Reference>,
    actors: IndexMap<String, Actor>,
}

/// The sources of the event whose rows come one after another, as most events' do, gathered in
/// place until another event's row comes ([`Merger::settle`]): pushed to the event's list a row
/// at a time, they were copied at each row, and each row's own list was allocated and freed.
#[derive(Default)]
struct Gathered {
    /// The event's place in `events`; its own list is empty meanwhile.
    event: Option<usize>,
    sources: SmallVec<[Source; 4]>,
}

/// What an event under construction needs besides its fields so far: whether its id came from
/// the file, its notes, where its parts were written. One is held for every event until the
/// last row is read, so its fields are the narrow kinds: 48 bytes, where lists and strings of
/// their own took 88.
struct Draft {
    given_id: bool,
    /// Whether an outlet of its was not written in its cell (see [`Rows::plain`]).
    composed: bool,
    /// The `notes` cell as written on the event's first row, lent by a mapped file as the
    /// event's other prose is.
    own_notes: Option<Text>,
    /// What else the rows said that has no column of its own.
    notes: Notes,
    /// Where its parts were written, for the checks of links between records: packed, since every
    /// event's is held until the last row is read.
    spans: Packed,
    /// How many of its denials `spans` places (counted here: an event may have many rows).
    denials_placed: u32,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Draft>() <= 48);

/// `items` added to `list`, each that it does not hold already.
fn joined<T: PartialEq>(list: &mut ThinVec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// `items` added to `names` as [`joined`] adds them: a kept list is copied only when one is
/// added.
fn joined_names(names: &mut Names, items: Names) {
    if items.iter().any(|n| !names.contains(n)) {
        joined(names.to_mut(), items.iter().cloned());
    }
}

/// One row's cells, each found by its column's place in the header.
struct Row<'a> {
    header: &'a Header,
    record: &'a [Field<'a>],
    number: usize,
    order: Option<Order>,
    /// The row's first cell, empty or not, where problems of the whole row are shown.
    first: Range<usize>,
}

impl<'a> Row<'a> {
    /// The row of `record`'s cells, which starts on line `number`.
    fn new(header: &'a Header, record: &'a [Field<'a>], number: usize, order: Option<Order>) -> Row<'a> {
        Row {
            header,
            first: record.first().map(|f| f.span.clone()).unwrap_or_default(),
            record,
            number,
            order,
        }
    }

    /// A warning for each cell beyond the header, which is kept as an extra cell.
    fn extra_cells(&self) -> Vec<Diagnostic> {
        let beyond = self.record.iter().skip(self.header.names.len());
        beyond
            .filter(|field| cell_value(&field.value).is_some())
            .map(|field| {
                Diagnostic::warning(
                    "unknown-column",
                    field.span.clone(),
                    format!("row {} has more cells than the header", self.number),
                )
                .with_hint("the value is kept in the event's notes; add a header for it")
            })
            .collect()
    }

    /// The non-empty cell at `at` ([`cell_value`]), and where it was written.
    fn cell(&self, at: usize) -> Option<(&'a str, Range<usize>)> {
        let field = self.record.get(at)?;
        Some((cell_value(&field.value)?, field.span.clone()))
    }

    /// The row's first non-empty cell of `column`.
    fn get(&self, column: Column) -> Option<(&'a str, Range<usize>)> {
        self.header.places(column).iter().find_map(|&at| self.cell(at))
    }

    /// The row's first non-empty cell of `column`, as the text its field holds (a copy).
    fn text<T: for<'v> From<&'v str>>(&self, column: Column) -> Option<T> {
        self.get(column).map(|(v, _)| v.into())
    }

    /// The row's first non-empty cell of `column`, a field of prose (see [`prose`]).
    fn prose(&self, column: Column) -> Option<Text> {
        self.get(column).map(|(v, _)| prose(v))
    }

    /// The row's first non-empty cell of `column`, a name (see [`Name::shared`]).
    fn name(&self, column: Column) -> Option<Name> {
        self.get(column).map(|(v, _)| Name::shared(v))
    }

    fn list<T: for<'v> From<&'v str>>(&self, column: Column) -> ThinVec<T> {
        self.get(column)
            .map_or_else(ThinVec::new, |(v, _)| list_items(v, |s| T::from(s)).into())
    }

    /// The row's list cell of `column`, a list of names (see [`Name::shared`]).
    fn names(&self, column: Column) -> Names {
        self.get(column)
            .map_or_else(Names::default, |(v, _)| Names::shared(list_items(v, Name::shared)))
    }

    /// How many items the row's list cell of `column` holds, as [`Row::list`] reads them.
    fn listed(&self, column: Column) -> usize {
        self.get(column).map_or(0, |(v, _)| list_items(v, |_| ()).len())
    }

    /// Whether it holds more than the status and the timeline's own records. Asked on the merging
    /// thread: the reading one is the busier once the merging one is relieved of the rest.
    fn has_event_cells(&self) -> bool {
        (0..self.record.len()).any(|at| self.header.for_event(at) && self.cell(at).is_some())
    }
}

impl Merger {
    fn new() -> Merger {
        Merger {
            diags: Vec::new(),
            events: Vec::new(),
            drafts: Vec::new(),
            by_id: Places::default(),
            gathered: Gathered::default(),
            meta: None,
            references: IndexMap::new(),
            actors: IndexMap::new(),
        }
    }

    /// Reads the timeline's own records (its metadata, a reference, an actor) out of the row when
    /// the header has their columns (`own_records`); false when nothing else is left in it.
    fn row(&mut self, row: &Row<'_>, own_records: bool) -> bool {
        if own_records {
            self.records(row);
        }
        row.has_event_cells()
    }

    /// The place in `events` of the event whose id is `id`.
    fn find(&self, id: &str) -> Option<usize> {
        let found = self.by_id.find(id, |at| self.events[at as usize].id.as_str());
        found.map(|at| at as usize)
    }

    /// Adds the row, with its items, to its event (a new one when its id is); returns the
    /// event's index, `None` when the row begins no event (its errors said why).
    fn event_row(&mut self, row: &Row<'_>, items: &mut Items) -> Option<usize> {
        let begun = items.begun.take();
        let id = row.get(column!("id")).map(|(id, _)| id);
        // The id is looked up once, and copied only for a new event: a million-row file makes
        // every lookup count. The rows of an event mostly follow one another (one row per source),
        // so the last event's own id is compared first: found there, it spares a probe of a
        // table of a million ids, which is mostly a wait for memory.
        let last = (self.events.len().checked_sub(1))
            .filter(|&i| self.drafts[i].given_id && id == Some(self.events[i].id.as_str()));
        let index = match id.and_then(|id| Some((id, last.or_else(|| self.find(id))?))) {
            Some((id, index)) => {
                self.merge(index, id, row);
                index
            }
            None => {
                let (event, draft) = match begun {
                    Some(Begun { made, mut diags }) => {
                        self.diags.append(&mut diags);
                        made?
                    }
                    None => new_event(row, &mut self.diags)?,
                };
                if let Some(id) = id {
                    self.by_id.note(id, event_index(self.events.len()));
                }
                self.events.push(event);
                self.drafts.push(draft);
                self.events.len() - 1
            }
        };
        // Another event's rows begin: the last one's sources are all gathered.
        if self.gathered.event.is_some_and(|e| e != index) {
            self.settle();
        }
        let (sources, denial, claim) = (items.sources.take(), items.denial.take(), items.claim.take());
        self.diags.append(&mut items.diags);
        let (event, draft) = (&mut self.events[index], &mut self.drafts[index]);
        // An outlet not written in its cell is read off the URL or shown as "unknown".
        draft.composed |= sources.is_some() && row.get(column!("outlet")).is_none();
        // A claim repeated on several rows is one claim.
        if let Some(c) = claim.filter(|c| !event.more.claims.contains(c)) {
            let at = row.get(column!("claim_id")).map_or(row.first.clone(), |(_, s)| s);
            draft.spans.push(Part::Claim, at);
            event.more.edit(|more| more.claims.push_snug(c));
        }
        // A denial repeated on each row of a sheet with one row per source is one denial; a row
        // of its own (as tlx writes them) is always a denial of its own.
        let repeated = |d: &Denial| sources.is_some() && event.denials.contains(d);
        if let Some(d) = denial.filter(|d| !repeated(d)) {
            event.denials.push_snug(d);
        }
        let at = |column: Column| row.get(column).map(|(_, span)| span);
        let item = |spans: &mut Packed, part: Part, via: Column, derived_from: Option<Column>, claims: Column| {
            spans.push(part, row.first.clone());
            spans.extend(Part::Via, at(via));
            spans.extend(Part::DerivedFrom, derived_from.and_then(at));
            let claim = at(claims).unwrap_or(row.first.clone());
            spans.extend(Part::ItemClaim, std::iter::repeat_n(claim, row.listed(claims)));
        };
        for _ in sources.iter().flatten() {
            item(
                &mut draft.spans,
                Part::Source,
                column!("via"),
                Some(column!("derived_from")),
                column!("claims"),
            );
        }
        if event.denials.len() > draft.denials_placed as usize {
            item(
                &mut draft.spans,
                Part::Denial,
                column!("denial_via"),
                None,
                column!("denial_claims"),
            );
            draft.denials_placed += 1;
        }
        if let Some(sources) = sources {
            match self.gathered.event == Some(index) || event.sources.is_empty() {
                true => {
                    self.gathered.event = Some(index);
                    self.gathered.sources.extend(sources);
                }
                // An event whose rows came apart, its first sources given to it already.
                false => event.add_sources(sources),
            }
        }
        for (at, label) in row.header.noted(row.record.len()) {
            if let Some((value, _)) = row.cell(at) {
                draft.notes.add(label, value);
            }
        }
        Some(index)
    }

    /// A further row of an event: lists are joined; a different value of a single field is kept in notes.
    fn merge(&mut self, index: usize, key: &str, row: &Row<'_>) {
        let (e, draft) = (&mut self.events[index], &mut self.drafts[index]);
        joined_names(&mut e.tags, row.names(column!("tags")));
        joined_names(&mut e.actors, row.names(column!("actors")));
        let related = row.list(column!("related"));
        if !related.is_empty() {
            e.more.edit(|more| joined(&mut more.related, related));
        }
        if e.summary.is_none() {
            e.summary = row.prose(column!("summary"));
        }
        if e.more.media.is_none()
            && let Some(url) = row.text(column!("media_url"))
        {
            let media = Media {
                url,
                caption: row.text(column!("media_caption")),
                credit: row.text(column!("media_credit")),
            };
            e.more.edit(|more| more.media = Some(Box::new(media)));
        }
        if PLACE_COLUMNS.iter().any(|&c| row.get(c).is_some()) {
            let place = place(row, &mut draft.notes, &mut self.diags).map(Box::new);
            if e.more.place.is_none() {
                e.more.edit(|more| more.place = place);
            } else if place != e.more.place {
                let span = PLACE_COLUMNS
                    .iter()
                    .find_map(|&c| row.get(c))
                    .map(|(_, s)| s)
                    .unwrap_or_default();
                let label = place.as_deref().map_or_else(|| "(none)".into(), Place::label);
                draft.notes.add(&format!("Row {} place", row.number), &label);
                self.diags.push(
                    Diagnostic::warning("conflict", span, format!("event `{key}` already has a different place"))
                        .with_hint("the first row's is kept; this one is kept in the event's notes"),
                );
            }
        }
        let media = e.more.media.as_ref();
        let date = e.date.text();
        let known = [
            (column!("date"), date.as_str()),
            (column!("title"), &e.title),
            (column!("summary"), e.summary.as_deref().unwrap_or_default()),
            (column!("media_url"), media.map_or("", |m| m.url.as_str())),
            (
                column!("media_caption"),
                media.and_then(|m| m.caption.as_deref()).unwrap_or_default(),
            ),
            (
                column!("media_credit"),
                media.and_then(|m| m.credit.as_deref()).unwrap_or_default(),
            ),
        ];
        // Most further rows repeat nothing or the same values: no copies are made for them.
        let conflicts: Vec<(Column, &str, Range<usize>)> = known
            .into_iter()
            .filter_map(|(column, first)| {
                let (value, span) = row.get(column).filter(|(v, _)| *v != first)?;
                Some((column, value, span))
            })
            .collect();
        for (column, value, span) in conflicts {
            let column = column.field().csv;
            draft.notes.add(&format!("Row {} {column}", row.number), value);
            self.diags.push(
                Diagnostic::warning(
                    "conflict",
                    span,
                    format!("event `{key}` already has a different {column}"),
                )
                .with_hint("the first row's value is kept; this one is kept in the event's notes"),
            );
        }
        let notes = row.get(column!("notes")).map(|(v, _)| v);
        if notes != draft.own_notes.as_deref() {
            draft.notes.add("", notes.unwrap_or_default());
        }
    }

    /// Reads each of the timeline's own records (its metadata, a reference, an actor) the row's
    /// cells make, through the vocabulary into the model's serde form, so every field the table
    /// names is read.
    fn records(&mut self, row: &Row<'_>) {
        for (r, record) in RECORDS.into_iter().enumerate() {
            let cells: Vec<(Column, &str, Range<usize>)> = (row.header.own(r).iter())
                .filter_map(|&(at, column)| row.cell(at).map(|(value, span)| (column, value, span)))
                .collect();
            let Some(first) = cells.first().map(|(_, _, span)| span.clone()) else {
                continue;
            };
            let mut map = serde_json::Map::new();
            let mut id = None;
            for (column, value, span) in cells {
                let field = column.field();
                let column = field.csv;
                let value = match field.ty {
                    _ if field.name == "id" => {
                        id = Some(value.to_string());
                        continue;
                    }
                    _ if field.many => serde_json::Value::from(list_items(value, str::to_owned)),
                    Type::Integer => match value.parse::<u32>() {
                        Ok(n) => n.into(),
                        Err(_) => {
                            self.diags.push(
                                Diagnostic::warning(
                                    "bad-value",
                                    span,
                                    format!("{column} \"{value}\" is not a whole number"),
                                )
                                .with_hint(format!("the {} is imported without it", record.name())),
                            );
                            continue;
                        }
                    },
                    Type::Date => match Date::parse(value) {
                        Ok(_) => value.into(),
                        Err(e) => {
                            self.diags.push(
                                Diagnostic::warning(
                                    "bad-date",
                                    span,
                                    format!("invalid date \"{value}\": {}", e.message),
                                )
                                .with_hint(e.hint),
                            );
                            continue;
                        }
                    },
                    _ => value.into(),
                };
                map.insert(field.name.into(), value);
            }
            let missing = record
                .fields()
                .find(|f| f.required && !map.contains_key(f.name) && (f.name != "id" || id.is_none()))
                .filter(|f| record != Kind::Timeline || f.name != "id");
            if let Some(f) = missing {
                self.diags.push(
                    Diagnostic::error(
                        "missing-key",
                        first,
                        format!("row {} has a {} without `{}`", row.number, record.name(), f.csv),
                    )
                    .with_hint(format!(
                        "give the {} its `{}`, or empty its other cells",
                        record.name(),
                        f.csv
                    )),
                );
                continue;
            }
            let value = serde_json::Value::Object(map);
            let id = id.unwrap_or_default();
            let read = match record {
                Kind::Timeline => serde_json::from_value(value).map(|m| {
                    let fresh = self.meta.is_none();
                    self.meta.get_or_insert(m);
                    fresh
                }),
                Kind::Reference => serde_json::from_value(value).map(|r| first_of(&mut self.references, id, r)),
                _ => serde_json::from_value(value).map(|a| first_of(&mut self.actors, id, a)),
            };
            match read {
                Ok(true) => {}
                Ok(false) => self.diags.push(
                    Diagnostic::warning(
                        "duplicate-id",
                        first,
                        format!("row {} gives a {} already given", row.number, record.name()),
                    )
                    .with_hint("the first row's is kept; merge the two rows"),
                ),
                Err(e) => self.diags.push(Diagnostic::error(
                    "bad-value",
                    first,
                    format!("row {}: the {} cannot be read: {e}", row.number, record.name()),
                )),
            }
        }
    }

    /// Gives the sources gathered to their event (see [`Gathered`]). Before any event is taken
    /// out: until then the event whose rows came last may hold none of its sources.
    fn settle(&mut self) {
        if let Some(i) = self.gathered.event.take() {
            debug_assert!(self.events[i].sources.is_empty());
            self.events[i].sources = fitted(std::mem::take(&mut self.gathered.sources)).into();
        }
    }

    /// The timeline read, where each event's parts were written, and the events that say what
    /// their rows do not spell (see [`Rows::plain`]).
    fn timeline(&mut self) -> (Timeline, Vec<Packed>, Vec<u32>) {
        self.settle();
        // Every row is merged: the ids' map (a million keys) is freed before the events are finished.
        self.by_id = Places::default();
        let mut ids = Ids::default();
        let mut events = std::mem::take(&mut self.events);
        let drafts = std::mem::take(&mut self.drafts);
        // The file's own ids are claimed first, so a generated one never takes them; when every
        // event has its own, none is generated and a million ids need not be copied into `ids`.
        if drafts.iter().any(|d| !d.given_id) {
            for (e, _) in events.iter().zip(&drafts).filter(|(_, d)| d.given_id) {
                ids.claim(&e.id);
            }
            for (d, event) in drafts.iter().zip(&mut events) {
                d.name(event, &mut ids);
            }
        }
        // Notes gathered from several cells, each under its column's name or its row's (a column
        // tlx does not know, a later row's other value, a place that could not be placed).
        let composed = (drafts.iter().enumerate())
            .filter(|(_, d)| d.composed || !d.notes.is_empty())
            .map(|(i, _)| i as u32)
            .collect();
        let spans: Vec<Packed> = (drafts.into_par_iter().zip(&mut events))
            .map(|(d, event)| d.finish(event))
            .collect();
        // Room was reserved for the rows' estimate.
        events.shrink_to_fit();
        (
            Timeline {
                events,
                ..self.own_records()
            },
            spans,
            composed,
        )
    }

    /// The timeline's title, references and actors, without its events.
    fn own_records(&mut self) -> Timeline {
        Timeline {
            timeline: self.meta.take().unwrap_or_else(|| Meta {
                title: "Imported CSV timeline".into(),
                ..Meta::default()
            }),
            references: std::mem::take(&mut self.references),
            actors: std::mem::take(&mut self.actors),
            events: Vec::new(),
        }
    }
}

impl Draft {
    /// Names its event when the file gave it no id: its title and year, as an id `ids` does not
    /// hold yet (the file's own all claimed first, and those given to the events before it).
    fn name(&self, event: &mut Event, ids: &mut Ids) {
        if !self.given_id {
            let year = crate::model::date::human_year(event.date.start_point().year);
            event.id = ids.claim(&slug(&format!("{} {year}", event.title))).into();
        }
    }

    /// Finishes its event, once [`Draft::name`]d: its notes, and where its parts were written.
    /// What it does reads no other event, so events are finished on every core.
    fn finish(mut self, event: &mut Event) -> Packed {
        // Items later rows added are shown at the event's first row.
        let table = self.spans.table();
        for (part, items) in [
            (Part::Related, event.more.related.len()),
            (Part::Actor, event.actors.len()),
        ] {
            let added = items.saturating_sub(self.spans.count(part));
            self.spans.extend(part, std::iter::repeat_n(table.clone(), added));
        }
        let notes = match (self.own_notes, self.notes.into_text()) {
            (Some(own), Some(more)) => Some(format!("{}\n{more}", own.as_str()).into()),
            (own, more) => own.or(more.map(Text::from)),
        };
        event.more.edit(|more| more.notes = notes);
        self.spans
    }
}

/// Adds `value` under `id` unless the id is taken; whether it was added.
fn first_of<T>(map: &mut IndexMap<String, T>, id: String, value: T) -> bool {
    let fresh = !map.contains_key(&id);
    map.entry(id).or_insert(value);
    fresh
}

/// The columns of an event's place: its name, latitude and longitude.
const PLACE_COLUMNS: [Column; 3] = [column!("place"), column!("latitude"), column!("longitude")];

/// The row's place. Coordinates that cannot be placed are a warning at their cell, and kept as
/// written in the event's notes; the place keeps its name.
fn place(row: &Row<'_>, notes: &mut Notes, diags: &mut Vec<Diagnostic>) -> Option<Place> {
    let [name, lat, lon] = PLACE_COLUMNS.map(|c| row.get(c));
    let point = crate::model::place::coordinates(lat.as_ref().map(|c| c.0), lon.as_ref().map(|c| c.0)).unwrap_or_else(
        |problem| {
            let at = match problem.axis {
                crate::model::place::Axis::Lat => &lat,
                crate::model::place::Axis::Lon => &lon,
            };
            let span = at.as_ref().map_or(row.first.clone(), |c| c.1.clone());
            diags.push(Diagnostic::warning("bad-place", span, problem.message).with_hint(problem.hint));
            for (column, cell) in [
                (PLACE_COLUMNS[1].field().csv, &lat),
                (PLACE_COLUMNS[2].field().csv, &lon),
            ] {
                notes.add(column, cell.as_ref().map_or("", |c| c.0));
            }
            None
        },
    );
    Place::new(name.map(|c| c.0.to_string()), point)
}

/// What a row adds to its event besides its fields: its source (once per outlet when outlets are
/// split), its denial and its claim, with the problems found reading them, which count only once
/// the row joins an event. They depend on the row alone, so the reading thread reads them.
struct Items {
    /// Mostly one: kept in place, so that a row's source takes no allocation of its own before
    /// it joins its event's (see [`Merger::gathered`]).
    sources: Option<Outlets>,
    denial: Option<Denial>,
    claim: Option<Claim>,
    diags: Vec<Diagnostic>,
    /// The event the row makes if its id is new, when the row was thought to begin one.
    begun: Option<Begun>,
}

/// What [`new_event`] made of a row, made on the reading thread: the merging one, which alone
/// knows whether the row's id is new, is the busier, and most rows that do not follow a row of
/// their own id begin an event. The merging thread drops it when the id was not new.
struct Begun {
    made: Option<(Event, Draft)>,
    diags: Vec<Diagnostic>,
}

impl Items {
    /// The row's items; with its event, when it `begins` one (see [`Begun`]).
    fn of(row: &Row<'_>, split_outlets: bool, begins: bool) -> Items {
        let mut diags = Vec::new();
        let sources = source(row, &mut diags).map(|s| outlets(s, split_outlets));
        let denial = denial(row, &mut diags);
        let claim = claim(row, &mut diags);
        let begun = begins.then(|| {
            let mut diags = Vec::new();
            let made = new_event(row, &mut diags);
            Begun { made, diags }
        });
        Items {
            sources,
            denial,
            claim,
            diags,
            begun,
        }
    }
}

/// The event of a row whose id is new; `None`, with an error, without a usable date and title.
fn new_event(row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Option<(Event, Draft)> {
    let date = date(row, column!("date"), true, diags);
    let title = row.prose(column!("title"));
    if title.is_none() {
        let span = row.first.clone();
        diags.push(
            Diagnostic::error("empty-value", span, format!("row {} has no title", row.number))
                .with_hint("give each event a title; rows that add sources to an event repeat its id")
                .setting_aside(row.first.start),
        );
    }
    let at = |column: Column| row.get(column).map_or(row.first.clone(), |(_, span)| span);
    // Room for the table, the id and the usual source or two.
    let mut spans = Packed::with_capacity(4);
    spans.push(Part::Table, row.first.clone());
    spans.push(Part::Id, at(column!("id")));
    spans.extend(
        Part::Related,
        std::iter::repeat_n(at(column!("related")), row.listed(column!("related"))),
    );
    spans.extend(
        Part::Actor,
        std::iter::repeat_n(at(column!("actors")), row.listed(column!("actors"))),
    );
    let mut notes = Notes::default();
    let media = row.text(column!("media_url")).map(|url| Media {
        url,
        caption: row.text(column!("media_caption")),
        credit: row.text(column!("media_credit")),
    });
    if media.is_none() {
        // A caption or credit with no media to belong to is still the author's text.
        for column in [column!("media_caption"), column!("media_credit")] {
            notes.add(column.field().csv, &row.text::<String>(column).unwrap_or_default());
        }
    }
    let place = place(row, &mut notes, diags);
    let event = Event::from(EventFields {
        // Lent by the file, as a TOML file's ids are (see `load::quick`).
        id: row.prose(column!("id")).unwrap_or_default(),
        date: date?,
        title: title?,
        summary: row.prose(column!("summary")),
        tags: row.names(column!("tags")),
        actors: row.names(column!("actors")),
        related: row.list(column!("related")),
        notes: None,
        media: media.map(Box::new),
        place: place.map(Box::new),
        claims: ThinVec::new(),
        sources: Vec::new(),
        denials: ThinVec::new(),
    });
    let draft = Draft {
        given_id: row.get(column!("id")).is_some(),
        composed: false,
        own_notes: row.prose(column!("notes")),
        spans,
        denials_placed: 0,
        notes,
    };
    Some((event, draft))
}

/// The row's source, when it names one (an outlet, or a quote or URL to attribute).
fn source(row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Option<Source> {
    if Column::of(Kind::Source).iter().all(|&c| row.get(c).is_none()) {
        return None;
    }
    let url: Option<Text> = row.prose(column!("url"));
    let outlet: Name = row
        .name(column!("outlet"))
        .or_else(|| url.as_deref().and_then(outlet).map(|o| Name::shared(&o)))
        .unwrap_or_else(|| {
            let span = row.first.clone();
            diags.push(
                Diagnostic::warning(
                    "missing-key",
                    span,
                    format!("the source on row {} has no outlet", row.number),
                )
                .with_hint("its outlet is shown as \"unknown\"; write who said it in the outlet column"),
            );
            "unknown".into()
        });
    let stance = row.get(column!("stance")).map_or(Stance::Reports, |(word, span)| {
        Stance::from_word(&word.to_lowercase()).unwrap_or_else(|| {
            bad_cell(diags, span, "stance", word, "reports, corroborates or confirms");
            Stance::Reports
        })
    });
    let reliability = row.get(column!("reliability")).and_then(|(word, span)| {
        let grade = Reliability::parse(word);
        if grade.is_none() {
            bad_cell(diags, span, "reliability", word, "one letter from A to F");
        }
        grade
    });
    let credibility = row.get(column!("credibility")).and_then(|(word, span)| {
        let grade = word.parse().ok().and_then(credibility_grade);
        if grade.is_none() {
            bad_cell(diags, span, "credibility", word, "a whole number from 1 to 6");
        }
        grade
    });
    Some(Source::from(SourceFields {
        outlet,
        citing: row.name(column!("citing")),
        stance,
        date: date(row, column!("source_date"), false, diags),
        dated: date(row, column!("source_dated"), false, diags),
        via: row.name(column!("via")),
        quote: row.prose(column!("quote")),
        url,
        derived_from: row.name(column!("derived_from")),
        reliability,
        credibility,
        claims: row.list(column!("claims")),
    }))
}

/// The row's claim, when it has a `claim_id` or a `claim_text`; `None`, with an error, when
/// it lacks one of them.
fn claim(row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Option<Claim> {
    let (id, text) = (row.text(column!("claim_id")), row.text(column!("claim_text")));
    if id.is_none() && text.is_none() {
        return None;
    }
    let rating = row.get(column!("claim_rating")).and_then(|(word, span)| {
        let rating = Rating::from_word(&word.to_lowercase());
        if rating.is_none() {
            let expected = "false, mostly-false, mixed, mostly-true or true";
            diags.push(
                Diagnostic::warning(
                    "bad-value",
                    span,
                    format!("claim_rating \"{word}\" is not one tlx knows"),
                )
                .with_hint(format!("write {expected}; the claim is imported without it")),
            );
        }
        rating
    });
    let (Some(id), Some(text)) = (id, text) else {
        let missing = if row.get(column!("claim_id")).is_none() {
            "claim_id"
        } else {
            "claim_text"
        };
        diags.push(
            Diagnostic::error(
                "missing-key",
                row.first.clone(),
                format!("the claim on row {} has no {missing}", row.number),
            )
            .with_hint("give each claim its id and its text"),
        );
        return None;
    };
    Some(Claim {
        id,
        text,
        verdict: row.text(column!("claim_verdict")),
        rating,
    })
}

/// A row's sources: one, or one per outlet its cell names.
type Outlets = SmallVec<[Source; 1]>;

/// The source once per outlet its cell names, when outlets are split ("Reuters; AFP").
fn outlets(source: Source, split: bool) -> Outlets {
    if !split || !source.outlet().contains(columns::SPLIT) {
        return smallvec::smallvec![source];
    }
    (source.outlet().split(columns::SPLIT))
        .map(trim)
        .filter(|o| !o.is_empty())
        .map(|outlet| {
            let mut one = source.clone();
            *one.said.by_mut() = Attribution::new(Name::shared(outlet), source.by().citing().cloned());
            one
        })
        .collect()
}

fn bad_cell(diags: &mut Vec<Diagnostic>, span: Range<usize>, column: &str, value: &str, expected: &str) {
    diags.push(
        Diagnostic::warning("bad-value", span, format!("{column} \"{value}\" is not one tlx knows"))
            .with_hint(format!("write {expected}; the source is imported without it")),
    );
}

/// The row's denial, when it has a `denied_by`.
fn denial(row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Option<Denial> {
    Some(Denial {
        by: row.name(column!("denied_by"))?,
        date: date(row, column!("denial_date"), false, diags),
        via: row.name(column!("denial_via")),
        quote: row.prose(column!("denial_quote")),
        url: row.prose(column!("denial_url")),
        claims: row.list(column!("denial_claims")),
    })
}

/// A date cell. The event's date is required (an error when missing or invalid); a source's or
/// denial's is not (a warning when invalid, and the item is kept without it).
fn date(row: &Row<'_>, column: Column, required: bool, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let Some((text, span)) = row.get(column) else {
        let column = column.field().csv;
        if required {
            let span = row.first.clone();
            diags.push(
                Diagnostic::error("missing-key", span, format!("row {} has no {column}", row.number))
                    .with_hint("write a date such as 2015, 2015-07 or 2015-07-24")
                    .setting_aside(row.first.start),
            );
        }
        return None;
    };
    Date::parse_human(text, row.order)
        .map_err(|e| {
            let message = format!("invalid date \"{text}\": {}", e.message);
            let d = if required {
                Diagnostic::error("bad-date", span, message).setting_aside(row.first.start)
            } else {
                Diagnostic::warning("bad-date", span, message)
            };
            diags.push(d.with_hint(e.hint));
        })
        .ok()
}

#[cfg(test)]
mod tests;
