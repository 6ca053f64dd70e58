//! The real binary in a pseudo-terminal: search, drill down, quit, resize, signals, live reload,
//! bookmarks across restarts; the terminal is restored.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte tlx wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the terminal has no more to read: every byte tlx wrote is in `screen` and `raw`.
    drained: Arc<std::sync::atomic::AtomicBool>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
}

/// The list's title with the `n`th of the bundled timeline's events selected: "Events 1/17".
fn at(n: usize) -> String {
    let events = tlx::load::Document::bundled()
        .load(Default::default())
        .timeline
        .events
        .len();
    format!("Events {n}/{events}")
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// A test that fails leaves no tlx behind.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_in(&std::env::temp_dir(), args)
    }

    /// Starts tlx with `home` as its data directory, so no test touches the user's bookmarks.
    fn start_in(home: &std::path::Path, args: &[&str]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        Session::spawn(cmd)
    }

    /// Runs `cmd` (tlx, or a shell around it) on a fresh 100x30 terminal.
    fn spawn(mut cmd: CommandBuilder) -> Session {
        let pty = native_pty_system().openpty(size(100, 30)).unwrap();
        if cmd.get_env("TERM").is_none() {
            cmd.env("TERM", "xterm-256color");
        }
        cmd.env_remove("NO_COLOR");
        // The config of whoever runs the tests stays out of them (a directory that does not exist).
        cmd.env("XDG_CONFIG_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"));
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let raw = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (sink, log, done) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&drained));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                log.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            screen,
            raw,
            drained,
            writer,
            master: pty.master,
            child,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, failing with the screen after a generous timeout.
    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("showing {text:?}"), |screen| screen.contents().contains(text));
    }

    /// Waits until `done` holds of the screen, failing with `what` and the screen after a
    /// generous timeout.
    fn wait_until(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        self.wait_within(Duration::from_secs(10), what, done);
    }

    /// Waits until `done` holds of the screen, failing with `what` and the screen after `limit`.
    fn wait_within(&self, limit: Duration, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if done(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never got to {what}:\n{}", self.contents());
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader thread takes the last bytes (the terminal's restoring) until the
                // terminal reports its end, which comes once no process holds it.
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("tlx did not exit:\n{}", self.contents());
    }

    /// Every byte tlx wrote to the terminal so far, as text: frames that have since been drawn
    /// over included.
    fn written(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Quits with `q` and checks that tlx exits cleanly and gives the terminal back.
    fn quit(&mut self) {
        self.keys("q");
        assert_eq!(self.wait_exit(), 0);
        self.assert_restored();
    }

    fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture still on"
        );
    }
}

#[test]
fn search_drill_down_and_quit_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for(&at(1));
    s.wait_for("U.S. invasion of Iraq");
    s.keys("/Moscow");
    s.wait_for("/Moscow: 1 match");
    s.keys("\r");
    s.wait_for("denied by The Kremlin");
    s.keys("\r");
    // The Moscow visit has claims: the detail's cursor starts on the first.
    s.wait_for("▸ ● arrival corroborated");
    s.keys("j");
    s.wait_for("▸ [1] Fox News");
    s.keys("?");
    s.wait_for("Help");
    // Esc then q typed together would read as Alt-q, as in any terminal program: q is typed
    // once the help is gone (the footer's "j/k move" shows under the help too).
    s.keys("\x1b");
    s.wait_until("the help closed", |screen| !screen.contents().contains("Help"));
    s.quit();
}

