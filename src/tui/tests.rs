//! The event loop's exits, and the panic hook in a real pseudo-terminal.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::TerminalOptions;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::*;
use crate::app::{Opened, Opening};
use crate::axis::Zoom;
use crate::load::{Document, Options};
use crate::model::Timeline;

/// Runs the event loop on an 80x24 screen kept in memory, on the messages already sent.
fn run_loop(app: &mut App, rx: &mpsc::Receiver<Message>) -> io::Result<Result<Closed, OpenError>> {
    let viewport = ratatui::Viewport::Fixed(Rect::new(0, 0, 80, 24));
    let mut terminal = Terminal::with_options(CrosstermBackend::new(Vec::new()), TerminalOptions { viewport }).unwrap();
    // The bundled timeline is refreshed at once: no worker sends anything.
    let (results, _) = mpsc::channel();
    event_loop(
        app,
        &KeyMap::default(),
        &Theme::mono(),
        DateStyle::default(),
        &mut terminal,
        Inbox {
            messages: rx,
            reader: &Reader::default(),
            results: &results,
            writing: &Writing::default(),
        },
        None,
    )
}

#[test]
fn a_failed_worker_ends_the_loop_with_its_error() {
    let app = &mut App::new(Document::bundled().load(Options::default()).timeline, "b", (80, 24));
    let (tx, rx) = mpsc::channel();
    tx.send(Message::Failed(io::Error::other("input gone"))).unwrap();
    // Left open, as the signal thread leaves its sender: the loop must not wait for more.
    let _signals = tx;
    let result = run_loop(app, &rx);
    assert_eq!(result.unwrap_err().to_string(), "input gone");
}

#[test]
fn a_hangup_is_noticed_without_reading_input() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills in two new descriptors, owned from here on.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(made, 0, "{}", io::Error::last_os_error());
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || tx.send(hangup::wait_on(std::os::fd::AsFd::as_fd(&slave)).is_ok()));
    assert!(
        rx.recv_timeout(Duration::from_millis(200)).is_err(),
        "woke before the hangup"
    );
    drop(master);
    assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok(true));
}

/// Set in the copy of this test binary that runs in the pseudo-terminal.
const CHILD: &str = "TLX_TUI_PANIC_CHILD";

/// Runs this test binary's test `name` as a child in an 80x24 pseudo-terminal, with [`CHILD`]
/// set; once its output shows `ready`, calls `then` with its process id. Returns the exit code
/// and the screen as the terminal shows it at the end.
fn child_in_pty(name: &str, ready: &str, then: impl FnOnce(u32)) -> (u32, vt100::Parser) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"]);
    cmd.env(CHILD, "1");
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let nz = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(24), nz(80), 0);
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains(ready) {
        let n = reader.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "the child ended early:\n{}", parser.screen().contents());
        parser.process(&buf[..n]);
    }
    then(child.process_id().unwrap());
    let output = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        bytes
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the child never exited");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    parser.process(&output.join().unwrap());
    (status.exit_code(), parser)
}

#[test]
fn a_panicking_worker_restores_the_terminal_and_stops_the_drawing() {
    if std::env::var_os(CHILD).is_some() {
        draw_until_a_worker_panics();
    }
    let name = "tui::tests::a_panicking_worker_restores_the_terminal_and_stops_the_drawing";
    let (code, parser) = child_in_pty(name, "FRAME", |_| ());
    let screen = parser.screen();
    let text = screen.contents();
    assert_eq!(code, 101, "{text}");
    assert!(!screen.alternate_screen() && !screen.hide_cursor(), "{text}");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(text.contains("worker gave up"), "{text}");
    assert!(!text.contains("FRAME"), "drawn on the restored screen:\n{text}");
}

#[test]
fn a_signal_ends_tlx_while_the_event_loop_is_busy() {
    if std::env::var_os(CHILD).is_some() {
        draw_without_reading_messages();
    }
    let name = "tui::tests::a_signal_ends_tlx_while_the_event_loop_is_busy";
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130), (libc::SIGQUIT, 131)] {
        let (exit, parser) = child_in_pty(name, "FRAME", |pid| {
            // SAFETY: kill(2) on the child this test started and has not yet reaped.
            assert_eq!(unsafe { libc::kill(pid as i32, signal) }, 0);
        });
        let screen = parser.screen();
        let text = screen.contents();
        assert_eq!(exit, code, "signal {signal}: {text}");
        assert!(!screen.alternate_screen() && !screen.hide_cursor(), "{text}");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(!text.contains("FRAME"), "drawn on the restored screen:\n{text}");
    }
}

