//! Calendar arithmetic: proleptic Gregorian days and the instants a point spans.

use super::Point;

/// Seconds in a minute.
pub const MINUTE: i64 = 60;
/// Seconds in an hour.
pub const HOUR: i64 = 3_600;
/// Seconds in a day: the model counts UTC seconds from the Unix epoch, without leap seconds.
pub const DAY: i64 = 86_400;
/// Seconds in the mean Gregorian year, 365.2425 days (400 of them are exactly 400 calendar
/// years). It sizes spans that are "about a year" (a zoom level, a tick step, the axis's
/// "more than two years" test) and never places a date: dates go through [`days_from_civil`],
/// so each leap day falls where the calendar puts it. A fixed reach of 365 days (the filter's
/// one-year context) is written as `365 * DAY`, saying which it means.
pub const YEAR: i64 = 31_556_952;

impl Point {
    /// First instant of the period, seconds from the Unix epoch (UTC when an offset is known).
    pub fn earliest(&self) -> i64 {
        let days = days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        let mut secs = days * DAY;
        if let Some(t) = self.time {
            secs += i64::from(t.seconds) - i64::from(t.offset_minutes.unwrap_or(0)) * 60;
        }
        secs
    }

    /// First instant after the period (exclusive end).
    pub fn latest(&self) -> i64 {
        match (self.month, self.day, self.time) {
            (None, _, _) => days_from_civil(self.year + 10i64.pow(u32::from(self.unspecified)), 1, 1) * DAY,
            (Some(12), None, _) => days_from_civil(self.year + 1, 1, 1) * DAY,
            (Some(m), None, _) => days_from_civil(self.year, m + 1, 1) * DAY,
            (Some(_), Some(_), None) => self.earliest() + DAY,
            (Some(_), Some(_), Some(_)) => self.earliest() + 1,
        }
    }
}

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
