//! Where the axis's labelled ticks go: the calendar step that fits the window and the width
//! (a minute to billions of years), and the labels, placed so that no two collide.

use unicode_width::UnicodeWidthStr;

use super::{Window, clamp_i64};
use crate::model::date::{DAY, HOUR, MINUTE, MONTHS, YEAR, civil_from_days, days_from_civil, human_year};

/// Spaces between neighbouring labels: one is the guarantee, two read better.
const GAP: usize = 2;

/// A labelled tick on the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Where the label starts.
    pub col: u16,
    /// What it says, e.g. "14:00", "Jan 2015", "500 BCE".
    pub label: String,
    /// The instant it marks, for drawings finer than a column (the SVG export).
    pub at: i64,
}

/// A calendar step between ticks, from a minute to billions of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// Every so many seconds from the epoch; the steps divide a day, so ticks fall on round clock times.
    Clock(i64),
    /// Every `n` days from the epoch shifted by `offset` days (weeks start on a Monday).
    Days(i64, i64),
    /// Every `n` months from January.
    Months(i64),
    /// Every `n` years as written (500 BCE, 400 BCE, ..., 100 CE), not as astronomical years.
    Years(i64),
}

impl Unit {
    /// Typical step length, only to skip units far too dense to try.
    fn nominal(self) -> i128 {
        match self {
            Unit::Clock(secs) => i128::from(secs),
            Unit::Days(n, _) => i128::from(n * DAY),
            Unit::Months(n) => i128::from(n * YEAR / 12),
            Unit::Years(n) => i128::from(n) * i128::from(YEAR),
        }
    }
}

/// Units from finest to coarsest; the year steps reach past any span an i64 window can hold.
fn units() -> impl Iterator<Item = Unit> {
    let fine = [
        Unit::Clock(MINUTE),
        Unit::Clock(2 * MINUTE),
        Unit::Clock(5 * MINUTE),
        Unit::Clock(10 * MINUTE),
        Unit::Clock(15 * MINUTE),
        Unit::Clock(30 * MINUTE),
        Unit::Clock(HOUR),
        Unit::Clock(3 * HOUR),
        Unit::Clock(6 * HOUR),
        Unit::Clock(12 * HOUR),
        Unit::Days(1, 0),
        Unit::Days(2, 0),
        // 1970-01-05, day 4 of the epoch, was a Monday.
        Unit::Days(7, 4),
        Unit::Months(1),
        Unit::Months(3),
        Unit::Months(6),
    ];
    let years = (0..13).flat_map(|k| [1, 2, 5].map(|d| Unit::Years(d * 10_i64.pow(k))));
    fine.into_iter().chain(years)
}

/// Ticks for the window at this width. Chooses the finest calendar unit whose labels fit without overlapping.
pub fn ticks(window: &Window, width: u16) -> Vec<Tick> {
    if width < 2 {
        return Vec::new();
    }
    choose(window, width).map_or_else(Vec::new, |(unit, times)| layout(unit, &times, window, width))
}

/// The finest unit whose labels, past the first (whose long context label `layout` lets shadow its
/// neighbours), sit apart; with its tick instants. Checking real labels, not a nominal width,
/// accounts for short months, leap years and the wider "1 Aug" or "Jan 2016" at a boundary.
pub(super) fn choose(window: &Window, width: u16) -> Option<(Unit, Vec<i64>)> {
    units().find_map(|unit| {
        let times = candidates(unit, window, width)?;
        let placed: Vec<(usize, usize)> = times
            .iter()
            .enumerate()
            .filter_map(|(i, &t)| {
                let col = window.col(t, width)?;
                let prev = i.checked_sub(1).map(|p| times[p]);
                Some((usize::from(col), label(unit, t, prev).width()))
            })
            .collect();
        let apart = placed.windows(2).skip(1).all(|p| p[0].0 + p[0].1 + GAP <= p[1].0);
        apart.then_some((unit, times))
    })
}

/// Places labels left to right, skipping any tick that would collide with the last one kept or run
/// off the right edge; labels name what changed since the last kept tick, so skipping loses no context.
fn layout(unit: Unit, times: &[i64], window: &Window, width: u16) -> Vec<Tick> {
    let mut out: Vec<Tick> = Vec::new();
    let mut prev = None;
    for &t in times {
        let Some(col) = window.col(t, width) else { continue };
        let label = label(unit, t, prev);
        let fits_right = usize::from(col) + label.width() <= usize::from(width);
        let clear = out
            .last()
            .is_none_or(|last| usize::from(last.col) + last.label.width() + GAP <= usize::from(col));
        if fits_right && clear {
            out.push(Tick { col, label, at: t });
            prev = Some(t);
        }
    }
    out
}

