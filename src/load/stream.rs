//! A timeline file opened for a reader that goes through its events once, in file order (an
//! export): the file is checked as [`Document::check`] checks it, a batch of event tables at a
//! time, and its events are then read again a batch at a time, so that beyond the text it takes
//! memory for one batch rather than for the whole timeline.
//!
//! The events handed on are exactly those [`Document::open`] keeps, in its order: an event set
//! aside for its errors is left out, and a file that cannot open is refused with the same errors.

use std::ops::Range;
use std::sync::atomic::AtomicU64;

use super::{Document, OpenError, SetAside, piecewise, walk};
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
    pub fn each_batch<E>(&self, mut each: impl FnMut(&[Event]) -> Result<(), E>) -> Result<(), E> {
        let mut batch = Vec::with_capacity(BATCH);
        let mut failed = None;
        // The problems were reported by the check; this pass reads the events alone.
        let problems = (&mut Vec::new(), &mut Vec::new());
        piecewise::tables(
            &self.document.text,
            &self.blocks,
            &AtomicU64::new(0),
            problems,
            |read| {
                if failed.is_some()
                    || read.state != walk::State::Whole
                    || super::table_at(&self.left_out, read.spans.table.start).is_some()
                {
                    return;
                }
                batch.push(read.event);
                if batch.len() == BATCH {
                    failed = each(&batch).err();
                    batch.clear();
                }
            },
        );
        match failed {
            Some(e) => Err(e),
            None => each(&batch),
        }
    }
}
