//! Word wrapping as textwrap does it, except that a word too long for a line is broken between
//! graphemes, never inside one. textwrap breaks such words between characters, which can cut a
//! spacing vowel sign (Devanagari ि) from its letter or an emoji sequence in two, leaving a piece
//! that terminals draw on its own, at a width ratatui did not count.

use textwrap::core::Word;
use textwrap::word_splitters::split_words;
use textwrap::{WordSeparator, WordSplitter, WrapAlgorithm};
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// Wraps `text` to `width` columns (at least 1); every line after the first starts with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(1);
    let later = width.saturating_sub(indent.width()).max(1);
    let splitter = WordSplitter::HyphenSplitter;
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let first = if lines.is_empty() { width } else { later };
        let words = whole_graphemes(paragraph, WordSeparator::new().find_words(paragraph));
        let words = split_words(words, &splitter);
        let words: Vec<Word<'_>> = words.flat_map(|w| break_word(w, later)).collect();
        for line in WrapAlgorithm::new().wrap(&words, &[first, later]) {
            let mut out = if lines.is_empty() || line.is_empty() {
                String::new()
            } else {
                indent.to_string()
            };
            for (i, w) in line.iter().enumerate() {
                out += w.word;
                out += if i + 1 == line.len() { w.penalty } else { w.whitespace };
            }
            lines.push(out);
        }
    }
    lines
}

/// The words with any that starts inside a grapheme joined to the word before. The line-break
/// rules allow a break between an emoji and its skin tone (🥲 and 🏻) when the emoji is not an
/// "emoji base", which would put the modifier alone at the start of the next line.
fn whole_graphemes<'a>(paragraph: &'a str, words: impl Iterator<Item = Word<'a>>) -> Vec<Word<'a>> {
    let offset = |w: &Word<'a>| w.word.as_ptr() as usize - paragraph.as_ptr() as usize;
    let mut joined: Vec<Word<'a>> = Vec::new();
    for word in words {
        let at = offset(&word);
        let inside = GraphemeCursor::new(at, paragraph.len(), true).is_boundary(paragraph, 0) != Ok(true);
        match joined.last_mut() {
            Some(last) if inside && last.whitespace.is_empty() => {
                let end = at + word.word.len() + word.whitespace.len();
                *last = Word::from(&paragraph[offset(last)..end]);
            }
            _ => joined.push(word),
        }
    }
    joined
}

/// A word wider than `width` in pieces of at most `width` columns, cut between graphemes; the
/// last piece keeps the word's trailing white space and penalty.
fn break_word(word: Word<'_>, width: usize) -> Vec<Word<'_>> {
    if word.word.width() <= width {
        return vec![word];
    }
    let mut pieces = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, g) in word.word.grapheme_indices(true) {
        let w = g.width();
        if used > 0 && used + w > width {
            pieces.push(piece(&word.word[start..at], used));
            (start, used) = (at, 0);
        }
        used += w;
    }
    pieces.push(Word {
        whitespace: word.whitespace,
        penalty: word.penalty,
        ..piece(&word.word[start..], used)
    });
    pieces
}

fn piece(text: &str, width: usize) -> Word<'_> {
    Word {
        word: text,
        whitespace: "",
        penalty: "",
        width,
    }
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    #[test]
    fn wraps_like_textwrap_on_ordinary_text() {
        let text = "Despite the UN travel ban, Soleimani reportedly arrived in Moscow and met \
                    President Vladimir Putin; S-300 air-defence missiles.\n\nA second paragraph.";
        for width in 1..60 {
            let ours = wrap(text, width, "");
            let theirs: Vec<String> = textwrap::wrap(text, width)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            assert_eq!(ours, theirs, "width {width}");
        }
    }

    #[test]
    fn long_words_break_between_graphemes_only() {
        let flags = "🇮🇷🇷🇺🇺🇸🇮🇱🇺🇦";
        let family = "👨\u{200d}👩\u{200d}👧👨\u{200d}👩\u{200d}👧";
        for text in [flags, family, "e\u{301}e\u{301}e\u{301}e\u{301}", "東京都東京都"] {
            let whole: Vec<&str> = text.graphemes(true).collect();
            for width in 1..12 {
                let lines = wrap(text, width, "  ");
                let parts: Vec<&str> = lines.iter().flat_map(|l| l.trim_start().graphemes(true)).collect();
                assert_eq!(parts, whole, "{text:?} at {width}: {lines:?}");
            }
        }
    }

    #[test]
    fn a_skin_tone_stays_with_its_emoji() {
        let text = "tear 🥲🏻🥲🏻 and 👍🏽 again 🥲🏻";
        for width in 1..=30 {
            for line in wrap(text, width, "  ") {
                assert!(!line.trim_start().starts_with('🏻'), "width {width}: {line:?}");
                assert!(!line.trim_start().starts_with('🏽'), "width {width}: {line:?}");
            }
            assert_eq!(wrap(text, width, "").concat().replace(' ', ""), text.replace(' ', ""));
        }
    }
}
