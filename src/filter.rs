//! Which events are shown, and in what order: the knowledge date, the query, the context window
//! around one event, and the sort. Shared by the explorer and `tlx list`; no terminal code.

use crate::model::date::DAY;
use crate::model::evidence::{AsOf, Evidence};
use crate::model::{Event, Status, Timeline};
use crate::parallel;
use crate::query::Query;

/// Everything that narrows or reorders the events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only what was public by this date counts.
    pub as_of: Option<AsOf>,
    /// Events must match this query.
    pub query: Option<Query>,
    /// Only events near this one.
    pub around: Option<Around>,
    /// The order of the shown events.
    pub sort: Sort,
    /// Only events from this opened file (by its position on the command line).
    pub file: Option<usize>,
    /// Only starred events.
    pub starred: bool,
}

/// What the explorer knows of an event beyond the timeline: which file it came from, whether
/// the researcher starred it and their note on it. The command line knows none, so it passes `()`.
pub trait Facets {
    /// The opened file the event came from.
    fn file_of(&self, event: usize) -> usize;
    /// True when the event is starred.
    fn is_starred(&self, event: usize) -> bool;
    /// The researcher's note on the event, which queries search too.
    fn note(&self, event: usize) -> Option<&str>;
    /// True once whoever asked no longer wants the result (a newer query superseded it): the
    /// events not yet tested are skipped, and the result, incomplete, is thrown away.
    fn cancelled(&self) -> bool {
        false
    }
}

impl Facets for () {
    fn file_of(&self, _: usize) -> usize {
        0
    }

    fn is_starred(&self, _: usize) -> bool {
        false
    }

    fn note(&self, _: usize) -> Option<&str> {
        None
    }
}

/// The order of the shown events (also the values of `--sort`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// By date.
    #[default]
    Chronological,
    /// Contested and denied events first, most denials first, then by date.
    Disputes,
}

/// A context window: the events within a span before and after one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Around {
    /// Index of the event in the timeline.
    pub event: usize,
    /// How far to look on either side.
    pub reach: Reach,
}

/// The reach of a context window on each side of its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Seven days.
    Week,
    /// Thirty days.
    Month,
    /// 365 days.
    Year,
}

impl Reach {
    /// The reach in seconds.
    pub fn seconds(self) -> i64 {
        match self {
            Reach::Week => 7 * DAY,
            Reach::Month => 30 * DAY,
            Reach::Year => 365 * DAY,
        }
    }

    /// "a week", for the header.
    pub fn label(self) -> &'static str {
        match self {
            Reach::Week => "a week",
            Reach::Month => "a month",
            Reach::Year => "a year",
        }
    }

    /// The next wider span; `None` after a year (the window closes).
    pub fn wider(self) -> Option<Reach> {
        match self {
            Reach::Week => Some(Reach::Month),
            Reach::Month => Some(Reach::Year),
            Reach::Year => None,
        }
    }
}

/// The result of a filter: the shown events in order, and every event's evidence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// Indices of the shown events, in display order.
    pub order: Vec<usize>,
    /// Evidence of each event of the timeline (by event index), as of the knowledge date.
    pub evidence: Vec<Evidence>,
}

impl Filter {
    /// True when anything narrows or reorders the events.
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    /// Applies the filter to a timeline.
    pub fn apply(&self, t: &Timeline) -> Shown {
        self.apply_in(t, &t.chronological(), &())
    }

    /// Applies the filter given the timeline's chronological order, which callers that filter
    /// again and again (the explorer, on every key of the filter prompt) sort once.
    pub fn apply_in(&self, t: &Timeline, chronological: &[u32], facets: &(dyn Facets + Sync)) -> Shown {
        let evidence = self.evidence(t);
        let order = self.order_in(t, chronological, &evidence, facets);
        Shown { order, evidence }
    }

