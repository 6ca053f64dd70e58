//! Files that others sent: each hostile case in `tests/fixtures/hostile/` gets a clean, located
//! message (snapshotted) or loads with everything hidden made visible; no file can put a hidden
//! character on the screen, in any cell or in the bytes sent to the terminal; exports keep the
//! text as written. Property tests do the same for any timeline, any bytes, every importer and
//! the date parser.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use assert_cmd::Command;
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tlx::app::{Action, App, Effect, KeyMap, Msg, update};
use tlx::export;
use tlx::import::{self, Format};
use tlx::load::{Document, Loaded, Options, read};
use tlx::model::{Date, Timeline};
use tlx::ui::{DateStyle, Theme, View, render};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[path = "common/strategies.rs"]
mod strategies;

const DIR: &str = "tests/fixtures/hostile";

const HEAD: &str = "[timeline]\ntitle = \"Hostile\"\n\n";

/// A minimal valid event, for files whose point is elsewhere.
const EVENT: &str = "[[events]]\nid = \"e\"\ndate = \"2015-07-24\"\ntitle = \"An event\"\n\
                     [[events.sources]]\noutlet = \"Fox News\"\nquote = \"q\"\n";

/// Each hostile file and its bytes. `TLX_BLESS=1 cargo test --test hostile` writes them; a test
/// fails when a file and its recipe differ. The fuzz targets start from these files too.
fn recipes() -> Vec<(&'static str, Vec<u8>)> {
    let text = |s: String| s.into_bytes();
    let utf16 = |s: &str, le: bool| -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    };
    vec![
        // A right-to-left override makes "gpj\u{202e}.exe" read "gpj.exe" backwards; isolates and
        // marks reorder too. Escaped in some strings, written raw in others.
        (
            "bidi-override.toml",
            text(String::from(
                "[timeline]\ntitle = \"Invoice gpj\\u202E.exe\"\n\n[[events]]\nid = \"rlo\\u202E\"\n\
                 date = \"2015-07-24\"\ntitle = \"\\u2066isolated\\u2069 and \\u200Fmarked \u{202e}raw\"\n\
                 [[events.sources]]\noutlet = \"Fox\\u202ENews\"\nquote = \"raw \u{202e}override\"\n"
            )),
        ),
        // Escape sequences that clear the screen, set the window title, ring the bell; an 8-bit
        // CSI (U+009B); NUL, backspace and DEL.
        (
            "escape-sequences.toml",
            text(String::from(
                "[timeline]\ntitle = \"Clear\\u001B[2J\\u001B[H\"\n\n[[events]]\nid = \"e\"\n\
                 date = \"2015-07-24\"\ntitle = \"\\u001B]0;owned\\u0007title\"\n\
                 summary = \"\\u009B31mred\\u009B0m\"\nnotes = \"\\u0000\\u0008\\u007F\"\n\
                 [[events.sources]]\noutlet = \"\\u001B[31mFox\"\nquote = \"q\"\n"
            )),
        ),
        // An ESC byte written into the file itself: TOML refuses it, and the excerpt shows it.
        ("raw-escape-byte.toml", text(format!("{HEAD}x = \"a\u{1b}[2Jb\"\n"))),
        // A key written twice: the message names it and how far above the first is.
        ("duplicate-key.toml", text(format!("{HEAD}{EVENT}quote = \"again\"\n"))),
        // Ids that differ only by a zero-width space or a byte order mark: one id written twice.
        (
            "lookalike-ids.toml",
            text(format!(
                "{HEAD}[actors.x]\nname = \"X\"\n[actors.\"x\\uFEFF\"]\nname = \"Y\"\n\n{EVENT}{}",
                EVENT.replace("id = \"e\"", "id = \"e\\u200B\"")
            )),
        ),
        // Blank tags.
        ("blank-tags.toml", text(format!("{HEAD}{}", EVENT.replace("title = \"An event\"\n", "title = \"An event\"\ntags = [\"\", \" \"]\n")))),
        // A quoted key holding an escape sequence: the unknown-key message quotes it.
        ("escaped-key.toml", text(format!("{HEAD}\"\\u001B[2J\\u009B\" = 1\n"))),
        // Line breaks and tabs in one-line fields would break a row of the list.
        (
            "line-breaks-in-one-line-fields.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"a\\nb\"\ndate = \"2015\"\ntitle = \"two\\nlines\\r\\nthree\"\n\
                 tags = [\"tab\\tbed\"]\n[[events.sources]]\noutlet = \"Fox\\u2028News\"\nquote = \"q\"\n"
            )),
        ),
        // Zero-width space, a byte order mark mid-text, soft hyphen, a Hangul filler standing in
        // for a blank name, and "ASCII smuggling" in tag characters.
        (
            "invisible.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"e\"\ndate = \"2015\"\ntitle = \"pay\\u200Bpal \\uFEFFbom shy\\u00ADhyphen\"\n\
                 actors = [\"\\u3164\"]\n[[events.sources]]\noutlet = \"a\\U000E0041\\U000E0042\\U000E007F\"\nquote = \"q\"\n"
            )),
        ),
        // Text that needs its joiners, and a subdivision flag made of tag characters: kept.
        (
            "joiners-and-flags.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"e\"\ndate = \"2015\"\n\
                 title = \"می\u{200c}خواهم 👨\u{200d}👩\u{200d}👧 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} 🇮🇷\"\n\
                 [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\n"
            )),
        ),
        // Wide and combining text, and a title that starts with a combining mark.
        (
            "wide-text.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"e\"\ndate = \"2015\"\ntitle = \"東京で会談 🇮🇷🇷🇺 cafe\u{301} नमस्ते ภาษาไทย\"\n\
                 [[events.sources]]\noutlet = \"新華社\"\nquote = \"q\"\n\n\
                 [[events]]\nid = \"f\"\ndate = \"2016\"\ntitle = \"\u{301}\u{302}starts with accents\"\n\
                 [[events.sources]]\noutlet = \"X\"\nquote = \"q\"\n"
            )),
        ),
        // Links that are not web links, a user:password@ look-alike and a Cyrillic а in a host.
        (
            "look-alike-urls.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"e\"\ndate = \"2015\"\ntitle = \"Links\"\n\
                 [[events.sources]]\noutlet = \"A\"\nquote = \"q\"\nurl = \"javascript:alert(1)\"\n\
                 [[events.sources]]\noutlet = \"B\"\nquote = \"q\"\nurl = \"https://bank.example@evil.example/login\"\n\
                 [[events.sources]]\noutlet = \"C\"\nquote = \"q\"\nurl = \"https://\u{430}pple.com/\"\n\
                 [[events.denials]]\nby = \"D\"\nurl = \"file:///etc/passwd\"\n"
            )),
        ),
        // A syntax error in the middle of a 200,000-character line, with wide text before it.
        (
            "long-line.toml",
            text(format!("{HEAD}x = \"{}\" oops {}\n", "東".repeat(100_000), "b".repeat(100_000))),
        ),
        // An unknown key of 5,000 characters: the message quoting it is cut.
        ("long-key.toml", text(format!("{HEAD}{} = 1\n", "k".repeat(5_000)))),
        // Latin-1, not UTF-8: the é is the byte 0xE9.
        ("invalid-utf8.toml", b"[timeline]\ntitle = \"caf\xe9\"\n".to_vec()),
        ("utf16le.toml", utf16("[timeline]\ntitle = \"x\"\n", true)),
        ("utf16be-bom.toml", [&[0xFE, 0xFF][..], &utf16("[timeline]\ntitle = \"x\"\n", false)].concat()),
        // A UTF-8 byte order mark and Windows line endings are fine.
        (
            "bom-crlf.toml",
            text(format!("\u{feff}{}{}", HEAD, EVENT).replace('\n', "\r\n")),
        ),
        // Old Mac line endings: a carriage return alone.
        ("lone-cr.toml", text("[timeline]\rtitle = \"x\"\r".to_string())),
        ("empty.toml", Vec::new()),
        ("blank.toml", text(" \n\t\n\n".to_string())),
        // Nesting past the parser's limit, and a dotted key too deep for the parser to place.
        (
            "deep-nesting.toml",
            text(format!("{HEAD}x = {}{}\n", "[".repeat(5_000), "]".repeat(5_000))),
        ),
        ("deep-dotted-key.toml", text(format!("{HEAD}{} = 1\n", vec!["a"; 100].join(".")))),
        // NUL bytes in the file.
        ("nul-bytes.toml", text(format!("{HEAD}\0\0\0\n"))),
        // Several problems: all reported in one pass, in file order.
        (
            "many-problems.toml",
            text(format!(
                "{HEAD}[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"\"\nsumary = \"\\u001B[2J\"\n\n\
                 [[events]]\nid = \"a\"\ndate = \"2015-13\"\ntitle = \"B\"\nrelated = [\"\\u202Enope\"]\n"
            )),
        ),
        // Importers: HTML and escapes in TimelineJS, raw escape bytes and a formula in CSV.
        (
            "timelinejs.json",
            text(
                r#"{"title": {"text": {"headline": "<b>Clear\u001b[2J</b>"}}, "events": [{"start_date": {"year": "2015"},
  "text": {"headline": "gpj\u202e.exe <script>alert(1)</script>", "text": "<p>one<br>two\u009b31m</p>"},
  "media": {"url": "javascript:alert(1)", "credit": "\u001b]0;owned\u0007"}}]}"#
                    .to_string(),
            ),
        ),
        (
            "sources.csv",
            text("date,title,outlet,url,quote\n2015,\"Clear\u{1b}[2J\",=HYPERLINK(\"x\"),https://a\u{202e}b.example,\"two\nlines\u{9b}\"\n".to_string()),
        ),
    ]
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name)
}

