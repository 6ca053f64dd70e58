//! The explorer's state: what is loaded, what is selected, which mode. No terminal code.

use std::sync::Arc;

use super::compute::{Job, OFF_THREAD_FROM, Pending, Say, Searching, Working};
use super::data::Data;
use super::editor::{History, LineEditor};
use super::files::{Marks, Opened};
use super::form::Form;
use super::jumps::Jumps;
use super::layout::{self, Areas};
use super::screen::{Focus, MatrixCursor, Panes, Screen};
use super::shown::Shown;
use super::{KeyMap, KeyMode, Msg, Said};
use crate::axis::index::AxisIndex;
use crate::axis::{Window, Zoom};
use crate::filter::Filter;
use crate::model::evidence::{Entry, Evidence, Item};
use crate::model::lag::Lags;
use crate::model::matrix::Matrix;
use crate::model::merge::{Merged, Origin, Part, merge};
use crate::model::{Event, Timeline};
use crate::notes::Change;
use crate::query::{Completion, Query, QueryError};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// What the screen is doing besides browsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Moving around.
    Browse,
    /// Typing into a prompt in the footer.
    Prompt {
        /// What the text is for.
        prompt: Prompt,
        /// What has been typed, and where the cursor is.
        input: LineEditor,
        /// Why the text does not parse yet, if it does not.
        error: Option<QueryError>,
        /// While Tab is pressed again and again: the completions it goes through (boxed, as
        /// it is seldom there and would make every `Mode` larger).
        completing: Option<Box<Completing>>,
    },
    /// A form over a record of a timeline file (boxed: it is large and seldom up).
    Form(Box<Form>),
    /// The help overlay, scrolled by `scroll` lines.
    Help {
        /// First help line shown.
        scroll: u16,
    },
}

/// What a footer prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// A search (`/`); `origin` is the selection to return to on cancel.
    Search {
        /// Selection before the search started.
        origin: usize,
    },
    /// A filter query (`f`), applied as it is typed; `previous` comes back on cancel.
    Filter {
        /// The filter's query before the prompt opened.
        previous: Option<Query>,
    },
    /// A knowledge date (`a`).
    AsOf,
    /// A file to export the shown events to (`e`).
    Export,
    /// A file to start a new timeline in, from the starter ("add event" on the bundled timeline).
    NewTimeline,
    /// A note on an event (`N`).
    Note {
        /// The event's index in the timeline.
        event: usize,
    },
}

impl Prompt {
    /// The prompt's sign in the footer.
    pub fn sign(&self) -> &'static str {
        match self {
            Prompt::Search { .. } => "/",
            Prompt::Filter { .. } => "filter: ",
            Prompt::AsOf => "as of (YYYY-MM-DD, empty: the selected event's date): ",
            Prompt::Export => "export to (.md .csv .svg .toml .json .timelinejs.json): ",
            Prompt::NewTimeline => "new timeline (the bundled one is never written to) in: ",
            Prompt::Note { .. } => "note (empty removes it): ",
        }
    }
}

/// Tab's round of the completions of one term: each press puts the next one in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completing {
    /// The candidates, and the text they follow.
    pub completion: Completion,
    /// The candidate in the text now, if one is.
    pub at: Option<usize>,
}

/// A search kept with Enter: its matches, as positions in the shown order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// The text as typed.
    pub text: String,
    /// The parsed query.
    pub query: Query,
    /// Matching positions in `App::order`, ascending: those found so far while `running`.
    pub matches: Vec<usize>,
    /// The search still under way on a worker, if it is.
    pub(super) running: Option<Searching>,
}

