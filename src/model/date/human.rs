//! Dates as people write them in spreadsheets and exports ("c. 1250 BC", "8 March 1917",
//! "March 8, 1917", "1910s", "01/04/2020"), read into the strict form a timeline file keeps.
//!
//! Importers read dates with [`Date::parse_human`]; the timeline format stays strict, and
//! [`Date::parse`] uses this reader only to work out the exact form to suggest.

use super::display::MONTH_NAMES;
use super::{Date, DateError, Point, Qualifier};

/// Which number comes first in an all-numeric date such as `01/04/2020`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `01/04/2020` is 1 April 2020.
    DayFirst,
    /// `01/04/2020` is 4 January 2020.
    MonthFirst,
}

/// What a human date can be read as: one date, or two when day and month could be either way round.
enum Reading {
    One(Date),
    /// Day first, then month first.
    Either(Date, Date),
}

const HUMAN_HINT: &str = "write e.g. 2015-07-24, 24 July 2015, July 24, 2015, July 2015, 1910s, 1250 BCE or c. 1917";

impl Date {
    /// Reads a date in the strict form or as people write it; `order` settles numeric dates whose
    /// day and month could be either way round, which are refused without it.
    pub fn parse_human(text: &str, order: Option<Order>) -> Result<Date, DateError> {
        match Date::parse_strict(text) {
            Ok(date) => return Ok(date),
            Err(empty) if text.trim().is_empty() => return Err(empty),
            Err(_) => {}
        }
        match read(text)? {
            Reading::One(date) => Ok(date),
            Reading::Either(day_first, month_first) => match order {
                Some(Order::DayFirst) => Ok(day_first),
                Some(Order::MonthFirst) => Ok(month_first),
                None => Err(DateError::new(
                    format!(
                        "it could be {} (day first) or {} (month first)",
                        day_first.human(),
                        month_first.human()
                    ),
                    format!(
                        "write {} or {}, or import with --day-first or --month-first",
                        day_first.text(),
                        month_first.text()
                    ),
                )),
            },
        }
    }
}

/// The exact strict form of a date the strict reader refused, as a hint: `write "-0499" for 500 BCE`.
pub(super) fn suggestion(text: &str) -> Option<String> {
    let quoted = |d: &Date| format!("\"{}\" for {}", d.text(), d.human());
    match read(text).ok()? {
        Reading::One(d) => Some(format!("write {}", quoted(&d))),
        Reading::Either(a, b) => Some(format!("write {} or {}", quoted(&a), quoted(&b))),
    }
}

fn not_a_date(text: &str) -> DateError {
    DateError::new(format!("\"{}\" is not a date tlx understands", text.trim()), HUMAN_HINT)
}

/// The era a year was written in.
#[derive(Clone, Copy, PartialEq)]
enum Era {
    Unmarked,
    Bce,
    Ce,
}

fn read(text: &str) -> Result<Reading, DateError> {
    let lower = text.trim().to_lowercase();
    let (rest, qualifier) = qualifiers(&lower);
    let (rest, era) = era(rest);
    let (date_part, time) = split_time(rest);
    let date_part = date_part.trim();
    if date_part.is_empty() {
        return Err(not_a_date(text));
    }
    if let Some((first, unspecified)) = decade(date_part) {
        if time.is_some() {
            return Err(not_a_date(text));
        }
        let point = |year| Point {
            qualifier,
            ..Point::of_year(year)
        };
        // EDTF's unspecified digits count astronomical years, so a decade BCE ("1250s BC", 1259
        // to 1250 BCE) is not one of them: it is kept as the interval of its years.
        if era == Era::Bce {
            let last = first + 10i64.pow(u32::from(unspecified)) - 1;
            let (a, b) = (year_in(last, era, text)?, year_in(first, era, text)?);
            return strict(&format!("{}/{}", point(a).edtf(), point(b).edtf()), text).map(Reading::One);
        }
        let year = year_in(first, era, text)?;
        return strict(
            &Point {
                unspecified,
                ..point(year)
            }
            .edtf(),
            text,
        )
        .map(Reading::One);
    }
    let fields = if date_part.bytes().any(|b| b.is_ascii_alphabetic()) {
        Fields::One(named_month(date_part).ok_or_else(|| not_a_date(text))?)
    } else {
        numeric(date_part, text)?
    };
    let build = |(year, month, day): (i64, Option<u8>, Option<u8>)| -> Result<Date, DateError> {
        let year = year_in(year, era, text)?;
        let point = Point {
            month,
            day,
            ..Point::of_year(year)
        };
        let mut edtf = point.edtf();
        if let Some(t) = &time {
            edtf.push('T');
            edtf.push_str(t);
        }
        edtf.push_str(["", "~", "?", "%"][qualifier as usize]);
        strict(&edtf, text)
    };
    match fields {
        Fields::One(f) => build(f).map(Reading::One),
        Fields::Either(a, b) => Ok(Reading::Either(build(a)?, build(b)?)),
    }
}

