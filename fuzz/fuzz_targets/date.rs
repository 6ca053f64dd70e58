//! Any text through the date parser: no panic, what it shows is printable, and its text reads
//! back as the same date (packed or kept whole alike).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlx::model::Date;

fuzz_target!(|text: &str| {
    if let Ok(date) = Date::parse(text) {
        for shown in [date.text().to_string(), date.human()] {
            assert_eq!(tlx::text::line(&shown), shown);
        }
        assert_eq!(Date::parse(&date.text()).as_ref(), Ok(&date));
    }
});