/// Enters the explorer's terminal mode with the watchdog on, and draws forever without ever
/// reading a message: an event loop that never comes back to its queue.
fn draw_without_reading_messages() -> ! {
    let (tx, _rx) = mpsc::channel();
    watch_signals(tx).unwrap();
    let mut terminal = enter().unwrap();
    loop {
        let _ = terminal.draw(|f| f.render_widget(Paragraph::new("FRAME"), f.area()));
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Enters the explorer's terminal mode, starts a worker that panics, and draws until the end.
fn draw_until_a_worker_panics() -> ! {
    let mut terminal = enter().unwrap();
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_millis(200));
        panic!("worker gave up");
    });
    loop {
        let _ = terminal.draw(|f| f.render_widget(Paragraph::new("FRAME"), f.area()));
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// An explorer showing a two-event preview of the bundled timeline while "b" loads.
fn previewing() -> App {
    let mut preview = bundled();
    preview.events.truncate(2);
    App::opening(Opening {
        merged: merge(vec![Part {
            label: "b".into(),
            timeline: preview,
        }]),
        files: vec![Opened::unsaved("b")],
        size: (80, 24),
        zoom: Zoom::Fit,
        loading: true,
        problems: Vec::new(),
        legend: false,
    })
}

fn bundled() -> crate::model::Timeline {
    Document::bundled().load(Options::default()).timeline
}

fn whole() -> Box<Data> {
    Box::new(Data::new(merge(vec![Part {
        label: "b".into(),
        timeline: bundled(),
    }])))
}

/// A file that does not open, and its error.
fn unopened() -> (OpenError, Document, crate::diagnostic::Diagnostic) {
    let bad = Document {
        name: "b.toml".into(),
        path: None,
        text: "[timeline]\n".into(),
    };
    let error = crate::diagnostic::Diagnostic::error("missing-key", 0..10, "no title");
    let e = OpenError::Invalid {
        document: Box::new(bad.clone()),
        errors: vec![error.clone()],
    };
    (e, bad, error)
}

fn quit() -> Message {
    Message::Input(Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )))
}

#[test]
fn the_loop_takes_the_background_load_in_place_of_the_preview() {
    let app = &mut previewing();
    let (tx, rx) = mpsc::channel();
    tx.send(Message::Progress(50)).unwrap();
    tx.send(Message::Loaded(Ok((whole(), None)))).unwrap();
    quit_on_the_whole(app, &tx, &rx);
    assert_eq!(app.loading(), None);
}

/// Quits the loop fed with what `tx` sent, which must end on the whole timeline with exit code 0.
fn quit_on_the_whole(app: &mut App, tx: &mpsc::Sender<Message>, rx: &mpsc::Receiver<Message>) {
    tx.send(quit()).unwrap();
    let result = run_loop(app, rx).unwrap();
    assert!(
        matches!(result, Ok(Closed::Quit(code)) if code == ExitCode::SUCCESS),
        "{result:?}"
    );
    assert_eq!(app.timeline().events.len(), bundled().events.len());
}

#[test]
fn a_background_load_that_does_not_open_keeps_the_preview_under_its_errors_and_reports_them_at_the_close() {
    let app = &mut previewing();
    let (tx, rx) = mpsc::channel();
    let (e, bad, error) = unopened();
    tx.send(Message::Progress(50)).unwrap();
    tx.send(Message::Loaded(Err((0, e)))).unwrap();
    tx.send(quit()).unwrap();
    let result = run_loop(app, &rx).unwrap();
    assert!(
        matches!(&result, Err(OpenError::Invalid { document, errors }) if **document == bad && *errors == [error]),
        "{result:?}"
    );
    assert_eq!(app.timeline().events.len(), 2, "the preview stays");
    assert_eq!(app.loading(), None);
    let banner = app.banner().expect("the errors over the preview");
    assert_eq!(banner.showing, Showing::Preview);
    assert!(banner.message.contains("no title"), "{}", banner.message);
}

#[test]
fn a_save_that_fixes_a_file_that_did_not_open_loads_it_whole_and_the_close_is_clean() {
    let app = &mut previewing();
    let (tx, rx) = mpsc::channel();
    tx.send(Message::Loaded(Err((0, unopened().0)))).unwrap();
    let fixed = crate::watch::Reload::Loaded {
        part: 0,
        loaded: whole(),
        set_aside: None,
    };
    tx.send(Message::Reload(fixed)).unwrap();
    quit_on_the_whole(app, &tx, &rx);
    assert_eq!(app.banner(), None);
}

