//! The watcher on real files in a temporary directory: saves by rename and in place, a broken
//! save, and a save that changes nothing.

use std::sync::mpsc;
use std::time::Duration;

use super::*;
use crate::load::DEFAULT_MAX_SIZE;

/// Long enough for a loaded machine; the watcher debounces for 150 ms.
const WAIT: Duration = Duration::from_secs(5);
/// How long "nothing happens" is given to show itself.
const QUIET: Duration = Duration::from_millis(800);

const GOOD: &str = "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n";

/// A plan to watch `t.toml` in `dir`, written with the good text.
fn plan(dir: &Path) -> (Plan, PathBuf) {
    let path = dir.join("t.toml");
    std::fs::write(&path, GOOD).unwrap();
    let plan = Plan {
        labels: vec!["t".into()],
        loaded: Vec::new(),
        paths: vec![path.clone()],
        max_size: DEFAULT_MAX_SIZE,
        in_background: false,
    };
    (plan, path)
}

fn watching(dir: &Path) -> (Watch, mpsc::Receiver<Reload>, PathBuf) {
    let (plan, path) = plan(dir);
    let (tx, rx) = mpsc::channel();
    let watch = spawn(plan, move |r| tx.send(r).is_ok()).unwrap();
    (watch, rx, path)
}

/// Saves as editors do: a new file renamed over the old one.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// What a change came to: the report after those saying the file is being loaded again (one
/// at least; a broken save is looked at twice).
fn outcome(rx: &mpsc::Receiver<Reload>) -> Reload {
    let mut reloading = 0;
    loop {
        match rx.recv_timeout(WAIT).unwrap() {
            Reload::Reloading { .. } => reloading += 1,
            Reload::Stopped(why) => return Reload::Stopped(why),
            other => {
                assert!(reloading > 0, "{other:?} came unannounced");
                return other;
            }
        }
    }
}

fn titles(reload: &Reload) -> Vec<String> {
    match reload {
        Reload::Loaded { loaded, .. } => loaded.timeline.events.iter().map(|e| e.title.to_string()).collect(),
        other => panic!("expected a loaded file, got {other:?}"),
    }
}

#[test]
fn a_save_by_rename_is_loaded_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_watch, rx, path) = watching(dir.path());
    save_by_rename(&path, &GOOD.replace("\"A\"", "\"A, revised\""));
    assert_eq!(titles(&outcome(&rx)), ["A, revised"]);
}

#[test]
fn a_broken_save_is_reported_and_fixing_it_loads_again() {
    let dir = tempfile::tempdir().unwrap();
    let (_watch, rx, path) = watching(dir.path());
    std::fs::write(&path, format!("{GOOD}[[events]]\nid = \"b\n")).unwrap();
    match outcome(&rx) {
        Reload::Broken { part: 0, message } => assert!(message.contains("t.toml:9:"), "{message}"),
        other => panic!("expected a broken file, got {other:?}"),
    }
    std::fs::write(&path, GOOD).unwrap();
    assert_eq!(titles(&outcome(&rx)), ["A"]);
}

#[test]
fn a_save_with_the_same_text_or_another_files_change_reloads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_watch, rx, path) = watching(dir.path());
    save_by_rename(&path, GOOD);
    std::fs::write(dir.path().join("other.toml"), "x").unwrap();
    assert!(rx.recv_timeout(QUIET).is_err());
}

#[test]
fn a_panic_on_the_watcher_thread_ends_the_watch_and_is_reported_not_raised() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, path) = plan(dir.path());
    let (tx, rx) = mpsc::channel();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    // The first report panics, as a bug in loading would; the second must say the watch stopped.
    let _watch = spawn(plan, move |r| {
        if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            panic!("injected");
        }
        tx.send(r).is_ok()
    })
    .unwrap();
    save_by_rename(&path, &GOOD.replace("\"A\"", "\"B\""));
    match outcome(&rx) {
        Reload::Stopped(why) => assert!(why.contains("injected"), "{why}"),
        other => panic!("expected the watch to stop, got {other:?}"),
    }
}

