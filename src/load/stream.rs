//! A timeline file opened for a reader that goes through its events once, in file order (an
//! export): the file is checked as [`Document::check`] checks it, a batch of event tables at a
//! time, and its events are then read again a batch at a time, so that beyond the text it takes
//! memory for one batch rather than for the whole timeline.
//!
//! The events handed on are exactly those [`Document::open`] keeps, in its order: an event set
//! aside for its errors is left out, and a file that cannot open is refused with the same errors.
//!
//! A writer whose output can be thrown away (a file replaced at once) reads a file once instead
//! ([`once`]): the events are handed on as they are checked, which is right for the usual file,
//! one without errors; should the check find one, the output is dropped and the file read with
//! [`open`], which sets aside what the errors name. A CSV file is read once too, its rows indexed
//! by the event they make and each event built from its rows (see [`crate::import::csv::Index`]).

use std::ops::Range;
use std::sync::atomic::AtomicU64;

use super::text::CutShort;
use super::validate::Whereabouts;
use super::{Document, OpenError, SetAside, piecewise, validate, walk};
use crate::diagnostic::Diagnostic;
use crate::model::{Event, Timeline};

/// Events handed on at once: enough to keep every core busy formatting them, few enough that a
/// batch of large events stays in tens of megabytes.
const BATCH: usize = 8 * 1024;

/// What opening a document for one pass comes to.
#[derive(Debug)]
pub enum Opened {
    /// It opens, and its events can be read a batch at a time.
    Events(Box<Events>),
    /// It cannot open: the error [`Document::open`] gives.
    Invalid(OpenError),
    /// Only the whole-file load can read it (another tool's format, a TOML layout that
    /// [`super::blocks::split`] cannot split): open it with [`Document::open`].
    Whole(Document),
}

/// A document that opens, read an event batch at a time.
#[derive(Debug)]
pub struct Events {
    document: Document,
    blocks: super::blocks::Blocks,
    records: Timeline,
    /// The event tables left out for their errors, in file order.
    left_out: Vec<Range<usize>>,
    set_aside: SetAside,
}

/// Opens `document` for one pass over its events; `options` as for [`Document::open`].
pub fn open(document: Document, options: super::Options<'_>) -> Opened {
    if options.lend {
        document.text.lend();
    }
    let Some(checked) = document.checked(options.checks()) else {
        return Opened::Whole(document);
    };
    let errors: Vec<Diagnostic> = checked.diagnostics.into_iter().filter(Diagnostic::is_error).collect();
    let left_out = checked.set_aside;
    let blocked = errors.iter().any(|d| d.set_aside.is_none());
    // Every event with an error in its table is set aside, and one that could not be read whole
    // always has one, so the events that open are the tables not set aside.
    if blocked || (!errors.is_empty() && left_out.len() == checked.blocks.events.len()) {
        return Opened::Invalid(OpenError::Invalid {
            document: Box::new(document),
            errors,
        });
    }
    let set_aside = SetAside::new(&document.source(), &errors);
    Opened::Events(Box::new(Events {
        blocks: checked.blocks,
        records: checked.records,
        left_out,
        set_aside,
        document,
    }))
}

impl Events {
    /// The timeline's title, references and actors; its events are read by [`Events::each_batch`].
    pub fn records(&self) -> &Timeline {
        &self.records
    }

    /// The events left out for their errors.
    pub fn set_aside(&self) -> &SetAside {
        &self.set_aside
    }

    /// Reads the events that open, in file order, and hands them to `each` a batch at a time;
    /// stops at the first error `each` returns.
    pub fn each_batch<E: From<CutShort>>(&self, each: impl FnMut(&[Event]) -> Result<(), E>) -> Result<(), E> {
        let mut batches = Batches::new(each);
        // The problems were reported by the check; this pass reads the events alone.
        let problems = (&mut Vec::new(), &mut Vec::new());
        piecewise::tables(
            &self.document.text,
            &self.blocks,
            &AtomicU64::new(0),
            problems,
            |read, _, _| {
                if read.state == walk::State::Whole
                    && super::table_at(&self.left_out, read.spans.table().start).is_none()
                {
                    batches.push(read.event);
                }
            },
        );
        self.document.text.intact()?;
        batches.finish()
    }
}

/// A document to be read once, its events checked as they are read (see [`once`]).
pub struct Once<'d> {
    document: &'d Document,
    checks: validate::Checks,
    reading: Reading<'d>,
}

