//! Making user text safe to embed in the markup the exports write (XML, HTML), and deciding
//! which URLs may become links.

/// Text escaped for XML and HTML content and attribute values; characters XML 1.0 forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Runs between the characters escaped or dropped are copied whole: pushed a character at a
    // time, this was the largest share of a million events' TimelineJS export. Every character
    // looked for is ASCII or begins with 0xEF, so each is found at a character's first byte.
    let bytes = text.as_bytes();
    let (mut plain, mut i) = (0, 0);
    while i < bytes.len() {
        let (instead, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            // A stray control character would make the whole SVG unreadable to an XML parser.
            0..0x20 => ("", 1),
            // U+FFFE and U+FFFF.
            0xEF if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[plain..i]);
        out.push_str(instead);
        i += len;
        plain = i;
    }
    out.push_str(&text[plain..]);
    out
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
