//! The quick path's lexer: a cursor over one block that recognises only the plain subset of TOML
//! (bare keys, one-line strings, one-line arrays of strings, one-digit integers) and gives up with
//! `None` on anything else, leaving that to the full parser.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr2, memchr3};

use crate::mapped::prose;
use crate::model::{Name, Text};

/// The table headers a block may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `[[events]]`
    Event,
    /// `[[events.sources]]`
    Source,
    /// `[[events.denials]]`
    Denial,
    /// `[[events.claims]]`
    Claim,
}

/// The next meaningful line of a block.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A header and the span of its brackets (what the full parser gives as the table's span).
    Header(Header, Range<usize>),
    /// `key =`, with the cursor left on the value; the caller reads it, then calls [`Cursor::end_of_line`].
    Key(&'a str),
    /// The end of the block.
    End,
}

/// A position in a block; every reader consumes what it recognises or returns `None`.
pub struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`; `None` when it holds a control character TOML forbids, or a
    /// carriage return, so that no reader below has to look for them. They are not looked for
    /// when the caller says the text is `printable` (every byte printable ASCII, a line break or
    /// part of a Latin letter: [`crate::text::plain_lines`]), since that holds none.
    pub fn new(text: &'a str, printable: bool) -> Option<Self> {
        debug_assert!(!printable || crate::text::plain_lines(text.as_bytes()));
        (printable || !has_controls(text.as_bytes())).then_some(Cursor { text, pos: 0 })
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Skips blank and comment lines and reads the start of the next line.
    pub fn line(&mut self) -> Option<Line<'a>> {
        loop {
            self.skip_spaces();
            match self.peek() {
                None => return Some(Line::End),
                Some(b'\n' | b'#') => self.end_of_line()?,
                Some(b'[') => return self.header(),
                Some(_) => return self.key(),
            }
        }
    }

    fn header(&mut self) -> Option<Line<'a>> {
        let rest = &self.bytes()[self.pos..];
        let (header, len) = [
            (Header::Event, "[[events]]"),
            (Header::Source, "[[events.sources]]"),
            (Header::Denial, "[[events.denials]]"),
            (Header::Claim, "[[events.claims]]"),
        ]
        .into_iter()
        .find_map(|(h, text)| rest.starts_with(text.as_bytes()).then_some((h, text.len())))?;
        let span = self.pos..self.pos + len;
        self.pos += len;
        self.end_of_line()?;
        Some(Line::Header(header, span))
    }

    /// A bare key and its `=`; quoted and dotted keys are not read.
    fn key(&mut self) -> Option<Line<'a>> {
        let start = self.pos;
        let len = self.bytes()[start..]
            .iter()
            .take_while(|&&b| BARE[usize::from(b)])
            .count();
        self.pos += len;
        let key = &self.text[start..self.pos];
        // As tlx and most writers write it: a million events' twenty keys each were read a space
        // at a time.
        if self.bytes()[self.pos..].starts_with(b" = ") {
            self.pos += 3;
        } else {
            self.skip_spaces();
            if self.peek() != Some(b'=') {
                return None;
            }
            self.pos += 1;
        }
        if key.is_empty() {
            return None;
        }
        self.skip_spaces();
        Some(Line::Key(key))
    }

    /// What may follow a value or a header: spaces, then a comment, a line break or the end.
    pub fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        match self.peek() {
            None => {}
            Some(b'\n') => self.pos += 1,
            Some(b'#') => {
                self.pos = memchr(b'\n', &self.bytes()[self.pos..]).map_or(self.text.len(), |i| self.pos + i + 1)
            }
            Some(_) => return None,
        }
        Some(())
    }

    /// A one-line basic or literal string, and its span with the quotes: a slice of the block
    /// unless it holds an escape.
    pub fn string(&mut self) -> Option<(Cow<'a, str>, Range<usize>)> {
        let start = self.pos;
        let rest = &self.bytes()[start..];
        let value = match self.peek()? {
            b'"' if !rest.starts_with(b"\"\"\"") => self.basic()?,
            b'\'' if !rest.starts_with(b"'''") => {
                let len = memchr2(b'\'', b'\n', &rest[1..]).filter(|&i| rest[1 + i] == b'\'')?;
                self.pos += len + 2;
                Cow::Borrowed(&self.text[start + 1..start + 1 + len])
            }
            _ => return None,
        };
        Some((value, start..self.pos))
    }

    /// A one-line string as a field of prose: lent by the file when it is a slice of one mapped
    /// for good (see [`prose`]), else a copy.
    pub fn prose(&mut self) -> Option<Text> {
        self.text().map(|(s, _)| s)
    }

    /// A one-line string as a record's text, lent as [`Cursor::prose`] is, and its span.
    pub fn text(&mut self) -> Option<(Text, Range<usize>)> {
        let (s, span) = self.string()?;
        let text = match s {
            Cow::Borrowed(s) => prose(s),
            Cow::Owned(s) => s.into(),
        };
        Some((text, span))
    }

    /// A one-line string as a name's text (an outlet, a denier): see [`Name::shared`].
    pub fn name(&mut self) -> Option<Name> {
        self.string().map(|(s, _)| Name::shared(&s))
    }

    /// A basic string, the cursor on its opening quote: a slice of the block when it holds no
    /// escape, else a copy made of the runs between escapes.
    fn basic(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.bytes();
        let mut run = self.pos + 1;
        let mut out = String::new();
        loop {
            let at = run + memchr3(b'"', b'\\', b'\n', &bytes[run..])?;
            if bytes[at] == b'"' && run == self.pos + 1 {
                self.pos = at + 1;
                return Some(Cow::Borrowed(&self.text[run..at]));
            }
            out.push_str(&self.text[run..at]);
            match bytes[at] {
                b'"' => {
                    self.pos = at + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let (c, len) = escape(&bytes[at + 1..])?;
                    out.push(c);
                    run = at + 1 + len;
                }
                _ => return None,
            }
        }
    }

    /// A string or a one-line array of strings, each handed to `item` with its span.
    pub fn strings(&mut self, mut item: impl FnMut(Cow<'a, str>, Range<usize>)) -> Option<()> {
        if self.peek() != Some(b'[') {
            let (s, span) = self.string()?;
            item(s, span);
            return Some(());
        }
        self.pos += 1;
        loop {
            self.skip_spaces();
            if self.peek() == Some(b']') {
                break;
            }
            let (s, span) = self.string()?;
            item(s, span);
            self.skip_spaces();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        Some(())
    }

    /// A one-digit integer; a longer number then fails [`Cursor::end_of_line`].
    pub fn digit(&mut self) -> Option<i64> {
        let d = self.peek().filter(u8::is_ascii_digit)?;
        self.pos += 1;
        Some(i64::from(d - b'0'))
    }
}

/// The bytes of a bare key: ASCII letters, digits, `_` and `-`.
const BARE: [bool; 256] = {
    let mut bare = [false; 256];
    let mut b = 0;
    while b < 256 {
        bare[b] = matches!(b as u8, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-');
        b += 1;
    }
    bare
};

/// The character an escape stands for (`bytes` starts after the backslash) and the bytes it takes.
fn escape(bytes: &[u8]) -> Option<(char, usize)> {
    let c = match *bytes.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'n' => '\n',
        b't' => '\t',
        b'r' => '\r',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'u' => return Some((hex(bytes.get(1..5)?)?, 5)),
        b'U' => return Some((hex(bytes.get(1..9)?)?, 9)),
        _ => return None,
    };
    Some((c, 1))
}

/// The scalar value written as hex digits; `None` for a surrogate or beyond U+10FFFF.
fn hex(digits: &[u8]) -> Option<char> {
    let mut n = 0u32;
    for &d in digits {
        n = n * 16 + char::from(d).to_digit(16)?;
    }
    char::from_u32(n)
}

/// True when `bytes` hold a control character other than tab and line feed (TOML forbids them in
/// strings and comments; a carriage return is refused too, so lines end in `\n` alone).
fn has_controls(bytes: &[u8]) -> bool {
    // Whole chunks folded without early exit compile to vector code; the loop is on every byte.
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7f))
        })
    })
}
