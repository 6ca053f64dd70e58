//! Replay: the dates at which what a knowledge date shows changes, and what changes at each. A
//! source or denial becomes public on its date (its own, else its reference's); without a strict
//! knowledge date an event known only by its reference's date also appears, marked, on its own
//! date ([`super::evidence::Evidence::known_by`]).
//!
//! The explorer asks for the next or previous change from its cut-off: one pass over the events
//! each, so nothing is kept between key presses and a reload needs no care.

use super::date::{DAY, Date, Point, Precision, Qualifier, Time, civil_from_days};
use super::event::Event;
use super::evidence::{AsOf, Evidence, Item, all_items, known_by_reference, public};
use super::timeline::Timeline;

/// What happens at a moment of the replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Source or denial `item` of event `event` becomes public.
    Public(usize, Item),
    /// Event `event` has happened and is known by its reference's date at the latest: it appears, marked.
    Begins(usize),
}

impl Moment {
    /// The event it is about.
    pub fn event(self) -> usize {
        match self {
            Moment::Public(e, _) | Moment::Begins(e) => e,
        }
    }
}

/// One step of the replay: the knowledge date that shows a change, and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The instant from which it holds: a cut-off after it shows the change.
    pub at: i64,
    /// The knowledge date to show it: the date as written where it is the only change it holds,
    /// else the month, the day or the instant.
    pub as_of: Date,
    /// What became public or appeared at `at`, by event then source before denial.
    pub moments: Vec<Moment>,
}

/// Every moment of the replay with its instant and the date it was written as.
fn moments(t: &Timeline, strict: bool) -> impl Iterator<Item = (i64, &Date, Moment)> + '_ {
    t.events.iter().enumerate().flat_map(move |(n, e)| {
        let items = all_items(e).filter_map(move |item| {
            let d = public(t, e, item).date()?;
            Some((d.earliest(), d, Moment::Public(n, item)))
        });
        items.chain(begins(t, e, strict).map(|d| (d.earliest(), d, Moment::Begins(n))))
    })
}

/// The event's own date, when on it the event appears known by its reference's date at the latest.
fn begins<'a>(t: &'a Timeline, e: &'a Event, strict: bool) -> Option<&'a Date> {
    let by = known_by_reference(t, e).filter(|_| !strict)?;
    (e.date.earliest() < by.earliest()).then_some(&e.date)
}

/// The first change after what a cut-off of `cutoff` shows (from the start when `None`).
pub fn next(t: &Timeline, cutoff: Option<i64>, strict: bool) -> Option<Change> {
    let at = moments(t, strict)
        .map(|(at, ..)| at)
        .filter(|&at| cutoff.is_none_or(|c| at >= c))
        .min()?;
    Some(change(t, at, strict))
}

/// The change that led to what the change before the cut-off's shows, or `None` when the
/// cut-off shows no change yet (the start) or there is none before.
pub fn previous(t: &Timeline, cutoff: Option<i64>, strict: bool) -> Option<Change> {
    let last = |below: Option<i64>| {
        moments(t, strict)
            .map(|(at, ..)| at)
            .filter(|&at| below.is_none_or(|b| at < b))
            .max()
    };
    let shown = last(cutoff)?;
    Some(change(t, last(Some(shown))?, strict))
}

/// The knowledge date before the first change: what the timeline shows before anything of it is
/// public, or `None` when it has no dated evidence.
pub fn start(t: &Timeline, strict: bool) -> Option<AsOf> {
    let (at, date) = moments(t, strict).map(|(at, d, _)| (at, d)).min_by_key(|&(at, _)| at)?;
    Some(AsOf::new(period(at - 1, at, date.precision())).strict(strict))
}

/// The change at instant `at`, with the knowledge date that shows it and nothing after.
fn change(t: &Timeline, at: i64, strict: bool) -> Change {
    let mut moments_at: Vec<(Moment, &Date)> = Vec::new();
    let mut after: Option<i64> = None;
    for (when, d, m) in moments(t, strict) {
        if when == at {
            moments_at.push((m, d));
        } else if when > at && after.is_none_or(|a| when < a) {
            after = Some(when);
        }
    }
    moments_at.sort_by_key(|&(m, _)| m.event());
    // The coarsest date written for the change, so "2007" stays a year when nothing else happens in it.
    let precision = moments_at
        .iter()
        .map(|(_, d)| d.precision())
        .min()
        .unwrap_or(Precision::Day);
    Change {
        at,
        as_of: period(at, after.unwrap_or(i64::MAX), precision),
        moments: moments_at.into_iter().map(|(m, _)| m).collect(),
    }
}

/// The coarsest period, no coarser than `precision` nor than a year, that holds `instant` and
/// ends by `limit`: as a knowledge date it shows `instant` and nothing from `limit` on.
fn period(instant: i64, limit: i64, precision: Precision) -> Date {
    let (year, month, day) = civil_from_days(instant.div_euclid(DAY));
    let year_point = Point::of_year(year);
    let candidates = [
        (Precision::Year, year_point),
        (
            Precision::Month,
            Point {
                month: Some(month),
                ..year_point
            },
        ),
        (
            Precision::Day,
            Point {
                month: Some(month),
                day: Some(day),
                ..year_point
            },
        ),
    ];
    let fits = candidates
        .into_iter()
        .filter(|(p, _)| *p >= precision.max(Precision::Year))
        .map(|(_, point)| point)
        .find(|point| point.latest() <= limit);
    Date::from_point(fits.unwrap_or(Point {
        month: Some(month),
        day: Some(day),
        time: Some(Time {
            seconds: u32::try_from(instant.rem_euclid(DAY)).unwrap_or(0),
            offset_minutes: Some(0),
        }),
        qualifier: Qualifier::Exact,
        ..year_point
    }))
}

