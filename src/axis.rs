//! The time axis as pure data: which stretch of time is shown and how zooming and panning move
//! it, with its labelled ticks in `ticks` and the events binned into its columns in `index`.
//! Nothing here touches the terminal, so every layout rule is unit-tested.

pub mod index;
mod ticks;

use rayon::prelude::*;
use serde::Deserialize;

use crate::model::Date;
use crate::model::date::{DAY, MINUTE, YEAR, days_from_civil};

pub use ticks::{Tick, ticks};

/// Below a minute the axis would have nothing left to label.
const MIN_SPAN: i64 = MINUTE;
/// Comfortably more than the age of the universe, still far from i64's limits.
const MAX_SPAN: i64 = 20_000_000_000 * YEAR;

/// The stretch of time the axis shows, in seconds; end > start always.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First instant shown (seconds since 1970-01-01T00:00Z).
    pub start: i64,
    /// Last instant shown; it lands in the last column, so a period's exclusive end stays visible.
    pub end: i64,
}

impl Window {
    /// Smallest window holding all (earliest, latest) ranges, padded ~3% each side; at least one day wide; a default (e.g. the year 2000) when empty.
    pub fn fit(ranges: impl IntoIterator<Item = (i64, i64)>) -> Window {
        let Some((lo, hi)) = ranges.into_iter().fold(None, Window::outermost) else {
            return Window {
                start: days_from_civil(2000, 1, 1) * DAY,
                end: days_from_civil(2001, 1, 1) * DAY,
            };
        };
        let (lo, hi) = (i128::from(lo), i128::from(hi));
        let pad = (hi - lo) * 3 / 100;
        if hi - lo + 2 * pad < i128::from(DAY) {
            // A lone instant or a short burst gets a day around it, so ticks still have room.
            return Window::from_start((lo + hi).div_euclid(2) - i128::from(DAY / 2), i128::from(DAY));
        }
        Window::from_start(lo - pad, hi - lo + 2 * pad)
    }

