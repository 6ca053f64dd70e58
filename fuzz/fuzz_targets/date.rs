//! Any text through the date parser: no panic, and what it shows is printable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::model::Date;

fuzz_target!(|text: &str| {
    if let Ok(date) = Date::parse(text) {
        for shown in [date.as_str().to_string(), date.human()] {
            assert_eq!(tlx::text::line(&shown), shown);
        }
    }
});