#[test]
fn the_next_change_key_replays_the_bundled_timeline_step_by_step() {
    let mut s = Session::start(&[]);
    s.wait_for(&at(1));
    // Each state: the header's knowledge date and count, the footer's first words, and whether
    // the list marks events known only by a later date at the latest (≤).
    let steps = [
        (
            "2003",
            2,
            "2003: \"U.S. invasion of Iraq\" and 1 more · 2 events appear, known by",
            true,
        ),
        (
            "2007",
            4,
            "2007: \"UN imposes travel ban and…\" and 1 more · 2 events appear",
            true,
        ),
        (
            "2010",
            5,
            "2010: \"Russia freezes S-300 supply…\" · 1 event appears",
            true,
        ),
        (
            "2011",
            6,
            "2011: \"EU designates the Quds Force\" · 1 event appears",
            true,
        ),
        (
            "17 Sep 2013",
            7,
            "17 Sep 2013: \"Soleimani photographed at a…\" · 1 event appears",
            true,
        ),
        (
            "Jun 2014",
            8,
            "Jun 2014: \"Soleimani reportedly lands…\" · 1 event appears",
            true,
        ),
        (
            "Apr 2015",
            9,
            "Apr 2015: \"Putin lifts suspension of…\" · 1 event appears",
            true,
        ),
        (
            "Jun 2015",
            10,
            "Jun 2015: RFE/RL reports \"UN panel of experts reports…\" · 1 event appears",
            true,
        ),
        (
            "27 Jul 2015",
            12,
            "27 Jul 2015: \"Soleimani leaves Russia\" and 1 more · 2 events appear",
            true,
        ),
        (
            "7 Aug 2015",
            17,
            "7 Aug 2015: 25 reports and 5 denials · 5 events appear, 11 events now public",
            false,
        ),
    ];
    for (date, shown, footer, marked) in steps {
        s.keys(")");
        let what = format!("as of {date} with {shown} events and {footer:?}");
        s.wait_until(&what, |screen| {
            let text = screen.contents();
            let last = text.lines().last().unwrap_or_default().to_string();
            text.lines().next().is_some_and(|header| {
                header.contains(&format!(" as of {date} ")) && header.contains(&format!(" {shown} of 17 events"))
            }) && last.starts_with(&format!(" {footer}"))
                && text.contains('≤') == marked
        });
    }
    s.keys(")");
    s.wait_for("no later change");
    // Back one change: the state of 27 July again.
    s.keys("(");
    s.wait_for("27 Jul 2015: \"Soleimani leaves Russia\"");
    s.wait_for(" 12 of 17 events");
    s.quit();
}

#[test]
fn resizing_down_to_one_cell_and_back_keeps_running() {
    let mut s = Session::start(&[]);
    s.wait_for(&at(1));
    for (cols, rows) in [(1, 1), (20, 5), (2, 40), (200, 3), (100, 30)] {
        // As a terminal does: its grid changes, then it tells the program. The other order
        // lets a frame drawn for the new size land on the old grid, and be cut.
        s.screen.lock().unwrap().set_size(nz(rows), nz(cols));
        s.master.resize(size(cols, rows)).unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys("j");
    s.wait_for(&at(2));
    s.quit();
}

#[test]
fn sigterm_sighup_sigint_and_sigquit_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let mut s = Session::start(&[]);
        s.wait_for(&at(1));
        let pid = s.child.process_id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(s.wait_exit(), code, "SIG{signal}");
        s.assert_restored();
    }
}