#[test]
fn the_fixtures_are_what_their_recipes_say() {
    let bless = std::env::var_os("TLX_BLESS").is_some();
    for (name, bytes) in recipes() {
        let path = fixture(name);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{name} differs from its recipe; TLX_BLESS=1 cargo test --test hostile"
        );
    }
}

fn tlx() -> Command {
    Command::cargo_bin("tlx").unwrap()
}

/// The command's exit code, standard output and standard error, as one text.
fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_printable(&stdout);
    assert_printable(&stderr);
    assert!(matches!(code, 0..=2), "exit code {code}:\n{stderr}");
    (code, format!("exit {code}\n--- stdout\n{stdout}--- stderr\n{stderr}"))
}

/// Nothing hidden but the line breaks between lines: each line is as `text::line` would show it.
fn assert_printable(text: &str) {
    for line in text.split('\n') {
        assert_eq!(tlx::text::line(line), line, "hidden characters in:\n{text}");
    }
}

#[test]
fn every_fixture_gets_a_clean_located_message_or_loads_with_markers() {
    for (name, _) in recipes() {
        let (code, check) = run(tlx().current_dir(fixture("")).args(["check", name]));
        let mut shown = format!("$ tlx check {name}\n{check}");
        if code == 0 {
            let (_, list) = run(tlx().current_dir(fixture("")).args(["list", name]));
            shown += &format!("\n$ tlx list {name}\n{list}");
            // The first event in full, asked for by its id as written (hidden characters and all).
            let id = loaded(&fixture(name)).events[0].id.clone();
            let (_, show) = run(tlx().current_dir(fixture("")).args(["show", &id, name]));
            shown += &format!("\n$ tlx show {} {name}\n{show}", tlx::text::line(&id));
        }
        insta::assert_snapshot!(format!("fixture_{name}"), shown);
    }
}

