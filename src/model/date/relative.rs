//! Days relative to today, for `--as-of`: `today`, `yesterday`, `last week`, `last month`,
//! `last year`, `N days ago` (also weeks, months, years; `a week ago`). "Today" is given, never
//! read from the clock here, so tests fix it.

use super::{Date, Point, civil_from_days, days_from_civil, days_in_month};

/// What the relative spellings are, for error hints.
pub const RELATIVE_HINT: &str = "or a day relative to today: today, yesterday, last week, last month, last year, \
     3 days ago, 2 weeks ago, 3 months ago, 2 years ago";

/// The day `text` names relative to `today` (year, month, day), or `None` when it is not a
/// relative spelling. A month or year back keeps the day of the month, or the month's last day
/// when it is shorter (31 March, a month ago, is 28 or 29 February).
pub fn relative(text: &str, today: (i64, u8, u8)) -> Option<Date> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let (count, unit) = match words.as_slice() {
        ["today"] | ["now"] => (0, "day"),
        ["yesterday"] => (1, "day"),
        ["last", unit] => (1, *unit),
        [n, unit, "ago"] => (count(n)?, *unit),
        _ => return None,
    };
    let (y, m, d) = today;
    let (y, m, d) = match unit.strip_suffix('s').unwrap_or(unit) {
        "day" => civil_from_days(days_from_civil(y, m, d) - count),
        "week" => civil_from_days(days_from_civil(y, m, d) - 7 * count),
        "month" => {
            let months = y * 12 + i64::from(m) - 1 - count;
            let (y, m) = (months.div_euclid(12), u8::try_from(months.rem_euclid(12) + 1).ok()?);
            (y, m, d.min(days_in_month(y, m)))
        }
        "year" => {
            let y = y.checked_sub(count)?;
            (y, m, d.min(days_in_month(y, m)))
        }
        _ => return None,
    };
    Some(Date::from_point(Point {
        month: Some(m),
        day: Some(d),
        ..Point::of_year(y)
    }))
}

/// Further back than this is refused: the seconds of the date would overflow.
const MOST: i64 = 100_000;

/// "3", "a", "an", "one" ... "twelve" as a number of units back, up to [`MOST`].
fn count(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => word
            .parse::<u32>()
            .ok()
            .map(i64::from)
            .or_else(|| WORDS.iter().position(|w| *w == word).map(|n| n as i64)),
    }
    .filter(|&n| n <= MOST)
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_days_count_back_from_the_given_today() {
        let today = (2026, 3, 31);
        let table = [
            ("today", Some("2026-03-31")),
            ("Yesterday", Some("2026-03-30")),
            ("last week", Some("2026-03-24")),
            ("last  month", Some("2026-02-28")),
            ("last year", Some("2025-03-31")),
            ("3 days ago", Some("2026-03-28")),
            ("31 days ago", Some("2026-02-28")),
            ("2 weeks ago", Some("2026-03-17")),
            ("a week ago", Some("2026-03-24")),
            ("3 months ago", Some("2025-12-31")),
            ("one month ago", Some("2026-02-28")),
            ("13 months ago", Some("2025-02-28")),
            ("2 years ago", Some("2024-03-31")),
            ("1 year ago", Some("2025-03-31")),
            ("last", None),
            ("3 fortnights ago", None),
            ("many days ago", None),
            ("2015-07", None),
            ("next week", None),
        ];
        for (text, expected) in table {
            let got = relative(text, today);
            assert_eq!(got.map(|d| d.text().to_string()).as_deref(), expected, "{text}");
        }
        assert_eq!(relative("1 year ago", (2024, 2, 29)).unwrap().text(), "2023-02-28");
        assert_eq!(relative("today", (2024, 1, 1)).unwrap().human(), "1 Jan 2024");
        assert!(relative("100000 weeks ago", today).is_some_and(|d| d.earliest() < 0));
        assert_eq!(
            relative("100001 years ago", today),
            None,
            "refused before the seconds overflow"
        );
    }
}
