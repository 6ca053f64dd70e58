//! One test per validation rule, each from a minimal file, with the rendered diagnostics snapshotted.

use super::*;
use crate::diagnostic::Severity;

const HEAD: &str = "[timeline]\ntitle = \"Test\"\n\n[references.ref]\ntitle = \"An article\"\n\n";
const GOOD_EVENT: &str = "[[events]]\nid = \"a\"\ndate = \"2015-07-24\"\ntitle = \"A\"\n[[events.sources]]\noutlet = \"Fox News\"\nquote = \"q\"\n";

fn load(text: &str, options: Options) -> (Loaded, String) {
    let src = SourceText::new("test.toml", text);
    let loaded = parse(text, &src, options.checks(), None);
    let rendered = src.render_all(&loaded.diagnostics);
    (loaded, rendered)
}

/// Loads `HEAD` + `body`, returning the rendered diagnostics and the codes in file order.
fn check(body: &str) -> (String, Vec<&'static str>) {
    let (loaded, rendered) = load(&format!("{HEAD}{body}"), Options::default());
    (rendered, loaded.diagnostics.iter().map(|d| d.code).collect())
}

#[test]
fn the_bundled_timeline_loads_with_no_errors_or_warnings() {
    let doc = Document::bundled();
    let loaded = doc.load(Options {
        pedantic: true,
        ..Options::default()
    });
    let rendered = doc.source().render_all(&loaded.diagnostics);
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    assert!(loaded.timeline.events.len() >= 12);
    for id in ["moscow-visit", "s300-lift", "un-statement"] {
        assert!(loaded.timeline.event(id).is_some(), "{id}");
    }
}

#[test]
fn a_clean_file_has_no_diagnostics() {
    let (rendered, codes) = check(GOOD_EVENT);
    assert!(codes.is_empty(), "{rendered}");
}