/// How a document read [`once`] is read.
enum Reading<'d> {
    /// A TOML file by its event tables, with the text outside them read.
    Tables {
        blocks: super::blocks::Blocks,
        outside: piecewise::Parsed,
    },
    /// A CSV file by its rows, indexed by the event they make, with the timeline's own records
    /// read from them. Building its events uses the index up: it is taken out to be read (the
    /// records stay lent to the writer meanwhile), and a second reading ends in [`Unclean`]. A
    /// lock, not a `Cell`, since an export reads on rayon's threads ([`crate::export::Streamed`]).
    Rows {
        records: Timeline,
        index: std::sync::Mutex<Option<Box<crate::import::csv::Index<'d>>>>,
    },
}

/// The check found an error in a file read [`once`]: what was handed on is not what the file
/// opens to, and is to be thrown away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclean;

impl std::fmt::Display for Unclean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file has errors; it is to be read again to set aside what they name")
    }
}

impl std::error::Error for Unclean {}

impl From<Unclean> for std::io::Error {
    fn from(unclean: Unclean) -> std::io::Error {
        std::io::Error::other(unclean)
    }
}

impl Unclean {
    /// True when `error` is an [`Unclean`] passed through a writer.
    pub fn is(error: &std::io::Error) -> bool {
        error.get_ref().is_some_and(|inner| inner.is::<Unclean>())
    }
}

/// Opens `document` for one pass that checks its events as it reads them; `None` where only
/// [`open`] can read it (another tool's format but CSV, a layout the splitter refuses, events
/// outside `[[events]]` tables). `options` as for [`Document::open`].
pub fn once<'d>(document: &'d Document, options: super::Options<'_>) -> Option<Once<'d>> {
    if options.lend {
        document.text.lend();
    }
    let reading = match document.split() {
        Some(blocks) => Reading::Tables {
            outside: piecewise::outside(&document.text, &blocks)?,
            blocks,
        },
        None => {
            let (records, index) = crate::import::csv::index(&document.text, &document.csv(&options)?);
            Reading::Rows {
                records,
                index: Some(Box::new(index)).into(),
            }
        }
    };
    Some(Once {
        document,
        checks: options.checks(),
        reading,
    })
}

impl Once<'_> {
    /// The timeline's title, references and actors; its events are read by [`Once::each_batch`].
    pub fn records(&self) -> &Timeline {
        match &self.reading {
            Reading::Tables { outside, .. } => &outside.walked.timeline,
            Reading::Rows { records, .. } => records,
        }
    }

    /// Reads and checks the events in file order, handing them to `each` a batch at a time;
    /// stops at the first error `each` returns. Ends in [`Unclean`] when the check finds an error:
    /// then what was handed on must be thrown away, and the file read with [`open`].
    pub fn each_batch<E: From<Unclean> + From<CutShort>>(
        &self,
        each: impl FnMut(&[Event]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut batches = Batches::new(each);
        let mut whole = true;
        let src = self.document.source();
        let diagnostics = match &self.reading {
            Reading::Tables { blocks, outside } => {
                let hand_on = |read: walk::Read<piecewise::Spans>| {
                    // An event not read whole always comes with an error: nothing after it is handed on.
                    whole &= read.state == walk::State::Whole;
                    if whole {
                        batches.push(read.event);
                    }
                };
                let parsed = AtomicU64::new(0);
                super::checked(
                    &self.document.text,
                    blocks,
                    outside,
                    &src,
                    self.checks,
                    &parsed,
                    hand_on,
                )
                .0
            }
            Reading::Rows { records, index } => {
                let taken = index.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
                let Some(mut index) = taken else {
                    return Err(Unclean.into());
                };
                super::checked_rows(&src, records, &mut index, self.checks, |event| batches.push(event))
            }
        };
        self.document.text.intact()?;
        if !whole || diagnostics.iter().any(Diagnostic::is_error) {
            return Err(batches.failed.unwrap_or_else(|| Unclean.into()));
        }
        batches.finish()
    }
}

/// Events gathered for `each` a batch at a time, until it returns an error.
struct Batches<F, E> {
    batch: Vec<Event>,
    each: F,
    failed: Option<E>,
}

impl<F: FnMut(&[Event]) -> Result<(), E>, E> Batches<F, E> {
    fn new(each: F) -> Batches<F, E> {
        Batches {
            batch: Vec::with_capacity(BATCH),
            each,
            failed: None,
        }
    }

    fn push(&mut self, event: Event) {
        if self.failed.is_some() {
            return;
        }
        self.batch.push(event);
        if self.batch.len() == BATCH {
            self.failed = (self.each)(&self.batch).err();
            self.batch.clear();
        }
    }

    /// Hands on the last batch, unless `each` has failed: then its error.
    fn finish(mut self) -> Result<(), E> {
        match self.failed {
            Some(e) => Err(e),
            None => (self.each)(&self.batch),
        }
    }
}