/// Sends `signal` (a name for kill(1)) to process `pid`.
fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits until process `pid` is stopped (state T in /proc), as a shell's job control sees it.
fn wait_stopped(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") T ")) {
        assert!(Instant::now() < deadline, "tlx never stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_suspend_gives_the_terminal_back_and_continuing_redraws() {
    let mut s = Session::start(&[]);
    s.wait_for(&at(1));
    let pid = s.child.process_id().unwrap();
    // SIGTSTP from outside, then Ctrl-Z typed, each followed by what `fg` sends.
    for suspend in [Some("TSTP"), None] {
        match suspend {
            Some(signal) => kill(signal, pid),
            None => s.keys("\x1a"),
        }
        wait_stopped(pid);
        s.wait_until("the shell's screen", |screen| !screen.alternate_screen());
        s.assert_restored();
        kill("CONT", pid);
        s.wait_until("the explorer redrawn", |screen| {
            screen.alternate_screen() && screen.contents().contains(&at(1))
        });
    }
    s.keys("j");
    s.wait_for(&at(2));
    s.quit();
}

#[test]
fn a_file_with_errors_is_reported_before_the_screen_is_touched() {
    let (_dir, path) = write_temp(
        "bad.toml",
        "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"A\"\n",
    );
    let mut s = Session::start(&[path.to_str().unwrap()]);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("bad.toml:5:8");
    s.assert_restored();
}

const SMALL: &str =
    "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015-07-24\"\ntitle = \"First version\"\n";

/// A temporary directory holding one file.
fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// A directory holding `t.toml` with the SMALL timeline.
fn small_timeline() -> (tempfile::TempDir, std::path::PathBuf) {
    write_temp("t.toml", SMALL)
}

#[test]
fn editing_the_open_file_updates_the_screen_and_a_broken_save_keeps_the_data() {
    let (dir, path) = small_timeline();
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for("First version");
    // Saved as editors save: a new file renamed over the old one.
    let tmp = dir.path().join(".t.toml.swp");
    std::fs::write(&tmp, SMALL.replace("First version", "Second version")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    s.wait_for("Second version");
    std::fs::write(&path, format!("{SMALL}[[events]]\nid = \"b\n")).unwrap();
    s.wait_for("t changed and does not load");
    s.wait_for("t.toml:9:");
    assert!(s.contents().contains("Second version"), "the last good data stays");
    std::fs::write(&path, SMALL).unwrap();
    s.wait_for("First version");
    assert!(!s.contents().contains("does not load"));
    s.quit();
}

#[test]
fn a_starred_event_with_a_note_survives_a_restart() {
    let (dir, path) = small_timeline();
    let file = path.to_str().unwrap();
    let mut s = Session::start_in(dir.path(), &[file]);
    s.wait_for("First version");
    s.keys("m");
    s.wait_for("starred;");
    s.keys("Ncheck the wire copy\r");
    s.wait_for("note saved");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let sidecar = std::fs::read_to_string(dir.path().join("t.toml.tlx-notes.toml")).unwrap();
    assert!(sidecar.contains("note = \"check the wire copy\""), "{sidecar}");
    let mut s = Session::start_in(dir.path(), &[file]);
    s.wait_for("★ starred · ✎ check the wire copy");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn two_files_open_side_by_side_with_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    let fox = dir.path().join("fox.toml");
    let wire = dir.path().join("wire.toml");
    std::fs::write(&fox, SMALL).unwrap();
    std::fs::write(&wire, SMALL.replace("First version", "Wire version")).unwrap();
    let mut s = Session::start_in(dir.path(), &[fox.to_str().unwrap(), wire.to_str().unwrap()]);
    s.wait_for("fox   First version");
    s.wait_for("wire  Wire version");
    s.wait_for("2 of 2 events");
    s.keys("v");
    s.wait_for("only fox");
    s.wait_for("1 of 2 events");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_corrupt_sidecar_is_reported_the_timeline_opens_and_the_next_save_keeps_it_aside() {
    let (dir, path) = small_timeline();
    let sidecar = dir.path().join("t.toml.tlx-notes.toml");
    std::fs::write(&sidecar, "[events.a\nstarred = tr").unwrap();
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for("First version");
    s.wait_for("bookmarks unreadable");
    s.keys("m");
    s.wait_for("kept it as");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let aside = dir.path().join("t.toml.tlx-notes.toml.corrupt");
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "[events.a\nstarred = tr");
    assert!(std::fs::read_to_string(&sidecar).unwrap().contains("starred = true"));
}

fn mkfifo(path: &std::path::Path) {
    assert!(
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success()
    );
}

#[test]
fn a_fifo_sidecar_never_freezes_the_explorer_at_open_or_at_a_save() {
    let (dir, path) = small_timeline();
    let sidecar = dir.path().join("t.toml.tlx-notes.toml");
    mkfifo(&sidecar);
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for("First version");
    s.wait_for("not a regular file");
    s.keys("m");
    s.wait_for("could not save bookmarks");
    s.quit();
    assert!(
        !std::fs::symlink_metadata(&sidecar).unwrap().is_file(),
        "the FIFO stays"
    );
    // A FIFO that appears mid-session, where the last save wrote a file.
    std::fs::remove_file(&sidecar).unwrap();
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for("First version");
    s.keys("m");
    s.wait_for("starred;");
    std::fs::remove_file(&sidecar).unwrap();
    mkfifo(&sidecar);
    s.keys("m");
    s.wait_for("could not save bookmarks");
    s.keys("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn the_config_rebinds_keys_and_writes_dates_as_asked() {
    let (_dir, config) = write_temp(
        "config.toml",
        "dates = \"iso\"\nzoom = \"year\"\n[keys.browse]\nx = \"quit\"\nq = \"none\"\n",
    );
    let mut s = Session::start(&["--config", config.to_str().unwrap()]);
    s.wait_for(&at(1));
    s.wait_for("2015-07-24");
    s.keys("q");
    s.keys("j");
    // q no longer quits, so the j after it moves.
    s.wait_for(&at(2));
    s.keys("x");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// A timeline whose title and source try to take over the terminal: an escape sequence that
/// clears the screen, an 8-bit CSI (U+009B) that sets a colour, a right-to-left override, a
/// title-setting OSC, and a link whose shell metacharacters must reach the opener untouched.
const HOSTILE: &str = r#"[timeline]
title = "Hostile \u001b]0;pwned\u0007 timeline"

[[events]]
id = "x"
date = "2015-07-24"
title = "Clear\u001b[2J \u009b31mred gpj\u202e.exe"
summary = "Line one\u2028line two"
  [[events.sources]]
  outlet = "Fox\nNews"
  quote = "said\u200b so"
  url = "https://example.org/a;touch${IFS}pwned&b=$(id)"
"#;

fn hostile_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, HOSTILE).unwrap();
    (dir, path)
}

/// The bytes a terminal would act on besides what tlx itself sends: the escape sequences of
/// ratatui and crossterm (CSI ... final byte) are taken out, then nothing hidden may remain.
fn assert_nothing_hidden_sent(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let csi = regex::Regex::new(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[78=>]").unwrap();
    let rest = csi.replace_all(&text, "");
    let bad: Vec<char> = rest
        .chars()
        .filter(|&c| tlx::text::is_hidden(c) && !matches!(c, '\r' | '\n'))
        .collect();
    assert!(bad.is_empty(), "sent {bad:?} in {rest:?}");
}

#[test]
fn a_hostile_file_is_shown_with_markers_and_sends_nothing_hidden() {
    let (_dir, path) = hostile_file();
    let mut s = Session::start(&[path.to_str().unwrap()]);
    s.wait_for("Clear␛[2J ⟨U+009B⟩31mred gpj⟨U+202E⟩.exe");
    s.wait_for("Hostile ␛]0;pwned␇ timeline");
    s.keys("\r");
    s.wait_for("Fox␤News");
    s.quit();
    assert_nothing_hidden_sent(&s.raw.lock().unwrap());
}

/// A quote that, pasted raw into a shell, would end bracketed paste and run a command.
const PASTE_ESCAPE: &str = r#"[timeline]
title = "T"

[[events]]
id = "x"
date = "2015-07-24"
title = "Copied"
  [[events.sources]]
  outlet = "Fox"
  quote = "see report\"\u001b[201~; touch $TMPDIR/pwned #\n"
"#;

#[test]
fn the_clipboard_gets_the_citation_with_its_controls_marked() {
    let (_dir, path) = write_temp("paste.toml", PASTE_ESCAPE);
    let mut s = Session::start(&[path.to_str().unwrap()]);
    s.wait_for("Events 1/1");
    s.keys("\r");
    s.wait_for("▸ Fox · reports");
    s.keys("y");
    s.wait_for("citation copied");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.written();
    let osc52 = regex::Regex::new("\x1b\\]52;c;([A-Za-z0-9+/=]*)\x07").unwrap();
    let payload = &osc52.captures(&raw).expect("an OSC 52 sequence")[1];
    use base64::Engine;
    let pasted = base64::engine::general_purpose::STANDARD.decode(payload).unwrap();
    let pasted = String::from_utf8(pasted).unwrap();
    assert!(
        pasted.contains("see report\"␛[201~; touch $TMPDIR/pwned #␤\""),
        "{pasted:?}"
    );
    assert!(!pasted.chars().any(tlx::text::is_hidden), "{pasted:?}");
    assert_nothing_hidden_sent(osc52.replace_all(&raw, "").as_bytes());
}

#[test]
fn the_opener_gets_the_url_as_one_argument_and_no_shell_runs_it() {
    let (dir, path) = hostile_file();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("opened");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
    cmd.arg(&path);
    cmd.env("PATH", &bin);
    cmd.cwd(dir.path());
    let mut s = Session::spawn(cmd);
    s.wait_for("Events 1/1");
    s.keys("\ro");
    s.wait_for("opening example.org");
    // The opener's shell creates the log before it writes it: wait for both lines.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&log).is_ok_and(|l| l.lines().count() >= 2) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let opened = std::fs::read_to_string(&log).unwrap();
    assert_eq!(opened, "1\nhttps://example.org/a;touch${IFS}pwned&b=$(id)\n");
    assert!(!dir.path().join("pwned").exists());
}

#[test]
fn stdout_redirected_from_a_terminal_writes_the_listing_without_escape_bytes() {
    let (dir, path) = hostile_file();
    let out = dir.path().join("out.txt");
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", "exec \"$0\" \"$1\" > \"$2\""]);
    cmd.args([env!("CARGO_BIN_EXE_tlx"), path.to_str().unwrap(), out.to_str().unwrap()]);
    let mut s = Session::spawn(cmd);
    assert_eq!(s.wait_exit(), 0);
    let listing = std::fs::read(&out).unwrap();
    assert!(!listing.contains(&0x1b), "{:?}", String::from_utf8_lossy(&listing));
    assert_nothing_hidden_sent(&listing);
    assert!(String::from_utf8_lossy(&listing).contains("Clear␛[2J"));
    s.assert_restored();
}

#[test]
fn a_dumb_terminal_gets_the_plain_listing() {
    let (_dir, path) = hostile_file();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
    cmd.arg(&path);
    cmd.env("TERM", "dumb");
    let mut s = Session::spawn(cmd);
    assert_eq!(s.wait_exit(), 0);
    s.wait_for("Clear␛[2J");
    assert!(!s.raw.lock().unwrap().contains(&0x1b));
}

#[test]
fn without_a_controlling_terminal_or_terminal_input_tlx_prints_the_listing() {
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", "exec setsid -w \"$0\" < /dev/null", env!("CARGO_BIN_EXE_tlx")]);
    let mut s = Session::spawn(cmd);
    assert_eq!(s.wait_exit(), 0);
    s.wait_for("U.S. invasion of Iraq");
    s.assert_restored();
    assert!(!s.raw.lock().unwrap().contains(&0x1b));
}

