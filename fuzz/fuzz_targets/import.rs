//! Any bytes through each importer, whatever their content looks like; the third byte picks it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::import::{self, Format};
use tlx::load::{Document, read};

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let (size, bytes) = check::size(data);
    let Some((&pick, bytes)) = bytes.split_first() else {
        return;
    };
    let format = [Format::TimelineJs, Format::Timemap, Format::Csv][usize::from(pick % 3)];
    let Ok(text) = read::decode(bytes.to_vec()) else {
        return;
    };
    let doc = Document {
        name: "fuzz".into(),
        path: None,
        text: text.into(),
    };
    check::loaded(&doc, &import::import(format, &doc.text, &Default::default(), None).loaded, size);
});
