//! Property: an export read a batch of events at a time (`load::stream` and
//! `export::Streamed`, what `tlx export` does for one file in CSV, TOML or JSON), or read once and
//! checked as it is written (to a file, when it has no errors), is byte for byte
//! the export of the whole timeline loaded at once, with the same events set aside; a file that
//! cannot open is refused with the same errors; a file the splitter refuses is left to the whole
//! load. The files are generated timelines, some broken on purpose: a bad date or a missing title
//! (the event is set aside), a duplicate id (found only once every event is read), a syntax error
//! (nothing opens), an unknown key (a warning), a multi-line string (the splitter refuses).
//!
//! Also: every format written as its text is made is the text made whole.

use std::path::Path;

use proptest::prelude::*;
use tlx::export::Format;
use tlx::load::stream::{self, Opened, Unclean};
use tlx::load::{Document, Options, blocks};
use tlx::model::{Event, Timeline};

#[path = "common/strategies.rs"]
mod strategies;

use strategies::timeline;

const HEADER: &str = "\n[[events]]\n";

/// How a generated file is broken, and in which event (counted modulo the events written).
#[derive(Debug, Clone, Copy)]
enum Break {
    None,
    BadDate(usize),
    NoTitle(usize),
    DuplicateId,
    Syntax(usize),
    UnknownKey(usize),
    MultiLine,
}

fn breaks() -> impl Strategy<Value = Break> {
    prop_oneof![
        Just(Break::None),
        any::<usize>().prop_map(Break::BadDate),
        any::<usize>().prop_map(Break::NoTitle),
        Just(Break::DuplicateId),
        any::<usize>().prop_map(Break::Syntax),
        any::<usize>().prop_map(Break::UnknownKey),
        Just(Break::MultiLine),
    ]
}

/// Where the `n`th event's table starts (after its header line), modulo the events; `None` with none.
fn event_at(text: &str, n: usize) -> Option<usize> {
    let starts: Vec<usize> = text.match_indices(HEADER).map(|(at, _)| at + HEADER.len()).collect();
    (!starts.is_empty()).then(|| starts[n % starts.len()])
}

/// The line starting with `key = ` first after `from`, as a range without its newline.
fn line_of(text: &str, from: usize, key: &str) -> Option<std::ops::Range<usize>> {
    let at = from + text[from..].find(&format!("\n{key} = "))? + 1;
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    Some(at..end)
}

fn broken(mut text: String, how: Break) -> String {
    match how {
        Break::None => {}
        Break::BadDate(n) | Break::NoTitle(n) => {
            let key = if matches!(how, Break::BadDate(_)) {
                "date"
            } else {
                "title"
            };
            if let Some(line) = event_at(&text, n).and_then(|at| line_of(&text, at - 1, key)) {
                let with = if key == "date" { "date = \"someday\"" } else { "" };
                text.replace_range(line, with);
            }
        }
        Break::DuplicateId => {
            let (Some(first), Some(second)) = (event_at(&text, 0), event_at(&text, 1)) else {
                return text;
            };
            if first != second {
                let (a, b) = (line_of(&text, first - 1, "id"), line_of(&text, second - 1, "id"));
                if let (Some(a), Some(b)) = (a, b) {
                    let id = text[a].to_string();
                    text.replace_range(b, &id);
                }
            }
        }
        Break::Syntax(n) => {
            if let Some(at) = event_at(&text, n) {
                text.insert_str(at, "oops = \"unterminated\n");
            }
        }
        Break::UnknownKey(n) => {
            if let Some(at) = event_at(&text, n) {
                text.insert_str(at, "colour = \"red\"\n");
            }
        }
        Break::MultiLine => {
            if let Some(at) = event_at(&text, 0) {
                text.insert_str(at, "colour = '''red'''\n");
            }
        }
    }
    text
}

fn document(text: &str) -> Document {
    Document {
        name: "written.toml".into(),
        path: None,
        text: text.to_string().into(),
    }
}

/// What reading `text` once writes in `format`: the bytes, or the error that ended it; `None`
/// when it cannot be read once.
fn once(text: &str, format: Format) -> Option<std::io::Result<String>> {
    read_once(&document(text), format)
}

fn read_once(doc: &Document, format: Format) -> Option<std::io::Result<String>> {
    let once = stream::once(doc, Options::default())?;
    let mut written = Vec::new();
    let streamed = format.streamed().expect("written in file order");
    Some(
        streamed
            .write(once.records(), |each| once.each_batch(each), &mut written)
            .map(|()| String::from_utf8(written).unwrap()),
    )
}

