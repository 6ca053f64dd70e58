//! Located problems in a file, rendered as `file:line:col`, the offending line, a caret and a hint.

use std::fmt::Write as _;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

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

/// Longest stretch of a line shown around the caret, so minified files stay readable.
const WINDOW: usize = 100;

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
        let mut out = format!("{word}[{}]: {}\n", d.code, printable(&d.message));
        match &d.span {
            None => {
                let _ = writeln!(out, "  --> {}", self.name);
            }
            Some(span) => {
                let (line, col) = self.line_col(span.start);
                let _ = writeln!(out, "  --> {}:{line}:{col}", self.name);
                self.render_excerpt(&mut out, line, col, span);
            }
        }
        if let Some(hint) = &d.hint {
            let gutter = d
                .span
                .as_ref()
                .map_or(1, |s| self.line_col(s.start).0.to_string().len());
            let _ = writeln!(out, "{} = hint: {}", " ".repeat(gutter), printable(hint));
        }
        out
    }

    fn render_excerpt(&self, out: &mut String, line: usize, col: usize, span: &Range<usize>) {
        let text = self.line_text(line);
        let chars: Vec<char> = text.chars().collect();
        let start = col - 1;
        let line_end = self.line_starts[line - 1] + text.len();
        let len = self.text[span.start.min(line_end)..span.end.clamp(span.start.min(line_end), line_end)]
            .chars()
            .count()
            .max(1);
        // Cut long lines to a window around the caret.
        let from = start.saturating_sub(WINDOW / 2).min(chars.len());
        let to = (from + WINDOW).min(chars.len());
        let shown: String = chars[from..to].iter().collect();
        let before: String = chars[from..start.min(to)].iter().collect();
        let marked: String = chars[start.min(to)..(start + len).min(to)].iter().collect();
        let (pre, post) = (if from > 0 { "…" } else { "" }, if to < chars.len() { "…" } else { "" });
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {pre}{}{post}", printable(&shown));
        let indent = pre.len().min(1) + printable(&before).width();
        let carets = printable(&marked).width().max(1);
        let _ = writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(carets));
    }

    /// Renders every diagnostic and a closing count.
    pub fn render_all(&self, diags: &[Diagnostic]) -> String {
        let mut out: String = diags.iter().map(|d| self.render(d) + "\n").collect();
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}",
            self.name,
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

/// Text safe to print on a terminal: control and bidi-override characters become visible escapes.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
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
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[2Jb\u{202e}c"), "a\\u{1b}[2Jb\\u{202e}c");
        assert_eq!(printable("ok\u{200d}"), "ok\u{200d}");
    }
}
