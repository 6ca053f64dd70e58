//! Text from files made safe to show: every character that could change the terminal's state,
//! reorder what is shown, hide, or break a row becomes a visible marker.
//!
//! Files come from other people, so a title may hold an escape sequence (`ESC [2J`), a C1 control
//! such as U+009B (an 8-bit CSI), a right-to-left override that makes `gpj.exe` read `exe.jpg`,
//! or invisible characters. Everything tlx shows (the explorer, the plain listing, diagnostics,
//! messages) goes through [`line`] or [`block`]; exports keep the text as written.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown in place of a line break inside a one-line field (ids, titles, outlets).
pub const NEWLINE: char = '␤';

/// Put before a combining mark that starts a field or a line, as Unicode charts do, so the mark
/// has a base of its own instead of landing on whatever the terminal drew before it.
const BASE: char = '◌';

/// A one-line field as it may be shown: line breaks become [`NEWLINE`], tabs spaces, and
/// everything [`is_hidden`] a visible marker.
pub fn line(text: &str) -> Cow<'_, str> {
    sanitize(text, false)
}

/// A multi-line field (summaries, quotes, notes) as it may be shown: as [`line`], but line breaks
/// (LF, CRLF, U+2028, U+2029) stay, as `\n`.
pub fn block(text: &str) -> Cow<'_, str> {
    sanitize(text, true)
}

/// The words of `text` (parted by any white space, line breaks too) joined by one space each:
/// the text on one line. Most texts are so already, and are lent as they are.
pub fn words(text: &str) -> Cow<'_, str> {
    if is_words(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// True for a text that [`words`] leaves as it is. Read a byte at a time: the white space
/// beyond ASCII begins with one of four bytes, and only those are decoded.
fn is_words(text: &str) -> bool {
    // True after a space, and at the start, where a space would be one too many.
    let mut spaced = true;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b' ' if spaced => return false,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 if text[at..].starts_with(char::is_whitespace) => return false,
            _ => {}
        }
        spaced = b == b' ';
    }
    !spaced || text.is_empty()
}

/// True for characters never sent to the terminal as they are: C0 and C1 controls, DEL, format
/// characters (bidi overrides, isolates and marks, zero-width spaces, the byte order mark, tags),
/// line and paragraph separators, and invisible fillers. The zero-width joiner and non-joiner
/// are not hidden: Persian, Arabic, Indic scripts and emoji sequences need them.
pub fn is_hidden(c: char) -> bool {
    // Of ASCII only the controls are hidden; exports ask of every character of every link.
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}') || is_filler(c)
}

