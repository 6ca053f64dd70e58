//! Finds where each `[[events]]` table of a TOML timeline starts and ends, so that the events
//! can be parsed one at a time and in parallel.
//!
//! A whole-file TOML parse of a large timeline takes seconds and about twelve times the file in
//! memory; a table at a time takes a few times the table. The split is done on lines, so it
//! only answers for files whose headers it can read without a TOML parser: no multi-line
//! strings (a line inside one could look like a header), and every line that starts with `[`
//! a plain table header. For any other file it answers `None` and the whole file is parsed at
//! once, as before. A large file's lines are read in runs on every core: at a million events the
//! split is the one pass between reading the file and parsing it in parallel.

use std::ops::Range;

use memchr::memmem;
use rayon::prelude::*;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// `[[events]]`: a new event.
    Event,
    /// `[[events.claims]]`, `[[events.sources]]` or `[[events.denials]]`: part of the event above.
    Part,
    /// Any other table: not an event.
    Other,
}

/// The length of text read as one run: small enough that its scans for quotes and for headers
/// find it still in the cache; a file shorter than two is read on the calling thread.
const RUN: usize = 256 << 10;

/// How many distinct header lines a run remembers the reading of.
const KNOWN: usize = 8;

/// Splits a timeline into event tables and the rest; `None` when the file has no event tables
/// or is written in a way only a TOML parser can split.
pub fn split(text: &str) -> Option<Blocks> {
    split_in(text, text.len() / RUN)
}

/// [`split`], reading the text as about `runs` runs of whole lines, in parallel; the answer is
/// the same for any count.
fn split_in(text: &str, runs: usize) -> Option<Blocks> {
    let cuts = cuts(text.as_bytes(), runs);
    let runs: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    // The headers of every run in file order, folded on one thread: a few per event, little
    // beside finding them among all the lines.
    let found: Vec<Vec<(usize, Header)>> = if runs.len() == 1 {
        vec![headers(text, runs[0].clone())?]
    } else {
        runs.into_par_iter()
            .map(|run| headers(text, run))
            .collect::<Option<_>>()?
    };
    fold(text.len(), found.into_iter().flatten())
}