/// The strict reading of what was worked out; its error (e.g. "February 2015 has 28 days") stands.
fn strict(edtf: &str, text: &str) -> Result<Date, DateError> {
    Date::parse_strict(edtf).map_err(|e| {
        if e.message.contains("is not a date") {
            not_a_date(text)
        } else {
            e
        }
    })
}

/// The astronomical year of a year written with an era: 1 BCE is 0, 500 BCE is -499.
fn year_in(year: i64, era: Era, text: &str) -> Result<i64, DateError> {
    match era {
        Era::Bce if year == 0 => Err(DateError::new(
            format!("\"{}\" names year 0 BCE, which no calendar has", text.trim()),
            "1 BCE is followed by 1 CE; write -0000 for 1 BCE",
        )),
        Era::Bce if year < 0 => Err(not_a_date(text)),
        Era::Bce => Ok(1 - year),
        Era::Ce if year <= 0 => Err(not_a_date(text)),
        // A minus sign written by hand means "before the common era", not astronomical numbering:
        // "-500" is 500 BCE. ("-0500", the strict form, is 501 BCE and never reaches here.)
        Era::Unmarked if year < 0 => Ok(1 + year),
        _ => Ok(year),
    }
}

/// Strips "c.", "ca.", "circa", "about", "~" before and "?", "~", "%" after the date.
fn qualifiers(s: &str) -> (&str, Qualifier) {
    let mut rest = s.trim();
    let mut approximate = false;
    let mut uncertain = false;
    for prefix in [
        "circa", "about", "around", "approx.", "approx", "ca.", "ca", "c.", "c", "~",
    ] {
        if let Some(r) = rest.strip_prefix(prefix)
            && (prefix.ends_with(['.', '~'])
                || r.starts_with([' ', '.'])
                || r.starts_with(|c: char| c.is_ascii_digit()))
        {
            rest = r.trim_start_matches('.').trim_start();
            approximate = true;
            break;
        }
    }
    loop {
        if let Some(r) = rest.strip_suffix("(?)").or_else(|| rest.strip_suffix('?')) {
            uncertain = true;
            rest = r.trim_end();
        } else if let Some(r) = rest.strip_suffix('~') {
            approximate = true;
            rest = r.trim_end();
        } else if let Some(r) = rest.strip_suffix('%') {
            approximate = true;
            uncertain = true;
            rest = r.trim_end();
        } else {
            break;
        }
    }
    let q = match (approximate, uncertain) {
        (false, false) => Qualifier::Exact,
        (true, false) => Qualifier::Approximate,
        (false, true) => Qualifier::Uncertain,
        (true, true) => Qualifier::Both,
    };
    (rest, q)
}

