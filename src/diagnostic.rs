//! Located problems in a file, rendered as `file:line:col`, the offending line, a caret and a hint.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_width::UnicodeWidthStr;

use crate::text;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file is wrong; tlx will not open it.
    Error,
    /// The file works but may not say what the author meant.
    Warning,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable short name ("unknown-key"), for tests and for people searching the README.
    pub code: &'static str,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Byte range in the file; `None` for problems of the whole file.
    pub span: Option<Range<usize>>,
    /// What to do about it.
    pub hint: Option<String>,
    /// For an error that leaves one event out while the others open: where that event starts
    /// (a byte offset, the same for each of its errors).
    pub set_aside: Option<usize>,
}

impl Diagnostic {
    /// An error at a byte range.
    pub fn error(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: Some(span),
            hint: None,
            set_aside: None,
        }
    }

    /// A warning at a byte range.
    pub fn warning(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic, saying that it leaves out the event that starts at `event`.
    pub fn setting_aside(mut self, event: usize) -> Self {
        self.set_aside = Some(event);
        self
    }

    /// The same diagnostic for text found `by` bytes further into the file.
    pub fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.map(|s| s.start + by..s.end + by);
        self.set_aside = self.set_aside.map(|at| at + by);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file's name and text, with the line starts needed to locate byte offsets.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    /// Whether a lone CR ends a line too (see [`SourceText::with_lone_cr`]).
    lone_cr: bool,
    /// Where each line starts, found when an offset is first located: most loads locate
    /// nothing, and a million-event file has some 23 million lines (185 MB of starts).
    line_starts: OnceLock<Vec<usize>>,
}

/// Columns of a line shown around the caret, so minified files stay readable.
const WINDOW: usize = 100;
/// Columns of a message or hint at most; they quote keys and values from the file.
const MESSAGE_WIDTH: usize = 300;

