//! TOML syntax errors as diagnostics: the parser's message, a location (found for the errors the
//! parser leaves unplaced), and a hint.

use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// Segments of a dotted key past which the TOML parser gives up ("recursion limit"), with no span.
const KEY_DEPTH: usize = 80;

/// The diagnostics for the parser's errors, in the order it reported them.
pub fn diagnostics(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut deep_keys = deep_dotted_keys(text);
    errors
        .iter()
        .map(|e| {
            // The parser gives a too-deep dotted key no span; the key is found here instead.
            let span = e.span().or_else(|| deep_keys.next());
            diagnostic(e.message(), span)
        })
        .collect()
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

    #[test]
    fn a_lone_carriage_return_is_named() {
        let text = "[timeline]\rtitle = \"x\"\n";
        let (_, errors) = toml::de::DeTable::parse_recoverable(text);
        let d = diagnostics(text, &errors);
        assert!(d[0].hint.as_deref().unwrap().contains("carriage return alone"), "{d:?}");
    }
}