    /// Every event's evidence as of the knowledge date, by event index. It depends on nothing
    /// else, so the explorer works it out again only when the knowledge date changes.
    pub fn evidence(&self, t: &Timeline) -> Vec<Evidence> {
        parallel::map(&t.events, |e| Evidence::of(t, e, self.as_of.as_ref()))
    }

    /// The shown events in display order, given every event's evidence from [`Filter::evidence`].
    pub fn order_in(
        &self,
        t: &Timeline,
        chronological: &[u32],
        evidence: &[Evidence],
        facets: &(dyn Facets + Sync),
    ) -> Vec<usize> {
        let window = self.around.and_then(|a| {
            let anchor = &t.events.get(a.event)?.date;
            Some((
                anchor.earliest() - a.reach.seconds(),
                anchor.latest() + a.reach.seconds(),
            ))
        });
        let shown = |i: usize| {
            let (e, ev) = (&t.events[i], &evidence[i]);
            !facets.cancelled()
                && ev.known()
                && self.file.is_none_or(|f| facets.file_of(i) == f)
                && (!self.starred || facets.is_starred(i))
                && window.is_none_or(|(from, to)| e.date.latest() > from && e.date.earliest() < to)
                && self.query.as_ref().is_none_or(|q| q.matches(t, e, ev, facets.note(i)))
        };
        // Tested in file order, the order the events' text lies in memory, then put in date order.
        let kept = parallel::map_indices(t.events.len(), shown);
        let mut order: Vec<usize> = (chronological.iter().map(|&i| i as usize))
            .filter(|&i| kept[i])
            .collect();
        if self.sort == Sort::Disputes {
            // A stable sort keeps date order within each rank.
            order.sort_by_key(|&i| {
                let ev = &evidence[i];
                let disputed = matches!(ev.status(), Status::Contested | Status::Denied);
                (!disputed, std::cmp::Reverse(ev.denials().len()))
            });
        }
        order
    }
}

impl Filter {
    /// A timeline of only the shown events, in file order, each with only the sources and denials
    /// known at the knowledge date: what an export of the current view contains.
    pub fn narrowed(&self, t: &Timeline) -> Timeline {
        let Shown { order, evidence } = self.apply(t);
        pick(t, |i| &t.events[i], &order, &evidence)
    }
}

/// The events at `order` (each given by `event`), in file order, each with the sources and
/// denials its `evidence` counts, with the title, references and actors of `records`. The events
/// may be those as read while `order` was worked out on the timeline displayed
/// ([`Timeline::display`]), which has the same events in the same places.
pub fn pick<'t>(
    records: &Timeline,
    event: impl Fn(usize) -> &'t Event,
    order: &[usize],
    evidence: &[Evidence],
) -> Timeline {
    let mut order = order.to_vec();
    order.sort_unstable();
    let events = order.into_iter().map(|i| picked(event(i), &evidence[i])).collect();
    Timeline {
        events,
        ..records.clone()
    }
}