/// Something for the terminal layer to do outside the screen.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Open an http(s) URL in the browser.
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Save edits to a file's bookmarks and notes in its sidecar.
    SaveNotes {
        /// The sidecar.
        path: std::path::PathBuf,
        /// The edits.
        changes: Vec<Change>,
    },
    /// Give the terminal to the user's editor on a timeline file, at an event's line; the
    /// watcher reloads what is saved there.
    EditFile {
        /// The timeline file.
        path: std::path::PathBuf,
        /// The event's id in that file, to open at its line.
        id: String,
        /// Where the event is written in the file as mapped, when it was placed: its line is
        /// counted there rather than by reading the file again.
        place: Option<crate::search::written::Place>,
    },
    /// Give the terminal to the user's editor on a note, in a temporary file; what is saved
    /// comes back in [`Performed::note`](super::message::Performed).
    EditNote {
        /// The event's index in the timeline.
        event: usize,
        /// The note so far.
        text: String,
    },
    /// Make edits in a timeline file (or take them back), checked and saved atomically, on a
    /// thread of its own (a file of 100k events takes seconds); what came of it returns as
    /// [`Msg::Edited`](super::Msg::Edited).
    Edit {
        /// The file.
        path: std::path::PathBuf,
        /// The edits, or the undo information to apply, in order.
        rewrite: Rewrite,
    },
    /// Write a new timeline (never over an existing file); once written, the explorer closes
    /// and opens again on it.
    NewTimeline {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        contents: String,
        /// The footer message once written.
        done: String,
    },
    /// Write the shown events to a new file (never over an existing one) on a thread of its own;
    /// what came of it returns as [`Msg::Exported`](super::Msg::Exported).
    Export {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        export: Box<super::export::Export>,
    },
    /// Work out or search what is shown on a worker thread; the result returns as
    /// [`Msg::Computed`](super::Msg::Computed), a search's hits as [`Msg::Found`](super::Msg::Found).
    Compute(Box<Job>),
}

/// Edits to make in a file, or edits to take back.
#[derive(Debug, Clone)]
pub enum Rewrite {
    /// New edits.
    Make(Vec<crate::edit::Edit>),
    /// Undo information, applied in order.
    Reverse(Vec<crate::edit::Undo>),
}

/// The whole state of the explorer, by how long each part lives: the data (replaced by a load),
/// what is shown of it (worked out again when the data, the filter or the marks change), the
/// screen with its own state, and what the researcher is doing.
#[derive(Debug, Clone)]
pub struct App {
    /// The timeline as loaded, shared with a worker working out what is shown of it.
    pub(super) data: Arc<Data>,
    /// What narrows and orders the events.
    pub(super) filter: Filter,
    /// The researcher's choice for every knowledge date: hide events known only by their
    /// reference's date until then, rather than show them marked. Kept when the filters are cleared.
    pub(super) strict_as_of: bool,
    /// The shown events and what is worked out from them.
    pub(super) shown: Shown,
    /// The refresh of `shown` being worked out on a worker, if any; `shown` stays drawn meanwhile.
    pub(super) computing: Option<Pending>,
    /// The files the shown events are being written to (see [`Effect::Export`]).
    pub(super) exporting: Vec<(std::path::PathBuf, Option<u8>)>,
    /// True while the watcher loads a changed file again, until what came of it is in.
    pub(super) reloading: bool,
    /// A large load or reload whose shown events are being worked out on a worker; `data` and
    /// `shown` stay drawn meanwhile and are replaced together once that is in.
    pub(super) incoming: Option<Incoming>,
    /// Counts the refreshes asked of workers, so a stale result is told apart.
    pub(super) generation: u64,
    /// From this many events on, refreshes are worked out on a worker ([`OFF_THREAD_FROM`]).
    pub(super) off_thread_from: usize,
    /// Which screen is up, with its own state.
    pub(super) screen: Screen,
    /// Selected position in the shown order (on every screen).
    pub(super) selected: usize,
    /// Current mode.
    pub(super) mode: Mode,
    /// The stretch of time on the axis.
    pub(super) window: Window,
    /// The kept or live search.
    pub(super) search: Option<Search>,
    /// A one-line message for the footer (cleared by the next action).
    pub(super) message: Option<Said>,
    /// Terminal size (columns, rows).
    pub(super) size: (u16, u16),
    /// Work for the terminal layer, drained after each update.
    pub(super) effects: Vec<Effect>,
    /// The opened files, in command-line order, with the researcher's marks.
    pub(super) files: Vec<Opened>,
    /// A file that does not load, and why; shown until a save fixes it.
    pub(super) banner: Option<Banner>,
    /// While the file is still loading on a thread (the events shown are a preview): how far
    /// along, and what the keys meant of the whole file.
    pub(super) loading: Option<Loading>,
    /// The prompt's text changed and its search or filter is not applied yet (see
    /// [`crate::app::update::settle`]).
    pub(super) pending: bool,
    /// What each kind of prompt was given this session.
    pub(super) history: History,
    /// The session's changes to marks and files, to undo and redo.
    pub(super) changes: Changes,
    /// The places jumps started from, to walk back and forth.
    pub(super) jumps: Jumps,
    /// True when a filter or the context window keeps the axis window instead of re-fitting it.
    pub(super) hold_window: bool,
    /// What the screen shows to explain itself besides the data.
    pub(super) guides: Guides,
    /// How many lines the help has (the view counts them from the keymap), so scrolling stops
    /// at its end.
    pub(super) help_length: u16,
    /// False once the user quits.
    pub(super) running: bool,
}