#[test]
fn files_that_are_not_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // A zero device of the test's own (tests never aim at the system's); where one cannot be made
    // (not root), the FIFO stands in: both are refused the same way.
    let device = dir.path().join("zero");
    let made = std::process::Command::new("mknod")
        .args([device.as_os_str(), "c".as_ref(), "1".as_ref(), "5".as_ref()])
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink(if made { &device } else { &fifo }, dir.path().join("zero.toml")).unwrap();
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    std::fs::write(dir.path().join("big.toml"), format!("{HEAD}{EVENT}")).unwrap();
    std::fs::write(dir.path().join("evil\u{1b}[2J\u{202e}.toml"), "[timeline]\ntitle = 1\n").unwrap();
    let mut shown = String::new();
    for args in [
        &["check", "pipe.toml"][..],
        &["check", "zero.toml"],
        &["check", "dir.toml"],
        &["check", "--max-size", "16", "big.toml"],
        &["list", "--max-size", "16", "big.toml"],
        &["check", "no-such.toml"],
        &["check", "evil\u{1b}[2J\u{202e}.toml"],
    ] {
        let started = std::time::Instant::now();
        let (_, out) = run(tlx()
            .current_dir(dir.path())
            .args(args)
            .timeout(std::time::Duration::from_secs(10)));
        assert!(started.elapsed().as_secs() < 5, "{args:?} took {:?}", started.elapsed());
        shown += &format!("$ tlx {}\n{out}\n", tlx::text::line(&args.join(" ")));
    }
    // The OS's wording of "no such file" is the same on every Linux; the snapshot keeps it.
    insta::assert_snapshot!(shown);
}

#[test]
fn exports_keep_the_text_as_written() {
    let (code, json) = {
        let out = tlx()
            .current_dir(fixture(""))
            .args(["export", "bidi-override.toml"])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["timeline"]["title"], "Invoice gpj\u{202e}.exe");
    assert_eq!(v["events"][0]["sources"][0]["outlet"], "Fox\u{202e}News");
}

