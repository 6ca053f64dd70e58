//! The terminal: the only place that reads terminal events and draws. Restores the terminal on
//! every way out: quit, error, panic, and SIGTERM / SIGHUP / SIGINT / SIGQUIT, and around a
//! suspend (Ctrl-Z, SIGTSTP).

use std::io::{self, Stdout, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use base64::Engine;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyCode,
    KeyEventKind, KeyModifiers,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::data::Data;
use crate::app::export::Export;
use crate::app::{App, Effect, KeyMap, Msg, Performed, Rewrite, Showing, input, update};
use crate::load::progressive::{self, Loads};
use crate::load::{OpenError, Valid};
use crate::loaded::Layout;
use crate::model::merge::{Part, merge};

mod editor;
mod hangup;
use crate::ui::{self, DateStyle, Theme, View};
use crate::watch::{Plan, Reload};

/// What wakes the event loop.
enum Message {
    Input(Event),
    /// SIGTSTP from outside: suspend as Ctrl-Z does.
    #[cfg_attr(not(unix), expect(dead_code, reason = "only Unix has SIGTSTP"))]
    Suspend,
    Reload(Reload<Box<Data>>),
    /// How far the background load has come, in percent.
    Progress(u8),
    /// The background load ended: the whole files merged and what says which events were set
    /// aside for their errors, or which file cannot be opened (the first) and why.
    Loaded(Result<(Box<Data>, Option<String>), (usize, OpenError)>),
    /// A worker worked out what is shown, or found a search's hits ([`Effect::Compute`]).
    Computed(Msg),
    /// A worker thread (the input reader) stopped with an error: the loop ends, so nothing is
    /// drawn on a screen that no longer takes input.
    Failed(io::Error),
}

/// Files to load on a thread while the explorer shows their previews.
pub struct Background {
    /// Each file and its label in the merged timeline, in command-line order.
    pub files: Vec<(PathBuf, String)>,
    /// The size cap.
    pub max_size: u64,
}

/// How long the input reader waits for a key before it looks whether it is asked to pause: a
/// child given the terminal (the editor) waits at most this long, and an idle explorer wakes
/// this often for nothing measurable.
const READER_TICK: Duration = Duration::from_millis(200);

/// Whether the input reader may read: while a child (the editor) has the terminal, a reader
/// still polling it would take the child's keys.
#[derive(Default)]
struct Reader {
    state: Mutex<Reading>,
    changed: Condvar,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Reading {
    #[default]
    On,
    /// The loop asked the reader to stop; it has not stopped yet.
    Stopping,
    Paused,
}

impl Reader {
    /// On the reader's thread: stops here, once asked, until resumed.
    fn stop_here_while_paused(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if *state == Reading::Stopping {
            *state = Reading::Paused;
            self.changed.notify_all();
        }
        while *state == Reading::Paused {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Stops the reader and waits until it no longer reads the terminal.
    fn pause(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = Reading::Stopping;
        while *state == Reading::Stopping {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Lets the reader read again.
    fn resume(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = Reading::On;
        self.changed.notify_all();
    }
}

/// Where the event loop's messages come from, with the input reader it pauses while a child
/// has the terminal.
#[derive(Clone, Copy)]
struct Inbox<'a> {
    messages: &'a mpsc::Receiver<Message>,
    reader: &'a Reader,
    /// Where workers send what they worked out.
    results: &'a mpsc::Sender<Message>,
    writing: &'a Writing,
}

/// Files being written on threads of their own (an export, an edit), which take seconds on a
/// large timeline. The explorer waits for them when tlx ends, so that none is left half written
/// in a temporary file.
#[derive(Default)]
struct Writing(Mutex<Vec<(PathBuf, thread::JoinHandle<()>)>>);

impl Writing {
    /// Writes `export` to `path` on a thread, sending what came of it to `results`.
    fn export(&self, path: &std::path::Path, export: &Export, results: &mpsc::Sender<Message>) {
        let (at, export) = (path.to_path_buf(), export.clone());
        let unstarted = |e: io::Error| Msg::Exported {
            path: path.to_path_buf(),
            said: format!("could not start writing {}: {e}", path.display()),
        };
        let progress = results.clone();
        self.start(path, results, unstarted, move || {
            let mut said = |percent| {
                let path = at.clone();
                let _ = progress.send(Message::Computed(Msg::Exporting { path, percent }));
            };
            let result = crate::atomic::write_new_from(&at, &mut |w| export.write_saying(w, &mut said));
            let said = export.written(&at, result);
            Msg::Exported { path: at, said }
        });
    }

    /// Makes `rewrite` in the timeline file `path` on a thread, sending what came of it to
    /// `results`.
    fn edit(&self, path: &std::path::Path, rewrite: &Rewrite, results: &mpsc::Sender<Message>) {
        let (at, rewrite) = (path.to_path_buf(), rewrite.clone());
        let unstarted = |e| {
            Msg::Edited(Err(format!(
                "not saved: could not start writing {}: {e}",
                path.display()
            )))
        };
        self.start(path, results, unstarted, move || {
            Msg::Edited(rewrite_file(&at, &rewrite))
        });
    }

    /// Runs `write` on a thread, sending the message it ends with (`unstarted`'s, with why, when
    /// no thread could be had).
    fn start(
        &self,
        path: &std::path::Path,
        results: &mpsc::Sender<Message>,
        unstarted: impl FnOnce(io::Error) -> Msg,
        write: impl FnOnce() -> Msg + Send + 'static,
    ) {
        let sent = results.clone();
        let writing = thread::Builder::new().name("write".into()).spawn(move || {
            let _ = sent.send(Message::Computed(write()));
        });
        let mut running = self.0.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|(_, thread)| !thread.is_finished());
        match writing {
            Ok(thread) => running.push((path.to_path_buf(), thread)),
            Err(e) => {
                let _ = results.send(Message::Computed(unstarted(e)));
            }
        }
    }

    /// Waits for the files still being written, saying so on standard error.
    fn finish(&self) {
        let running = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, thread) in running {
            if !thread.is_finished() {
                let _ = writeln!(io::stderr(), "tlx: finishing writing {}…", path.display());
            }
            let _ = thread.join();
        }
    }
}

/// Work to start once the first frame is drawn.
type FirstFrame = Box<dyn FnOnce() -> io::Result<()>>;

/// How often the screen shows the background load's progress.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// At most this many queued messages are handled before the screen is drawn again, so keys
/// typed faster than a frame are not each drawn, yet the screen keeps up under a flood.
const BATCH: usize = 64;

/// How the explorer closed.
#[derive(Debug, PartialEq)]
pub enum Closed {
    /// For good, with this exit code.
    Quit(ExitCode),
    /// To open again on this file, just written from the starter (a new timeline).
    Open(std::path::PathBuf),
}

/// Runs the explorer until the user quits or a signal arrives, loading `background` meanwhile,
/// and reloading the planned files when they change; returns how it closed, or why the file in
/// the background could not be opened when it still cannot at the close (reported once the
/// terminal is restored; meanwhile the explorer shows its preview under a banner of the errors).
pub fn run(
    mut app: App,
    keymap: &KeyMap,
    theme: &Theme,
    dates: DateStyle,
    watch: Option<Plan>,
    background: Option<Background>,
) -> io::Result<Result<Closed, OpenError>> {
    let (tx, rx) = mpsc::channel();
    // Started once the first frame is out, so the preview is drawn without competing for the
    // cores or the memory the whole file takes.
    let load_tx = tx.clone();
    let start: Option<FirstFrame> =
        background.map(|job| Box::new(move || load_in_background(job, &load_tx)) as FirstFrame);
    let reload_tx = tx.clone();
    let results = tx.clone();
    // Held until the explorer closes; without a watch the explorer still works, only not live.
    // What a reload loaded is made ready on the watcher's thread, as a background load's is.
    let ready = move |r: Reload| {
        let r = r.map(|merged| Box::new(Data::new(*merged)));
        reload_tx.send(Message::Reload(r)).is_ok()
    };
    let _watch = match watch.map(|plan| crate::watch::spawn(plan, ready)) {
        Some(Err(e)) => {
            update(
                &mut app,
                Msg::Reload(Reload::Stopped(format!("live reload is off: {e}"))),
            );
            None
        }
        Some(Ok(w)) => Some(w),
        None => None,
    };
    watch_signals(tx.clone())?;
    let mut terminal = enter()?;
    // A hangup without SIGHUP ends the explorer as SIGHUP would.
    let tty = hangup::Tty::open().ok().map(Arc::new);
    if let Some(tty) = tty.clone() {
        thread::spawn(move || {
            if tty.wait().is_ok() {
                end_now(SIGHUP);
            }
        });
    }
    // Reads on a thread, so the loop sleeps until an input or a signal.
    let reader = Arc::new(Reader::default());
    let gate = Arc::clone(&reader);
    thread::spawn(move || {
        loop {
            gate.stop_here_while_paused();
            let message = match event::poll(READER_TICK) {
                Ok(false) => continue,
                Ok(true) => event::read().map_or_else(Message::Failed, Message::Input),
                Err(e) => Message::Failed(e),
            };
            let failed = matches!(message, Message::Failed(_));
            if tx.send(message).is_err() || failed {
                break;
            }
        }
    });
    let writing = Writing::default();
    let inbox = Inbox {
        messages: &rx,
        reader: &reader,
        results: &results,
        writing: &writing,
    };
    let result = match event_loop(&mut app, keymap, theme, dates, &mut terminal, inbox, start) {
        // The terminal hung up under the loop (a read or a draw failed, EIO or otherwise)
        // before the hangup thread ended tlx: the same end, with the same code.
        Err(e) if hangup::is_hangup(&e) || tty.as_ref().is_some_and(|t| t.hung_up()) => {
            Ok(Ok(Closed::Quit(ExitCode::from(128 + SIGHUP as u8))))
        }
        result => result,
    };
    if let Ok(Ok(Closed::Open(_))) = result {
        // The explorer opens again with a reader of its own: this one must not take its keys.
        reader.pause();
    }
    leave();
    // Dropping a Terminal shows the cursor and, when that fails because the terminal is gone,
    // reports it with eprintln!, which panics when standard error is that terminal too.
    // `leave` has shown the cursor already.
    std::mem::forget(terminal);
    // Whether tlx ends or opens again on a new timeline, which may end it next.
    writing.finish();
    if !matches!(result, Ok(Ok(Closed::Open(_)))) {
        // The process ends next and the system takes its memory back at once, where freeing a
        // million events one by one kept the shell waiting half a second after the screen was
        // restored. Nothing of the explorer's is written when it is dropped.
        std::mem::forget(app);
    }
    result
}

/// Loads the files on a thread, with a second thread reporting progress until it is done.
fn load_in_background(job: Background, tx: &mpsc::Sender<Message>) -> io::Result<()> {
    let Background { files, max_size } = job;
    let (paths, labels): (Vec<PathBuf>, Vec<String>) = files.into_iter().unzip();
    let sizes = paths
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let loads = Arc::new(Loads::new(sizes));
    let done_tx = tx.clone();
    progressive::spawn(paths, max_size, loads.clone(), move |loaded| {
        let _ = done_tx.send(Message::Loaded(ready(labels, loaded)));
    })?;
    let progress_tx = tx.clone();
    thread::spawn(move || {
        loop {
            thread::sleep(PROGRESS_EVERY);
            if loads.finished.load(Ordering::Relaxed) || progress_tx.send(Message::Progress(loads.percent())).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// What the files loaded in the background come to: merged, with everything that follows from
/// the data alone worked out here so the explorer only takes it in, and what says which events
/// were set aside; or the first file that does not open.
fn ready(
    labels: Vec<String>,
    loaded: Vec<Result<Valid, OpenError>>,
) -> Result<(Box<Data>, Option<String>), (usize, OpenError)> {
    let one = loaded.len() == 1;
    let mut parts = Vec::new();
    let mut set_aside = Vec::new();
    let mut layout = Layout::Unknown;
    for (n, (label, valid)) in labels.into_iter().zip(loaded).enumerate() {
        let valid = valid.map_err(|e| (n, e))?;
        set_aside.extend(valid.set_aside.summary());
        // How one file's events lie in its text serves the search of its bytes; merged
        // events lie in no one text.
        if one {
            layout = valid.layout;
        }
        parts.push(Part {
            label,
            timeline: valid.timeline,
        });
    }
    let data = Data::laid_out(merge(parts), layout);
    let set_aside = (!set_aside.is_empty()).then(|| set_aside.join("; "));
    Ok((Box::new(data), set_aside))
}

fn event_loop<W: Write>(
    app: &mut App,
    keymap: &KeyMap,
    theme: &Theme,
    dates: DateStyle,
    terminal: &mut Terminal<CrosstermBackend<W>>,
    inbox: Inbox<'_>,
    mut after_first_frame: Option<FirstFrame>,
) -> io::Result<Result<Closed, OpenError>> {
    let Inbox {
        messages: rx,
        reader,
        results,
        writing,
    } = inbox;
    // Why the file in the background did not open, reported once the terminal is restored if it
    // still does not when the explorer closes (a save may have fixed it meanwhile).
    let mut unopened = None;
    let area = terminal.get_frame().area();
    update(app, Msg::Resize(area.width, area.height));
    update(app, Msg::HelpLength(ui::help_length(keymap)));
    loop {
        let view = View {
            app,
            keymap,
            theme,
            dates,
        };
        terminal.draw(|f| ui::render(&view, f))?;
        if let Some(start) = after_first_frame.take() {
            start()?;
        }
        let mut resized = false;
        let Ok(mut message) = rx.recv() else {
            return Ok(Ok(Closed::Quit(ExitCode::SUCCESS)));
        };
        for _ in 0..BATCH {
            match message {
                Message::Suspend => {
                    suspend()?;
                    resized = true;
                }
                Message::Failed(e) => return Err(e),
                // The terminal's own suspend key (ISIG is off in raw mode, so it arrives as a key).
                Message::Input(Event::Key(key))
                    if key.code == KeyCode::Char('z') && key.modifiers == KeyModifiers::CONTROL =>
                {
                    if key.kind == KeyEventKind::Press {
                        suspend()?;
                        resized = true;
                    }
                }
                Message::Input(event) => {
                    resized |= matches!(event, Event::Resize(..));
                    let view = View {
                        app,
                        keymap,
                        theme,
                        dates,
                    };
                    if let Some(msg) = input::action(app, keymap, &event, || ui::detail_rows(&view)) {
                        update(app, msg.queued());
                    }
                }
                Message::Reload(r) => update(app, Msg::Reload(r).queued()),
                Message::Progress(percent) => update(app, Msg::Progress(percent).queued()),
                Message::Loaded(Ok((merged, set_aside))) => update(app, Msg::Loaded(merged, set_aside).queued()),
                Message::Loaded(Err((part, e))) => {
                    update(app, Msg::Unopened(part, e.to_string()).queued());
                    unopened = Some(e);
                }
                Message::Computed(msg) => update(app, msg.queued()),
            }
            if !app.effects().is_empty() {
                let mut done = Performed::default();
                let mut open = None;
                for effect in app.effects() {
                    let outcome = perform(effect, terminal.backend_mut(), reader, results, writing)?;
                    resized |= outcome.gave_terminal;
                    open = outcome.open.or(open);
                    done.said = outcome.said.or(done.said);
                    done.note = outcome.note.or(done.note);
                }
                update(app, Msg::Performed(done).queued());
                if let Some(path) = open {
                    return Ok(Ok(Closed::Open(path)));
                }
            }
            if !app.running() {
                let still = app.banner().is_some_and(|b| b.showing == Showing::Preview);
                return Ok(match unopened.filter(|_| still) {
                    Some(e) => Err(e),
                    None => Ok(Closed::Quit(ExitCode::SUCCESS)),
                });
            }
            match rx.try_recv() {
                Ok(next) => message = next,
                Err(_) => break,
            }
        }
        update(app, Msg::Settle);
        // The search or filter settled here may have asked for a worker (its only effect): it
        // starts now, not when the next message comes.
        if !app.effects().is_empty() {
            for effect in app.effects() {
                perform(effect, terminal.backend_mut(), reader, results, writing)?;
            }
            update(app, Msg::Performed(Performed::default()).queued());
        }
        // Resizes handled together may end at the size drawn last, which ratatui would take as
        // no change and draw only the difference, over what the terminal cut or moved meanwhile.
        // (Terminal::clear would also ask the terminal where its cursor is, which not every
        // terminal answers.)
        if resized {
            let area = terminal.size()?.into();
            terminal.resize(area)?;
        }
    }
}

/// What carrying out one effect came to.
#[derive(Default)]
struct Outcome {
    /// What the footer says about it.
    said: Option<String>,
    /// A note written in the editor.
    note: Option<(usize, String)>,
    /// A child had the terminal, so the whole screen is to be drawn again.
    gave_terminal: bool,
    /// A new timeline written, to open the explorer on.
    open: Option<std::path::PathBuf>,
}

impl From<Option<String>> for Outcome {
    fn from(said: Option<String>) -> Outcome {
        Outcome {
            said,
            ..Outcome::default()
        }
    }
}

/// Carries out an effect; returns what came of it.
fn perform(
    effect: &Effect,
    out: &mut impl Write,
    reader: &Reader,
    results: &mpsc::Sender<Message>,
    writing: &Writing,
) -> io::Result<Outcome> {
    Ok(match effect {
        Effect::OpenUrl(url) => open_url(url).into(),
        Effect::Export { path, export } => {
            writing.export(path, export, results);
            Outcome::default()
        }
        // On rayon's pool, whose other threads the work's own parallel loops use; a superseded
        // job sends nothing more, and a result after the loop ended has no one to go to.
        Effect::Compute(job) => {
            let (job, results) = ((**job).clone(), results.clone());
            rayon::spawn(move || {
                job.run(&mut |msg| {
                    let _ = results.send(Message::Computed(msg));
                });
            });
            Outcome::default()
        }
        Effect::Copy(text) => {
            out.write_all(osc52(text).as_bytes())?;
            out.flush()?;
            Outcome::default()
        }
        Effect::EditFile { path, id, place } => {
            let line = match place {
                Some(place) => Some(place.line()),
                None => std::fs::read_to_string(path)
                    .ok()
                    .and_then(|text| editor::line_of_event(&text, id)),
            };
            let said = with_editor(reader, path, line)?;
            Outcome {
                said: Some(said.unwrap_or_else(|| format!("back from the editor on {}", path.display()))),
                gave_terminal: true,
                ..Outcome::default()
            }
        }
        Effect::EditNote { event, text } => edit_note(*event, text, reader)?,
        Effect::Edit { path, rewrite } => {
            writing.edit(path, rewrite, results);
            Outcome::default()
        }
        Effect::SaveNotes { path, changes } => match crate::notes::store::save(path, changes) {
            Ok(saved) => (!saved.remarks.is_empty()).then(|| saved.remarks.join("; ")),
            Err(e) => Some(format!(
                "could not save bookmarks to {}: {e}; they are kept until you quit",
                path.display()
            )),
        }
        .into(),
        // A file the user already has is never replaced from inside the explorer.
        Effect::NewTimeline { path, contents, done } => match crate::atomic::write_new(path, contents.as_bytes()) {
            Ok(()) => Outcome {
                said: Some(done.clone()),
                open: Some(path.clone()),
                ..Outcome::default()
            },
            Err(e) => Some(crate::atomic::not_new(path, &e)).into(),
        },
    })
}

/// Makes edits in a timeline file (or takes them back), each checked as `tlx check` checks the
/// file, and saves them at once, atomically: all of them or nothing. Returns what takes them
/// back, in the order they were made.
fn rewrite_file(path: &std::path::Path, rewrite: &Rewrite) -> Result<Vec<crate::edit::Undo>, String> {
    let mut editing =
        crate::edit::file::Editing::open(path, crate::load::default_max_size(crate::load::available_memory()))
            .map_err(|e| format!("cannot edit {}: {}", path.display(), one_line(&e.to_string())))?;
    let undos = match rewrite {
        Rewrite::Make(edits) => edits.iter().map(|e| editing.apply(e)).collect::<Result<Vec<_>, _>>(),
        Rewrite::Reverse(undos) => undos.iter().map(|u| editing.undo(u)).collect(),
    }
    .map_err(|e| format!("not saved: {}", one_line(&e.to_string())))?;
    editing.save().map_err(|e| one_line(&e.to_string()))?;
    Ok(undos)
}

/// A report of several lines (`tlx check`'s, with its excerpt and caret) as one footer line.
fn one_line(text: &str) -> String {
    crate::text::line(&crate::text::words(text)).into_owned()
}

/// Writes the note in a temporary file, gives it to the editor and reads back what was saved.
fn edit_note(event: usize, text: &str, reader: &Reader) -> io::Result<Outcome> {
    let failed = |e: io::Error| Outcome::from(Some(format!("could not write the note in a temporary file: {e}")));
    let file = match tempfile::Builder::new().prefix("tlx-note-").suffix(".txt").tempfile() {
        Ok(file) => file,
        Err(e) => return Ok(failed(e)),
    };
    // A text file's lines each end with a newline, as editors expect (`set_note` trims it).
    let lines = if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    };
    if let Err(e) = std::fs::write(file.path(), lines) {
        return Ok(failed(e));
    }
    let said = with_editor(reader, file.path(), None)?;
    let note = match said {
        Some(_) => None,
        None => Some(std::fs::read_to_string(file.path())),
    };
    Ok(match note {
        Some(Err(e)) => Outcome::from(Some(format!("could not read the note back: {e}"))),
        Some(Ok(text)) => Outcome {
            note: Some((event, text)),
            gave_terminal: true,
            ..Outcome::default()
        },
        None => Outcome {
            said,
            gave_terminal: true,
            ..Outcome::default()
        },
    })
}

/// Gives the terminal to the user's editor on `path` (at `line`) and takes it back once the
/// editor exits; says what went wrong, if anything did.
fn with_editor(reader: &Reader, path: &std::path::Path, line: Option<usize>) -> io::Result<Option<String>> {
    let program = match editor::program(std::env::var_os("VISUAL"), std::env::var_os("EDITOR")) {
        Ok(program) => program,
        Err(e) => return Ok(Some(e)),
    };
    reader.pause();
    leave();
    let status = editor::run(&program, path, line);
    let back = take_back();
    reader.resume();
    back?;
    Ok(match status {
        Ok(status) if status.success() => None,
        Ok(status) => Some(format!("the editor ({}) ended with {status}", program[0])),
        Err(e) => Some(format!(
            "could not start the editor ({}): {e}; set $VISUAL or $EDITOR",
            program[0]
        )),
    })
}

/// Starts the first opener there is (xdg-open, gio, ...) on `url`, as one argument and never
/// through a shell, in a process group of its own so the terminal's signals stay with tlx, and
/// reaps it on a thread; says so when no opener could be started.
///
/// Not `open::that_detached`: it holds the event loop for up to a quarter second per link, and
/// reaps on a thread with a 64 KiB stack, which the allocator's set-up of a new thread can
/// overflow: tlx died by SIGSEGV there about once in twenty `o` presses (the e2e opener test).
fn open_url(url: &str) -> Option<String> {
    let mut tried = Vec::new();
    for mut opener in open::commands(url) {
        opener
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // Elsewhere there are no process groups to keep the terminal's signals from the opener.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut opener, 0);
        match opener.spawn() {
            Ok(mut child) => {
                thread::spawn(move || child.wait());
                return None;
            }
            Err(_) => tried.push(opener.get_program().to_string_lossy().into_owned()),
        }
    }
    Some(format!(
        "could not open the link: none of {} could be started",
        tried.join(", ")
    ))
}

/// The escape sequence that puts `text` on the terminal's clipboard (OSC 52). The text goes on
/// as one line with every control marked, as the screen shows it: pasted into a shell, a raw
/// ESC could end bracketed paste (`ESC [201~`) and a line break would run what follows.
fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(crate::text::line(text).as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

fn enter() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The file watcher catches its own panics and says so on screen; any other ends tlx.
        if thread::current().name() == Some(crate::watch::THREAD) {
            return;
        }
        // Holding stdout keeps the event loop (if another thread panicked) from drawing on the
        // restored screen; the process ends while holding it, as a panic on the main thread would.
        let mut stdout = io::stdout().lock();
        restore(&mut stdout);
        previous(info);
        std::process::exit(101);
    }));
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        leave();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| leave())
}

#[cfg(unix)]
use signal_hook::consts::SIGHUP;
/// SIGHUP's number on Unix, for the exit code of a hangup (129) the code above names.
#[cfg(not(unix))]
const SIGHUP: i32 = 1;

/// Starts the watchdog: a signal that ends tlx is acted on by its thread, not by the event loop,
/// which may be busy for long (a large reload, a save waiting on its lock). SIGTSTP goes to
/// the loop, which holds the terminal to give back.
#[cfg(unix)]
fn watch_signals(tx: mpsc::Sender<Message>) -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal != SIGTSTP {
                end_now(signal);
            }
            if tx.send(Message::Suspend).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Without Unix signals there is nothing to watch: in raw mode crossterm reads Ctrl-C as a key,
/// and quitting, an error or a panic restore the terminal as on Unix.
#[cfg(not(unix))]
fn watch_signals(_tx: mpsc::Sender<Message>) -> io::Result<()> {
    Ok(())
}

/// Ends tlx on signal `n` from any thread, whatever the event loop is doing: the terminal is
/// restored, the temporary files being written are removed, and the exit code is 128 + n, as
/// for a process the signal ended. Holding stdout keeps the loop from drawing on the restored
/// screen; the process ends while holding it.
fn end_now(n: i32) -> ! {
    let mut stdout = io::stdout().lock();
    restore(&mut stdout);
    // An export or an edit being written on its thread is cut short: its file goes with it.
    crate::atomic::remove_unfinished();
    std::process::exit(128 + n);
}

/// Gives the terminal back and stops, as a shell's Ctrl-Z expects; once continued (`fg`), takes
/// the terminal again. The caller then redraws the whole screen.
#[cfg(unix)]
fn suspend() -> io::Result<()> {
    leave();
    // SIGSTOP, as the default action of SIGTSTP would (tlx handles SIGTSTP to get here first).
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    take_back()
}

/// Without job control there is no shell to give the terminal to: Ctrl-Z does nothing.
#[cfg(not(unix))]
fn suspend() -> io::Result<()> {
    Ok(())
}

/// Takes the terminal again after giving it up (a suspend, the editor). The caller then redraws
/// the whole screen.
fn take_back() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Puts the terminal back as it was; errors are ignored since the terminal may already be gone.
fn leave() {
    restore(&mut io::stdout());
}

fn restore(out: &mut impl Write) {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

#[cfg(test)]
mod tests;