/// A file that does not load, said over the bottom of the screen until a save fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// Which file (by index).
    pub part: usize,
    /// Its errors, rendered as `tlx check` prints them.
    pub message: String,
    /// What is shown of the file meanwhile.
    pub showing: Showing,
}

/// What is shown of a file that does not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// The version that loaded before it changed.
    LastGood,
    /// Only the preview read while it loaded in the background: it never opened whole.
    Preview,
}

/// What the screen shows to explain itself, kept across screens for the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Guides {
    /// The legend line saying what the marks mean.
    pub legend: bool,
    /// The list's column of event ids.
    pub ids: bool,
}

/// One of an event's `related` ids, and where it leads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Related<'a> {
    /// The id as written.
    pub id: &'a str,
    /// The event, when the timeline has one with that id.
    pub event: Option<&'a Event>,
    /// Its position in the shown order, when it is shown.
    pub pos: Option<usize>,
}

/// Data loaded or reloaded, made ready, waiting for a worker to work out what is shown of it.
#[derive(Debug, Clone)]
pub(super) struct Incoming {
    /// The data, with its version counted on.
    pub(super) data: Arc<Data>,
    /// The filter the worker applies (the context window's event carried over to `data`): the
    /// researcher may change the filter meanwhile.
    pub(super) filter: Filter,
    /// The worker's job, and what applying its result does.
    pub(super) pending: Pending,
    /// What taking the data in ends with.
    pub(super) then: Then,
}

/// What taking new data in ends with, once it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Then {
    /// The background load's end, with what was set aside for errors.
    Loaded(Option<String>),
    /// A reload of this file (by index), with what the footer says of it.
    Reloaded(usize, String),
}

/// A file loading on a thread while its preview is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Loading {
    /// How far along, in percent.
    pub(super) percent: u8,
    /// End was pressed and the selection has not moved since: the last event of the whole file
    /// is meant, not the preview's.
    pub(super) to_last: bool,
    /// What the footer says of the preview (how many events a filter lets through, say), while
    /// it says it: the whole file's count is said once it is in.
    pub(super) said: Option<Say>,
}

/// The session's changes, one history for the marks and the files: what undo takes back,
/// newest last, and what redo makes again.
#[derive(Debug, Clone, Default)]
pub(super) struct Changes {
    /// What undo takes back, the newest last.
    pub(super) undo: Vec<Step>,
    /// What redo makes again, the newest undone last.
    pub(super) redo: Vec<Step>,
    /// Edits of a file asked of the terminal layer, whose outcome has not come back yet: which
    /// way they go, the file, and what they are.
    pub(super) asked: Option<(Way, usize, String)>,
    /// A file tlx has just written (by index): its reload shows the edit, whose message
    /// ("saved: …", "undone: …") stays rather than give way to "reloaded …".
    pub(super) written: Option<usize>,
}

/// Which way a change goes: made new, taken back, or made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    /// A new change (from a form or a delete).
    Make,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
}

/// One change that can be taken back (and its inverse, made again).
#[derive(Debug, Clone)]
pub(super) enum Step {
    /// A change to an event's marks: the event, by file and id (which a reload keeps, where it
    /// may move the index), and its marks to put back.
    Marks {
        /// The opened file the event is in.
        part: usize,
        /// The event's id in that file.
        id: String,
        /// The marks to put back.
        entry: crate::notes::Entry,
        /// What the change was, for the footer ("the star on ...").
        what: String,
    },
    /// Edits of a timeline file: what takes them back, applied in order.
    File {
        /// The opened file.
        part: usize,
        /// The undo information, in the order to apply it.
        steps: Vec<crate::edit::Undo>,
        /// What the change was, for the footer ("a source of ...").
        what: String,
    },
}

