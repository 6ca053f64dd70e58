//! Working out what is shown, and searching it, on a worker thread, for timelines large enough
//! that doing it inside `update` would freeze the screen: `update` asks with a [`Job`] (an
//! effect), the event loop runs it off the UI thread, and the result comes back as
//! [`Msg::Computed`] (the matrix alone as [`Msg::Tabulated`], a search's hits as [`Msg::Found`],
//! piece by piece), applied only when no newer job has been asked for since. What a result
//! replaces is freed on a worker too ([`drop_off_thread`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Msg;
use super::data::Data;
use super::files::{Marks, Opened};
use super::shown::Shown;
use crate::filter::{Facets, Filter};
use crate::model::evidence::Evidence;
use crate::model::matrix::Matrix;
use crate::query::Query;
pub use crate::search::Found;

/// From this many events on, what is shown is worked out on a worker: below it the work takes
/// milliseconds, and the tests and small timelines see results at once.
pub const OFF_THREAD_FROM: usize = 20_000;

/// Work asked of a worker thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// Work out what is shown (boxed: the filter makes it several times a search's size).
    Refresh(Box<Refresh>),
    /// Tabulate the matrix of what is shown, which stays as it is.
    Tabulate(Tabulate),
    /// Search what is shown.
    Search(Scan),
}

impl Job {
    /// Works the job out, handing each message it comes to to `send`: a refresh's one result, a
    /// search's hits piece by piece. Nothing more is sent once it is superseded.
    pub fn run(self, send: &mut dyn FnMut(Msg)) {
        let result = match self {
            Job::Refresh(refresh) => refresh.run(),
            Job::Tabulate(tabulate) => tabulate.run(),
            Job::Search(scan) => return scan.run(send),
        };
        if let Some(msg) = result {
            send(msg);
        }
    }
}

/// Frees `old` on a worker: what is shown or loaded of a million events is millions of
/// allocations, tens of milliseconds to free, which the UI thread would spend between two keys.
pub(super) fn drop_off_thread<T: Send + 'static>(old: T) {
    rayon::spawn(move || drop(old));
}

/// A refresh of what is shown, to be worked out on a worker thread.
#[derive(Debug, Clone)]
pub struct Refresh {
    /// Tells the result apart from those of earlier jobs.
    generation: u64,
    /// The data, shared with the explorer, which keeps drawing from it meanwhile.
    data: Arc<Data>,
    /// What narrows and orders the events.
    filter: Filter,
    /// The files' marks as they were asked with (the filter may ask for the starred events).
    files: Vec<Opened>,
    /// Tabulate the matrix too.
    tabulate: bool,
    /// What the refresh starts from (the evidence it can keep).
    base: Shown,
    /// Set when a newer job supersedes this one, so it stops early.
    cancelled: Arc<AtomicBool>,
}

impl Refresh {
    /// Works the refresh out; `None` when it was superseded meanwhile.
    fn run(self) -> Option<Msg> {
        let marks = Cancellable {
            marks: Marks::of(&self.data, &self.files),
            cancelled: &self.cancelled,
        };
        let shown = self
            .base
            .refreshed(&self.data, &self.filter, &marks, self.tabulate, &self.cancelled)?;
        Some(Msg::Computed(self.generation, Box::new(shown)))
    }
}

/// The matrix of the shown events as they are, to be tabulated on a worker: opening the matrix
/// changes nothing else, so the order, the axis and the fit are not worked out again.
#[derive(Debug, Clone)]
pub struct Tabulate {
    /// Tells the result apart from those of earlier jobs.
    generation: u64,
    /// The data, shared with the explorer.
    data: Arc<Data>,
    /// The shown order, shared with the explorer.
    order: Arc<Vec<usize>>,
    /// Every event's evidence, by event index, shared with the explorer.
    evidence: Arc<Vec<Evidence>>,
    /// Set when a newer job supersedes this one: its table is then dropped here, not sent.
    cancelled: Arc<AtomicBool>,
}

impl Tabulate {
    /// Tabulates; `None` when it was superseded meanwhile.
    fn run(self) -> Option<Msg> {
        let matrix = Matrix::build(self.data.timeline(), self.order, self.evidence);
        let cancelled = self.cancelled.load(Ordering::Relaxed);
        (!cancelled).then(|| Msg::Tabulated(self.generation, Box::new(matrix)))
    }
}

/// The marks, as the filter asks them, with the job's cancel flag: a superseded filter stops
/// testing events at once rather than at the end of its pass.
struct Cancellable<'a> {
    marks: Marks<'a>,
    cancelled: &'a AtomicBool,
}

