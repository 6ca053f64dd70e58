//! What was known of an event at a given date: the sources and denials public by then, and the
//! status they gave it. With no knowledge date, everything counts.
//!
//! tlx hides only what it can show was not yet public: an undated source or denial (with no
//! dated reference either) always counts, and so does an event with no sources or denials at all.

use super::claims::{ClaimEvidence, summary};
use super::date::{DAY, Date, Point, civil_from_days, days_from_civil};
use super::origins::{origin_groups, origins_among};
use super::status::{Status, status_of};
use super::timeline::{Denial, Event, Source, Timeline};

/// A knowledge date: only what was public by the end of this date counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf(Date);

/// The step of `[` and `]` through knowledge dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One day.
    Day,
    /// One month.
    Month,
    /// One year.
    Year,
}

impl AsOf {
    /// The knowledge date `date` (its end is the cut-off: "2015-07" means by 31 July).
    pub fn new(date: Date) -> AsOf {
        AsOf(date)
    }

    /// The date as given.
    pub fn date(&self) -> &Date {
        &self.0
    }

    /// The first instant after the knowledge date: what is dated to begin earlier could have been
    /// public by then.
    pub fn cutoff(&self) -> i64 {
        self.0.latest()
    }

    /// The knowledge date `n` steps of `step` later (or earlier when negative): a day, month or
    /// year, counted from the period that holds the current cut-off.
    pub fn step(&self, step: Step, n: i64) -> AsOf {
        let (year, month, day) = civil_from_days((self.0.latest() - 1).div_euclid(DAY));
        let here = truncate(year, month, day, step);
        // When the cut-off falls inside `here`, moving to `here` itself is the first step forward.
        let n = if n > 0 && here.latest() > self.0.latest() {
            n - 1
        } else {
            n
        };
        AsOf(Date::from_point(shift(here, step, n)))
    }
}

/// The period of a step's length that contains a day.
fn truncate(year: i64, month: u8, day: u8, step: Step) -> Point {
    Point {
        month: (step != Step::Year).then_some(month),
        day: (step == Step::Day).then_some(day),
        ..Point::of_year(year)
    }
}

fn shift(p: Point, step: Step, n: i64) -> Point {
    match step {
        Step::Day => {
            let days = days_from_civil(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1)) + n;
            let (year, month, day) = civil_from_days(days);
            Point {
                year,
                month: Some(month),
                day: Some(day),
                ..p
            }
        }
        Step::Month => {
            let months = p.year * 12 + i64::from(p.month.unwrap_or(1)) - 1 + n;
            Point {
                year: months.div_euclid(12),
                month: Some(months.rem_euclid(12) as u8 + 1),
                ..p
            }
        }
        Step::Year => Point { year: p.year + n, ..p },
    }
}

/// When a source became public: its own date, else the publication date of the reference it came via.
pub fn source_date<'a>(t: &'a Timeline, s: &'a Source) -> Option<&'a Date> {
    s.date.as_ref().or_else(|| published(t, s.via.as_deref()))
}

/// When a denial became public: its own date, else the publication date of the reference it came via.
pub fn denial_date<'a>(t: &'a Timeline, d: &'a Denial) -> Option<&'a Date> {
    d.date.as_ref().or_else(|| published(t, d.via.as_deref()))
}

/// The publication date of the reference `via` names, when it gives one.
pub fn published<'a>(t: &'a Timeline, via: Option<&str>) -> Option<&'a Date> {
    t.references.get(via?)?.published.as_ref()
}

/// One source or denial of an event, by its index in the event's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// `event.sources[i]`
    Source(usize),
    /// `event.denials[i]`
    Denial(usize),
}

/// One entry of an event's detail, in the order of [`Evidence::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `event.claims[i]`, opened to show what each source and denial says of it.
    Claim(usize),
    /// A source or denial.
    Said(Item),
}

/// The claims a source or denial names (none: it is about the whole event).
pub fn named(e: &Event, item: Item) -> &[String] {
    match item {
        Item::Source(i) => &e.sources[i].claims,
        Item::Denial(i) => &e.denials[i].claims,
    }
}

/// An event's evidence as of a knowledge date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Indices of the sources public by then.
    pub sources: Vec<usize>,
    /// Indices of the denials public by then.
    pub denials: Vec<usize>,
    /// Independent origins among those sources.
    pub origins: usize,
    /// The status they give the event: for an event with claims, the most disputed of theirs.
    pub status: Status,
    /// Each claim's evidence among them, in the order of `event.claims`.
    pub claims: Vec<ClaimEvidence>,
    /// False when every source and denial came out later: the event was not yet known.
    pub known: bool,
}

