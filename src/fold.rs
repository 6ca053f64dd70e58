//! Case-insensitive comparison as `str::to_lowercase` defines it, without allocating when the
//! needle is ASCII: search and filters test every event on every keystroke, so a lowercased copy
//! of each field per test was most of their time.

use memchr::memchr2;

/// The only non-ASCII characters whose lowercase holds an ASCII letter: the capital I with a dot
/// above (`i` and a combining dot) and the Kelvin sign (`k`). A haystack holding neither folds to
/// ASCII exactly where its ASCII bytes are.
const FOLD_TO_ASCII: [char; 2] = ['\u{0130}', '\u{212A}'];

/// True when `haystack.to_lowercase()` contains `needle.to_lowercase()`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    if !needle.is_ascii() {
        return haystack.to_lowercase().contains(&needle.to_lowercase());
    }
    ascii_contains(haystack.as_bytes(), needle.as_bytes())
        || (!haystack.is_ascii()
            && haystack.contains(FOLD_TO_ASCII)
            && haystack.to_lowercase().contains(&needle.to_ascii_lowercase()))
}

/// True when `a.to_lowercase() == b.to_lowercase()`.
pub fn eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// True when `haystack` contains the ASCII `needle`, ignoring ASCII case. It looks for the needle's
/// rarest letter (by English frequency) in either case, then compares the bytes around each hit.
fn ascii_contains(haystack: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.len() < needle.len() {
        return false;
    }
    let (k, &rare) = needle
        .iter()
        .enumerate()
        .max_by_key(|&(_, &b)| rarity(b))
        .unwrap_or((0, &needle[0]));
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

/// How seldom a byte occurs in text: letters by English frequency, other bytes rarer than `e`.
fn rarity(b: u8) -> usize {
    const COMMON_FIRST: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let b = b.to_ascii_lowercase();
    match COMMON_FIRST.iter().position(|&c| c == b) {
        Some(rank) => rank + 1,
        // A space is the commonest byte of all; digits and punctuation sit among the rarer letters.
        None if b == b' ' => 0,
        None => 12,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slow(haystack: &str, needle: &str) -> bool {
        haystack.to_lowercase().contains(&needle.to_lowercase())
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
        fn a_needle_cut_from_the_haystack_is_found(haystack in "\\PC{0,40}", a in 0_usize..40, len in 0_usize..6) {
            let chars: Vec<char> = haystack.chars().collect();
            let a = a.min(chars.len());
            let needle: String = chars[a..(a + len).min(chars.len())].iter().collect();
            prop_assert_eq!(contains(&haystack, &needle), slow(&haystack, &needle));
        }
    }
}
