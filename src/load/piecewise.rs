//! Parses a timeline split by [`blocks::split`] one table at a time, on every core: the text
//! outside events once, then each event table on its own, with every span and diagnostic moved
//! back to its place in the file.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use toml::de::{DeTable, DeValue};

use super::blocks::Blocks;
use super::validate::{IdHash, Whereabouts};
use super::walk::{self, EventSpans, Read, State, Walked};
use super::{quick, syntax};
use crate::diagnostic::Diagnostic;
use crate::loaded;
use crate::slots::AHEAD;

/// Event tables read in parallel before they are handed on. Two batches live at once (one read
/// while the other is handed on), some 600 bytes a table with its spans: 16k tables held 20 MB,
/// a fifth of a 100k-event file's peak, and 4k load a million as fast.
const BATCH: usize = 4 * 1024;

/// A file read table by table: what was read, its syntax errors, and its other problems.
pub struct Parsed {
    /// The timeline and where its events were written.
    pub walked: Walked,
    /// TOML syntax errors, located in the file.
    pub syntax: Vec<Diagnostic>,
    /// Missing keys, wrong types and the like, located in the file.
    pub structural: Vec<Diagnostic>,
    /// False when the text outside the events has a syntax error: the references and actors
    /// read may then lack some, and links to them are not judged.
    pub lists_whole: bool,
}

/// Where an event table's parts were written: every part, or for a table the quick reader read,
/// its header and its id alone (see [`quick::event_alone`]); the others are found again, by
/// reading the table again, for the few events a check finds something wrong with.
#[derive(Debug, Clone)]
pub enum Spans {
    /// Every part, as the walker notes them: boxed, since few tables need the walker, and each
    /// table read is moved from the reading thread's batch to the check and on, where an
    /// `EventSpans` in place took 100 bytes more of each copy.
    All(Box<EventSpans>),
    /// The event's header ([`EventSpans::table`]), its id, and the whole table with its items,
    /// in the file.
    Alone {
        table: Range<usize>,
        id: Range<usize>,
        block: Range<usize>,
    },
}

impl Whereabouts for Spans {
    fn table(&self) -> Range<usize> {
        match self {
            Spans::All(spans) => spans.table.clone(),
            Spans::Alone { table, .. } => table.clone(),
        }
    }

    fn id(&self) -> Range<usize> {
        match self {
            Spans::All(spans) => spans.id.clone(),
            Spans::Alone { id, .. } => id.clone(),
        }
    }

    fn all(&self, text: &str) -> Cow<'_, EventSpans> {
        match self {
            Spans::All(spans) => Cow::Borrowed(spans),
            // The quick reader read this table before, and reads it the same way again; unless
            // another program has since written over the mapped file, when the parts are left
            // unplaced.
            Spans::Alone { table, id, block } => Cow::Owned(match quick::event(&text[block.clone()]) {
                Some((_, spans)) => spans.shifted(block.start),
                None => EventSpans {
                    table: table.clone(),
                    id: id.clone(),
                    ..EventSpans::default()
                },
            }),
        }
    }
}

/// One event table, read: its event with its id's hash, taken on the thread that read it (see
/// [`IdHash`]), and its problems.
struct Table {
    event: Option<(Read<Spans>, IdHash)>,
    syntax: Vec<Diagnostic>,
    structural: Vec<Diagnostic>,
}

/// Reads the text outside the event tables: the timeline's title, references and actors, and
/// their problems (its syntax errors alone when it has any); `None` when it holds events too
/// (an `events = [...]` array), which only a whole-file parse can reconcile.
pub fn outside(text: &str, blocks: &Blocks) -> Option<Parsed> {
    let rest = outside_events(text, blocks);
    let (root, errors) = DeTable::parse_recoverable(&rest);
    if root.get_ref().contains_key("events") {
        return None;
    }
    let mut structural = Vec::new();
    let walked = walk::document(&root, &mut structural);
    let syntax = syntax::diagnostics(&rest, &errors);
    let lists_whole = syntax.is_empty();
    if !lists_whole {
        structural.clear();
    }
    Some(Parsed {
        walked,
        syntax,
        structural,
        lists_whole,
    })
}