impl Facets for Cancellable<'_> {
    fn file_of(&self, event: usize) -> usize {
        self.marks.file_of(event)
    }

    fn is_starred(&self, event: usize) -> bool {
        self.marks.is_starred(event)
    }

    fn note(&self, event: usize) -> Option<&str> {
        self.marks.note(event)
    }

    fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What the header says while a job is pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Working {
    /// A filter, the context window, the sort or the starred/file narrowing.
    Filtering,
    /// The knowledge date's evidence.
    AsOf,
    /// The who-said-what matrix.
    Tabulating,
    /// Edits being checked and written to a file.
    Saving,
    /// A file changed on disk, being loaded again.
    Reloading,
    /// The shown events written to a file, so far in percent once the writing has said.
    Exporting(Option<u8>),
}

impl Working {
    /// The header's chip.
    pub fn chip(self) -> std::borrow::Cow<'static, str> {
        let chip = match self {
            Working::Filtering => "filtering…",
            Working::AsOf => "as of: working…",
            Working::Tabulating => "matrix: tabulating…",
            Working::Saving => "saving…",
            Working::Reloading => "reloading…",
            Working::Exporting(Some(percent)) => return format!("exporting {percent}%").into(),
            Working::Exporting(None) => "exporting…",
        };
        chip.into()
    }
}

/// What the footer says once the result is in, worked out from it (counts of what is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Say {
    /// What the knowledge date leaves.
    AsOf,
    /// The strictness chosen, with what the knowledge date leaves.
    Strict,
    /// The knowledge date is back before the first change.
    BeforeFirstChange,
    /// How many events the context window holds.
    Context,
    /// How many events are starred.
    Starred,
    /// How many events the file narrowed to has.
    File,
    /// How many events the filter lets through.
    Matches,
    /// How many events a complete search matched.
    Hits,
}

/// Which event to select once the result is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// The one selected when the result comes in (the researcher may have moved meanwhile).
    Selected,
    /// This one (by timeline index), or the nearest in time.
    Event(Option<usize>),
}

/// What applying a result does besides showing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct After {
    /// Which event stays selected.
    pub(super) keep: Keep,
    /// Fit the axis to the shown events (unless the window is held).
    pub(super) refit: bool,
    /// What the footer says.
    pub(super) say: Option<Say>,
    /// What the header says meanwhile.
    pub(super) working: Working,
    /// Put the matrix cursor on a party that spoke of the selected event, as opening the matrix
    /// does, if the matrix screen is still up.
    pub(super) open_matrix: bool,
}

/// A job asked for and not yet in.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    /// The job's generation; a result of any other is stale.
    pub(super) generation: u64,
    /// Set to stop the job when it is superseded.
    cancelled: Arc<AtomicBool>,
    /// What applying its result does.
    pub(super) after: After,
}

/// What a job refreshes: the data, filter and marks as they are when it is asked for.
pub(super) struct Ask<'a> {
    pub(super) data: &'a Arc<Data>,
    pub(super) filter: &'a Filter,
    pub(super) files: &'a [Opened],
    pub(super) tabulate: bool,
    pub(super) base: &'a Shown,
}

impl Pending {
    /// Asks for a job of this `generation`; returns it for the event loop, and what is pending.
    pub(super) fn ask(ask: Ask<'_>, generation: u64, after: After) -> (Job, Pending) {
        let pending = Pending::new(generation, after);
        let job = Job::Refresh(Box::new(Refresh {
            generation,
            data: Arc::clone(ask.data),
            filter: ask.filter.clone(),
            files: ask.files.to_vec(),
            tabulate: ask.tabulate,
            base: ask.base.carried(),
            cancelled: Arc::clone(&pending.cancelled),
        }));
        (job, pending)
    }

    /// Asks for the matrix of what is `shown` of `data` as it is, at this `generation`; returns
    /// the job for the event loop, and what is pending.
    pub(super) fn tabulate(data: &Arc<Data>, shown: &Shown, generation: u64, after: After) -> (Job, Pending) {
        let pending = Pending::new(generation, after);
        let (order, evidence) = shown.shared();
        let job = Job::Tabulate(Tabulate {
            generation,
            data: Arc::clone(data),
            order,
            evidence,
            cancelled: Arc::clone(&pending.cancelled),
        });
        (job, pending)
    }

    /// What is pending of a job of this `generation`, not yet cancelled.
    fn new(generation: u64, after: After) -> Pending {
        Pending {
            generation,
            cancelled: Arc::new(AtomicBool::new(false)),
            after,
        }
    }