/// What `tlx [FILE...]` opens the explorer on.
pub struct Opening {
    /// The files merged on one axis (while one loads in the background, its preview).
    pub merged: Merged,
    /// Each file's label, path, sidecar and marks.
    pub files: Vec<Opened>,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    /// How much time the axis shows about the selection (the config's zoom).
    pub zoom: Zoom,
    /// True while the whole file is still loading in the background.
    pub loading: bool,
    /// What was wrong with the bookmarks files.
    pub problems: Vec<String>,
    /// True on the first run, when the legend line opens shown.
    pub legend: bool,
}

/// Reads of the state, for the views and for tests: only `app` writes it.
impl App {
    /// The timeline being explored, as shown: every text field printable ([`Timeline::display`]).
    pub fn timeline(&self) -> &Timeline {
        self.data.timeline()
    }

    /// What narrows and orders the events.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// All event indices in date order, sorted once for every later filtering.
    pub fn chronological(&self) -> &[u32] {
        self.data.chronological()
    }

    /// Event indices as shown (filtered, in date order or disputes first).
    pub fn order(&self) -> &[usize] {
        self.shown.order()
    }

    /// Every event's evidence as of the knowledge date, by event index.
    pub fn evidence(&self) -> &[Evidence] {
        self.shown.evidence()
    }

    /// The shown events indexed by time, rebuilt with `order`, so each frame bins them cheaply.
    pub fn axis(&self) -> &AxisIndex {
        self.shown.axis()
    }

    /// What is under way off the UI thread (a refresh, a save, a reload, an export), for the
    /// header to say so: the first of those, when several are.
    pub fn working(&self) -> Option<Working> {
        let incoming = self.incoming.as_ref().map(|i| &i.pending);
        let saving = self.changes.asked.is_some().then_some(Working::Saving);
        let reloading = self.reloading.then_some(Working::Reloading);
        let exporting = self.exporting.first().map(|&(_, percent)| Working::Exporting(percent));
        let refreshing = self.computing.as_ref().or(incoming).map(|c| c.after.working);
        refreshing.or(saving).or(reloading).or(exporting)
    }

