//! Dates of research precision: the EDTF subset documented in README ("Dates").
//!
//! A [`Date`] keeps the text it was written as (exports repeat it unchanged) and the
//! parsed value, so "2015-04" stays April 2015 and never becomes April 1st.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveTime;

const SECS_PER_DAY: i64 = 86_400;
/// Largest year magnitude: the seconds of its instants still fit in an i64.
const MAX_YEAR: i64 = 100_000_000_000;

/// How finely a point in time was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
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
    /// Astronomical year: 0 is 1 BCE, -499 is 500 BCE.
    pub year: i64,
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

/// A date as written in a timeline file, with its parsed value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    raw: String,
    value: DateValue,
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
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

const FORMAT_HINT: &str = "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, add ~ (approximate) or ? (uncertain), \
     A/B for a range, .. for an open end, -0499 for 500 BCE";

/// Every character [`Date::human`] writes (digits, month names, "c.", "?", eras, clock times with
/// offsets, ranges), so that a search for text with any other character need not write dates out.
pub const HUMAN_CHARS: &str = "0123456789 .:+-–…? c JanFebMarAprMayJunJulAugSepOctNovDec BCE CE UTC";

/// Short month names, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const MONTH_NAMES: [&str; 12] = [
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

impl Date {
    /// Parses the EDTF subset described in README.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let value = parse_value(text)?;
        // Surrounding white space is no part of the date, and may hold line breaks or U+0085 (a
        // C1 control) that must not reach the screen; what is kept is checked character by character.
        Ok(Date {
            raw: text.trim().to_string(),
            value,
        })
    }

    /// The text exactly as written in the file, without surrounding white space.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The parsed value.
    pub fn value(&self) -> &DateValue {
        &self.value
    }

    /// The first instant the date may denote, in seconds from 1970-01-01T00:00Z.
    pub fn earliest(&self) -> i64 {
        match self.value {
            DateValue::Point(p) => p.earliest(),
            DateValue::Interval(Bound::Point(p), _) => p.earliest(),
            DateValue::Interval(Bound::Open, Bound::Point(p)) => p.earliest(),
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// The last instant the date may denote (exclusive end of its period).
    pub fn latest(&self) -> i64 {
        match self.value {
            DateValue::Point(p) => p.latest(),
            DateValue::Interval(_, Bound::Point(p)) => p.latest(),
            DateValue::Interval(Bound::Point(p), Bound::Open) => p.latest(),
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// The date of a single point.
    pub fn from_point(point: Point) -> Date {
        Date {
            raw: point.edtf(),
            value: DateValue::Point(point),
        }
    }

    /// The first written point: the date itself, or an interval's start (or end when the start is open).
    pub fn start_point(&self) -> Point {
        match self.value {
            DateValue::Point(p)
            | DateValue::Interval(Bound::Point(p), _)
            | DateValue::Interval(Bound::Open, Bound::Point(p)) => p,
            DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
        }
    }

    /// Precision of the first written point.
    pub fn precision(&self) -> Precision {
        self.start_point().precision()
    }

    /// True for an interval (including open-ended ones).
    pub fn is_interval(&self) -> bool {
        matches!(self.value, DateValue::Interval(..))
    }

    /// True when any written point is approximate or uncertain.
    pub fn is_fuzzy(&self) -> bool {
        match self.value {
            DateValue::Point(p) => p.qualifier.is_fuzzy(),
            DateValue::Interval(a, b) => [a, b]
                .iter()
                .any(|b| matches!(b, Bound::Point(p) if p.qualifier.is_fuzzy())),
        }
    }

    /// The chronological sort key: earliest instant, then coarser precision first.
    pub fn sort_key(&self) -> (i64, Precision) {
        (self.earliest(), self.precision())
    }

    /// The date in words at the precision it was written: "Apr 2015", "c. Jun 2015", "500 BCE".
    /// It writes only characters of [`HUMAN_CHARS`].
    pub fn human(&self) -> String {
        match self.value {
            DateValue::Point(p) => p.human(),
            DateValue::Interval(a, b) => human_interval(a, b),
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.raw.cmp(&other.raw))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

impl Point {
    /// How finely the point was written.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.time) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Time,
        }
    }

    /// First instant of the period, seconds from the Unix epoch (UTC when an offset is known).
    pub fn earliest(&self) -> i64 {
        let days = days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        let mut secs = days * SECS_PER_DAY;
        if let Some(t) = self.time {
            secs += i64::from(t.seconds) - i64::from(t.offset_minutes.unwrap_or(0)) * 60;
        }
        secs
    }

    /// First instant after the period (exclusive end).
    pub fn latest(&self) -> i64 {
        match (self.month, self.day, self.time) {
            (None, _, _) => days_from_civil(self.year + 1, 1, 1) * SECS_PER_DAY,
            (Some(12), None, _) => days_from_civil(self.year + 1, 1, 1) * SECS_PER_DAY,
            (Some(m), None, _) => days_from_civil(self.year, m + 1, 1) * SECS_PER_DAY,
            (Some(_), Some(_), None) => self.earliest() + SECS_PER_DAY,
            (Some(_), Some(_), Some(_)) => self.earliest() + 1,
        }
    }

    /// The point as EDTF text that `Date::parse` reads back to the same point.
    pub fn edtf(&self) -> String {
        let mut s = if self.year.abs() > 9999 {
            format!("Y{}", self.year)
        } else if self.year < 0 {
            format!("-{:04}", -self.year)
        } else {
            format!("{:04}", self.year)
        };
        if let Some(m) = self.month {
            s += &format!("-{m:02}");
        }
        if let Some(day) = self.day {
            s += &format!("-{day:02}");
        }
        if let Some(t) = self.time {
            let (h, m, sec) = (t.seconds / 3600, t.seconds / 60 % 60, t.seconds % 60);
            s += &format!("T{h:02}:{m:02}:{sec:02}");
            match t.offset_minutes {
                None => {}
                Some(0) => s.push('Z'),
                Some(o) => {
                    s += &format!(
                        "{}{:02}:{:02}",
                        if o < 0 { '-' } else { '+' },
                        o.abs() / 60,
                        o.abs() % 60
                    )
                }
            }
        }
        s + ["", "~", "?", "%"][self.qualifier as usize]
    }

    fn human(&self) -> String {
        let body = match (self.month, self.day) {
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

fn human_interval(a: Bound, b: Bound) -> String {
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

/// Days from 1970-01-01 to the given proleptic Gregorian date (astronomical years).
/// Howard Hinnant's algorithm, in i64 so cosmological years do not overflow.
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count from 1970-01-01; inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// True for leap years of the proleptic Gregorian calendar (astronomical numbering).
pub fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_value(text: &str) -> Result<DateValue, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::new("the date is empty", FORMAT_HINT));
    }
    match text.split_once('/') {
        None => parse_point(text).map(DateValue::Point),
        Some((a, b)) => {
            let start = parse_bound(a)?;
            let end = parse_bound(b)?;
            match (start, end) {
                (Bound::Open, Bound::Open) => Err(DateError::new(
                    "an interval needs at least one known end",
                    "write a date on one side, e.g. 2015-07/..",
                )),
                (Bound::Point(s), Bound::Point(e)) if e.latest() <= s.earliest() => Err(DateError::new(
                    format!("the interval ends ({}) before it starts ({})", e.human(), s.human()),
                    "write the earlier date first: START/END",
                )),
                _ => Ok(DateValue::Interval(start, end)),
            }
        }
    }
}

fn parse_bound(text: &str) -> Result<Bound, DateError> {
    if text == ".." {
        Ok(Bound::Open)
    } else if text.is_empty() {
        Err(DateError::new(
            "one side of the interval is empty",
            "write .. for an open end, e.g. 2015-07/..",
        ))
    } else {
        parse_point(text).map(Bound::Point)
    }
}

fn parse_point(text: &str) -> Result<Point, DateError> {
    let (body, qualifier) = match text.as_bytes().last() {
        Some(b'~') => (&text[..text.len() - 1], Qualifier::Approximate),
        Some(b'?') => (&text[..text.len() - 1], Qualifier::Uncertain),
        Some(b'%') => (&text[..text.len() - 1], Qualifier::Both),
        _ => (text, Qualifier::Exact),
    };
    let (date_part, time_part) = match body.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let (year, rest) = parse_year(date_part)?;
    let mut parts = if rest.is_empty() {
        Vec::new()
    } else {
        match rest.strip_prefix('-') {
            Some(r) => r.split('-').collect(),
            None => return Err(bad(text)),
        }
    };
    // "2015-" and "2015--24" (a day with no month) are not dates.
    if parts.len() > 2 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad(text));
    }
    parts.resize(2, "");
    let month = parse_two_digits(parts[0], text)?;
    let day = parse_two_digits(parts[1], text)?;
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(DateError::new(
            format!("there is no month {m:02}"),
            "months run from 01 to 12",
        ));
    }
    if let (Some(m), Some(d)) = (month, day) {
        let max = days_in_month(year, m);
        if d == 0 || d > max {
            return Err(DateError::new(
                format!(
                    "{} {} has {max} days, so day {d:02} does not exist",
                    MONTH_NAMES[usize::from(m) - 1],
                    human_year(year)
                ),
                "check the day; write only YYYY-MM if the day is unknown",
            ));
        }
    }
    let time = match time_part {
        None => None,
        Some(_) if day.is_none() => {
            return Err(DateError::new(
                "a time needs a full date before it",
                "write YYYY-MM-DDTHH:MM:SSZ",
            ));
        }
        Some(t) => Some(parse_time(t)?),
    };
    Ok(Point {
        year,
        month,
        day,
        time,
        qualifier,
    })
}

fn bad(text: &str) -> DateError {
    DateError::new(format!("\"{text}\" is not a date tlx understands"), FORMAT_HINT)
}

/// Reads "2015", "-0499" or the EDTF long form "Y-13800000000"; returns the rest ("-07-24").
fn parse_year(text: &str) -> Result<(i64, &str), DateError> {
    let (long, s) = match text.strip_prefix('Y') {
        Some(s) => (true, s),
        None => (false, text),
    };
    let (negative, s) = match s.strip_prefix('-') {
        Some(s) => (true, s),
        None => (false, s),
    };
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (num, rest) = s.split_at(digits);
    if digits == 0 {
        return Err(bad(text));
    }
    if !long && digits != 4 {
        let hint = if digits < 4 {
            format!("years have four digits: write {num:0>4}")
        } else {
            format!(
                "years past 9999 take the EDTF Y prefix: write Y{}{num}",
                if negative { "-" } else { "" }
            )
        };
        return Err(DateError::new(
            format!(
                "the year \"{}{num}\" is not four digits",
                if negative { "-" } else { "" }
            ),
            hint,
        ));
    }
    if long && !rest.is_empty() {
        return Err(DateError::new(
            "a Y-prefixed year cannot have a month or day",
            "write Y-13800000000 alone, or a four-digit year with month and day",
        ));
    }
    let value: i64 = num
        .parse()
        .ok()
        .filter(|v: &i64| *v <= MAX_YEAR)
        .ok_or_else(|| DateError::new("the year is too large", "tlx handles years up to 100 billion"))?;
    Ok((if negative { -value } else { value }, rest))
}

fn parse_two_digits(s: &str, whole: &str) -> Result<Option<u8>, DateError> {
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(whole));
    }
    Ok(s.parse().ok())
}