/// Reads a 100x30 terminal's output until the bundled timeline's explorer is up.
fn read_until_up(reader: &mut impl Read) {
    let mut screen = vt100::Parser::new(nz(30), nz(100), 0);
    let mut buf = [0u8; 8192];
    while !screen.screen().contents().contains(&at(1)) {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "tlx ended early");
        screen.process(&buf[..n]);
    }
}

#[test]
fn closing_the_terminal_ends_tlx_with_the_hangup_code_not_a_panic() {
    let pty = native_pty_system().openpty(size(100, 30)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    // Read until the explorer is up, then close this end of the terminal for good.
    read_until_up(&mut reader);
    drop(reader);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "tlx did not exit after the hangup");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The hangup (SIGHUP) and the failed read of the keyboard (EIO) race; both end as a
    // hangup does. A panic would be 101, a hang the timeout above.
    assert_eq!(status.exit_code(), 129);
}

#[test]
fn a_hangup_that_sends_no_sighup_still_ends_tlx() {
    // The kernel signals only the session leader, here a shell that ignores SIGHUP and waits for
    // tlx: tlx must notice the hangup itself (crossterm alone would spin on the dead terminal).
    let pty = native_pty_system().openpty(size(100, 30)).unwrap();
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", "trap '' HUP; \"$0\"; true", env!("CARGO_BIN_EXE_tlx")]);
    cmd.env("TERM", "xterm-256color");
    let shell = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    read_until_up(&mut reader);
    let shell_pid = shell.process_id().unwrap();
    let children = std::fs::read_to_string(format!("/proc/{shell_pid}/task/{shell_pid}/children")).unwrap();
    let tlx: u32 = children.split_whitespace().next().unwrap().parse().unwrap();
    drop(reader);
    drop(pty.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{tlx}")).exists()
        && !std::fs::read_to_string(format!("/proc/{tlx}/stat")).is_ok_and(|s| s.contains(") Z "))
    {
        if Instant::now() > deadline {
            let _ = std::process::Command::new("kill")
                .args(["-9", &tlx.to_string()])
                .status();
            panic!("tlx kept running on a hung-up terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A timeline of `n` events over 2 MiB, so that it opens on a preview and loads on a thread.
fn large_timeline(n: usize, tail: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut text = String::from("[timeline]\ntitle = \"Big\"\n");
    for i in 0..n {
        text += &format!(
            "\n[[events]]\nid = \"e{i}\"\ndate = \"{}-06-01\"\ntitle = \"Event number {i}\"\nsummary = \"{}\"\n",
            1000 + (i * 7919) % 1000,
            "words ".repeat(30)
        );
    }
    text += tail;
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    write_temp("big.toml", &text)
}

/// `big.toml`'s events under other ids, with `tail` after them, written beside it as `other.toml`.
fn beside(big: &std::path::Path, tail: &str) -> std::path::PathBuf {
    let other = big.with_file_name("other.toml");
    let text = std::fs::read_to_string(big).unwrap().replace("id = \"e", "id = \"o");
    std::fs::write(&other, text + tail).unwrap();
    other
}

#[test]
fn several_large_files_open_on_their_first_events_then_load_whole() {
    let (dir, path) = large_timeline(12_000, "");
    let other = beside(&path, "");
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap(), other.to_str().unwrap()]);
    s.wait_for("24000 of 24000 events");
    assert!(s.written().contains("loading 0%"), "the first frame is the previews");
    s.keys("G");
    s.wait_for("Events 24000/24000");
    s.quit();
}

#[test]
fn of_several_large_files_one_that_does_not_open_keeps_the_previews_under_its_errors() {
    let (dir, path) = large_timeline(12_000, "");
    // A string left open: no event can be told from the next, so the file does not open.
    let other = beside(&path, "\n[[events]]\nid = \"bad\n");
    let lines = std::fs::read_to_string(&other).unwrap().lines().count();
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap(), other.to_str().unwrap()]);
    let place = format!("other.toml:{lines}:");
    s.wait_for(&place);
    assert!(!s.contents().contains("24000"), "the previews stay:\n{}", s.contents());
    s.keys("q");
    assert_ne!(s.wait_exit(), 0, "the file that did not open is reported at the close");
    s.assert_restored();
    let written = s.written();
    let after = &written[written.rfind("\x1b[?1049l").expect("the alternate screen left")..];
    assert!(after.contains(&place), "{after:?}");
}