/// `event` with only the sources and denials its `evidence` counts (see [`pick`]).
pub fn picked(event: &Event, evidence: &Evidence) -> Event {
    Event {
        sources: evidence.sources().iter().map(|j| event.sources[j].clone()).collect(),
        denials: evidence.denials().iter().map(|j| event.denials[j].clone()).collect(),
        ..event.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};
    use crate::model::Date;

    fn bundled() -> Timeline {
        Document::bundled().load(Options::default()).timeline
    }

    fn ids(t: &Timeline, f: &Filter) -> Vec<String> {
        f.apply(t).order.iter().map(|&i| t.events[i].id.to_string()).collect()
    }

    fn as_of(d: &str) -> Option<AsOf> {
        Some(AsOf::new(Date::parse(d).unwrap()))
    }

    #[test]
    fn a_cancelled_filter_tests_no_more_events() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        /// Cancelled from the start; counts the events whose note the query asked for.
        struct Superseded(AtomicUsize);
        impl Facets for Superseded {
            fn file_of(&self, _: usize) -> usize {
                0
            }
            fn is_starred(&self, _: usize) -> bool {
                false
            }
            fn note(&self, _: usize) -> Option<&str> {
                self.0.fetch_add(1, Ordering::Relaxed);
                None
            }
            fn cancelled(&self) -> bool {
                true
            }
        }
        let t = bundled();
        let f = Filter {
            query: Some(crate::query::Query::parse("denied-by:kremlin").unwrap()),
            ..Filter::default()
        };
        assert!(!f.apply(&t).order.is_empty(), "the query matches when not cancelled");
        let facets = Superseded(AtomicUsize::new(0));
        assert!(f.apply_in(&t, &t.chronological(), &facets).order.is_empty());
        assert_eq!(facets.0.load(Ordering::Relaxed), 0, "no event was tested");
    }

    #[test]
    fn as_of_25_july_hides_the_visit_and_8_august_shows_it_contested() {
        let t = bundled();
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        let before = Filter {
            as_of: as_of("2015-07-25"),
            ..Filter::default()
        };
        assert!(!ids(&t, &before).contains(&"moscow-visit".into()));
        let after = Filter {
            as_of: as_of("2015-08-08"),
            ..Filter::default()
        };
        let shown = after.apply(&t);
        assert!(shown.order.contains(&visit));
        assert_eq!(shown.evidence[visit].status(), Status::Contested);
        assert_eq!(shown.order.len(), t.events.len(), "everything was out by 8 August");
    }

    #[test]
    fn disputes_come_first_most_denied_first_then_by_date() {
        let t = bundled();
        let f = Filter {
            sort: Sort::Disputes,
            ..Filter::default()
        };
        let order = ids(&t, &f);
        assert_eq!(
            order[..4],
            [
                "moscow-visit",
                "us-accusations-militias",
                "ban-lift-rumour-denied",
                "combat-role"
            ]
        );
        assert_eq!(order.len(), t.events.len());
        let rest = &order[4..];
        let chronological: Vec<String> = ids(&t, &Filter::default())
            .into_iter()
            .filter(|id| rest.contains(id))
            .collect();
        assert_eq!(rest, chronological);
    }

    #[test]
    fn the_context_window_keeps_events_within_its_span() {
        let t = bundled();
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        let around = |span| Filter {
            around: Some(Around {
                event: visit,
                reach: span,
            }),
            ..Filter::default()
        };
        assert_eq!(
            ids(&t, &around(Reach::Week)),
            ["moscow-visit", "moscow-departure", "ban-lift-rumour-denied"]
        );
        let month = ids(&t, &around(Reach::Month));
        assert!(month.contains(&"un-statement".into()) && month.contains(&"un-panel-report".into()));
        let year = ids(&t, &around(Reach::Year));
        assert!(year.contains(&"s300-lift".into()) && !year.contains(&"tehran-photo-2013".into()));
        assert_eq!(Reach::Year.wider(), None);
    }

    #[test]
    fn a_query_and_a_knowledge_date_combine() {
        let t = bundled();
        let f = Filter {
            as_of: as_of("2015-08-08"),
            query: Some(Query::parse("denied-by:kremlin").unwrap()),
            ..Filter::default()
        };
        assert_eq!(ids(&t, &f), ["moscow-visit"]);
        assert!(f.is_active() && !Filter::default().is_active());
        let narrowed = f.narrowed(&t);
        assert_eq!(narrowed.events.len(), 1);
        assert_eq!(narrowed.events[0].denials.len(), 2);
        let early = Filter {
            as_of: as_of("2015-08-06").map(|a| a.strict(true)),
            ..Filter::default()
        };
        let narrowed = early.narrowed(&t);
        let panel = narrowed.event("un-panel-report").unwrap();
        assert_eq!(panel.sources.len(), 1, "the RFE/RL source came out on 7 August");
        assert_eq!(narrowed.events.len(), 1);
    }
}