/// Tick instants of `unit` inside the window, or None when the unit is too dense to ever fit.
fn candidates(unit: Unit, window: &Window, width: u16) -> Option<Vec<i64>> {
    let (start, end) = (i128::from(window.start), i128::from(window.end));
    if (end - start) / unit.nominal() > i128::from(width) {
        return None;
    }
    let mut out = Vec::new();
    let mut push = |t: i128| {
        if (start..=end).contains(&t) {
            out.push(clamp_i64(t));
        }
    };
    match unit {
        Unit::Clock(secs) => grid(start, end, i128::from(secs), 0, &mut push),
        Unit::Days(n, offset) => grid(start, end, i128::from(n * DAY), i128::from(offset * DAY), &mut push),
        Unit::Months(n) => {
            let (y, m, _) = civil_from_days(window.start.div_euclid(DAY));
            let n = i128::from(n);
            let mut index = i128::from(y) * 12 + i128::from(m) - 1;
            index -= index.rem_euclid(n);
            loop {
                let t = day_start(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8, 1);
                if t > end {
                    break;
                }
                push(t);
                index += n;
            }
        }
        Unit::Years(n) => {
            let (first, last) = (year_of(window.start), year_of(window.end));
            let n = i128::from(n);
            if first <= 0 {
                // BCE years count backwards from 1 BCE = year 0: step on the written number.
                let lowest = 1 - last.min(0);
                let mut written = (1 - first) - (1 - first).rem_euclid(n);
                while written >= lowest {
                    push(day_start(1 - written, 1, 1));
                    written -= n;
                }
            }
            if last >= 1 {
                let from = first.max(1);
                let mut y = from + (n - from.rem_euclid(n)) % n;
                while y <= last {
                    push(day_start(y, 1, 1));
                    y += n;
                }
            }
        }
    }
    Some(out)
}

/// Instants offset + k * period within [start, end].
fn grid(start: i128, end: i128, period: i128, offset: i128, push: &mut impl FnMut(i128)) {
    let mut t = offset - (offset - start).div_euclid(period) * period;
    while t <= end {
        push(t);
        t += period;
    }
}

fn day_start(year: i128, month: u8, day: u8) -> i128 {
    i128::from(days_from_civil(clamp_i64(year), month, day)) * i128::from(DAY)
}

fn year_of(t: i64) -> i128 {
    i128::from(civil_from_days(t.div_euclid(DAY)).0)
}

/// The label of the tick at `t`, naming what changed since the previous kept tick (everything for the first).
fn label(unit: Unit, t: i64, prev: Option<i64>) -> String {
    let day = t.div_euclid(DAY);
    let (y, m, d) = civil_from_days(day);
    let month = MONTHS[usize::from(m) - 1];
    let before = prev.map(|p| civil_from_days(p.div_euclid(DAY)));
    match unit {
        Unit::Clock(_) => {
            let secs = t.rem_euclid(DAY);
            let clock = format!("{:02}:{:02}", secs / HOUR, secs % HOUR / MINUTE);
            match prev {
                Some(p) if p.div_euclid(DAY) == day => clock,
                // Midnight of a new day: the date says it all.
                Some(_) if secs == 0 => format!("{d} {month}"),
                _ => format!("{d} {month} {clock}"),
            }
        }
        Unit::Days(..) => match before {
            Some((py, pm, _)) if py == y && pm == m => d.to_string(),
            Some((py, ..)) if py == y => format!("{d} {month}"),
            _ => format!("{d} {month} {}", human_year(y)),
        },
        Unit::Months(_) => match before {
            Some((py, ..)) if py == y => month.to_string(),
            _ => format!("{month} {}", human_year(y)),
        },
        Unit::Years(step) => year_label(y, step),
    }
}

/// A year as the axis writes it: human_year up to 9999, then "10,000 BCE", "2.5 m BCE",
/// "13.8 bn BCE" with as many decimals as the step needs (at most three), so neighbours differ.
/// A step of a tenth of a scale keeps the scale below it ("0.5 m BCE" next to "1.0 m BCE").
pub(super) fn year_label(year: i64, step: i64) -> String {
    let (written, bce) = if year <= 0 {
        (1 - i128::from(year), true)
    } else {
        (i128::from(year), false)
    };
    let step_digits = step.max(1).ilog10();
    for (scale, digits, name) in [(1_000_000_000_i128, 9, "bn"), (1_000_000, 6, "m")] {
        if step_digits + 3 >= digits && (written >= scale || step_digits + 1 >= digits) {
            let decimals = digits.saturating_sub(step_digits);
            let whole = grouped(written / scale);
            let number = if decimals == 0 {
                whole
            } else {
                let frac = written % scale / 10_i128.pow(digits - decimals);
                format!("{whole}.{frac:0w$}", w = decimals as usize)
            };
            return format!("{number} {name} {}", if bce { "BCE" } else { "CE" });
        }
    }
    if written >= 10_000 {
        format!("{}{}", grouped(written), if bce { " BCE" } else { "" })
    } else {
        human_year(year)
    }
}

/// Thousands separated by commas: long digit runs are hard to count on an axis.
fn grouped(n: i128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