#[test]
fn the_clipboard_gets_a_quote_that_ends_bracketed_paste_as_inert_text() {
    let quote = "see report\"\x1b[201~; touch $TMPDIR/pwned #\n";
    let mut out = Vec::new();
    perform(
        &Effect::Copy(format!("Fox: \"{quote}\" [on: A]")),
        &mut out,
        &Reader::default(),
        &mpsc::channel().0,
        &Writing::default(),
    )
    .unwrap();
    let sent = String::from_utf8(out).unwrap();
    let payload = sent
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap();
    let pasted = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(payload).unwrap()).unwrap();
    assert_eq!(pasted, "Fox: \"see report\"␛[201~; touch $TMPDIR/pwned #␤\" [on: A]");
    for hidden in ['\u{202e}', '\u{9b}', '\u{7}', '\r', '\u{2028}'] {
        let copied = osc52(&format!("a{hidden}b"));
        let payload = &copied["\x1b]52;c;".len()..copied.len() - 1];
        let pasted = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(payload).unwrap()).unwrap();
        assert!(
            !pasted.chars().any(crate::text::is_hidden),
            "{hidden:?} reached the clipboard: {pasted:?}"
        );
    }
}

/// The export asked for by `e` with `name` typed, on the bundled timeline narrowed by `filter`.
fn export_effect(filter: &str, name: &str) -> (App, Effect) {
    let bundled = Document::bundled().load(Options::default()).timeline;
    export_effect_as_of(bundled, filter, None, name)
}

/// [`export_effect`] of `timeline` with the knowledge date set to `as_of`, if any, first.
fn export_effect_as_of(timeline: Timeline, filter: &str, as_of: Option<&str>, name: &str) -> (App, Effect) {
    let mut app = App::new(timeline, "b", (80, 24));
    use crate::app::Action::{Accept, AsOf, DeleteToStart, Export, Filter};
    let typed = |text: &str| text.chars().map(Msg::Type).collect::<Vec<_>>();
    let as_of = as_of.map(|date| {
        [
            vec![Msg::Action(AsOf), Msg::Action(DeleteToStart)],
            typed(date),
            vec![Msg::Action(Accept)],
        ]
    });
    let msgs = as_of.into_iter().flatten();
    let msgs = msgs.chain([vec![Msg::Action(Filter)], typed(filter), vec![Msg::Action(Accept)]]);
    let msgs = msgs.chain([
        vec![Msg::Action(Export), Msg::Action(DeleteToStart)],
        typed(name),
        vec![Msg::Action(Accept)],
    ]);
    for msg in msgs.flatten() {
        update(&mut app, msg);
    }
    let effect = match app.effects() {
        [effect @ Effect::Export { .. }] => effect.clone(),
        other => panic!("{other:?}"),
    };
    (app, effect)
}

