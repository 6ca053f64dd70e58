//! Case-insensitive comparison as `str::to_lowercase` defines it, without allocating when the
//! needle is ASCII: search and filters test every event on every keystroke, so a lowercased copy
//! of each field per test was most of their time.

use memchr::{memchr2, memchr2_iter};

/// The only non-ASCII characters whose lowercase holds an ASCII letter: the capital I with a dot
/// above (`i` and a combining dot) and the Kelvin sign (`k`). A haystack holding neither folds to
/// ASCII exactly where its ASCII bytes are.
pub const FOLD_TO_ASCII: [char; 2] = ['\u{0130}', '\u{212A}'];

/// True when `haystack.to_lowercase()` contains `needle.to_lowercase()`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    Pattern::new(needle).is_in(haystack)
}

/// A needle made ready for [`contains`] once, for a search that tests it against every field of
/// a million events: which of its bytes to look for first is then worked out once, not per field.
#[derive(Debug, Clone)]
pub struct Pattern<T = String> {
    needle: T,
    /// Whether the needle is ASCII, and so searched for without allocating.
    ascii: bool,
    /// Where its rarest byte stands in it (for an ASCII needle).
    rare: usize,
}

impl<T: AsRef<str>> Pattern<T> {
    /// Makes `needle` ready.
    pub fn new(needle: T) -> Pattern<T> {
        let bytes = needle.as_ref().as_bytes();
        let rare = (0..bytes.len()).max_by_key(|&k| RARITY[usize::from(bytes[k])]);
        Pattern {
            ascii: bytes.is_ascii(),
            rare: rare.unwrap_or(0),
            needle,
        }
    }

    /// The needle as given.
    pub fn text(&self) -> &str {
        self.needle.as_ref()
    }

    /// True when `haystack.to_lowercase()` contains the needle lowercased.
    pub fn is_in(&self, haystack: &str) -> bool {
        let needle = self.text();
        if !self.ascii {
            return haystack.to_lowercase().contains(&needle.to_lowercase());
        }
        ascii_contains(haystack.as_bytes(), needle.as_bytes(), self.rare)
            || (folds_to_ascii(haystack) && haystack.to_lowercase().contains(&needle.to_ascii_lowercase()))
    }
}

/// True when the text holds a character of [`FOLD_TO_ASCII`]. A byte search for their first
/// UTF-8 bytes: `str::contains` would decode every character of every field searched.
pub fn folds_to_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr2_iter(0xC4, 0xE2, bytes).any(|i| {
        let rest = &bytes[i..];
        FOLD_TO_ASCII
            .iter()
            .any(|&c| rest.starts_with(c.encode_utf8(&mut [0; 4]).as_bytes()))
    })
}