/// The streamed exports of `text` agree with the whole ones; returns which way it was read.
/// Read once, a file without errors gives the whole export too, and one with errors ends in
/// [`Unclean`], for its output to be dropped.
fn agrees(text: &str) -> Result<&'static str, TestCaseError> {
    let whole = document(text).open(Options::default());
    match (stream::open(document(text), Options::default()), whole) {
        (Opened::Events(events), Ok(valid)) => {
            prop_assert_eq!(events.set_aside(), &valid.set_aside);
            let clean = valid.set_aside.places.is_empty();
            for format in [Format::Csv, Format::Toml, Format::Json] {
                let mut written = Vec::new();
                let streamed = format.streamed().expect("written in file order");
                streamed
                    .write(events.records(), |each| events.each_batch(each), &mut written)
                    .unwrap();
                let expected = format.write(&valid.timeline);
                prop_assert_eq!(
                    String::from_utf8(written).unwrap(),
                    expected.clone(),
                    "{:?} of\n{}",
                    format,
                    text
                );
                match once(text, format).expect("a file read a batch at a time is read once") {
                    Ok(written) => {
                        prop_assert!(clean, "read once though it has errors:\n{}", text);
                        prop_assert_eq!(written, expected, "{:?} read once of\n{}", format, text);
                    }
                    Err(e) => prop_assert!(!clean && Unclean::is(&e), "{} of\n{}", e, text),
                }
            }
            Ok("events")
        }
        (Opened::Invalid(refused), Err(error)) => {
            prop_assert_eq!(refused.to_string(), error.to_string());
            if let Some(read) = once(text, Format::Csv) {
                prop_assert!(
                    read.is_err_and(|e| Unclean::is(&e)),
                    "a file that cannot open read once:\n{}",
                    text
                );
            }
            Ok("invalid")
        }
        (Opened::Whole(_), _) => {
            prop_assert!(blocks::split(text).is_none(), "read whole, though it splits:\n{text}");
            prop_assert!(once(text, Format::Csv).is_none());
            Ok("whole")
        }
        (streamed, whole) => Err(TestCaseError::fail(format!(
            "streamed {streamed:?}, whole {:?}",
            whole.map(|v| v.timeline.events.len())
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_streamed_export_is_the_whole_export(t in timeline(), how in breaks()) {
        let text = broken(tlx::export::toml::to_string(&t), how);
        agrees(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every format written as its text is made ([`Format::write_to`]: a batch of events, or an
    /// event, at a time) is byte for byte its text made whole; and a report in chronological
    /// order (Markdown, TimelineJS) handed its events in batches cut anywhere is too. Generated
    /// timelines hold years beyond JavaScript's dates, which turn every TimelineJS slide to years
    /// alone, and text whose white space ends a Markdown report.
    #[test]
    fn every_format_written_as_it_is_made_is_its_text_made_whole(
        t in timeline(),
        cuts in prop::collection::vec(0usize..4, 0..6),
    ) {
        for format in ALL {
            let mut written = Vec::new();
            format.write_to(&t, &mut written).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), format.write(&t), "{:?}", format);
        }
        let records = Timeline { events: Vec::new(), ..t.clone() };
        let order: Vec<&Event> = t.in_date_order().collect();
        for format in [Format::Markdown, Format::Timelinejs] {
            let ordered = format.ordered().expect("a report in chronological order");
            let batches = |each: &mut dyn FnMut(&[&Event]) -> std::io::Result<()>| {
                let mut rest = order.as_slice();
                for &cut in &cuts {
                    let (batch, after) = rest.split_at(cut.min(rest.len()));
                    each(batch)?;
                    rest = after;
                }
                each(rest)
            };
            let mut written = Vec::new();
            ordered.write(&records, t.events.iter().map(|e| &e.date), batches, &mut written).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), format.write(&t), "{:?}", format);
        }
    }
}

const ALL: [Format; 7] = [
    Format::Json,
    Format::Markdown,
    Format::Csv,
    Format::Timelinejs,
    Format::Svg,
    Format::Toml,
    Format::Claimreview,
];

/// How a generated CSV file is broken: a row appended with a date no calendar has (its event is
/// set aside), or a quote left open (nothing opens).
#[derive(Debug, Clone, Copy)]
enum CsvBreak {
    None,
    BadDate,
    OpenQuote,
}

fn csv_breaks() -> impl Strategy<Value = CsvBreak> {
    prop_oneof![Just(CsvBreak::None), Just(CsvBreak::BadDate), Just(CsvBreak::OpenQuote)]
}

fn broken_csv(mut text: String, how: CsvBreak) -> String {
    let header: Vec<&str> = text.lines().next().unwrap_or_default().split(',').collect();
    let cell = |column: &str| match column {
        "id" => "zz-broken",
        "date" => "someday",
        "title" => "Broken",
        _ => "",
    };
    let row = header.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    match how {
        CsvBreak::None => {}
        CsvBreak::BadDate => text.push_str(&format!("{row}\n")),
        CsvBreak::OpenQuote => text.push_str("\"zz-open,2015,Open\n"),
    }
    text
}

fn csv_document(text: &str) -> Document {
    Document {
        name: "written.csv".into(),
        path: Some("written.csv".into()),
        text: text.to_string().into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A CSV file read once (its rows indexed by event, each event built and checked as it is
    /// written) gives the export of the whole import when it has no errors, and ends in
    /// [`Unclean`] when it has any, for the output to be dropped and the file loaded whole.
    #[test]
    fn a_csv_read_once_is_the_whole_export(t in timeline(), how in csv_breaks()) {
        let text = broken_csv(tlx::export::csv::to_string(&t), how);
        let whole = csv_document(&text).open(Options::default());
        let clean = whole.as_ref().is_ok_and(|v| v.set_aside.places.is_empty());
        prop_assert_eq!(clean, matches!(how, CsvBreak::None), "{:?}", whole.as_ref().err());
        for format in [Format::Csv, Format::Toml, Format::Json] {
            match read_once(&csv_document(&text), format).expect("a CSV file is read once") {
                Ok(written) => {
                    prop_assert!(clean, "read once though it has errors:\n{}", text);
                    let valid = whole.as_ref().unwrap();
                    prop_assert_eq!(written, format.write(&valid.timeline), "{:?} of\n{}", format, text);
                }
                Err(e) => prop_assert!(!clean && Unclean::is(&e), "{} of\n{}", e, text),
            }
        }
    }
}

#[test]
fn each_way_of_reading_is_taken() {
    // The property holds vacuously if the generated files all take one way; these take each.
    let two = "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\n[[events]]\nid = \"b\"\ndate = \"2016\"\ntitle = \"B\"\n";
    let cases = [
        (two.to_string(), "events"),
        (broken(two.to_string(), Break::BadDate(1)), "events"),
        (broken(two.to_string(), Break::DuplicateId), "events"),
        (broken(two.to_string(), Break::Syntax(0)), "invalid"),
        (
            broken(broken(two.to_string(), Break::NoTitle(0)), Break::NoTitle(1)),
            "invalid",
        ),
        (broken(two.to_string(), Break::MultiLine), "whole"),
    ];
    for (text, way) in cases {
        assert_eq!(agrees(&text).unwrap(), way, "{text}");
    }
    let Opened::Events(events) = stream::open(
        document(&broken(two.to_string(), Break::BadDate(1))),
        Options::default(),
    ) else {
        panic!("the file opens");
    };
    assert_eq!(events.set_aside().places, ["written.toml:11:8"]);
}

/// tlx with a configuration directory of its own under `dir` (none there: the defaults).
fn tlx_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("tlx").unwrap();
    cmd.env("XDG_CONFIG_HOME", dir.join("no-config"));
    cmd
}

/// What `tlx export --format FORMAT -o TARGET FILE` writes, saying nothing on standard error.
fn exported_to(dir: &Path, format: &str, target: &Path, file: &Path) -> String {
    tlx_in(dir)
        .args(["export", "--format", format, "-o"])
        .arg(target)
        .arg(file)
        .assert()
        .success()
        .stderr("");
    std::fs::read_to_string(target).unwrap()
}

#[test]
fn tlx_export_streams_one_file_with_an_event_set_aside_to_stdout_and_to_a_file_alike() {
    // The command's own wiring: the event with the bad date is named on stderr and left out, the
    // other written as if alone in the file, the same bytes to standard output and atomically to `-o`.
    let two = "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n\n[[events]]\nid = \"b\"\ndate = \"2016\"\ntitle = \"B\"\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.toml");
    std::fs::write(&file, broken(two.to_string(), Break::BadDate(1))).unwrap();
    // The same file without event b, which the export must come to.
    let alone = dir.path().join("one.toml");
    std::fs::write(&alone, &two[..two.rfind("\n[[events]]").unwrap()]).unwrap();
    let tlx = || tlx_in(dir.path());
    for format in ["csv", "toml", "json"] {
        let run = tlx().args(["export", "--format", format]).arg(&file).assert().success();
        let out = run.get_output();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("1 event set aside") && stderr.contains("two.toml:11:8"),
            "{stderr}"
        );
        let written = String::from_utf8(out.stdout.clone()).unwrap();
        let only_a = tlx()
            .args(["export", "--format", format])
            .arg(&alone)
            .assert()
            .success();
        assert_eq!(written, String::from_utf8(only_a.get_output().stdout.clone()).unwrap());
        let target = dir.path().join(format!("out.{format}"));
        tlx()
            .args(["export", "--format", format, "-o"])
            .arg(&target)
            .arg(&file)
            .assert()
            .success();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
        // The file without errors, read once as it is written to `-o`, over the one just written.
        assert_eq!(exported_to(dir.path(), format, &target, &alone), written);
    }
}

#[test]
fn tlx_export_of_a_csv_file_to_a_file_is_what_it_writes_to_standard_output() {
    // To `-o` the rows are read once, each event built and checked as it is written; to standard
    // output the file is imported whole first. The two must agree, the bundled timeline's denials
    // staying denials.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bundled.csv");
    let tlx = || tlx_in(dir.path());
    tlx()
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success();
    for format in ["csv", "toml", "json"] {
        let run = tlx().args(["export", "--format", format]).arg(&file).assert().success();
        let written = String::from_utf8(run.get_output().stdout.clone()).unwrap();
        let target = dir.path().join(format!("out.{format}"));
        assert_eq!(exported_to(dir.path(), format, &target, &file), written, "{format}");
        assert!(written.contains("Kremlin"), "{format}");
    }
}
