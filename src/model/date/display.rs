//! Dates in words at the precision they were written: "Apr 2015", "c. Jun 2015", "500 BCE".

use std::fmt;

use super::{Bound, Date, Point, Precision, Qualifier, Time};

/// Every character [`Date::human`] writes (digits, month names, "c.", "?", eras, clock times with
/// offsets, ranges), so that a search for text with any other character need not write dates out.
pub const HUMAN_CHARS: &str = "0123456789 .:+-–…? c JanFebMarAprMayJunJulAugSepOctNovDec BCE CE UTC s";

/// Short month names, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub(super) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

impl Point {
    pub(super) fn human(&self) -> String {
        let body = match (self.month, self.day) {
            // "1910s"; a century, and a decade before 1000, as the years they span, since "1900s"
            // is also the decade and "470s" could be taken for a count.
            (None, _) if self.unspecified == 1 && self.year >= 1000 => format!("{}s", self.year),
            (None, _) if self.unspecified > 0 => format!(
                "{} – {}",
                human_year(self.year),
                human_year(self.year + 10i64.pow(u32::from(self.unspecified)) - 1)
            ),
            (None, _) => human_year(self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], human_year(self.year)),
            (Some(m), Some(d)) => {
                let mut s = format!("{d} {} {}", MONTHS[usize::from(m) - 1], human_year(self.year));
                if let Some(t) = self.time {
                    s.push(' ');
                    s.push_str(&human_time(t));
                }
                s
            }
        };
        qualify(&body, self.qualifier)
    }
}

fn qualify(body: &str, q: Qualifier) -> String {
    match q {
        Qualifier::Exact => body.to_string(),
        Qualifier::Approximate => format!("c. {body}"),
        Qualifier::Uncertain => format!("{body}?"),
        Qualifier::Both => format!("c. {body}?"),
    }
}

/// "2015", "500 BCE", "76 CE" (small CE years get the era so they are not read as counts).
pub fn human_year(year: i64) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - year)
    } else if year < 1000 {
        format!("{year} CE")
    } else {
        year.to_string()
    }
}

fn human_time(t: Time) -> String {
    let (h, m, s) = (t.seconds / 3600, t.seconds / 60 % 60, t.seconds % 60);
    let clock = if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    };
    match t.offset_minutes {
        None => clock,
        Some(0) => format!("{clock} UTC"),
        Some(o) => {
            let sign = if o < 0 { '-' } else { '+' };
            format!("{clock} {sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
        }
    }
}

pub(super) fn human_interval(a: Bound, b: Bound) -> String {
    match (a, b) {
        (Bound::Point(a), Bound::Point(b)) => {
            let plain = a.qualifier == Qualifier::Exact && b.qualifier == Qualifier::Exact;
            let same_year = a.year == b.year && plain && a.precision() == b.precision();
            let day_month = |p: &Point| match (p.day, p.month) {
                (Some(d), Some(m)) => format!("{d} {}", MONTHS[usize::from(m) - 1]),
                (None, Some(m)) => MONTHS[usize::from(m) - 1].to_string(),
                _ => String::new(),
            };
            match (a.precision(), same_year && a.month == b.month) {
                // "24–27 Jul 2015"
                (Precision::Day, true) => format!(
                    "{}–{} {} {}",
                    a.day.unwrap_or(1),
                    b.day.unwrap_or(1),
                    MONTHS[usize::from(a.month.unwrap_or(1)) - 1],
                    human_year(a.year)
                ),
                // "27 Jul – 2 Aug 2015", "Jul – Sep 2015"
                (Precision::Day | Precision::Month, _) if same_year => {
                    format!("{} – {} {}", day_month(&a), day_month(&b), human_year(a.year))
                }
                _ => format!("{} – {}", a.human(), b.human()),
            }
        }
        (Bound::Point(a), Bound::Open) => format!("{} – …", a.human()),
        (Bound::Open, Bound::Point(b)) => format!("… – {}", b.human()),
        (Bound::Open, Bound::Open) => "…".to_string(),
    }
}
