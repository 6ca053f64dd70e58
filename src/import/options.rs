//! What the user tells an importer that the file does not say itself: which number comes first
//! in a date such as `01/04/2020`, and which character separates a CSV file's cells.

use std::path::Path;

use super::columns::Mapping;
use crate::model::date::Order;

/// How to read a file; the default reads what the file itself shows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Day or month first in numeric dates; `None` refuses the ambiguous ones.
    pub order: Option<Order>,
    /// The CSV separator; `None` sniffs it from the first lines (tab for a `.tsv` file).
    pub delimiter: Option<u8>,
    /// Which columns are which, beyond the names tlx recognises.
    pub columns: Mapping,
}

impl Options {
    /// These options for the file at `path`: a `.tsv` file is tab-separated unless told otherwise,
    /// and a mapping file beside it (`FILE.tlx-columns.toml`) applies under what the user said.
    /// The error names the mapping file and what is wrong in it.
    pub fn for_path(mut self, path: Option<&Path>) -> Result<Options, String> {
        let tsv = path
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
        if tsv && self.delimiter.is_none() {
            self.delimiter = Some(b'\t');
        }
        if let Some(beside) = path.and_then(mapping_file)
            && let Ok(text) = std::fs::read_to_string(&beside)
        {
            let mapping = Mapping::parse_toml(&beside.display().to_string(), &text)?;
            self.columns = mapping.and(&self.columns);
        }
        Ok(self)
    }
}

/// Where the mapping of a data file is kept: `events.csv.tlx-columns.toml` beside `events.csv`.
pub fn mapping_file(path: &Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_string_lossy();
    Some(path.with_file_name(format!("{name}.tlx-columns.toml")))
}
