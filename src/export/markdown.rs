//! Markdown export: a chronology report to paste into a paper. One section per event, its sources
//! and denials as numbered lists with quotes, then the bibliography of `[references]`.
//!
//! User text is escaped so that it reads as written and never changes the layout or becomes HTML.
//! A web URL in running text is written as an autolink (`<https://...>`), inside which nothing is
//! escaped, so renderers keep it whole (an escaped `\_` inside a bare URL made them cut the link).
//! The lines of a multi-line text end in hard breaks, so they do not run together.

use std::fmt::Write as _;

use super::evidence::{Account, Kind, items};
use super::markup::Escape;
use super::{Pieces, no_outline, prose};
use crate::model::lag::Lags;
use crate::model::{Event, Timeline};
use crate::text::words;
use crate::url::{is_web, web_scheme};

/// The timeline as a Markdown report, events in chronological order, ending with a newline.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t, t.in_date_order())
}

/// The Markdown report in pieces: the title and what introduces the timeline, each event's
/// section, then the bibliography. The text ends with one newline, whichever piece ends it.
pub(super) const PIECES: Pieces = Pieces {
    head,
    outline: no_outline,
    event: |t, e, _, _| event(t, e),
    tail: |t, _, _| references(t),
    trimmed: true,
};

/// The title, the description and the byline.
fn head(t: &Timeline) -> String {
    let meta = &t.timeline;
    let mut out = String::from("# ");
    inline(&mut out, &meta.title);
    out.push_str("\n\n");
    if let Some(d) = &meta.description {
        paragraph(&mut out, d, Prefix::NONE);
    }
    if let Some(b) = prose::byline(meta) {
        out.push('*');
        inline(&mut out, &b);
        out.push_str("*\n\n");
    }
    out
}

/// The bibliography of `[references]`, if any.
fn references(t: &Timeline) -> String {
    let mut out = String::new();
    if !t.references.is_empty() {
        out += "## References\n\n";
        for (n, id) in t.references.keys().enumerate() {
            reference_entry(&mut out, t, id, n + 1);
        }
    }
    out
}

// Each piece of text is written into the event's one string as it is made: made apart and
// joined, its small strings took more of a million events' export than what they hold.
fn event(t: &Timeline, e: &Event) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("## ");
    inline(&mut out, &e.date.human());
    out.push_str(": ");
    inline(&mut out, &e.title);
    out.push_str("\n\n**Status:** ");
    out.push_str(&e.status_with_counts());
    out.push_str("\n\n");
    if let Some(lags) = Lags::of_all(t, e).sentence() {
        out.push_str("**Report lag:** ");
        inline(&mut out, &lags);
        out.push_str("\n\n");
    }
    if let Some(s) = &e.summary {
        paragraph(&mut out, s, Prefix::NONE);
    }
    let mut facts = String::new();
    let mut fact = |label: &str, text: &str| {
        if !facts.is_empty() {
            facts.push_str(" · ");
        }
        facts.push_str(label);
        inline(&mut facts, text);
    };
    if !e.tags.is_empty() {
        fact("**Tags:** ", &e.tags.join(", "));
    }
    if !e.actors.is_empty() {
        let names: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
        fact("**Actors:** ", &names.join(", "));
    }
    if let Some(p) = &e.more.place {
        fact("**Place:** ", &p.label());
    }
    if !facts.is_empty() {
        out.push_str(&facts);
        out.push_str("\n\n");
    }
    if let Some(n) = &e.more.notes {
        paragraph(&mut out, &format!("Note: {n}"), Prefix::NONE);
    }
    if let Some(m) = &e.more.media {
        out.push_str("**Media:** ");
        link(&mut out, &m.url);
        if let Some(credit) = &m.credit {
            out.push_str(" (credit: ");
            inline(&mut out, credit);
            out.push(')');
        }
        out.push_str("\n\n");
        if let Some(caption) = &m.caption {
            paragraph(&mut out, caption, Prefix::NONE);
        }
    }
    let claims = e.claim_evidence();
    if !claims.is_empty() {
        out += "**Claims**\n\n";
        for (n, c) in claims.iter().enumerate() {
            let indent = marker(&mut out, n + 1);
            let claim = c.of(e);
            out.push_str("**");
            inline(&mut out, &claim.id);
            out.push_str("**: ");
            inline(&mut out, &claim.text);
            write!(out, " ({})\n\n", prose::claim_status(c)).expect("a String takes any text");
            for line in [prose::claim_lag(t, e, c), prose::verdict(e, c)].into_iter().flatten() {
                paragraph(&mut out, &line, Prefix::indent(indent));
            }
        }
    }
    let items = items(t, e);
    for (kind, heading) in [(Kind::Source, "**Sources**\n\n"), (Kind::Denial, "**Denials**\n\n")] {
        let mut of_kind = items.iter().filter(|i| i.kind == kind).peekable();
        if of_kind.peek().is_some() {
            out.push_str(heading);
            for (n, item) in of_kind.enumerate() {
                list_entry(&mut out, t, item, n + 1);
            }
        }
    }
    out
}

