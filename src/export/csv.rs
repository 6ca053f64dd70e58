//! CSV export: one row per source and per denial (one row for an event with neither), the
//! event's columns repeated on each, so a spreadsheet can sort and filter the evidence.
//!
//! The header names the columns a CSV importer reads (date, title, summary, tags, outlet,
//! citing, url, quote; lists separated by `;`), so the file reads back. Cells of free text that
//! a spreadsheet would run as a formula get a leading `'`; the date columns are left alone, since
//! they are validated EDTF where a leading `-` means BCE, never a formula.

use super::evidence::{Item, items};
use crate::model::{Event, Timeline};

/// The columns, in order.
pub const HEADER: [&str; 18] = [
    "event_id",
    "date",
    "title",
    "summary",
    "status",
    "tags",
    "actors",
    "kind",
    "outlet",
    "citing",
    "stance",
    "item_date",
    "via",
    "quote",
    "url",
    "reliability",
    "credibility",
    "derived_from",
];

/// The timeline as CSV with a header row, events in chronological order.
pub fn to_string(t: &Timeline) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut write = |row: [String; 18]| w.write_record(&row).expect("writing to memory cannot fail");
    write(HEADER.map(String::from));
    for i in t.chronological() {
        let e = &t.events[i];
        let items = items(t, e);
        if items.is_empty() {
            write(row(t, e, None));
        }
        for item in &items {
            write(row(t, e, Some(item)));
        }
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are all UTF-8")
}

fn row(t: &Timeline, e: &Event, item: Option<&Item>) -> [String; 18] {
    let text = |s: Option<&str>| s.map(guard).unwrap_or_default();
    let actors: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
    [
        guard(&e.id),
        e.date.as_str().to_string(),
        guard(&e.title),
        text(e.summary.as_deref()),
        e.status().to_string(),
        guard(&e.tags.join(";")),
        guard(&actors.join(";")),
        item.map_or("none", |i| i.kind.as_str()).to_string(),
        text(item.map(|i| i.who)),
        text(item.and_then(|i| i.citing)),
        item.and_then(|i| i.stance).map_or("", |s| s.as_str()).to_string(),
        item.and_then(|i| i.date).map_or("", |d| d.as_str()).to_string(),
        text(item.and_then(|i| i.via)),
        text(item.and_then(|i| i.quote)),
        text(item.and_then(|i| i.url)),
        item.and_then(|i| i.reliability)
            .map(|r| r.letter().to_string())
            .unwrap_or_default(),
        item.and_then(|i| i.credibility)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        text(item.and_then(|i| i.derived_from)),
    ]
}

/// Free text made inert for spreadsheets: a leading `=`, `+`, `-`, `@`, tab or carriage return
/// would start a formula (OWASP "CSV injection"), so such a cell gets a leading `'`; control
/// characters other than line breaks and tabs are dropped, as no spreadsheet shows them.
fn guard(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_plain_text_is_not() {
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("+1"), "'+1");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("@x"), "'@x");
        assert_eq!(guard("a=b"), "a=b");
        assert_eq!(guard("a\u{1b}[2J\nb"), "a[2J\nb");
    }
}
