//! How a [`Date`](super::Date) is held: in one word, since a timeline keeps a date in every
//! event and nearly every source (a million events hold some three million). A point written
//! as [`Point::edtf`] writes it ("2015-07-24", "2015-07", "2015~": nearly every date of a large
//! file) is packed into the word, and its text is written again when asked for. Any other date
//! (an interval, a point written another way, a point no word holds) is a pointer to its text
//! and value, boxed. Three words for every date, its text kept inline, took a million
//! events' load 57 MiB more at its peak.

use std::hash::{Hash, Hasher};
use std::ptr::NonNull;

use super::text::Written;
use super::{DateValue, Point, Qualifier, Time};

const _: () = assert!(size_of::<super::Date>() == 8 && size_of::<Option<super::Date>>() == 8);

/// A boxed date's text and value.
type Boxed = (Box<str>, DateValue);

/// A packed point with [`PACKED`] set, or a pointer to a [`Boxed`] (whose alignment leaves that
/// bit clear). One representation per text and value: a date is packed whenever it can be, so
/// two dates are equal when their representations are.
pub(super) struct Repr(NonNull<Boxed>);

/// The low bit of a packed point's word; [`pack`] sets it first.
const PACKED: usize = 1;

// SAFETY: a `Repr` is a packed word or an owned `Box<Boxed>`, which is Send and Sync.
unsafe impl Send for Repr {}
// SAFETY: as above.
unsafe impl Sync for Repr {}

/// What a [`Repr`] holds.
pub(super) enum Held<'r> {
    /// A point whose text is its `edtf`.
    Packed(u64),
    Boxed(&'r Boxed),
}

impl Repr {
    pub(super) fn new(text: &str, value: DateValue) -> Repr {
        if let DateValue::Point(p) = value
            && Written::edtf(&p).as_str() == text
            && let Some(repr) = Repr::packed(p)
        {
            return repr;
        }
        Repr(NonNull::from(Box::leak(Box::new((text.into(), value)))))
    }

    /// The point packed, its text to be its `edtf`, when a word holds it.
    pub(super) fn packed(p: Point) -> Option<Repr> {
        let word = std::num::NonZero::new(pack(p)? as usize).expect("a packed point has its low bit set");
        Some(Repr(NonNull::without_provenance(word)))
    }

    pub(super) fn held(&self) -> Held<'_> {
        let word = self.0.addr().get();
        match word & PACKED {
            PACKED => Held::Packed(word as u64),
            // SAFETY: an unpacked representation is a box of ours, alive while `self` is.
            _ => Held::Boxed(unsafe { self.0.as_ref() }),
        }
    }

    pub(super) fn value(&self) -> DateValue {
        match self.held() {
            Held::Packed(word) => DateValue::Point(unpack(word)),
            Held::Boxed(boxed) => boxed.1,
        }
    }
}

impl Drop for Repr {
    fn drop(&mut self) {
        if let Held::Boxed(_) = self.held() {
            // SAFETY: an unpacked representation is a box of ours, dropped once, here.
            drop(unsafe { Box::from_raw(self.0.as_ptr()) });
        }
    }
}

impl Clone for Repr {
    fn clone(&self) -> Repr {
        match self.held() {
            Held::Packed(_) => Repr(self.0),
            Held::Boxed(boxed) => Repr(NonNull::from(Box::leak(Box::new(boxed.clone())))),
        }
    }
}

impl PartialEq for Repr {
    fn eq(&self, other: &Repr) -> bool {
        match (self.held(), other.held()) {
            (Held::Packed(a), Held::Packed(b)) => a == b,
            (Held::Boxed(a), Held::Boxed(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Repr {}

impl Hash for Repr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.held() {
            Held::Packed(word) => word.hash(state),
            Held::Boxed(boxed) => boxed.hash(state),
        }
    }
}

/// The point's fields from the low bits up, after [`PACKED`], the year last in all the bits
/// left, so that an arithmetic shift gives it back with its sign: 49 bits for a year alone (a
/// Y-year reaches 100 billion, 37 bits), 19 for a year with a clock time (a time needs a
/// four-digit year). `None` for a point that does not fit, e.g. a month 0, which only a caller
/// of `Date::from_point` could make.
pub(super) fn pack(p: Point) -> Option<u64> {
    let mut w = Writer::default();
    w.put(PACKED as u64, 1)?;
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
    w.year(p.year)
}

pub(super) fn unpack(word: u64) -> Point {
    let mut r = Reader(word as i64);
    r.take(1);
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
