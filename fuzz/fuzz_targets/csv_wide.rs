//! The CSV importer on wide rows: a header of up to ten thousand columns (names the importer
//! knows, and the input's first line as a name it does not), each row the input's line repeated
//! across them. The first byte picks the width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::import::{self, Format};
use tlx::load::Document;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let (size, bytes) = check::size(data);
    let Some((&width, bytes)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let columns = usize::from(width) * 40 + 1;
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let names = ["date", "title", "outlet", "quote", first];
    let header: Vec<&str> = names.iter().cycle().take(columns).copied().collect();
    let mut csv = header.join(",");
    for line in rest.lines() {
        csv.push('\n');
        csv += &vec![line; columns.div_ceil(line.matches(',').count() + 1)].join(",");
    }
    let doc = Document {
        name: "fuzz.csv".into(),
        path: None,
        text: csv.into(),
    };
    check::loaded(&doc, &import::import(Format::Csv, &doc.text, &Default::default(), None).loaded, size);
});
