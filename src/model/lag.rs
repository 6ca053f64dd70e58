//! Report lag: how long after an event it was first reported, corroborated and denied.
//!
//! Lags are counted in the coarsest unit either date was written in (days, months or years), from
//! the start of the event, and marked "about" when either date is approximate or uncertain.

use std::fmt;

use super::date::{DAY, Date, Precision};
use super::evidence::{Evidence, denial_date, source_date};
use super::origins::origin_groups;
use super::timeline::{Event, Timeline};

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
    /// True when either date is approximate or uncertain.
    pub approximate: bool,
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
        Lag {
            amount,
            unit,
            approximate: from.is_fuzzy() || to.is_fuzzy(),
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
    /// "13 days later", "the same month", "about 2 years earlier".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("about ")?;
        }
        let unit = self.unit_word();
        match self.amount {
            0 => write!(f, "the same {unit}"),
            n => {
                let plural = if n.abs() == 1 { "" } else { "s" };
                let side = if n > 0 { "later" } else { "earlier" };
                write!(f, "{} {unit}{plural} {side}", n.abs())
            }
        }
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
    /// The lags of the evidence (all of it, or what was public at a knowledge date).
    pub fn of(t: &Timeline, e: &Event, evidence: &Evidence) -> Lags {
        let mut dated: Vec<(usize, &Date)> = evidence
            .sources
            .iter()
            .filter_map(|&i| source_date(t, &e.sources[i]).map(|d| (i, d)))
            .collect();
        dated.sort_by(|a, b| a.1.cmp(b.1));
        let groups = origin_groups(&e.sources);
        let second_origin = dated
            .iter()
            .find(|(i, _)| groups[*i] != groups[dated[0].0])
            .map(|(_, d)| *d);
        let first_denial = evidence
            .denials
            .iter()
            .filter_map(|&i| denial_date(t, &e.denials[i]))
            .min();
        let lag = |d: &Date| Lag::between(&e.date, d);
        Lags {
            reported: dated.first().map(|(_, d)| lag(d)),
            corroborated: second_origin.map(lag),
            denied: first_denial.map(lag),
        }
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
        assert_eq!(lag("2014-06?", "2015-08-07?"), "about 14 months later");
        assert_eq!(lag("-0499", "0001"), "500 years later");
        assert_eq!(lag("2015-07-24", "2015-08-07"), "14 days later");
    }

    #[test]
    fn the_moscow_visit_was_reported_corroborated_and_denied_two_weeks_later() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        let lags = Lags::of(&t, visit, &Evidence::of(&t, visit, None));
        assert_eq!(
            lags.sentence().as_deref(),
            Some("first reported 14 days later · corroborated about 14 days later · denied about 14 days later")
        );
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
