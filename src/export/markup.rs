//! Making user text safe to embed in the markup the exports write (XML, HTML), and deciding
//! which URLs may become links.

/// Text escaped for XML and HTML content and attribute values; characters XML 1.0 forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_into(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as [`xml`] escapes it.
pub fn xml_into(out: &mut String, text: &str) {
    replace_into(out, text, |_, c| match c {
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
}

/// Appends `text` to `out`, each character for which `instead` (given its place and itself)
/// says `Some((with, kept))` written as `with`, followed by the character itself when `kept`.
/// The runs between are copied whole: pushed a character at a time, escaping was a sixth of a
/// Markdown export's time and the largest share of a TimelineJS export's.
pub fn replace_into(
    out: &mut String,
    text: &str,
    mut instead: impl FnMut(usize, char) -> Option<(&'static str, bool)>,
) {
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let Some((with, kept)) = instead(i, c) else { continue };
        out.push_str(&text[from..i]);
        out.push_str(with);
        from = if kept { i } else { i + c.len_utf8() };
    }
    out.push_str(&text[from..]);
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
