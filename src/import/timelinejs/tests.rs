use super::*;

/// The import, uncounted.
fn import(text: &str) -> Loaded {
    super::import(text, None)
}
use crate::diagnostic::Severity;

fn import_ok(text: &str) -> Timeline {
    let loaded = import(text);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.timeline
}

fn dates(t: &Timeline) -> Vec<String> {
    t.events.iter().map(|e| e.date.text().to_string()).collect()
}

#[test]
fn parts_may_be_numbers_strings_or_empty_strings() {
    let t = import_ok(
        r#"{"events": [
            {"start_date": {"year": 1963, "month": 8, "day": 9}, "text": {"headline": "Numbers"}},
            {"start_date": {"year": "1978"}, "text": {"headline": "Year string"}},
            {"start_date": {"year": "1951", "month": "", "day": ""}, "text": {"headline": "Empty parts"}},
            {"start_date": {"year": "1943", "month": "7", "day": ""}, "text": {"headline": "Month"}},
            {"start_date": {"year": "2015", "month": "7", "day": "24", "hour": "14", "minute": "5"},
             "text": {"headline": "Time"}},
            {"start_date": {"year": 2015, "month": 7, "day": 24, "hour": 14, "minute": 5, "second": 9, "millisecond": 42},
             "text": {"headline": "Milliseconds"}}
        ]}"#,
    );
    assert_eq!(
        dates(&t),
        [
            "1963-08-09",
            "1978",
            "1951",
            "1943-07",
            "2015-07-24T14:05",
            "2015-07-24T14:05:09.042"
        ]
    );
}

#[test]
fn negative_years_are_bce_without_a_year_zero() {
    let t = import_ok(
        r#"{"scale": "cosmological", "events": [
            {"start_date": {"year": -500}, "text": {"headline": "Five hundred BCE"}},
            {"start_date": {"year": "-1"}, "end_date": {"year": "1"}, "text": {"headline": "Around the turn"}},
            {"start_date": {"year": -13800000000}, "text": {"headline": "Big Bang"}},
            {"start_date": {"year": "602"}, "end_date": {"year": "629"}, "text": {"headline": "War"}}
        ]}"#,
    );
    assert_eq!(dates(&t), ["-0499", "0000/0001", "Y-13799999999", "0602/0629"]);
    assert_eq!(t.events[0].date.human(), "500 BCE");
    assert_eq!(t.events[2].date.human(), "13800000000 BCE");
}

#[test]
fn html_text_title_slide_media_credits_and_groups() {
    let t = import_ok(
        r##"{
        "title": {"text": {"headline": "Whitney Houston<br/> 1963 - 2012", "text": "<p>Her voice &amp; life.</p>"},
                  "media": {"url": "//www.flickr.com/photos/x/1/", "credit": "flickr/<a href='http://www.flickr.com/photos/x/'>x</a>"}},
        "events": [{
            "start_date": {"year": "1963", "month": "8", "day": "9"},
            "display_date": "Summer 1963",
            "group": "Family",
            "background": {"color": "#000"},
            "text": {"headline": "A <i>Musical</i> Heritage",
                     "text": "<p>Born in <a href=\"https://en.wikipedia.org/wiki/Newark\">Newark</a>.</p><p>Second &quot;para&quot;.</p>"},
            "media": {"url": "/static/img/family.jpg", "caption": "Cissy (left).",
                      "credit": "Photo:<a href='http://flickr.com/1'>Tom Marcello</a><br/><a href=\"http://commons.wikimedia.org/2\">CBS</a>"}
        }, {
            "start_date": {"year": 1978},
            "text": {"headline": "First Recording"},
            "media": {"url": "https://youtu.be/abc", "credit": "EbonyJet", "caption": "", "thumbnail": ""}
        }, {
            "start_date": {"year": 1948},
            "text": {"headline": "Edith Clarke", "text": ""},
            "media": {"url": "<blockquote>No demand for women engineers. <cite>Edith Clarke</cite></blockquote>", "credit": ""}
        }]}"##,
    );
    assert_eq!(t.timeline.title, "Whitney Houston 1963 - 2012");
    let description = t.timeline.description.as_deref().unwrap();
    assert!(description.starts_with("Her voice & life."), "{description}");
    assert!(
        description.contains("Media: //www.flickr.com/photos/x/1/"),
        "{description}"
    );
    assert!(
        description.contains("Credit: x <http://www.flickr.com/photos/x/>"),
        "{description}"
    );

    let e = &t.events[0];
    assert_eq!(e.title, "A Musical Heritage");
    assert_eq!(e.id, "a-musical-heritage-1963");
    assert_eq!(e.summary.as_deref(), Some("Born in Newark.\nSecond \"para\"."));
    assert_eq!(e.tags, ["Family"]);
    let outlets: Vec<(&str, Option<&str>)> = e.sources.iter().map(|s| (s.outlet(), s.url.as_deref())).collect();
    assert_eq!(
        outlets,
        [
            ("Tom Marcello", Some("http://flickr.com/1")),
            ("CBS", Some("http://commons.wikimedia.org/2"))
        ]
    );
    let notes = e.more.notes.as_deref().unwrap();
    for needle in [
        "Link: Newark <https://en.wikipedia.org/wiki/Newark>",
        "Caption: Cissy (left).",
        "Credit: Photo:Tom Marcello\nCBS",
        "Media: /static/img/family.jpg",
        "TimelineJS showed the date as: Summer 1963",
    ] {
        assert!(notes.contains(needle), "{needle} not in {notes}");
    }

    let e = &t.events[1];
    assert_eq!(e.sources.len(), 1);
    assert_eq!(
        (e.sources[0].outlet(), e.sources[0].url.as_deref()),
        ("EbonyJet", Some("https://youtu.be/abc"))
    );
    assert_eq!(
        e.more.notes, None,
        "the media URL went to the source; empty parts are not notes"
    );

    let e = &t.events[2];
    assert!(e.sources.is_empty());
    assert_eq!(
        e.more.notes.as_deref(),
        Some("Media: No demand for women engineers. — Edith Clarke")
    );
}

