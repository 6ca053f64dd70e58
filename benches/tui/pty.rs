//! A program in a pseudo-terminal, its screen kept by a terminal emulator, with the time of the
//! output that made an expected screen appear.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::process;

/// Columns and rows of the terminal, as the targets fix them.
pub const COLS: u16 = 120;
/// Rows of the terminal.
pub const ROWS: u16 = 40;
/// How often a wait looks at the program's memory, to stop it before it exhausts the machine.
const MEMORY_POLL: Duration = Duration::from_millis(25);

/// What the reader thread keeps: the emulated screen and when output last arrived.
struct Shared {
    parser: vt100::Parser,
    last_output: Instant,
    closed: bool,
}

/// The terminal's input side, shared with the reader thread that answers the program's queries.
type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// A running program in a pseudo-terminal.
pub struct Session {
    shared: Arc<(Mutex<Shared>, Condvar)>,
    writer: Writer,
    child: Box<dyn Child + Send + Sync>,
    /// Kept open: dropping the master hangs the program up.
    _master: Box<dyn MasterPty + Send>,
    /// Just before the program was started.
    pub started: Instant,
    pid: u32,
    max_rss_kib: u64,
    /// The highest anonymous memory seen, in KiB, polled every 5 ms by a thread of its own
    /// (Linux keeps a high-water mark for the resident total only).
    peak_anon_kib: Arc<std::sync::atomic::AtomicU64>,
}

/// Why a wait ended without the expected screen.
#[derive(Debug)]
pub struct Failure {
    /// What was awaited, why it failed, and the screen then.
    pub message: String,
    /// True when the time ran out (the program may still be working); false when it is gone.
    pub timed_out: bool,
}

impl Failure {
    /// A failure that no waiting longer would mend.
    pub fn new(message: String) -> Failure {
        Failure {
            message,
            timed_out: false,
        }
    }
}

