//! Dates of research precision: the EDTF subset documented in README ("Dates").
//!
//! A [`Date`] gives back the text it was written as (exports repeat it unchanged) and the
//! parsed value, so "2015-04" stays April 2015 and never becomes April 1st.

use std::cmp::Ordering;

mod calendar;
mod display;
mod human;
mod packed;
mod relative;
mod strict;
mod text;

pub use calendar::{DAY, HOUR, MINUTE, YEAR, civil_from_days, days_from_civil, days_in_month, is_leap};
pub use display::{HUMAN_CHARS, MONTHS, human_year};
pub use human::Order;
pub use relative::{RELATIVE_HINT, relative};
pub use text::DateText;

/// How finely a point in time was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// "19XX": a century, its last two digits unspecified (EDTF).
    Century,
    /// "191X": a decade, its last digit unspecified (EDTF).
    Decade,
    /// "2015"
    Year,
    /// "2015-04"
    Month,
    /// "2015-04-02"
    Day,
    /// "2015-04-02T14:30:00Z"
    Time,
}

/// EDTF qualification of a point: `~` approximate, `?` uncertain, `%` both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// Written without a qualifier.
    #[default]
    Exact,
    /// `~`: "circa".
    Approximate,
    /// `?`: the source is unsure.
    Uncertain,
    /// `%`: approximate and uncertain.
    Both,
}

impl Qualifier {
    /// True unless the point was written exactly.
    pub fn is_fuzzy(self) -> bool {
        self != Qualifier::Exact
    }
}

/// A clock time on a day, with its UTC offset when one was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// Seconds since midnight, local to the offset.
    pub seconds: u32,
    /// Offset from UTC in minutes; `None` for a floating (local) time.
    pub offset_minutes: Option<i32>,
}

/// One calendar point: a year, month, day or instant, possibly qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    /// Astronomical year: 0 is 1 BCE, -499 is 500 BCE. The first year of a decade or century.
    pub year: i64,
    /// How many of the year's last digits were written `X` (EDTF unspecified digits): 1 for a
    /// decade (`191X`), 2 for a century (`19XX`), 0 for a year as written. Only without a month,
    /// in a four-digit year of the common era, whose digits it leaves as zeros.
    pub unspecified: u8,
    /// 1-12 when written.
    pub month: Option<u8>,
    /// 1-31 when written (only with a month).
    pub day: Option<u8>,
    /// Only with a day.
    pub time: Option<Time>,
    /// `~`, `?`, `%` or none.
    pub qualifier: Qualifier,
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// A known point.
    Point(Point),
    /// `..`: the interval runs on (or back) without a known end.
    Open,
}

/// A parsed date: a single point or an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// "2015-07-24"
    Point(Point),
    /// "2015-07-24/2015-07-27", "2015-07/..", "../2015"
    Interval(Bound, Bound),
}