fn sanitize(text: &str, multiline: bool) -> Cow<'_, str> {
    if !needs_change(text, multiline) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.char_indices().peekable();
    // True where a combining mark would have no letter to sit on: at the start, after a line
    // break or a space (where a line may be wrapped).
    let mut bare = true;
    while let Some((at, c)) = chars.next() {
        let was_bare = std::mem::replace(&mut bare, false);
        match c {
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => bare = was_bare,
            '\n' | '\u{2028}' | '\u{2029}' if multiline => {
                out.push('\n');
                bare = true;
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(NEWLINE),
            '\t' => {
                out.push(' ');
                bare = true;
            }
            c if c.is_ascii_control() => out.push(control_picture(c)),
            c if is_emoji_tag(c) && in_flag_sequence(text, at) => out.push(c),
            c if is_hidden(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            c => {
                if was_bare && c.width() == Some(0) {
                    out.push(BASE);
                }
                out.push(c);
                bare = c.is_whitespace();
            }
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `width` columns, ending in "…" when cut; never splits a grapheme (a
/// flag, an emoji sequence, a letter and its accents).
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut used = 0;
    let end = text
        .grapheme_indices(true)
        .find(|(_, g)| {
            used += g.width();
            used + 1 > width
        })
        .map_or(text.len(), |(at, _)| at);
    if width == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// The last `width` columns of `text` or less, starting with "…" when cut; never splits a grapheme.
pub fn fit_tail(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut used = 0;
    let start = text
        .grapheme_indices(true)
        .rev()
        .find(|(_, g)| {
            used += g.width();
            used + 1 > width
        })
        .map_or(0, |(at, g)| at + g.len());
    if width == 0 {
        return Cow::Borrowed("");
    }
    Cow::Owned(format!("…{}", &text[start..]))
}

/// True when no field cut from `bytes` between line breaks changes to be shown: [`line`] and
/// [`block`] give each back as it is, since every byte is printable ASCII, a line break or part
/// of a Latin letter (see [`latin_byte`]). A reader can ask this once of a stretch of a file it
/// has just read, rather than the fields being read again one by one ([`needs_change`]).
pub fn plain_lines(bytes: &[u8]) -> bool {
    // Whole chunks folded without early exit compile to vector instructions.
    bytes.chunks(64).all(|chunk| {
        chunk.iter().fold(true, |all, &b| {
            all & ((b' '..=b'~').contains(&b) | (b == b'\n') | latin_byte(b))
        })
    })
}

/// Cheap check so clean text (nearly all of it) is borrowed, not copied.
fn needs_change(text: &str, multiline: bool) -> bool {
    // Printable ASCII and the accented Latin letters ([`latin_byte`]), most text, never change. A
    // million-event file runs this on every field, so it is skipped 32 bytes at a time (a test
    // without early exit, which the compiler turns into vector instructions); a block holding
    // anything else is read a character at a time.
    let plain = |b: u8| (b' '..=b'~').contains(&b) | (multiline & (b == b'\n')) | latin_byte(b);
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut bare = true;
    while at < bytes.len() {
        let end = at + 32;
        if let Some(block) = bytes.get(at..end)
            && block.iter().fold(true, |all, &b| all & plain(b))
        {
            // Its last byte is a space, a line break or part of a letter.
            bare = matches!(block[31], b' ' | b'\n');
            at = end;
            continue;
        }
        // The bytes after the last whole block, all of most ids, titles and outlets: read a
        // character at a time, they took most of the check of a million-event load, yet plain
        // text never changes, wherever it stands.
        if bytes.len() - at < 32 && tail_is_plain(bytes, at, plain) {
            return false;
        }
        // A block may end inside a Latin letter: the rest of it was judged with the block.
        while !text.is_char_boundary(at) {
            at += 1;
        }
        for c in text[at..].chars() {
            let change = if c.is_ascii() {
                // ASCII has no zero-width character; only its controls change.
                c.is_ascii_control() && !(multiline && c == '\n')
            } else {
                is_hidden(c) || (bare && c.width() == Some(0))
            };
            if change {
                return true;
            }
            bare = c.is_whitespace();
            at += c.len_utf8();
            if at >= end {
                break;
            }
        }
    }
    false
}

/// True when every byte of `bytes` from `at` on, fewer than a block's 32, is `plain`, tested as
/// blocks without early exit as [`needs_change`]'s are: the last 32 bytes of a longer text (the
/// bytes before `at` were judged already, so testing them again can only send the text to the
/// slower check), else two blocks of 16 or of 8 that overlap to cover the text.
fn tail_is_plain(bytes: &[u8], at: usize, plain: impl Fn(u8) -> bool) -> bool {
    fn block<const N: usize>(bytes: &[u8], plain: &impl Fn(u8) -> bool) -> bool {
        <&[u8; N]>::try_from(bytes).is_ok_and(|block| block.iter().fold(true, |all, &b| all & plain(b)))
    }
    let n = bytes.len();
    match n {
        32.. => block::<32>(&bytes[n - 32..], &plain),
        16..32 => block::<16>(&bytes[..16], &plain) & block::<16>(&bytes[n - 16..], &plain),
        8..16 => block::<8>(&bytes[..8], &plain) & block::<8>(&bytes[n - 8..], &plain),
        _ => bytes[at..].iter().all(|&b| plain(b)),
    }
}

/// True for a byte of a Latin letter, U+00C0 to U+02FF, in valid UTF-8: a lead byte from 0xC3
/// to 0xCB, or a continuation byte (0x80 to 0xBF), which in a block whose every lead is one of
/// those belongs to such a letter or to one begun before the block (see [`needs_change`]). Those
/// letters (Latin-1's, Latin Extended-A and -B, the IPA and the spacing modifiers) are most of what
/// is not ASCII in European text, and none is hidden, zero-width or white space, so none changes.
fn latin_byte(b: u8) -> bool {
    // 0xC0 and 0xC1 never occur in UTF-8; 0xC2 leads U+0080..U+00BF, the C1 controls among them.
    (0x80..=0xcb).contains(&b) & (b != 0xc2)
}

/// The Unicode "control picture" of an ASCII control character: ␛ for ESC, ␀ for NUL, ␡ for DEL.
fn control_picture(c: char) -> char {
    match c {
        '\u{7f}' => '␡',
        c => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
    }
}

/// Unicode general category Cf (format), which holds every bidi control and every invisible
/// character with a job, except ZWJ and ZWNJ.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Letters that draw nothing: Hangul fillers and the Khmer inherent vowels, used to fake blank names.
fn is_filler(c: char) -> bool {
    matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{3164}' | '\u{FFA0}'
    )
}

fn is_emoji_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// True when the tag character at `at` belongs to a subdivision flag, such as England's:
/// U+1F3F4, one to six tag letters or digits, then the cancel tag U+E007F. Tags anywhere else
/// are hidden text ("ASCII smuggling") and get markers.
fn in_flag_sequence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| is_tag_letter(c));
    let tail = &text[before.len()..];
    let letters = tail.chars().take_while(|&c| is_tag_letter(c)).count();
    let rest = tail.chars().nth(letters);
    before.ends_with('\u{1F3F4}') && (1..=6).contains(&letters) && rest == Some('\u{E007F}')
}

fn is_tag_letter(c: char) -> bool {
    matches!(c, '\u{E0030}'..='\u{E0039}' | '\u{E0061}'..='\u{E007A}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(line("Soleimani in Moscow"), Cow::Borrowed(_)));
        assert!(matches!(block("two\nlines"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_control_pictures() {
        assert_eq!(line("a\u{1b}[2Jb\u{7}\u{0}\u{7f}"), "a␛[2Jb␇␀␡");
    }

    #[test]
    fn c1_bidi_and_invisible_characters_become_code_point_markers() {
        assert_eq!(line("\u{9b}31m"), "⟨U+009B⟩31m");
        assert_eq!(line("gpj\u{202e}.exe"), "gpj⟨U+202E⟩.exe");
        assert_eq!(line("a\u{2066}b\u{2069}"), "a⟨U+2066⟩b⟨U+2069⟩");
        assert_eq!(line("pay\u{200b}pal"), "pay⟨U+200B⟩pal");
        assert_eq!(line("\u{feff}x"), "⟨U+FEFF⟩x");
        assert_eq!(line("\u{3164}"), "⟨U+3164⟩");
    }

    #[test]
    fn line_breaks_and_tabs_never_break_a_row_of_a_one_line_field() {
        assert_eq!(line("a\nb\r\nc\td\re\u{2028}f"), "a␤b␤c d␍e␤f");
    }

    #[test]
    fn multi_line_fields_keep_their_line_breaks() {
        assert_eq!(block("a\nb\r\nc\u{2029}d\te"), "a\nb\nc\nd e");
    }

    #[test]
    fn joiners_stay_for_persian_and_emoji() {
        let persian = "می\u{200c}خواهم";
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(line(persian), persian);
        assert_eq!(line(family), family);
    }

    #[test]
    fn subdivision_flags_keep_their_tags_and_other_tags_are_shown() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(line(england), england);
        assert_eq!(line("a\u{E0041}\u{E007F}"), "a⟨U+E0041⟩⟨U+E007F⟩");
    }

    #[test]
    fn a_combining_mark_with_no_letter_before_it_gets_a_base() {
        assert_eq!(line("\u{301}x"), "◌\u{301}x");
        assert_eq!(block("a\n\u{301}"), "a\n◌\u{301}");
        assert_eq!(block("a\r\n\u{301}"), "a\n◌\u{301}");
        assert_eq!(line("a \u{301}b"), "a ◌\u{301}b");
        assert_eq!(line("e\u{301}"), "e\u{301}");
        assert!(matches!(line("e\u{301} e\u{301}"), Cow::Borrowed(_)));
    }

    #[test]
    fn fitting_cuts_whole_graphemes_to_the_width() {
        let flags = "🇮🇷🇷🇺🇺🇸";
        assert_eq!(fit(flags, 6), flags);
        assert_eq!(fit(flags, 5), "🇮🇷🇷🇺…");
        assert_eq!(fit(flags, 4), "🇮🇷…");
        assert_eq!(fit("ab", 0), "");
        assert_eq!(fit("e\u{301}e\u{301}e", 2), "e\u{301}…");
        assert_eq!(fit_tail(flags, 5), "…🇷🇺🇺🇸");
        assert_eq!(fit_tail("東京都", 4), "…都");
        for w in 0..12 {
            assert!(fit("東京 🇺🇸 e\u{301}", w).width() <= w);
            assert!(fit_tail("東京 🇺🇸 e\u{301}", w).width() <= w);
        }
    }

    /// What [`needs_change`] answers, a character at a time: the definition its blocks speed up.
    fn needs_change_by_character(text: &str, multiline: bool) -> bool {
        let mut bare = true;
        text.chars().any(|c| {
            let change = if c.is_ascii() {
                c.is_ascii_control() && !(multiline && c == '\n')
            } else {
                is_hidden(c) || (bare && c.width() == Some(0))
            };
            bare = c.is_whitespace();
            change
        })
    }

    /// What a reader asks of a stretch of a file holds for each field cut from it between line
    /// breaks: none changes to be shown, on one line or on several.
    #[test]
    fn plain_lines_hold_fields_that_are_shown_as_written() {
        use proptest::prelude::*;
        let text = "([ -~\n\\x{c0}-\\x{2ff}]{0,70}(\\PC|[\\t\\x00-\\x1f\\x7f-\\x{bf}\\x{300}-\\x{36f}\\x{200b}\\x{2028}])?){0,4}";
        proptest!(ProptestConfig::with_cases(2048), |(text in text, from in 0..80usize, len in 0..80usize)| {
            if plain_lines(text.as_bytes()) {
                for line in text.split('\n') {
                    let from = (0..=from.min(line.len())).rev().find(|&i| line.is_char_boundary(i)).unwrap_or(0);
                    let to = (from..=(from + len).min(line.len())).rev().find(|&i| line.is_char_boundary(i)).unwrap_or(from);
                    let field = &line[from..to];
                    prop_assert!(!needs_change_by_character(field, false), "{field:?}");
                    prop_assert!(!needs_change_by_character(field, true), "{field:?}");
                }
            }
        });
        assert!(plain_lines("Mérida: the customs service\nŁódź".as_bytes()));
        for changes in ["a\tb", "a\u{7}", "\u{301}", "a\u{200b}", "\u{85}", "a\u{2028}"] {
            assert!(!plain_lines(changes.as_bytes()), "{changes:?}");
        }
    }

    #[test]
    fn the_block_at_a_time_check_agrees_with_the_character_at_a_time_one() {
        use proptest::prelude::*;
        // Runs of printable ASCII and accented Latin letters long enough to fill blocks (and to
        // end them inside a letter), broken by what must change (controls, combining marks after a
        // space or a block's end, format characters, the C1 controls beside Latin-1's letters) and
        // what need not.
        let text = "([ -~\n\\x{c0}-\\x{2ff}]{0,70}(\\PC|[\\x00-\\x1f\\x7f-\\x{bf}\\x{300}-\\x{36f}\\x{200b}-\\x{200f}\\x{2028}\\x{feff}])?){0,8}";
        proptest!(ProptestConfig::with_cases(2048), |(text in text, multiline: bool)| {
            prop_assert_eq!(needs_change(&text, multiline), needs_change_by_character(&text, multiline));
        });
        // A letter split by the block's end, then a mark on it, then a hidden character.
        let split = format!("{}é\u{301}", "a".repeat(31));
        assert!(!needs_change(&split, false));
        assert!(needs_change(&format!("{split}\u{ad}"), false));
        assert!(needs_change(&format!("{}ł\u{85}", "ó".repeat(20)), false));
        let space_then_mark = format!("{} \u{301}", "a".repeat(31));
        assert!(needs_change(&space_then_mark, false));
        let block_of_spaces_then_mark = format!("{}\u{301}", " ".repeat(32));
        assert!(needs_change(&block_of_spaces_then_mark, true));
        assert!(!needs_change(&format!("{}\u{301}", "a".repeat(32)), true));
        // A tail shorter than a block, read whole when printable.
        assert!(!needs_change(&"a b~".repeat(10), false));
        assert!(needs_change(&format!("{}\u{7}", "a".repeat(40)), false));
        assert!(needs_change(&format!("{}\n", "a".repeat(40)), false));
        assert!(!needs_change(&format!("{}\n", "a".repeat(40)), true));
    }

    #[test]
    fn latin_letters_are_never_hidden_zero_width_or_blank() {
        for c in '\u{c0}'..='\u{2ff}' {
            assert!(!is_hidden(c) && c.width() == Some(1) && !c.is_whitespace(), "{c:?}");
            let mut utf8 = [0; 4];
            assert!(c.encode_utf8(&mut utf8).bytes().all(latin_byte), "{c:?}");
        }
        for c in ['\u{80}', '\u{ad}', '\u{a0}', '\u{300}', '\u{2028}'] {
            let mut utf8 = [0; 4];
            assert!(!c.encode_utf8(&mut utf8).bytes().all(latin_byte), "{c:?}");
        }
    }

    #[test]
    fn nothing_hidden_survives() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(256), |(text in "\\PC*|[\\x00-\\x{a0}\\x{2000}-\\x{2070}\\x{e0000}-\\x{e0080}]*")| {
            let shown = block(&text);
            prop_assert!(!shown.chars().any(|c| is_hidden(c) && c != '\n' && !is_emoji_tag(c)), "{shown:?}");
            prop_assert!(!line(&text).contains('\n'));
        });
    }

    #[test]
    fn words_are_the_text_parted_at_white_space_and_joined_by_one_space() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(1024), |(text in "[ a\u{a0}\t\n\r\x0b\x0c\x1c\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}é€]{0,10}")| {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let words = words(&text);
            prop_assert_eq!(matches!(words, Cow::Borrowed(_)), joined == text);
            prop_assert_eq!(words, joined);
        });
    }

    /// ASCII is judged apart from the rest: only its controls are hidden, as the whole rule says.
    #[test]
    fn of_ascii_only_the_controls_are_hidden() {
        for c in '\0'..='\x7f' {
            let whole_rule = c.is_control() || is_format(c) || is_filler(c);
            assert_eq!(is_hidden(c), whole_rule, "{c:?}");
        }
    }
}
