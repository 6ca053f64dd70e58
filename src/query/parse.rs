//! Reading query text into terms; every error names the token it is about.

use std::ops::Range;

use super::{FIELDS, QueryError, Term, Test};
use crate::located::did_you_mean;
use crate::model::{Date, Reliability, Status, credibility_grade};
use crate::search;

/// One token: an optional `-`, an optional `field:`, and a value (quotes removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub negated: bool,
    pub field: Option<&'a str>,
    pub value: &'a str,
    /// The whole token, `-` included.
    pub span: Range<usize>,
    /// True when the value was in quotes.
    pub quoted: bool,
    /// True when an opening quote was never closed.
    pub unterminated: bool,
}

/// Splits query text into tokens at spaces outside quotes.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let negated = bytes[i] == b'-' && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace());
        if negated {
            i += 1;
        }
        // A field name is letters and hyphens followed by a colon; anything else is text ("10:30").
        let name_end = (i..bytes.len())
            .find(|&j| !(bytes[j].is_ascii_alphabetic() || bytes[j] == b'-'))
            .unwrap_or(bytes.len());
        let field = (name_end > i && bytes.get(name_end) == Some(&b':')).then(|| &text[i..name_end]);
        if field.is_some() {
            i = name_end + 1;
        }
        let (value, quoted, unterminated);
        if bytes.get(i) == Some(&b'"') {
            let close = text[i + 1..].find('"').map(|k| i + 1 + k);
            value = &text[i + 1..close.unwrap_or(bytes.len())];
            quoted = true;
            unterminated = close.is_none();
            i = close.map_or(bytes.len(), |c| c + 1);
        } else {
            let end = (i..bytes.len())
                .find(|&j| bytes[j].is_ascii_whitespace())
                .unwrap_or(bytes.len());
            value = &text[i..end];
            quoted = false;
            unterminated = false;
            i = end;
        }
        out.push(Token {
            negated,
            field,
            value,
            span: start..i,
            quoted,
            unterminated,
        });
    }
    out
}

/// Parses query text into terms.
pub(super) fn terms(text: &str) -> Result<Vec<Term>, QueryError> {
    tokens(text)
        .into_iter()
        .map(|token| {
            Ok(Term {
                negated: token.negated,
                test: test(&token)?,
                span: token.span,
            })
        })
        .collect()
}

fn error(token: &Token<'_>, message: String, hint: impl Into<String>) -> QueryError {
    QueryError {
        span: token.span.clone(),
        message,
        hint: hint.into(),
    }
}

fn test(token: &Token<'_>) -> Result<Test, QueryError> {
    if token.unterminated {
        return Err(error(
            token,
            "a quote is not closed".into(),
            "close the phrase with a second \"",
        ));
    }
    let value = token.value.trim();
    let Some(field) = token.field else {
        return search::Needle::new(value)
            .map(Test::Text)
            .ok_or_else(|| error(token, "an empty term".into(), "write a word after the -, or remove it"));
    };
    let name = field.to_lowercase();
    if !FIELDS.iter().any(|(f, _)| *f == name) {
        let names = FIELDS.iter().map(|(f, _)| *f);
        let hint = match did_you_mean(&name, names.clone()) {
            Some(f) => format!("did you mean `{f}:`?"),
            None => format!("the fields are: {}", names.collect::<Vec<_>>().join(", ")),
        };
        return Err(error(token, format!("unknown field `{field}`"), hint));
    }
    if value.is_empty() {
        return Err(error(
            token,
            format!("`{field}:` has no value"),
            format!("write a value after the colon, e.g. {}", example(&name)),
        ));
    }
    let text = || value.to_string();
    Ok(match name.as_str() {
        "tag" => Test::Tag(text()),
        "actor" => Test::Actor(text()),
        "outlet" => Test::Outlet(text()),
        "citing" => Test::Citing(text()),
        "denied-by" => Test::DeniedBy(text()),
        "id" => Test::Id(text()),
        "status" => Test::Status(status(token, value)?),
        "after" | "before" => {
            let date = Date::parse(value)
                .map_err(|e| error(token, format!("`{value}` is not a date: {}", e.message), e.hint))?;
            if name == "after" {
                Test::After(date)
            } else {
                Test::Before(date)
            }
        }
        "reliability" => Test::Reliability(Reliability::parse(value).ok_or_else(|| {
            error(
                token,
                format!("`{value}` is not a reliability grade"),
                "write a letter from A (completely reliable) to F (cannot be judged)",
            )
        })?),
        _ => {
            let grade = value.parse().ok().and_then(credibility_grade);
            Test::Credibility(grade.ok_or_else(|| {
                error(
                    token,
                    format!("`{value}` is not a credibility grade"),
                    "write a number from 1 (confirmed) to 6 (cannot be judged)",
                )
            })?)
        }
    })
}

fn status(token: &Token<'_>, value: &str) -> Result<Status, QueryError> {
    let lower = value.to_lowercase();
    Status::ALL.into_iter().find(|s| s.as_str() == lower).ok_or_else(|| {
        let words = Status::ALL.map(Status::as_str);
        let hint = match did_you_mean(&lower, words) {
            Some(w) => format!("did you mean `status:{w}`?"),
            None => format!("write one of: {}", words.join(", ")),
        };
        error(token, format!("unknown status `{value}`"), hint)
    })
}

fn example(field: &str) -> &'static str {
    match field {
        "after" | "before" => "after:2015-01",
        "status" => "status:contested",
        "reliability" => "reliability:B",
        "credibility" => "credibility:2",
        "denied-by" => "denied-by:kremlin",
        _ => "tag:S-300 or outlet:\"Times of Israel\"",
    }
}