/// What a date's value says, read once: a caller that asks several of these of a million dates
/// unpacks each date once ([`Date::value`]) rather than once for each.
impl DateValue {
    /// The first instant the date may denote, in seconds from 1970-01-01T00:00Z.
    pub fn earliest(self) -> i64 {
        match self {
            DateValue::Point(p) => p.earliest(),
            DateValue::Interval(Bound::Point(p), _) => p.earliest(),
            DateValue::Interval(Bound::Open, Bound::Point(p)) => p.earliest(),
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// The last instant the date may denote (exclusive end of its period).
    pub fn latest(self) -> i64 {
        match self {
            DateValue::Point(p) => p.latest(),
            DateValue::Interval(_, Bound::Point(p)) => p.latest(),
            DateValue::Interval(Bound::Point(p), Bound::Open) => p.latest(),
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// The first written point: the date itself, or an interval's start (or end when the start is open).
    pub fn start_point(self) -> Point {
        match self {
            DateValue::Point(p)
            | DateValue::Interval(Bound::Point(p), _)
            | DateValue::Interval(Bound::Open, Bound::Point(p)) => p,
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// Precision of the first written point.
    pub fn precision(self) -> Precision {
        self.start_point().precision()
    }

    /// True for an interval (including open-ended ones).
    pub fn is_interval(self) -> bool {
        matches!(self, DateValue::Interval(..))
    }

    /// True when any written point is approximate (`~` or `%`).
    pub fn is_approximate(self) -> bool {
        self.any_qualifier(|q| matches!(q, Qualifier::Approximate | Qualifier::Both))
    }

    /// True when any written point is uncertain (`?` or `%`).
    pub fn is_uncertain(self) -> bool {
        self.any_qualifier(|q| matches!(q, Qualifier::Uncertain | Qualifier::Both))
    }

    fn any_qualifier(self, test: impl Fn(Qualifier) -> bool) -> bool {
        match self {
            DateValue::Point(p) => test(p.qualifier),
            DateValue::Interval(a, b) => [a, b].iter().any(|b| matches!(b, Bound::Point(p) if test(p.qualifier))),
        }
    }

    /// True when any written point is approximate or uncertain.
    pub fn is_fuzzy(self) -> bool {
        match self {
            DateValue::Point(p) => p.qualifier.is_fuzzy(),
            DateValue::Interval(a, b) => [a, b]
                .iter()
                .any(|b| matches!(b, Bound::Point(p) if p.qualifier.is_fuzzy())),
        }
    }

    /// The chronological sort key: earliest instant, then coarser precision first.
    pub fn sort_key(self) -> (i64, Precision) {
        (self.earliest(), self.precision())
    }
}

/// A date as written in a timeline file, with its parsed value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Date(packed::Repr);

/// The text and the value, not their packing.
impl std::fmt::Debug for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Date")
            .field("raw", &self.text())
            .field("value", &self.value())
            .finish()
    }
}

/// Why a date string was rejected; `hint` says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong, e.g. "February 2015 has 28 days".
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl Date {
    /// Parses the EDTF subset described in README. When the text is refused but reads as a date
    /// people write ("24 July 2015", "-500"), the hint gives its exact strict form.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        Date::parse_strict(text).map_err(|mut e| {
            if let Some(hint) = human::suggestion(text) {
                e.hint = hint;
            }
            e
        })
    }

    /// What stands in for a date that could not be read, in an event that is checked for its
    /// other mistakes and never shown: written as nothing, read as the year 0.
    pub fn blank() -> Date {
        let year = Point {
            year: 0,
            month: None,
            day: None,
            time: None,
            qualifier: Qualifier::Exact,
            unspecified: 0,
        };
        Date::new("", DateValue::Point(year))
    }

    fn parse_strict(text: &str) -> Result<Date, DateError> {
        // A common form is written as `Point::edtf` writes it, so it is packed as it is read.
        if let Some(repr) = strict::common(text.as_bytes()).and_then(packed::Repr::packed) {
            return Ok(Date(repr));
        }
        let value = strict::any_form(text)?;
        // Surrounding white space is no part of the date, and may hold line breaks or U+0085 (a
        // C1 control) that must not reach the screen; what is kept is checked character by character.
        Ok(Date::new(text.trim(), value))
    }

    fn new(text: &str, value: DateValue) -> Date {
        Date(packed::Repr::new(text, value))
    }

    /// The text exactly as written in the file, without surrounding white space.
    pub fn text(&self) -> DateText<'_> {
        match self.0.held() {
            packed::Held::Packed(word) => DateText::written(text::Written::edtf(&packed::unpack(word))),
            packed::Held::Boxed((text, _)) => DateText::lent(text),
        }
    }

    /// The parsed value.
    pub fn value(&self) -> DateValue {
        self.0.value()
    }

    /// The first instant the date may denote, in seconds from 1970-01-01T00:00Z.
    pub fn earliest(&self) -> i64 {
        self.value().earliest()
    }

    /// The last instant the date may denote (exclusive end of its period).
    pub fn latest(&self) -> i64 {
        self.value().latest()
    }

    /// The date of a single point.
    pub fn from_point(point: Point) -> Date {
        Date::new(&point.edtf(), DateValue::Point(point))
    }

    /// The first written point: the date itself, or an interval's start (or end when the start is open).
    pub fn start_point(&self) -> Point {
        self.value().start_point()
    }

    /// Precision of the first written point.
    pub fn precision(&self) -> Precision {
        self.value().precision()
    }

    /// True for an interval (including open-ended ones).
    pub fn is_interval(&self) -> bool {
        self.value().is_interval()
    }

    /// True when any written point is approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.value().is_approximate()
    }

    /// True when any written point is uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.value().is_uncertain()
    }

    /// True when any written point is approximate or uncertain.
    pub fn is_fuzzy(&self) -> bool {
        self.value().is_fuzzy()
    }

    /// The chronological sort key: earliest instant, then coarser precision first.
    pub fn sort_key(&self) -> (i64, Precision) {
        self.value().sort_key()
    }

    /// The date in words at the precision it was written: "Apr 2015", "c. Jun 2015", "500 BCE",
    /// "1910s".
    /// It writes only characters of [`HUMAN_CHARS`].
    pub fn human(&self) -> String {
        match self.value() {
            DateValue::Point(p) => p.human(),
            DateValue::Interval(a, b) => display::human_interval(a, b),
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            // Two packed dates of one value are one date; their texts need not be written.
            .then_with(|| match self.0 == other.0 {
                true => Ordering::Equal,
                false => self.text().as_str().cmp(other.text().as_str()),
            })
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Point {
    /// A year as written, with no qualifier.
    pub fn of_year(year: i64) -> Point {
        Point {
            year,
            unspecified: 0,
            month: None,
            day: None,
            time: None,
            qualifier: Qualifier::Exact,
        }
    }

    /// How finely the point was written.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.time) {
            (None, ..) if self.unspecified >= 2 => Precision::Century,
            (None, ..) if self.unspecified == 1 => Precision::Decade,
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Time,
        }
    }
}

#[cfg(test)]
mod tests;