impl<'a> SourceText<'a> {
    /// Indexes `text` for locating offsets.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceText {
            name,
            text,
            lone_cr: false,
            line_starts: OnceLock::new(),
        }
    }

    /// Indexes `text` whose lines may also end at a lone CR, as an editor shows them (old Mac
    /// files, some exports). Not for TOML, where a lone CR is an error best shown where it is.
    pub fn with_lone_cr(name: &'a str, text: &'a str) -> Self {
        SourceText {
            lone_cr: true,
            ..SourceText::new(name, text)
        }
    }

    /// Where each line starts, the first at 0.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let ends: Box<dyn Iterator<Item = usize>> = if self.lone_cr {
                Box::new(
                    memchr::memchr2_iter(b'\n', b'\r', bytes)
                        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')),
                )
            } else {
                Box::new(memchr::memchr_iter(b'\n', bytes))
            };
            std::iter::once(0).chain(ends.map(|i| i + 1)).collect()
        })
    }

    /// The file's name, as shown in diagnostics.
    pub fn name(&self) -> &str {
        self.name
    }

    /// The text located in.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let col = self.text[start..floor_char_boundary(self.text, offset)].chars().count() + 1;
        (line + 1, col)
    }

    fn line_text(&self, line: usize) -> &'a str {
        let starts = self.line_starts();
        let start = starts[line - 1];
        let end = starts.get(line).map_or(self.text.len(), |&e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// Renders one diagnostic, rustc style.
    pub fn render(&self, d: &Diagnostic) -> String {
        let word = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{word}[{}]: {}\n", d.code, shown(&d.message));
        match &d.span {
            None => {
                let _ = writeln!(out, "  --> {}", text::line(self.name));
            }
            Some(span) => {
                let (line, col) = self.line_col(span.start);
                let _ = writeln!(out, "  --> {}:{line}:{col}", text::line(self.name));
                self.render_excerpt(&mut out, line, span);
            }
        }
        if let Some(hint) = &d.hint {
            let gutter = d
                .span
                .as_ref()
                .map_or(1, |s| self.line_col(s.start).0.to_string().len());
            let _ = writeln!(out, "{} = hint: {}", " ".repeat(gutter), shown(hint));
        }
        out
    }

    fn render_excerpt(&self, out: &mut String, line: usize, span: &Range<usize>) {
        let text = self.line_text(line);
        let line_start = self.line_starts()[line - 1];
        let within = |at: usize| floor_char_boundary(text, at.saturating_sub(line_start).min(text.len()));
        let (start, end) = (within(span.start), within(span.end.max(span.start)));
        // Each part is made printable on its own, so the caret lines up with what is shown, and
        // long lines are cut to a window around the caret. Only a window's worth of characters
        // on each side is read: a line may hold a million.
        let before = shown_tail(&text[..start], WINDOW / 2);
        let room = WINDOW - before.width();
        let marked = shown_head(&text[start..end], room);
        let after = shown_head(&text[end..], room - marked.width());
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {before}{marked}{after}");
        let carets = "^".repeat(marked.width().max(1));
        let _ = writeln!(out, "{pad} | {}{carets}", " ".repeat(before.width()));
    }

    /// Renders the diagnostics a reader can take in, and a closing count of all of them: a
    /// finding repeated word for word (a cascade, such as each line after an unclosed array) is
    /// shown once with the number of repeats, and at most [`PER_KIND`] of each kind are shown,
    /// then how many more there are.
    pub fn render_all(&self, diags: &[Diagnostic]) -> String {
        self.render_some(diags, Some(PER_KIND))
    }

    /// Renders every diagnostic, however many (`tlx check --all`), and a closing count.
    pub fn render_every(&self, diags: &[Diagnostic]) -> String {
        self.render_some(diags, None)
    }

    fn render_some(&self, diags: &[Diagnostic], per_kind: Option<usize>) -> String {
        let mut out = String::new();
        let mut hidden = 0;
        if let Some(cap) = per_kind {
            for shown in capped(diags, cap) {
                out += &self.render(shown.diagnostic);
                if let Some(last) = shown.repeats.last() {
                    let (line, _) = self.line_col(last.span.as_ref().map_or(0, |s| s.start));
                    let times = plural(shown.repeats.len(), "time");
                    let _ = writeln!(
                        out,
                        "  = the same again {} more {times}, up to line {line}",
                        shown.repeats.len()
                    );
                }
                if shown.more_of_kind > 0 {
                    hidden += shown.more_of_kind;
                    let _ = writeln!(
                        out,
                        "\n... and {} more of this kind ({})",
                        shown.more_of_kind, shown.diagnostic.code
                    );
                }
                out.push('\n');
            }
        } else {
            out = diags.iter().map(|d| self.render(d) + "\n").collect();
        }
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}",
            text::line(self.name),
            errors,
            plural(errors, "error"),
            warnings,
            plural(warnings, "warning")
        );
        if hidden > 0 {
            let _ = writeln!(
                out,
                "{hidden} more not shown: `tlx check --all {}` lists every one",
                text::line(self.name)
            );
        }
        out
    }
}

/// How many diagnostics of one kind are shown before the rest are only counted.
pub const PER_KIND: usize = 20;

/// One diagnostic to show, with those that repeat it word for word and, for the last shown of
/// its kind, how many of the kind are left unshown.
struct Shown<'d> {
    diagnostic: &'d Diagnostic,
    repeats: Vec<&'d Diagnostic>,
    more_of_kind: usize,
}

/// The diagnostics to show, in order: repeats folded into their first, at most `cap` per kind.
/// Linear in the number of diagnostics (hash maps), as a file may have hundreds of thousands.
fn capped(diags: &[Diagnostic], cap: usize) -> Vec<Shown<'_>> {
    let mut shown: Vec<Shown<'_>> = Vec::new();
    let mut first: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
    // Per kind: how many are shown, and which shown one is the kind's last.
    let mut kinds: HashMap<&str, (usize, usize)> = HashMap::new();
    for d in diags {
        let key = (d.code, d.message.as_str(), d.hint.as_deref());
        if let Some(&at) = first.get(&key) {
            shown[at].repeats.push(d);
            continue;
        }
        let kind = kinds.entry(d.code).or_insert((0, 0));
        if kind.0 == cap {
            shown[kind.1].more_of_kind += 1;
            continue;
        }
        *kind = (kind.0 + 1, shown.len());
        first.insert(key, shown.len());
        shown.push(Shown {
            diagnostic: d,
            repeats: Vec::new(),
            more_of_kind: 0,
        });
    }
    shown
}

