//! Located problems in a file, rendered as `file:line:col`, the offending line, a caret and a hint.

use std::fmt::Write as _;
use std::ops::Range;

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
    line_starts: Vec<usize>,
}

/// Columns of a line shown around the caret, so minified files stay readable.
const WINDOW: usize = 100;
/// Columns of a message or hint at most; they quote keys and values from the file.
const MESSAGE_WIDTH: usize = 300;

impl<'a> SourceText<'a> {
    /// Indexes `text` for locating offsets.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            name,
            text,
            line_starts,
        }
    }

    /// Indexes `text` whose lines may also end at a lone CR, as an editor shows them (old Mac
    /// files, some exports). Not for TOML, where a lone CR is an error best shown where it is.
    pub fn with_lone_cr(name: &'a str, text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            )
            .collect();
        SourceText {
            name,
            text,
            line_starts,
        }
    }

    /// The file's name, as shown in diagnostics.
    pub fn name(&self) -> &str {
        self.name
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(self.text, offset)].chars().count() + 1;
        (line + 1, col)
    }

    fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
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
        let line_start = self.line_starts[line - 1];
        let within = |at: usize| floor_char_boundary(text, at.saturating_sub(line_start).min(text.len()));
        let (start, end) = (within(span.start), within(span.end.max(span.start)));
        // Each part is made printable on its own, so the caret lines up with what is shown, and
        // long lines are cut to a window around the caret.
        let before = text::line(&text[..start]);
        let before = text::fit_tail(&before, WINDOW / 2);
        let room = WINDOW - before.width();
        let marked = text::line(&text[start..end]);
        let marked = text::fit(&marked, room);
        let after = text::line(&text[end..]);
        let after = text::fit(&after, room - marked.width());
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {before}{marked}{after}");
        let carets = "^".repeat(marked.width().max(1));
        let _ = writeln!(out, "{pad} | {}{carets}", " ".repeat(before.width()));
    }

    /// Renders every diagnostic and a closing count.
    pub fn render_all(&self, diags: &[Diagnostic]) -> String {
        let mut out: String = diags.iter().map(|d| self.render(d) + "\n").collect();
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
        out
    }
}

fn plural(n: usize, word: &str) -> String {
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
    text::fit(&text::line(message), MESSAGE_WIDTH).into_owned()
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
}
