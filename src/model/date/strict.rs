//! The strict form a timeline file writes dates in: the EDTF subset documented in README ("Dates").

use chrono::NaiveTime;

use super::display::{MONTH_NAMES, human_year};
use super::text::Written;
use super::{Bound, DateError, DateValue, Point, Qualifier, Time, days_in_month};

/// Largest year magnitude: the seconds of its instants still fit in an i64.
const MAX_YEAR: i64 = 100_000_000_000;

const FORMAT_HINT: &str = "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, add ~ (approximate) or ? (uncertain), \
     A/B for a range, .. for an open end, -0499 for 500 BCE";

impl Point {
    /// The point as EDTF text that `Date::parse` reads back to the same point.
    pub fn edtf(&self) -> String {
        Written::edtf(self).as_str().to_string()
    }
}

/// The value of a date of any form the README describes.
pub(super) fn any_form(text: &str) -> Result<DateValue, DateError> {
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

/// The forms nearly every date of a large file takes, `YYYY`, `YYYY-MM` and `YYYY-MM-DD`, read
/// straight from their digits: a million-event file holds some millions of dates, and the general
/// reader below took some 180 ns each. `None` for anything else, or for a month or day that does
/// not exist, which the general reader then explains.
pub(super) fn common(text: &[u8]) -> Option<Point> {
    let digits = |at: usize, n: usize| {
        let field = text.get(at..at + n)?;
        field.iter().try_fold(0u16, |sum, &b| {
            b.is_ascii_digit().then(|| sum * 10 + u16::from(b - b'0'))
        })
    };
    let dash = |at: usize| text.get(at) == Some(&b'-');
    let year = i64::from(digits(0, 4)?);
    let (month, day) = match text.len() {
        4 => (None, None),
        7 if dash(4) => (Some(digits(5, 2)? as u8), None),
        10 if dash(4) && dash(7) => (Some(digits(5, 2)? as u8), Some(digits(8, 2)? as u8)),
        _ => return None,
    };
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = day.is_none_or(|d| d >= 1 && month.is_some_and(|m| d <= days_in_month(year, m)));
    (month_ok && day_ok).then_some(Point {
        year,
        unspecified: 0,
        month,
        day,
        time: None,
        qualifier: Qualifier::Exact,
    })
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
    let (year, unspecified, rest) = parse_year(date_part)?;
    // Split without a list: a million-event file holds some millions of dates.
    let (month, day) = if rest.is_empty() {
        ("", "")
    } else {
        let mut parts = rest.strip_prefix('-').ok_or_else(|| bad(text))?.splitn(3, '-');
        let (month, day) = (parts.next().unwrap_or(""), parts.next());
        // "2015-" and "2015--24" (a day with no month) are not dates, nor is a third part.
        if month.is_empty() || day == Some("") || parts.next().is_some() {
            return Err(bad(text));
        }
        (month, day.unwrap_or(""))
    };
    let month = parse_two_digits(month, text)?;
    let day = parse_two_digits(day, text)?;
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
        unspecified,
        month,
        day,
        time,
        qualifier,
    })
}

fn bad(text: &str) -> DateError {
    DateError::new(format!("\"{text}\" is not a date tlx understands"), FORMAT_HINT)
}

/// Reads "2015", "-0499", "191X" (a decade), "19XX" (a century) or the EDTF long form
/// "Y-13800000000"; returns the year (a decade's or century's first), how many of its digits are
/// unspecified, and the rest ("-07-24").
fn parse_year(text: &str) -> Result<(i64, u8, &str), DateError> {
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
    let unspecified = if long {
        0
    } else {
        rest.bytes().take_while(|b| b.eq_ignore_ascii_case(&b'X')).count()
    };
    let (xs, rest) = rest.split_at(unspecified);
    if digits == 0 {
        return Err(bad(text));
    }
    if unspecified > 0 {
        let first = num.parse::<i64>().unwrap_or(0) * 10i64.pow(unspecified as u32);
        check_unspecified(text, num, xs, negative, rest, first)?;
        return Ok((first, unspecified as u8, rest));
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
    Ok((if negative { -value } else { value }, 0, rest))
}

/// The forms of a year with unspecified digits that tlx does not take, each with the exact
/// date to write: `first` is the first year the digits written (`num`) allow.
fn check_unspecified(text: &str, num: &str, xs: &str, negative: bool, rest: &str, first: i64) -> Result<(), DateError> {
    let span = 10i64.pow(xs.len() as u32);
    let years = |a: i64, b: i64| format!("{}/{}", Point::of_year(a).edtf(), Point::of_year(b).edtf());
    let written = format!("{}{num}{xs}", if negative { "-" } else { "" });
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(DateError::new(
            format!("\"{text}\": only a year's last digits can be unspecified (X)"),
            "write 191X for the 1910s, 19XX for 1900 to 1999, or the year in full",
        ));
    }
    if num.len() + xs.len() != 4 {
        return Err(DateError::new(
            format!("the year \"{written}\" is not four digits"),
            "years have four digits, the unspecified ones written X: 191X for the 1910s, 19XX for 1900 to 1999",
        ));
    }
    if negative {
        // -019X would be the astronomical years -190 to -199, not a decade of years BCE as
        // people count them; the years it means are written as an interval.
        return Err(DateError::new(
            format!("\"{written}\": tlx takes unspecified digits in years of the common era only"),
            format!("write {} for the years it spans", years(-first - span + 1, -first)),
        ));
    }
    if xs.len() > 2 {
        return Err(DateError::new(
            format!(
                "\"{written}\" leaves {} digits unspecified; tlx takes a decade (191X) or a century (19XX)",
                xs.len()
            ),
            format!("write {} for the years it spans", years(first, first + span - 1)),
        ));
    }
    if xs.contains('x') {
        return Err(DateError::new(
            format!("\"{written}\" writes an unspecified digit with a small x"),
            format!("write {num}{}", xs.to_uppercase()),
        ));
    }
    if !rest.is_empty() {
        return Err(DateError::new(
            format!("\"{text}\": a year with unspecified digits cannot have a month or day"),
            format!("write {num}{xs} alone, or the year in full with its month"),
        ));
    }
    Ok(())
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