/// The event tables and the rest of a text of `len` bytes, from its header lines in order with
/// where each begins; `None` for a part of an event with no event above it, or no event.
fn fold(len: usize, headers: impl IntoIterator<Item = (usize, Header)>) -> Option<Blocks> {
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
    for (begins, header) in headers {
        match header {
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
    close(start, len, in_event);
    (!events.is_empty()).then_some(Blocks { events, rest })
}

/// Where each of about `runs` runs of whole lines of about the same length begins, then the end
/// of the text: each cut moved on to the start of the next line, so that no line is read by two
/// runs.
fn cuts(bytes: &[u8], runs: usize) -> Vec<usize> {
    let step = bytes.len().div_ceil(runs.max(1)).max(1);
    let mut cuts = vec![0];
    let mut at = step;
    while at < bytes.len() {
        let next = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
        if next == bytes.len() {
            break;
        }
        cuts.push(next);
        at = next.max(at + step);
    }
    cuts.push(bytes.len());
    cuts
}

/// The header lines of the whole lines in `run` with where each begins, in order; `None` when a
/// line is one [`header`] cannot read, or the run holds a multi-line string. A part of an event
/// is kept only when no event or other table is above it in the run: only then can the fold
/// find it outside an event.
fn headers(text: &str, run: Range<usize>) -> Option<Vec<(usize, Header)>> {
    let bytes = &text.as_bytes()[..run.end];
    // Three quotes cannot straddle two runs: each run begins after a newline.
    let lines = &bytes[run.start..];
    if memmem::find(lines, b"\"\"\"").is_some() || memmem::find(lines, b"'''").is_some() {
        return None;
    }
    let mut found = Vec::new();
    // The header lines read so far and what they open: a timeline repeats a few header lines
    // (`[[events]]`, `  [[events.sources]]`) a million times, and comparing is cheaper than reading.
    let mut known: Vec<(&str, Header)> = Vec::new();
    // Whether the last event or other table of this run was an event; `None` before either.
    let mut in_event = None;
    let mut at = run.start;
    // Most lines are `key = value` and hold no `[`: only a `[` with nothing but blanks before
    // it on its line opens a header.
    while let Some(n) = memchr::memchr(b'[', &bytes[at..]) {
        let open = at + n;
        let blank = bytes[run.start..open]
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let begins = open - blank;
        if begins > run.start && bytes[begins - 1] != b'\n' {
            at = open + 1;
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[open..]).map_or(bytes.len(), |n| open + n);
        let line = &text[open..end];
        let header = match known.iter().find(|(seen, _)| *seen == line) {
            Some(&(_, header)) => header,
            None => {
                let header = header(line)?;
                if known.len() < KNOWN {
                    known.push((line, header));
                }
                header
            }
        };
        match (header, in_event) {
            (Header::Part, Some(true)) => {}
            (Header::Part, Some(false)) => return None,
            (Header::Part, None) => found.push((begins, header)),
            (Header::Event | Header::Other, _) => {
                in_event = Some(header == Header::Event);
                found.push((begins, header));
            }
        }
        at = end;
    }
    Some(found)
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
    use proptest::prelude::*;

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

    /// The split as it was read before the runs: every line on one thread, the reference the
    /// runs must agree with.
    fn split_line_by_line(text: &str) -> Option<Blocks> {
        let bytes = text.as_bytes();
        if memmem::find(bytes, b"\"\"\"").is_some() || memmem::find(bytes, b"'''").is_some() {
            return None;
        }
        let mut found = Vec::new();
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
        for begins in starts.filter(|&at| at < bytes.len()) {
            let indent = bytes[begins..].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
            if bytes.get(begins + indent) != Some(&b'[') {
                continue;
            }
            let end = memchr::memchr(b'\n', &bytes[begins..]).map_or(text.len(), |n| begins + n);
            found.push((begins, header(&text[begins + indent..end])?));
        }
        fold(text.len(), found)
    }

    /// The header lines of events, of their parts and of other tables, in the ways they are
    /// written; what goes between headers; and lines that make a file unsplittable.
    const EVENTS: &[&str] = &["[[events]]", "[[ events ]] # b", "  [[events]]", "\t [[events]]"];
    const PARTS: &[&str] = &[
        "[[events.sources]]",
        "  [[events.sources]]",
        "\t[[events.claims]]",
        "[[events.denials]]  ",
        "[events.place]",
        "  [events.media] # m",
    ];
    const OTHERS: &[&str] = &[
        "[timeline]",
        "[actors.x]",
        "[ references . r ]",
        "  [other]",
        "[[other]]",
    ];
    const BODY: &[&str] = &[
        "id = \"a\"",
        "title = \"M\u{e9}rida [draft]\"",
        "tags = [\"x\", \"y\"]",
        "ids = [",
        "  \"a\",",
        "]",
        "# [[events.sources]] a comment",
        "",
        "  ",
        "outlet = \"o\" # [x]",
        "x = 1",
    ];
    const UNSPLITTABLE: &[&str] = &[
        "[[events]] id = \"a\"",
        "[events.extra]",
        "[\"quoted\"]",
        "  [\"nested\"],",
        "[1, 2],",
        "[[events]",
        "[",
        "summary = \"\"\"",
        "notes = '''x'''",
        "[\u{e9}]",
    ];

    /// A header line of `headers` and the body under it.
    fn table(headers: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
        let body = proptest::collection::vec(proptest::sample::select(BODY), 0..4);
        (proptest::sample::select(headers), body).prop_map(|(header, body)| [vec![header], body].concat())
    }

    /// Timelines of event tables with parts, other tables, and now and then a part with no event
    /// above it or a line only a TOML parser could read; with LF or CRLF, with or without a
    /// newline at the end.
    fn timeline() -> impl Strategy<Value = String> {
        let event =
            (table(EVENTS), proptest::collection::vec(table(PARTS), 0..3)).prop_map(|(e, p)| [e, p.concat()].concat());
        let block = prop_oneof![
            12 => event,
            4 => table(OTHERS),
            1 => table(PARTS),
            1 => proptest::sample::select(UNSPLITTABLE).prop_map(|line| vec![line]),
        ];
        let head = proptest::collection::vec(proptest::sample::select(BODY), 0..3);
        (
            head,
            proptest::collection::vec(block, 0..10),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(head, blocks, crlf, last_newline)| {
                let newline = if crlf { "\r\n" } else { "\n" };
                let mut text = [head, blocks.concat()].concat().join(newline);
                if last_newline && !text.is_empty() {
                    text.push_str(newline);
                }
                text
            })
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(512))]

        #[test]
        fn any_runs_split_as_reading_line_by_line_does(text in timeline(), runs in 1_usize..64) {
            let whole = split_line_by_line(&text);
            prop_assert_eq!(&split(&text), &whole);
            // Down to a run per byte: most cuts fall inside a line, headers among them.
            for runs in [runs, 2, 3, text.len() / 2, text.len(), text.len() + 1] {
                prop_assert_eq!(&split_in(&text, runs), &whole, "in {} runs", runs);
            }
        }
    }

    #[test]
    fn cuts_fall_at_line_starts_and_only_there() {
        let text = b"[[events]]\nid = \"a\"\n\nx = 1";
        for runs in 0..=text.len() + 1 {
            let cuts = cuts(text, runs);
            assert_eq!((cuts[0], cuts[cuts.len() - 1]), (0, text.len()), "{runs}");
            assert!(cuts.is_sorted_by(|a, b| a < b), "{runs}: {cuts:?}");
            let inner = &cuts[1..cuts.len() - 1];
            assert!(inner.iter().all(|&at| text[at - 1] == b'\n'), "{runs}: {cuts:?}");
        }
        assert_eq!(cuts(text, text.len()), [0, 11, 20, 21, text.len()]);
        assert_eq!(cuts(b"", 4), [0, 0]);
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
