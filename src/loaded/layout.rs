//! How a file's events lie in its text, for a search of its bytes as written
//! ([`crate::search::written`]): what only the reader knows, handed on with the timeline.

use super::Anchors;
use crate::{fold, text};

/// How the events of a loaded file lie in its text.
#[derive(Debug, Clone, Default)]
pub enum Layout {
    /// Not known, or of no use to a search of the bytes: every event is searched whole.
    #[default]
    Unknown,
    /// Each event in a table of its own (TOML's `[[events]]`), so in one stretch of the file,
    /// in the events' order: the search places them itself. With the events the reader saw
    /// plain.
    Tables(Plain),
    /// Rows of a CSV file lent for good, an event's wherever they are.
    Rows(Rows),
}

/// The events the reader saw plain (see [`plain`]): neither the copy fit to show
/// ([`Timeline::display_except`]) nor a search of the file's bytes ([`Stretches::of`]) need read
/// them again. Reading every text of a million events once more, to make it fit to show, took
/// about 200 ms after the load, and reading the file again for what a search of its bytes would
/// miss 70-80 ms.
///
/// [`Timeline::display_except`]: crate::model::Timeline::display_except
/// [`Stretches::of`]: crate::search::written::Stretches::of
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Plain {
    /// None is known to be.
    #[default]
    Unknown,
    /// Every event but these, by ascending index.
    AllBut(Vec<u32>),
}

impl Plain {
    /// Of the events whose tables begin at `starts`, every one but those whose table begins at
    /// one of `not` (both ascending).
    pub fn all_but(starts: &[usize], not: &[usize]) -> Plain {
        let mut not = not.iter().peekable();
        let but = starts.iter().zip(0..).filter_map(|(at, i)| {
            while not.next_if(|&n| n < at).is_some() {}
            not.next_if(|&n| n == at).map(|_| i)
        });
        Plain::AllBut(but.collect())
    }

    /// True when event `i` is known to be plain.
    pub fn holds(&self, i: usize) -> bool {
        match self {
            Plain::Unknown => false,
            Plain::AllBut(but) => u32::try_from(i).is_ok_and(|i| but.binary_search(&i).is_err()),
        }
    }
}

/// True when what a reader reads from `text` (an event's table or one of its rows, just read and
/// still in cache) is shown and found as it is written: every byte printable as it stands
/// ([`text::plain_lines`]), no escape, no character that lowercases to ASCII
/// ([`fold::folds_to_ascii`]), and no line break unless `lines` (a CSV row's quoted one would be
/// a field's).
pub fn plain(text: &str, lines: bool) -> bool {
    text::plain_lines(text.as_bytes()) && plain_printable(text, lines)
}

/// [`plain`], for a text whose every byte [`text::plain_lines`] found printable already: a reader
/// that asked that first, to spare another look at each byte, asks the rest here.
pub fn plain_printable(text: &str, lines: bool) -> bool {
    let bytes = text.as_bytes();
    let breaks = if lines {
        memchr::memchr(b'\\', bytes)
    } else {
        memchr::memchr2(b'\n', b'\\', bytes)
    };
    breaks.is_none() && !fold::folds_to_ascii(text)
}

/// Where the rows of each event of a CSV file lie, in a mapping lent for good: the rows of an
/// event mostly follow one another, so a run of them is placed once (8 bytes a run when each
/// event's rows are one run, in the events' order).
#[derive(Clone)]
pub struct Rows {
    /// The file, as mapped.
    pub file: &'static [u8],
    /// Where each run of one event's rows begins (an address in `file`), with the event's index,
    /// in file order. The bytes up to the next run's start are that event's, or in rows of no
    /// event (the header, a row set aside, the timeline's own records).
    pub runs: Anchors,
    /// The events the reader saw plain. Not those that say what their rows do not spell: an
    /// outlet read off a URL or shown as "unknown", notes put together from several cells under
    /// their columns' names.
    pub plain: Plain,
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("file", &self.file.len())
            .field("runs", &self.runs.len())
            .field("plain", &self.plain)
            .finish()
    }
}

impl Rows {
    /// These rows once the events `aside` (ascending indices) are left out of the timeline and
    /// the others close up: their runs are rows of no event.
    pub fn without(mut self, aside: &[usize]) -> Rows {
        if aside.is_empty() {
            return self;
        }
        // Each event's index after closing up, or `None` for one left out.
        let closed_up = |i: u32| {
            let before = aside.partition_point(|&a| a < i as usize);
            (aside.get(before) != Some(&(i as usize))).then(|| i - before as u32)
        };
        self.runs = (self.runs.iter())
            .filter_map(|(at, i)| Some((at, closed_up(i)?)))
            .collect();
        if let Plain::AllBut(but) = &mut self.plain {
            but.retain_mut(|i| closed_up(*i).map(|j| *i = j).is_some());
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_events_are_all_but_those_whose_tables_were_not() {
        let plain = Plain::all_but(&[0, 10, 20, 30, 40], &[5, 10, 40, 50]);
        assert_eq!(plain, Plain::AllBut(vec![1, 4]));
        let held: Vec<bool> = (0..6).map(|i| plain.holds(i)).collect();
        assert_eq!(held, [true, false, true, true, false, true]);
        assert!(!Plain::Unknown.holds(0));
        assert_eq!(Plain::all_but(&[0, 10], &[]), Plain::AllBut(Vec::new()));
    }

    #[test]
    fn rows_without_events_set_aside_close_up() {
        static FILE: &[u8] = b"0123456789";
        let at = FILE.as_ptr() as usize;
        let rows = Rows {
            file: FILE,
            runs: [(at, 0), (at + 2, 1), (at + 4, 2), (at + 6, 1), (at + 8, 3)]
                .into_iter()
                .collect(),
            plain: Plain::AllBut(vec![0, 2, 3]),
        };
        let runs = |rows: &Rows| rows.runs.iter().collect::<Vec<_>>();
        let rows = rows.without(&[1, 2]);
        assert_eq!(runs(&rows), [(at, 0), (at + 8, 1)]);
        assert_eq!(rows.plain, Plain::AllBut(vec![0, 1]));
        let rows = rows.without(&[]);
        assert_eq!(runs(&rows), [(at, 0), (at + 8, 1)]);
    }
}
