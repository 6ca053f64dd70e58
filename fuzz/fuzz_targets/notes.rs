//! Any text as a bookmarks sidecar: no panic; a sidecar that parses, saved over with its own
//! marks and with one more, reads back as exactly those marks (hand-edited content aside).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::notes::{Change, Entry, Notes};

fuzz_target!(|text: &str| {
    let Ok(notes) = Notes::parse(text) else {
        return;
    };
    assert_eq!(Notes::parse(&notes.write_over(text).unwrap()), Ok(notes.clone()));
    let mut more = notes;
    more.apply(&Change {
        id: "fuzz \"id\"\n".into(),
        before: Entry::default(),
        after: Entry {
            starred: true,
            note: Some("a\u{1b}[201~\nb".into()),
            title: None,
        },
    });
    assert_eq!(Notes::parse(&more.write_over(text).unwrap()), Ok(more));
});
