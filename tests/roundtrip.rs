//! Properties: any valid timeline survives TOML -> TOML, TOML -> JSON -> TOML and TOML -> CSV ->
//! TOML unchanged, whatever its dates (every precision, BCE, long years, intervals) and strings
//! (quotes, backslashes, newlines, any Unicode), with the same evidence (status, independent
//! origins, report lag) for every event; and TOML -> TimelineJS -> import keeps every event's
//! date at its precision, its title and its text, as far as TimelineJS can say them.

use proptest::prelude::*;
use tlx::export;
use tlx::import;
use tlx::load::{Document, Loaded, Options};
use tlx::model::date::{Bound, DateValue, Point};
use tlx::model::evidence::Evidence;
use tlx::model::lag::Lags;
use tlx::model::{Date, Timeline};

#[path = "common/strategies.rs"]
mod strategies;

use strategies::timeline;

fn load(text: &str) -> Loaded {
    Document {
        name: "written.toml".into(),
        path: None,
        text: text.to_string(),
    }
    .load(Options::default())
}

fn from_json(json: &str) -> Timeline {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    for e in v["events"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("status");
    }
    serde_json::from_value(v).unwrap()
}

/// What tlx concludes of each event, by id: its evidence (status, independent origins) and its lags.
fn evidence(t: &Timeline) -> Vec<(String, Evidence, Lags)> {
    let mut all: Vec<_> = t
        .events
        .iter()
        .map(|e| {
            let evidence = Evidence::of(t, e, None);
            let lags = Lags::of(t, e, &evidence);
            (e.id.clone(), evidence, lags)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Reads `text` as `format`, asserting it was read without a word of warning.
fn imported(format: import::Format, text: &str) -> Result<Timeline, TestCaseError> {
    let back = import::import(format, text);
    prop_assert!(back.diagnostics.is_empty(), "{:?}\n{text}", back.diagnostics);
    Ok(back.timeline)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn toml_csv_toml_is_lossless(t in timeline()) {
        let csv = export::csv::to_string(&t);
        let back = imported(import::Format::Csv, &csv)?;
        prop_assert_eq!(&back, &t, "{}", csv);
        prop_assert_eq!(evidence(&back), evidence(&t));
        let again = load(&export::toml::to_string(&back));
        prop_assert!(!again.has_errors());
        prop_assert_eq!(again.timeline, t);
    }

    #[test]
    fn toml_json_toml_is_lossless(t in timeline()) {
        let written = export::toml::to_string(&t);
        let first = load(&written);
        let errors: Vec<_> = first.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{written}");
        prop_assert_eq!(&first.timeline, &t);
        let back = from_json(&export::json::to_string(&first.timeline));
        prop_assert_eq!(&back, &t);
        let again = load(&export::toml::to_string(&back));
        prop_assert!(!again.has_errors());
        prop_assert_eq!(again.timeline, t);
    }
}

/// Year, month, day and seconds of the day, as written.
type Calendar = (i64, Option<u8>, Option<u8>, Option<u32>);

/// What TimelineJS can carry of a point: its calendar fields at their precision (no qualifier,
/// and clock times only as written, since TimelineJS has no UTC offset).
fn calendar(p: &Point) -> Calendar {
    (p.year, p.month, p.day, p.time.map(|t| t.seconds))
}

/// The written points of a date: the point, or an interval's known ends.
fn points(d: &Date) -> Vec<Calendar> {
    match d.value() {
        DateValue::Point(p) => vec![calendar(p)],
        DateValue::Interval(a, b) => [a, b]
            .into_iter()
            .filter_map(|b| match b {
                Bound::Point(p) => Some(calendar(p)),
                Bound::Open => None,
            })
            .collect(),
    }
}

/// HTML does not keep runs of white space, so texts are compared word by word.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn toml_timelinejs_import_keeps_dates_titles_and_text(t in timeline()) {
        let json = export::timelinejs::to_string(&t);
        let back = import::import(import::Format::TimelineJs, &json);
        prop_assert!(!back.has_errors(), "{:?}\n{json}", back.diagnostics);
        // On TimelineJS's cosmological scale (years past what JavaScript dates hold) only years exist.
        let years_only = json.contains("\"scale\": \"cosmological\"");
        let keep = |p: Vec<Calendar>| -> Vec<_> {
            p.into_iter().map(|(y, m, d, s)| if years_only { (y, None, None, None) } else { (y, m, d, s) }).collect()
        };
        // Slides come in date order; ids come back trimmed and made unique, so events pair by position.
        prop_assert_eq!(back.timeline.events.len(), t.events.len());
        for (i, b) in t.chronological().into_iter().zip(&back.timeline.events) {
            let e = &t.events[i];
            prop_assert_eq!(keep(points(&b.date)), keep(points(&e.date)), "{} -> {}", e.date.as_str(), b.date.as_str());
            if !years_only {
                prop_assert_eq!(b.date.precision(), e.date.precision());
            }
            prop_assert_eq!(words(&b.title), words(&e.title));
            if let Some(summary) = &e.summary {
                let text = b.summary.as_deref().unwrap_or_default();
                prop_assert!(words(text).contains(&words(summary)), "{summary:?} not in {text:?}");
            }
        }
    }
}