#[test]
fn a_large_file_opens_on_its_first_events_then_loads_whole() {
    let (dir, path) = large_timeline(12_000, "");
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for("12000 of 12000 events");
    let first_frame = s.written();
    assert!(first_frame.contains("loading 0%"), "the first frame is the preview");
    s.keys("G");
    s.wait_for("Events 12000/12000");
    s.quit();
}

#[test]
fn a_large_file_with_an_error_near_its_end_opens_with_that_event_set_aside_and_says_where() {
    let (dir, path) = large_timeline(
        12_000,
        "\n[[events]]\nid = \"bad\"\ndate = \"2015-02-30\"\ntitle = \"Bad\"\n",
    );
    let lines = std::fs::read_to_string(&path).unwrap().lines().count();
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for(&format!("big.toml:{}:8", lines - 1));
    s.wait_for("1 event set aside");
    s.wait_for("12000 of 12000 events");
    assert!(s.written().contains("loading 0%"));
    s.quit();
}

#[test]
fn keys_answer_while_a_large_file_loads_and_a_filter_typed_meanwhile_applies_when_it_is_in() {
    // About 25 MB: loading takes hundreds of times longer than answering a few keys, even on a
    // fast machine, so the keys below are answered while the chip still says "loading".
    let n = 100_000;
    let (dir, path) = large_timeline(n, "");
    keys_answer_while_loading_and_a_filter_applies_at_the_end(dir.path(), &path, n);
}

