//! Opening a large file without waiting for it: the events of the file's first megabyte are
//! read at once, for a first screen in milliseconds, while the whole file loads on a thread
//! that counts its progress.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use super::{Document, OpenError, Options, Valid};
use crate::model::Timeline;

/// Files from this size (2 MiB, some two thousand events) open with a preview while they load;
/// smaller ones load in less time than a frame takes.
pub const PROGRESSIVE_FROM: u64 = 2 << 20;
/// How much of the file the preview reads.
const PREVIEW_BYTES: u64 = 1 << 20;
/// The name of the loading thread.
const THREAD: &str = "load";

/// How far a background load has come.
#[derive(Debug, Default)]
pub struct Progress {
    /// The file's size when loading began.
    pub total: u64,
    /// Bytes read from disk.
    pub read: AtomicU64,
    /// Bytes of event tables parsed.
    pub parsed: AtomicU64,
    /// Set once the load has ended, well or not.
    pub finished: AtomicBool,
}

impl Progress {
    /// How far along the load is, 0 to 100: reading, then parsing, each counted as half.
    pub fn percent(&self) -> u8 {
        if self.finished.load(Ordering::Relaxed) {
            return 100;
        }
        let done = self.read.load(Ordering::Relaxed) + self.parsed.load(Ordering::Relaxed);
        let whole = (2 * self.total).max(1);
        (done.min(whole) * 100 / whole) as u8
    }
}

/// The events written in the file's first megabyte, for a first screen while the rest loads;
/// `None` when they cannot be read on their own (a JSON file, a first event longer than that).
/// What goes wrong here is reported by the full load, so it is not reported twice.
pub fn preview(path: &Path) -> Option<Timeline> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(PREVIEW_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    let whole = (head.len() as u64) < PREVIEW_BYTES;
    let text = std::str::from_utf8(&head[..cut(&head, whole, path)?]).ok()?;
    let doc = Document {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        text: text.to_string(),
    };
    let timeline = doc.load(Options::default()).timeline;
    (!timeline.events.is_empty()).then_some(timeline)
}

/// Where the first megabyte ends in whole events: before the last `[[events]]` table begun
/// (TOML), or after the last whole record (CSV, whose later rows of an event may be cut off).
fn cut(head: &[u8], whole: bool, path: &Path) -> Option<usize> {
    if whole {
        return Some(head.len());
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("csv") => {
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
            ends.len().checked_sub(2).map(|i| ends[i])
        }
        Some(ext) if ext.eq_ignore_ascii_case("json") => None,
        _ => {
            // The megabyte may end inside a character.
            let valid = std::str::from_utf8(head).map_or_else(|e| e.valid_up_to(), str::len);
            let text = std::str::from_utf8(&head[..valid]).ok()?;
            super::blocks::split(text)?.events.last().map(|table| table.start)
        }
    }
}

/// Reads and loads the whole file on a thread, counting in `progress`; `done` gets the timeline
/// (warnings dropped) or why it cannot be opened.
pub fn spawn(
    path: PathBuf,
    max_size: u64,
    progress: Arc<Progress>,
    done: impl FnOnce(Result<Valid, OpenError>) + Send + 'static,
) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new().name(THREAD.into()).spawn(move || {
        let options = Options {
            max_size,
            progress: Some(&progress),
            ..Options::default()
        };
        let loaded = Document::read(&path, &options).and_then(|doc| doc.open(options));
        progress.finished.store(true, Ordering::Relaxed);
        done(loaded);
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

    #[test]
    fn the_background_load_reports_errors_and_counts_to_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\n").unwrap();
        let progress = Arc::new(Progress {
            total: std::fs::metadata(&path).unwrap().len(),
            ..Progress::default()
        });
        let (tx, rx) = std::sync::mpsc::channel();
        spawn(path.clone(), 1 << 20, progress.clone(), move |r| tx.send(r).unwrap()).unwrap();
        let result = rx.recv().unwrap();
        let Err(e @ OpenError::Invalid { document, errors }) = &result else {
            panic!("{result:?}");
        };
        assert_eq!(document.path.as_deref(), Some(path.as_path()));
        assert!(errors.iter().any(|d| d.code == "missing-key"), "{errors:?}");
        assert!(e.to_string().contains("bad.toml:3:1"), "{e}");
        assert!(progress.finished.load(Ordering::Relaxed));
        assert_eq!(progress.percent(), 100);
    }
}