/// Writes a numbered list's marker ("12. "), and gives its width, the indent of what follows it.
fn marker(out: &mut String, n: usize) -> usize {
    let before = out.len();
    write!(out, "{n}. ").expect("a String takes any text");
    out.len() - before
}

/// "1. **Fox News**, citing …, via …, links" then the quote as a blockquote inside the item.
fn list_entry(out: &mut String, t: &Timeline, item: &Account, n: usize) {
    let indent = marker(out, n);
    out.push_str("**");
    inline(out, &prose::name(item));
    out.push_str("**");
    for part in prose::attribution(t, item) {
        out.push_str(", ");
        inline(out, &part);
    }
    if let Some(u) = item.reference.and_then(|r| r.url.as_deref()) {
        out.push_str(" (");
        link(out, u);
        out.push(')');
    }
    if let Some(u) = item.url {
        out.push_str(", ");
        link(out, u);
    }
    out.push_str("\n\n");
    if let Some(q) = item.quote {
        paragraph(out, q, Prefix { indent, quote: true });
    }
}

/// A bibliography entry: outlet, "title", date, links, when read, and the author's note.
fn reference_entry(out: &mut String, t: &Timeline, id: &str, n: usize) {
    let r = &t.references[id];
    let indent = marker(out, n);
    inline(out, &t.reference_label(id));
    if let Some(u) = &r.url {
        out.push_str(", ");
        link(out, u);
    }
    if let Some(u) = &r.archived {
        out.push_str(" (archived: ");
        link(out, u);
        out.push(')');
    }
    if let Some(d) = &r.accessed {
        out.push_str(", accessed ");
        inline(out, &d.human());
    }
    out.push_str("\n\n");
    if let Some(note) = &r.note {
        paragraph(out, note, Prefix::indent(indent));
    }
}

/// A link for http(s) URLs; any other URL is shown as inert text.
fn link(out: &mut String, url: &str) {
    if !is_web(url) {
        return inline(out, url);
    }
    let url = url.trim();
    // An autolink shows the URL as written, with nothing escaped inside it.
    if !url.contains(['<', '>', '\\']) && !url.contains(char::is_whitespace) {
        out.push('<');
        out.push_str(url);
        out.push('>');
        return;
    }
    out.push('[');
    escape_text(out, &words(url), true);
    // An angle-bracketed destination may hold parentheses; what it may not hold is encoded.
    out.push_str("](<");
    DESTINATION.append(out, url);
    out.push_str(">)");
}

/// What a link's destination may not hold, percent-encoded.
static DESTINATION: Escape = Escape::new(|c| match c {
    '<' => Some(("%3C", false)),
    '>' => Some(("%3E", false)),
    '\\' => Some(("%5C", false)),
    ' ' => Some(("%20", false)),
    '\n' => Some(("%0A", false)),
    '\r' => Some(("%0D", false)),
    '\t' => Some(("%09", false)),
    _ => None,
});

/// Text on one line (line breaks become spaces), escaped.
fn inline(out: &mut String, text: &str) {
    escape_line(out, &words(text));
}

/// What starts each line of a paragraph: an indent (a list item's), then "> " for a quote.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    indent: usize,
    quote: bool,
}

impl Prefix {
    const NONE: Prefix = Prefix::indent(0);

    const fn indent(indent: usize) -> Prefix {
        Prefix { indent, quote: false }
    }

    /// Starts a line of text, or a blank line, which ends in no space: a quote's keeps its `>`.
    fn start(self, out: &mut String, blank: bool) {
        if blank && !self.quote {
            return;
        }
        out.extend(std::iter::repeat_n(' ', self.indent));
        if self.quote {
            out.push_str(if blank { ">" } else { "> " });
        }
    }
}

