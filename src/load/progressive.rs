//! Opening large files without waiting for them: the events of each file's first megabyte are
//! read at once, for a first screen in milliseconds, while the whole files load on a thread
//! that counts their progress.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::{Document, OpenError, Options, Valid};
use crate::model::Timeline;

/// Files from this size (2 MiB, some two thousand events) open with a preview while they load;
/// smaller ones load in less time than a frame takes.
pub const PROGRESSIVE_FROM: u64 = 2 << 20;
/// How much of the file the preview reads.
const PREVIEW_BYTES: u64 = 1 << 20;
/// The name of the loading thread.
const THREAD: &str = "load";

/// The stages of a load and their shares of its time, measured on a million events of TOML
/// (release build, 2 cores): reading the file (13%), decoding it and finding its tables (5%),
/// parsing them (56%), then checking the events and merging them (26%). The first and third are
/// counted in bytes; the other two only by the time they take, expected from the time taken so far.
/// The second is given 10%, taken from the parse: a JSON file is scanned whole in it, before its
/// first event counts, and a narrower band would hold the chip still through that scan.
const SHARES: [f64; 4] = [0.13, 0.10, 0.51, 0.26];

/// How far a background load has come.
#[derive(Debug)]
pub struct Progress {
    /// The file's size when loading began.
    pub total: u64,
    /// Bytes read from disk.
    pub read: AtomicU64,
    /// Bytes of events parsed.
    pub parsed: AtomicU64,
    /// Set once every event is parsed, while they are checked.
    checking: AtomicBool,
    /// When the load began.
    began: Instant,
    /// When each stage was first seen, kept by [`Progress::percent`].
    stages: Mutex<Stages>,
}

impl Progress {
    /// The progress of loading a file of `total` bytes, beginning now.
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            read: AtomicU64::new(0),
            parsed: AtomicU64::new(0),
            checking: AtomicBool::new(false),
            began: Instant::now(),
            stages: Mutex::default(),
        }
    }

    /// Every event is parsed: what remains is checking them (links, validation) and merging.
    pub fn begin_checking(&self) {
        self.checking.store(true, Ordering::Relaxed);
    }

    /// How far along the load is, 0 to 99 ([`Loads`] says 100 once it has ended), each stage
    /// counted as its share of the time (see [`SHARES`]), so that the figure moves with the clock.
    pub fn percent(&self) -> u8 {
        let whole = self.total.max(1) as f64;
        let fraction = |n: &AtomicU64| (n.load(Ordering::Relaxed) as f64 / whole).min(1.0);
        let counts = Counts {
            read: fraction(&self.read),
            parsed: fraction(&self.parsed),
            checking: self.checking.load(Ordering::Relaxed),
        };
        // A poisoned lock only means another reader panicked mid-update: the times are still good.
        let mut stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        // Read under the lock, so that the times the stages see never go back.
        stages.percent(counts, self.began.elapsed())
    }
}

/// What the counters of a [`Progress`] say at one moment.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// The share of the file read, 0 to 1.
    read: f64,
    /// The share of the file parsed, 0 to 1.
    parsed: f64,
    checking: bool,
}

/// When each stage of a load was first seen, since the load began.
#[derive(Debug, Default)]
struct Stages {
    entered: [Option<Duration>; 4],
}

impl Stages {
    /// The percentage at `now` (since the load began) for `counts`.
    fn percent(&mut self, counts: Counts, now: Duration) -> u8 {
        let stage = match counts {
            Counts { checking: true, .. } => 3,
            Counts { parsed, .. } if parsed > 0.0 => 2,
            Counts { read, .. } if read >= 1.0 => 1,
            _ => 0,
        };
        for entered in &mut self.entered[..=stage] {
            entered.get_or_insert(now);
        }
        let before: f64 = SHARES[..stage].iter().sum();
        let within = match stage {
            0 => counts.read,
            2 => counts.parsed,
            _ => {
                let entered = self.entered[stage].unwrap_or(now);
                timed(now.saturating_sub(entered), entered, SHARES[stage] / before)
            }
        };
        // Short of 100: only [`Loads`] says the load has ended.
        ((before + SHARES[stage] * within) * 100.0).min(99.0) as u8
    }
}