/// Issue 18's test at its own scale: a million short events (about 75 MB; under a minute to
/// load in the test build on two busy cores).
#[test]
fn a_million_events_keep_keys_answering_while_they_load_and_a_filter_typed_meanwhile_applies() {
    let n = 1_000_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.toml");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "[timeline]\ntitle = \"A million\"").unwrap();
    for i in 0..n {
        let year = 1000 + (i * 7919) % 1000;
        write!(
            out,
            "\n[[events]]\nid = \"e{i}\"\ndate = \"{year}-06-01\"\ntitle = \"Event number {i}\"\n"
        )
        .unwrap();
    }
    out.into_inner().unwrap().sync_all().unwrap();
    keys_answer_while_loading_and_a_filter_applies_at_the_end(dir.path(), &path, n);
}

/// Opens the `n` events of `path` (large enough to load on a thread behind a preview): a key
/// moves the selection while the chip still says "loading", and a filter for the last event's
/// number, typed meanwhile, finds that event once the whole file is in.
fn keys_answer_while_loading_and_a_filter_applies_at_the_end(home: &std::path::Path, path: &std::path::Path, n: usize) {
    let mut s = Session::start_in(home, &[path.to_str().unwrap()]);
    s.wait_for("loading");
    s.keys("j");
    s.wait_until("a key answered while the file loads", |screen| {
        let text = screen.contents();
        text.contains("Events 2/") && text.contains("loading")
    });
    // The last event lies far past the preview (the file's first megabyte).
    let last = n - 1;
    s.keys(&format!("f{last}"));
    s.wait_until("the filter typed while the file loads", |screen| {
        let text = screen.contents();
        text.contains(&format!("filter: {last}")) && text.contains("loading")
    });
    s.keys("\r");
    // The test build loads slowly on a loaded machine: the load's end is given long.
    let whole = format!("1 of {n} events");
    s.wait_within(Duration::from_secs(300), &whole, |screen| {
        screen.contents().contains(&whole)
    });
    s.wait_for(&format!("Event number {last}"));
    s.quit();
}

