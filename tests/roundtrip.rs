//! Properties: any valid timeline survives TOML -> JSON export -> Timeline -> TOML writer -> loader
//! unchanged, whatever its dates (every precision, BCE, long years, intervals) and strings (quotes,
//! backslashes, newlines, any Unicode); and TOML -> TimelineJS -> import keeps every event's date
//! at its precision, its title and its text, as far as TimelineJS can say them.

use indexmap::IndexMap;
use proptest::prelude::*;
use tlx::export;
use tlx::import;
use tlx::load::{Document, Loaded, Options};
use tlx::model::date::{Bound, DateValue, Point};
use tlx::model::{Actor, Date, Denial, Event, Meta, Reference, Reliability, Source, Stance, Timeline};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,30}",
        r#"[a-z ]{0,4}("""|'''|\\|"|'|\n|\r\n|\t|\\u0041|#|=|\[\[)[a-z ]{0,4}"#,
    ]
}

fn required() -> impl Strategy<Value = String> {
    text().prop_filter("required strings are not blank", |s| !s.trim().is_empty())
}

fn point() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        4 => (-9999i64..=9999).prop_map(|y| if y < 0 { format!("-{:04}", -y) } else { format!("{y:04}") }),
        1 => (-100_000_000_000i64..=100_000_000_000).prop_map(|y| format!("Y{y}")),
    ];
    let time = prop_oneof![
        Just(String::new()),
        (
            0u32..24,
            0u32..60,
            prop::option::of(0u32..60),
            prop::sample::select(vec!["", "Z", "+03:00", "-05:30"])
        )
            .prop_map(|(h, m, s, z)| format!("T{h:02}:{m:02}{}{z}", s.map_or(String::new(), |s| format!(":{s:02}")))),
    ];
    (
        year,
        prop::option::of(1u8..=12),
        prop::option::of(1u8..=28),
        time,
        prop::sample::select(vec!["", "~", "?", "%"]),
    )
        .prop_map(|(y, m, d, t, q)| match (y.starts_with('Y'), m, d) {
            (true, ..) | (false, None, _) => format!("{y}{q}"),
            (false, Some(m), None) => format!("{y}-{m:02}{q}"),
            (false, Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}{t}{q}"),
        })
}

fn date() -> impl Strategy<Value = Date> {
    let side = prop_oneof![4 => point(), 1 => Just("..".to_string())];
    prop_oneof![point(), (side.clone(), side).prop_map(|(a, b)| format!("{a}/{b}"))]
        .prop_filter_map("a valid date", |s| Date::parse(&s).ok())
}

fn reliability() -> impl Strategy<Value = Option<Reliability>> {
    prop::option::of(prop::sample::select(Reliability::ALL.to_vec()))
}

prop_compose! {
    fn source()(outlet in required(), citing in prop::option::of(text()), stance in prop::sample::select(Stance::ALL.to_vec()),
                date in prop::option::of(date()), quote in prop::option::of(text()), url in prop::option::of(text()),
                reliability in reliability(), credibility in prop::option::of(1u8..=6)) -> Source {
        Source { outlet, citing, stance, date, via: None, quote, url, derived_from: None, reliability, credibility }
    }
}

prop_compose! {
    fn denial()(by in required(), date in prop::option::of(date()), quote in prop::option::of(text()),
                url in prop::option::of(text())) -> Denial {
        Denial { by, date, via: None, quote, url }
    }
}

prop_compose! {
    fn event()(id in required(), date in date(), title in required(), summary in prop::option::of(text()),
               tags in prop::collection::vec(text(), 0..3), names in prop::collection::vec(text(), 0..3),
               notes in prop::option::of(text()), sources in prop::collection::vec(source(), 0..4),
               denials in prop::collection::vec(denial(), 0..2)) -> Event {
        // Free names have a space, so they are never taken for actor ids.
        let actors = names.into_iter().map(|n| format!("Free Name {n}")).collect();
        Event { id, date, title, summary, tags, actors, related: Vec::new(), notes, sources, denials }
    }
}

prop_compose! {
    fn timeline()(title in required(), version in prop::option::of(Just(1u32)), description in prop::option::of(text()),
                  authors in prop::collection::vec(text(), 0..3), updated in prop::option::of(date()),
                  language in prop::option::of(text()),
                  references in prop::collection::vec((text(), required(), prop::option::of(text()), prop::option::of(date())), 0..3),
                  actors in prop::collection::vec((text(), required(), prop::option::of(text()), prop::collection::vec(text(), 0..2)), 0..3),
                  events in prop::collection::vec(event(), 0..5), links in prop::collection::vec(any::<usize>(), 8)) -> Timeline {
        let references: IndexMap<String, Reference> = references.into_iter().map(|(id, title, outlet, published)| {
            (id, Reference { title, outlet, published, ..Reference::default() })
        }).collect();
        let actors: IndexMap<String, Actor> = actors.into_iter().map(|(id, name, kind, aliases)| {
            (id, Actor { name, kind, aliases, description: None })
        }).collect();
        let mut t = Timeline {
            timeline: Meta { title, version, description, authors, updated, language },
            references,
            actors,
            events,
        };
        link(&mut t, &links);
        t
    }
}

/// Makes the cross-references valid: unique ids, `via`, `related`, actor ids and `derived_from`
/// pointing at things that exist.
fn link(t: &mut Timeline, picks: &[usize]) {
    for (i, e) in t.events.iter_mut().enumerate() {
        e.id = format!("{}-{i}", e.id);
    }
    let ids: Vec<String> = t.events.iter().map(|e| e.id.clone()).collect();
    let refs: Vec<String> = t.references.keys().cloned().collect();
    let actors: Vec<String> = t.actors.keys().cloned().collect();
    for (i, e) in t.events.iter_mut().enumerate() {
        let pick = |k: usize| picks[(i + k) % picks.len()];
        if !ids.is_empty() && pick(0) % 2 == 0 {
            e.related.push(ids[pick(1) % ids.len()].clone());
        }
        if !actors.is_empty() && pick(2) % 2 == 0 {
            e.actors.push(actors[pick(3) % actors.len()].clone());
        }
        let outlets: Vec<String> = e.sources.iter().map(|s| s.outlet.clone()).collect();
        for (j, s) in e.sources.iter_mut().enumerate() {
            if !refs.is_empty() && pick(4 + j) % 3 == 0 {
                s.via = Some(refs[pick(5 + j) % refs.len()].clone());
            }
            if outlets.len() > 1 && pick(6 + j) % 3 == 0 {
                s.derived_from = Some(outlets[(j + 1) % outlets.len()].clone());
            }
        }
        for d in &mut e.denials {
            if !refs.is_empty() && pick(7) % 2 == 0 {
                d.via = Some(refs[pick(1) % refs.len()].clone());
            }
        }
    }
}

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

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