/// Strips an era marker: "BC", "BCE", "B.C.", "AD", "A.D.", "CE" after the date, "AD" before it.
fn era(s: &str) -> (&str, Era) {
    for (marker, era) in [
        ("b.c.e.", Era::Bce),
        ("b.c.e", Era::Bce),
        ("bce", Era::Bce),
        ("b.c.", Era::Bce),
        ("b.c", Era::Bce),
        ("bc", Era::Bce),
        ("c.e.", Era::Ce),
        ("c.e", Era::Ce),
        ("ce", Era::Ce),
        ("a.d.", Era::Ce),
        ("a.d", Era::Ce),
        ("ad", Era::Ce),
    ] {
        if let Some(r) = s.strip_suffix(marker)
            && r.ends_with(|c: char| c.is_ascii_digit() || c == ' ')
        {
            return (r.trim_end(), era);
        }
    }
    for marker in ["a.d.", "ad"] {
        if let Some(r) = s.strip_prefix(marker)
            && r.starts_with(|c: char| c.is_ascii_digit() || c == ' ')
        {
            return (r.trim_start(), Era::Ce);
        }
    }
    (s, Era::Unmarked)
}

/// Splits "1917-03-08 14:30", "8 March 1917 14:30 utc" or "1917-03-08t14:30" into the date and an
/// EDTF time ("14:30", "14:30Z", "14:30+03:00").
fn split_time(s: &str) -> (&str, Option<String>) {
    let Some(colon) = s.find(':') else { return (s, None) };
    let start = s[..colon].rfind([' ', 't']).map_or(0, |i| i + 1);
    let time: String = s[start..].chars().filter(|c| !c.is_whitespace()).collect();
    let time = match time.strip_suffix("utc").or_else(|| time.strip_suffix("gmt")) {
        Some(t) => format!("{t}Z"),
        None => time.replace('z', "Z"),
    };
    (s[..start].trim_end_matches(['t', ' ', ',']), Some(time))
}

/// "1910s", "1910's" and "191x" as a decade's first year and its one unspecified digit; "19xx"
/// as a century's, with two.
fn decade(s: &str) -> Option<(i64, u8)> {
    let s = s.strip_prefix("the ").unwrap_or(s);
    if let Some(d) = s.strip_suffix("'s").or_else(|| s.strip_suffix('s'))
        && d.len() >= 3
        && d.bytes().all(|b| b.is_ascii_digit())
        && d.ends_with('0')
    {
        let first: i64 = d.parse().ok()?;
        // "1900s" is read as the decade, the narrower of its two meanings.
        return Some((first, 1));
    }
    let x = s.bytes().rev().take_while(|b| *b == b'x').count();
    let digits = &s[..s.len() - x];
    if (1..=2).contains(&x) && s.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let first = digits.parse::<i64>().ok()? * 10i64.pow(x as u32);
        return Some((first, x as u8));
    }
    None
}

/// Year, month and day as read; `Either` holds the day-first and the month-first readings.
enum Fields {
    One((i64, Option<u8>, Option<u8>)),
    Either((i64, Option<u8>, Option<u8>), (i64, Option<u8>, Option<u8>)),
}