#[test]
fn the_end_of_a_large_load_and_a_filter_on_it_are_worked_out_off_the_ui_thread() {
    let n = 100_000;
    let (dir, path) = large_timeline(n, "");
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    // The whole file is read and made ready on the loading thread; what is shown of it is
    // worked out on a worker while the preview stays up and answers.
    s.wait_within(Duration::from_secs(300), "the load's last stage", |screen| {
        screen.contents().contains("loading 100%")
    });
    // End, pressed as the load ends, means the last event of the whole file.
    s.keys("G");
    let whole = format!("of {n} events");
    let last = format!("Events {n}/{n}");
    s.wait_within(Duration::from_secs(300), &last, |screen| {
        let text = screen.contents();
        text.contains(&whole) && text.contains(&last) && !text.contains("loading")
    });
    s.keys("fEvent number 1234\r");
    // Each key typed asks for a pass over 100,000 events in the test build: given long.
    s.wait_within(
        Duration::from_secs(300),
        "the filter's result, the chip gone",
        |screen| {
            let text = screen.contents();
            // "1234" is in the numbers of 120 of the events.
            text.contains(&format!("120 {whole}")) && !text.contains("filtering")
        },
    );
    // The frame after each key is drawn before the worker, spawned just then, could have gone
    // through 100,000 events: the header said so meanwhile.
    let frames = s.written();
    assert!(frames.contains("filtering…"), "the header said it was filtering");
    s.keys("g");
    s.wait_for("Events 1/120");
    s.keys("j");
    s.wait_for("Events 2/120");
    s.quit();
}

/// The explorer on a large timeline of `n` events (see [`large_timeline`]), waited on until it
/// is loaded whole; the directory holding the file goes with it.
fn loaded_large(n: usize) -> (tempfile::TempDir, Session) {
    let (dir, path) = large_timeline(n, "");
    let s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    let whole = format!("of {n} events");
    s.wait_within(Duration::from_secs(300), &whole, |screen| {
        screen.contents().contains(&whole) && !screen.contents().contains("loading")
    });
    (dir, s)
}

#[test]
fn a_search_on_a_large_file_runs_off_the_ui_thread_and_says_so_until_complete() {
    let (_dir, mut s) = loaded_large(100_000);
    s.keys("/Event number 1234");
    // Each key typed asks for a pass over 100,000 events in the test build: given long.
    s.wait_within(Duration::from_secs(300), "the search complete", |screen| {
        // "1234" is in the numbers of 120 of the events.
        screen.contents().contains("/Event number 1234: 120 matches")
    });
    // The frame after each key is drawn before the worker could have searched 100,000 events:
    // the header said it was searching meanwhile.
    let frames = s.written();
    assert!(frames.contains("searching…"), "the header said it was searching");
    s.keys("\r");
    s.wait_for("120 matches");
    s.keys("n");
    s.wait_for("match 2 of 120");
    s.quit();
}

/// A stand-in for the user's editor, named `vi` so that tlx gives it the line as `+LINE`: it
/// writes its arguments and one line typed on the terminal to `args` beside it, then renames
/// "Second event" in the file it was given (a timeline) or adds the typed line to it (a note).
fn fake_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    let vi = bin.join("vi");
    std::fs::write(
        &vi,
        r#"#!/bin/sh
here=$(dirname "$0")
printf '%s\n' "$@" > "$here/args"
echo "FAKE EDITOR READY"
IFS= read -r typed
printf 'typed: %s\n' "$typed" >> "$here/args"
for file in "$@"; do :; done
case "$file" in
  *.txt) printf '%s\n' "$typed" >> "$file" ;;
  *) sed 's/Second event/Edited in the editor/' "$file" > "$file.new" && mv "$file.new" "$file" ;;
esac
"#,
    )
    .unwrap();
    std::fs::set_permissions(&vi, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    vi
}

/// tlx in `dir` on `file`, with the fake editor as `$EDITOR`.
fn with_editor(dir: &std::path::Path, editor: &std::path::Path, file: &std::path::Path) -> Session {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
    cmd.arg(file);
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env_remove("VISUAL");
    cmd.env("EDITOR", editor);
    Session::spawn(cmd)
}

#[test]
fn the_editor_gets_the_terminal_at_the_events_line_and_tlx_reloads_keeping_the_selection() {
    let two = format!("{SMALL}\n[[events]]\nid = \"b\"\ndate = \"2016\"\ntitle = \"Second event\"\n");
    let (dir, path) = write_temp("t.toml", &two);
    let editor = fake_editor(dir.path());
    let mut s = with_editor(dir.path(), &editor, &path);
    s.wait_for("First version");
    s.keys("j");
    s.wait_for("Events 2/2");
    s.keys("E");
    s.wait_for("FAKE EDITOR READY");
    assert!(
        !s.screen.lock().unwrap().screen().alternate_screen(),
        "the editor has the main screen"
    );
    // What is typed goes to the editor, not to tlx (which would take `j` and `q` as keys).
    s.keys("jq typed to the editor\r");
    s.wait_for("Edited in the editor");
    s.wait_for("Events 2/2");
    let args = std::fs::read_to_string(dir.path().join("bin/args")).unwrap();
    assert_eq!(
        args,
        format!("+9\n{}\ntyped: jq typed to the editor\n", path.display()),
        "the editor opened the file at the second event's [[events]] line"
    );
    s.quit();
}

