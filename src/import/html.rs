//! HTML fragments (TimelineJS text, captions, credits) as plain text, keeping the links they held.
//!
//! Not an HTML parser: tags are dropped, `<br>` and block tags become line breaks, entities are
//! decoded, and `<a href>` is remembered so its URL is not lost with the markup.

use crate::text::words;

/// A link found in the fragment: its text and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link's text (its URL when the text is empty).
    pub text: String,
    /// The `href`.
    pub url: String,
}

/// Plain text and the links of an HTML fragment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plain {
    /// Paragraphs separated by line breaks; runs of spaces collapsed, as a browser shows them.
    pub text: String,
    /// Links, in order.
    pub links: Vec<Link>,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
];

/// Converts an HTML fragment to plain text and its links.
pub fn to_plain(html: &str) -> Plain {
    let mut raw = String::new();
    let mut links = Vec::new();
    let mut open_link: Option<(String, usize)> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut raw, &rest[..lt]);
        let after = &rest[lt + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(gt) = after.find('>').filter(|_| is_tag) else {
            raw.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => raw.push('\n'),
            "a" if !closing => open_link = attribute(tag, "href").map(|href| (decode(&href), raw.len())),
            "a" => {
                if let Some((url, start)) = open_link.take() {
                    let text = words(&decode(&raw[start..])).into_owned();
                    let text = if text.is_empty() { url.clone() } else { text };
                    links.push(Link { text, url });
                }
            }
            "cite" if !closing => raw.push_str(" — "),
            n if BLOCK_TAGS.contains(&n) => raw.push('\n'),
            _ => {}
        }
    }
    push_text(&mut raw, rest);
    Plain {
        text: paragraphs(&decode(&raw)),
        links,
    }
}

/// Text between tags: line breaks in the source are spaces, as in a browser.
fn push_text(raw: &mut String, text: &str) {
    raw.extend(text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
}

/// The fragment as one line (for titles).
pub fn one_line(html: &str) -> String {
    words(&to_plain(html).text).into_owned()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        from = i + name.len();
        let preceded = lower[..i].ends_with(|c: char| c.is_whitespace());
        let value = tag[from..].trim_start().strip_prefix('=').map(str::trim_start);
        if let (true, Some(v)) = (preceded, value) {
            return Some(match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or_default().to_string(),
                _ => v
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            });
        }
    }
    None
}

/// Collapses spaces inside each line, trims lines and drops blank ones.
fn paragraphs(text: &str) -> String {
    let lines: Vec<_> = text.lines().map(words).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

/// Decodes character references: the five XML ones, a few common named ones, and numeric ones.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| Some((entity(&rest[1..=semi])?, semi + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_keeps_breaks_and_links() {
        let p = to_plain(
            "<p>Take <a href=\"https://en.wikipedia.org/wiki/Ada_Lovelace\">Ada   Lovelace</a>:\n daughter of Byron.</p><span class=\"tl-note\">A note &amp; more.</span>",
        );
        assert_eq!(p.text, "Take Ada Lovelace: daughter of Byron.\nA note & more.");
        assert_eq!(
            p.links,
            [Link {
                text: "Ada Lovelace".into(),
                url: "https://en.wikipedia.org/wiki/Ada_Lovelace".into()
            }]
        );
    }

    #[test]
    fn credits_with_single_quoted_links_and_br() {
        let p = to_plain(
            "Cissy Houston photo:<a href='http://www.flickr.com/photos/x/'>Tom Marcello</a><br/><a href='http://commons.wikimedia.org/wiki/File%3AD.JPG?a=1&amp;b=2'>Dionne Warwick: CBS</a>",
        );
        assert_eq!(p.text, "Cissy Houston photo:Tom Marcello\nDionne Warwick: CBS");
        assert_eq!(p.links[0].url, "http://www.flickr.com/photos/x/");
        assert_eq!(p.links[1].url, "http://commons.wikimedia.org/wiki/File%3AD.JPG?a=1&b=2");
        assert_eq!(
            one_line("Whitney Houston<br/> 1963 - 2012"),
            "Whitney Houston 1963 - 2012"
        );
    }

    #[test]
    fn leaves_text_that_only_looks_like_markup() {
        assert_eq!(
            to_plain("a < b && c > d &bogus; &#233;&#x41;").text,
            "a < b && c > d &bogus; éA"
        );
        assert_eq!(
            to_plain("<blockquote>Words <cite>Edith Clarke</cite></blockquote>").text,
            "Words — Edith Clarke"
        );
        assert_eq!(to_plain("unclosed <a href='x").text, "unclosed <a href='x");
        assert_eq!(to_plain("<a>no href</a>").links, []);
    }
}