    /// Stops the job: a newer one supersedes it, or the data it reads was replaced.
    pub(super) fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// A search of what is shown, to be worked out on a worker thread: its hits are sent as they are
/// found, so the first show at once on a million events.
#[derive(Debug, Clone)]
pub struct Scan {
    /// Tells the hits apart from those of earlier searches.
    generation: u64,
    /// The data, shared with the explorer.
    data: Arc<Data>,
    /// The files' marks (the query may ask for notes).
    files: Vec<Opened>,
    /// The shown order searched, shared with the explorer.
    order: Arc<Vec<usize>>,
    /// Every event's evidence, by event index, shared with the explorer.
    evidence: Arc<Vec<Evidence>>,
    /// What is searched for.
    query: Query,
    /// The positions to search, ascending (all shown when `None`): an earlier complete search's
    /// matches, when this query can only match fewer.
    among: Option<Arc<Vec<usize>>>,
    /// The position the search starts at, wrapping round to it.
    from: usize,
    /// Set when a newer search supersedes this one, so it stops early.
    cancelled: Arc<AtomicBool>,
}

impl Scan {
    fn run(self, send: &mut dyn FnMut(Msg)) {
        let marks = Marks::of(&self.data, &self.files);
        let t = self.data.timeline();
        let stop = || self.cancelled.load(Ordering::Relaxed);
        // The events that may match, when a search of the files' bytes can tell; a note is the
        // researcher's, not the file's, so a noted event is searched whatever the bytes say.
        // Only their positions are searched then, as those of an earlier search's matches are.
        // The bytes are read whatever is shown: with fewer than half the events shown (a filter),
        // searching those shown takes less time than that (a tag filter at a million events
        // took half as long again when each letter typed read the file for the search).
        let whole = self.among.is_none() && self.order.len() * 2 >= t.events.len();
        // Notes are few, and looking one up reads the event's origin (its file and id), which in
        // the order shown is a read from memory not in the cache for each event (32 ms at 1M).
        let noted = (self.files.iter()).any(|f| f.notes.events.values().any(|e| e.note.is_some()));
        let maybe = whole.then(|| self.in_files(&stop)).flatten().map(|only| {
            crate::parallel::filter(self.order.len(), |p| {
                let i = self.order[p];
                only[i] || (noted && marks.note(i).is_some())
            })
        });
        let among = maybe.as_deref().or(self.among.as_deref().map(Vec::as_slice));
        let hit = |i: usize| self.query.matches(t, &t.events[i], &self.evidence[i], marks.note(i));
        crate::search::in_pieces(&self.order, t.events.len(), among, self.from, hit, stop, |found| {
            send(Msg::Found(self.generation, found))
        });
    }

    /// Which events may match, by a search of the bytes of the files they were read from;
    /// `None` when that cannot tell and every event is to be searched.
    fn in_files(&self, stop: &(dyn Fn() -> bool + Sync)) -> Option<Vec<bool>> {
        let stretches = self.data.stretches()?;
        stretches.candidates(self.data.timeline(), &self.query.required(), stop)
    }
}

/// What a search under way does as its hits come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct OnHits {
    /// Select its first hit as soon as it is found (typing a search); the selection goes back
    /// to where the search started if it finds nothing.
    pub(super) select: bool,
    /// Once complete, jump to the first match after the selection, as `n` does (a search that
    /// found nothing in a loading file's preview, when the whole file is in).
    pub(super) jump: bool,
    /// Once complete, say how many it matched, as Enter on the search does.
    pub(super) say: bool,
}

/// A search asked of a worker and not yet complete.
#[derive(Debug, Clone)]
pub(super) struct Searching {
    /// The search's generation; hits of any other are stale.
    pub(super) generation: u64,
    /// Set to stop the search when it is superseded.
    cancelled: Arc<AtomicBool>,
    /// Where it started, to go back to if it finds nothing.
    pub(super) from: usize,
    /// What to do as its hits come in.
    pub(super) then: OnHits,
}

impl PartialEq for Searching {
    fn eq(&self, other: &Searching) -> bool {
        self.generation == other.generation
    }
}

impl Eq for Searching {}

/// What a search searches: the data, order and marks as they are when it is asked for.
pub(super) struct Seek<'a> {
    pub(super) data: &'a Arc<Data>,
    pub(super) files: &'a [Opened],
    pub(super) shown: &'a Shown,
    pub(super) query: &'a Query,
    pub(super) among: Option<&'a [usize]>,
    pub(super) from: usize,
}

impl Searching {
    /// Asks for a search of this `generation`; returns it for the event loop, and what is
    /// under way.
    pub(super) fn ask(seek: Seek<'_>, generation: u64, then: OnHits) -> (Job, Searching) {
        let cancelled = Arc::new(AtomicBool::new(false));
        let (order, evidence) = seek.shown.shared();
        let job = Job::Search(Scan {
            generation,
            data: Arc::clone(seek.data),
            files: seek.files.to_vec(),
            order,
            evidence,
            query: seek.query.clone(),
            among: seek.among.map(|among| Arc::new(among.to_vec())),
            from: seek.from,
            cancelled: Arc::clone(&cancelled),
        });
        (
            job,
            Searching {
                generation,
                cancelled,
                from: seek.from,
                then,
            },
        )
    }

    /// Stops the search: a newer one supersedes it, or what it searches was replaced.
    pub(super) fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}