/// What a change did to the shown events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Events that became known.
    pub appear: Vec<usize>,
    /// Events that appeared known by their reference's date at the latest.
    pub marked: Vec<usize>,
    /// Events that were known by a reference's date at the latest and are now public.
    pub confirmed: Vec<usize>,
    /// Events known before and after whose status changed.
    pub restatus: Vec<usize>,
}

impl Change {
    /// What the change did to the events it is about.
    pub fn outcome(&self, t: &Timeline, strict: bool) -> Outcome {
        let mut events: Vec<usize> = self.moments.iter().map(|m| m.event()).collect();
        events.dedup();
        let mut outcome = Outcome::default();
        for n in events {
            let e = &t.events[n];
            let before = Evidence::before(t, e, Some((self.at, strict)));
            let after = Evidence::before(t, e, Some((self.at + 1, strict)));
            match (before.known(), after.known(), before.known_by(), after.known_by()) {
                (false, true, _, None) => outcome.appear.push(n),
                (false, true, _, Some(_)) => outcome.marked.push(n),
                (true, true, Some(_), None) => outcome.confirmed.push(n),
                (true, true, ..) if before.status() != after.status() => outcome.restatus.push(n),
                _ => {}
            }
        }
        outcome
    }

    /// The footer's line: "24 Jul 2015: Fox News reports \"...\" · 1 event appears"; with several
    /// parties, who they are comes last, where a narrow footer cuts it first.
    pub fn describe(&self, t: &Timeline, strict: bool) -> String {
        let o = self.outcome(t, strict);
        let mut said = Vec::new();
        if !o.appear.is_empty() {
            said.push(count(o.appear.len(), "event appears", "events appear"));
        }
        if !o.marked.is_empty() {
            let by = self.moments.iter().find_map(|m| match m {
                Moment::Begins(n) => known_by_reference(t, &t.events[*n]),
                Moment::Public(..) => None,
            });
            let by = by.map(|d| format!(", known by {} at the latest", d.human()));
            said.push(count(o.marked.len(), "event appears", "events appear") + &by.unwrap_or_default());
        }
        if !o.confirmed.is_empty() {
            said.push(format!("{} now public", count(o.confirmed.len(), "event", "events")));
        }
        if !o.restatus.is_empty() {
            said.push(count(o.restatus.len(), "event changes status", "events change status"));
        }
        if said.is_empty() {
            said.push("no event appears or changes status".into());
        }
        let (what, who) = self.what(t);
        let who = who.map(|w| format!(" · {w}")).unwrap_or_default();
        format!("{}: {what} · {}{who}", self.as_of.human(), said.join(", "))
    }

    /// Who made what public: "Fox News reports \"...\"", "3 reports and 2 denials · RFE/RL, ...",
    /// or for events that only appear, their titles.
    fn what(&self, t: &Timeline) -> (String, Option<String>) {
        let said: Vec<(usize, Item)> = self
            .moments
            .iter()
            .filter_map(|m| match *m {
                Moment::Public(n, item) => Some((n, item)),
                Moment::Begins(_) => None,
            })
            .collect();
        let mut events: Vec<usize> = self.moments.iter().map(|m| m.event()).collect();
        events.dedup();
        let title = |n: usize| format!("\"{}\"", cut(&t.events[n].title));
        let names = |denials: bool| {
            let mut names: Vec<&str> = Vec::new();
            for &(n, item) in &said {
                let e = &t.events[n];
                let name: &str = match item {
                    Item::Source(i) if !denials => e.sources[i].outlet(),
                    Item::Denial(i) if denials => t.actor_name(&e.denials[i].by),
                    _ => continue,
                };
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names
        };
        let (outlets, deniers) = (names(false), names(true));
        let denials = said.iter().filter(|(_, i)| matches!(i, Item::Denial(_))).count();
        let reports = said.len() - denials;
        match (said.len(), &events[..], &outlets[..], &deniers[..]) {
            (0, [one], ..) => (title(*one), None),
            (0, [first, rest @ ..], ..) => (format!("{} and {} more", title(*first), rest.len()), None),
            (_, [one], [name], []) => (format!("{name} reports {}", title(*one)), None),
            (_, [one], [], [name]) => (format!("{name} denies {}", title(*one)), None),
            _ => {
                let mut parts = Vec::new();
                if reports > 0 {
                    parts.push(count(reports, "report", "reports"));
                }
                if denials > 0 {
                    parts.push(count(denials, "denial", "denials"));
                }
                let who = [outlets.join(", "), deniers.join(", ")];
                (
                    parts.join(" and "),
                    Some(who.join(" · ").trim_matches([' ', '·']).to_string()),
                )
            }
        }
    }
}

/// A title cut after a word to fit the footer beside the rest of the line.
fn cut(title: &str) -> String {
    const ROOM: usize = 28;
    match title.char_indices().nth(ROOM) {
        Some((end, _)) => {
            let head = &title[..end];
            let words = head.rsplit_once(' ').map_or(head, |(words, _)| words);
            format!("{}…", words.trim_end())
        }
        None => title.to_string(),
    }
}

/// "1 event", "2 events".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests;