#[test]
fn the_explorer_exports_and_copies_the_text_as_written() {
    let t = loaded(&fixture("escape-sequences.toml"));
    let mut app = App::new(t, "escape-sequences.toml", (120, 40));
    assert_eq!(app.timeline().timeline.title, "Clear␛[2J␛[H");
    update(&mut app, Action::Export);
    for _ in 0.."tlx-view.md".len() {
        update(&mut app, Action::DeleteChar);
    }
    for c in "view.json".chars() {
        update(&mut app, Msg::Type(c));
    }
    update(&mut app, Action::Accept);
    update(&mut app, Action::CopyCitation);
    let [Effect::Export { export, .. }, Effect::Copy(citation)] = app.effects() else {
        panic!("{:?}", app.effects());
    };
    let mut written = Vec::new();
    export.write(&mut written).unwrap();
    let contents = String::from_utf8(written).unwrap();
    assert!(contents.contains(r"Clear\u001b[2J"), "{contents}");
    assert!(citation.contains("\u{1b}]0;owned\u{7}title"), "{citation:?}");
}

#[test]
fn the_explorer_refuses_to_export_over_its_own_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, format!("{HEAD}{EVENT}")).unwrap();
    tlx()
        .current_dir(dir.path())
        .args(["export", "-f", "toml", "t.toml", "-o", "./t.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is the timeline being exported"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{HEAD}{EVENT}"));
}

fn loaded(path: &Path) -> Timeline {
    let loaded = Document::read(path, &Options::default())
        .unwrap()
        .load(Options::default());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.timeline
}

/// States worth drawing: the start, the detail with an item open, help, the matrix.
const STATES: [&[Action]; 4] = [
    &[],
    &[Action::Enter, Action::Enter],
    &[Action::Help],
    &[Action::Matrix, Action::Next, Action::Right],
];

/// Draws the explorer on `t` at `w` x `h` in every state; checks every cell and every byte sent.
fn assert_screens_clean(t: &Timeline, w: u16, h: u16) {
    for actions in STATES {
        let mut app = App::new(t.clone(), "hostile.toml", (w, h));
        for &a in actions {
            update(&mut app, a);
        }
        let (buffer, bytes) = draw(&app, w, h);
        assert_cells_clean(&buffer);
        assert_bytes_clean(&bytes);
    }
}

/// Everything written to it, kept where the test can read it while the backend owns the writer.
#[derive(Clone, Default)]
struct Tape(Rc<RefCell<Vec<u8>>>);

impl Write for Tape {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal of `w` x `h` that writes through crossterm onto a tape.
fn terminal(w: u16, h: u16) -> (Terminal<CrosstermBackend<Tape>>, Tape) {
    let tape = Tape::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let backend = CrosstermBackend::new(tape.clone());
    (
        Terminal::with_options(backend, TerminalOptions { viewport }).unwrap(),
        tape,
    )
}

/// One frame through the real crossterm backend: the buffer and the bytes it wrote.
fn draw(app: &App, w: u16, h: u16) -> (Buffer, Vec<u8>) {
    let (mut terminal, tape) = terminal(w, h);
    let (keymap, theme) = (KeyMap::default(), Theme::colour());
    let buffer = terminal
        .draw(|f| {
            render(
                &View {
                    app,
                    keymap: &keymap,
                    theme: &theme,
                    dates: DateStyle::default(),
                },
                f,
            )
        })
        .unwrap()
        .buffer
        .clone();
    let bytes = tape.0.borrow().clone();
    (buffer, bytes)
}

/// No hidden character in a cell, and no cell a terminal would draw at another place: each takes
/// room and none starts with a mark that would land on the cell before it (as "a\u{301}" shows,
/// such a mark joins the letter before it). Only the cells behind a wide grapheme may be empty.
fn assert_cells_clean(buffer: &Buffer) {
    let mut behind: usize = 0;
    for (i, cell) in buffer.content.iter().enumerate() {
        let s = cell.symbol();
        let width = usize::from(buffer.area.width);
        let row = || {
            let y = i / width;
            buffer.content[y * width..(y + 1) * width]
                .iter()
                .map(|c| c.symbol())
                .collect::<Vec<_>>()
        };
        // Cells behind a wide grapheme are never sent.
        if behind > 0 {
            behind -= 1;
            continue;
        }
        let shown = tlx::text::line(s);
        assert!(
            shown == s || shown.strip_prefix('◌') == Some(s),
            "hidden character in cell {s:?} of {:?}",
            row()
        );
        let first = s.chars().next().unwrap_or(' ');
        let joins = first.width() == Some(0) && format!("a{first}").graphemes(true).count() == 1;
        assert!(!joins, "cell {s:?} joins the one before in {:?}", row());
        assert!(s.width() > 0, "zero-width cell {s:?} in {:?}", row());
        behind = s.width() - 1;
    }
}

/// The bytes for the terminal: ratatui's and crossterm's escape sequences taken out, nothing
/// hidden may remain.
fn assert_bytes_clean(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap();
    let sequences = regex::Regex::new(r"\x1b\[[0-9;?]*[ -/]*[@-~]").unwrap();
    let rest = sequences.replace_all(text, "");
    // Cells sit side by side here, so a mark that starts one may follow a space: the base that
    // `text::line` would give it is no hidden character.
    let shown = tlx::text::line(&rest).replace('◌', "");
    assert_eq!(shown, rest.replace('◌', ""), "sent hidden characters");
}

#[test]
fn loadable_fixtures_draw_nothing_hidden_at_any_size() {
    for (name, _) in recipes() {
        let doc = Document::read(&fixture(name), &Options::default());
        let Some(loaded) = doc.ok().map(|d| d.load(Options::default())) else {
            continue;
        };
        if loaded.has_errors() {
            continue;
        }
        for (w, h) in [
            (0, 0),
            (1, 1),
            (29, 7),
            (30, 8),
            (40, 12),
            (80, 24),
            (99, 30),
            (120, 40),
            (300, 100),
        ] {
            assert_screens_clean(&loaded.timeline, w, h);
        }
    }
}

/// Titles in every kind of wide text, one event each.
fn wide_timeline() -> Timeline {
    let titles = [
        "東京で会談、北京へ移動",
        "😀 emoji 🎉 party 🚀",
        "🇮🇷🇷🇺🇺🇸🇺🇦🇮🇱 flags",
        "cafe\u{301} re\u{301}sume\u{301} combining",
        "e\u{301}\u{302}\u{303}\u{304} stacked",
        "한국어 텍스트",
        "नमस्ते दुनिया",
        "Ｆｕｌｌｗｉｄｔｈ",
        "🇮🇷🇷🇺🇺🇸🇺🇦🇮🇱🇮🇷🇷🇺🇺🇸🇺🇦🇮🇱🇮🇷🇷🇺🇺🇸🇺🇦🇮🇱🇮🇷🇷🇺🇺🇸🇺🇦🇮🇱",
        "दुनियादुनियादुनियादुनियादुनियादुनियादुनियादुनियादुनियादुनिया",
    ];
    let mut text = String::from(HEAD);
    for (i, title) in titles.iter().cycle().take(24).enumerate() {
        text += &format!(
            "[[events]]\nid = \"e{i}\"\ndate = \"{}\"\ntitle = \"{title} {i}\"\nsummary = \"{}\"\n\
             [[events.sources]]\noutlet = \"{title}\"\nquote = \"{}\"\n",
            2000 + i,
            title.repeat(6),
            title.repeat(3)
        );
    }
    let doc = Document {
        name: "wide.toml".into(),
        path: None,
        text: text.into(),
    };
    let loaded = doc.load(Options::default());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.timeline
}

#[test]
fn wide_text_at_every_width_from_1_to_300_splits_no_grapheme() {
    let t = wide_timeline();
    // Events 8 and 9 have the long runs of flags and of Devanagari, with spacing vowel signs.
    let states = [
        &[Msg::Select(8), Action::Enter.into()][..],
        &[Msg::Select(9), Action::Enter.into()],
        &[Action::Matrix.into(), Action::Last.into()],
    ];
    let apps: Vec<App> = states
        .iter()
        .map(|actions| {
            let mut app = App::new(t.clone(), "wide.toml", (100, 40));
            actions.iter().for_each(|a| update(&mut app, a.clone()));
            app
        })
        .collect();
    for (w, mut app) in (1..=300).flat_map(|w| apps.iter().map(move |a| (w, a.clone()))) {
        update(&mut app, Msg::Resize(w, 40));
        let (buffer, bytes) = draw(&app, w, 40);
        assert_cells_clean(&buffer);
        assert_bytes_clean(&bytes);
        // The cells behind wide graphemes are empty or blank, and never sent.
        for cell in buffer.content.iter().filter(|c| !c.symbol().is_empty()) {
            // A flag is two regional indicators; one alone means a flag was cut in two.
            let indicators = cell
                .symbol()
                .chars()
                .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
                .count();
            assert!(indicators % 2 == 0, "half a flag at width {w}: {:?}", cell.symbol());
            assert_eq!(
                cell.symbol().graphemes(true).count(),
                1,
                "at width {w}: {:?}",
                cell.symbol()
            );
            // Nor may a cell start with a vowel sign or an accent cut from its letter.
            let first = cell.symbol().chars().next().unwrap();
            assert_eq!(
                format!("a{first}").graphemes(true).count(),
                2,
                "at width {w}: {:?}",
                cell.symbol()
            );
        }
    }
}

/// The screen a terminal shows after the bytes, as text (blanks at the ends of rows, which a
/// terminal cannot tell from cells never written, left out).
fn terminal_screen(bytes: &[u8], w: u16, h: u16) -> String {
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
    parser.process(bytes);
    let contents = parser.screen().contents();
    contents.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

#[test]
fn scrolling_through_wide_text_leaves_no_residue() {
    let t = wide_timeline();
    for w in [31, 57, 80, 99, 100, 121, 200] {
        let h = 30;
        let (mut terminal, tape) = terminal(w, h);
        let (keymap, theme) = (KeyMap::default(), Theme::mono());
        let mut app = App::new(t.clone(), "wide.toml", (w, h));
        let mut steps = vec![Action::Enter];
        steps.extend([Action::Next; 6]);
        steps.extend([
            Action::Back,
            Action::Last,
            Action::PageUp,
            Action::Previous,
            Action::Matrix,
        ]);
        steps.extend([Action::Right; 5]);
        steps.extend([Action::Timeline, Action::First]);
        for a in steps {
            update(&mut app, a);
            let view = View {
                app: &app,
                keymap: &keymap,
                theme: &theme,
                dates: DateStyle::default(),
            };
            terminal.draw(|f| render(&view, f)).unwrap();
            // Only the cells that changed were sent; a fresh terminal given the whole frame must
            // show the same thing.
            let incremental = terminal_screen(&tape.0.borrow(), w, h);
            let (_, fresh) = draw(&app, w, h);
            assert_eq!(
                incremental,
                terminal_screen(&fresh, w, h),
                "residue at width {w} after {a:?}"
            );
        }
    }
}

fn spiked(t: Timeline, spikes: &[String]) -> Timeline {
    // Strings that name other things (ids, references, dates, grades) are left alone so the
    // timeline stays valid; every other string gets a hostile piece appended.
    const KEEP: [&str; 13] = [
        "id",
        "claims",
        "rating",
        "date",
        "dated",
        "updated",
        "published",
        "accessed",
        "stance",
        "via",
        "related",
        "actors",
        "reliability",
    ];
    fn walk(v: &mut serde_json::Value, key: &str, spikes: &[String], n: &mut usize) {
        match v {
            serde_json::Value::String(s) if !KEEP.contains(&key) => {
                s.push_str(&spikes[*n % spikes.len()]);
                *n += 1;
            }
            // An event's claims are tables to walk; a source's are ids, kept by the string arm.
            serde_json::Value::Array(items) if !KEEP.contains(&key) || key == "claims" => {
                items.iter_mut().for_each(|i| walk(i, key, spikes, n));
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    walk(v, k, spikes, n);
                }
            }
            _ => {}
        }
    }
    if spikes.is_empty() {
        return t;
    }
    let mut v = serde_json::to_value(&t).unwrap();
    walk(&mut v, "", spikes, &mut 0);
    // `derived_from` names another source's outlet, which now has a piece appended.
    for e in v["events"].as_array_mut().unwrap() {
        for s in e
            .get_mut("sources")
            .and_then(|s| s.as_array_mut())
            .into_iter()
            .flatten()
        {
            s.as_object_mut().unwrap().remove("derived_from");
        }
    }
    serde_json::from_value(v).unwrap()
}

/// Controls, C1, bidi, invisible, combining, wide and flag characters, among letters.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z \\x00-\\x1f\\x7f-\\x9f\\u{ad}\\u{200b}-\\u{200f}\\u{2028}\\u{2029}\\u{202a}-\\u{202e}\\u{2060}-\\u{2069}\\u{feff}\\u{300}-\\u{36f}\\u{1f1e6}-\\u{1f1ff}\\u{1f600}-\\u{1f64f}\\u{4e00}-\\u{4e20}\\u{e0020}-\\u{e007f}]{1,16}",
        any::<String>(),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    (0u16..=300, 0u16..=100)
}

/// The diagnostics of a load, rendered, are printable; when it loaded, so is every screen.
fn assert_load_clean(doc: &Document, loaded: &Loaded, (w, h): (u16, u16)) {
    assert_printable(&doc.source().render_all(&loaded.diagnostics));
    if !loaded.has_errors() {
        assert_screens_clean(&loaded.timeline, w, h);
    }
}

fn document(text: String) -> Document {
    Document {
        name: "any.toml".into(),
        path: None,
        text: text.into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn any_timeline_through_toml_draws_nothing_hidden(
        t in strategies::timeline(),
        spikes in prop::collection::vec(hostile(), 0..12),
        size in size(),
    ) {
        let t = spiked(t, &spikes);
        let doc = document(export::toml::to_string(&t));
        let loaded = doc.load(Options::default());
        prop_assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        assert_load_clean(&doc, &loaded, size);
    }

    #[test]
    fn any_timeline_through_each_importer_draws_nothing_hidden(
        t in strategies::timeline(),
        spikes in prop::collection::vec(hostile(), 0..12),
        size in size(),
    ) {
        let t = spiked(t, &spikes);
        for (format, text) in [
            (Format::TimelineJs, export::timelinejs::to_string(&t)),
            (Format::Csv, export::csv::to_string(&t)),
        ] {
            let doc = document(text);
            assert_load_clean(&doc, &import::import(format, &doc.text, &Default::default(), None).loaded, size);
        }
    }

    #[test]
    fn any_bytes_through_every_loader_never_panic_or_show_anything_hidden(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        size in size(),
    ) {
        let Ok(text) = read::decode(bytes) else { return Ok(()) };
        let doc = document(text);
        assert_load_clean(&doc, &doc.load(Options {
        pedantic: true,
        ..Options::default()
    }), size);
        for format in [Format::TimelineJs, Format::Timemap, Format::Csv] {
            assert_load_clean(&doc, &import::import(format, &doc.text, &Default::default(), None).loaded, size);
        }
    }

    #[test]
    fn any_text_through_the_date_parser_is_shown_printable(text in prop_oneof![
        hostile(),
        "[0-9YTZtz~?%./:+ \\n\\t-]{0,24}",
        "20[0-9]{2}-0[1-9]-[12][0-9]T[ \\n\\t]{0,2}[0-9]{1,2}:[ \\n]?[0-9]{1,2}(:[0-9]{1,2})?[Z~]?",
    ]) {
        match Date::parse(&text) {
            Ok(date) => {
                assert_printable(&date.text());
                assert_printable(&date.human());
            }
            Err(e) => {
                let src = tlx::diagnostic::SourceText::new("d.toml", &text);
                let d = tlx::diagnostic::Diagnostic::error("bad-date", 0..text.len(), e.message).with_hint(e.hint);
                assert_printable(&src.render(&d));
            }
        }
    }
}

#[test]
fn a_closed_stderr_is_no_panic() {
    // The pipe's reading end is gone before tlx writes its diagnostics, as with `2>&- | ...`.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("tlx"))
        .current_dir(fixture(""))
        .args(["list", "many-problems.toml"])
        .stderr(writer)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "101 would be a panic");
}

// Sizes no quadratic algorithm finishes: each file below is large enough that a path quadratic in
// its sources, links or ids would run for minutes (10k sources took 1.6 s, 20k 6.4 s; a chain of
// 2,000 derivations 35 s), so the test finishing is the time budget.

/// One event of `n` sources; `source(i)` writes the fields of the i-th.
fn one_event_with_sources(n: usize, source: impl Fn(usize) -> String) -> String {
    let mut text = format!("{HEAD}[[events]]\nid = \"e\"\ndate = \"2015-07-24\"\ntitle = \"t\"\n");
    for i in 0..n {
        text += &format!("[[events.sources]]\n{}", source(i));
    }
    text
}

/// Writes `text` into a temporary directory as `name`, for the binary to read.
fn written(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `tlx check`, `tlx list` and `tlx show e` on the file, each exiting 0; the explorer's frame with
/// the event's detail open; and the number of independent origins the event has.
fn lists_and_opens(path: &Path) -> usize {
    for args in [&["check"][..], &["list"], &["show", "e"]] {
        tlx().args(args).arg(path).assert().success();
    }
    let t = loaded(path);
    let origins = tlx::model::origins::independent_origins(&t.events[0].sources);
    let mut app = App::new(t, "large.toml", (120, 40));
    update(&mut app, Action::Enter);
    draw(&app, 120, 40);
    origins
}

#[test]
fn an_event_with_200k_sources_loads_lists_and_opens() {
    let (_dir, path) = written(
        "sources.toml",
        &one_event_with_sources(200_000, |i| {
            // Ten sources to an outlet, in other cases: 20k origins to group.
            let outlet = if i % 2 == 0 { "Outlet" } else { "OUTLET" };
            format!("outlet = \"{outlet} {}\"\ndate = \"2015-08-01\"\n", i / 10)
        }),
    );
    assert_eq!(lists_and_opens(&path), 20_000);
}

#[test]
fn a_derived_from_chain_of_20k_sources_is_one_origin() {
    let n = 20_000;
    // Each source derives from the next, named in another case; the last is the origin.
    let (_dir, path) = written(
        "chain.toml",
        &one_event_with_sources(n, |i| {
            let from = if i + 1 < n {
                format!("derived_from = \"o{}\"\n", i + 1)
            } else {
                String::new()
            };
            format!("outlet = \"O{i}\"\n{from}")
        }),
    );
    assert_eq!(lists_and_opens(&path), 1);
    // A chain that loops back on itself is one origin as well, and so is every branch into it.
    let cycle = one_event_with_sources(n, |i| {
        format!("outlet = \"O{i}\"\nderived_from = \"o{}\"\n", (i + 1) % n)
    });
    let (_dir, path) = written("cycle.toml", &cycle);
    assert_eq!(lists_and_opens(&path), 1);
}

#[test]
fn twenty_thousand_mistyped_links_are_each_reported_and_the_first_get_a_hint() {
    let n = 20_000;
    let mut text = format!("{HEAD}[actors.known]\nname = \"K\"\n[references.known]\ntitle = \"K\"\n");
    for i in 0..n {
        text += &format!(
            "[[events]]\nid = \"event-{i}\"\ndate = \"2015\"\ntitle = \"t\"\nrelated = [\"evemt-{i}\"]\n\
             actors = [\"unknown-{i}\"]\n[[events.sources]]\noutlet = \"O\"\nquote = \"q\"\n\
             via = \"unknown-{i}\"\nderived_from = \"Unknown {i}\"\n"
        );
    }
    let doc = document(text);
    let diags = doc.load(Options::default()).diagnostics;
    for code in ["unknown-event", "unknown-actor", "unknown-reference", "unknown-source"] {
        let of_code: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
        assert_eq!(of_code.len(), n, "{code}");
        assert!(of_code[0].hint.as_deref().is_some(), "{code}");
    }
    let first_event = diags.iter().find(|d| d.code == "unknown-event").unwrap();
    assert_eq!(first_event.hint.as_deref(), Some("did you mean `event-0`?"));
}

#[test]
fn a_hundred_thousand_broken_lines_print_a_screenful_unless_all_are_asked_for() {
    let text: String = (0..100_000).map(|i| format!("garbage line {i} !!\n")).collect();
    let (_dir, path) = written("garbage.toml", &text);
    for args in [&["check"][..], &[]] {
        let out = tlx().args(args).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let said = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert!(said.len() < 2_000, "{said}");
        assert!(
            said.contains("garbage.toml:1:9") && said.contains("99999 more times"),
            "{said}"
        );
    }
    let every = tlx().args(["check", "--all"]).arg(&path).output().unwrap();
    let every = String::from_utf8(every.stdout).unwrap();
    assert_eq!(every.matches("error[syntax]").count(), 100_000);
    assert!(every.contains("garbage.toml:100000:9"));
}

#[test]
fn an_unclosed_array_says_each_thing_once_and_a_long_line_shows_a_window() {
    let mut text = format!("{HEAD}z = {}\nx = [1,\n", "=".repeat(1_000_000));
    text += &(0..80).map(|i| format!("y{i} = 1\n")).collect::<String>();
    let (_dir, path) = written("cascade.toml", &text);
    let out = tlx().arg("check").arg(&path).output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    for line in said.lines().filter(|l| l.starts_with("error")) {
        assert_eq!(said.matches(line).count(), 1, "{said}");
    }
    assert!(said.len() < 5_000 && said.lines().all(|l| l.len() < 400), "{said}");
    assert!(said.contains("cascade.toml:4:5\n  |\n4 | z = ===="), "{said}");
}

#[test]
fn a_file_of_nul_bytes_is_not_a_text_file() {
    let (_dir, path) = written("zeros.toml", &"\0".repeat(4096));
    tlx()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("it is not a text file"));
}

#[test]
fn the_toml_export_escapes_bidi_controls_in_ids() {
    let (_dir, path) = written(
        "bidi.toml",
        &format!("{HEAD}{EVENT}").replace("id = \"e\"", "id = \"e\\u202Ex\""),
    );
    let out = tlx().args(["export", "-f", "toml"]).arg(&path).output().unwrap();
    let written = String::from_utf8(out.stdout).unwrap();
    assert!(written.contains("id = \"e\\u202Ex\""), "{written}");
    assert!(!written.contains('\u{202e}'), "{written}");
}
