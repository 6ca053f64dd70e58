//! Markdown export: a chronology report to paste into a paper. One section per event, its sources
//! and denials as numbered lists with quotes, then the bibliography of `[references]`.
//!
//! User text is escaped so that it reads as written and never changes the layout or becomes HTML.
//! A web URL in running text is written as an autolink (`<https://...>`), inside which nothing is
//! escaped, so renderers keep it whole (an escaped `\_` inside a bare URL made them cut the link).
//! The lines of a multi-line text end in hard breaks, so they do not run together.

use super::evidence::{Account, Kind, items};
use super::markup::replace_into;
use super::{Pieces, no_outline, prose};
use crate::model::lag::Lags;
use crate::model::{Event, Timeline};
use crate::url::is_web;

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
    let mut out = format!("# {}\n\n", inline(&meta.title));
    if let Some(d) = &meta.description {
        out += &paragraph(d, "");
    }
    if let Some(b) = prose::byline(meta) {
        out += &format!("*{}*\n\n", inline(&b));
    }
    out
}

/// The bibliography of `[references]`, if any.
fn references(t: &Timeline) -> String {
    let mut out = String::new();
    if !t.references.is_empty() {
        out += "## References\n\n";
        for (n, id) in t.references.keys().enumerate() {
            out += &reference_entry(t, id, n + 1);
        }
    }
    out
}

fn event(t: &Timeline, e: &Event) -> String {
    let mut out = format!("## {}: {}\n\n", inline(&e.date.human()), inline(&e.title));
    out += &format!("**Status:** {}\n\n", e.status_with_counts());
    if let Some(lags) = Lags::of_all(t, e).sentence() {
        out += &format!("**Report lag:** {}\n\n", inline(&lags));
    }
    if let Some(s) = &e.summary {
        out += &paragraph(s, "");
    }
    let mut facts = Vec::new();
    if !e.tags.is_empty() {
        facts.push(format!("**Tags:** {}", inline(&e.tags.join(", "))));
    }
    if !e.actors.is_empty() {
        let names: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
        facts.push(format!("**Actors:** {}", inline(&names.join(", "))));
    }
    if let Some(p) = &e.more.place {
        facts.push(format!("**Place:** {}", inline(&p.label())));
    }
    if !facts.is_empty() {
        out += &format!("{}\n\n", facts.join(" · "));
    }
    if let Some(n) = &e.more.notes {
        out += &paragraph(&format!("Note: {n}"), "");
    }
    if let Some(m) = &e.more.media {
        let mut line = format!("**Media:** {}", link(&m.url));
        if let Some(credit) = &m.credit {
            line += &format!(" (credit: {})", inline(credit));
        }
        out += &format!("{line}\n\n");
        if let Some(caption) = &m.caption {
            out += &paragraph(caption, "");
        }
    }
    let claims = e.claim_evidence();
    if !claims.is_empty() {
        out += "**Claims**\n\n";
        for (n, c) in claims.iter().enumerate() {
            let marker = format!("{}. ", n + 1);
            let claim = c.of(e);
            out += &format!(
                "{marker}**{}**: {} ({})\n\n",
                inline(&claim.id),
                inline(&claim.text),
                prose::claim_status(c)
            );
            for line in [prose::claim_lag(t, e, c), prose::verdict(e, c)].into_iter().flatten() {
                out += &paragraph(&line, &" ".repeat(marker.len()));
            }
        }
    }
    let items = items(t, e);
    for (kind, heading) in [(Kind::Source, "Sources"), (Kind::Denial, "Denials")] {
        let of_kind: Vec<&Account> = items.iter().filter(|i| i.kind == kind).collect();
        if !of_kind.is_empty() {
            out += &format!("**{heading}**\n\n");
            for (n, item) in of_kind.into_iter().enumerate() {
                out += &list_entry(t, item, n + 1);
            }
        }
    }
    out
}

/// "1. **Fox News**, citing …, via …, links" then the quote as a blockquote inside the item.
fn list_entry(t: &Timeline, item: &Account, n: usize) -> String {
    let marker = format!("{n}. ");
    let mut out = format!("{marker}**{}**", inline(&prose::name(item)));
    for part in prose::attribution(t, item) {
        out += &format!(", {}", inline(&part));
    }
    if let Some(u) = item.reference.and_then(|r| r.url.as_deref()) {
        out += &format!(" ({})", link(u));
    }
    if let Some(u) = item.url {
        out += &format!(", {}", link(u));
    }
    out += "\n\n";
    if let Some(q) = item.quote {
        out += &paragraph(q, &format!("{}> ", " ".repeat(marker.len())));
    }
    out
}

