//! What the user tells an importer that the file does not say itself: which number comes first
//! in a date such as `01/04/2020`, and which character separates a CSV file's cells.

use std::path::Path;

use crate::model::date::Order;

/// How to read a file; the default reads what the file itself shows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Day or month first in numeric dates; `None` refuses the ambiguous ones.
    pub order: Option<Order>,
    /// The CSV separator; `None` sniffs it from the first lines (tab for a `.tsv` file).
    pub delimiter: Option<u8>,
}

impl Options {
    /// These options for the file at `path`: a `.tsv` file is tab-separated unless told otherwise.
    pub fn for_path(mut self, path: Option<&Path>) -> Options {
        let tsv = path
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
        if tsv && self.delimiter.is_none() {
            self.delimiter = Some(b'\t');
        }
        self
    }
}
