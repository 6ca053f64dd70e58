//! The quick event reader (`tlx::load::quick`) against the full path (`toml` then
//! `walk::event`): wherever the quick path reads a block, the full path must read the same event
//! and spans with no diagnostic; and the quick path must read every block tlx itself writes.

mod cases;
mod corpus;
mod props;

use tlx::load::quick;
use tlx::load::validate::claim_problems;
use tlx::load::walk::{self, EventSpans};
use tlx::model::Event;
use toml::de::{DeTable, DeValue};

/// The full path's reading of a block, when it finds nothing at all wrong with it: neither the
/// walker nor the checks of the event's claims, which need nothing outside the block.
fn full(block: &str) -> Option<(Event, EventSpans)> {
    let (root, errors) = DeTable::parse_recoverable(block);
    let DeValue::Array(events) = root.get_ref().get("events")?.get_ref() else {
        return None;
    };
    let mut diags = Vec::new();
    let read = walk::event(events.first()?, &mut diags)?;
    let clean = errors.is_empty()
        && diags.is_empty()
        && read.state == walk::State::Whole
        && claim_problems(&read.event, &read.spans).is_empty();
    clean.then_some((read.event, read.spans))
}

/// Asserts the contract on one block: when the quick path reads it, the full path reads the
/// same, cleanly. Returns the quick path's reading.
fn agrees(block: &str) -> Option<(Event, EventSpans)> {
    let read = quick::event(block);
    if read.is_some() {
        assert_eq!(read, full(block), "the paths disagree on:\n{block}");
    }
    // As a load reads it: told whether every byte is printable, so that it need not look for
    // controls itself.
    let printable = tlx::text::plain_lines(block.as_bytes());
    let alone = quick::event_alone(block, printable);
    let expected = read
        .as_ref()
        .map(|(event, spans)| (event.clone(), spans.table.clone(), spans.id.clone()));
    assert_eq!(alone, expected, "the load's reading differs on:\n{block}");
    read
}

/// The blocks of a file, cut before each line that starts with `[[events]]` (the files cut this
/// way hold no multi-line string that could hide such a line).
fn blocks(text: &str) -> Vec<&str> {
    let lines = text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    });
    let mut starts: Vec<usize> = lines
        .filter(|(_, l)| l.starts_with("[[events]]"))
        .map(|(i, _)| i)
        .collect();
    starts.push(text.len());
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}