    /// [`Window::fit`] of the dates' ranges, found on every core: at a million events one core
    /// took a tenth of a second, touching each event for the first time.
    pub fn fit_dates<'d>(dates: impl ParallelIterator<Item = &'d Date>) -> Window {
        let reach = dates
            .fold(
                || None,
                |reach, date| {
                    let date = date.value();
                    Window::outermost(reach, (date.earliest(), date.latest()))
                },
            )
            .reduce(|| None, |reach, other| other.into_iter().fold(reach, Window::outermost));
        Window::fit(reach)
    }

    /// The earliest and the latest instant of `reach` (as far as it is known) and of `range`,
    /// each given either way round: what [`Window::fit`] fits, taken a range at a time.
    pub fn outermost(reach: Option<(i64, i64)>, (a, b): (i64, i64)) -> Option<(i64, i64)> {
        let (lo, hi) = (a.min(b), a.max(b));
        Some(reach.map_or((lo, hi), |(l, h)| (l.min(lo), h.max(hi))))
    }

    /// end - start.
    pub fn span(&self) -> i64 {
        self.end.saturating_sub(self.start)
    }

    /// Zoom by `factor` (0.5 = zoom in 2x, 2.0 = out 2x) keeping `around` at the same relative position; span clamped to [60 s, 20 billion years].
    pub fn zoom(&self, around: i64, factor: f64) -> Window {
        let span = self.secs();
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        // A window already beyond a limit (fit over odd data) may only move towards it, never jump.
        // The i64 cap also keeps the product below in i128.
        let hi = i128::from(MAX_SPAN).max(span).min(i128::from(i64::MAX));
        let lo = i128::from(MIN_SPAN).min(span);
        let new = ((span as f64 * factor).round() as i128).clamp(lo, hi);
        let around = i128::from(around.max(self.start).min(self.end));
        let offset = (around - i128::from(self.start)) * new / span;
        Window::from_start(around - offset, new)
    }

    /// The window panned as little as possible so that `t` is inside it with a margin of ~5% of the span (same span).
    pub fn keep_in_view(&self, t: i64) -> Window {
        let span = self.secs();
        let margin = span / 20;
        let (t, start) = (i128::from(t), i128::from(self.start));
        let start = if t < start + margin {
            t - margin
        } else if t > start + span - margin {
            t + margin - span
        } else {
            return *self;
        };
        Window::from_start(start, span)
    }

    /// The columns (first, last) from the earliest to the latest instant of these dates (those an
    /// event's sources give for it), clamped to the window; `None` when fewer than two columns
    /// apart, nothing to show beside the selection's own mark, or wholly outside the window.
    pub fn spread(&self, width: u16, dates: &[&Date]) -> Option<(u16, u16)> {
        let earliest = dates.iter().map(|d| d.earliest()).min()?;
        // `latest` is the exclusive end of a date's period: its last instant is just before.
        let latest = dates.iter().map(|d| d.latest() - 1).max()?;
        if latest < self.start || earliest > self.end {
            return None;
        }
        let first = self.col(earliest.max(self.start), width)?;
        let last = self.col(latest.min(self.end), width)?;
        (last > first).then_some((first, last))
    }

    /// The column (0..width) of instant t, or None if outside the window.
    pub fn col(&self, t: i64, width: u16) -> Option<u16> {
        if width == 0 || t < self.start || t > self.end {
            return None;
        }
        u16::try_from(self.col_of(t, width).min(i128::from(width) - 1)).ok()
    }

    /// The first instant of column `col` (for mouse clicks).
    pub fn time_at(&self, col: u16, width: u16) -> i64 {
        let w = i128::from(width.max(1));
        // Ceiling division: the first instant whose column (a floor) is `col`.
        let offset = (i128::from(col) * self.secs() + w - 1) / w;
        clamp_i64(i128::from(self.start) + offset)
    }

    /// The first instant binned into column `col` or a later one (`col == width`: the first after
    /// the window), so that a column's events are those from its start to the next one's. In i128,
    /// since the instant after `i64::MAX` is one.
    pub fn column_start(&self, col: u16, width: u16) -> i128 {
        let slot = |t: i128| self.slot(t, width);
        let target = i128::from(col);
        let first = |t: i128| slot(t) >= target && slot(t - 1) < target;
        // Usually the guess from `time_at` is right; odd windows fall back to a binary search.
        let guess = match col {
            0 => i128::from(self.start),
            c if c >= width => i128::from(self.end) + 1,
            c => i128::from(self.time_at(c, width)),
        };
        if first(guess) {
            return guess;
        }
        let (mut lo, mut hi) = (i128::from(i64::MIN), i128::from(i64::MAX) + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if slot(mid) >= target { hi = mid } else { lo = mid + 1 }
        }
        lo
    }

    /// The column of `t` as binning sees it: -1 before the window, `width` after it, else
    /// [`Window::col`]; it never decreases as `t` grows.
    fn slot(&self, t: i128, width: u16) -> i128 {
        if t < i128::from(self.start) {
            -1
        } else if t > i128::from(self.end) {
            i128::from(width)
        } else {
            self.col_of(clamp_i64(t), width).min(i128::from(width) - 1)
        }
    }

    /// Guards the divisions against a hand-built window with end <= start.
    fn secs(&self) -> i128 {
        (i128::from(self.end) - i128::from(self.start)).max(1)
    }

    /// Unclamped column, negative or >= width outside the window; extents need to know how far they reach.
    fn col_of(&self, t: i64, width: u16) -> i128 {
        ((i128::from(t) - i128::from(self.start)) * i128::from(width)).div_euclid(self.secs())
    }

    /// Keeps the span and slides the window back inside i64 rather than overflowing.
    fn from_start(start: i128, span: i128) -> Window {
        let span = span.clamp(1, i128::from(i64::MAX));
        let start = start.clamp(i128::from(i64::MIN), i128::from(i64::MAX) - span);
        Window {
            start: clamp_i64(start),
            end: clamp_i64(start + span),
        }
    }
}