    /// True while the search's hits are still being found on a worker.
    pub fn searching(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.running.is_some())
    }

    /// Who said what about the shown events: tabulated while the matrix screen is up.
    pub fn matrix(&self) -> Option<&Matrix> {
        self.shown.matrix()
    }

    /// Lines the matrix panel needs to show in full, for [`layout::MatrixAreas::fitting`]: with claim
    /// columns, the event, the table's header, a row per party that spoke of the event and a
    /// line per distinct claim lag, as many as it wraps to (about: words may wrap to one more);
    /// otherwise none beyond its usual size.
    pub fn matrix_panel_lines(&self) -> usize {
        let (Some(m), true) = (self.matrix(), self.matrix_cursor().claims) else {
            return 0;
        };
        let col = self.selected();
        let Some(&i) = m.events.get(col) else { return 0 };
        let e = &self.timeline().events[i];
        // The panel spans the screen, inside its borders.
        let inner = usize::from(self.size.0.saturating_sub(2)).max(1);
        let lags: usize = Lags::per_claim(self.timeline(), e, self.evidence()[i].claims())
            .iter()
            .map(|l| l.width().div_ceil(inner))
            .sum();
        2 + m.speakers(self.timeline(), col).len() + lags
    }

    /// Which screen is up, with its own state.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The timeline screen's state, when it is up.
    pub fn panes(&self) -> Option<&Panes> {
        if let Screen::Timeline(panes) = &self.screen {
            Some(panes)
        } else {
            None
        }
    }

    /// The matrix cursor (where it starts when the matrix is not up).
    pub fn matrix_cursor(&self) -> MatrixCursor {
        if let Screen::Matrix(cursor) = self.screen {
            cursor
        } else {
            MatrixCursor::default()
        }
    }

    /// Selected position in `order`.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// First list row shown.
    pub fn list_offset(&self) -> usize {
        self.panes().map_or(0, |p| p.list_offset)
    }

    /// Which pane has focus (the list when the timeline is not up).
    pub fn focus(&self) -> Focus {
        self.panes().map_or(Focus::List, |p| p.focus)
    }

    /// Current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Selected entry among the detail's sources then denials.
    pub fn item(&self) -> usize {
        self.panes().map_or(0, |p| p.item)
    }

    /// True while the selected source or denial is opened in full.
    pub fn item_open(&self) -> bool {
        self.panes().is_some_and(|p| p.open)
    }

    /// The stretch of time on the axis.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The kept or live search.
    pub fn search(&self) -> &Option<Search> {
        &self.search
    }

    /// The footer's one-line message (cleared by the next action), its keys spelt as bound in
    /// the mode in force; `None` when there is none or nothing of it is left to show.
    pub fn message(&self, keys: &KeyMap) -> Option<String> {
        let text = self.message.as_ref()?.spell(keys, self.key_mode());
        (!text.is_empty()).then_some(text)
    }

    /// Work for the terminal layer, drained after each update.
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// The opened files, in command-line order.
    pub fn files(&self) -> &[Opened] {
        &self.files
    }

    /// Where event `i` came from: its file, and its id there.
    pub fn origin(&self, i: usize) -> Option<Origin> {
        self.data.origin(i)
    }

    /// The file event `i` came from, by index.
    pub fn part_of(&self, i: usize) -> Option<usize> {
        self.data.part_of(i)
    }

    /// A file that does not load, and why; shown until a save fixes it.
    pub fn banner(&self) -> Option<&Banner> {
        self.banner.as_ref()
    }

    /// While the file is still loading on a thread (the events shown are a preview): how far
    /// along, in percent.
    pub fn loading(&self) -> Option<u8> {
        self.loading.map(|l| l.percent)
    }

    /// The places jumps started from.
    pub fn jumps(&self) -> &Jumps {
        &self.jumps
    }

    /// True when a filter or the context window keeps the axis window instead of re-fitting it.
    pub fn hold_window(&self) -> bool {
        self.hold_window
    }

    /// The selected event's `related` events, as written, with where each is shown.
    pub fn related(&self) -> Vec<Related<'_>> {
        let Some(e) = self.selected_event() else {
            return Vec::new();
        };
        let t = self.timeline();
        e.more
            .related
            .iter()
            .map(|id| Related {
                id,
                event: t.event(id),
                pos: self.position_of(id),
            })
            .collect()
    }

    /// Where the event with this id is shown, if it is.
    pub fn position_of(&self, id: &str) -> Option<usize> {
        let t = self.timeline();
        self.order().iter().position(|&i| t.events[i].id == id)
    }

    /// What the screen shows to explain itself.
    pub fn guides(&self) -> Guides {
        self.guides
    }

    /// False once the user quits.
    pub fn running(&self) -> bool {
        self.running
    }
}

impl App {
    /// The explorer as `tlx [FILE...]` opens it: zoomed as configured, saying what was wrong
    /// with the bookmarks. Bookmarks for events that are gone are named once the whole file is in.
    pub fn opening(opening: Opening) -> App {
        let Opening {
            merged,
            files,
            size,
            zoom,
            loading,
            problems,
            legend,
        } = opening;
        let mut app = App::open(merged, files, size);
        app.guides.legend = legend;
        super::update(&mut app, Msg::ZoomTo(zoom));
        app.message = if loading {
            (!problems.is_empty()).then(|| problems.join("; ").into())
        } else {
            app.opening_message(problems)
        };
        app.loading = loading.then(Loading::default);
        app
    }

    /// A fresh explorer on one timeline, with the first event selected and the whole span in view.
    pub fn new(timeline: Timeline, name: impl Into<String>, size: (u16, u16)) -> App {
        let name = name.into();
        let part = Part {
            label: name.clone(),
            timeline,
        };
        App::open(merge(vec![part]), vec![Opened::unsaved(name)], size)
    }

    /// A fresh explorer on merged files.
    pub fn open(merged: Merged, files: Vec<Opened>, size: (u16, u16)) -> App {
        let data = Arc::new(Data::new(merged));
        let filter = Filter::default();
        let shown = Shown::new(&data, &filter, &Marks::of(&data, &files));
        App {
            window: data.fit(),
            data,
            filter,
            strict_as_of: false,
            shown,
            computing: None,
            exporting: Vec::new(),
            reloading: false,
            incoming: None,
            generation: 0,
            off_thread_from: OFF_THREAD_FROM,
            screen: Screen::default(),
            selected: 0,
            mode: Mode::Browse,
            search: None,
            message: None,
            size,
            effects: Vec::new(),
            files,
            banner: None,
            loading: None,
            pending: false,
            history: History::default(),
            changes: Changes::default(),
            jumps: Jumps::default(),
            hold_window: false,
            guides: Guides::default(),
            help_length: 0,
            running: true,
        }
    }