/// Text as a paragraph whose every line starts with `prefix`, escaped line by line; a line
/// followed by another ends in a hard break (`\`) so the text's own line breaks survive, and a
/// blank line stays a blank line (a new paragraph). A blank line follows.
fn paragraph(out: &mut String, text: &str, prefix: Prefix) {
    let mut lines = text.trim().lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            prefix.start(out, true);
        } else {
            prefix.start(out, false);
            escape_line(out, line);
            if lines.peek().is_some_and(|next| !next.is_empty()) {
                out.push('\\');
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A line of text with its web URLs as autolinks and the rest escaped by [`escape_text`].
fn escape_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut first = true;
    while let Some((before, url, after)) = next_url(rest) {
        escape_text(out, before, first);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = after;
        first = false;
    }
    escape_text(out, rest, first);
}

/// The first web URL in `text` that can stand as an autolink: the text before it, the URL, the
/// text after. A URL starts at `http://` or `https://` after a non-word character and runs to
/// white space or `<`, `>`, `"`; punctuation that ends a sentence is left out, as is a closing
/// bracket that opened before it.
fn next_url(text: &str) -> Option<(&str, &str, &str)> {
    for found in memchr::memchr2_iter(b'h', b'H', text.as_bytes()) {
        let Some(scheme) = web_scheme(&text[found..]) else {
            continue;
        };
        if text[..found].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let run = text[found..]
            .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
            .map_or(&text[found..], |end| &text[found..found + end]);
        let mut url = run;
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
            let unbalanced = |open: char, close: char| {
                trimmed.ends_with(close) && trimmed.matches(close).count() > trimmed.matches(open).count()
            };
            let trimmed = if unbalanced('(', ')') || unbalanced('[', ']') {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed == url {
                break;
            }
            url = trimmed;
        }
        if url.len() > scheme.len() && is_web(url) {
            return Some((&text[..found], url, &text[found + url.len()..]));
        }
    }
    None
}

/// Escapes the characters that would start emphasis, links, code, tables or HTML anywhere in a
/// line, and, at a line's start (`line_start`), the ones that would start a heading, quote or
/// list there; drops control characters.
fn escape_text(out: &mut String, text: &str, line_start: bool) {
    let mut rest = text;
    if line_start {
        if text.starts_with(['#', '>', '-', '+', '=']) {
            out.push('\\');
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && text[digits..].starts_with(['.', ')']) {
            out.push_str(&text[..digits]);
            out.push('\\');
            rest = &text[digits..];
        }
    }
    TEXT.append(out, rest);
}

/// What would start emphasis, links, code, tables or HTML anywhere in a line.
static TEXT: Escape = Escape::new(|c| match c {
    '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => Some(("\\", true)),
    '<' => Some(("&lt;", false)),
    // Terminal escapes would act on whoever `cat`s the report.
    c if c.is_control() => Some(("", false)),
    _ => None,
});

#[cfg(test)]
mod tests {
    use super::*;

    /// What `write` writes into an empty string.
    fn written(write: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        write(&mut out);
        out
    }

    fn inline(text: &str) -> String {
        written(|out| super::inline(out, text))
    }

    fn link(url: &str) -> String {
        written(|out| super::link(out, url))
    }

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(
            inline("# *bold* _x_ [a](b) `c` <script> | ~~s~~"),
            r"\# \*bold\* \_x\_ \[a\](b) \`c\` &lt;script> \| \~\~s\~\~"
        );
        assert_eq!(inline("1. not a list\nsecond line"), r"1\. not a list second line");
        assert_eq!(
            written(|out| paragraph(out, "> not a quote\n\n- nor a list", Prefix { indent: 3, quote: true })),
            "   > \\> not a quote\n   >\n   > \\- nor a list\n\n"
        );
    }

    #[test]
    fn web_urls_in_text_are_autolinks_without_escapes_or_trailing_punctuation() {
        assert_eq!(
            inline("see https://ex.org/a_b_(c)_d. Then *x*"),
            r"see <https://ex.org/a_b_(c)_d>. Then \*x\*"
        );
        assert_eq!(
            inline("(https://ex.org/x_y), javascript:alert(1)"),
            r"(<https://ex.org/x_y>), javascript:alert(1)"
        );
        assert_eq!(inline("https://ex.org/*x*"), "<https://ex.org/*x>\\*");
        assert_eq!(
            inline("xhttps://no.org and https:// alone"),
            "xhttps://no.org and https:// alone"
        );
        assert_eq!(inline("# https://a.org/_x_"), r"\# <https://a.org/_x>\_");
    }

    /// Controls are dropped wherever they are (C1's begin with a byte that begins letters too);
    /// NEL (U+0085) is white space, so it parts words first.
    #[test]
    fn control_characters_are_dropped_among_letters() {
        assert_eq!(inline("a\u{9b}[2Jé\u{85}\u{7f}\u{1b}b ÿ\u{80}"), "a\\[2Jé b ÿ");
        assert_eq!(inline("12) \u{9b}x"), "12\\) x");
    }

    #[test]
    fn lines_of_a_text_end_in_hard_breaks_and_blank_lines_part_paragraphs() {
        assert_eq!(
            written(|out| paragraph(out, "one\ntwo\n\nthree", Prefix::NONE)),
            "one\\\ntwo\n\nthree\n\n"
        );
        // An indented paragraph's blank line ends in no space.
        assert_eq!(
            written(|out| paragraph(out, "one\n\ntwo", Prefix::indent(3))),
            "   one\n\n   two\n\n"
        );
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            link("https://e.org/a b(c)"),
            r"[https://e.org/a b(c)](<https://e.org/a%20b(c)>)"
        );
        assert_eq!(link(" https://e.org/a_b(c) "), "<https://e.org/a_b(c)>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
    }
}