impl Session {
    /// Starts `program` with `args` in a fresh 120x40 terminal; `home` holds its config and data
    /// directories, so no run touches the user's. The program is killed when its resident memory
    /// passes `max_rss_kib`.
    pub fn start(program: &Path, args: &[OsString], home: &Path, max_rss_kib: u64) -> Result<Session, Failure> {
        let size = PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system()
            .openpty(size)
            .map_err(|e| Failure::new(format!("no pseudo-terminal: {e}")))?;
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let nz = |n| NonZeroU16::new(n).expect("a terminal has rows and columns");
        let started = Instant::now();
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new(nz(ROWS), nz(COLS), 0),
                last_output: started,
                closed: false,
            }),
            Condvar::new(),
        ));
        let child = pty
            .slave
            .spawn_command(cmd)
            .map_err(|e| Failure::new(format!("cannot start {}: {e}", program.display())))?;
        drop(pty.slave);
        let pid = child.process_id().unwrap_or(0);
        let mut reader = pty.master.try_clone_reader().map_err(|e| Failure::new(e.to_string()))?;
        let writer: Writer = Arc::new(Mutex::new(
            pty.master.take_writer().map_err(|e| Failure::new(e.to_string()))?,
        ));
        let (sink, answer) = (Arc::clone(&shared), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                // Stamped before parsing, so the emulator's own time is not counted.
                let now = Instant::now();
                let (lock, changed) = &*sink;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.closed = true;
                    changed.notify_all();
                    break;
                }
                s.parser.process(&buf[..n]);
                s.last_output = now;
                let reply = answers(&buf[..n], s.parser.screen());
                changed.notify_all();
                drop(s);
                if !reply.is_empty() {
                    let mut w = answer.lock().unwrap();
                    let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
                }
            }
        });
        let peak_anon_kib = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let peak = Arc::clone(&peak_anon_kib);
        // Ends when the program has gone and /proc no longer has it.
        std::thread::spawn(move || {
            while let Some(kib) = process::anon_kib(pid) {
                peak.fetch_max(kib, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        Ok(Session {
            shared,
            writer,
            child,
            _master: pty.master,
            started,
            pid,
            max_rss_kib,
            peak_anon_kib,
        })
    }

    /// The highest anonymous memory seen so far, in KiB.
    pub fn peak_anon_kib(&self) -> u64 {
        self.peak_anon_kib.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.shared.0.lock().unwrap().parser.screen().contents()
    }

    /// The screen's text with its colours and attributes, to see a highlight move.
    pub fn formatted(&self) -> String {
        self.shared.0.lock().unwrap().parser.screen().contents_formatted()
    }

    /// Waits until the screen's text satisfies `expected`; returns the arrival time of the output
    /// that made it so (the latest output when the wait woke). `what` names it in failures.
    pub fn wait(
        &mut self,
        what: &str,
        timeout: Duration,
        expected: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Instant, Failure> {
        let deadline = Instant::now() + timeout;
        let (lock, changed) = &*self.shared;
        let mut s = lock.lock().unwrap();
        loop {
            if expected(s.parser.screen()) {
                return Ok(s.last_output);
            }
            let now = Instant::now();
            if s.closed || now >= deadline {
                let why = if s.closed {
                    "the program exited".to_string()
                } else {
                    format!("timed out after {timeout:?}")
                };
                return Err(Failure {
                    message: format!("{what}: {why}; the screen:\n{}", s.parser.screen().contents()),
                    timed_out: !s.closed,
                });
            }
            s = changed.wait_timeout(s, MEMORY_POLL.min(deadline - now)).unwrap().0;
            let rss = process::rss_kib(self.pid).unwrap_or(0);
            if rss > self.max_rss_kib {
                drop(s);
                let _ = self.child.kill();
                return Err(Failure::new(format!(
                    "{what}: stopped at {} MiB resident, over the --max-rss-mib cap",
                    rss / 1024
                )));
            }
        }
    }

    /// Sends keys, then waits for the screen they should bring; returns the latency from the
    /// write to the output that completed that screen.
    pub fn press(
        &mut self,
        keys: &str,
        timeout: Duration,
        expected: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Duration, Failure> {
        self.settle();
        if expected(self.shared.0.lock().unwrap().parser.screen()) {
            return Err(Failure::new(format!(
                "{keys:?}: the expected screen was there before the key"
            )));
        }
        let sent = self.send(keys)?;
        let shown = self.wait(&format!("after {keys:?}"), timeout, expected)?;
        Ok(shown.saturating_duration_since(sent))
    }

    /// Sends keys, then waits for anything visible to change, colours included (a moved
    /// highlight); returns the latency as [`Session::press`] does.
    pub fn press_for_change(&mut self, keys: &str, timeout: Duration) -> Result<Duration, Failure> {
        self.settle();
        let before = self.formatted();
        self.press(keys, timeout, move |scr| scr.contents_formatted() != before)
    }

    /// Sends keys until the screen satisfies `expected`, for a program that shows the first rows
    /// before it has read them all, so End must be pressed again; returns the arrival time of the
    /// output that made it so. The keys go again only when the screen answered the last ones (it
    /// changed) and at most every `every`: a busy program is never sent a queue of keys that would
    /// keep it busy after the measurement.
    pub fn repeat_until(
        &mut self,
        keys: &str,
        every: Duration,
        timeout: Duration,
        expected: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Instant, Failure> {
        let deadline = Instant::now() + timeout;
        // The rest of the frame on screen first, so that it does not count as an answer.
        self.quiet(Duration::from_millis(5), Duration::from_millis(50));
        let mut before = self.formatted();
        self.send(keys)?;
        loop {
            match self.wait(&format!("{keys:?} until done"), every, &expected) {
                Err(e) if e.timed_out && Instant::now() < deadline => {
                    let now = self.formatted();
                    if now != before {
                        before = now;
                        self.send(keys)?;
                    }
                }
                result => return result,
            }
        }
    }

    /// Sends keys, returning when the write began (a preemption during the write then counts
    /// against the program rather than hiding its time).
    pub fn send(&mut self, keys: &str) -> Result<Instant, Failure> {
        let mut w = self.writer.lock().unwrap();
        let sent = Instant::now();
        w.write_all(keys.as_bytes())
            .and_then(|()| w.flush())
            .map_err(|e| Failure::new(format!("cannot type {keys:?}: {e}")))?;
        Ok(sent)
    }

    /// Waits until the program has printed nothing for 30 ms (at most a second), so the previous
    /// frame is complete before the next key.
    pub fn settle(&self) {
        self.quiet(Duration::from_millis(30), Duration::from_secs(1));
    }

    /// Waits until the program has printed nothing for `quiet`, or for `most` at most.
    fn quiet(&self, quiet: Duration, most: Duration) {
        let give_up = Instant::now() + most;
        let (lock, changed) = &*self.shared;
        let mut s = lock.lock().unwrap();
        while !s.closed && Instant::now() < give_up {
            let quiet_for = s.last_output.elapsed();
            if quiet_for >= quiet {
                return;
            }
            s = changed.wait_timeout(s, quiet - quiet_for).unwrap().0;
        }
    }

    /// Asks the program to quit with `keys`, and kills it when it has not within two seconds.
    pub fn stop(mut self, keys: &str) {
        let _ = self.send(keys);
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What xterm answers to the queries in a program's output: the cursor position (DSR 6), the
/// device attributes (DA1), and the foreground and background colours (OSC 10, 11; white on
/// black). Start-up probes such as crossterm's keyboard-enhancement check wait for these, and
/// without an answer they would time their own timeouts, not the program.
fn answers(output: &[u8], screen: &vt100::Screen) -> String {
    let mut reply = String::new();
    for at in 0..output.len() {
        let rest = &output[at..];
        if rest.starts_with(b"\x1b[6n") {
            let (row, col) = screen.cursor_position();
            reply += &format!("\x1b[{};{}R", row + 1, col + 1);
        } else if rest.starts_with(b"\x1b[c") || rest.starts_with(b"\x1b[0c") {
            reply += "\x1b[?62;22c";
        } else if rest.starts_with(b"\x1b]10;?") {
            reply += "\x1b]10;rgb:ffff/ffff/ffff\x07";
        } else if rest.starts_with(b"\x1b]11;?") {
            reply += "\x1b]11;rgb:0000/0000/0000\x07";
        }
    }
    reply
}
