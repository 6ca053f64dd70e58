//! Report lag: how long after an event it was first reported, corroborated and denied.
//!
//! Lags are counted in the coarsest unit either date was written in (days, months or years), from
//! the start of the event. They say no more than the dates do:
//! - "about" only when either date is approximate (`~`, `%`); an uncertain date (`?`) marks the
//!   amount with `?` instead ("14? days later"), since it may be wrong rather than rough;
//! - a date taken from the reference an item was read in (the item giving none of its own) is
//!   when the compiler's reading had it, not when it was first said: such a lag is an upper bound,
//!   "12 years later at the latest" (the amount first, as in every other lag, so that it reads at
//!   once: "by 12 years later" made readers stop);
//! - an event whose start is open (`../2015-08`) has no start to count from, so no lag.

use std::fmt;

use super::claims::ClaimEvidence;
use super::date::{Bound, DAY, Date, DateValue, Precision};
use super::event::Event;
use super::evidence::{Evidence, published};
use super::origins::origin_groups;
use super::timeline::Timeline;

/// The unit a lag is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Calendar days.
    Day,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// The time between two dates, in the unit their precision allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lag {
    /// Whole units from the first date to the second; negative when the second comes first.
    pub amount: i64,
    /// What `amount` counts.
    pub unit: Unit,
    /// True when either date is approximate (`~` or `%`).
    pub approximate: bool,
    /// True when either date is uncertain (`?` or `%`).
    pub uncertain: bool,
    /// True when the later date is only when the report had been read by (its reference's date):
    /// the real lag is this or shorter.
    pub bound: bool,
}

/// A date an item became public by, and whether it is the item's own or its reference's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated<'a> {
    /// The date.
    pub date: &'a Date,
    /// True when it is the publication date of the reference the item was read in.
    pub from_reference: bool,
}

impl<'a> Dated<'a> {
    /// The item's own date, else its reference's.
    pub fn of(t: &'a Timeline, own: Option<&'a Date>, via: Option<&str>) -> Option<Dated<'a>> {
        match own {
            Some(date) => Some(Dated {
                date,
                from_reference: false,
            }),
            None => published(t, via).map(|date| Dated {
                date,
                from_reference: true,
            }),
        }
    }

    /// Earlier dates first; on a tie a reference's date first: the item it dates may have come
    /// out before the item whose own date it equals, so the earliest is only bounded.
    fn key(&self) -> (&'a Date, bool) {
        (self.date, !self.from_reference)
    }
}

impl Lag {
    /// The lag from `from` to `to`.
    pub fn between(from: &Date, to: &Date) -> Lag {
        let (a, b) = (from.start_point(), to.start_point());
        let unit = match from.precision().min(to.precision()) {
            Precision::Century | Precision::Decade | Precision::Year => Unit::Year,
            Precision::Month => Unit::Month,
            Precision::Day | Precision::Time => Unit::Day,
        };
        let months = |p: &super::date::Point| p.year * 12 + i64::from(p.month.unwrap_or(1));
        let amount = match unit {
            Unit::Year => b.year - a.year,
            Unit::Month => months(&b) - months(&a),
            Unit::Day => b.earliest().div_euclid(DAY) - a.earliest().div_euclid(DAY),
        };
        let any = |f: fn(&Date) -> bool| f(from) || f(to);
        Lag {
            amount,
            unit,
            approximate: any(Date::is_approximate),
            uncertain: any(Date::is_uncertain),
            bound: false,
        }
    }

    /// The lag from an event's date to a dated item, a bound when the item's date is its reference's.
    fn to(from: &Date, to: Dated<'_>) -> Lag {
        Lag {
            bound: to.from_reference,
            ..Lag::between(from, to.date)
        }
    }

    fn unit_word(&self) -> &'static str {
        match self.unit {
            Unit::Day => "day",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

impl fmt::Display for Lag {
    /// "13 days later", "the same month", "about 2 years earlier", "14? days later",
    /// "12 years later at the latest".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("about ")?;
        }
        let unit = self.unit_word();
        let doubt = if self.uncertain { "?" } else { "" };
        match self.amount {
            0 => write!(f, "the same {unit}{doubt}")?,
            n => {
                let plural = if n.abs() == 1 { "" } else { "s" };
                let side = if n > 0 { "later" } else { "earlier" };
                write!(f, "{}{doubt} {unit}{plural} {side}", n.abs())?
            }
        }
        if self.bound {
            f.write_str(" at the latest")?;
        }
        Ok(())
    }
}