/// Reads the event tables on every core, a batch at a time, adding their syntax and structural
/// problems to `problems` and handing each event to `each` in file order; nothing else is kept,
/// so a caller that keeps no events needs memory for two batches. A table with a syntax error
/// gives its syntax errors alone (what was read after one may be garbled) and its event as
/// [`State::Unparsed`]; the other tables are read apart from it, so their problems all count.
/// Each batch is handed on while the next is read, so that what `each` does (validation, one
/// event at a time) takes a core rather than leaving the others idle. Each event comes with its
/// id's hash, for the check, and the hash of the event [`AHEAD`] tables on in its batch, if any,
/// for the check to fetch that id's place in its table meanwhile (see
/// [`super::validate::Validator::soon`]).
pub fn tables(
    text: &str,
    blocks: &Blocks,
    parsed: &AtomicU64,
    problems: (&mut Vec<Diagnostic>, &mut Vec<Diagnostic>),
    mut each: impl FnMut(Read<Spans>, IdHash, Option<IdHash>),
) {
    let (syntax, structural) = problems;
    let hand_on = |tables: Vec<Table>| {
        let hashes: Vec<Option<IdHash>> = tables.iter().map(|t| t.event.as_ref().map(|(_, hash)| *hash)).collect();
        for (i, table) in tables.into_iter().enumerate() {
            syntax.extend(table.syntax);
            structural.extend(table.structural);
            if let Some((read, hash)) = table.event {
                each(read, hash, hashes.get(i + AHEAD).copied().flatten());
            }
        }
    };
    let read = |i: usize| {
        let range = blocks.events[i].clone();
        parsed.fetch_add(range.len() as u64, Ordering::Relaxed);
        table(text, range)
    };
    crate::parallel::overlapped(blocks.events.len(), BATCH, read, hand_on);
}

/// The text outside the event tables, at its place in the file: the leading text itself when
/// the events come last (the usual layout), else a copy with the events blanked out.
fn outside_events<'t>(text: &'t str, blocks: &Blocks) -> Cow<'t, str> {
    let first_event = blocks.events[0].start;
    match blocks.rest.as_slice() {
        [] => Cow::Borrowed(""),
        [only] if only.end <= first_event => Cow::Borrowed(&text[..only.end]),
        _ => {
            let mut copy = String::with_capacity(text.len());
            let mut at = 0;
            for r in &blocks.events {
                copy.push_str(&text[at..r.start]);
                // Each character becomes as many spaces as it has bytes, and newlines stay, so
                // every offset and line number is kept.
                for c in text[r.clone()].chars() {
                    match c {
                        '\n' => copy.push('\n'),
                        c => copy.extend(std::iter::repeat_n(' ', c.len_utf8())),
                    }
                }
                at = r.end;
            }
            copy.push_str(&text[at..]);
            Cow::Owned(copy)
        }
    }
}

/// Reads one event table, located at `range` in the file: by the fast reader when it can, else
/// by the TOML parser, which also says what is wrong.
fn table(text: &str, range: Range<usize>) -> Table {
    let block = &text[range.clone()];
    let at = range.start;
    // Asked first, it spares the quick reader its own look at each byte for controls: a
    // printable block holds none, as most do.
    let printable = crate::text::plain_lines(block.as_bytes());
    if let Some((event, table, id)) = quick::event_alone(block, printable) {
        return Table {
            event: Some(hashed(Read {
                event,
                spans: Spans::Alone {
                    table: walk::shift(table, at),
                    id: walk::shift(id, at),
                    block: range,
                },
                state: State::Whole,
                // A string the quick reader reads is a slice of its line, or holds an escape.
                plain: printable && loaded::plain_printable(block, true),
            })),
            syntax: Vec::new(),
            structural: Vec::new(),
        };
    }
    let (root, errors) = DeTable::parse_recoverable(block);
    let syntax = syntax::diagnostics(block, &errors);
    let mut structural = Vec::new();
    let event = match root.get_ref().get("events").map(|v| v.get_ref()) {
        Some(DeValue::Array(items)) => items.first().and_then(|v| walk::event(v, &mut structural)),
        _ => None,
    };
    let parsed = syntax.is_empty();
    if !parsed {
        structural.clear();
    }
    Table {
        event: event.map(|read| {
            hashed(Read {
                event: read.event,
                spans: Spans::All(Box::new(read.spans.shifted(at))),
                state: if parsed { read.state } else { State::Unparsed },
                plain: read.plain,
            })
        }),
        syntax: syntax.into_iter().map(|d| d.shifted(at)).collect(),
        structural: structural.into_iter().map(|d| d.shifted(at)).collect(),
    }
}

/// An event read, with its id's hash.
fn hashed(read: Read<Spans>) -> (Read<Spans>, IdHash) {
    let hash = IdHash::of(&read.event.id);
    (read, hash)
}
