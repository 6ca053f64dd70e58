//! Any bytes as a timeline file: decoded, detected (TOML, TimelineJS, timemap, CSV), loaded,
//! and drawn when they load. The first two bytes are the terminal size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::load::{Document, Options, read};

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let (size, bytes) = check::size(data);
    let Ok(text) = read::decode(bytes.to_vec()) else {
        return;
    };
    let doc = Document {
        name: "fuzz.toml".into(),
        path: None,
        text: text.into(),
    };
    check::loaded(&doc, &doc.load(Options {
            pedantic: true,
            ..Options::default()
        }), size);
});