#[test]
fn with_two_files_a_change_to_one_is_merged_with_the_others_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::fs::write(&first, GOOD).unwrap();
    std::fs::write(&second, GOOD.replace("\"A\"", "\"B\"")).unwrap();
    let load = |p: &Path| read(p).open(Options::default()).unwrap().timeline;
    let plan = Plan {
        labels: vec!["a".into(), "b".into()],
        loaded: vec![load(&first), load(&second)],
        paths: vec![first.clone(), second.clone()],
        max_size: DEFAULT_MAX_SIZE,
        in_background: false,
    };
    let (tx, rx) = mpsc::channel();
    let _watch = spawn(plan, move |r| tx.send(r).is_ok()).unwrap();
    save_by_rename(&second, &GOOD.replace("\"A\"", "\"B, revised\""));
    let reload = outcome(&rx);
    assert!(matches!(reload, Reload::Loaded { part: 1, .. }));
    assert_eq!(titles(&reload), ["A", "B, revised"]);
}

/// Two files loading in the background, the watcher holding their previews (the first event
/// of each), both with two events on disk; `second` is what the second file holds.
fn two_loading(dir: &Path, second: &str) -> (mpsc::Receiver<Reload>, Watch, PathBuf) {
    let (first, other) = (dir.join("a.toml"), dir.join("b.toml"));
    let two = format!("{GOOD}\n[[events]]\nid = \"a2\"\ndate = \"2016\"\ntitle = \"A2\"\n");
    std::fs::write(&first, &two).unwrap();
    std::fs::write(&other, second).unwrap();
    let preview = |title: &str| {
        read_text(&GOOD.replace("\"A\"", title))
            .open(Options::default())
            .unwrap()
            .timeline
    };
    let plan = Plan {
        labels: vec!["a".into(), "b".into()],
        loaded: vec![preview("\"A\""), preview("\"B\"")],
        paths: vec![first.clone(), other],
        max_size: DEFAULT_MAX_SIZE,
        in_background: true,
    };
    let (tx, rx) = mpsc::channel();
    let watch = spawn(plan, move |r| tx.send(r).is_ok()).unwrap();
    (rx, watch, first)
}

#[test]
fn a_change_while_several_files_load_is_merged_with_the_others_read_whole_not_their_previews() {
    let dir = tempfile::tempdir().unwrap();
    let second = GOOD.replace("\"A\"", "\"B\"") + "\n[[events]]\nid = \"b2\"\ndate = \"2017\"\ntitle = \"B2\"\n";
    let (rx, _watch, first) = two_loading(dir.path(), &second);
    save_by_rename(&first, &GOOD.replace("\"A\"", "\"A, revised\""));
    let reload = outcome(&rx);
    assert!(matches!(reload, Reload::Loaded { part: 0, .. }));
    assert_eq!(titles(&reload), ["A, revised", "B", "B2"]);
    // Read whole once: the second file's next merge uses what was read.
    save_by_rename(&first, GOOD);
    assert_eq!(titles(&outcome(&rx)), ["A", "B", "B2"]);
}

#[test]
fn a_file_loading_in_the_background_that_does_not_open_keeps_its_preview_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (rx, _watch, first) = two_loading(dir.path(), "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"b\"\n");
    save_by_rename(&first, &GOOD.replace("\"A\"", "\"A, revised\""));
    assert!(matches!(rx.recv_timeout(WAIT).unwrap(), Reload::Reloading { part: 0 }));
    let Reload::Broken { part: 1, message } = rx.recv_timeout(WAIT).unwrap() else {
        panic!("the second file's errors first");
    };
    assert!(message.contains("b.toml:3:1"), "{message}");
    assert_eq!(titles(&rx.recv_timeout(WAIT).unwrap()), ["A, revised", "B"]);
}

/// The document of `text`, which must read.
fn read_text(text: &str) -> Document {
    Document {
        name: "preview.toml".into(),
        path: None,
        text: text.to_string().into(),
    }
}

