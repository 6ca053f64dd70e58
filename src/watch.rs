//! Live reload: watch the opened files and load them again when they change on disk.
//!
//! Editors save by writing a new file and renaming it over the old one, which replaces the file a
//! watch on the file itself would follow; so each file's directory is watched instead, and events
//! are matched by name. Bursts of events (write, rename, chmod) are debounced into one reload.
//! Loading happens on the watcher's thread, so a large file never freezes the keyboard.

use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::{Document, Options};
use crate::model::Timeline;
use crate::model::merge::{Merged, Part, merge};

/// The watcher thread's name, by which the panic hook knows it reports its own panics.
pub const THREAD: &str = "watch";

/// How long the directory must be quiet before a changed file is read.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long a file must stay broken before the banner says so: an editor caught half-way
/// through a save is not an error.
const RETRY: Duration = Duration::from_millis(300);

/// What a change on disk came to: `T` is what the files' timelines merged anew come to, made
/// ready on the watcher's thread by whoever sends it on ([`Reload::map`]).
#[derive(Debug, Clone)]
pub enum Reload<T = Box<Merged>> {
    /// A file changed and is being loaded again (a large one takes seconds): what follows is
    /// `Loaded` or `Broken` for it.
    Reloading {
        /// Which file.
        part: usize,
    },
    /// A file changed and loads: every file merged anew.
    Loaded {
        /// Which file changed.
        part: usize,
        /// All files, merged, with the new version of that one (boxed: it is large, the other
        /// variants are not).
        loaded: T,
        /// What its events with errors came to, when some were set aside while the others opened.
        set_aside: Option<String>,
    },
    /// A file changed and does not load: the errors, rendered. The last good version stays.
    Broken {
        /// Which file.
        part: usize,
        /// Its diagnostics, located.
        message: String,
    },
    /// Watching stopped (the watcher failed); the data on screen stays as it is.
    Stopped(String),
}

impl<T> Reload<T> {
    /// The same outcome with what was loaded made into `f`'s result.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reload<U> {
        match self {
            Reload::Loaded {
                part,
                loaded,
                set_aside,
            } => Reload::Loaded {
                part,
                loaded: f(loaded),
                set_aside,
            },
            Reload::Reloading { part } => Reload::Reloading { part },
            Reload::Broken { part, message } => Reload::Broken { part, message },
            Reload::Stopped(why) => Reload::Stopped(why),
        }
    }
}

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// What to watch: the opened files as loaded, and where each lives.
#[derive(Debug)]
pub struct Plan {
    /// The files' labels, in command-line order.
    pub labels: Vec<String>,
    /// The files as loaded, to merge a changed file with the others' last good versions; empty
    /// when there is one file, which merges with nothing. Their previews when they are loading
    /// in the background.
    pub loaded: Vec<Timeline>,
    /// Their paths, in the same order.
    pub paths: Vec<PathBuf>,
    /// The size cap for reading them again.
    pub max_size: u64,
    /// True when the files are still being loaded on another thread: `loaded` holds their
    /// previews, and each is read whole the first time a merge needs it.
    pub in_background: bool,
}

/// Watches the planned files and calls `send` with what each change comes to, until `send`
/// returns false.
pub fn spawn(plan: Plan, send: impl Fn(Reload) -> bool + Send + 'static) -> notify::Result<Watch> {
    let Plan {
        labels,
        loaded,
        paths,
        max_size,
        in_background,
    } = plan;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let mut files = Files {
        labels,
        whole: vec![!in_background; loaded.len()],
        loaded,
        wanted: HashMap::new(),
        seen: Vec::new(),
        max_size,
    };
    for (n, path) in paths.iter().enumerate() {
        let dir = crate::atomic::directory(path);
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let name = path.file_name().unwrap_or_default();
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        files.wanted.insert(dir.join(name), n);
        // A file loading in the background is not read a second time meanwhile; unknown, its
        // first change reloads it.
        let last = (!in_background).then(|| fingerprint_file(path)).flatten();
        files.seen.push((path.clone(), last));
    }
    thread::Builder::new().name(THREAD.into()).spawn(move || {
        // A bug in loading must not take the explorer down with it: it ends the watch, and says so.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| files.run(&rx, &send)));
        if let Err(panic) = outcome {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            send(Reload::Stopped(format!(
                "live reload stopped after an internal error: {why}"
            )));
        }
    })?;
    Ok(Watch { _watcher: watcher })
}

/// The watcher thread's state: the last good version of every file (with several) and what each
/// held last.
struct Files {
    labels: Vec<String>,
    loaded: Vec<Timeline>,
    /// Whether each of `loaded` is the whole file, not its preview.
    whole: Vec<bool>,
    /// Watched names (directory canonicalized) to file index.
    wanted: HashMap<PathBuf, usize>,
    /// Each file's path as given and a fingerprint of its bytes when last read.
    seen: Vec<(PathBuf, Option<u64>)>,
    max_size: u64,
}

