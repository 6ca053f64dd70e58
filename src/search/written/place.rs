//! Where an event is written in the mapped file it was read from, to open an editor at its line
//! without reading the file again: the explorer's `E` on a million events read the whole file and
//! parsed it as a document to find one event's line, twelve seconds and five gigabytes.

/// An event's place in a mapped file: see [`Stretches::place`](super::Stretches::place).
#[derive(Clone, Copy)]
pub struct Place {
    /// The whole file, lent for the life of the process.
    pub(super) file: &'static [u8],
    /// Where the event's stretch begins at the earliest: where the one before it was placed.
    pub(super) after: usize,
    /// The event's first prose (a table's) or the start of its first row (a CSV file's).
    pub(super) at: usize,
    /// True for a TOML table, whose `[[events]]` header comes before its prose.
    pub(super) table: bool,
}

impl std::fmt::Debug for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Place").field("at", &self.at).finish()
    }
}

impl Place {
    /// The line (from 1) where the event begins, as an editor counts lines: a TOML event's
    /// `[[events]]` header (or its prose's line, in a file that writes no such header), a CSV
    /// event's first row.
    pub fn line(&self) -> usize {
        let file = self.file;
        let line_start = |at: usize| memchr::memrchr(b'\n', &file[..at]).map_or(0, |n| n + 1);
        let is_header = |start: usize| {
            let line = file[start..].split(|&b| b == b'\n').next().unwrap_or_default();
            line.trim_ascii_start().starts_with(b"[[events]]")
        };
        let mut start = line_start(self.at);
        if self.table {
            // Line by line back from the prose, no further than the event before.
            let mut line = start;
            while !is_header(line) {
                match line.checked_sub(1).filter(|&end| end > self.after) {
                    Some(end) => line = line_start(end),
                    None => break,
                }
            }
            if is_header(line) {
                start = line;
            }
        }
        memchr::memchr_iter(b'\n', &file[..start]).count() + 1
    }
}
