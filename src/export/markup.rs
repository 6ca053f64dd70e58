//! Making user text safe to embed in the markup the exports write (XML, HTML), and deciding
//! which URLs may become links.

/// Text escaped for XML and HTML content and attribute values; characters XML 1.0 forbids are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A stray control character would make the whole SVG unreadable to an XML parser.
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
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
    }
}
