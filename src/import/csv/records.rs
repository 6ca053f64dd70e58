//! A delimited text's records read where they lie, as the csv crate reads them (its leniencies
//! included: blank lines skipped, an unclosed quote running to the end of the text, text after a
//! closing quote kept): each field a slice of the text unless a doubled quote must be made one,
//! with where it was written. The crate copies every record and gives its first byte only, which
//! left the fields' places to be found by walking the text again.

use std::borrow::Cow;
use std::ops::Range;

use super::stops::Stops;

/// A record's fields, kept in place up to sixteen: a record handed from the reading thread to the
/// merging one as a list of its own left the reader writing every row into memory the other core
/// had just freed.
pub type Fields<'t> = smallvec::SmallVec<[Field<'t>; 16]>;

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'t> {
    /// As written, without its quotes and with each doubled quote made one.
    pub value: Cow<'t, str>,
    /// Where it was written, quotes included.
    pub span: Range<usize>,
}

/// A reader of a text's records from a given byte on.
pub struct Records<'t> {
    text: &'t str,
    delimiter: u8,
    at: usize,
    stops: Stops<'t>,
}

const QUOTE: u8 = b'"';

/// The records of `text` from byte `at` on (the start of a record), each with its first byte;
/// fields are separated by `delimiter`, which is ASCII (`--delimiter` allows no other), so that
/// every field ends on a character's boundary.
pub fn records(text: &str, delimiter: u8, at: usize) -> impl Iterator<Item = (usize, Fields<'_>)> {
    let mut records = Records::new(text, delimiter, at);
    // Fields in the last record, so that each record's vector is made the right size.
    let mut width = 0;
    std::iter::from_fn(move || {
        let mut fields = Fields::with_capacity(width);
        let start = records.next_into(&mut fields)?;
        width = fields.len();
        Some((start, fields))
    })
}

/// The fields of the record that starts at byte `at` (none when only line ends follow).
pub fn record_at(text: &str, delimiter: u8, at: usize) -> Fields<'_> {
    records(text, delimiter, at)
        .next()
        .map(|(_, fields)| fields)
        .unwrap_or_default()
}