#[test]
fn an_export_is_written_on_a_thread_of_its_own_and_waited_for_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.csv");
    let (mut app, effect) = export_effect("denied-by:kremlin", path.to_str().unwrap());
    assert_eq!(app.working(), Some(crate::app::compute::Working::Exporting(None)));
    assert_eq!(app.order().len(), 1, "the Kremlin denies one event");
    let (results, rx) = mpsc::channel();
    let writing = Writing::default();
    perform(&effect, &mut Vec::new(), &Reader::default(), &results, &writing).unwrap();
    writing.finish();
    let Ok(Message::Computed(progress @ Msg::Exporting { percent: 100, .. })) = rx.try_recv() else {
        panic!("how far it has come is sent first");
    };
    update(&mut app, progress);
    assert_eq!(app.working(), Some(crate::app::compute::Working::Exporting(Some(100))));
    let Ok(Message::Computed(done)) = rx.try_recv() else {
        panic!("what came of the export is sent back");
    };
    update(&mut app, done);
    assert_eq!(app.working(), None);
    let said = app.message(&KeyMap::default()).unwrap();
    assert_eq!(said, format!("wrote 1 event to {}", path.display()));
    // As `tlx export --where` writes the same view: only the shown events, in file order.
    let written = std::fs::read_to_string(&path).unwrap();
    let timeline = Document::bundled().load(Options::default()).timeline;
    let filter = crate::filter::Filter {
        query: Some(crate::query::Query::parse("denied-by:kremlin").unwrap()),
        ..Default::default()
    };
    assert_eq!(written, crate::export::Format::Csv.write(&filter.narrowed(&timeline)));
    // A second export to the same name never replaces the first.
    perform(&effect, &mut Vec::new(), &Reader::default(), &results, &writing).unwrap();
    writing.finish();
    // It is written aside, then refused its name.
    let last = rx.try_iter().last();
    let Some(Message::Computed(Msg::Exported { said, .. })) = last else {
        panic!("what came of the second export is sent back");
    };
    assert_eq!(said, format!("{} exists; give another name", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

#[test]
fn every_format_the_explorer_exports_is_what_tlx_export_writes_of_the_same_view() {
    let bundled = Document::bundled().load(Options::default()).timeline;
    // A claim backed on the 1st, denied on the 9th, backed again on the 10th: its event's
    // status as of the 5th is not the one it has now.
    let text = "[timeline]\ntitle = \"Claims\"\n\n[[events]]\nid = \"v\"\ndate = \"2015-07-24\"\ntitle = \"Visit\"\n\
                [[events.claims]]\nid = \"met\"\ntext = \"They met.\"\n\
                [[events.sources]]\noutlet = \"Early\"\ndate = \"2015-08-01\"\nclaims = [\"met\"]\n\
                [[events.sources]]\noutlet = \"Late\"\ndate = \"2015-08-10\"\nclaims = [\"met\"]\n\
                [[events.denials]]\nby = \"Kremlin\"\ndate = \"2015-08-09\"\nclaims = [\"met\"]\n\n\
                [[events]]\nid = \"w\"\ndate = \"2015-07-25\"\ntitle = \"Unsourced\"\n";
    let claims = Document {
        name: "claims.toml".into(),
        path: None,
        text: text.into(),
    }
    .open(Options::default())
    .unwrap()
    .timeline;
    let views = [
        (&bundled, "tag:sanctions", None),
        (&bundled, "", Some("2015-08-07")),
        (&claims, "", Some("2015-08-05")),
    ];
    for (timeline, query, as_of) in views {
        let filter = crate::filter::Filter {
            query: (!query.is_empty()).then(|| crate::query::Query::parse(query).unwrap()),
            as_of: as_of.map(|d| crate::model::evidence::AsOf::new(crate::model::Date::parse(d).unwrap())),
            ..Default::default()
        };
        let narrowed = filter.narrowed(timeline);
        assert!(narrowed.events.len() > 1, "{query} {as_of:?}");
        for name in ["v.csv", "v.toml", "v.json", "v.md", "v.svg", "v.timelinejs.json"] {
            let (_, effect) = export_effect_as_of(timeline.clone(), query, as_of, name);
            let Effect::Export { export, .. } = effect else {
                unreachable!("an export")
            };
            let mut written = Vec::new();
            export.write(&mut written).unwrap();
            let format = crate::export::Format::from_path(std::path::Path::new(name)).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                format.write(&narrowed),
                "{name} {query} {as_of:?}"
            );
        }
    }
    let known_then = crate::filter::Filter {
        as_of: Some(crate::model::evidence::AsOf::new(
            crate::model::Date::parse("2015-08-05").unwrap(),
        )),
        ..Default::default()
    };
    let status = |t: &Timeline| t.events[0].status();
    assert_ne!(
        status(&known_then.narrowed(&claims)),
        status(&claims),
        "a status the date changes"
    );
}

#[test]
fn an_export_says_in_the_header_how_far_it_has_come() {
    use crate::app::compute::Working;
    let date = crate::model::Date::parse("2015").unwrap();
    let timeline = Timeline {
        events: (0..10_000)
            .map(|i| crate::model::Event::new(format!("e{i}"), date.clone(), "T"))
            .collect(),
        ..Timeline::default()
    };
    for name in ["v.csv", "v.md", "v.svg", "v.timelinejs.json"] {
        let (mut app, effect) = export_effect_as_of(timeline.clone(), "", None, name);
        let Effect::Export { path, export } = effect else {
            unreachable!("an export")
        };
        let mut said = Vec::new();
        export.write_saying(&mut Vec::new(), &mut |p| said.push(p)).unwrap();
        assert_eq!(said, [40, 81, 100], "{name}");
        assert_eq!(app.working(), Some(Working::Exporting(None)));
        update(
            &mut app,
            Msg::Exporting {
                path: path.clone(),
                percent: 40,
            },
        );
        assert_eq!(app.working(), Some(Working::Exporting(Some(40))));
        assert_eq!(Working::Exporting(Some(40)).chip(), "exporting 40%");
        update(
            &mut app,
            Msg::Exporting {
                path: path.clone(),
                percent: 30,
            },
        );
        assert_eq!(app.working(), Some(Working::Exporting(Some(40))), "never back");
        update(
            &mut app,
            Msg::Exported {
                path: path.clone(),
                said: "wrote".into(),
            },
        );
        update(&mut app, Msg::Exporting { path, percent: 81 });
        assert_eq!(app.working(), None, "a report after the end is dropped");
    }
}
