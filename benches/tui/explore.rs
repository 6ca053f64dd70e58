//! The script played on tlx: first frame, fully loaded, each navigation key, search, filter and
//! knowledge date, each timed from the key to the screen that answers it.

use std::time::Duration;

use crate::pty::{Failure, Session};
use crate::{Run, process};

/// A timeline tlx is run on, as the script recognises it on screen.
pub struct Target {
    /// Number of events.
    pub events: usize,
    /// The title of the chronologically last event.
    pub last_title: String,
    /// A word that only one event holds.
    pub needle: String,
    /// A filter query whose text minus its last character matches nothing (an exact tag).
    pub filter: String,
}

/// How long one wait may take before the run is given up: loading 1M events, or a query typed
/// a character at a time, each one a pass over 1M events, takes a while.
pub const LOAD_TIMEOUT: Duration = Duration::from_secs(600);
/// How long a key may take before the run is given up.
pub const KEY_TIMEOUT: Duration = Duration::from_secs(60);
/// End is pressed again this often until the last event shows, for an explorer that shows the
/// first events before it has read them all.
pub const END_RETRY: Duration = Duration::from_millis(250);
/// The window over which CPU use is measured while nothing happens.
pub const IDLE: Duration = Duration::from_millis(500);
const PAGE_DOWN: &str = "\x1b[6~";
const AS_OF: &str = "2000-01-01";
const AS_OF_CHIP: &str = "as of 1 Jan 2000";

/// Plays the script once on a started session, filling `run` as it goes (so a failure keeps
/// what was measured before it); `presses` is how often each key is timed.
pub fn play(s: &mut Session, t: &Target, presses: usize, run: &mut Run) -> Result<(), Failure> {
    let n = t.events;
    let at = |pos: usize| format!("Events {pos}/{n}");
    let total = format!("{n} of {n} events");
    let shown = s.wait("first frame", LOAD_TIMEOUT, |scr| scr.contents().contains("Events 1/"))?;
    run.first_frame = Some(shown - s.started);
    run.rss_first_kib = process::rss_kib(s.pid());
    run.anon_first_kib = process::anon_kib(s.pid());

    // Fully loaded: End shows the last event, and the header knows the total.
    let last: String = t.last_title.chars().take(30).collect();
    let end = at(n);
    let loaded = s.repeat_until("G", END_RETRY, LOAD_TIMEOUT, |scr| {
        let text = scr.contents();
        text.contains(&end) && text.contains(&total) && text.contains(&last)
    })?;
    run.loaded = Some(loaded - s.started);
    s.settle();
    run.idle_cpu = process::cpu_while_idle(s.pid(), IDLE);

    let mut time = |name: &'static str, latency: Duration| run.keys.entry(name).or_default().push(latency);
    let has = |text: String| move |scr: &vt100::Screen| scr.contents().contains(&text);
    time("Home (g)", s.press("g", KEY_TIMEOUT, has(at(1)))?);
    for pos in 1..=presses.min(n.saturating_sub(1)) {
        time("Down (j)", s.press("j", KEY_TIMEOUT, has(at(pos + 1)))?);
    }
    for _ in 0..presses {
        let from = list_position(&s.text());
        if from == Some(n) {
            break;
        }
        let down = move |scr: &vt100::Screen| list_position(&scr.contents()) > from;
        time("PgDn", s.press(PAGE_DOWN, KEY_TIMEOUT, down)?);
    }
    s.send("g")?;
    s.wait("Home", KEY_TIMEOUT, has(at(1)))?;
    for _ in 0..presses {
        time("End (G)", s.press("G", KEY_TIMEOUT, has(end.clone()))?);
        time("Home (g)", s.press("g", KEY_TIMEOUT, has(at(1)))?);
    }
    for _ in 0..presses {
        time("zoom (+)", s.press_for_change("+", KEY_TIMEOUT)?);
    }
    s.send("0")?;

    // The who-said-what matrix: tabulated once as it opens, then each move only draws it. With
    // this many events they run down the side, so Down moves from event to event.
    time(
        "matrix opens (2)",
        // The table's title counts its parties and events; the screen comes up before it, saying
        // it is tabulating.
        s.press("2", LOAD_TIMEOUT, has("Who said what ·".to_string()))?,
    );
    for _ in 0..presses {
        time("matrix: Down (j)", s.press_for_change("j", KEY_TIMEOUT)?);
    }
    s.send("1")?;
    s.wait("back to the timeline", KEY_TIMEOUT, |scr| {
        !scr.contents().contains("Who said what")
    })?;

    // A search typed at once and confirmed, as the other viewers are timed; then, since search
    // and filter follow each keystroke, the last keystroke alone: one full pass over the events.
    let footer = |text: &'static str| move |scr: &vt100::Screen| last_row(scr).contains(text);
    time(
        "search typed at once",
        s.press(&format!("/{}\r", t.needle), LOAD_TIMEOUT, footer("1 match"))?,
    );
    let (head, tail) = split_last(&t.needle);
    s.send(&format!("/{head}"))?;
    s.wait("search prefix", LOAD_TIMEOUT, has(format!("/{head}: 1 match")))?;
    time(
        "search",
        s.press(tail, KEY_TIMEOUT, has(format!("/{}: 1 match", t.needle)))?,
    );
    s.send("\r")?;
    let (head, tail) = split_last(&t.filter);
    s.send(&format!("f{head}"))?;
    s.wait("filter prefix", LOAD_TIMEOUT, |scr| {
        shown_count(&scr.contents(), n) == Some(0)
    })?;
    let filtered = move |scr: &vt100::Screen| shown_count(&scr.contents(), n).is_some_and(|k| k > 0 && k < n);
    time("filter", s.press(tail, KEY_TIMEOUT, filtered)?);
    s.send("\r")?;
    s.send(&format!("a{AS_OF}"))?;
    s.wait("as-of typed", LOAD_TIMEOUT, has(AS_OF.to_string()))?;
    // The chip is up at once; the list is the knowledge date's once the header stops saying it
    // is working it out.
    let as_of = |scr: &vt100::Screen| {
        let text = scr.contents();
        text.contains(AS_OF_CHIP) && !text.contains("working")
    };
    time("as-of", s.press("\r", KEY_TIMEOUT, as_of)?);
    s.settle();
    run.peak_rss_kib = process::peak_rss_kib(s.pid());
    run.peak_anon_kib = Some(s.peak_anon_kib());
    Ok(())
}

/// The screen's last row: the footer.
fn last_row(scr: &vt100::Screen) -> String {
    scr.rows(0, scr.size().1.get()).last().unwrap_or_default()
}

/// The selected position from the list title ("Events 12/100000").
fn list_position(text: &str) -> Option<usize> {
    let rest = &text[text.find("Events ")? + "Events ".len()..];
    rest[..rest.find('/')?].parse().ok()
}

/// How many events the header says are shown ("12 of 100000 events").
fn shown_count(text: &str, total: usize) -> Option<usize> {
    let end = text.find(&format!(" of {total} events"))?;
    let digits = text[..end].rsplit(|c: char| !c.is_ascii_digit()).next()?;
    digits.parse().ok()
}

/// "quillwort" -> ("quillwor", "t").
fn split_last(text: &str) -> (&str, &str) {
    text.split_at(text.len() - text.chars().last().map_or(0, char::len_utf8))
}
