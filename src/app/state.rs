//! The explorer's state: what is loaded, what is selected, which mode. No terminal code.

use crate::model::{Event, Timeline};
use crate::search::Query;
use crate::ui::axis::Window;

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
    /// Typing a search; `origin` is the selection to return to on cancel.
    Search {
        /// What has been typed.
        input: String,
        /// Selection before the search started.
        origin: usize,
    },
    /// The selected source or denial, opened in full.
    Item,
    /// The help overlay, scrolled by `scroll` lines.
    Help {
        /// First help line shown.
        scroll: u16,
    },
}

/// A search kept with Enter: its matches, as positions in the chronological order.
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
}

/// A selectable entry of the detail pane: a source or a denial of the selected event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `event.sources[i]`
    Source(usize),
    /// `event.denials[i]`
    Denial(usize),
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// The timeline being explored.
    pub timeline: Timeline,
    /// Where it came from, for the header.
    pub name: String,
    /// Event indices in chronological order.
    pub order: Vec<usize>,
    /// Selected position in `order`.
    pub selected: usize,
    /// First list row shown.
    pub list_offset: usize,
    /// Which pane has focus.
    pub focus: Focus,
    /// Current mode.
    pub mode: Mode,
    /// Selected entry among the detail's sources then denials.
    pub item: usize,
    /// The stretch of time on the axis.
    pub window: Window,
    /// The full extent of the timeline (what `0` returns to).
    pub fit: Window,
    /// The kept or live search.
    pub search: Option<Search>,
    /// A one-line message for the footer (cleared by the next action).
    pub message: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Work for the terminal layer, drained after each update.
    pub effects: Vec<Effect>,
    /// False once the user quits.
    pub running: bool,
}

impl App {
    /// A fresh explorer on a timeline, with the first event selected and the whole span in view.
    pub fn new(timeline: Timeline, name: impl Into<String>, size: (u16, u16)) -> App {
        let order = timeline.chronological();
        let fit = Window::fit(timeline.events.iter().map(|e| (e.date.earliest(), e.date.latest())));
        App {
            timeline,
            name: name.into(),
            order,
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
            running: true,
        }
    }

    /// The event at a position of the chronological order.
    pub fn event_at(&self, pos: usize) -> Option<&Event> {
        self.order.get(pos).map(|&i| &self.timeline.events[i])
    }

    /// The selected event, if the timeline has any.
    pub fn selected_event(&self) -> Option<&Event> {
        self.event_at(self.selected)
    }

    /// The selectable entries of the selected event's detail: sources first, then denials.
    pub fn items(&self) -> Vec<Item> {
        self.selected_event().map_or_else(Vec::new, |e| {
            (0..e.sources.len())
                .map(Item::Source)
                .chain((0..e.denials.len()).map(Item::Denial))
                .collect()
        })
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
            Mode::Search { input, .. } => Some(input),
            _ => self.search.as_ref().map(|s| s.text.as_str()),
        }
    }

    /// True when the event at this position matches the live or kept search.
    pub fn is_match(&self, pos: usize) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.matches.binary_search(&pos).is_ok())
    }

    /// The events as the axis sees them; `index` is the position in `order`.
    pub fn axis_items(&self) -> Vec<crate::ui::axis::Item> {
        self.order
            .iter()
            .enumerate()
            .map(|(pos, &i)| {
                let e = &self.timeline.events[i];
                crate::ui::axis::Item {
                    earliest: e.date.earliest(),
                    latest: e.date.latest(),
                    fuzzy: e.date.is_fuzzy(),
                    interval: e.date.is_interval(),
                    status: e.status(),
                    index: pos,
                }
            })
            .collect()
    }
}