/// How much time the axis shows when the explorer opens (the config's `zoom`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Zoom {
    /// The whole timeline.
    #[default]
    Fit,
    /// Ten years.
    Decade,
    /// A year.
    Year,
    /// A month.
    Month,
    /// A week.
    Week,
    /// A day.
    Day,
}

impl Zoom {
    /// The window at this zoom, scaled from `fit` about `around` as the `+` and `-` keys zoom.
    pub fn window(self, fit: Window, around: i64) -> Window {
        let span = match self {
            Zoom::Fit => return fit,
            Zoom::Decade => 10 * YEAR,
            Zoom::Year => YEAR,
            Zoom::Month => YEAR / 12,
            Zoom::Week => 7 * DAY,
            Zoom::Day => DAY,
        };
        fit.zoom(around, span as f64 / fit.span() as f64)
    }
}

/// `v` clamped into i64's range.
fn clamp_i64(v: i128) -> i64 {
    v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

#[cfg(test)]
pub(crate) mod tests {
    use super::ticks::{Unit, choose, year_label};
    use super::*;
    use crate::model::date::HOUR;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    /// The first instant of a calendar day.
    pub(crate) fn at(year: i64, month: u8, day: u8) -> i64 {
        days_from_civil(year, month, day) * DAY
    }

    /// A window of `span` seconds from `start`.
    pub(crate) fn window(start: i64, span: i64) -> Window {
        Window {
            start,
            end: start + span,
        }
    }

    #[test]
    fn the_spread_of_dates_given_runs_from_the_earliest_to_the_latest_within_the_window() {
        let d = |s: &str| Date::parse(s).unwrap();
        // July 2015 in 31 columns: a column a day.
        let july = window(at(2015, 7, 1), 31 * DAY);
        let (month, day) = (d("2015-07?"), d("2015-07-24"));
        // "July" is the whole month; "24 July" lies inside it.
        assert_eq!(july.spread(31, &[&month, &day]), Some((0, 30)));
        let (a, b) = (d("2015-07-10"), d("2015-07-24"));
        assert_eq!(july.spread(31, &[&b, &a]), Some((9, 23)));
        // Clamped where it runs past the window; nothing when wholly outside or in one column.
        assert_eq!(july.spread(31, &[&d("2015-06-20"), &a]), Some((0, 9)));
        assert_eq!(july.spread(31, &[&d("2014"), &d("2014-03")]), None);
        let years = window(at(2002, 1, 1), 14 * 365 * DAY);
        assert_eq!(years.spread(14, &[&month, &day]), None);
        assert_eq!(july.spread(31, &[]), None);
    }

    fn labels(w: &Window, width: u16) -> Vec<String> {
        ticks(w, width).into_iter().map(|t| t.label).collect()
    }

    fn unit(w: &Window, width: u16) -> Option<Unit> {
        choose(w, width).map(|(u, _)| u)
    }

    /// The layout guarantee of `ticks`, asserted with context.
    fn assert_laid_out(w: &Window, width: u16) {
        let ts = ticks(w, width);
        let ctx = || format!("{w:?} width {width}: {ts:?}");
        if width < 2 {
            assert!(ts.is_empty(), "{}", ctx());
        }
        for t in &ts {
            assert!(t.col < width, "{}", ctx());
            assert!(!t.label.is_empty(), "{}", ctx());
        }
        for p in ts.windows(2) {
            assert!(p[0].col < p[1].col, "{}", ctx());
            assert!(
                usize::from(p[0].col) + p[0].label.width() < usize::from(p[1].col),
                "{}",
                ctx()
            );
        }
        if let Some(t) = ts.last() {
            assert!(usize::from(t.col) + t.label.width() <= usize::from(width), "{}", ctx());
        }
    }

    #[test]
    fn a_day_is_labelled_in_hours() {
        let w = window(at(2015, 7, 24), DAY);
        assert_eq!(unit(&w, 100), Some(Unit::Clock(3 * HOUR)));
        assert_eq!(
            labels(&w, 100),
            ["24 Jul 00:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]
        );
        // Wide enough for every hour: the first long label shadows its neighbour only.
        let wide = labels(&w, 300);
        assert_eq!(unit(&w, 300), Some(Unit::Clock(HOUR)));
        assert_eq!(wide[0], "24 Jul 00:00");
        assert!(wide[1..].iter().all(|l| l.len() == 5 && l.ends_with(":00")), "{wide:?}");
        // Crossing midnight names the new day instead of "00:00".
        let night = window(at(2015, 7, 24) + 18 * HOUR, 12 * HOUR);
        assert!(
            labels(&night, 100).contains(&"25 Jul".to_string()),
            "{:?}",
            labels(&night, 100)
        );
    }

    #[test]
    fn an_hour_is_labelled_in_minutes() {
        let w = window(at(2015, 7, 24) + 14 * HOUR, HOUR);
        assert!(matches!(unit(&w, 120), Some(Unit::Clock(s)) if s < HOUR));
        assert_eq!(labels(&w, 120)[0], "24 Jul 14:00");
    }

    #[test]
    fn a_month_is_labelled_in_days() {
        let w = window(at(2015, 7, 1), 31 * DAY);
        assert_eq!(unit(&w, 200), Some(Unit::Days(1, 0)));
        let got = labels(&w, 200);
        assert_eq!(got[0], "1 Jul 2015");
        assert_eq!(got.last().map(String::as_str), Some("31"));
        assert!(got[1..].iter().all(|l| l.parse::<u8>().is_ok()), "{got:?}");
        // Narrower: every other day or weeks, still days of the month.
        assert!(matches!(unit(&w, 60), Some(Unit::Days(..))));
        // Crossing into August names the month.
        let across = window(at(2015, 7, 20), 20 * DAY);
        assert!(
            labels(&across, 120).contains(&"1 Aug".to_string()),
            "{:?}",
            labels(&across, 120)
        );
    }

    #[test]
    fn a_year_is_labelled_in_months() {
        let w = window(at(2015, 1, 1), at(2016, 1, 1) - at(2015, 1, 1));
        assert_eq!(unit(&w, 100), Some(Unit::Months(1)));
        assert_eq!(
            labels(&w, 100),
            // "Jan 2015" is wider than a month here, so it shadows "Feb".
            [
                "Jan 2015", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ]
        );
        assert_eq!(unit(&w, 30), Some(Unit::Months(3)));
        // Crossing a new year names it.
        let across = window(at(2015, 9, 1), 200 * DAY);
        assert!(labels(&across, 100).contains(&"Jan 2016".to_string()));
    }

    #[test]
    fn a_century_is_labelled_in_decades() {
        let w = window(at(1900, 1, 1), at(2000, 1, 1) - at(1900, 1, 1));
        assert_eq!(unit(&w, 100), Some(Unit::Years(10)));
        assert_eq!(
            labels(&w, 100),
            [
                "1900", "1910", "1920", "1930", "1940", "1950", "1960", "1970", "1980", "1990"
            ]
        );
        let years = |width| -> Vec<i64> {
            labels(&w, width)
                .iter()
                .map(|l| l.parse().unwrap_or_else(|_| panic!("{l}")))
                .collect()
        };
        for width in [40, 60, 80, 120] {
            assert!(
                years(width).iter().all(|y| y % 10 == 0),
                "{:?} at {width}",
                years(width)
            );
        }
        // Room for more: half-decades; never months.
        assert!(years(150).iter().all(|y| y % 5 == 0) && years(150).len() > 10);
        assert_eq!(unit(&w, 300), Some(Unit::Years(5)));
    }

    #[test]
    fn bce_and_ce_years_are_round_as_written() {
        let w = window(at(-1499, 1, 1), at(1501, 1, 1) - at(-1499, 1, 1));
        assert_eq!(unit(&w, 120), Some(Unit::Years(500)));
        assert_eq!(
            labels(&w, 120),
            // "1500" would start in the last column, so it is dropped.
            ["1500 BCE", "1000 BCE", "500 BCE", "500 CE", "1000"]
        );
        // No "501 BCE" from astronomical multiples at any width.
        for width in [30, 80, 200, 300] {
            for l in labels(&w, width) {
                let n: i64 = l.trim_end_matches(" BCE").trim_end_matches(" CE").parse().unwrap_or(0);
                assert_eq!(n % 100, 0, "{l}");
            }
        }
    }

    #[test]
    fn cosmic_time_is_labelled_in_billions() {
        let w = window(at(-13_800_000_000, 1, 1), at(2025, 1, 1) - at(-13_800_000_000, 1, 1));
        assert!(matches!(unit(&w, 120), Some(Unit::Years(n)) if n >= 1_000_000_000));
        let got = labels(&w, 120);
        assert!(got.len() >= 3, "{got:?}");
        assert!(got.iter().all(|l| l.ends_with(" bn BCE")), "{got:?}");
        assert_eq!(got[0], "12 bn BCE");
        // Finer steps add the decimals they need.
        let wide = labels(&w, 300);
        assert!(wide.iter().all(|l| l.ends_with(" bn BCE")), "{wide:?}");
    }

    #[test]
    fn large_years_are_compact_and_distinct() {
        assert_eq!(year_label(1 - 13_800_000_000, 100_000_000), "13.8 bn BCE");
        assert_eq!(year_label(1 - 13_800_000_000, 1_000_000_000), "13 bn BCE");
        assert_eq!(year_label(1 - 13_810_000_000, 10_000_000), "13.81 bn BCE");
        assert_eq!(year_label(1 - 2_500_000, 500_000), "2.5 m BCE");
        assert_eq!(year_label(1 - 2_500_000, 1_000), "2.500 m BCE");
        assert_eq!(year_label(1 - 500_000, 500_000), "0.5 m BCE");
        assert_eq!(year_label(1 - 500_000, 50_000), "500,000 BCE");
        assert_eq!(year_label(1 - 650_000_000, 50_000_000), "650 m BCE");
        assert_eq!(year_label(1 - 2_500_100, 100), "2,500,100 BCE");
        assert_eq!(year_label(1 - 10_000, 1_000), "10,000 BCE");
        assert_eq!(year_label(12_000, 1_000), "12,000");
        assert_eq!(year_label(3_000_000, 1_000_000), "3 m CE");
        assert_eq!(year_label(1 - 500, 100), "500 BCE");
        assert_eq!(year_label(476, 1), "476 CE");
        assert_eq!(year_label(2015, 1), "2015");
        assert_eq!(year_label(0, 1), "1 BCE");
    }

    #[test]
    fn tiny_widths_give_no_ticks() {
        let w = window(at(2015, 1, 1), YEAR);
        assert!(ticks(&w, 0).is_empty());
        assert!(ticks(&w, 1).is_empty());
        // A label wider than the axis is dropped rather than cut.
        assert!(ticks(&window(at(2015, 7, 24), DAY), 4).is_empty());
    }

    /// Spans named in the brief, each from a few awkward starts.
    fn sample_windows() -> Vec<Window> {
        let starts = [
            at(2015, 7, 24) + 14 * HOUR + 37 * MINUTE + 11,
            at(1969, 12, 31) + 23 * HOUR,
            at(-1, 11, 15),
            at(-13_800_000_000, 1, 1),
        ];
        let spans = [
            MINUTE,
            7 * MINUTE,
            HOUR,
            DAY,
            3 * DAY + 5 * HOUR,
            7 * DAY,
            31 * DAY,
            92 * DAY,
            YEAR,
            3 * YEAR,
            10 * YEAR,
            100 * YEAR,
            1000 * YEAR,
            3000 * YEAR,
            1_000_000 * YEAR,
            13_800_000_000 * YEAR,
            MAX_SPAN,
        ];
        let mut out: Vec<Window> = starts
            .iter()
            .flat_map(|&s| spans.iter().map(move |&span| window(s, span)))
            .collect();
        out.push(window(at(-1499, 1, 1), 3000 * YEAR));
        out.push(window(
            at(-13_800_000_000, 1, 1),
            at(2025, 1, 1) - at(-13_800_000_000, 1, 1),
        ));
        out.push(Window {
            start: i64::MIN,
            end: i64::MAX,
        });
        out
    }

    #[test]
    fn labels_never_overlap_at_any_width() {
        for w in sample_windows() {
            for width in 0..=300 {
                assert_laid_out(&w, width);
            }
        }
    }

    #[test]
    fn most_widths_get_some_ticks() {
        for w in sample_windows() {
            assert!(!ticks(&w, 120).is_empty() || w.span() < HOUR, "{w:?}");
        }
    }

    proptest! {
        #[test]
        fn labels_never_overlap_anywhere(
            start in -450_000_000_000_000_000_i64..450_000_000_000_000_000,
            exponent in 1.78_f64..17.8,
            width in 0_u16..=400,
        ) {
            let w = window(start, 10_f64.powf(exponent) as i64);
            assert_laid_out(&w, width);
        }

        #[test]
        fn columns_and_times_round_trip(
            start in -400_000_000_000_000_000_i64..400_000_000_000_000_000,
            exponent in 2.5_f64..17.8,
            width in 1_u16..=300,
            c in 0_u16..300,
        ) {
            let w = window(start, 10_f64.powf(exponent) as i64);
            let c = c % width;
            let t = w.time_at(c, width);
            prop_assert_eq!(w.col(t, width), Some(c));
            if c > 0 {
                prop_assert_eq!(w.col(t - 1, width), Some(c - 1));
            }
        }
    }

    #[test]
    fn window_edges_map_to_first_and_last_columns() {
        let w = window(at(2015, 1, 1), YEAR);
        assert_eq!(w.col(w.start, 80), Some(0));
        assert_eq!(w.col(w.end, 80), Some(79));
        assert_eq!(w.col(w.end - 1, 80), Some(79));
        assert_eq!(w.col(w.start - 1, 80), None);
        assert_eq!(w.col(w.end + 1, 80), None);
        assert_eq!(w.col(w.start, 0), None);
        assert_eq!(w.time_at(0, 80), w.start);
        assert_eq!(w.time_at(80, 80), w.end);
        assert_eq!(w.time_at(3, 0), w.start + 3 * w.span());
    }

    #[test]
    fn fit_pads_and_has_a_floor() {
        let empty = Window::fit([]);
        assert_eq!(empty, window(at(2000, 1, 1), at(2001, 1, 1) - at(2000, 1, 1)));

        let (a, b) = (at(2010, 1, 1), at(2020, 1, 1));
        let w = Window::fit([(a, a + DAY), (b - DAY, b)]);
        let pad = (b - a) * 3 / 100;
        assert_eq!(w, window(a - pad, b - a + 2 * pad));

        let instant = at(2015, 7, 24) + 12 * HOUR;
        let w = Window::fit([(instant, instant)]);
        assert_eq!(w.span(), DAY);
        assert!(w.start < instant && instant < w.end);

        // Reversed ranges and cosmic spans do not break it.
        let w = Window::fit([(b, a), (at(-13_800_000_000, 1, 1), a)]);
        assert!(w.start < at(-13_800_000_000, 1, 1) && w.end > b);
        let w = Window::fit([(i64::MIN, i64::MAX)]);
        assert!(w.end > w.start);
    }

    #[test]
    fn zoom_keeps_the_pointer_still_and_respects_limits() {
        let w = window(at(2000, 1, 1), 100 * YEAR);
        let around = w.start + w.span() / 4;
        let z = w.zoom(around, 0.5);
        assert_eq!(z.span(), w.span() / 2);
        assert_eq!(z.start, around - w.span() / 8);
        // Zooming back out restores the window (to rounding).
        let back = z.zoom(around, 2.0);
        assert!(
            (back.start - w.start).abs() <= 1 && (back.end - w.end).abs() <= 1,
            "{back:?}"
        );
        assert_eq!(w.col(around, 100), Some(25));
        assert_eq!(z.col(around, 100), Some(25));

        let tiny = w.zoom(around, 1e-30);
        assert_eq!(tiny.span(), MIN_SPAN);
        assert!(tiny.start <= around && around <= tiny.end);
        assert_eq!(w.zoom(around, 1e30).span(), MAX_SPAN);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(w.zoom(around, bad), w);
        }
        // A pointer outside the window zooms about the nearest edge.
        assert_eq!(w.zoom(w.end + YEAR, 0.5).end, w.end);
        // Cannot overflow at the edges of time.
        let edge = Window {
            start: i64::MAX - DAY,
            end: i64::MAX,
        }
        .zoom(i64::MAX, 1e6);
        assert!(edge.end > edge.start && edge.span() == 1_000_000 * DAY);
    }

    #[test]
    fn zoom_levels_show_their_span_about_the_selection() {
        let fit = Window::fit([(at(2003, 1, 1), at(2016, 1, 1))]);
        let around = at(2015, 7, 24);
        assert_eq!(Zoom::Fit.window(fit, around), fit);
        for (zoom, span) in [(Zoom::Year, YEAR), (Zoom::Week, 7 * DAY), (Zoom::Day, DAY)] {
            let w = zoom.window(fit, around);
            assert!((w.span() - span).abs() <= 1, "{zoom:?}: {}", w.span());
            assert!(w.start <= around && around <= w.end, "{zoom:?}");
        }
    }

    #[test]
    fn keep_in_view_pans_minimally() {
        let w = window(0, 1000);
        assert_eq!(w.keep_in_view(500), w);
        assert_eq!(w.keep_in_view(50), w);
        assert_eq!(w.keep_in_view(30), window(-20, 1000));
        assert_eq!(w.keep_in_view(5000), window(5050 - 1000, 1000));
        assert_eq!(w.keep_in_view(-5000), window(-5050, 1000));
        for t in [-1_000_000, -1, 0, 999, 1000, 12_345] {
            let v = w.keep_in_view(t);
            assert_eq!(v.span(), w.span());
            assert!(v.start + 50 <= t && t <= v.end - 50, "{t}: {v:?}");
        }
        let v = w.keep_in_view(i64::MAX);
        assert_eq!((v.span(), v.end), (1000, i64::MAX));
    }

    proptest! {
        #[test]
        fn column_starts_bound_each_column(
            start in -400_000_000_000_000_000_i64..400_000_000_000_000_000,
            exponent in 0.0_f64..17.8,
            width in 1_u16..=300,
            c in 0_u16..=300,
        ) {
            let w = window(start, (10_f64.powf(exponent) as i64).max(1));
            let c = c % (width + 1);
            let b = w.column_start(c, width);
            prop_assert!(w.slot(b, width) >= i128::from(c));
            prop_assert!(w.slot(b - 1, width) < i128::from(c));
            if let Ok(t) = i64::try_from(b) && c < width && w.slot(b, width) == i128::from(c) {
                prop_assert_eq!(w.col(t, width), Some(c));
            }
        }
    }

    #[test]
    fn hand_built_backwards_windows_do_not_panic() {
        let w = Window { start: 10, end: 0 };
        for width in [0, 1, 2, 80] {
            assert!(ticks(&w, width).iter().all(|t| t.col < width));
            assert_eq!(w.col(5, width), None);
            let _ = w.time_at(3, width);
            for c in 0..=width {
                let _ = w.column_start(c, width);
            }
        }
        assert!(w.zoom(5, 2.0).end > w.zoom(5, 2.0).start);
        assert!(w.keep_in_view(100).end > w.keep_in_view(100).start);
        let all = Window {
            start: i64::MIN,
            end: i64::MAX,
        };
        for factor in [0.5, 1.0, 2.0] {
            let z = all.zoom(0, factor);
            assert!(z.end > z.start && z.start <= 0 && 0 <= z.end, "{z:?}");
        }
    }
}