#[test]
fn impossible_date() {
    let (rendered, codes) = check("[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"A\"\n");
    // The event's other findings are reported with its date's, not after the date is fixed.
    assert_eq!(codes, ["unsourced", "bad-date"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn interval_ending_before_it_starts() {
    let (rendered, codes) = check("[[events]]\nid = \"a\"\ndate = \"2015-07-27/2015-07-24\"\ntitle = \"A\"\n");
    assert_eq!(codes, ["unsourced", "bad-date"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn ids_that_differ_only_by_an_invisible_character_are_duplicates() {
    for invisible in ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'] {
        let twin = GOOD_EVENT.replace("id = \"a\"", &format!("id = \"a{invisible}\""));
        let (rendered, codes) = check(&format!("{GOOD_EVENT}\n{twin}"));
        assert_eq!(codes, ["duplicate-id"], "{rendered}");
        let name = format!("U+{:04X}", u32::from(invisible));
        assert!(
            rendered.contains(&name) && rendered.contains("first is on line 8"),
            "{rendered}"
        );
    }
    let text = format!(
        "{HEAD}[references.\"ref\u{200b}\"]\ntitle = \"B\"\n[actors.x]\nname = \"X\"\n[actors.\"\u{feff}x\"]\nname = \"Y\"\n"
    );
    let (loaded, rendered) = load(&text, Options::default());
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["duplicate-id", "duplicate-id"], "{rendered}");
    assert!(
        rendered.contains("reference id") && rendered.contains("zero-width space (U+200B)"),
        "{rendered}"
    );
    assert!(
        rendered.contains("actor id") && rendered.contains("U+FEFF"),
        "{rendered}"
    );
    insta::assert_snapshot!(rendered);
}

#[test]
fn blank_tags_are_errors_at_the_tag() {
    let event = GOOD_EVENT.replace("title = \"A\"\n", "title = \"A\"\ntags = [\"ok\", \"\", \" \\t\"]\n");
    let (loaded, rendered) = load(&format!("{HEAD}{event}"), Options::default());
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["empty-value", "empty-value"], "{rendered}");
    assert!(rendered.contains("test.toml:11:15"), "{rendered}");
    let second = loaded.diagnostics[1].span.clone().unwrap();
    assert_eq!(&format!("{HEAD}{event}")[second], "\" \\t\"");
    // Like any error in an event, it sets the event aside while the others open.
    assert!(loaded.diagnostics.iter().all(|d| d.set_aside.is_some()), "{rendered}");
}

#[test]
fn duplicate_event_ids() {
    let (rendered, codes) = check(&format!("{GOOD_EVENT}\n{GOOD_EVENT}"));
    assert_eq!(codes, ["duplicate-id"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn missing_required_keys() {
    let (rendered, codes) = check("[[events]]\nid = \"a\"\ntitle = \"A\"\n[[events.sources]]\nquote = \"q\"\n");
    assert_eq!(codes, ["missing-key", "missing-key"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn missing_timeline_table() {
    let (loaded, rendered) = load(GOOD_EVENT, Options::default());
    assert_eq!(loaded.diagnostics[0].code, "missing-key");
    insta::assert_snapshot!(rendered);
}

#[test]
fn unknown_keys_suggest_the_closest() {
    let body = "[[event]]\nid = \"x\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\nsumary = \"typo\"\n";
    let (rendered, codes) = check(body);
    assert_eq!(codes, ["unknown-key", "unsourced", "unknown-key"]);
    assert!(rendered.contains("did you mean `events`?") && rendered.contains("did you mean `summary`?"));
    insta::assert_snapshot!(rendered);
}

#[test]
fn references_to_missing_ids() {
    let body = "[actors.putin]\nname = \"Vladimir Putin\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\
                related = [\"b\", \"a\"]\nactors = [\"puttin\", \"A Free Name\"]\n\
                [[events.sources]]\noutlet = \"X\"\nvia = \"reff\"\nquote = \"q\"\n\
                [[events.denials]]\nby = \"Y\"\nvia = \"nope\"\n";
    let (rendered, codes) = check(body);
    assert_eq!(
        codes,
        [
            "unknown-event",
            "unknown-actor",
            "unknown-reference",
            "unknown-reference"
        ]
    );
    assert!(rendered.contains("did you mean `putin`?") && rendered.contains("did you mean `ref`?"));
    insta::assert_snapshot!(rendered);
}

#[test]
fn empty_titles() {
    let (rendered, codes) = check("[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"  \"\n");
    assert_eq!(codes, ["unsourced", "empty-value"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn wrong_types_and_stances() {
    let body = "[[events]]\nid = \"a\"\ndate = true\ntitle = \"A\"\ntags = \"one\"\n\
                [[events.sources]]\noutlet = \"X\"\nstance = \"confirmed\"\nquote = 3\n";
    let (rendered, codes) = check(body);
    assert_eq!(codes, ["wrong-type", "no-quote", "bad-stance", "wrong-type"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn toml_syntax_errors_are_located() {
    let (rendered, codes) = check("[[events]]\nid = \"a\ndate = \"2015\"\n");
    // The structure after a syntax error is unreliable, so only syntax errors are reported.
    assert_eq!(codes, ["syntax"], "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn warnings_for_unsourced_events_and_unquoted_sources() {
    let body = "[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\n\
                [[events]]\nid = \"b\"\ndate = \"2016\"\ntitle = \"B\"\n[[events.sources]]\noutlet = \"X\"\n";
    let (loaded, rendered) = load(&format!("{HEAD}{body}"), Options::default());
    assert!(!loaded.has_errors());
    let codes: Vec<_> = loaded.diagnostics.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        codes,
        [("unsourced", Severity::Warning), ("no-quote", Severity::Warning)]
    );
    insta::assert_snapshot!(rendered);
}

#[test]
fn out_of_order_events_only_with_pedantic() {
    let body = format!(
        "{GOOD_EVENT}\n{}",
        GOOD_EVENT.replace("\"a\"", "\"b\"").replace("2015-07-24", "2007")
    );
    let text = format!("{HEAD}{body}");
    let (plain, _) = load(&text, Options::default());
    assert!(plain.diagnostics.is_empty());
    let (pedantic, rendered) = load(
        &text,
        Options {
            pedantic: true,
            ..Options::default()
        },
    );
    assert_eq!(
        pedantic.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["out-of-order"]
    );
    insta::assert_snapshot!(rendered);
}

#[test]
fn unquoted_toml_dates_are_accepted() {
    let (loaded, rendered) = load(
        &format!("{HEAD}{}", GOOD_EVENT.replace("\"2015-07-24\"", "2015-07-24")),
        Options::default(),
    );
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    assert_eq!(loaded.timeline.events[0].date.human(), "24 Jul 2015");
}

#[test]
fn all_problems_are_reported_in_file_order() {
    let body = "[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"\"\n\n[[events]]\nid = \"b\"\ndate = \"2015-13\"\ntitle = \"B\"\nsumary = \"x\"\n";
    let (loaded, _) = load(&format!("{HEAD}{body}"), Options::default());
    let starts: Vec<usize> = loaded
        .diagnostics
        .iter()
        .filter_map(|d| d.span.as_ref().map(|s| s.start))
        .collect();
    // Two bad dates, an empty title, an unknown key, and the two events' lack of sources.
    assert_eq!(loaded.diagnostics.len(), 6);
    assert!(starts.is_sorted(), "{starts:?}");
}

#[test]
fn arbitrary_text_never_panics() {
    use proptest::prelude::*;
    proptest!(|(text in "(\\PC|\n|\\[|\\]|=|\"){0,200}")| {
        let _ = load(&text, Options {
        pedantic: true,
        ..Options::default()
    });
    });
}

/// What loading a file table by table gives, then what loading the same file whole gives;
/// `None` when the file cannot be split. Which event an error sets aside is left out: a whole
/// parse knows only the tables of the events it could build.
fn both_ways(text: &str) -> Option<[(Timeline, Vec<Diagnostic>); 2]> {
    let blocks = blocks::split(text)?;
    let src = SourceText::new("t", text);
    let checks = validate::Checks { pedantic: true };
    let read = |l: Loaded| {
        let diagnostics = l.diagnostics.into_iter().map(|d| Diagnostic { set_aside: None, ..d });
        (l.timeline, diagnostics.collect())
    };
    Some([
        read(parse_split(text, &blocks, &src, checks, &Default::default())?),
        read(parse_whole(text, &src, checks, None)),
    ])
}

/// An event table with its id, a date and `title`.
fn titled(id: &str, title: &str) -> String {
    format!("[[events]]\nid = \"{id}\"\ndate = \"2015\"\ntitle = \"{title}\"\n")
}

#[test]
fn reading_table_by_table_gives_what_a_whole_file_read_gives() {
    let actors_last = format!(
        "{HEAD}{GOOD_EVENT}\n[actors.x]\nname = \"X\"\n\n{}",
        GOOD_EVENT.replace("\"a\"", "\"b\"")
    );
    let broken_event =
        format!("{HEAD}{GOOD_EVENT}[[events]]\nid = 3\ndate = \"2015-13-40\"\n[[events.sources]]\nquote = \"q\"\n");
    // The quick reader looks for controls itself only in a block not every byte of which is
    // printable: a tab, a letter beyond Latin, lines ending in CR LF (which it leaves to the
    // parser), each in an event of its own.
    let unprintable = format!(
        "{HEAD}{GOOD_EVENT}\n{}{}{}",
        titled("tab", "a\tb"),
        titled("cyrillic", "Кремль"),
        titled("return", "a").replace('\n', "\r\n"),
    );
    let files = [
        BUNDLED.to_string(),
        std::fs::read_to_string("tests/fixtures/hostile/many-problems.toml").unwrap(),
        actors_last,
        broken_event,
        unprintable,
    ];
    let mut split = 0;
    for text in &files {
        if let Some([piecewise, whole]) = both_ways(text) {
            split += 1;
            assert_eq!(piecewise.0, whole.0);
            assert_eq!(piecewise.1, whole.1, "{text}");
        }
    }
    assert_eq!(split, files.len(), "every file here can be split");
    let multi_line = std::fs::read_to_string("tests/fixtures/tricky.toml").unwrap();
    assert!(both_ways(&multi_line).is_none(), "multi-line strings are read whole");
}

#[test]
fn what_is_wrong_with_an_event_the_quick_reader_read_is_located_as_the_walker_locates_it() {
    // Each event is plain enough for the quick reader, which keeps only where its table and id
    // were written; the check finds the other parts again for each problem.
    let events = [
        "id = \"a\"\ndate = \"2015\"\ntitle = \"Unsourced\"\n",
        "id = \"b\"\ndate = \"2015\"\ntitle = \"No quote\"\nactors = [\"x\", \"nobody\"]\nrelated = [\"a\", \"ghost\"]\n\
         [[events.sources]]\noutlet = \"X\"\nvia = \"ref\"\n\
         [[events.sources]]\noutlet = \"Y\"\nquote = \"q\"\nvia = \"nope\"\nderived_from = \"Nobody\"\n",
        "id = \"b\"\ndate = \"2014\"\ntitle = \"Twice\"\n[[events.sources]]\noutlet = \"X\"\nquote = \"q\"\n\
         [[events.denials]]\nby = \"K\"\nvia = \"gone\"\n",
    ];
    let body: String = events.iter().map(|e| format!("[[events]]\n{e}\n")).collect();
    let text = format!("{HEAD}[actors.x]\nname = \"X\"\n\n{body}");
    let blocks = blocks::split(&text).unwrap();
    assert!(blocks.events.iter().all(|r| quick::event(&text[r.clone()]).is_some()));
    let [piecewise, whole] = both_ways(&text).unwrap();
    assert_eq!(piecewise.1, whole.1);
    let mut codes: Vec<_> = piecewise.1.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    let expected = [
        "duplicate-id",
        "no-quote",
        "out-of-order",
        "unknown-actor",
        "unknown-event",
        "unknown-reference",
        "unknown-reference",
        "unknown-source",
        "unsourced",
    ];
    assert_eq!(codes, expected);
}

#[test]
fn a_syntax_error_in_one_event_is_located_in_the_file() {
    let text = format!("{HEAD}{GOOD_EVENT}\n[[events]]\nid = \"b\n");
    assert!(blocks::split(&text).is_some());
    let (loaded, rendered) = load(&text, Options::default());
    assert_eq!(loaded.diagnostics.len(), 1, "{rendered}");
    let line = text.lines().count();
    assert!(rendered.contains(&format!("test.toml:{line}:")), "{rendered}");
    // A control character TOML forbids in a string, which the quick reader must refuse too.
    for (name, title) in [("escape", "a\u{1b}[2Jb"), ("delete", "a\u{7f}b"), ("bell", "a\u{7}b")] {
        let text = format!("{HEAD}{GOOD_EVENT}\n{}", titled(name, title));
        assert!(blocks::split(&text).is_some());
        let (loaded, rendered) = load(&text, Options::default());
        assert_eq!(loaded.diagnostics.len(), 1, "{name}: {rendered}");
        let line = text.lines().count();
        assert!(rendered.contains(&format!("test.toml:{line}:11")), "{name}: {rendered}");
        let ids: Vec<_> = loaded.timeline.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a"], "{name}: the event without the control opens");
    }
}

#[test]
fn a_check_finds_what_a_load_finds_without_keeping_the_events() {
    let first = GOOD_EVENT.replace(
        "[[events.sources]]",
        "related = [\"b\", \"nowhere\"]\nactors = [\"y\"]\n[[events.sources]]",
    );
    let linked = format!(
        "{HEAD}[actors.x]\nname = \"X\"\n\n{first}\n{}\n{}[[events.sources]]\noutlet = \"O\"\nvia = \"nope\"\n",
        GOOD_EVENT.replace("\"a\"", "\"b\"").replace("2015-07-24", "2014"),
        GOOD_EVENT.replace("quote = \"q\"\n", ""),
    );
    let syntax = format!("{HEAD}{GOOD_EVENT}[[events]]\nid = \"c\n");
    let files_linked = linked.clone();
    let files = [
        BUNDLED.to_string(),
        linked,
        syntax,
        std::fs::read_to_string("tests/fixtures/tricky.toml").unwrap(),
    ];
    for text in files {
        let doc = Document {
            name: "t.toml".into(),
            path: None,
            text: text.into(),
        };
        for options in [
            Options::default(),
            Options {
                pedantic: true,
                ..Options::default()
            },
        ] {
            let loaded = doc.load(options.clone()).diagnostics;
            assert_eq!(doc.check(options), loaded, "{}", doc.source().render_all(&loaded));
        }
    }
    let doc = Document {
        name: "t.toml".into(),
        path: None,
        text: files_linked.into(),
    };
    let codes: Vec<&str> = doc
        .check(Options {
            pedantic: true,
            ..Options::default()
        })
        .iter()
        .map(|d| d.code)
        .collect();
    for code in [
        "duplicate-id",
        "unknown-event",
        "unknown-actor",
        "unknown-reference",
        "out-of-order",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let unknown_events = codes.iter().filter(|c| **c == "unknown-event").count();
    assert_eq!(unknown_events, 1, "`nowhere` only: `b`, written later, is found");
}

fn document(name: &str, text: &str) -> Document {
    Document {
        name: name.into(),
        path: Some(name.into()),
        text: text.into(),
    }
}

#[test]
fn a_timemap_event_without_a_date_is_set_aside_and_the_others_open() {
    let text = r#"{"Events": [
  {"id": "a", "date": "11/10/2022", "description": "A"},
  {"id": "b", "date": "", "description": "B"},
  {"id": "c", "date": "01/07/2023", "description": "C"},
  {"id": "d", "date": "", "description": "D"}
], "Sources": {}}"#;
    let doc = document("t.json", text);
    assert!(doc.load(Options::default()).has_errors(), "check still fails");
    let valid = doc.open(Options::default()).unwrap();
    let ids: Vec<&str> = valid.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(valid.set_aside.places, ["t.json:3:3", "t.json:5:3"]);
    assert_eq!(
        valid.set_aside.summary().unwrap(),
        "2 events set aside for their errors (at t.json:3:3, t.json:5:3); the others are open; `tlx check` says why"
    );
    assert!(
        valid.set_aside.errors.contains("this event has no date"),
        "{}",
        valid.set_aside.errors
    );
}

#[test]
fn a_toml_event_with_errors_is_set_aside_once_and_the_others_open() {
    let bad = "[[events]]\nid = \"b\"\ndate = \"2015-13-40\"\n[[events.sources]]\nstance = \"maybe\"\n";
    let text = format!("{HEAD}{GOOD_EVENT}{bad}{}", GOOD_EVENT.replace("\"a\"", "\"c\""));
    let doc = document("t.toml", &text);
    let loaded = doc.load(Options::default());
    assert!(
        loaded.diagnostics.iter().filter(|d| d.is_error()).count() >= 3,
        "{loaded:?}"
    );
    assert!(!loaded.blocked());
    let valid = doc.clone().open(Options::default()).unwrap();
    let ids: Vec<&str> = valid.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(valid.set_aside.places.len(), 1, "one event, however many errors");
    assert_eq!(
        doc.check(Options::default()),
        loaded.diagnostics,
        "check marks them alike"
    );
}

#[test]
fn errors_outside_events_a_syntax_error_or_no_event_left_still_refuse_the_file() {
    let bad_event = "[[events]]\nid = \"b\"\ndate = \"nope\"\ntitle = \"B\"\n";
    let untitled = format!("[timeline]\n{GOOD_EVENT}");
    let syntax = format!("{HEAD}{GOOD_EVENT}{bad_event}x = \"\n");
    let all_bad = format!("{HEAD}{bad_event}");
    for text in [untitled, syntax, all_bad] {
        let result = document("t.toml", &text).open(Options::default());
        assert!(
            matches!(&result, Err(OpenError::Invalid { document, errors })
                if *document.text == *text && !errors.is_empty() && errors.iter().all(Diagnostic::is_error)),
            "{text}: {result:?}"
        );
    }
}

#[test]
fn media_is_read_as_a_table_and_its_mistakes_are_located() {
    let (loaded, rendered) = load(
        &format!("{HEAD}{GOOD_EVENT}[events.media]\nurl = \"https://example.org/a.jpg\"\ncaption = \"C\"\n"),
        Options::default(),
    );
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    let media = loaded.timeline.events[0]
        .more
        .media
        .as_ref()
        .expect("the event's media");
    assert_eq!(
        (media.url.as_str(), media.caption.as_deref(), media.credit.as_deref()),
        ("https://example.org/a.jpg", Some("C"), None)
    );
    let (rendered, codes) = check(&format!(
        "{GOOD_EVENT}[events.media]\ncaption = \"C\"\ncredits = \"D\"\n"
    ));
    assert!(codes.contains(&"missing-key"), "{rendered}");
    assert!(codes.contains(&"unknown-key"), "{rendered}");
    assert!(rendered.contains("test.toml:"), "{rendered}");
}

#[test]
fn a_place_is_read_and_a_pair_that_cannot_be_placed_is_a_located_warning() {
    let (loaded, rendered) = load(
        &format!("{HEAD}{GOOD_EVENT}[events.place]\nname = \"Kramatorsk\"\nlat = 48.7233\nlon = 37\n"),
        Options::default(),
    );
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    let place = loaded.timeline.events[0]
        .more
        .place
        .as_ref()
        .expect("the event's place");
    assert_eq!(
        (place.name.as_deref(), place.point()),
        (Some("Kramatorsk"), Some((48.7233, 37.0)))
    );
    for (written, says) in [
        ("lat = 95.5\nlon = 37.0", "latitude 95.5 is out of range (-90 to 90)"),
        ("lat = 48.5", "this place has a latitude but no longitude"),
        ("lat = nan\nlon = 37.0", "latitude \"nan\" is not a number"),
        (
            "lat = \"48.5\"\nlon = 37.0",
            "`lat` must be a number of degrees, not string",
        ),
    ] {
        let text = format!("{HEAD}{GOOD_EVENT}[events.place]\nname = \"K\"\n{written}\n");
        let (loaded, rendered) = load(&text, Options::default());
        let [d] = &loaded.diagnostics[..] else {
            panic!("{written}: {rendered}")
        };
        assert!(!d.is_error(), "a warning: the event opens; {rendered}");
        assert!(rendered.contains(says), "{written}: {rendered}");
        assert!(rendered.contains("test.toml:16:"), "the line of `lat`: {rendered}");
        assert!(rendered.contains("kept without coordinates"), "{rendered}");
        let place = loaded.timeline.events[0]
            .more
            .place
            .as_ref()
            .expect("the place keeps its name");
        assert_eq!((place.name.as_deref(), place.point()), (Some("K"), None));
    }
}

#[test]
fn claims_that_do_not_exist_are_located_with_the_closest() {
    let body = "[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\
                [[events.claims]]\nid = \"met-putin\"\ntext = \"He met Putin.\"\n\
                [[events.claims]]\nid = \"arrival\"\ntext = \"He arrived.\"\n\
                [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\nclaims = [\"arrival\", \"met-putn\"]\n\
                [[events.denials]]\nby = \"Y\"\nclaims = [\"met-shoigu\"]\n\
                [[events]]\nid = \"b\"\ndate = \"2015\"\ntitle = \"B\"\n\
                [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\nclaims = [\"arrival\"]\n";
    let (loaded, rendered) = load(&format!("{HEAD}{body}"), Options::default());
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["unknown-claim", "unknown-claim", "unknown-claim"], "{rendered}");
    assert!(rendered.contains("did you mean `met-putin`?"), "{rendered}");
    assert!(rendered.contains("event `b` has no claims"), "{rendered}");
    // Like any error in an event, each sets its event aside.
    assert!(loaded.diagnostics.iter().all(|d| d.set_aside.is_some()), "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn claims_with_one_id_twice_or_half_a_verdict_are_errors() {
    let body = "[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\
                [[events.claims]]\nid = \"c\"\ntext = \"One.\"\nverdict = \"Unlikely.\"\n\
                [[events.claims]]\nid = \"c\"\ntext = \"Two.\"\nrating = \"mostly-false\"\n\
                [[events.claims]]\nid = \"d\"\ntext = \"Three.\"\nverdict = \"Fine.\"\nrating = \"truish\"\n\
                [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\n";
    let (rendered, codes) = check(body);
    assert_eq!(
        codes,
        // A rating that is not one leaves the verdict without one, which is said as well.
        [
            "incomplete-verdict",
            "duplicate-id",
            "incomplete-verdict",
            "incomplete-verdict",
            "bad-rating"
        ],
        "{rendered}"
    );
    assert!(rendered.contains("write one of: false, mostly-false, mixed, mostly-true, true"));
}

#[test]
fn a_file_with_claims_loads_them_with_each_source_and_denial_on_its_own() {
    let body = "[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\
                [[events.claims]]\nid = \"c\"\ntext = \"One.\"\nverdict = \"Likely.\"\nrating = \"mostly-true\"\n\
                [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\nclaims = [\"c\"]\n\
                [[events.sources]]\noutlet = \"Z\"\nquote = \"q\"\n\
                [[events.denials]]\nby = \"Y\"\nclaims = \"c\"\n";
    let (loaded, rendered) = load(&format!("{HEAD}{body}"), Options::default());
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    let e = &loaded.timeline.events[0];
    assert_eq!(e.more.claims[0].rating, Some(crate::model::Rating::MostlyTrue));
    assert_eq!(e.sources[0].more().claims, ["c"]);
    assert!(e.sources[1].more().claims.is_empty());
    assert_eq!(e.denials[0].claims, ["c"]);
}

/// A file with a mistake of every kind, each written as (the mistake, its fix, what it is
/// reported as): the mistakes sit in events whose dates, titles or syntax are also wrong, where
/// the checks used to wait for those to be fixed first. Before one-pass validation, fixing what
/// `tlx check` reported and running it again took three runs here: the syntax error alone, then
/// 9 findings, then 9 more. Now the first run reports all 19, and fixing them leaves none.
const MISTAKES: &[(&str, &str, &str)] = &[
    ("date = \"2015-02-30\"", "date = \"2015-02-28\"", "bad-date"),
    (
        "related = [\"nowhere\", \"e\"]",
        "related = [\"b\", \"e\"]",
        "unknown-event",
    ),
    ("actors = [\"nobody\"]", "actors = [\"x\"]", "unknown-actor"),
    ("title = \"\"", "title = \"B\"", "empty-value"),
    ("via = \"nope\"", "via = \"ref\"", "unknown-reference"),
    ("stance = \"confirmed\"", "stance = \"confirms\"", "bad-stance"),
    ("reliability = \"Z\"", "reliability = \"B\"", "bad-grade"),
    (
        "derived_from = \"Nobody\"",
        "derived_from = \"Fox News\"",
        "unknown-source",
    ),
    ("sumary = \"s\"", "summary = \"s\"", "unknown-key"),
    ("date = \"2016-13\"", "date = \"2016-12\"", "bad-date"),
    ("tags = 3", "tags = [\"t\"]", "wrong-type"),
    ("claims = [\"nope\"]", "claims = [\"c1\"]", "unknown-claim"),
    // The rating's hint asks for the verdict that goes with it.
    (
        "rating = \"sorta\"",
        "rating = \"mixed\"\nverdict = \"V\"",
        "bad-rating",
    ),
    ("verdict = \"alone\"\n", "", "incomplete-verdict"),
    ("id = \"a\" # twice", "id = \"d\"", "duplicate-id"),
    ("lat = 95.0", "lat = 45.0", "bad-place"),
    (
        "outlet = \"Unquoted\"\n",
        "outlet = \"Unquoted\"\nquote = \"q\"\n",
        "no-quote",
    ),
    (
        "# no source\n",
        "[[events.sources]]\noutlet = \"Y\"\nquote = \"q\"\n",
        "unsourced",
    ),
    ("id = \"e\ndate", "id = \"e\"\ndate", "syntax"),
];

const EVERY_MISTAKE: &str = "[timeline]\ntitle = \"Test\"\n\n[references.ref]\ntitle = \"An article\"\n\n\
[actors.x]\nname = \"X\"\n\n\
[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"A\"\nrelated = [\"nowhere\", \"e\"]\nactors = [\"nobody\"]\n\
[[events.sources]]\noutlet = \"Fox News\"\nquote = \"q\"\n\
[[events.sources]]\noutlet = \"Unquoted\"\n\n\
[[events]]\nid = \"b\"\ndate = \"2015\"\ntitle = \"\"\nsumary = \"s\"\n\
[[events.sources]]\noutlet = \"Fox News\"\nquote = \"q\"\nvia = \"nope\"\nstance = \"confirmed\"\nreliability = \"Z\"\n\
[[events.sources]]\noutlet = \"CNN\"\nquote = \"q\"\nderived_from = \"Nobody\"\n\n\
[[events]]\nid = \"c\"\ndate = \"2016-13\"\ntitle = \"C\"\ntags = 3\n\
[events.place]\nname = \"P\"\nlat = 95.0\nlon = 3.0\n\
[[events.claims]]\nid = \"c1\"\ntext = \"T\"\nrating = \"sorta\"\n\
[[events.claims]]\nid = \"c2\"\ntext = \"U\"\nverdict = \"alone\"\n\
[[events.sources]]\noutlet = \"Fox News\"\nquote = \"q\"\nclaims = [\"nope\"]\n\n\
[[events]]\nid = \"a\" # twice\ndate = \"2017\"\ntitle = \"D\"\n# no source\n\n\
[[events]]\nid = \"e\ndate = \"2018\"\ntitle = \"E\"\n[[events.sources]]\noutlet = \"Z\"\nquote = \"q\"\n";

/// The codes `tlx check` reports for `text`, in file order, by both ways of reading.
fn codes_of(text: &str) -> Vec<&'static str> {
    let doc = document("every.toml", text);
    let checked = doc.check(Options::default());
    assert_eq!(
        checked,
        doc.load(Options::default()).diagnostics,
        "check and load agree"
    );
    checked.iter().map(|d| d.code).collect()
}

#[test]
fn one_run_reports_every_mistake_that_can_be_known() {
    let mut text = EVERY_MISTAKE.to_string();
    let mut expected: Vec<&str> = MISTAKES.iter().map(|m| m.2).collect();
    expected.sort();
    let mut first = codes_of(&text);
    first.sort();
    assert_eq!(
        first,
        expected,
        "{}",
        document("every.toml", &text)
            .source()
            .render_all(&document("every.toml", &text).check(Options::default()))
    );
    // Fixing what was reported, one mistake at a time, never brings a finding that was held back.
    for (mistake, fix, code) in MISTAKES {
        assert_eq!(text.matches(mistake).count(), 1, "{mistake}");
        let before = codes_of(&text);
        text = text.replacen(mistake, fix, 1);
        let mut after = codes_of(&text);
        let mut left = before.clone();
        left.remove(left.iter().position(|c| c == code).unwrap());
        left.sort();
        after.sort();
        assert_eq!(after, left, "fixing {mistake:?} ({code})");
    }
    assert!(codes_of(&text).is_empty(), "{text}");
    let loaded = document("every.toml", &text).load(Options::default());
    assert_eq!(loaded.timeline.events.len(), 5);
}

/// Each column a generated CSV may have, and the cells its rows pick from: good values, values
/// that link to nothing, bad dates and the like, so that every kind of problem is found.
const CSV_CELLS: [(&str, &[&str]); 24] = [
    ("id", &["", "a", "b", "c", "a\u{200b}", "'a "]),
    ("date", &["", "2015", "2014-02", "soon", "31/12/2015"]),
    ("title", &["", "T", "U"]),
    ("summary", &["", "S", "V"]),
    ("outlet", &["", "O", "P", "O; P"]),
    ("quote", &["", "q"]),
    ("stance", &["", "confirms", "weird"]),
    ("via", &["", "r", "nope"]),
    ("derived_from", &["", "O", "X"]),
    ("related", &["", "a", "zz", "a; b"]),
    ("actors", &["", "x", "y"]),
    ("claim_id", &["", "k"]),
    ("claim_text", &["", "K"]),
    ("claims", &["", "k", "j"]),
    ("denied_by", &["", "D"]),
    ("denial_via", &["", "r", "nope"]),
    ("latitude", &["", "12", "200"]),
    ("longitude", &["", "3"]),
    ("reference_id", &["", "r"]),
    ("reference_title", &["", "R", "Q"]),
    ("actor_id", &["", "x"]),
    ("actor_name", &["", "X"]),
    ("mood", &["", "calm"]),
    ("notes", &["", "n", "\"quoted, with a comma\""]),
];

/// `tlx check` of a CSV file says what loading it says (its events built a batch at a time from
/// an index of its rows): the same diagnostics, in the same order, setting aside the same events.
fn check_as_load(name: &str, text: &str) -> Result<(), String> {
    let doc = document(name, text);
    for pedantic in [false, true] {
        let options = || Options {
            pedantic,
            ..Options::default()
        };
        let loaded = doc.load(options()).diagnostics;
        if doc.check(options()) != loaded {
            return Err(format!("{text}\n{}", doc.source().render_every(&loaded)));
        }
    }
    Ok(())
}

#[test]
fn a_csv_check_builds_events_in_the_order_the_load_does() {
    // `k` cannot begin its event on row 2, so `l` comes first; row 5 has no id and a bad date;
    // `a` links to events missing and found later, and its source's outlet is unknown.
    let text = "id,date,title,outlet,via,related,derived_from,quote\n\
                a,2015,A,O,nope,zz; k,X,q\n\
                k,soon,K,O,,,,\n\
                l,2014,L,,,,,\n\
                k,2016,K,O,,a,,q\n\
                ,2017,,P,,,,\n\
                a,2015,B,P,,,,\n";
    check_as_load("t.csv", text).unwrap();
    check_as_load("t.tsv", &text.replace(',', "\t")).unwrap();
}

#[test]
fn a_csv_load_checks_its_events_on_many_threads_as_one_at_a_time() {
    // More events than the load checks at once, so that its checks run on rayon's threads, piece
    // after piece; every few hundred events one with a link to a reference, an event and a source
    // that do not exist (hints whose comparisons count across the file), a source without a
    // quote, an id that looks like another's, a date out of order. The check takes the events
    // one at a time.
    let mut text = String::from("id,date,title,outlet,via,related,derived_from,quote\n");
    for n in 0..70_000 {
        let row = match n % 700 {
            1 => format!("e{n},2015,T,O,ref{n},e{},P,\n", n + 3),
            2 => format!("e{}\u{200b},2014,T,O,,nope{n},,q\n", n - 2),
            _ => format!("e{n},{},T,O,,,,q\n", 2000 + n % 30),
        };
        text.push_str(&row);
    }
    check_as_load("t.csv", &text).unwrap();
}

#[test]
fn a_csv_check_finds_what_a_csv_load_finds_without_keeping_the_events() {
    use proptest::prelude::*;
    let columns = (0..CSV_CELLS.len()).collect::<Vec<_>>();
    let rows = prop::collection::vec(
        (prop::collection::vec(0..6usize, CSV_CELLS.len()), any::<bool>()),
        0..14,
    );
    let cases = (
        prop::sample::subsequence(columns, 1..=CSV_CELLS.len()),
        rows,
        any::<bool>(),
    );
    proptest!(ProptestConfig::with_cases(400), |((header, rows, shuffled) in cases)| {
        let mut header = header;
        if shuffled {
            header.reverse();
        }
        let mut text = header.iter().map(|&c| CSV_CELLS[c].0).collect::<Vec<_>>().join(",");
        for (picks, extra) in rows {
            text.push('\n');
            let cells: Vec<&str> = header.iter().map(|&c| CSV_CELLS[c].1[picks[c] % CSV_CELLS[c].1.len()]).collect();
            text.push_str(&cells.join(","));
            if extra {
                text.push_str(",extra");
            }
        }
        check_as_load("t.csv", &text).map_err(TestCaseError::fail)?;
    });
}

/// A file truncated by another program while mapped is refused as cut short by every reader,
/// rather than read as the zeros that stand in for what was cut.
#[cfg(target_os = "linux")]
#[test]
fn a_mapped_file_cut_short_while_read_keeps_nothing() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.toml");
    let mut text = HEAD.to_string();
    let mut n = 0;
    while text.len() < 3 << 16 {
        text.push_str(&GOOD_EVENT.replace("\"a\"", &format!("\"e{n}\"")));
        n += 1;
    }
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let mapped = crate::mapped::Mapped::new(&std::fs::File::open(&path).unwrap(), text.len()).unwrap();
    let doc = Document {
        name: "cut.toml".into(),
        path: Some(path.clone()),
        text: text::Text::mapped(mapped, 0),
    };
    assert_eq!(doc.load(Options::default()).timeline.events.len(), n, "whole, it opens");
    assert!(doc.check(Options::default()).is_empty());
    // Cut at a page (64 KiB is a multiple of every page size in use), within an event.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1 << 16)
        .unwrap();
    let codes = |found: &[Diagnostic]| found.iter().map(|d| d.code).collect::<Vec<_>>();
    let loaded = doc.load(Options::default());
    assert_eq!(codes(&loaded.diagnostics), ["cut-short"]);
    assert!(loaded.timeline.events.is_empty() && loaded.blocked());
    assert_eq!(codes(&doc.check(Options::default())), ["cut-short"]);
    let opened = doc.clone().open(Options::default()).unwrap_err().to_string();
    assert!(opened.contains("cut short by another program"), "{opened}");
    match stream::open(doc, Options::default()) {
        stream::Opened::Invalid(_) => {}
        // What the zeros leave cannot be split; the whole-file load that takes it refuses it.
        stream::Opened::Whole(doc) => assert!(doc.open(Options::default()).is_err()),
        stream::Opened::Events(_) => panic!("a cut file opened for export"),
    }
}

/// `text` written to `name` in `dir`, as a document mapped from the file and as one copied.
#[cfg(target_os = "linux")]
fn mapped_and_copied(dir: &tempfile::TempDir, name: &str, text: &str) -> (Document, Document) {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let mapped = crate::mapped::Mapped::new(&std::fs::File::open(&path).unwrap(), text.len()).unwrap();
    let on_disk = Document {
        name: name.into(),
        path: Some(path),
        text: text::Text::mapped(mapped, 0),
    };
    let copied = Document {
        text: text.to_string().into(),
        ..on_disk.clone()
    };
    (on_disk, copied)
}

/// `on_disk` loaded lending its text, which gives what `copied` gives.
#[cfg(target_os = "linux")]
fn lent_as_copied(on_disk: &Document, copied: &Document) -> Timeline {
    let lent = on_disk
        .load(Options {
            lend: true,
            ..Options::default()
        })
        .timeline;
    assert_eq!(lent, copied.load(Options::default()).timeline);
    lent
}

/// A file mapped for good, for a reader that asks it, lends its prose to the events read from it:
/// the same events as a copy of the file gives, whose plain ids, titles, summaries and quotes are
/// slices of the mapping; a string with an escape, or one made printable to be shown, is a copy,
/// and a name the one copy kept for every record that names it.
#[cfg(target_os = "linux")]
#[test]
fn a_file_mapped_for_good_lends_its_prose_to_the_events_read_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}{GOOD_EVENT}\n[[events]]\nid = \"b\"\ndate = \"2015-07-25\"\ntitle = 'Literal'\n\
         summary = \"Said \\\"no\\\"\"\n[[events.sources]]\noutlet = \"Reuters\"\nquote = \"zero\u{200B}width\"\n"
    );
    let (on_disk, copied) = mapped_and_copied(&dir, "lent.toml", &text);
    // Unasked, nothing is lent: a check, or a save's merge, keeps the file mapped no longer.
    let unasked = on_disk.load(Options::default()).timeline;
    assert!(unasked.events.iter().all(|e| e.title.is_owned()));
    let lent = lent_as_copied(&on_disk, &copied);
    let [a, b] = &lent.events[..] else {
        panic!("{:?}", lent.events)
    };
    let source = &a.sources[0];
    for (field, t) in [
        ("id", &a.id),
        ("title", &a.title),
        ("quote", source.quote.as_ref().unwrap()),
    ] {
        assert!(
            !t.is_owned(),
            "{field} {t:?} is a copy (were all the lent mappings taken?)"
        );
        assert!(text.contains(&**t));
    }
    assert_eq!(
        source.outlet().as_ptr(),
        crate::model::Name::shared(source.outlet()).as_ptr(),
        "a name is shared"
    );
    assert!(!b.title.is_owned(), "a literal string needs no copy");
    assert_eq!(b.summary.as_deref(), Some("Said \"no\""));
    assert!(b.summary.as_ref().unwrap().is_owned(), "an escape is a copy");
    assert!(!b.sources[0].quote.as_ref().unwrap().is_owned());
    let mut shown = lent.clone();
    shown.display();
    let quote = shown.events[1].sources[0].quote.as_ref().unwrap();
    assert!(
        quote.is_owned() && *quote != *b.sources[0].quote.as_ref().unwrap(),
        "{quote:?}"
    );
    assert!(!shown.events[0].title.is_owned(), "text shown as it is stays lent");
}

/// A CSV file mapped for good lends its cells of prose and its ids too: a quoted cell without a
/// doubled quote is a slice of the file, one with a doubled quote a copy.
#[cfg(target_os = "linux")]
#[test]
fn a_csv_file_mapped_for_good_lends_its_cells_of_prose() {
    let dir = tempfile::tempdir().unwrap();
    let text = "id,date,title,outlet,quote\n\
                e1,2015-07-24,Arrives,Reuters,\"a quote, with a comma\"\n\
                e2,2015-07-25,Leaves,AP,\"a \"\"doubled\"\" quote\"\n";
    let (on_disk, copied) = mapped_and_copied(&dir, "lent.csv", text);
    let lent = lent_as_copied(&on_disk, &copied);
    let quote = |i: usize| lent.events[i].sources[0].quote.clone().unwrap();
    assert_eq!(quote(0), "a quote, with a comma");
    assert!(!quote(0).is_owned() && !lent.events[0].title.is_owned());
    assert!(!lent.events[0].id.is_owned(), "an id is lent, as a TOML file's is");
    let outlet = lent.events[1].sources[0].outlet();
    assert_eq!(
        outlet.as_ptr(),
        crate::model::Name::shared("AP").as_ptr(),
        "a name is shared"
    );
    assert_eq!(quote(1), "a \"doubled\" quote");
    assert!(quote(1).is_owned());
}

/// The fast TOML reader and the CSV import keep one copy of each name for every record that
/// names it (a tag, an actor, an outlet, a source's `citing` and `derived_from`, a denier, a
/// `via`), and a copy of each id (lent instead by a file mapped for good).
#[test]
fn records_that_share_a_name_share_its_one_copy() {
    let event = |id: &str| {
        format!(
            "[[events]]\nid = \"{id}\"\ndate = \"2015-07-24\"\ntitle = \"T\"\ntags = [\"travel ban\"]\n\
             actors = [\"Quds Force\"]\n\
             [[events.sources]]\noutlet = \"Fox News\"\nciting = \"officials\"\nvia = \"ref\"\n\
             [[events.sources]]\noutlet = \"Reuters\"\nderived_from = \"Fox News\"\n\
             [[events.denials]]\nby = \"The Kremlin\"\nvia = \"ref\"\n"
        )
    };
    let toml = document("shared.toml", &format!("{HEAD}{}\n{}", event("a"), event("b")));
    let csv = document(
        "shared.csv",
        "id,date,title,tags,actors,outlet,citing,derived_from,denied_by\n\
         a,2015-07-24,T,travel ban,Quds Force,Fox News,officials,,\n\
         a,2015-07-24,T,travel ban,Quds Force,Reuters,,Fox News,\n\
         a,2015-07-24,T,travel ban,Quds Force,,,,The Kremlin\n\
         b,2015-07-24,T,travel ban,Quds Force,Fox News,officials,,\n\
         b,2015-07-24,T,travel ban,Quds Force,Reuters,,Fox News,\n\
         b,2015-07-24,T,travel ban,Quds Force,,,,The Kremlin\n",
    );
    for document in [toml, csv] {
        let loaded = document.load(Options::default());
        assert!(!loaded.blocked(), "{:?}", loaded.diagnostics);
        let [a, b] = &loaded.timeline.events[..] else {
            panic!("{} gives {:?}", document.name, loaded.timeline.events)
        };
        // A `via` names a reference, which the TOML file has and the CSV file does not.
        let names = |e: &Event| {
            let (s, d) = (&e.sources[0], &e.denials[0]);
            [
                Some(&e.tags[0]),
                Some(&e.actors[0]),
                Some(s.by().outlet()),
                s.by().citing(),
                e.sources[1].more().derived_from.as_ref(),
                Some(&d.by),
                s.more().via.as_ref(),
                d.via.as_ref(),
            ]
            .map(|name| name.map(|name| name.as_ptr()))
        };
        assert_eq!(names(a), names(b), "{}", document.name);
        assert_eq!(a.tags[0], "travel ban");
        assert_eq!(a.sources[1].more().derived_from.as_deref(), Some("Fox News"));
    }
}
