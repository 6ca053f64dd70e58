//! The explorer's state: what is loaded, what is selected, which mode. No terminal code.

use super::files::Opened;
use super::{KeyMode, Msg};
use crate::axis::index::{self, AxisIndex};
use crate::axis::{Window, Zoom};
use crate::filter::{Filter, Shown};
use crate::model::evidence::{AsOf, Evidence, Item};
use crate::model::matrix::Matrix;
use crate::model::merge::{Merged, Origin, Part, merge};
use crate::model::{Event, Timeline};
use crate::notes::Change;
use crate::query::{Query, QueryError};

/// Which pane receives movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The event list.
    List,
    /// The detail pane's sources and denials.
    Detail,
}

/// What the screen is doing besides browsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Moving around.
    Browse,
    /// Typing into a prompt in the footer.
    Prompt {
        /// What the text is for.
        prompt: Prompt,
        /// What has been typed.
        input: String,
        /// Why the text does not parse yet, if it does not.
        error: Option<QueryError>,
    },
    /// The selected source or denial, opened in full.
    Item,
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
            Prompt::Note { .. } => "note (empty removes it): ",
        }
    }
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The axis, the list and the detail.
    Timeline,
    /// Who said what: parties against events.
    Matrix,
}

/// The cursor of the who-said-what matrix, in table terms (not screen rows and columns); its
/// event is the selected event, since the matrix's events are the shown ones in the same order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixCursor {
    /// Selected party (outlet or denier).
    pub party: usize,
    /// `Some(true)`: events down the side; `None`: whichever fits.
    pub transposed: Option<bool>,
}

/// A search kept with Enter: its matches, as positions in the shown order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// The text as typed.
    pub text: String,
    /// The parsed query.
    pub query: Query,
    /// Matching positions in `App::order`, ascending.
    pub matches: Vec<usize>,
}

/// Something for the terminal layer to do outside the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Write a new file (never over an existing one), then report in the footer.
    Write {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        contents: String,
        /// The footer message once written.
        done: String,
    },
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// The timeline being explored, as shown: every text field printable ([`Timeline::displayed`]).
    pub(super) timeline: Timeline,
    /// The timeline as read when it differs from `timeline` (see [`App::raw`]).
    pub(super) raw: Option<Timeline>,
    /// What narrows and orders the events.
    pub(super) filter: Filter,
    /// All event indices in date order, sorted once for every later filtering.
    pub(super) chronological: Vec<usize>,
    /// Event indices as shown (filtered, in date order or disputes first).
    pub(super) order: Vec<usize>,
    /// Every event's evidence as of the knowledge date, by event index.
    pub(super) evidence: Vec<Evidence>,
    /// The knowledge date `evidence` was worked out for, and for which timeline (`None` once the
    /// timeline is replaced): refiltering works it out again only when this no longer holds.
    pub(super) evidence_for: Option<Option<AsOf>>,
    /// The shown events indexed by time, rebuilt with `order`, so each frame bins them cheaply.
    pub(super) axis: AxisIndex,
    /// Who said what about the shown events: built when the matrix screen is shown, dropped when
    /// the shown events change while it is not (a million events cost seconds to tabulate).
    pub(super) matrix: Option<Matrix>,
    /// Which screen is up.
    pub(super) screen: Screen,
    /// The matrix cursor.
    pub(super) matrix_cursor: MatrixCursor,
    /// Selected position in `order`.
    pub(super) selected: usize,
    /// First list row shown.
    pub(super) list_offset: usize,
    /// Which pane has focus.
    pub(super) focus: Focus,
    /// Current mode.
    pub(super) mode: Mode,
    /// Selected entry among the detail's sources then denials.
    pub(super) item: usize,
    /// The stretch of time on the axis.
    pub(super) window: Window,
    /// The full extent of the timeline (what `0` returns to).
    pub(super) fit: Window,
    /// The kept or live search.
    pub(super) search: Option<Search>,
    /// A one-line message for the footer (cleared by the next action).
    pub(super) message: Option<String>,
    /// Terminal size (columns, rows).
    pub(super) size: (u16, u16),
    /// Work for the terminal layer, drained after each update.
    pub(super) effects: Vec<Effect>,
    /// The opened files, in command-line order.
    pub(super) files: Vec<Opened>,
    /// Where each event of `timeline` came from.
    pub(super) origins: Vec<Origin>,
    /// A file that could not be reloaded (by index) and why; shown until a save fixes it. The
    /// last good data stays.
    pub(super) banner: Option<(usize, String)>,
    /// While the file is still loading on a thread (the events shown are a preview): how far
    /// along, in percent.
    pub(super) loading: Option<u8>,
    /// The prompt's text changed and its search or filter is not applied yet (see
    /// [`crate::app::update::settle`]).
    pub(super) pending: bool,
    /// False once the user quits.
    pub(super) running: bool,
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
}

/// Reads of the state, for the views and for tests: only `app` writes it.
impl App {
    /// The timeline being explored, as shown: every text field printable ([`Timeline::displayed`]).
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// What narrows and orders the events.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// All event indices in date order, sorted once for every later filtering.
    pub fn chronological(&self) -> &[usize] {
        &self.chronological
    }

    /// Event indices as shown (filtered, in date order or disputes first).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Every event's evidence as of the knowledge date, by event index.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// The shown events indexed by time, rebuilt with `order`, so each frame bins them cheaply.
    pub fn axis(&self) -> &AxisIndex {
        &self.axis
    }

