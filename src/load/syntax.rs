//! TOML syntax errors as diagnostics: the parser's message, a location (found for the errors the
//! parser leaves unplaced), and a hint.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// Segments of a dotted key past which the TOML parser gives up ("recursion limit"), with no span.
const KEY_DEPTH: usize = 80;

/// The diagnostics for the parser's errors, in the order it reported them.
pub fn diagnostics(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut deep_keys = deep_dotted_keys(text);
    // Built once, and only for a file with a duplicate key: a file may have a million of them.
    let mut written: Option<HashMap<&str, Vec<usize>>> = None;
    errors
        .iter()
        .map(|e| {
            // The parser gives a too-deep dotted key no span; the key is found here instead.
            let span = e.span().or_else(|| deep_keys.next());
            match span {
                Some(span) if e.message().trim() == "duplicate key" => {
                    let written = written.get_or_insert_with(|| keys_written(text));
                    duplicate_key(text, span, written)
                }
                Some(span) if e.message().starts_with("invalid ") => {
                    control_character(text, &span).unwrap_or_else(|| diagnostic(e.message(), Some(span)))
                }
                span => diagnostic(e.message(), span),
            }
        })
        .collect()
}

/// A key written twice in one table, with where it was first written: the latest earlier line
/// that starts with the same key (or dotted-key part), counted back from the duplicate. The
/// distance is in lines, as `text` may be one table cut from a larger file.
fn duplicate_key(text: &str, span: Range<usize>, written: &HashMap<&str, Vec<usize>>) -> Diagnostic {
    let key = text.get(span.clone()).unwrap_or("");
    let first = written.get(key).and_then(|starts| {
        starts
            .partition_point(|&s| s < span.start)
            .checked_sub(1)
            .map(|i| starts[i])
    });
    let message = match first {
        Some(first) => {
            let lines = memchr::memchr_iter(b'\n', &text.as_bytes()[first..span.start]).count();
            let place = match lines {
                0 => "earlier on this line".to_string(),
                1 => "1 line above".to_string(),
                n => format!("{n} lines above"),
            };
            format!("duplicate key `{key}`, first written {place}")
        }
        None => format!("duplicate key `{key}`, written earlier in the same table"),
    };
    Diagnostic::error("syntax", span, format!("TOML syntax: {message}"))
        .with_hint("a key may be written once in a table; keep one of the two and remove the other")
}

/// Where each key part is written at the start of a line (`a.b = 1`, `[a.b]`, `[[a]]`), by its
/// text, in file order; for locating the first of two duplicate keys in one linear pass.
fn keys_written(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut written: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let key = line.trim_start().trim_start_matches('[').trim_start();
        let key_start = line_start + line.len() - key.len();
        line_start += line.len();
        let mut part_start = key_start;
        let mut quote = None;
        for (i, c) in key.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '.' | '=' | ']' | '\n') => {
                    let part = &text[part_start..key_start + i];
                    let trimmed = part.trim();
                    if !trimmed.is_empty() {
                        let at = part_start + part.len() - part.trim_start().len();
                        written.entry(trimmed).or_default().push(at);
                    }
                    if c != '.' {
                        break;
                    }
                    part_start = key_start + i + 1;
                }
                _ => {}
            }
        }
    }
    written
}

/// A raw control character where the parser wants a visible one, named with the escape to write
/// instead; `None` when the character at `span` is not one.
fn control_character(text: &str, span: &Range<usize>) -> Option<Diagnostic> {
    let c = text.get(span.start..)?.chars().next()?;
    if !c.is_control() || c == '\n' {
        return None;
    }
    let escape = match c {
        '\u{8}' => "\\b".to_string(),
        '\t' => "\\t".to_string(),
        '\u{c}' => "\\f".to_string(),
        '\r' => "\\r".to_string(),
        '\u{1b}' => "\\e".to_string(),
        c => format!("\\u{:04X}", u32::from(c)),
    };
    let code = format!("U+{:04X}", u32::from(c));
    Some(
        Diagnostic::error(
            "syntax",
            span.start..span.start + c.len_utf8(),
            format!("TOML syntax: control character {code}, write {escape}"),
        )
        .with_hint(format!(
            "TOML allows no raw control characters; inside a \"...\" string write {escape} (a '...' string has no escapes)"
        )),
    )
}

