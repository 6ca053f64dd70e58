//! Any text through the query parser: no panic; a refused query's caret stays inside the query
//! and its message is printable; an accepted one can be matched against an event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::load::{Document, Options};
use tlx::model::evidence::Evidence;
use tlx::query::Query;

fuzz_target!(|text: &str| {
    match Query::parse(text) {
        Ok(query) => {
            let t = Document::bundled()
                .open(Options::default())
                .expect("the bundled timeline loads")
                .timeline;
            for e in &t.events {
                query.matches(&t, e, &Evidence::of(&t, e, None), Some("a note"));
            }
        }
        Err(error) => {
            assert!(error.span.start <= error.span.end && error.span.end <= text.len());
            for line in error.render(text).lines() {
                assert_eq!(tlx::text::line(line), line, "hidden characters in a query error");
            }
        }
    }
});