    /// Event `i` as read, for what must judge the text as written (a link to open).
    pub fn raw_event(&self, i: usize) -> &Event {
        self.data.raw_event(i)
    }

    /// The title, references and actors as read, without the events (see [`App::raw_event`]).
    pub fn raw_records(&self) -> &Timeline {
        self.data.raw_records()
    }

    /// The event at a position of the chronological order.
    pub fn event_at(&self, pos: usize) -> Option<&Event> {
        self.order().get(pos).map(|&i| &self.timeline().events[i])
    }

    /// The selected event, if any is shown.
    pub fn selected_event(&self) -> Option<&Event> {
        self.event_at(self.selected)
    }

    /// The selected event's evidence as of the knowledge date.
    pub fn selected_evidence(&self) -> Option<&Evidence> {
        self.order().get(self.selected).map(|&i| &self.evidence()[i])
    }

    /// The selectable entries of the selected event's detail ([`Evidence::entries`]).
    pub fn entries(&self) -> Vec<Entry> {
        match (self.selected_event(), self.selected_evidence()) {
            (Some(e), Some(ev)) => ev.entries(e),
            _ => Vec::new(),
        }
    }

    /// The detail entry under the cursor, when the detail has focus.
    pub fn selected_entry(&self) -> Option<Entry> {
        (self.focus() == Focus::Detail)
            .then(|| self.entries().get(self.item()).copied())
            .flatten()
    }

    /// The source or denial under the detail's cursor, when the detail has focus.
    pub fn selected_item(&self) -> Option<Item> {
        match self.selected_entry()? {
            Entry::Said(item) => Some(item),
            Entry::Claim(_) => None,
        }
    }

    /// The claim under the detail's cursor, when the detail has focus.
    pub fn selected_claim(&self) -> Option<usize> {
        match self.selected_entry()? {
            Entry::Claim(c) => Some(c),
            Entry::Said(_) => None,
        }
    }

    /// The search text being typed or kept.
    pub fn search_text(&self) -> Option<&str> {
        match &self.mode {
            Mode::Prompt {
                prompt: Prompt::Search { .. },
                input,
                ..
            } => Some(input.text()),
            _ => self.search.as_ref().map(|s| s.text.as_str()),
        }
    }

    /// The free-text terms of the search, for highlighting.
    pub fn highlights(&self) -> Vec<&crate::search::Needle> {
        self.search.iter().flat_map(|s| s.query.highlights()).collect()
    }

    /// True when the event at this position matches the live or kept search.
    pub fn is_match(&self, pos: usize) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.matches.binary_search(&pos).is_ok())
    }

    /// True when the matrix shows events down the side: when asked, or when the events would not
    /// fit across the screen as three-column cells beside the party names.
    pub fn matrix_transposed(&self) -> bool {
        // The matrix's events are the shown ones.
        let fit = || layout::events_fit_across(self.order().len(), self.size.0);
        self.matrix_cursor().transposed.unwrap_or_else(|| !fit())
    }

    /// The panes of a frame at the terminal's size; `None` when it is too small for them.
    pub fn areas(&self) -> Option<Areas> {
        Areas::new(Rect::new(0, 0, self.size.0, self.size.1), self.guides.legend)
    }

    /// How many lines of the help fit on screen.
    pub fn help_page(&self) -> u16 {
        layout::help(Rect::new(0, 0, self.size.0, self.size.1))
            .height
            .saturating_sub(2)
    }

    /// The first help line shown at most: where the help's last line is at the bottom.
    pub fn help_end(&self) -> u16 {
        self.help_length.saturating_sub(self.help_page())
    }

    /// The bindings that apply in the current mode and screen.
    pub fn key_mode(&self) -> KeyMode {
        match &self.mode {
            Mode::Prompt { .. } => KeyMode::Prompt,
            Mode::Form(_) => KeyMode::Form,
            Mode::Help { .. } => KeyMode::Help,
            Mode::Browse => self.screen.key_mode(),
        }
    }
}