impl<'t> Records<'t> {
    /// The records of `text` from byte `at` on (see [`records`]).
    pub fn new(text: &'t str, delimiter: u8, at: usize) -> Records<'t> {
        assert!(delimiter.is_ascii(), "a CSV delimiter is an ASCII character");
        Records {
            text,
            delimiter,
            at,
            stops: Stops::new(text.as_bytes(), delimiter, at),
        }
    }

    /// Adds the next record's fields to `fields`; returns its first byte, `None` when only line
    /// ends follow.
    pub fn next_into(&mut self, fields: &mut impl Extend<Field<'t>>) -> Option<usize> {
        let bytes = self.text.as_bytes();
        // Line ends before a record are skipped: a blank line is no record.
        let start = self.at + bytes.get(self.at..)?.iter().position(|b| !is_line_end(*b))?;
        let mut at = start;
        loop {
            let (value, end) = if bytes.get(at) == Some(&QUOTE) {
                let (value, end, _) = self.quoted(at);
                (value, end)
            } else {
                let end = self.unquoted_end(at);
                (Cow::Borrowed(&self.text[at..end]), end)
            };
            fields.extend(Some(Field { value, span: at..end }));
            match bytes.get(end) {
                Some(&b) if b == self.delimiter => at = end + 1,
                // A record ends at LF, CR or CRLF, or with the text.
                Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => {
                    self.at = end + 2;
                    break;
                }
                Some(_) => {
                    self.at = end + 1;
                    break;
                }
                None => {
                    self.at = end;
                    break;
                }
            }
        }
        Some(start)
    }

    /// Where an unquoted field starting at `at` ends: at the delimiter or line end after it.
    fn unquoted_end(&mut self, at: usize) -> usize {
        self.stops.next(at)
    }

    /// The value of the quoted field starting at `at`, where the field ends, and whether a quote
    /// closed it. A quote that closes it and is followed by more than a delimiter or line end
    /// leaves that text to be read as unquoted and kept, quotes and all, as the csv crate does.
    fn quoted(&mut self, at: usize) -> (Cow<'t, str>, usize, bool) {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut value = Cow::Borrowed("");
        let mut piece = at + 1;
        loop {
            let Some(quote) = memchr::memchr(QUOTE, &bytes[piece..]).map(|q| piece + q) else {
                // Unclosed: the field runs to the end of the text.
                append(&mut value, &text[piece..]);
                return (value, text.len(), false);
            };
            match bytes.get(quote + 1) {
                Some(&QUOTE) => {
                    // Doubled: one quote is kept, and the field goes on.
                    append(&mut value, &text[piece..=quote]);
                    piece = quote + 2;
                }
                Some(&b) if b == self.delimiter || is_line_end(b) => {
                    append(&mut value, &text[piece..quote]);
                    return (value, quote + 1, true);
                }
                None => {
                    append(&mut value, &text[piece..quote]);
                    return (value, quote + 1, true);
                }
                Some(_) => {
                    append(&mut value, &text[piece..quote]);
                    let end = self.unquoted_end(quote + 1);
                    append(&mut value, &text[quote + 1..end]);
                    return (value, end, true);
                }
            }
        }
    }
}

/// Whether the field starting at `at` is a quoted one that no quote closes: it then holds the
/// rest of the text, rows and all, which only a mistake in the file makes. Only the last field
/// of the last record can be.
pub fn unclosed(text: &str, delimiter: u8, at: usize) -> bool {
    let mut records = Records::new(text, delimiter, at);
    text.as_bytes().get(at) == Some(&QUOTE) && !records.quoted(at).2
}

fn is_line_end(b: u8) -> bool {
    matches!(b, b'\n' | b'\r')
}

/// `piece` added to a field's value, which stays borrowed while it is a single piece.
fn append<'t>(value: &mut Cow<'t, str>, piece: &'t str) {
    if value.is_empty() {
        *value = Cow::Borrowed(piece);
    } else if !piece.is_empty() {
        value.to_mut().push_str(piece);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn values(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        records(text, delimiter, 0)
            .map(|(start, fields)| (start, fields.into_iter().map(|f| f.value.into_owned()).collect()))
            .collect()
    }

    /// The csv crate's records, each with its first byte: the crate gives where the line end
    /// before it starts, so line ends are skipped from there.
    fn crate_values(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                let at = r.position().unwrap().byte() as usize;
                let start = at + text[at..].bytes().take_while(|b| is_line_end(*b)).count();
                (start, r.iter().map(String::from).collect())
            })
            .collect()
    }

    #[test]
    fn only_a_quote_no_quote_closes_is_unclosed() {
        for (text, at, open) in [
            ("a,\"b", 2, true),
            ("a,\"b\"\"", 2, true),
            ("\"b\nc,d\n", 0, true),
            ("a,\"b\"", 2, false),
            ("a,\"b\"\"\"", 2, false),
            ("a,\"b\"c", 2, false),
            ("a,b\"", 2, false),
        ] {
            assert_eq!(unclosed(text, b',', at), open, "{text:?}");
        }
    }

    #[test]
    fn fields_span_their_quotes_and_records_their_first_byte() {
        let text = "a,\"b,\nc\",d\r\n\r\n1,2\n\"x\"\"y\",\"u\"v,";
        let read: Vec<_> = records(text, b',', 0).collect();
        let spans: Vec<Vec<Range<usize>>> = read
            .iter()
            .map(|(_, fields)| fields.iter().map(|f| f.span.clone()).collect())
            .collect();
        assert_eq!(
            spans,
            [
                vec![0..1, 2..8, 9..10],
                vec![14..15, 16..17],
                vec![18..24, 25..29, 30..30]
            ]
        );
        let starts: Vec<usize> = read.iter().map(|(start, _)| *start).collect();
        assert_eq!(starts, [0, 14, 18]);
        assert_eq!(values(text, b','), crate_values(text, b','));
        // Only a field with a doubled quote or text after its closing quote is copied.
        let borrowed = |f: &Field<'_>| matches!(f.value, Cow::Borrowed(_));
        assert!(read[0].1.iter().all(borrowed));
        assert!(!borrowed(&read[2].1[0]) && !borrowed(&read[2].1[1]));
        // A record read from its first byte, as the row index reads it again.
        assert_eq!(records(text, b',', 14).next(), Some(read[1].clone()));
    }

    /// Text made of the characters that matter to a reader of CSV, and a few that do not.
    fn csv_like() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "\"", "\"\"", ",", ";", "\t", "|", "\n", "\r", "\r\n", " ", "a", "bc", "é", "",
            ]),
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// Every record, its first byte and its values agree with the csv crate's, whatever the
        /// quotes, line ends or ragged rows; each field spans what was written of it, up to the
        /// delimiter or line end after it.
        #[test]
        fn records_agree_with_the_csv_crate(text in csv_like(), delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|'])) {
            prop_assert_eq!(values(&text, delimiter), crate_values(&text, delimiter));
            for (start, fields) in records(&text, delimiter, 0) {
                prop_assert_eq!(start, fields[0].span.start);
                for f in &fields {
                    let written = &text[f.span.clone()];
                    prop_assert!(written.starts_with('"') || written == f.value, "{:?} {:?}", written, f.value);
                    let after = text.as_bytes().get(f.span.end);
                    prop_assert!(after.is_none_or(|b| *b == delimiter || is_line_end(*b)), "{:?}", after);
                }
            }
        }
    }
}