impl Files {
    fn run(&mut self, rx: &mpsc::Receiver<notify::Result<Event>>, send: &dyn Fn(Reload) -> bool) {
        let mut retry: Option<(Instant, usize)> = None;
        loop {
            let first = match retry {
                Some((at, _)) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            };
            let (changed, retried) = match first {
                Ok(event) => {
                    let mut changed = BTreeSet::new();
                    // Gather the burst (an editor's write, rename, chmod) until the directory is quiet.
                    let mut next = Ok(event);
                    loop {
                        match next {
                            Ok(Ok(event)) => changed.extend(self.files_touched(&event)),
                            Ok(Err(e)) => {
                                send(Reload::Stopped(format!("live reload stopped: {e}")));
                                return;
                            }
                            Err(_) => break,
                        }
                        if changed.is_empty() {
                            break;
                        }
                        next = rx.recv_timeout(DEBOUNCE).map_err(|_| ());
                    }
                    // A newer change supersedes a pending second look at the same file, and
                    // takes its place: the file is read even if it still holds the broken text,
                    // so that what came of the look is sent.
                    if let Some((_, n)) = retry.filter(|(_, n)| changed.contains(n)) {
                        self.seen[n].1 = None;
                        retry = None;
                    }
                    (changed, false)
                }
                Err(mpsc::RecvTimeoutError::Timeout) => (retry.take().map(|(_, n)| n).into_iter().collect(), true),
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            };
            for n in changed {
                if retried {
                    // Look again even if the text is the same: it is the same broken text.
                    self.seen[n].1 = None;
                }
                let Some(reload) = self.reload(n, send) else { continue };
                if matches!(reload, Reload::Broken { .. }) && !retried {
                    // An editor may be caught mid-write; say the file is broken only if it
                    // still is a moment later.
                    retry = Some((Instant::now() + RETRY, n));
                } else if !send(reload) {
                    return;
                }
            }
        }
    }

    /// The watched files an event changed. Reads are not changes: tlx's own reading of a file
    /// would otherwise trigger another read, forever.
    fn files_touched(&self, event: &Event) -> Vec<usize> {
        let changes = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
        );
        if !changes {
            return Vec::new();
        }
        event.paths.iter().filter_map(|p| self.wanted.get(p).copied()).collect()
    }

    /// Loads file `n` again, unless its text is what it was, first sending that it does.
    fn reload(&mut self, n: usize, send: &dyn Fn(Reload) -> bool) -> Option<Reload> {
        let doc = Document::read(&self.seen[n].0, &self.options());
        let now = doc.as_ref().ok().map(fingerprint);
        if now.is_some() && now == self.seen[n].1 {
            return None;
        }
        self.seen[n].1 = now;
        send(Reload::Reloading { part: n });
        match doc.and_then(|d| d.open(self.options())) {
            Ok(crate::load::Valid {
                timeline, set_aside, ..
            }) => {
                let parts = if self.loaded.is_empty() {
                    vec![timeline]
                } else {
                    self.loaded[n] = timeline;
                    self.whole[n] = true;
                    self.read_whole_but(n, send);
                    self.loaded.clone()
                };
                let parts = self.labels.iter().zip(parts).map(|(label, timeline)| Part {
                    label: label.clone(),
                    timeline,
                });
                Some(Reload::Loaded {
                    part: n,
                    loaded: Box::new(merge(parts.collect())),
                    set_aside: set_aside.summary(),
                })
            }
            Err(e) => Some(Reload::Broken {
                part: n,
                message: e.to_string(),
            }),
        }
    }

    /// Reads whole every file but `n` held only as its preview (files loading in the background
    /// when `n` changed), so that a merge mixes in no preview of a file that opens; sends why
    /// each that does not open does not, its preview kept.
    fn read_whole_but(&mut self, n: usize, send: &dyn Fn(Reload) -> bool) {
        let previews: Vec<usize> = (0..self.loaded.len()).filter(|&m| m != n && !self.whole[m]).collect();
        for m in previews {
            let doc = Document::read(&self.seen[m].0, &self.options());
            self.seen[m].1 = doc.as_ref().ok().map(fingerprint);
            match doc.and_then(|d| d.open(self.options())) {
                Ok(valid) => {
                    self.loaded[m] = valid.timeline;
                    self.whole[m] = true;
                }
                Err(e) => {
                    send(Reload::Broken {
                        part: m,
                        message: e.to_string(),
                    });
                }
            }
        }
    }

    /// How the files are read: within the size cap, their prose lent by the mapped file.
    fn options(&self) -> Options<'static> {
        Options {
            max_size: self.max_size,
            lend: true,
            ..Options::default()
        }
    }
}

/// A hash of a document's text.
fn fingerprint(doc: &Document) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(doc.text.as_bytes());
    h.finish()
}

/// The [`fingerprint`] of the file's text, read a piece at a time so a large file is never held
/// twice; the byte order mark is left out as the loader leaves it out. SipHash takes its input
/// as a stream, so pieces hash as the whole text would.
fn fingerprint_file(path: &Path) -> Option<u64> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut h = DefaultHasher::new();
    let mut piece = vec![0; 1 << 20];
    let mut first = true;
    loop {
        let n = file.read(&mut piece).ok()?;
        if n == 0 {
            return Some(h.finish());
        }
        let bom = if first && piece[..n].starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        first = false;
        h.write(&piece[bom..n]);
    }
}

#[cfg(test)]
mod tests;