fn diagnostic(message: &str, span: Option<Range<usize>>) -> Diagnostic {
    let mut lines = message.trim().lines();
    let first = lines.next().unwrap_or("invalid TOML");
    let rest: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
    let hint = if first.starts_with("carriage return") {
        "a carriage return alone (an old Mac line ending) ends no line in TOML; save the file with LF or CRLF line endings".to_string()
    } else if first == "recursion limit" {
        format!("a dotted key may have at most {KEY_DEPTH} parts; write the deeper ones as [tables]")
    } else if first.contains("max recursion depth") {
        "arrays and inline tables nest too deeply; a timeline never needs this much nesting".to_string()
    } else if rest.is_empty() {
        "check the TOML syntax on this line (quotes, brackets, commas)".to_string()
    } else {
        rest.join("; ")
    };
    let diagnostic = Diagnostic::error("syntax", span.unwrap_or(0..0), format!("TOML syntax: {first}"));
    diagnostic.with_hint(hint)
}

/// Spans of the keys with more than [`KEY_DEPTH`] dotted parts, in file order: the first thing on a
/// line (`a.b.c = 1`) or in a table header (`[a.b.c]`). Dots inside quotes do not count.
fn deep_dotted_keys(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut line_start = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let key = line.trim_start().trim_start_matches('[');
        let key_start = line_start + line.len() - key.len();
        line_start += line.len();
        let mut dots = 0;
        let mut quote = None;
        let mut end = key.len();
        for (i, c) in key.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '.') => dots += 1,
                (None, '=' | ']' | '\n') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        (dots >= KEY_DEPTH).then(|| key_start..key_start + key[..end].trim_end().len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dotted_key_too_deep_for_the_parser_is_located() {
        let key = vec!["a"; 100].join(".");
        let text = format!("[timeline]\ntitle = \"x\"\n\n  {key} = 1\n");
        let (_, errors) = toml::de::DeTable::parse_recoverable(&text);
        let d = diagnostics(&text, &errors);
        assert_eq!(d.len(), 1, "{d:?}");
        let span = d[0].span.clone().unwrap();
        assert_eq!(&text[span], key);
        assert!(d[0].hint.as_deref().unwrap().contains("at most 80 parts"));
    }

    fn first(text: &str) -> Diagnostic {
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        diagnostics(text, &errors).remove(0)
    }

    #[test]
    fn a_duplicate_key_names_the_key_and_where_it_was_first_written() {
        let d = first("[timeline]\ntitle = \"x\"\ndescription = \"title\"\ntitle = \"y\"\n");
        assert_eq!(
            d.message,
            "TOML syntax: duplicate key `title`, first written 2 lines above"
        );
        let d = first("[timeline]\ntitle = \"x\"\n[[events]]\nid = \"a\"\ndate.year = 1\n date.year = 2\n");
        assert_eq!(
            d.message,
            "TOML syntax: duplicate key `year`, first written 1 line above"
        );
        let d = first("[timeline]\ntitle = \"x\"\n\n[timeline]\n");
        assert_eq!(
            d.message,
            "TOML syntax: duplicate key `timeline`, first written 3 lines above"
        );
        let d = first("[timeline]\nt = {a = 1, a = 2}\n");
        assert!(d.message.starts_with("TOML syntax: duplicate key `a`"), "{d:?}");
    }

    #[test]
    fn a_raw_control_character_is_named_with_its_escape() {
        let text = "[timeline]\ntitle = \"a\u{1b}b\"\n";
        let d = first(text);
        assert_eq!(d.message, "TOML syntax: control character U+001B, write \\e");
        assert_eq!(d.span, Some(21..22), "the ESC itself");
        let d = first("[timeline]\ntitle = \"a\u{1}b\"\n");
        assert_eq!(d.message, "TOML syntax: control character U+0001, write \\u0001");
        let d = first("[timeline]\ntitle = \"a\u{7f}b\"\n");
        assert_eq!(d.message, "TOML syntax: control character U+007F, write \\u007F");
    }

    #[test]
    fn a_lone_carriage_return_is_named() {
        let text = "[timeline]\rtitle = \"x\"\n";
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        let d = diagnostics(text, &errors);
        assert!(d[0].hint.as_deref().unwrap().contains("carriage return alone"), "{d:?}");
    }
}
