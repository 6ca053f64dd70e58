//! Making user text safe to embed in the markup the exports write (XML, HTML), and deciding
//! which URLs may become links.

use std::sync::OnceLock;

/// Text escaped for XML and HTML content and attribute values; characters XML 1.0 forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    XML.append(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`xml`] escapes it.
pub fn xml_into(out: &mut String, text: &str) {
    XML.append(out, text);
}

static XML: Escape = Escape::new(|c| match c {
    '&' => Some(("&amp;", false)),
    '<' => Some(("&lt;", false)),
    '>' => Some(("&gt;", false)),
    '"' => Some(("&quot;", false)),
    '\'' => Some(("&#39;", false)),
    '\t' | '\n' | '\r' => None,
    // A stray control character would make the whole SVG unreadable to an XML parser.
    c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => Some(("", false)),
    _ => None,
});

/// A way of escaping text: for each character, what to write before it or in its place.
pub(super) struct Escape {
    /// `Some((with, kept))`: the character is written as `with`, followed by itself when `kept`.
    instead: fn(char) -> Option<(&'static str, bool)>,
    /// The bytes that begin a character `instead` changes, found from `instead` itself.
    starts: OnceLock<[bool; 256]>,
}

impl Escape {
    pub(super) const fn new(instead: fn(char) -> Option<(&'static str, bool)>) -> Escape {
        Escape {
            instead,
            starts: OnceLock::new(),
        }
    }

    /// Appends `text` to `out`, escaped. The runs between the characters changed are copied
    /// whole, and skipped a byte at a time without decoding them: asked of every character,
    /// escaping was a sixth of a Markdown export's time and the largest share of a TimelineJS
    /// export's.
    pub(super) fn append(&self, out: &mut String, text: &str) {
        let starts = self.starts.get_or_init(|| {
            // Every character is asked once, so no character the rule changes is skipped.
            let mut starts = [false; 256];
            for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
                if (self.instead)(c).is_some() {
                    starts[usize::from(c.encode_utf8(&mut [0; 4]).as_bytes()[0])] = true;
                }
            }
            starts
        });
        let bytes = text.as_bytes();
        let (mut from, mut at) = (0, 0);
        while at < bytes.len() {
            if !starts[usize::from(bytes[at])] {
                at += 1;
                continue;
            }
            // A byte that begins a character, so `at` is a character's boundary.
            let c = text[at..].chars().next().expect("a character begins here");
            if let Some((with, kept)) = (self.instead)(c) {
                out.push_str(&text[from..at]);
                out.push_str(with);
                from = if kept { at } else { at + c.len_utf8() };
            }
            at += c.len_utf8();
        }
        out.push_str(&text[from..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml("<b a=\"1\">'x' & \u{1b}[2J</b>"),
            "&lt;b a=&quot;1&quot;&gt;&#39;x&#39; &amp; [2J&lt;/b&gt;"
        );
        assert_eq!(xml("a\u{fffe}b\u{ffff}c\u{fffd}\t\r\n"), "abc\u{fffd}\t\r\n");
    }

    proptest::proptest! {
        /// Runs copied whole come to what each character escaped on its own comes to.
        #[test]
        fn runs_are_escaped_as_each_character_is(text in "([&<>\"'\\x00-\\x1f\u{fffd}-\u{ffff}é€a-z ]|\\PC){0,40}") {
            let each: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    '\t' | '\n' | '\r' => c.to_string(),
                    c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => String::new(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(xml(&text), each);
        }
    }
}