/// `word`, or its plural unless `n` is 1: "error", "errors".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A message or hint as printed: made printable, and cut when a file's text in it is very long.
fn shown(message: &str) -> String {
    shown_head(message, MESSAGE_WIDTH)
}

/// Characters read from either end of a text for at most `width` columns: a shown character
/// takes at least a column, or none for a combining mark, so a few per column is always enough.
fn enough(width: usize) -> usize {
    4 * width + 8
}

/// The first `width` columns of `raw` made printable, ending with "…" when cut; reads only the
/// first [`enough`] characters of it.
fn shown_head(raw: &str, width: usize) -> String {
    let end = raw.char_indices().nth(enough(width)).map_or(raw.len(), |(i, _)| i);
    let line = text::line(&raw[..end]);
    let fitted = text::fit(&line, width);
    if end == raw.len() || matches!(fitted, Cow::Owned(_)) {
        return fitted.into_owned();
    }
    // What was read fits, but more follows: say so.
    if line.width() < width {
        format!("{line}…")
    } else {
        text::fit(&line, width.saturating_sub(1)).into_owned()
    }
}

/// The last `width` columns of `raw` made printable, starting with "…" when cut; reads only the
/// last [`enough`] characters of it.
fn shown_tail(raw: &str, width: usize) -> String {
    let start = raw
        .char_indices()
        .rev()
        .nth(enough(width))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let line = text::line(&raw[start..]);
    let fitted = text::fit_tail(&line, width);
    if start == 0 || matches!(fitted, Cow::Owned(_)) {
        return fitted.into_owned();
    }
    if line.width() < width {
        format!("…{line}")
    } else {
        text::fit_tail(&line, width.saturating_sub(1)).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_in_lines_and_characters() {
        let src = SourceText::new("f.toml", "a = 1\né = \"x\"\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(6), (2, 1));
        assert_eq!(src.line_col(10), (2, 4)); // é is two bytes, one column
        assert_eq!(src.line_col(999), (3, 1));
    }

    #[test]
    fn renders_location_line_caret_and_hint() {
        let text = "[timeline]\ntitle = \"x\"\nsumary = \"y\"\n";
        let src = SourceText::new("t.toml", text);
        let d = Diagnostic::error("unknown-key", 23..29, "unknown key `sumary`").with_hint("did you mean `summary`?");
        assert_eq!(
            src.render(&d),
            "error[unknown-key]: unknown key `sumary`\n  --> t.toml:3:1\n  |\n3 | sumary = \"y\"\n  | ^^^^^^\n  = hint: did you mean `summary`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let text = format!("x = \"{}BAD{}\"", "a".repeat(500), "b".repeat(500));
        let at = text.find("BAD").unwrap();
        let src = SourceText::new("t.toml", &text);
        let out = src.render(&Diagnostic::error("bad", at..at + 3, "bad"));
        let excerpt = out.lines().nth(3).unwrap();
        assert!(
            excerpt.contains("BAD") && excerpt.chars().count() < WINDOW + 10,
            "{excerpt}"
        );
        let caret = out.lines().nth(4).unwrap();
        assert_eq!(
            caret.find('^').unwrap() - 4,
            excerpt.find("BAD").unwrap() - 4 - 2 /* … is 3 bytes, 1 col */
        );
    }

    #[test]
    fn wide_lines_are_cut_by_columns() {
        let text = format!("x = \"{}BAD{}\"", "東".repeat(500), "京".repeat(500));
        let at = text.find("BAD").unwrap();
        let out = SourceText::new("t.toml", &text).render(&Diagnostic::error("bad", at..at + 3, "bad"));
        let (excerpt, caret) = (out.lines().nth(3).unwrap(), out.lines().nth(4).unwrap());
        assert!(excerpt.width() <= WINDOW + 4, "{excerpt}");
        let bad = excerpt.find("BAD").unwrap();
        assert_eq!(caret.find('^').unwrap(), excerpt[..bad].width(), "{out}");
    }

    #[test]
    fn file_text_in_messages_excerpts_and_names_is_printable() {
        let text = "x = \"\u{1b}[2J\u{9b}\u{202e}\"\n";
        let src = SourceText::new("evil\u{1b}]0;t\u{7}.toml", text);
        let d = Diagnostic::error("bad", 4..13, "bad \u{1b}[31m").with_hint("\u{202e}hint");
        let out = src.render_all(&[d]);
        assert!(!out.chars().any(|c| crate::text::is_hidden(c) && c != '\n'), "{out:?}");
        assert!(
            out.contains("evil␛]0;t␇.toml:1:5") && out.contains("\"␛[2J⟨U+009B⟩⟨U+202E⟩\""),
            "{out}"
        );
    }

    #[test]
    fn long_messages_are_cut() {
        let src = SourceText::new("t.toml", "x");
        let out = src.render(&Diagnostic::error(
            "bad",
            0..1,
            format!("unknown key `{}`", "k".repeat(10_000)),
        ));
        assert!(out.lines().next().unwrap().width() <= MESSAGE_WIDTH + 20, "{out}");
    }

    #[test]
    fn a_million_character_line_renders_windows_with_the_caret_under_each_span() {
        let line = format!("x = \"{}\"", "a\u{1b}東".repeat(340_000));
        let src = SourceText::new("t.toml", &line);
        // A diagnostic every 500 characters along the line, each rendered: reading the whole
        // line for each, as excerpts did, would take minutes.
        let diags: Vec<_> = line
            .char_indices()
            .step_by(500)
            .map(|(at, c)| Diagnostic::error("bad", at..at + c.len_utf8(), "bad"))
            .collect();
        let out = src.render_every(&diags);
        let blocks: Vec<&str> = out.split("\n\n").take(diags.len()).collect();
        for (n, block) in blocks.iter().enumerate() {
            let lines: Vec<&str> = block.lines().collect();
            assert_eq!(lines[1], format!("  --> t.toml:1:{}", n * 500 + 1), "{block}");
            let (excerpt, caret) = (lines[3], lines[4]);
            assert!(excerpt.width() <= WINDOW + 8, "{excerpt}");
            // The caret stands under the character the span starts at, as shown.
            let col = caret.find('^').unwrap();
            let marked = &line[diags[n].span.clone().unwrap()];
            let under: String = excerpt
                .chars()
                .scan(0, |w, c| {
                    let at = *w;
                    *w += c.to_string().width();
                    Some((at, c))
                })
                .filter(|&(at, _)| at == col)
                .map(|(_, c)| c)
                .collect();
            assert_eq!(under, text::line(marked).chars().take(1).collect::<String>(), "{block}");
        }
    }

    #[test]
    fn findings_are_capped_per_kind_and_repeats_folded_unless_all_are_asked_for() {
        let text = "x\n".repeat(200);
        let src = SourceText::new("t.toml", &text);
        let mut diags: Vec<_> = (0..100)
            .map(|i| Diagnostic::error("unknown-event", 2 * i..2 * i + 1, format!("no event `{i}`")))
            .collect();
        diags.extend((100..200).map(|i| Diagnostic::error("syntax", 2 * i..2 * i + 1, "unclosed array")));
        let out = src.render_all(&diags);
        assert_eq!(out.matches("error[unknown-event]").count(), PER_KIND, "{out}");
        assert!(out.contains("... and 80 more of this kind (unknown-event)"), "{out}");
        assert_eq!(out.matches("error[syntax]").count(), 1, "{out}");
        assert!(out.contains("the same again 99 more times, up to line 200"), "{out}");
        assert!(
            out.contains("t.toml: 200 errors, 0 warnings\n80 more not shown: `tlx check --all t.toml`"),
            "{out}"
        );
        let every = src.render_every(&diags);
        assert_eq!(every.matches("error[").count(), 200);
        assert!(!every.contains("more not shown"));
    }
}