/// The lags of an event's first report, first corroboration and first denial, where dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lags {
    /// From the event to its earliest dated source.
    pub reported: Option<Lag>,
    /// From the event to the date a second independent origin reported it.
    pub corroborated: Option<Lag>,
    /// From the event to its earliest dated denial.
    pub denied: Option<Lag>,
}

impl Lags {
    /// The lags of the evidence (all of it, or what was public at a knowledge date); none when the
    /// event's start is open.
    pub fn of(t: &Timeline, e: &Event, evidence: &Evidence) -> Lags {
        Lags::among(t, e, evidence.sources().iter(), evidence.denials().iter())
    }

    /// The lags of these sources and denials of `e` (a claim's, say); none when the event's start
    /// is open.
    pub fn among(
        t: &Timeline,
        e: &Event,
        sources: impl IntoIterator<Item = usize>,
        denials: impl IntoIterator<Item = usize>,
    ) -> Lags {
        if matches!(e.date.value(), DateValue::Interval(Bound::Open, _)) {
            return Lags::default();
        }
        let mut dated: Vec<(usize, Dated<'_>)> = sources
            .into_iter()
            .filter_map(|i| {
                let s = &e.sources[i];
                Dated::of(t, s.date.as_ref(), s.more().via.as_deref()).map(|d| (i, d))
            })
            .collect();
        dated.sort_by(|a, b| a.1.key().cmp(&b.1.key()));
        let groups = origin_groups(&e.sources);
        let second_origin = dated
            .iter()
            .find(|(i, _)| groups[*i] != groups[dated[0].0])
            .map(|(_, d)| *d);
        let first_denial = denials
            .into_iter()
            .filter_map(|i| {
                let d = &e.denials[i];
                Dated::of(t, d.date.as_ref(), d.via.as_deref())
            })
            .min_by(|a, b| a.key().cmp(&b.key()));
        let lag = |d: Dated<'_>| Lag::to(&e.date, d);
        Lags {
            reported: dated.first().map(|(_, d)| lag(*d)),
            corroborated: second_origin.map(lag),
            denied: first_denial.map(lag),
        }
    }

    /// The lags of one claim, from the sources and denials that address it: the one rule for the
    /// detail, the opened claim, `show`, the report exports and the matrix.
    pub fn of_claim(t: &Timeline, e: &Event, c: &ClaimEvidence) -> Lags {
        Lags::among(t, e, c.sources.iter().copied(), c.denials.iter().copied())
    }

    /// Each distinct lag sentence of the dated claims after the ids of the claims that have it,
    /// in the claims' order: "arrival, met-shoigu: first reported …". Claims reported together
    /// read as one line where room is short (the matrix's claim columns).
    pub fn per_claim(t: &Timeline, e: &Event, claims: &[ClaimEvidence]) -> Vec<String> {
        let mut out: Vec<(Vec<&str>, String)> = Vec::new();
        for c in claims {
            let Some(sentence) = Lags::of_claim(t, e, c).sentence() else {
                continue;
            };
            let id = c.of(e).id.as_str();
            match out.iter_mut().find(|(_, s)| *s == sentence) {
                Some((ids, _)) => ids.push(id),
                None => out.push((vec![id], sentence)),
            }
        }
        out.into_iter()
            .map(|(ids, sentence)| format!("{}: {sentence}", ids.join(", ")))
            .collect()
    }

    /// The lags of all the event's evidence, for what shows it whole (`show`, exports).
    pub fn of_all(t: &Timeline, e: &Event) -> Lags {
        Lags::of(t, e, &Evidence::of(t, e, None))
    }

    /// One line for the detail pane: "first reported 13 days later · denied the same day", or
    /// `None` when nothing is dated.
    pub fn sentence(&self) -> Option<String> {
        let parts: Vec<String> = [
            ("first reported", self.reported),
            ("corroborated", self.corroborated),
            ("denied", self.denied),
        ]
        .into_iter()
        .filter_map(|(what, lag)| Some(format!("{what} {}", lag?)))
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    fn lag(a: &str, b: &str) -> String {
        Lag::between(&Date::parse(a).unwrap(), &Date::parse(b).unwrap()).to_string()
    }

    #[test]
    fn lags_count_in_the_coarsest_unit() {
        assert_eq!(lag("2015-07-24", "2015-08-06"), "13 days later");
        assert_eq!(lag("2015-07-24", "2015-07-24T23:00:00Z"), "the same day");
        assert_eq!(lag("2015-07-24", "2015-07-23"), "1 day earlier");
        assert_eq!(lag("2015-04", "2015-08-07"), "4 months later");
        assert_eq!(lag("2007", "2015-08-07"), "8 years later");
        assert_eq!(lag("2015-12~", "2015-08-07"), "about 4 months earlier");
        assert_eq!(lag("2014-06?", "2015-08-07?"), "14? months later");
        assert_eq!(lag("2015-07%", "2015-08-07"), "about 1? month later");
        assert_eq!(lag("2015-07-24", "2015-07-24?"), "the same day?");
        assert_eq!(lag("-0499", "0001"), "500 years later");
        assert_eq!(lag("2015-07-24", "2015-08-07"), "14 days later");
    }

    #[test]
    fn the_moscow_visit_was_reported_corroborated_and_denied_by_two_weeks_later_at_the_latest() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        let lags = Lags::of(&t, visit, &Evidence::of(&t, visit, None));
        assert_eq!(
            lags.sentence().as_deref(),
            Some(
                "first reported 14? days later at the latest · corroborated 14? days later at the latest · \
                 denied 14? days later at the latest"
            )
        );
        let invasion = t.event("iraq-invasion-2003").unwrap();
        let lags = Lags::of(&t, invasion, &Evidence::of(&t, invasion, None));
        assert_eq!(
            lags.sentence().as_deref(),
            Some("first reported 12? years later at the latest")
        );
    }

    fn source(date: Option<&str>, via: Option<&str>) -> crate::model::Source {
        crate::model::Source::from(crate::model::SourceFields {
            outlet: format!("{date:?} {via:?}").into(),
            date: date.map(|d| Date::parse(d).unwrap()),
            via: via.map(Into::into),
            ..Default::default()
        })
    }

    fn sentence(sources: Vec<crate::model::Source>) -> Option<String> {
        let mut t = Timeline::default();
        let reference = crate::model::Reference {
            title: "read".into(),
            published: Some(Date::parse("2015-08-10").unwrap()),
            ..Default::default()
        };
        t.references.insert("r".into(), reference);
        t.events.push(Event {
            sources: sources.into(),
            ..Event::new("e", Date::parse("2015-07-24").unwrap(), "t")
        });
        let e = &t.events[0];
        Lags::of(&t, e, &Evidence::of(&t, e, None)).sentence()
    }

    #[test]
    fn a_date_from_the_reference_read_in_is_an_upper_bound() {
        // Only the reference dates it: when it was read, not when it was said.
        assert_eq!(
            sentence(vec![source(None, Some("r"))]).as_deref(),
            Some("first reported 17 days later at the latest")
        );
        // A report's own earlier date settles it; a later reference date cannot be earlier.
        assert_eq!(
            sentence(vec![source(None, Some("r")), source(Some("2015-07-30"), None)]).as_deref(),
            Some("first reported 6 days later · corroborated 17 days later at the latest")
        );
        // An own date equal to a reference's date does not settle it: the other report may be earlier.
        assert_eq!(
            sentence(vec![source(Some("2015-08-10"), None), source(None, Some("r"))]).as_deref(),
            Some("first reported 17 days later at the latest · corroborated 17 days later")
        );
        // A source with its own date needs no reference.
        assert_eq!(
            sentence(vec![source(Some("2015-07-25"), Some("r"))]).as_deref(),
            Some("first reported 1 day later")
        );
    }

    #[test]
    fn an_event_with_an_open_start_has_no_lag() {
        let t = Document::bundled().load(Options::default()).timeline;
        let combat = t.event("combat-role").unwrap();
        assert_eq!(combat.date.text(), "../2015-08-07?");
        assert_eq!(Lags::of(&t, combat, &Evidence::of(&t, combat, None)), Lags::default());
    }

    #[test]
    fn one_origin_is_not_a_corroboration_and_undated_items_give_no_lag() {
        let t = Document::bundled().load(Options::default()).timeline;
        let departure = t.event("moscow-departure").unwrap();
        let lags = Lags::of(&t, departure, &Evidence::of(&t, departure, None));
        assert!(lags.reported.is_some());
        assert_eq!(lags.corroborated, None);
        assert_eq!(lags.denied, None);
        assert_eq!(Lags::default().sentence(), None);
    }
}
