//! Finds where each `[[events]]` table of a TOML timeline starts and ends, so that the events
//! can be parsed one at a time and in parallel.
//!
//! A whole-file TOML parse of a large timeline takes seconds and about twelve times the file in
//! memory; a table at a time takes a few times the table. The split is done on lines, so it
//! only answers for files whose headers it can read without a TOML parser: no multi-line
//! strings (a line inside one could look like a header), and every line that starts with `[`
//! a plain table header. For any other file it answers `None` and the whole file is parsed at
//! once, as before.

use std::ops::Range;

use memchr::memmem;

/// The parts of a timeline file: its event tables and everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocks {
    /// Each `[[events]]` table with its `[[events.claims]]`, `[[events.sources]]` and `[[events.denials]]`, in file
    /// order, from its header line to the next table that is not part of the event.
    pub events: Vec<Range<usize>>,
    /// The text outside event tables (`[timeline]`, references, actors), in file order.
    pub rest: Vec<Range<usize>>,
}

/// What a table header line opens.
#[derive(Debug, PartialEq, Eq)]
enum Header {
    /// `[[events]]`: a new event.
    Event,
    /// `[[events.claims]]`, `[[events.sources]]` or `[[events.denials]]`: part of the event above.
    Part,
    /// Any other table: not an event.
    Other,
}

/// Splits a timeline into event tables and the rest; `None` when the file has no event tables
/// or is written in a way only a TOML parser can split.
pub fn split(text: &str) -> Option<Blocks> {
    let bytes = text.as_bytes();
    if memmem::find(bytes, b"\"\"\"").is_some() || memmem::find(bytes, b"'''").is_some() {
        return None;
    }
    let mut events: Vec<Range<usize>> = Vec::new();
    let mut rest: Vec<Range<usize>> = Vec::new();
    // Where the current piece began, and whether it is an event.
    let mut start = 0;
    let mut in_event = false;
    let mut close = |start: usize, end: usize, in_event: bool| {
        let pieces = if in_event { &mut events } else { &mut rest };
        if end > start {
            pieces.push(start..end);
        }
    };
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
    for begins in starts.filter(|&at| at < bytes.len()) {
        // Most lines are `key = value`: only those starting with `[` need a closer look.
        let indent = bytes[begins..].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        if bytes.get(begins + indent) != Some(&b'[') {
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[begins..]).map_or(text.len(), |n| begins + n);
        match header(&text[begins + indent..end])? {
            Header::Event => {
                close(start, begins, in_event);
                start = begins;
                in_event = true;
            }
            Header::Part if in_event => {}
            Header::Part => return None,
            Header::Other => {
                if in_event {
                    close(start, begins, true);
                    start = begins;
                    in_event = false;
                }
            }
        }
    }
    close(start, text.len(), in_event);
    (!events.is_empty()).then_some(Blocks { events, rest })
}

/// Reads a table header line; `None` for anything that is not a plain one (a line of a
/// multi-line array, a quoted key, an `[events.x]` table other than a place or media).
fn header(line: &str) -> Option<Header> {
    let (double, inner) = match line.strip_prefix("[[") {
        Some(inner) => (true, inner),
        None => (false, &line[1..]),
    };
    let close = if double { "]]" } else { "]" };
    let end = inner.find(']')?;
    let after = inner[end..].strip_prefix(close)?.trim();
    if !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let key = &inner[..end];
    let bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t');
    if key.is_empty() || !key.chars().all(bare) {
        return None;
    }
    let parts: Vec<&str> = key.split('.').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty() || p.contains([' ', '\t'])) {
        return None;
    }
    match (double, parts.as_slice()) {
        (true, ["events"]) => Some(Header::Event),
        (true, ["events", "claims" | "sources" | "denials"]) => Some(Header::Part),
        // The last event's place or media, as a table of its own.
        (false, ["events", "place" | "media"]) => Some(Header::Part),
        (_, ["events", ..]) => None,
        _ => Some(Header::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'t>(text: &'t str, ranges: &[Range<usize>]) -> Vec<&'t str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn events_run_from_their_header_to_the_next_other_table() {
        let text = "[timeline]\ntitle = \"t\"\n\n[[events]]\nid = \"a\"\n  [[events.sources]]\n  outlet = \"o\"\n\n[[ events ]] # b\nid = \"b\"\n[actors.x]\nname = \"X\"\n[[events]]\nid = \"c\"\n";
        let blocks = split(text).unwrap();
        assert_eq!(
            pieces(text, &blocks.events),
            [
                "[[events]]\nid = \"a\"\n  [[events.sources]]\n  outlet = \"o\"\n\n",
                "[[ events ]] # b\nid = \"b\"\n",
                "[[events]]\nid = \"c\"\n",
            ]
        );
        assert_eq!(
            pieces(text, &blocks.rest),
            ["[timeline]\ntitle = \"t\"\n\n", "[actors.x]\nname = \"X\"\n"]
        );
    }

    #[test]
    fn the_pieces_cover_the_file_exactly_once() {
        let text = "[timeline]\r\ntitle = \"t\"\r\n[[events]]\r\nid = \"a\"\r\n[[events.denials]]\r\nby = \"d\"";
        let blocks = split(text).unwrap();
        let mut all: Vec<Range<usize>> = blocks.events.iter().chain(&blocks.rest).cloned().collect();
        all.sort_by_key(|r| r.start);
        assert_eq!(all.first().unwrap().start, 0);
        assert_eq!(all.last().unwrap().end, text.len());
        assert!(all.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn files_only_a_toml_parser_can_split_are_left_whole() {
        for text in [
            "[timeline]\ntitle = \"t\"\n",
            "[[events]]\nsummary = \"\"\"\n[[events]]\n\"\"\"\n",
            "[[events]]\nnotes = '''x'''\n",
            "[[events]]\ntags = [\n[\"nested\"],\n]\n",
            "[[events]]\n[events.extra]\n",
            "[[events.sources]]\noutlet = \"o\"\n[[events]]\n",
            "[\"quoted key\"]\n[[events]]\n",
            "[[events]] id = \"a\"\n",
        ] {
            assert_eq!(split(text), None, "{text:?}");
        }
    }
}