    /// Who said what about the shown events: built when the matrix screen is shown, dropped when
    /// the shown events change while it is not (a million events cost seconds to tabulate).
    pub fn matrix(&self) -> &Option<Matrix> {
        &self.matrix
    }

    /// Which screen is up.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The matrix cursor.
    pub fn matrix_cursor(&self) -> MatrixCursor {
        self.matrix_cursor
    }

    /// Selected position in `order`.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// First list row shown.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    /// Which pane has focus.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Selected entry among the detail's sources then denials.
    pub fn item(&self) -> usize {
        self.item
    }

    /// The stretch of time on the axis.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The kept or live search.
    pub fn search(&self) -> &Option<Search> {
        &self.search
    }

    /// A one-line message for the footer (cleared by the next action).
    pub fn message(&self) -> &Option<String> {
        &self.message
    }

    /// Work for the terminal layer, drained after each update.
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// The opened files, in command-line order.
    pub fn files(&self) -> &[Opened] {
        &self.files
    }

    /// Where each event of `timeline` came from.
    pub fn origins(&self) -> &[Origin] {
        &self.origins
    }

    /// A file that could not be reloaded (by index) and why; shown until a save fixes it. The
    /// last good data stays.
    pub fn banner(&self) -> &Option<(usize, String)> {
        &self.banner
    }

    /// While the file is still loading on a thread (the events shown are a preview): how far
    /// along, in percent.
    pub fn loading(&self) -> Option<u8> {
        self.loading
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
        } = opening;
        let mut app = App::open(merged, files, size);
        super::update(&mut app, Msg::ZoomTo(zoom));
        app.message = if loading {
            (!problems.is_empty()).then(|| problems.join("; "))
        } else {
            app.opening_message(problems)
        };
        app.loading = loading.then_some(0);
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
        let Merged {
            timeline: mut shown,
            origins,
        } = merged;
        let raw = shown
            .displayed()
            .map(|printable| std::mem::replace(&mut shown, printable));
        let timeline = shown;
        let fit = Window::fit(timeline.events.iter().map(|e| (e.date.earliest(), e.date.latest())));
        let filter = Filter::default();
        let chronological = timeline.chronological();
        let Shown { order, evidence } = filter.apply_in(&timeline, &chronological, &());
        let axis = index_axis(&timeline, &order, &evidence);
        App {
            timeline,
            raw,
            filter,
            chronological,
            order,
            evidence,
            evidence_for: Some(None),
            axis,
            matrix: None,
            screen: Screen::Timeline,
            matrix_cursor: MatrixCursor::default(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            mode: Mode::Browse,
            item: 0,
            window: fit,
            fit,
            search: None,
            message: None,
            size,
            effects: Vec::new(),
            files,
            origins,
            banner: None,
            loading: None,
            pending: false,
            running: true,
        }
    }

    /// The timeline as read, for exports and the clipboard, which keep the text as written.
    pub fn raw(&self) -> &Timeline {
        self.raw.as_ref().unwrap_or(&self.timeline)
    }

    /// The event at a position of the chronological order.
    pub fn event_at(&self, pos: usize) -> Option<&Event> {
        self.order.get(pos).map(|&i| &self.timeline.events[i])
    }

    /// The selected event, if any is shown.
    pub fn selected_event(&self) -> Option<&Event> {
        self.event_at(self.selected)
    }

    /// The selected event's evidence as of the knowledge date.
    pub fn selected_evidence(&self) -> Option<&Evidence> {
        self.order.get(self.selected).map(|&i| &self.evidence[i])
    }

    /// The selectable entries of the selected event's detail: known sources first, then denials.
    pub fn items(&self) -> Vec<Item> {
        self.selected_evidence()
            .map_or_else(Vec::new, |ev| ev.items().collect())
    }

    /// The detail entry under the cursor, when the detail has focus.
    pub fn selected_item(&self) -> Option<Item> {
        (self.focus == Focus::Detail)
            .then(|| self.items().get(self.item).copied())
            .flatten()
    }

    /// The search text being typed or kept.
    pub fn search_text(&self) -> Option<&str> {
        match &self.mode {
            Mode::Prompt {
                prompt: Prompt::Search { .. },
                input,
                ..
            } => Some(input),
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
        self.matrix_cursor.transposed.unwrap_or_else(|| {
            // The matrix's events are the shown ones.
            let needed = self.order.len() * 3 + 24;
            needed > usize::from(self.size.0)
        })
    }

    /// The bindings that apply in the current mode and screen.
    pub fn key_mode(&self) -> KeyMode {
        match (&self.mode, self.screen) {
            (Mode::Prompt { .. }, _) => KeyMode::Prompt,
            (Mode::Help { .. }, _) => KeyMode::Help,
            (Mode::Browse | Mode::Item, Screen::Matrix) => KeyMode::Matrix,
            (Mode::Browse | Mode::Item, Screen::Timeline) => KeyMode::Browse,
        }
    }
}

/// The shown events (`order`) indexed for the axis; an item's `index` is its position in `order`.
pub(crate) fn index_axis(t: &Timeline, order: &[usize], evidence: &[Evidence]) -> AxisIndex {
    AxisIndex::new(order.iter().enumerate().map(|(pos, &i)| {
        let date = &t.events[i].date;
        index::Marker {
            earliest: date.earliest(),
            latest: date.latest(),
            fuzzy: date.is_fuzzy(),
            interval: date.is_interval(),
            status: evidence[i].status,
            index: pos,
        }
    }))
}