/// "476", "-500", "1917/03/08", "03/1917", "8.3.1917", "01/04/2020".
fn numeric(s: &str, text: &str) -> Result<Fields, DateError> {
    if let Some(year) = s.strip_prefix('-').filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
        let year: i64 = year.parse().map_err(|_| not_a_date(text))?;
        return Ok(Fields::One((-year, None, None)));
    }
    let parts: Vec<&str> = s.split(['/', '-', '.', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.is_empty()
        || parts
            .iter()
            .any(|p| !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 12)
    {
        return Err(not_a_date(text));
    }
    let n = |p: &str| p.parse::<i64>().map_err(|_| not_a_date(text));
    let small = |p: &str| p.parse::<u8>().ok().filter(|v| *v > 0 && p.len() <= 2);
    let year_of = |p: &str| {
        if p.len() <= 2 {
            Err(DateError::new(
                format!("\"{}\" has a two-digit year", text.trim()),
                format!("write the year in full (19{p} or 20{p}), e.g. as YYYY-MM-DD"),
            ))
        } else {
            n(p)
        }
    };
    match parts.as_slice() {
        // Eight digits are ISO 8601's basic form (GDELT's 20150724) rather than a year; a long
        // year takes an era ("13800000000 BCE").
        [y] if y.len() <= 4 => Ok(Fields::One((n(y)?, None, None))),
        [ymd] if ymd.len() == 8 => {
            let (m, d) = (small(&ymd[4..6]).filter(|m| *m <= 12), small(&ymd[6..]));
            Ok(Fields::One((
                n(&ymd[..4])?,
                Some(m.ok_or_else(|| not_a_date(text))?),
                Some(d.ok_or_else(|| not_a_date(text))?),
            )))
        }
        [y, m] if y.len() >= 3 => Ok(Fields::One((
            n(y)?,
            Some(small(m).ok_or_else(|| not_a_date(text))?),
            None,
        ))),
        [m, y] => Ok(Fields::One((
            year_of(y)?,
            Some(small(m).ok_or_else(|| not_a_date(text))?),
            None,
        ))),
        [y, m, d] if y.len() >= 3 => {
            let (m, d) = (small(m), small(d));
            Ok(Fields::One((
                n(y)?,
                Some(m.ok_or_else(|| not_a_date(text))?),
                Some(d.ok_or_else(|| not_a_date(text))?),
            )))
        }
        [a, b, y] => {
            let year = year_of(y)?;
            let (a, b) = (
                small(a).ok_or_else(|| not_a_date(text))?,
                small(b).ok_or_else(|| not_a_date(text))?,
            );
            let day_first = (year, Some(b), Some(a));
            let month_first = (year, Some(a), Some(b));
            Ok(match (a > 12, b > 12) {
                (true, true) => return Err(not_a_date(text)),
                (true, false) => Fields::One(day_first),
                (false, true) => Fields::One(month_first),
                (false, false) if a == b => Fields::One(day_first),
                (false, false) => Fields::Either(day_first, month_first),
            })
        }
        _ => Err(not_a_date(text)),
    }
}

/// The month of an English name or its abbreviation of three letters or more ("sept").
fn month(word: &str) -> Option<u8> {
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| name.to_lowercase().starts_with(word))
        .map(|i| i as u8 + 1)
}

/// "March 1917", "8 March 1917", "March 8th, 1917", "8-Mar-1917", "1917 March 8".
fn named_month(s: &str) -> Option<(i64, Option<u8>, Option<u8>)> {
    let mut month_at = None;
    let mut numbers = Vec::new();
    let words = s
        .split([' ', ',', '.', '-', '/'])
        .filter(|w| !w.is_empty() && *w != "of" && *w != "the");
    for (i, word) in words.enumerate() {
        if let Some(m) = month(word) {
            if month_at.is_some() {
                return None;
            }
            month_at = Some((i, m));
            continue;
        }
        let digits = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        let suffix = &word[digits.len()..];
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        {
            return None;
        }
        numbers.push((i, digits, !suffix.is_empty()));
    }
    let (at, m) = month_at?;
    let day = |d: &str| d.parse::<u8>().ok().filter(|_| d.len() <= 2);
    let year = |y: &str, ordinal: bool| (!ordinal).then(|| y.parse::<i64>().ok()).flatten();
    match numbers.as_slice() {
        // "March 1917", "1917 March"; a lone small number ("March 8") is a day without a year.
        [(_, y, o)] if y.len() >= 3 => Some((year(y, *o)?, Some(m), None)),
        // "8 March 1917", "March 8, 1917", "1917 March 8"
        [(i, a, _), (j, b, o)] if *i < at && *j > at && a.len() <= 2 => Some((year(b, *o)?, Some(m), Some(day(a)?))),
        [(i, a, _), (_, b, o)] if *i > at => Some((year(b, *o)?, Some(m), Some(day(a)?))),
        [(i, a, o), (j, b, _)] if *i < at && *j > at => Some((year(a, *o)?, Some(m), Some(day(b)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
