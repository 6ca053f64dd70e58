//! Properties: any valid timeline survives TOML -> TOML, TOML -> JSON -> TOML and TOML -> CSV ->
//! TOML unchanged, whatever its dates (every precision, decades and centuries, BCE, long years,
//! intervals) and strings (quotes, backslashes, newlines, any Unicode), with the same evidence (status, independent
//! origins, report lag) for every event; and TOML -> TimelineJS -> import keeps every event's
//! date at its precision, its title and its text, as far as TimelineJS can say them, and every
//! record through the `tlx` key of its slides; TimelineJS -> tlx -> TimelineJS keeps each slide's
//! headline, text, group and date parts.

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
        text: text.to_string().into(),
    }
    .load(Options::default())
}

/// `csv` (as tlx writes it, an event's rows together) with every event's first row in place and
/// its further rows moved to the end, in their order: rows join their event by id wherever they are.
fn apart(csv: &str) -> String {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let id = rows.first().and_then(|header| header.iter().position(|c| c == "id"));
    let mut seen = std::collections::HashSet::new();
    let (mut stay, mut moved) = (Vec::new(), Vec::new());
    for (i, row) in rows.into_iter().enumerate() {
        let event = id.and_then(|c| row.get(c)).filter(|e| i > 0 && !e.is_empty());
        match event {
            Some(e) if !seen.insert(e.to_string()) => moved.push(row),
            _ => stay.push(row),
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in stay.iter().chain(&moved) {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// What tlx concludes of each event, by id: its evidence (status, independent origins) and its lags.
fn evidence(t: &Timeline) -> Vec<(String, Evidence, Lags)> {
    let mut all: Vec<_> = t
        .events
        .iter()
        .map(|e| {
            let evidence = Evidence::of(t, e, None);
            let lags = Lags::of(t, e, &evidence);
            (e.id.to_string(), evidence, lags)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Reads `text` as `format`, asserting it was read without an error, and without a word of
/// warning from a format that is not validated (tlx's JSON is, so it warns as the TOML loader does).
fn imported(format: import::Format, text: &str) -> Result<Timeline, TestCaseError> {
    let back = import::import(format, text, &Default::default(), None).loaded;
    if format == import::Format::TlxJson {
        prop_assert!(!back.has_errors(), "{:?}\n{text}", back.diagnostics);
    } else {
        prop_assert!(back.diagnostics.is_empty(), "{:?}\n{text}", back.diagnostics);
    }
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
    fn toml_csv_toml_is_lossless_with_an_events_rows_apart(t in timeline()) {
        let csv = apart(&export::csv::to_string(&t));
        let back = imported(import::Format::Csv, &csv)?;
        prop_assert_eq!(&back, &t, "{}", csv);
    }

    #[test]
    fn toml_json_toml_is_lossless(t in timeline()) {
        let written = export::toml::to_string(&t);
        let first = load(&written);
        let errors: Vec<_> = first.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{written}");
        prop_assert_eq!(&first.timeline, &t);
        let json = export::json::to_string(&first.timeline);
        prop_assert_eq!(import::detect(None, &json), Some(import::Format::TlxJson));
        let back = imported(import::Format::TlxJson, &json)?;
        prop_assert_eq!(&back, &t);
        prop_assert_eq!(evidence(&back), evidence(&t));
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
        DateValue::Point(p) => vec![calendar(&p)],
        DateValue::Interval(a, b) => [a, b]
            .into_iter()
            .filter_map(|b| match b {
                Bound::Point(p) => Some(calendar(&p)),
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
        let back = import::import(import::Format::TimelineJs, &json, &Default::default(), None).loaded;
        prop_assert!(!back.has_errors(), "{:?}\n{json}", back.diagnostics);
        // On TimelineJS's cosmological scale (years past what JavaScript dates hold) only years exist.
        let years_only = json.contains("\"scale\": \"cosmological\"");
        let keep = |p: Vec<Calendar>| -> Vec<_> {
            p.into_iter().map(|(y, m, d, s)| if years_only { (y, None, None, None) } else { (y, m, d, s) }).collect()
        };
        // Slides come in date order; ids come back trimmed and made unique, so events pair by position.
        prop_assert_eq!(back.timeline.events.len(), t.events.len());
        for (e, b) in t.in_date_order().zip(&back.timeline.events) {
            prop_assert_eq!(keep(points(&b.date)), keep(points(&e.date)), "{} -> {}", e.date.text(), b.date.text());
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

/// The timeline with its events in id order, for formats that write them in date order.
fn by_id(t: &Timeline) -> Timeline {
    let mut t = t.clone();
    t.events.sort_by(|a, b| a.id.cmp(&b.id));
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn toml_timelinejs_toml_keeps_every_source_and_denial(t in timeline()) {
        let json = export::timelinejs::to_string(&t);
        let back = imported(import::Format::TimelineJs, &json)?;
        prop_assert_eq!(by_id(&back), by_id(&t));
        prop_assert_eq!(evidence(&back), evidence(&t));
    }
}

/// The formats tlx writes and reads back, with a file name that says which each is.
const READ_BACK: [(export::Format, &str); 4] = [
    (export::Format::Toml, "x.toml"),
    (export::Format::Json, "x.json"),
    (export::Format::Csv, "x.csv"),
    (export::Format::Timelinejs, "x.timelinejs.json"),
];

fn through(t: &Timeline, format: export::Format, name: &str) -> Timeline {
    let doc = Document {
        name: name.into(),
        path: Some(name.into()),
        text: format.write(t).into(),
    };
    let back = doc.load(Options::default());
    assert!(!back.has_errors(), "{format:?}: {:?}", back.diagnostics);
    back.timeline
}

#[test]
fn the_bundled_timeline_survives_every_pair_of_formats_with_the_same_evidence() {
    let t = Document::bundled().load(Options::default()).timeline;
    let denials: usize = t.events.iter().map(|e| e.denials.len()).sum();
    assert!(denials > 0 && t.event("moscow-visit").is_some_and(|e| !e.denials.is_empty()));
    for (first, a) in READ_BACK {
        let once = through(&t, first, a);
        for (second, b) in READ_BACK {
            let twice = through(&once, second, b);
            assert_eq!(by_id(&twice), by_id(&t), "{first:?} then {second:?}");
            assert_eq!(evidence(&twice), evidence(&t), "{first:?} then {second:?}");
        }
    }
}

/// A slide's text as words, tags taken out (block tags part words, inline ones do not) and the
/// entities tlx and TimelineJS files use decoded.
fn slide_words(html: &str) -> String {
    let blocks = regex::Regex::new(r"(?i)</?(p|br|li|ol|ul|blockquote)\b[^>]*>").unwrap();
    let inline = regex::Regex::new(r"<[^>]*>").unwrap();
    let parted = blocks.replace_all(html, " ");
    let text = inline.replace_all(&parted, "");
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&ndash;", "–")
        .replace("&amp;", "&");
    words(&text)
}

#[test]
fn timelinejs_through_tlx_keeps_headlines_text_groups_and_dates_at_their_precision() {
    let original: serde_json::Value = serde_json::from_str(include_str!("fixtures/import/timelinejs.json")).unwrap();
    let loaded = import::import(
        import::Format::TimelineJs,
        &original.to_string(),
        &Default::default(),
        None,
    )
    .loaded;
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let again: serde_json::Value = serde_json::from_str(&export::timelinejs::to_string(&loaded.timeline)).unwrap();
    let slides = again["events"].as_array().unwrap();
    let given = |v: &serde_json::Value| -> Vec<(String, i64)> {
        let Some(parts) = v.as_object() else { return Vec::new() };
        parts
            .iter()
            .filter_map(|(k, v)| {
                let n = v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))?;
                Some((k.clone(), n))
            })
            .collect()
    };
    for slide in original["events"].as_array().unwrap() {
        let headline = slide_words(slide["text"]["headline"].as_str().unwrap());
        let back = slides
            .iter()
            .find(|s| slide_words(s["text"]["headline"].as_str().unwrap()) == headline)
            .unwrap_or_else(|| panic!("no slide {headline:?}"));
        for date in ["start_date", "end_date"] {
            assert_eq!(given(&back[date]), given(&slide[date]), "{headline}: {date}");
        }
        let text = slide["text"]["text"].as_str().unwrap_or_default();
        let back_text = back["text"]["text"].as_str().unwrap();
        assert!(
            slide_words(back_text).contains(&slide_words(text)),
            "{headline}: {text:?} not in {back_text:?}"
        );
        if let Some(group) = slide["group"].as_str().filter(|g| !g.is_empty()) {
            assert_eq!(back["group"], group, "{headline}");
        }
    }
}

/// Whether two slides show the same media: the same URL (or embed), caption and credit words.
fn same_media(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    let shown = |m: &serde_json::Value, key: &str| slide_words(m[key].as_str().unwrap_or_default());
    a["url"] == b["url"] && ["caption", "credit"].iter().all(|k| shown(a, k) == shown(b, k))
}

prop_compose! {
    /// A TimelineJS slide as another tool writes it: a date with the parts of some precision, a
    /// headline, a text, maybe a group and maybe media (a caption and a credit that may link).
    fn slide()(year in prop_oneof![-9999i64..=-1, 1i64..=9999], month in prop::option::of(1u8..=12),
               day in prop::option::of(1u8..=28), clock in prop::option::of((0u8..24, 0u8..60, prop::option::of(1u8..60))),
               headline in "[A-Za-z][a-z]{0,8}( [a-z]{1,8}){0,4}", text in "[a-z]{1,8}( [a-z]{1,8}){0,8}",
               group in prop::option::of("[A-Za-z]{1,10}"),
               media in prop::option::of((
                   prop_oneof!["https://example\\.org/[a-z]{1,8}\\.jpg", "<iframe src=\"https://example\\.org/[a-z]{1,8}\"></iframe>"],
                   prop::option::of("[A-Za-z]{1,8}( [a-z]{1,8}){0,3}"),
                   prop::option::of(prop_oneof!["[A-Z][a-z]{1,8}", "Photo: <a href='https://example\\.org/[a-z]{1,5}'>[A-Z][a-z]{1,8}</a>"]),
               ))) -> serde_json::Value {
        let mut date = serde_json::json!({"year": year});
        if let Some(m) = month {
            date["month"] = m.into();
            if let Some(d) = day {
                date["day"] = d.into();
                if let Some((h, min, s)) = clock {
                    date["hour"] = h.into();
                    date["minute"] = min.into();
                    if let Some(s) = s {
                        date["second"] = s.into();
                    }
                }
            }
        }
        let mut slide = serde_json::json!({"start_date": date, "text": {"headline": headline, "text": format!("<p>{text}</p>")}});
        if let Some(g) = group {
            slide["group"] = g.into();
        }
        if let Some((url, caption, credit)) = media {
            slide["media"] = serde_json::json!({"url": url});
            if let Some(c) = caption {
                slide["media"]["caption"] = c.into();
            }
            if let Some(c) = credit {
                slide["media"]["credit"] = c.into();
            }
        }
        slide
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn timelinejs_tlx_timelinejs_keeps_text_media_groups_and_dates_with_their_precision(
        slides in prop::collection::vec(slide(), 1..6)
    ) {
        let original = serde_json::json!({"title": {"text": {"headline": "T"}}, "events": slides});
        let back = imported(import::Format::TimelineJs, &original.to_string())?;
        let again: serde_json::Value = serde_json::from_str(&export::timelinejs::to_string(&back)).unwrap();
        let out = again["events"].as_array().unwrap();
        prop_assert_eq!(out.len(), slides.len());
        // A credit's link is evidence: it is a source of the event as well as the media's credit.
        let href = regex::Regex::new("href='([^']*)'").unwrap();
        for link in slides.iter().filter_map(|s| href.captures(s["media"]["credit"].as_str()?)) {
            let url = &link[1];
            prop_assert!(
                back.events.iter().any(|e| e.sources.iter().any(|s| s.url.as_deref() == Some(url))),
                "no source for the credit link {url}"
            );
        }
        for slide in &slides {
            let headline = slide["text"]["headline"].as_str().unwrap();
            let same: Vec<&serde_json::Value> = out.iter().filter(|s| s["text"]["headline"] == headline).collect();
            prop_assert!(!same.is_empty(), "no slide {headline:?}");
            let kept = same.iter().any(|s| {
                s["start_date"] == slide["start_date"]
                    && slide_words(s["text"]["text"].as_str().unwrap())
                        .contains(&slide_words(slide["text"]["text"].as_str().unwrap()))
                    && slide.get("group").is_none_or(|g| &s["group"] == g)
                    && same_media(&slide["media"], &s["media"])
            });
            prop_assert!(kept, "{slide} became {same:?}");
        }
    }
}
