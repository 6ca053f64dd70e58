//! Typed, located reads from one TOML table, reporting every problem instead of stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::model::Date;

/// The keys of a table, read one by one; unknown keys are reported when the table is opened.
pub struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Span of the whole table, where "missing key" problems point.
    pub span: Range<usize>,
    what: &'static str,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Opens a value that must be a table of `what` ("event", "source"), reporting keys not in `known`.
    pub fn open(
        value: &'t Spanned<DeValue<'i>>,
        what: &'static str,
        known: &[&str],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let DeValue::Table(table) = value.get_ref() else {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    value.span(),
                    format!("expected a table ({what}), found {}", value.get_ref().type_str()),
                )
                .with_hint(format!("write the {what} as a [table] of keys")),
            );
            return None;
        };
        report_unknown_keys(table, what, known, diags);
        Some(Fields {
            table,
            span: value.span(),
            what,
        })
    }

    /// The value of a key, if present.
    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// Span of a key's value, or of the table when the key is absent.
    pub fn span_of(&self, key: &str) -> Range<usize> {
        self.get(key).map_or_else(|| self.span.clone(), Spanned::span)
    }

    /// An optional string.
    pub fn string(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                diags.push(type_error(key, "a string", other, value.span()));
                None
            }
        }
    }

    /// A required, non-blank string.
    pub fn required_string(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        if self.get(key).is_none() {
            diags.push(self.missing(key));
            return None;
        }
        let s = self.string(key, diags)?;
        if s.trim().is_empty() {
            diags.push(
                Diagnostic::error(
                    "empty-value",
                    self.span_of(key),
                    format!("`{key}` of this {} is empty", self.what),
                )
                .with_hint(format!("write the {key}, or remove the {}", self.what)),
            );
            return None;
        }
        Some(s)
    }

    /// The "missing key" error for this table.
    pub fn missing(&self, key: &str) -> Diagnostic {
        Diagnostic::error(
            "missing-key",
            self.span.clone(),
            format!("this {} has no `{key}`, which is required", self.what),
        )
        .with_hint(format!("add `{key} = ...` to the {}", self.what))
    }

    /// An optional date, written as a string or as an unquoted TOML date.
    pub fn date(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
        let value = self.get(key)?;
        let text = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(dt) => dt.to_string(),
            DeValue::Integer(i) => i.as_str().to_string(),
            other => {
                diags.push(type_error(
                    key,
                    "a date string such as \"2015-07-24\"",
                    other,
                    value.span(),
                ));
                return None;
            }
        };
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "bad-date",
                        value.span(),
                        format!("invalid date \"{text}\": {}", e.message),
                    )
                    .with_hint(e.hint),
                );
                None
            }
        }
    }

    /// A required date.
    pub fn required_date(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
        if self.get(key).is_none() {
            diags.push(self.missing(key));
            return None;
        }
        self.date(key, diags)
    }

    /// An optional list of strings, each with its span (a lone string is accepted as a list of one).
    pub fn strings(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<(String, Range<usize>)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), value.span())],
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::String(s) => Some((s.to_string(), item.span())),
                    other => {
                        diags.push(type_error(key, "a list of strings", other, item.span()));
                        None
                    }
                })
                .collect(),
            other => {
                diags.push(type_error(key, "a list of strings", other, value.span()));
                Vec::new()
            }
        }
    }

    /// An optional true or false.
    pub fn boolean(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                diags.push(type_error(key, "true or false", other, value.span()));
                None
            }
        }
    }

    /// An optional positive integer.
    pub fn integer(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<i64> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
            other => {
                diags.push(type_error(key, "a whole number", other, value.span()));
                None
            }
        }
    }
}

fn type_error(key: &str, expected: &str, found: &DeValue<'_>, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        "wrong-type",
        span,
        format!("`{key}` must be {expected}, not {}", found.type_str()),
    )
    .with_hint(format!("write {key} as {expected}"))
}

/// Reports keys of `table` that are not in `known`, suggesting the closest known key.
pub fn report_unknown_keys(table: &DeTable<'_>, what: &str, known: &[&str], diags: &mut Vec<Diagnostic>) {
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if !known.contains(&name) {
            let hint = match did_you_mean(name, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the keys of {} are: {}", with_article(what), known.join(", ")),
            };
            diags.push(
                Diagnostic::error("unknown-key", key.span(), format!("unknown key `{name}` in {what}")).with_hint(hint),
            );
        }
    }
}

/// "a style", "an event", or the name as it is when it has its own article ("the file's top
/// level", which once read "the keys of a the file's top level").
fn with_article(what: &str) -> String {
    if what.starts_with("the ") {
        what.to_string()
    } else if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {what}")
    } else {
        format!("a {what}")
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        // Of two as close, the first in text order: candidates may come from a hash map, and a
        // check run twice says the same.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["id", "date", "title", "summary", "tags", "sources", "denials"];
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("source", keys), Some("sources"));
        assert_eq!(did_you_mean("Title", keys), Some("title"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn a_name_with_its_own_article_gets_no_other() {
        assert_eq!(super::with_article("the file's top level"), "the file's top level");
        assert_eq!(super::with_article("event"), "an event");
        assert_eq!(super::with_article("style"), "a style");
    }
}
