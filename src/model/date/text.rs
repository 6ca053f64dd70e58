//! A date's text: lent by a date that keeps it, or written again from a packed point
//! ([`super::packed`]) into a buffer on the stack, so that an export of a million events asks
//! for their dates' texts without an allocation each.

use std::fmt;
use std::ops::Deref;

use super::{Point, Qualifier};

/// A date's text as written in its file ([`Date::text`](super::Date::text)).
pub struct DateText<'d>(Kept<'d>);

enum Kept<'d> {
    Lent(&'d str),
    Written(Written),
}

impl<'d> DateText<'d> {
    pub(super) fn lent(text: &'d str) -> DateText<'d> {
        DateText(Kept::Lent(text))
    }

    pub(super) fn written(text: Written) -> DateText<'d> {
        DateText(Kept::Written(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Kept::Lent(text) => text,
            Kept::Written(text) => text.as_str(),
        }
    }
}

impl Deref for DateText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for DateText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for DateText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for DateText<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The longest text [`Written::edtf`] writes, of any point: "Y" and an `i64` (21), a month and a
/// day of any `u8` (8), a clock time of any `u32` seconds (14), an offset of any `i32` minutes
/// (12) and a qualifier.
const ROOM: usize = 56;

/// A point's text, written into a buffer of its own.
pub(super) struct Written {
    bytes: [u8; ROOM],
    len: u8,
}

impl Written {
    /// The point as EDTF text that `Date::parse` reads back to the same point: "2015-07-24",
    /// "-0499", "Y170000002", "191X", "2015-07-24T10:00:00+03:00~".
    pub(super) fn edtf(p: &Point) -> Written {
        let mut w = Written {
            bytes: [0; ROOM],
            len: 0,
        };
        let year = p.year.unsigned_abs();
        if year > 9999 {
            w.byte(b'Y');
            if p.year < 0 {
                w.byte(b'-');
            }
            w.number(year, 1);
        } else if p.year < 0 {
            w.byte(b'-');
            w.number(year, 4);
        } else {
            w.number(year, 4);
            // The unspecified digits are the year's last, written as zeros.
            let known = usize::from(w.len).saturating_sub(usize::from(p.unspecified));
            w.bytes[known..usize::from(w.len)].fill(b'X');
        }
        for field in [p.month, p.day].into_iter().flatten() {
            w.byte(b'-');
            w.number(u64::from(field), 2);
        }
        if let Some(t) = p.time {
            w.byte(b'T');
            w.number(u64::from(t.seconds / 3600), 2);
            w.byte(b':');
            w.number(u64::from(t.seconds / 60 % 60), 2);
            w.byte(b':');
            w.number(u64::from(t.seconds % 60), 2);
            match t.offset_minutes {
                None => {}
                Some(0) => w.byte(b'Z'),
                Some(o) => {
                    w.byte(if o < 0 { b'-' } else { b'+' });
                    w.number(u64::from(o.unsigned_abs() / 60), 2);
                    w.byte(b':');
                    w.number(u64::from(o.unsigned_abs() % 60), 2);
                }
            }
        }
        match p.qualifier {
            Qualifier::Exact => {}
            Qualifier::Approximate => w.byte(b'~'),
            Qualifier::Uncertain => w.byte(b'?'),
            Qualifier::Both => w.byte(b'%'),
        }
        w
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("a written date is ASCII")
    }

    // Byte by byte: a date's pieces are a few bytes each, which `copy_from_slice` hands to
    // `memcpy` one call at a time.
    fn byte(&mut self, byte: u8) {
        self.bytes[usize::from(self.len)] = byte;
        self.len += 1;
    }

    /// `n` in decimal, zero-padded to `width` digits.
    fn number(&mut self, n: u64, width: usize) {
        let digits = n.checked_ilog10().map_or(1, |log| log as usize + 1).max(width);
        let end = usize::from(self.len) + digits;
        let mut n = n;
        for at in (usize::from(self.len)..end).rev() {
            self.bytes[at] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.len = end as u8;
    }
}
