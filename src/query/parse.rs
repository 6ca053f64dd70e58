//! Reading one word of a query into a term; every error names the token it is about.

use super::grammar::Token;
use super::{Compare, FIELDS, QueryError, Term, Test};
use crate::located::did_you_mean;
use crate::model::{Date, Reliability, Status, credibility_grade};
use crate::search;

/// Reads one word of a query into a term.
pub(super) fn term(token: &Token<'_>) -> Result<Term, QueryError> {
    Ok(Term {
        negated: token.negated,
        test: test(token)?,
        span: token.span.clone(),
    })
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
        "claim" => Test::Claim(text()),
        "id" => Test::Id(text()),
        "note" => Test::Note(text()),
        "status" => Test::Status(status(token, value)?),
        "after" | "before" | "since" | "until" | "on" | "in" => {
            let date = Date::parse(value)
                .map_err(|e| error(token, format!("`{value}` is not a date: {}", e.message), e.hint))?;
            let compare = match name.as_str() {
                "after" => Compare::After,
                "before" => Compare::Before,
                "since" => Compare::Since,
                "until" => Compare::Until,
                _ => Compare::On,
            };
            Test::Date(compare, date)
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
        "after" | "before" | "since" | "until" | "on" | "in" => "after:2015-01",
        "status" => "status:contested",
        "reliability" => "reliability:B",
        "credibility" => "credibility:2",
        "denied-by" => "denied-by:kremlin",
        "claim" => "claim:putin",
        _ => "tag:S-300 or outlet:\"Times of Israel\"",
    }
}