fn parse_time(t: &str) -> Result<Time, DateError> {
    let (clock, offset) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
        (c, Some(0))
    } else if let Some(i) = t.rfind(['+', '-']) {
        (&t[..i], Some(parse_offset(&t[i..])?))
    } else {
        (t, None)
    };
    // chrono would skip white space (even line breaks) and take one-digit fields; a time is
    // HH:MM, HH:MM:SS or HH:MM:SS.fff.
    let shape = clock.bytes().enumerate().all(|(i, b)| match i {
        2 | 5 => b == b':',
        8 => b == b'.',
        _ => b.is_ascii_digit(),
    });
    let length = clock.len() == 5 || clock.len() == 8 || clock.len() >= 10;
    if !shape || !length {
        return Err(DateError::new(
            format!("\"{t}\" is not a valid time"),
            "write HH:MM or HH:MM:SS, then Z or an offset such as +03:00",
        ));
    }
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .map_err(|_| {
            DateError::new(
                format!("\"{t}\" is not a valid time"),
                "write HH:MM or HH:MM:SS, then Z or an offset such as +03:00",
            )
        })?;
    use chrono::Timelike;
    Ok(Time {
        seconds: time.num_seconds_from_midnight(),
        offset_minutes: offset,
    })
}

fn parse_offset(s: &str) -> Result<i32, DateError> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    let err = || DateError::new(format!("\"{s}\" is not a UTC offset"), "write Z, +HH:MM or -HH:MM");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let h: i32 = digits[..2].parse().map_err(|_| err())?;
    let m: i32 = digits[2..].parse().map_err(|_| err())?;
    if h > 23 || m > 59 {
        return Err(err());
    }
    Ok(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn human_forms_keep_precision() {
        let table = [
            ("2007", "2007"),
            ("2015-04", "Apr 2015"),
            ("2015-07-24", "24 Jul 2015"),
            ("2015-06~", "c. Jun 2015"),
            ("2014-06?", "Jun 2014?"),
            ("2014-06%", "c. Jun 2014?"),
            ("-0499", "500 BCE"),
            ("0000", "1 BCE"),
            ("0476", "476 CE"),
            ("2015-07-24T14:30:00Z", "24 Jul 2015 14:30 UTC"),
            ("2015-07-24T14:30:05+03:00", "24 Jul 2015 14:30:05 +03:00"),
            ("2015-07-24T14:30", "24 Jul 2015 14:30"),
            ("2015-07-24/2015-07-27", "24–27 Jul 2015"),
            ("2015-07/2015-09", "Jul – Sep 2015"),
            ("2015-07-27/2015-08-02", "27 Jul – 2 Aug 2015"),
            ("2015-07-27~/2015-08-02", "c. 27 Jul 2015 – 2 Aug 2015"),
            ("2014-06/2015-02", "Jun 2014 – Feb 2015"),
            ("2015-07/..", "Jul 2015 – …"),
            ("../2015", "… – 2015"),
            ("Y-13800000000", "13800000001 BCE"),
        ];
        for (raw, human) in table {
            assert_eq!(d(raw).human(), human, "{raw}");
            assert_eq!(d(raw).as_str(), raw);
            assert!(human.chars().all(|c| HUMAN_CHARS.contains(c)), "{human}");
        }
        let months = MONTHS.concat();
        assert!(months.chars().all(|c| HUMAN_CHARS.contains(c)), "{months}");
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        let table = [
            ("2015-02-30", "February 2015 has 28 days"),
            ("2015-02-29", "February 2015 has 28 days"),
            ("2015-13", "no month 13"),
            ("2015-00", "no month 00"),
            ("15", "not four digits"),
            ("20150", "not four digits"),
            ("2015/2014", "ends (2014) before it starts (2015)"),
            ("2015-07-27/2015-07-24", "ends"),
            ("../..", "at least one known end"),
            ("2015-07/", "empty"),
            ("", "empty"),
            ("July 2015", "not a date"),
            ("2015-7-24", "not a date"),
            ("2015-07-24T25:00Z", "not a valid time"),
            ("2015-07T10:00Z", "needs a full date"),
            ("2015-07-24T10:00+25:00", "not a UTC offset"),
            ("Y-99999999999999999999", "too large"),
            ("2015-", "not a date"),
            ("2015--24", "not a date"),
            ("2015-07-24T 1:00", "not a valid time"),
            ("3131-04-04T \n\n1:11:10", "not a valid time"),
            ("2015-07-24T10:00:1", "not a valid time"),
            ("2015-07-24T10:00:", "not a valid time"),
            ("2015-07-24T10:00:00.", "not a valid time"),
        ];
        for (raw, needle) in table {
            let err = Date::parse(raw).expect_err(raw);
            assert!(err.message.contains(needle), "{raw}: {}", err.message);
            assert!(!err.hint.is_empty());
        }
    }

    #[test]
    fn leap_years_follow_the_proleptic_gregorian_calendar() {
        assert!(Date::parse("2016-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
        // Astronomical year 0 (1 BCE) is a leap year.
        assert!(Date::parse("0000-02-29").is_ok());
        assert!(Date::parse("-0004-02-29").is_ok());
    }

    #[test]
    fn orders_by_earliest_instant_then_coarser_first() {
        let mut dates: Vec<Date> = [
            "2015-07-24",
            "2015",
            "2015-07",
            "2010",
            "-0499",
            "2015-07-24T10:00:00Z",
            "2015-07-24T10:00:00+03:00",
            "2015-07-24/2015-07-27",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let got: Vec<&str> = dates.iter().map(Date::as_str).collect();
        assert_eq!(
            got,
            [
                "-0499",
                "2010",
                "2015",
                "2015-07",
                "2015-07-24",
                "2015-07-24/2015-07-27",
                "2015-07-24T10:00:00+03:00",
                "2015-07-24T10:00:00Z",
            ]
        );
    }

    #[test]
    fn periods_span_their_whole_precision() {
        let day = 86_400;
        assert_eq!(d("2015-04").latest() - d("2015-04").earliest(), 30 * day);
        assert_eq!(d("2016").latest() - d("2016").earliest(), 366 * day);
        assert_eq!(d("2015-12").latest(), d("2016").earliest());
        assert_eq!(d("1970-01-01").earliest(), 0);
        assert_eq!(d("2015-07-24/2015-07-27").latest(), d("2015-07-28").earliest());
    }

    fn arb_point() -> impl Strategy<Value = Point> {
        (
            -9999i64..=9999,
            0u8..=12,
            1u8..=31,
            prop::option::of(0u32..86_400),
            0..4u8,
        )
            .prop_map(|(year, month, day, time, q)| {
                let month = (month > 0).then_some(month);
                let day = month.map(|m| day.min(days_in_month(year, m)));
                let time = day.and(time).map(|seconds| Time {
                    seconds,
                    offset_minutes: Some(0),
                });
                let qualifier = [
                    Qualifier::Exact,
                    Qualifier::Approximate,
                    Qualifier::Uncertain,
                    Qualifier::Both,
                ][usize::from(q)];
                Point {
                    year,
                    month,
                    day,
                    time,
                    qualifier,
                }
            })
    }

    proptest! {
        #[test]
        fn written_points_parse_back_to_themselves(p in arb_point()) {
            let date = Date::parse(&p.edtf()).unwrap();
            prop_assert_eq!(date.value(), &DateValue::Point(p));
            prop_assert!(date.earliest() < date.latest());
        }

        #[test]
        fn civil_days_round_trip(days in -5_000_000i64..5_000_000) {
            let (y, m, dd) = civil_from_days(days);
            prop_assert_eq!(days_from_civil(y, m, dd), days);
        }

        #[test]
        fn ordering_is_consistent_with_earliest(a in arb_point(), b in arb_point()) {
            let (da, db) = (Date::parse(&a.edtf()).unwrap(), Date::parse(&b.edtf()).unwrap());
            if da.earliest() < db.earliest() {
                prop_assert!(da < db);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,30}") {
            let _ = Date::parse(&s);
        }
    }
}
