//! Where a delimited text's unquoted fields end, found 64 bytes at a time. Most fields of a
//! timeline's rows are a few bytes long (empty cells, dates, tags), and a search for each one's end
//! (`memchr3`) paid its setup for those few bytes: a third of the CSV reading thread's time, and
//! that thread is what a CSV load waits on.

/// Bytes looked at together.
const BLOCK: usize = 64;

/// The delimiters and line ends of a text, handed out in turn from a block of 64 bytes found at
/// once; a field that starts past the block begins a new one.
pub struct Stops<'t> {
    bytes: &'t [u8],
    delimiter: u8,
    /// The first byte of the block in `mask`.
    base: usize,
    /// Bit `i` is set when byte `base + i` is a delimiter or a line end.
    mask: u64,
}

impl<'t> Stops<'t> {
    /// The stops of `bytes`, whose fields are separated by `delimiter`, to be asked from byte
    /// `at` on.
    pub fn new(bytes: &'t [u8], delimiter: u8, at: usize) -> Stops<'t> {
        let mut stops = Stops {
            bytes,
            delimiter,
            base: at,
            mask: 0,
        };
        stops.mask = stops.block(at);
        stops
    }

    /// The first delimiter, LF or CR at or after byte `at`, or the text's length when none is.
    pub fn next(&mut self, mut at: usize) -> usize {
        loop {
            let offset = at.wrapping_sub(self.base);
            if offset >= BLOCK {
                if at >= self.bytes.len() {
                    return self.bytes.len();
                }
                self.base = at;
                self.mask = self.block(at);
                continue;
            }
            let ahead = self.mask >> offset;
            if ahead != 0 {
                return at + ahead.trailing_zeros() as usize;
            }
            at = self.base + BLOCK;
        }
    }

    /// The stops of the 64 bytes from `at`, none past the text's end.
    fn block(&self, at: usize) -> u64 {
        let rest = self.bytes.get(at..).unwrap_or_default();
        match rest.first_chunk::<BLOCK>() {
            Some(block) => mask(block, self.delimiter),
            None => {
                let mut block = [0; BLOCK];
                block[..rest.len()].copy_from_slice(rest);
                mask(&block, self.delimiter) & ((1 << rest.len()) - 1)
            }
        }
    }
}

/// A bit for each byte of `block` that is `delimiter`, LF or CR, the first byte's lowest: sixteen
/// bytes to an instruction with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
fn mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8};
    // SAFETY: SSE2 is part of the x86-64 baseline, which the compiler assumes of every build for
    // it; each lane holds the 16 bytes read, and the read needs no alignment.
    unsafe {
        let [delimiter, lf, cr] = [delimiter, b'\n', b'\r'].map(|b| _mm_set1_epi8(b as i8));
        let mut mask = 0;
        for (i, lane) in block.chunks_exact(16).enumerate() {
            let bytes = _mm_loadu_si128(lane.as_ptr().cast());
            let hits = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter), _mm_cmpeq_epi8(bytes, lf)),
                _mm_cmpeq_epi8(bytes, cr),
            );
            mask |= u64::from(_mm_movemask_epi8(hits) as u16) << (16 * i);
        }
        mask
    }
}

/// A bit for each byte of `block` that is `delimiter`, LF or CR, the first byte's lowest.
#[cfg(not(target_arch = "x86_64"))]
fn mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    block.iter().rev().fold(0, |mask, &b| {
        mask << 1 | u64::from(b == delimiter || matches!(b, b'\n' | b'\r'))
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Each stop is the first delimiter or line end from where it was asked, whether the
        /// asks begin at the text's start or further on and go forward within a block, past it,
        /// to the text's last bytes or back.
        #[test]
        fn each_stop_is_the_first_delimiter_or_line_end_from_where_it_was_asked(
            text in prop::collection::vec(prop::sample::select(b",;\n\rab\"\0".to_vec()), 0..300),
            asks in prop::collection::vec(0..310usize, 1..40),
            delimiter in prop::sample::select(b",;\0".to_vec()),
            start in 0..310usize,
        ) {
            let mut stops = Stops::new(&text, delimiter, start);
            let first = |at: usize| {
                let rest = text.get(at..).unwrap_or_default();
                at.min(text.len()) + rest.iter().position(|&b| b == delimiter || b == b'\n' || b == b'\r').unwrap_or(rest.len())
            };
            // Mostly forward, as a reader asks, from one stop to the byte after it.
            let mut at = start;
            for ask in asks {
                let stop = stops.next(at);
                prop_assert_eq!(stop, first(at), "from {}", at);
                at = if ask % 3 == 0 { ask } else { stop + 1 };
            }
        }
    }
}