#[test]
fn eras_become_events_tagged_era() {
    let t = import_ok(
        r#"{"eras": [{"start_date": {"year": "600"}, "end_date": {"year": "650"}, "text": {"headline": "Era 600-650"}}],
            "events": [{"start_date": {"year": "626"}, "text": {"headline": "Siege"}}]}"#,
    );
    assert_eq!(t.events.len(), 2);
    let era = &t.events[1];
    assert_eq!(
        (era.id.as_str(), &*era.date.text(), era.title.as_str()),
        ("era-600-650-600-ce", "0600/0650", "Era 600-650")
    );
    assert_eq!(era.tags, ["era"]);
}

#[test]
fn ids_come_from_unique_id_or_unique_slugs() {
    let loaded = import(
        r#"{"events": [
            {"unique_id": "first", "start_date": {"year": 2000}, "text": {"headline": "A"}},
            {"unique_id": "first", "start_date": {"year": 2001}, "text": {"headline": "B"}},
            {"start_date": {"year": 2002}, "text": {"headline": "Same"}},
            {"start_date": {"year": 2002}, "text": {"headline": "Same"}}
        ]}"#,
    );
    let ids: Vec<&str> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["first", "first-2", "same-2002", "same-2002-2"]);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.code == "duplicate-id" && d.severity == Severity::Warning)
    );
}

