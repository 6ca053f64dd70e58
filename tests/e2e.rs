//! The real binary in a pseudo-terminal: search, drill down, quit, resize, signals, live reload,
//! bookmarks across restarts; the terminal is restored.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
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

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_in(&std::env::temp_dir(), args)
    }

    /// Starts tlx with `home` as its data and config directories, so no test touches the user's.
    fn start_in(home: &std::path::Path, args: &[&str]) -> Session {
        let pty = native_pty_system().openpty(size(100, 30)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tlx"));
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            screen,
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
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed {text:?}:\n{}", self.contents());
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("tlx did not exit:\n{}", self.contents());
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
    s.wait_for("Events 1/15");
    s.wait_for("U.S. invasion of Iraq");
    s.keys("/Moscow");
    s.wait_for("/Moscow: 1 match");
    s.keys("\r");
    s.wait_for("denied by The Kremlin");
    s.keys("\r");
    s.wait_for("▸ [1] Fox News");
    s.keys("?");
    s.wait_for("Help");
    // Esc then q typed together would read as Alt-q, as in any terminal program.
    s.keys("\x1b");
    s.wait_for("j/k move");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn resizing_down_to_one_cell_and_back_keeps_running() {
    let mut s = Session::start(&[]);
    s.wait_for("Events 1/15");
    for (cols, rows) in [(1, 1), (20, 5), (2, 40), (200, 3), (100, 30)] {
        s.master.resize(size(cols, rows)).unwrap();
        s.screen.lock().unwrap().set_size(nz(rows), nz(cols));
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys("j");
    s.wait_for("Events 2/15");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let mut s = Session::start(&[]);
        s.wait_for("Events 1/15");
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

#[test]
fn a_file_with_errors_is_reported_before_the_screen_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"A\"\n",
    )
    .unwrap();
    let mut s = Session::start(&[path.to_str().unwrap()]);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("bad.toml:5:8");
    s.assert_restored();
}

const SMALL: &str =
    "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015-07-24\"\ntitle = \"First version\"\n";

#[test]
fn editing_the_open_file_updates_the_screen_and_a_broken_save_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, SMALL).unwrap();
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
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_starred_event_with_a_note_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, SMALL).unwrap();
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
    s.wait_for("fox  First version");
    s.wait_for("wire Wire version");
    s.wait_for("2 of 2 events");
    s.keys("v");
    s.wait_for("only fox");
    s.wait_for("1 of 2 events");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
}
