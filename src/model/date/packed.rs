//! How a [`Date`](super::Date) is held: a timeline keeps several dates per event, so an ordinary
//! date is 24 bytes with no allocation of its own, the text as written inline and each point
//! packed into one word. What does not fit (long text, a point no parser writes) is boxed as is.

use super::{Bound, DateValue, Point, Qualifier, Time};

/// Text bytes a point date keeps inline: "2015-07-24~" is 11, and a million-event file's dates
/// are nearly all days, months and years. A clock time ("2015-07-24T10:00:00Z", 20) is boxed:
/// 16 more bytes for every date of a file, in each event and each source, would cost more.
const POINT_TEXT: usize = 15;
/// Text bytes an interval keeps inline (its two words leave less room): "2015/.." is, and
/// "2015-07/2015-08" is boxed.
const INTERVAL_TEXT: usize = 7;

/// The one word kept for an open end (`..`); [`pack`] never gives it for a point.
const OPEN: u64 = u64::MAX;

const _: () = assert!(size_of::<super::Date>() <= 24 && size_of::<Option<super::Date>>() <= 24);

/// One representation per text and value, so the derived comparisons are those of the text and
/// the value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) enum Repr {
    Point {
        point: u64,
        text: [u8; POINT_TEXT],
    },
    /// Each end a packed point or [`OPEN`].
    Interval {
        ends: [u64; 2],
        text: [u8; INTERVAL_TEXT],
    },
    Boxed(Box<(Box<str>, DateValue)>),
}

impl Repr {
    pub(super) fn new(text: &str, value: DateValue) -> Repr {
        let inline = match value {
            DateValue::Point(p) => pack(p)
                .zip(inline(text))
                .map(|(point, text)| Repr::Point { point, text }),
            DateValue::Interval(a, b) => pack_bound(a)
                .zip(pack_bound(b))
                .zip(inline(text))
                .map(|((a, b), text)| Repr::Interval { ends: [a, b], text }),
        };
        inline.unwrap_or_else(|| Repr::Boxed(Box::new((text.into(), value))))
    }

    pub(super) fn text(&self) -> &str {
        match self {
            Repr::Point { text, .. } => inline_str(text),
            Repr::Interval { text, .. } => inline_str(text),
            Repr::Boxed(boxed) => &boxed.0,
        }
    }

    pub(super) fn value(&self) -> DateValue {
        match self {
            Repr::Point { point, .. } => DateValue::Point(unpack(*point)),
            Repr::Interval { ends: [a, b], .. } => DateValue::Interval(unpack_bound(*a), unpack_bound(*b)),
            Repr::Boxed(boxed) => boxed.1,
        }
    }
}

/// The text zero-padded, when it is short enough and holds no NUL (which would end it early).
fn inline<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut bytes = [0; N];
    bytes.get_mut(..text.len())?.copy_from_slice(text.as_bytes());
    (!text.as_bytes().contains(&0)).then_some(bytes)
}

fn inline_str(bytes: &[u8]) -> &str {
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // Whole UTF-8 text was copied in and only zeros after it, so this cannot fail.
    std::str::from_utf8(&bytes[..len]).expect("inline date text is the UTF-8 it was copied from")
}

fn pack_bound(bound: Bound) -> Option<u64> {
    match bound {
        Bound::Point(p) => pack(p),
        Bound::Open => Some(OPEN),
    }
}

fn unpack_bound(word: u64) -> Bound {
    if word == OPEN {
        Bound::Open
    } else {
        Bound::Point(unpack(word))
    }
}

/// The point's fields from the low bits up, the year last in all the bits left, so that an
/// arithmetic shift gives it back with its sign: 50 bits for a year alone (a Y-year reaches
/// 100 billion, 37 bits), 20 for a year with a clock time (a time needs a four-digit year).
/// `None` for a point that does not fit, e.g. a month 0, which only a caller of
/// `Date::from_point` could make.
pub(super) fn pack(p: Point) -> Option<u64> {
    let mut w = Writer::default();
    w.put(p.qualifier as u64, 2)?;
    w.put(u64::from(p.unspecified), 2)?;
    w.put(present(p.month)?, 4)?;
    w.put(present(p.day)?, 5)?;
    w.put(u64::from(p.time.is_some()), 1)?;
    if let Some(t) = p.time {
        w.put(u64::from(t.seconds), 17)?;
        w.put(u64::from(t.offset_minutes.is_some()), 1)?;
        // Offsets run to ±23:59, 1439 minutes.
        w.put(u64::try_from(i64::from(t.offset_minutes.unwrap_or(0)) + 2048).ok()?, 12)?;
    }
    w.year(p.year).filter(|&word| word != OPEN)
}

pub(super) fn unpack(word: u64) -> Point {
    let mut r = Reader(word as i64);
    let qualifier = match r.take(2) {
        0 => Qualifier::Exact,
        1 => Qualifier::Approximate,
        2 => Qualifier::Uncertain,
        _ => Qualifier::Both,
    };
    let unspecified = r.take(2) as u8;
    let month = Some(r.take(4) as u8).filter(|&m| m != 0);
    let day = Some(r.take(5) as u8).filter(|&d| d != 0);
    let time = (r.take(1) == 1).then(|| {
        let seconds = r.take(17) as u32;
        let has_offset = r.take(1) == 1;
        let offset = r.take(12) as i32 - 2048;
        Time {
            seconds,
            offset_minutes: has_offset.then_some(offset),
        }
    });
    Point {
        year: r.0,
        unspecified,
        month,
        day,
        time,
        qualifier,
    }
}

/// A month or day as its number, 0 when not written; `None` for a written 0, which 0 would lose.
fn present(field: Option<u8>) -> Option<u64> {
    match field {
        None => Some(0),
        Some(0) => None,
        Some(n) => Some(u64::from(n)),
    }
}

#[derive(Default)]
struct Writer {
    word: u64,
    used: u32,
}

impl Writer {
    fn put(&mut self, value: u64, width: u32) -> Option<()> {
        (value < 1 << width).then(|| {
            self.word |= value << self.used;
            self.used += width;
        })
    }

    fn year(self, year: i64) -> Option<u64> {
        let shifted = year << self.used;
        (shifted >> self.used == year).then_some(self.word | shifted as u64)
    }
}

/// Reads fields from the low bits; what is left after them is the year.
struct Reader(i64);

impl Reader {
    fn take(&mut self, width: u32) -> u64 {
        let field = self.0 as u64 & ((1 << width) - 1);
        self.0 >>= width;
        field
    }
}