#[test]
fn what_cannot_be_read_is_located() {
    let text = r#"{"events": [
        {"text": {"headline": "No date"}},
        {"start_date": {"year": 2015, "month": 13}, "text": {"headline": "Bad month"}},
        {"start_date": {"year": 2015, "month": 2, "day": 30}, "end_date": {"year": 2014}, "text": {"headline": "Bad day"}},
        {"start_date": {"year": 2015, "month": "June"}},
        "not a slide"
    ], "stray": 1}"#;
    let loaded = import(text);
    let t = &loaded.timeline;
    assert_eq!(dates(t), ["2015", "2015-02", "2015"]);
    assert_eq!(t.events[1].more.notes.as_deref(), Some("End date: 2014"));
    assert_eq!(t.events[2].title, "Untitled");
    let found: Vec<(&str, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, &text[d.span.clone().unwrap()]))
        .collect();
    assert_eq!(
        found,
        [
            ("missing-key", r#"{"text": {"headline": "No date"}}"#),
            ("bad-date", "13"),
            ("bad-date", "30"),
            ("bad-date", r#"{"year": 2014}"#),
            ("untitled", r#"{"start_date": {"year": 2015, "month": "June"}}"#),
            ("bad-date", r#""June""#),
            ("wrong-type", r#""not a slide""#),
            ("unmapped", "1"),
        ]
    );
}

#[test]
fn json_that_is_not_timelinejs_says_what_was_expected() {
    let loaded = import("{\n  \"events\": [1,]\n}");
    assert_eq!(loaded.diagnostics[0].code, "syntax");
    let loaded = import(r#"{"foo": []}"#);
    assert!(loaded.diagnostics[0].hint.as_deref().unwrap().contains("timemap"));
    assert!(import("[]").has_errors());
}

#[test]
fn a_year_beyond_what_tlx_holds_is_an_error_not_a_lost_slide() {
    for slide in [
        r#"{"start_date": {"year": 100000000001}}"#,
        r#"{"start_date": {"year": 100000000001}, "end_date": {"year": 100000000002}}"#,
    ] {
        let loaded = import(&format!(r#"{{"events": [{slide}]}}"#));
        let codes: Vec<_> = loaded.diagnostics.iter().map(|d| (d.severity, d.code)).collect();
        assert!(codes.contains(&(Severity::Error, "bad-date")), "{slide}: {codes:?}");
    }
}

/// Backgrounds are read as media are; an iframe's `src` is kept; credit URLs written out are each
/// a source named by their channel; `scale` is kept; a "Credit:" credit is not labelled twice.
#[test]
fn backgrounds_embeds_credit_urls_and_scale_are_kept() {
    let text = std::fs::read_to_string("tests/fixtures/import/timelinejs-media.json").unwrap();
    let loaded = import(&text);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let t = &loaded.timeline;
    let description = t.timeline.description.as_deref().unwrap();
    assert!(description.contains("TimelineJS scale: cosmological"), "{description}");
    assert!(description.contains("Credit: Archive of the Author"), "{description}");
    assert!(!description.contains("Credit: Credit"), "{description}");
    let sources = |i: usize| -> Vec<(String, Option<String>)> {
        t.events[i]
            .sources
            .iter()
            .map(|s| (s.outlet().to_string(), s.url.as_deref().map(String::from)))
            .collect()
    };
    let own = |o: &str, u: &str| (o.to_string(), Some(u.to_string()));
    assert_eq!(
        sources(0),
        [
            own("t.me/rian_ru", "https://t.me/rian_ru/101"),
            own("@someone", "https://twitter.com/Someone/status/9"),
            own("map", "https://maps.example/city"),
            own("City Archive", "https://photos.example/p/1"),
        ]
    );
    let notes = t.events[0].more.notes.as_deref().unwrap();
    for kept in [
        "Media: https://www.youtube.com/embed/abc123",
        "Background image: https://example.org/city.jpg",
        "Caption: The city before, map",
    ] {
        assert!(notes.contains(kept), "{kept} in {notes}");
    }
    assert_eq!(sources(1), [own("Reuters", "https://www.reuters.com/world/statement")]);
    let presentation: Vec<&str> = loaded.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        presentation.iter().any(|m| m.starts_with("`background color` (once)")),
        "{presentation:?}"
    );
    assert!(presentation.iter().all(|m| !m.contains("nothing else was lost")));
}

#[test]
fn a_timelinejs_2_file_is_refused_naming_its_format_and_how_to_convert_it() {
    let text = r#"{"timeline": {"headline": "Old", "type": "default",
      "date": [{"startDate": "2012,1,26", "headline": "A", "text": "<p>B</p>",
                "asset": {"media": "https://example.org/a.jpg", "credit": "C", "caption": "D"}}]}}"#;
    let loaded = import(text);
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("TimelineJS 2"), "{}", errors[0].message);
    assert!(errors[0].hint.as_deref().unwrap().contains("start_date"));
    assert_eq!(errors[0].set_aside, None, "the whole file is refused, not one event");
}

#[test]
fn years_written_in_words_are_read() {
    let t = import_ok(
        r#"{"events": [
            {"start_date": {"year": "1250 BC"}, "text": {"headline": "Bronze"}},
            {"start_date": {"year": "AD 476", "month": 9}, "text": {"headline": "Rome"}}
        ]}"#,
    );
    assert_eq!(dates(&t), ["-1249", "0476-09"]);
}

#[test]
fn a_decade_shown_on_a_slide_that_starts_at_its_first_year_is_kept_as_the_decade() {
    let t = import_ok(
        r#"{"events": [
            {"start_date": {"year": 1910}, "display_date": "1910s", "text": {"headline": "Decade"}},
            {"start_date": {"year": 1920}, "display_date": "c. 1920s", "text": {"headline": "Circa"}},
            {"start_date": {"year": 1900}, "display_date": "19XX", "text": {"headline": "Century"}},
            {"start_date": {"year": 1915}, "display_date": "1910s", "text": {"headline": "Inside"}},
            {"start_date": {"year": 1910, "month": 3}, "display_date": "1910s", "text": {"headline": "Month"}}
        ]}"#,
    );
    assert_eq!(dates(&t), ["191X", "192X~", "19XX", "1915", "1910-03"]);
    // A slide the decade does not start on keeps its own date, and what it showed in its notes.
    assert!(t.events[3].more.notes.as_deref().unwrap_or_default().contains("1910s"));
}