#[test]
fn a_file_read_in_pieces_has_the_fingerprint_of_its_text_with_or_without_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    let long = GOOD.repeat(40_000);
    for text in [GOOD.to_string(), format!("\u{feff}{GOOD}"), long] {
        std::fs::write(&path, &text).unwrap();
        let doc = read(&path);
        assert_eq!(fingerprint_file(&path), Some(fingerprint(&doc)), "{} bytes", text.len());
    }
    let other = read(&path);
    std::fs::write(&path, GOOD).unwrap();
    assert_ne!(fingerprint_file(&path), Some(fingerprint(&other)));
}

#[test]
fn a_file_loading_in_the_background_is_not_read_again_and_its_first_save_reloads_it() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, path) = plan(dir.path());
    let (tx, rx) = mpsc::channel();
    let _watch = spawn(
        Plan {
            in_background: true,
            ..plan
        },
        move |r| tx.send(r).is_ok(),
    )
    .unwrap();
    // Its text when loading began is not known here, so even the same text is taken in: the
    // background load may have read an older version.
    save_by_rename(&path, GOOD);
    assert_eq!(titles(&outcome(&rx)), ["A"]);
    save_by_rename(&path, GOOD);
    assert!(rx.recv_timeout(QUIET).is_err(), "known from then on");
}

#[test]
fn a_save_with_a_bad_event_opens_the_others_and_says_which_was_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (_watch, rx, path) = watching(dir.path());
    let bad = "\n[[events]]\nid = \"b\"\ndate = \"2015-02-30\"\ntitle = \"B\"\n";
    save_by_rename(&path, &format!("{GOOD}{bad}"));
    let reload = outcome(&rx);
    assert_eq!(titles(&reload), ["A"]);
    let Reload::Loaded { set_aside, .. } = reload else {
        unreachable!()
    };
    let said = set_aside.expect("the set-aside event is named");
    assert!(
        said.starts_with("1 event set aside") && said.contains("t.toml:11:"),
        "{said}"
    );
}

/// The document at `path`, which must read.
fn read(path: &Path) -> Document {
    Document::read(path, &Options::default()).unwrap()
}

/// Every `Reloading` is followed by what came of it, or the header would say `reloading…` for
/// good. A change to a file whose broken save awaits its second look used to drop that look and,
/// when the file still held the same broken text, send nothing at all. Events are fed to the
/// watcher's loop by hand, so the second change comes while the look is pending.
#[test]
fn a_change_during_the_second_look_at_a_broken_save_still_ends_in_what_came_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, path) = plan(dir.path());
    std::fs::write(&path, format!("{GOOD}[[events]]\nid = \"b\n")).unwrap();
    let mut files = Files {
        labels: plan.labels,
        loaded: plan.loaded,
        whole: Vec::new(),
        wanted: HashMap::from([(path.clone(), 0)]),
        // Last seen with other text, so the broken one is a change.
        seen: vec![(path.clone(), Some(0))],
        max_size: plan.max_size,
    };
    let (events, rx_events) = mpsc::channel();
    let (tx, rx) = mpsc::channel();
    let changed = || Ok(Event::new(EventKind::Any).add_path(path.clone()));
    events.send(changed()).unwrap();
    let looping = thread::spawn(move || files.run(&rx_events, &move |r| tx.send(r).is_ok()));
    assert!(matches!(rx.recv_timeout(WAIT).unwrap(), Reload::Reloading { part: 0 }));
    // The same broken text, changed again before the second look.
    events.send(changed()).unwrap();
    let mut last = None;
    while let Ok(reload) = rx.recv_timeout(WAIT) {
        let broken = matches!(reload, Reload::Broken { .. });
        last = Some(reload);
        if broken {
            break;
        }
    }
    assert!(matches!(last, Some(Reload::Broken { part: 0, .. })), "{last:?}");
    drop(events);
    looping.join().unwrap();
}
