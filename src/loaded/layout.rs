//! How a file's events lie in its text, for a search of its bytes as written
//! ([`crate::search::written`]): what only the reader knows, handed on with the timeline.

/// How the events of a loaded file lie in its text.
#[derive(Debug, Clone, Default)]
pub enum Layout {
    /// Not known, or of no use to a search of the bytes: every event is searched whole.
    #[default]
    Unknown,
    /// Each event in a table of its own (TOML's `[[events]]`), so in one stretch of the file,
    /// in the events' order: the search places them itself.
    Tables,
    /// Rows of a CSV file lent for good, an event's wherever they are.
    Rows(Rows),
}

/// Where the rows of each event of a CSV file lie, in a mapping lent for good: the rows of an
/// event mostly follow one another, so a run of them is placed once (16 bytes a run).
#[derive(Clone)]
pub struct Rows {
    /// The file, as mapped.
    pub file: &'static [u8],
    /// Where each run of one event's rows begins (an address in `file`), with the event's index,
    /// in file order. The bytes up to the next run's start are that event's, or in rows of no
    /// event (the header, a row set aside, the timeline's own records).
    pub runs: Vec<(usize, u32)>,
    /// The events that say what their rows do not spell: an outlet read off a URL or shown as
    /// "unknown", notes put together from several cells under their columns' names.
    pub composed: Vec<u32>,
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("file", &self.file.len())
            .field("runs", &self.runs.len())
            .field("composed", &self.composed.len())
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
        self.runs.retain_mut(|(_, i)| closed_up(*i).map(|j| *i = j).is_some());
        self.composed.retain_mut(|i| closed_up(*i).map(|j| *i = j).is_some());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_without_events_set_aside_close_up() {
        static FILE: &[u8] = b"0123456789";
        let at = FILE.as_ptr() as usize;
        let rows = Rows {
            file: FILE,
            runs: vec![(at, 0), (at + 2, 1), (at + 4, 2), (at + 6, 1), (at + 8, 3)],
            composed: vec![1, 3],
        };
        let rows = rows.without(&[1, 2]);
        assert_eq!(rows.runs, vec![(at, 0), (at + 8, 1)]);
        assert_eq!(rows.composed, vec![1]);
        let rows = rows.without(&[]);
        assert_eq!(rows.runs, vec![(at, 0), (at + 8, 1)]);
    }
}