/// A bibliography entry: outlet, "title", date, links, when read, and the author's note.
fn reference_entry(t: &Timeline, id: &str, n: usize) -> String {
    let r = &t.references[id];
    let marker = format!("{n}. ");
    let mut out = format!("{marker}{}", inline(&t.reference_label(id)));
    if let Some(u) = &r.url {
        out += &format!(", {}", link(u));
    }
    if let Some(u) = &r.archived {
        out += &format!(" (archived: {})", link(u));
    }
    if let Some(d) = &r.accessed {
        out += &format!(", accessed {}", inline(&d.human()));
    }
    out += "\n\n";
    if let Some(note) = &r.note {
        out += &paragraph(note, &" ".repeat(marker.len()));
    }
    out
}

/// A link for http(s) URLs; any other URL is shown as inert text.
fn link(url: &str) -> String {
    if !is_web(url) {
        return inline(url);
    }
    let url = url.trim();
    // An autolink shows the URL as written, with nothing escaped inside it.
    if !url.contains(['<', '>', '\\', ' ']) && !url.contains(char::is_whitespace) {
        return format!("<{url}>");
    }
    // An angle-bracketed destination may hold parentheses; what it may not hold is encoded.
    let mut dest = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' | '>' | '\\' | ' ' | '\n' | '\r' | '\t' => dest += &format!("%{:02X}", c as u32),
            c => dest.push(c),
        }
    }
    let text = escape_text(&url.split_whitespace().collect::<Vec<_>>().join(" "));
    format!("[{text}](<{dest}>)")
}

/// Text on one line (line breaks become spaces), escaped.
fn inline(text: &str) -> String {
    escape_line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Text as a paragraph whose every line starts with `prefix` (an indent, a "> "), escaped line by
/// line; a line followed by another ends in a hard break (`\`) so the text's own line breaks
/// survive, and a blank line stays a blank line (a new paragraph). A blank line follows.
fn paragraph(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out += prefix.trim_end();
        } else {
            out += prefix;
            out += &escape_line(line);
            if lines.get(i + 1).is_some_and(|next| !next.is_empty()) {
                out.push('\\');
            }
        }
        out.push('\n');
    }
    out + "\n"
}

/// A line of text with its web URLs as autolinks and the rest escaped by [`escape_text`].
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut first = true;
    while let Some((before, url, after)) = next_url(rest) {
        if !before.is_empty() {
            out += &escape(before, first);
        }
        out += &format!("<{url}>");
        rest = after;
        first = false;
    }
    out + &escape(rest, first)
}

/// The first web URL in `text` that can stand as an autolink: the text before it, the URL, the
/// text after. A URL starts at `http://` or `https://` after a non-word character and runs to
/// white space or `<`, `>`, `"`; punctuation that ends a sentence is left out, as is a closing
/// bracket that opened before it.
fn next_url(text: &str) -> Option<(&str, &str, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http").map(|i| from + i) {
        from = found + 4;
        let boundary = !text[..found].chars().next_back().is_some_and(char::is_alphanumeric);
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|s| lower[found..].starts_with(s));
        let (true, Some(scheme)) = (boundary, scheme) else {
            continue;
        };
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

/// Text escaped by [`escape_text`], with the rules for a line's start when it starts one.
fn escape(text: &str, line_start: bool) -> String {
    if line_start {
        escape_text(text)
    } else {
        // Only a line's start can open a heading, quote or list; a leading space keeps those
        // rules from applying, and is then taken off.
        escape_text(&format!(" {text}"))[1..].to_string()
    }
}

/// Escapes the characters that would start emphasis, links, code, tables or HTML anywhere in a
/// line, and the ones that would start a heading, quote or list at its beginning; drops control characters.
fn escape_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    if line.starts_with(['#', '>', '-', '+', '=']) {
        out.push('\\');
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let ordinal = digits > 0 && line[digits..].starts_with(['.', ')']);
    replace_into(&mut out, line, |i, c| match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => Some(("\\", true)),
        '.' | ')' if ordinal && i == digits => Some(("\\", true)),
        '<' => Some(("&lt;", false)),
        // Terminal escapes would act on whoever `cat`s the report.
        c if c.is_control() => Some(("", false)),
        _ => None,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(
            inline("# *bold* _x_ [a](b) `c` <script> | ~~s~~"),
            r"\# \*bold\* \_x\_ \[a\](b) \`c\` &lt;script> \| \~\~s\~\~"
        );
        assert_eq!(inline("1. not a list\nsecond line"), r"1\. not a list second line");
        assert_eq!(
            paragraph("> not a quote\n\n- nor a list", "   > "),
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

    #[test]
    fn lines_of_a_text_end_in_hard_breaks_and_blank_lines_part_paragraphs() {
        assert_eq!(paragraph("one\ntwo\n\nthree", ""), "one\\\ntwo\n\nthree\n\n");
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