impl Evidence {
    /// The known sources, then the known denials.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        let sources = self.sources.iter().map(|&i| Item::Source(i));
        sources.chain(self.denials.iter().map(|&i| Item::Denial(i)))
    }

    /// The detail's entries. Without claims, the known sources then denials. With claims, the
    /// sources and denials about the whole event first, then each claim followed by those that
    /// name it: one naming several claims is under each, since each claim is read on its own.
    pub fn entries(&self, e: &Event) -> Vec<Entry> {
        if self.claims.is_empty() {
            return self.items().map(Entry::Said).collect();
        }
        let whole = self.items().filter(|&i| named(e, i).is_empty()).map(Entry::Said);
        let claims = self.claims.iter().flat_map(|c| {
            let id = &c.of(e).id;
            let own = self.items().filter(move |&i| named(e, i).contains(id));
            std::iter::once(Entry::Claim(c.claim)).chain(own.map(Entry::Said))
        });
        whole.chain(claims).collect()
    }

    /// The evidence for `e` as of `as_of` (everything when `None`).
    pub fn of(t: &Timeline, e: &Event, as_of: Option<&AsOf>) -> Evidence {
        // The cut-off once, not once per source (this runs for every event on each new date).
        // What is undated counts.
        let cutoff = as_of.map(AsOf::cutoff);
        let knows = |date: Option<&Date>| cutoff.is_none_or(|c| date.is_none_or(|d| d.earliest() < c));
        let sources: Vec<usize> = (0..e.sources.len())
            .filter(|&i| knows(source_date(t, &e.sources[i])))
            .collect();
        let denials: Vec<usize> = (0..e.denials.len())
            .filter(|&i| knows(denial_date(t, &e.denials[i])))
            .collect();
        let groups = origin_groups(&e.sources);
        let origins = origins_among(&groups, sources.iter().copied());
        let has_items = !e.sources.is_empty() || !e.denials.is_empty();
        let claims = ClaimEvidence::of_claims(e, &groups, &sources, &denials);
        Evidence {
            known: !has_items || !sources.is_empty() || !denials.is_empty(),
            status: summary(&claims).unwrap_or_else(|| status_of(origins, denials.len())),
            claims,
            origins,
            sources,
            denials,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    fn bundled() -> Timeline {
        Document::bundled().load(Options::default()).timeline
    }

    fn as_of(text: &str) -> AsOf {
        AsOf::new(Date::parse(text).unwrap())
    }

    #[test]
    fn the_moscow_visit_was_unknown_on_25_july_and_contested_on_8_august() {
        let t = bundled();
        let visit = t.event("moscow-visit").unwrap();
        let before = Evidence::of(&t, visit, Some(&as_of("2015-07-25")));
        assert!(!before.known);
        assert!(before.sources.is_empty() && before.denials.is_empty());
        let after = Evidence::of(&t, visit, Some(&as_of("2015-08-08")));
        assert!(after.known);
        assert_eq!(after.status, Status::Contested);
        assert_eq!(after, Evidence::of(&t, visit, None));
    }

    #[test]
    fn status_is_recomputed_from_what_was_public() {
        let mut t = Timeline::default();
        let date = |s: &str| Some(Date::parse(s).unwrap());
        t.events.push(Event {
            sources: vec![
                Source {
                    outlet: "Fox".into(),
                    date: date("2015-08-06"),
                    ..Source::default()
                },
                Source {
                    outlet: "Reuters".into(),
                    date: date("2015-08-07"),
                    ..Source::default()
                },
                Source {
                    outlet: "Undated".into(),
                    derived_from: Some("Fox".into()),
                    ..Source::default()
                },
            ],
            denials: vec![Denial {
                by: "Kremlin".into(),
                date: date("2015-08-10"),
                ..Denial::default()
            }],
            ..Event::new("e", Date::parse("2015-07-24").unwrap(), "t")
        });
        let e = &t.events[0];
        let status = |d: &str| Evidence::of(&t, e, Some(&as_of(d))).status;
        // The undated source counts from the start, and repeats Fox: one origin.
        assert_eq!(status("2015-01-01"), Status::SingleSource);
        assert_eq!(status("2015-08-06"), Status::SingleSource);
        assert_eq!(status("2015-08-07"), Status::Corroborated);
        assert_eq!(status("2015-08-10"), Status::Contested);
        // A month as knowledge date means its end.
        assert_eq!(status("2015-08"), Status::Contested);
        assert_eq!(status("2015-07"), Status::SingleSource);
    }

    #[test]
    fn undated_sources_fall_back_to_their_reference() {
        let t = bundled();
        let designation = t.event("us-designation-2007").unwrap();
        // Its only source has no date of its own; the TOI article is dated 2015-08-07?.
        assert!(!Evidence::of(&t, designation, Some(&as_of("2015-08-06"))).known);
        assert!(Evidence::of(&t, designation, Some(&as_of("2015-08-07"))).known);
    }

    #[test]
    fn steps_move_by_the_unit_from_the_cut_off() {
        let step = |from: &str, s: Step, n: i64| as_of(from).step(s, n).date().as_str().to_string();
        assert_eq!(step("2015-07-31", Step::Day, 1), "2015-08-01");
        assert_eq!(step("2015-03-01", Step::Day, -1), "2015-02-28");
        assert_eq!(step("2015-07-25", Step::Month, 1), "2015-07");
        assert_eq!(step("2015-07-25", Step::Month, -1), "2015-06");
        assert_eq!(step("2015-12", Step::Month, 1), "2016-01");
        assert_eq!(step("2015-01", Step::Month, -1), "2014-12");
        assert_eq!(step("2015-07-25", Step::Year, 1), "2015");
        assert_eq!(step("2015", Step::Year, 2), "2017");
        assert_eq!(step("0001", Step::Year, -2), "-0001");
        assert_eq!(step("2015", Step::Day, 1), "2016-01-01");
        assert_eq!(step("2015", Step::Day, -1), "2015-12-30");
        assert_eq!(step("2015-08-07T10:00:00Z", Step::Day, 1), "2015-08-07");
    }
}