#[test]
fn a_note_of_several_lines_is_written_in_the_editor_on_a_temporary_file() {
    let (dir, path) = small_timeline();
    let editor = fake_editor(dir.path());
    let mut s = with_editor(dir.path(), &editor, &path);
    s.wait_for("First version");
    s.keys("Nfirst line\x0f");
    s.wait_for("FAKE EDITOR READY");
    s.keys("second line\r");
    s.wait_for("note saved");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let args = std::fs::read_to_string(dir.path().join("bin/args")).unwrap();
    let note_file = args.lines().next().unwrap();
    assert!(note_file.contains("tlx-note-"), "{args}");
    assert!(
        !std::path::Path::new(note_file).exists(),
        "the temporary file is removed"
    );
    let sidecar = std::fs::read_to_string(dir.path().join("t.toml.tlx-notes.toml")).unwrap();
    assert!(sidecar.contains("first line\nsecond line"), "{sidecar}");
}

#[test]
fn a_source_with_a_pasted_quote_is_added_undone_and_redone_with_the_file_checked_after_each_step() {
    let bundled = tlx::load::Document::bundled().text;
    let (dir, path) = write_temp("example.toml", &bundled);
    let mut s = Session::start_in(dir.path(), &[path.to_str().unwrap()]);
    s.wait_for(&at(1));
    let first = tlx::load::Document::bundled().load(Default::default()).timeline;
    let event = first.in_date_order().next().unwrap();
    let sources = event.sources.len();
    s.keys("S");
    s.wait_for(&format!("new source of \"{}\"", event.id));
    s.keys("Reuters");
    // Down to the quote: outlet, citing, stance, date, dated, via, quote.
    s.keys(&"\x1b[B".repeat(6));
    s.wait_for("▶ quote");
    let quote = "He said \"we never met\"; officials disagreed.";
    s.keys(&format!("\x1b[200~{quote}\x1b[201~"));
    s.wait_for("officials disagreed.");
    s.keys("\r");
    s.wait_for("saved: added source of");
    let added = std::fs::read_to_string(&path).unwrap();
    assert!(
        // A literal string, as a person writes text with double quotes in TOML.
        added.contains(r#"quote = 'He said "we never met"; officials disagreed.'"#),
        "the quote is written as pasted:\n{added}"
    );
    assert!(added.contains("outlet = \"Reuters\""));
    // Only lines were added: the file as it was is still there, line by line, in order.
    let mut kept = added.lines();
    assert!(
        bundled.lines().all(|line| kept.any(|l| l == line)),
        "every line of the file is kept in order"
    );
    let reloaded = tlx::load::Document {
        name: "x".into(),
        path: None,
        text: added.clone().into(),
    }
    .load(Default::default());
    let again = reloaded.timeline.events.iter().find(|e| e.id == event.id).unwrap();
    assert_eq!(again.sources.len(), sources + 1);
    s.keys("u");
    s.wait_for("undone: added source of");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bundled,
        "undo gives the file back byte for byte"
    );
    s.keys("U");
    s.wait_for("redone: added source of");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        added,
        "redo writes the source again"
    );
    s.quit();
}

#[test]
fn add_event_on_the_bundled_timeline_starts_a_new_timeline_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
    // The new file is named relative to where tlx runs: a temporary directory, never the tree.
    cmd.cwd(dir.path());
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    let mut s = Session::spawn(cmd);
    s.wait_for("Soleimani");
    s.keys("I");
    s.wait_for("new timeline (the bundled one is never written to) in: timeline.toml");
    s.keys("mine.toml\r");
    s.wait_for("The Riverside bridge");
    let written = std::fs::read_to_string(dir.path().join("mine.toml")).unwrap();
    let starter = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/starter.toml")).unwrap();
    assert_eq!(written, starter);
    // The explorer is on the new file now: adding an event opens the form, not the name prompt.
    s.keys("I");
    s.wait_for(" new event ");
    s.keys("\x1b");
    s.wait_until("the unchanged form closed", |screen| {
        !screen.contents().contains(" new event ")
    });
    s.quit();
}
