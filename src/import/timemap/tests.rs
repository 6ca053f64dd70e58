use super::*;

/// The import, uncounted.
fn import(text: &str) -> Loaded {
    super::import(text, None)
}

const FILE: &str = r#"{
  "Events": [
    {"id": "EV1", "description": "Damage to a residential building.", "date": "11/10/2022", "time": "00:00",
     "location": "Kamyshan", "latitude": "46.64", "longitude": "32.51", "graphic": "FALSE",
     "sources": ["src1", "src2"], "associations": ["asc1", "asc2", "asc1"]},
    {"id": "EV2", "description": "A strike at night.", "date": "1/7/2023", "time": "23:15",
     "latitude": "146.6", "longitude": "32.5", "sources": ["srcMissing"], "associations": ["ascMissing"]},
    {"id": "EV3", "description": "", "date": ""},
    {"id": "EV4", "description": "Bad date", "date": "13/45/2023"}
  ],
  "Sources": {
    "src1": {"id": "src1", "paths": ["https://t.me/channel/1", "https://archive.org/x"], "title": "EV1",
             "type": "Telegram", "description": "Damage to a residential building."},
    "src2": {"id": "src2", "paths": ["HIDDEN"], "title": "-", "description": "Source hidden"},
    "src3": {"id": "src3", "paths": ["https://x.com/a/status/1"], "title": "Unused"}
  },
  "Associations": [
    {"id": "asc1", "title": "Residential", "mode": "FILTER", "filter_paths": ["Type of area", "Residential"]},
    {"id": "asc2", "title": "Night", "mode": "NARRATIVE"}
  ],
  "Sites": []
}"#;

#[test]
fn events_keep_their_sources_dates_and_associations() {
    let loaded = import(FILE);
    let t = &loaded.timeline;
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["EV1", "EV2"]);
    let e = &t.events[0];
    assert_eq!(e.date.text(), "2022-11-10", "midnight is timemap's 'no time'");
    assert_eq!(e.title, "Damage to a residential building.");
    assert_eq!(e.tags, ["Type of area / Residential", "Night"]);
    let sources: Vec<(&str, Option<&str>)> = e.sources.iter().map(|s| (s.outlet(), s.url.as_deref())).collect();
    assert_eq!(
        sources,
        [
            ("t.me/channel", Some("https://t.me/channel/1")),
            ("t.me/channel", Some("https://archive.org/x")),
            ("src2", None),
        ]
    );
    assert_eq!(
        e.more.notes.as_deref(),
        Some("Source src1 type: Telegram\nSource src2: Source hidden\nSource src2 path: HIDDEN\ngraphic: FALSE")
    );
    let place = e.more.place.as_ref().unwrap();
    assert_eq!(
        (place.name.as_deref(), place.point()),
        (Some("Kamyshan"), Some((46.64, 32.51)))
    );
    let e = &t.events[1];
    assert_eq!(e.date.text(), "2023-01-07T23:15");
    // A latitude out of range is not placed, and kept as written.
    assert_eq!(e.more.place, None);
    assert_eq!(
        e.more.notes.as_deref(),
        Some("latitude: 146.6\nlongitude: 32.5\nUnknown source: srcMissing\nUnknown association: ascMissing")
    );
}

#[test]
fn problems_are_located() {
    let loaded = import(FILE);
    let found: Vec<(&str, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, &FILE[d.span.clone().unwrap()]))
        .collect();
    assert_eq!(
        found,
        [
            ("unmapped", "\"00:00\""),
            ("bad-place", "\"146.6\""),
            ("unknown-id", "\"srcMissing\""),
            ("unknown-id", "\"ascMissing\""),
            ("missing-key", r#"{"id": "EV3", "description": "", "date": ""}"#),
            ("bad-date", "\"13/45/2023\""),
            (
                "unused-source",
                r#"{"id": "src3", "paths": ["https://x.com/a/status/1"], "title": "Unused"}"#
            ),
            ("unmapped", "\"FILTER\""),
            ("unmapped", "[]"),
        ]
    );
    assert_eq!(loaded.diagnostics.iter().filter(|d| d.is_error()).count(), 2);
}

#[test]
fn long_descriptions_are_cut_for_the_title() {
    let long = "word ".repeat(40);
    let (title, summary) = title_and_summary(long.trim(), None, None);
    assert!(
        title.ends_with("word…") && title.chars().count() <= TITLE_MAX + 1,
        "{title}"
    );
    assert_eq!(summary.as_deref(), Some(long.trim()));
    assert_eq!(title_and_summary("", Some("Kherson"), Some("X")).0, "Kherson");
    assert_eq!(us_date("02/29/2023"), None);
    assert_eq!(us_date("2/9/2024").as_deref(), Some("2024-02-09"));
}

/// Two Telegram channels are two publishers: the outlet is the channel, not `t.me` or the
/// record's `type`, so the event counts two independent origins.
#[test]
fn sources_on_a_platform_are_named_by_channel_and_counted_as_separate_origins() {
    let file = r#"{"Events": [
  {"id": "e", "description": "A strike.", "date": "03/01/2022", "sources": ["a", "b", "c"]}
], "Sources": {
  "a": {"id": "a", "paths": ["“https://t.me/rian_ru/101”"], "title": "-", "type": "Telegram"},
  "b": {"id": "b", "paths": ["https://t.me/s/Other_Channel/7", "https://archive.ph/x"], "type": "Telegram"},
  "c": {"id": "c", "paths": ["https://twitter.com/Someone/status/1"]}
}}"#;
    let loaded = import(file);
    let t = &loaded.timeline;
    let e = &t.events[0];
    let sources: Vec<(&str, Option<&str>)> = e.sources.iter().map(|s| (s.outlet(), s.url.as_deref())).collect();
    assert_eq!(
        sources,
        [
            ("t.me/rian_ru", Some("https://t.me/rian_ru/101")),
            ("t.me/other_channel", Some("https://t.me/s/Other_Channel/7")),
            ("t.me/other_channel", Some("https://archive.ph/x")),
            ("@someone", Some("https://twitter.com/Someone/status/1")),
        ]
    );
    let notes = e.more.notes.as_deref().unwrap_or_default();
    assert!(notes.contains("Source a type: Telegram"), "{notes}");
    let evidence = crate::model::evidence::Evidence::of(t, e, None);
    assert_eq!(evidence.origins(), 3, "an archived copy is not another origin");
}

#[test]
fn dates_as_people_write_them_are_read() {
    let text = r#"{"Events": [
        {"id": "a", "description": "Words", "date": "8 March 1917"},
        {"id": "b", "description": "Circa", "date": "c. 1917"},
        {"id": "c", "description": "Spaced time", "date": "1917-03-08 14:30"}
    ], "Sources": {}, "Associations": []}"#;
    let loaded = import(text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let events = &loaded.timeline.events;
    let dates: Vec<_> = events.iter().map(|e| e.date.text().to_string()).collect();
    assert_eq!(dates, ["1917-03-08", "1917~", "1917-03-08T14:30"]);
}