/// True when `a.to_lowercase() == b.to_lowercase()`.
pub fn eq(a: &str, b: &str) -> bool {
    // Lowercasings whose first characters differ differ, and most different names begin
    // differently: the explorer compares each event's outlets, a million events at a time. A
    // first character lowercases alike wherever it stands (a sigma is final only after a letter).
    let first = |s: &str| s.chars().next().and_then(|c| c.to_lowercase().next());
    // Equal bytes lowercase alike: the usual case (one outlet's name written the same way twice)
    // needs no folding at all.
    if a == b {
        true
    } else if first(a) != first(b) {
        false
    } else if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else if a.contains('Σ') || b.contains('Σ') {
        // Only a capital sigma lowercases by its context (ς at the end of a word), so only it
        // needs whole strings lowercased.
        a.to_lowercase() == b.to_lowercase()
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// True when `haystack` contains the ASCII `needle`, ignoring ASCII case. It looks for the needle's
/// rarest letter (by English frequency), at `k` in it, in either case, then compares the bytes
/// around each hit.
fn ascii_contains(haystack: &[u8], needle: &[u8], k: usize) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.len() < needle.len() {
        return false;
    }
    let rare = needle[k];
    let (lower, upper) = (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
    // Hits before `k` cannot start a match, nor those too close to the end.
    let searched = &haystack[k..haystack.len() - (needle.len() - 1 - k)];
    let mut from = 0;
    while let Some(i) = memchr2(lower, upper, &searched[from..]) {
        let start = from + i;
        if haystack[start..start + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        from = start + 1;
    }
    false
}

/// How seldom each byte occurs in text: letters by English frequency (either case), a space
/// least, digits and punctuation among the middling letters.
const RARITY: [u8; 256] = {
    const COMMON_FIRST: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let mut table = [12; 256];
    table[b' ' as usize] = 0;
    let mut rank = 0;
    while rank < COMMON_FIRST.len() {
        let b = COMMON_FIRST[rank];
        table[b as usize] = rank as u8 + 1;
        table[b.to_ascii_uppercase() as usize] = rank as u8 + 1;
        rank += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slow(haystack: &str, needle: &str) -> bool {
        haystack.to_lowercase().contains(&needle.to_lowercase())
    }

    fn slow_eq(a: &str, b: &str) -> bool {
        a.to_lowercase() == b.to_lowercase()
    }

    #[test]
    fn only_two_characters_fold_into_ascii() {
        let folding: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(folding, FOLD_TO_ASCII);
    }

    #[test]
    fn the_lead_bytes_searched_for_are_those_of_the_folding_characters() {
        let leads: Vec<u8> = FOLD_TO_ASCII.iter().map(|c| c.to_string().as_bytes()[0]).collect();
        assert_eq!(leads, [0xC4, 0xE2]);
        assert!(folds_to_ascii("5 \u{212A} – ok") && folds_to_ascii("\u{0130}") && !folds_to_ascii("Århus – Ķ"));
    }

    #[test]
    fn matches_ignore_case_as_lowercasing_would() {
        for (haystack, needle, found) in [
            ("Arrived in MOSCOW", "moscow", true),
            ("Arrived in MOSCOW", "Moscow", true),
            ("quillwort", "QUILLWORT", true),
            ("", "", true),
            ("abc", "", true),
            ("ab", "abc", false),
            ("The Kremlin", "kremlin ", false),
            ("5 \u{212A}", "5 k", true),
            ("\u{0130}stanbul", "i", true),
            ("\u{0130}stanbul", "is", false),
            ("ÉCOLE", "école", true),
            ("straße", "STRASSE", false),
            ("x-ray", "X-R", true),
        ] {
            assert_eq!(contains(haystack, needle), found, "{haystack:?} {needle:?}");
            assert_eq!(slow(haystack, needle), found, "{haystack:?} {needle:?}");
        }
        assert!(eq("Mining", "MINING") && eq("ÉCOLE", "école") && !eq("mine", "mining"));
        assert!(eq("O DIÁRIO", "o diário") && !eq("Diário", "Diario"));
        assert!(eq("ΟΔΟΣ", "οδος") == slow_eq("ΟΔΟΣ", "οδος") && eq("ΟΔΟΣ", "οδoς") == slow_eq("ΟΔΟΣ", "οδoς"));
    }

    proptest! {
        #[test]
        fn contains_agrees_with_lowercasing(
            haystack in "[a-zA-Z \u{212A}\u{0130}éÉ-]{0,40}",
            needle in "[a-zA-Z é-]{0,5}",
        ) {
            prop_assert_eq!(contains(&haystack, &needle), slow(&haystack, &needle));
        }

        #[test]
        fn eq_agrees_with_lowercasing(a in "[a-zA-ZéÉİ\u{212A}ΣσςΟ ]{0,8}", b in "[a-zA-ZéÉİ\u{212A}ΣσςΟ ]{0,8}") {
            prop_assert_eq!(eq(&a, &b), slow_eq(&a, &b));
            prop_assert!(eq(&a, &a.to_uppercase()) == slow_eq(&a, &a.to_uppercase()));
        }

        #[test]
        fn a_needle_cut_from_the_haystack_is_found(haystack in "\\PC{0,40}", a in 0_usize..40, len in 0_usize..6) {
            let chars: Vec<char> = haystack.chars().collect();
            let a = a.min(chars.len());
            let needle: String = chars[a..(a + len).min(chars.len())].iter().collect();
            prop_assert_eq!(contains(&haystack, &needle), slow(&haystack, &needle));
        }
    }
}