/// How far along a stage counted only by its time is, 0 to 1, `spent` into it: expected to take
/// `share` of the time the stages before it took (`before`), at their pace. Close to the stage's
/// end when the time expected has passed, nearer the longer it takes, never past it: only the
/// next stage, or the end, goes further.
fn timed(spent: Duration, before: Duration, share: f64) -> f64 {
    let expected = before.as_secs_f64() * share;
    1.0 - (-2.0 * spent.as_secs_f64() / expected.max(f64::EPSILON)).exp()
}

/// The events written in the file's first megabyte, for a first screen while the rest loads;
/// `None` when they cannot be read on their own (a first event longer than that, a timemap file
/// whose sources come after its events). What goes wrong here is reported by the full load, so
/// it is not reported twice.
pub fn preview(path: &Path) -> Option<Timeline> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(PREVIEW_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    let whole = (head.len() as u64) < PREVIEW_BYTES;
    let doc = Document {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        text: cut(&head, whole, path)?.into(),
    };
    let timeline = doc.load(Options::default()).timeline;
    (!timeline.events.is_empty()).then_some(timeline)
}

/// The first megabyte's whole events, as a text that loads on its own: up to the last whole
/// record (CSV, whose later rows of an event may be cut off), before the last `[[events]]` table
/// begun (TOML), or up to the last whole item of the events array, closed (JSON).
fn cut(head: &[u8], whole: bool, path: &Path) -> Option<String> {
    if whole {
        return String::from_utf8(head.to_vec()).ok();
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if extension.as_deref() == Some("csv") {
        // Flexible: the record cut short has fewer fields than the others.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(head);
        let mut record = csv::ByteRecord::new();
        let mut ends = Vec::new();
        while let Ok(true) = reader.read_byte_record(&mut record) {
            ends.push(reader.position().byte() as usize);
        }
        // The last record read may be one cut short by the megabyte's end.
        let end = ends.len().checked_sub(2).map(|i| ends[i])?;
        return String::from_utf8(head[..end].to_vec()).ok();
    }
    // The megabyte may end inside a character.
    let valid = std::str::from_utf8(head).map_or_else(|e| e.valid_up_to(), str::len);
    let text = std::str::from_utf8(&head[..valid]).ok()?;
    // As the loader tells JSON: by its extension or its first character.
    if extension.as_deref() == Some("json") || text.trim_start().starts_with('{') {
        return crate::import::json_head(text);
    }
    let end = super::blocks::split(text)?.events.last()?.start;
    Some(text[..end].to_string())
}

/// The share of a load of several files that merging them and working out what follows from
/// the merge takes: 1.9-2.1 s of 7.3-7.5 s for two files of a million events of TOML (release
/// build, 2 cores). One file's is part of its checking stage.
const MERGE: f64 = 0.27;

/// How far a background load of several files, one after another, has come: each file's
/// [`Progress`] weighed by its size, a file done once the next has begun, then their merge. With
/// one file it is that file's progress.
#[derive(Debug)]
pub struct Loads {
    /// Each file's size when loading began.
    sizes: Vec<u64>,
    /// The progress of each file begun, in order.
    begun: Mutex<Vec<Arc<Progress>>>,
    /// When the load began.
    began: Instant,
    /// When the files began to be merged, since the load began.
    merging: Mutex<Option<Duration>>,
    /// Set once every file is loaded and what is done with them is done.
    pub finished: AtomicBool,
}

impl Loads {
    /// The progress of loading files of these sizes, in this order.
    pub fn new(sizes: Vec<u64>) -> Loads {
        Loads {
            sizes,
            begun: Mutex::default(),
            began: Instant::now(),
            merging: Mutex::default(),
            finished: AtomicBool::new(false),
        }
    }

    /// Begins counting the next file, from now.
    fn begin(&self) -> Arc<Progress> {
        let mut begun = self.begun.lock().unwrap_or_else(|e| e.into_inner());
        let progress = Arc::new(Progress::new(self.sizes.get(begun.len()).copied().unwrap_or(0)));
        begun.push(Arc::clone(&progress));
        progress
    }

    /// Every file is loaded; what remains is merging them.
    fn merge(&self) {
        let mut merging = self.merging.lock().unwrap_or_else(|e| e.into_inner());
        merging.get_or_insert(self.began.elapsed());
    }

    /// How far along the files are, 0 to 100 (100 only once every one has ended).
    pub fn percent(&self) -> u8 {
        if self.finished.load(Ordering::Relaxed) {
            return 100;
        }
        let loaded = if self.sizes.len() > 1 { 1.0 - MERGE } else { 1.0 };
        if let Some(entered) = *self.merging.lock().unwrap_or_else(|e| e.into_inner()) {
            let within = timed(self.began.elapsed().saturating_sub(entered), entered, MERGE / loaded);
            return ((loaded + MERGE * within) * 100.0).min(99.0) as u8;
        }
        let begun = self.begun.lock().unwrap_or_else(|e| e.into_inner());
        let last = begun.len().saturating_sub(1);
        let done: f64 = (begun.iter().zip(&self.sizes).enumerate())
            .map(|(n, (progress, &size))| {
                let percent = if n < last { 100 } else { progress.percent() };
                size as f64 * f64::from(percent)
            })
            .sum();
        let whole = self.sizes.iter().sum::<u64>().max(1) as f64;
        (done / whole * loaded).min(99.0) as u8
    }
}

/// Reads and loads the whole files on a thread, one after another, counting in `loads`; `done`
/// gets each file's timeline (warnings dropped), in order, up to the first that cannot be opened
/// and why (the files after it are not read: the explorer keeps the previews then), and the load
/// counts as finished only once `done` returns, since what it does with a large timeline
/// (merging, sorting) is part of the wait.
pub fn spawn(
    paths: Vec<PathBuf>,
    max_size: u64,
    loads: Arc<Loads>,
    done: impl FnOnce(Vec<Result<Valid, OpenError>>) + Send + 'static,
) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new().name(THREAD.into()).spawn(move || {
        let mut loaded = Vec::new();
        for path in &paths {
            let progress = loads.begin();
            let options = Options {
                max_size,
                progress: Some(&progress),
                lend: true,
                ..Options::default()
            };
            let valid = Document::read(path, &options).and_then(|doc| doc.open(options));
            let failed = valid.is_err();
            loaded.push(valid);
            if failed {
                break;
            }
        }
        if paths.len() > 1 {
            loads.merge();
        }
        done(loaded);
        loads.finished.store(true, Ordering::Relaxed);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_preview_holds_the_events_whole_in_the_first_megabyte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let event = |n: usize| {
            format!(
                "[[events]]\nid = \"e{n}\"\ndate = \"2015-07-{:02}\"\ntitle = \"{}\"\n\n",
                n % 28 + 1,
                "x".repeat(200)
            )
        };
        let text: String = std::iter::once("[timeline]\ntitle = \"Big\"\n\n".to_string())
            .chain((0..10_000).map(event))
            .collect();
        std::fs::write(&path, &text).unwrap();
        let preview = preview(&path).unwrap();
        let in_head = text[..PREVIEW_BYTES as usize].matches("[[events]]").count();
        assert_eq!(
            preview.events.len(),
            in_head - 1,
            "the event cut by the megabyte's end is left out"
        );
        assert_eq!(preview.timeline.title, "Big");
    }

    #[test]
    fn a_csv_preview_ends_on_a_whole_record_even_inside_quotes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let mut text = String::from("id,date,title,outlet,quote\n");
        for n in 0..20_000 {
            text += &format!("e{n},2015-07-24,Title {n},Outlet,\"a quote\nover two lines\"\n");
        }
        std::fs::write(&path, &text).unwrap();
        let preview = preview(&path).unwrap();
        assert!(preview.events.len() > 1000, "{}", preview.events.len());
        assert!(
            preview
                .events
                .iter()
                .all(|e| e.sources[0].quote.as_deref() == Some("a quote\nover two lines"))
        );
    }

    /// The percentages a load shows when polled every 100 ms, as (seconds, percent): reading
    /// ends at `read`, the tables are found by `split`, parsed by `parse`, checked by `check`.
    fn polled(read: f64, split: f64, parse: f64, check: f64) -> Vec<(f64, u8)> {
        let mut stages = Stages::default();
        let share = |t: f64, from: f64, to: f64| ((t - from) / (to - from)).clamp(0.0, 1.0);
        (0..)
            .map(|tick| f64::from(tick) / 10.0)
            .take_while(|&t| t <= check + 0.1)
            .map(|t| {
                let counts = Counts {
                    read: share(t, 0.0, read),
                    parsed: if t > split { share(t, split, parse) } else { 0.0 },
                    checking: t >= parse,
                };
                // As [`Loads::percent`] says it, 100 once the load has ended.
                let percent = if t >= check {
                    100
                } else {
                    stages.percent(counts, Duration::from_secs_f64(t))
                };
                (t, percent)
            })
            .collect()
    }

    #[test]
    fn the_chip_moves_with_the_clock_through_every_stage_and_ends_at_100() {
        // The stages of a million events of TOML as measured: read 0.7 s, tables found 0.25 s
        // later, parsed 3.05 s later, checked 1.4 s later. (Counted as read then parsed, each
        // half, the chip once sat at 50% while the tables were found and at 99% while checked.)
        let shown = polled(0.72, 0.97, 4.02, 5.43);
        let (end, last) = *shown.last().unwrap();
        assert_eq!(last, 100);
        assert!(
            shown[..shown.len() - 1].iter().all(|&(_, p)| p < 100),
            "100 only at the end"
        );
        assert!(shown.windows(2).all(|w| w[0].1 <= w[1].1), "never back: {shown:?}");
        let mut since = 0.0;
        for w in shown.windows(2) {
            if w[1].1 > w[0].1 {
                since = w[1].0;
            }
            assert!(w[1].0 - since <= 0.5, "flat from {since} s to {} s: {shown:?}", w[1].0);
        }
        for &(t, p) in &shown {
            let clock = t / end * 100.0;
            assert!((f64::from(p) - clock).abs() <= 10.0, "{p}% at {t} s of {end} s");
        }
    }

    #[test]
    fn a_stage_slower_than_expected_keeps_moving_short_of_the_next() {
        // Tables found ten times slower than the read predicts (a JSON file is scanned whole
        // then, before its first event is counted), and checking three times slower than the
        // rest predicts.
        let shown = polled(0.5, 6.0, 8.0, 20.0);
        assert!(shown.windows(2).all(|w| w[0].1 <= w[1].1), "never back: {shown:?}");
        let at = |t: f64| shown.iter().find(|s| s.0 >= t).unwrap().1;
        assert!(at(0.7) < at(1.5) && at(5.9) < 30, "{shown:?}");
        assert_eq!(at(8.0), 74, "checking begins where parsing ended");
        assert!(at(10.0) < at(14.0) && at(19.9) == 99, "{shown:?}");
    }

    /// A timeline of `n` events whose texts hold what a JSON scanner could stumble on (brackets,
    /// braces, escaped quotes and backslashes, non-ASCII), each with a source.
    fn awkward(n: usize) -> Timeline {
        let mut text = String::from(
            "[timeline]\ntitle = \"Awkward\"\ndescription = \"Told apart from the title slide.\"\n\n\
             [references.paper]\ntitle = \"A paper\"\noutlet = \"Journal\"\n\n\
             [actors.ann]\nname = \"Ann\"\nkind = \"person\"\n\n",
        );
        for i in 0..n {
            text += &format!(
                "[[events]]\nid = \"e{i}\"\ndate = \"2015-07-{:02}\"\ntitle = \"Event {i}: ]}}, {{[ \\\"quoted\\\" \\\\ é\"\ntags = [\"t{}\"]\nactors = [\"ann\"]\n\n[[events.sources]]\noutlet = \"Outlet {i}\"\nvia = \"paper\"\nquote = \"{}\"\n\n",
                i % 28 + 1,
                i % 7,
                "a quote ]} ".repeat(i % 20),
            );
        }
        let doc = Document {
            name: "awkward.toml".into(),
            path: None,
            text: text.into(),
        };
        let loaded = doc.load(Options::default());
        assert!(
            loaded.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}",
            loaded.diagnostics
        );
        loaded.timeline
    }

    /// The preview of `text` written to `name`, and the full load of it: the preview holds
    /// events, not all of them, and each as the full load has it.
    fn preview_and_full(name: &str, text: &str) -> (Timeline, Timeline) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let preview = preview(&path).expect("a preview");
        let full = Document::read(&path, &Options::default())
            .unwrap()
            .load(Options::default());
        assert!(full.diagnostics.iter().all(|d| !d.is_error()), "{:?}", full.diagnostics);
        let full = full.timeline;
        let n = preview.events.len();
        assert!(n > 100 && n < full.events.len(), "{n} of {}", full.events.len());
        assert_eq!(preview.events, full.events[..n], "{name}");
        // The records the events name (references, actors) and the timeline's own.
        assert_eq!(preview.timeline, full.timeline, "{name}");
        assert_eq!(preview.references, full.references, "{name}");
        assert_eq!(preview.actors, full.actors, "{name}");
        (preview, full)
    }

    #[test]
    fn a_json_preview_shows_the_first_events_as_the_full_load_does() {
        let timeline = awkward(12_000);
        let own = crate::export::json::to_string(&timeline);
        assert!(own.len() as u64 > PROGRESSIVE_FROM);
        preview_and_full("own.json", &own);
        let timelinejs = crate::export::timelinejs::to_string(&timeline);
        preview_and_full("slides.json", &timelinejs);
        // Without the extension it is told by its first character, as the loader tells it.
        preview_and_full("slides", &timelinejs);
    }

    #[test]
    fn a_timemap_preview_needs_its_sources_before_its_events() {
        let event = |i: usize| {
            format!(
                r#"{{"id": "EV{i}", "description": "Strike {i} ]}} \"near\" the {{bridge}}", "date": "07/{:02}/2023", "time": "12:30", "sources": ["s{}"], "associations": ["a{}"]}}"#,
                i % 28 + 1,
                i % 3000,
                i % 3
            )
        };
        let source = |i: usize| {
            format!(r#""s{i}": {{"id": "s{i}", "paths": ["https://example.org/{i}"], "title": "Outlet {i}"}}"#)
        };
        let events: Vec<String> = (0..20_000).map(event).collect();
        let sources: Vec<String> = (0..3000).map(source).collect();
        let associations = r#"[{"id": "a0", "title": "A", "filter_paths": ["Kind", "A"]}, {"id": "a1", "title": "B", "filter_paths": ["Kind", "B"]}, {"id": "a2", "title": "C", "filter_paths": ["Kind", "C"]}]"#;
        let events = events.join(",\n");
        let sources = sources.join(",\n");
        let first =
            format!("{{\"Sources\": {{{sources}}},\n\"Associations\": {associations},\n\"Events\": [\n{events}\n]}}\n");
        assert!(first.len() as u64 > PROGRESSIVE_FROM);
        let (shown, _) = preview_and_full("sources-first.json", &first);
        assert_eq!(shown.events[0].sources[0].outlet(), "Outlet 0", "{:?}", shown.events[0]);
        // Events first, as timemap writes them: their sources are beyond the first megabyte.
        let last =
            format!("{{\"Events\": [\n{events}\n],\n\"Sources\": {{{sources}}},\n\"Associations\": {associations}}}\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events-first.json");
        std::fs::write(&path, last).unwrap();
        assert!(preview(&path).is_none());
    }

    #[test]
    fn the_background_load_stops_at_the_first_file_that_does_not_open_and_counts_to_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let (good, bad) = (dir.path().join("good.toml"), dir.path().join("bad.toml"));
        std::fs::write(
            &good,
            "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\"\n",
        )
        .unwrap();
        std::fs::write(&bad, "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\n").unwrap();
        let loads = Arc::new(Loads::new(vec![1, 1, 1]));
        let (tx, rx) = std::sync::mpsc::channel();
        let counted = loads.clone();
        let paths = vec![good.clone(), bad.clone(), good];
        let load = spawn(paths, 1 << 20, loads.clone(), move |r| {
            // What is done with the result is still part of the load.
            assert!(!counted.finished.load(Ordering::Relaxed));
            assert!(counted.percent() < 100);
            tx.send(r).unwrap();
        })
        .unwrap();
        let result = rx.recv().unwrap();
        load.join().unwrap();
        let [Ok(opened), Err(e @ OpenError::Invalid { document, errors })] = &result[..] else {
            panic!("{result:?}");
        };
        assert_eq!(document.path.as_deref(), Some(bad.as_path()));
        assert!(errors.iter().any(|d| d.code == "missing-key"), "{errors:?}");
        assert!(e.to_string().contains("bad.toml:3:1"), "{e}");
        assert_eq!(opened.timeline.events.len(), 1);
        assert!(loads.finished.load(Ordering::Relaxed));
        assert_eq!(loads.percent(), 100);
    }

    #[test]
    fn several_files_count_by_their_sizes_each_done_once_the_next_begins() {
        let loads = Loads::new(vec![300, 100]);
        assert_eq!(loads.percent(), 0, "nothing begun");
        let first = loads.begin();
        first.read.store(300, Ordering::Relaxed);
        // The first file read through is its first stage (13%), weighed as three quarters of
        // the files' 73%.
        assert_eq!(loads.percent(), 7);
        loads.begin();
        assert_eq!(loads.percent(), 54, "the first done, the second at its start");
        loads.merge();
        let merging = loads.percent();
        assert!((73..=99).contains(&merging), "{merging}");
        loads.finished.store(true, Ordering::Relaxed);
        assert_eq!(loads.percent(), 100);
    }
}
