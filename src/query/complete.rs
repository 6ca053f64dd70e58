//! Tab completion of the last term of a query: field names, then the values the timeline holds.

use super::FIELDS;
use super::grammar::tokens;
use crate::model::{Reliability, Status, Timeline};

/// What Tab does: the completed text, and the candidates when more than one remains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The query text after completion.
    pub text: String,
    /// Everything that could follow, when the choice is not yet unique.
    pub candidates: Vec<String>,
    /// The text the candidates follow: the input without the term being completed.
    pub head: String,
}

impl Completion {
    /// The input completed with one candidate: quoted when it holds a space, and followed by a
    /// space unless it is a field name waiting for its value.
    pub fn with(&self, candidate: &str) -> String {
        if candidate.ends_with(':') {
            format!("{}{candidate}", self.head)
        } else {
            format!("{}{} ", self.head, quoted(candidate))
        }
    }
}

/// Completes the last term of `input` against the fields and the timeline's values.
pub fn complete(input: &str, t: &Timeline) -> Completion {
    let unchanged = |candidates| Completion {
        text: input.to_string(),
        candidates,
        head: input.to_string(),
    };
    let last = tokens(input)
        .pop()
        .filter(|tok| tok.span.end == input.len() && !input.ends_with(' '));
    let (head, options, prefix) = match &last {
        // A new term, or a field name being typed.
        None => (input.to_string(), field_names(), ""),
        Some(tok) if tok.field.is_none() && !tok.quoted => {
            let start = tok.span.start + usize::from(tok.negated);
            (input[..start].to_string(), field_names(), &input[start..])
        }
        Some(tok) => {
            let Some(field) = tok.field else {
                return unchanged(Vec::new());
            };
            let start = tok.span.start + usize::from(tok.negated);
            let head = format!("{}{field}:", &input[..start]);
            (head, values(&field.to_lowercase(), t), tok.value)
        }
    };
    let lower = prefix.to_lowercase();
    let mut matching: Vec<String> = options
        .into_iter()
        .filter(|o| o.to_lowercase().starts_with(&lower))
        .collect();
    matching.sort_by_key(|o| o.to_lowercase());
    matching.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    match matching.as_slice() {
        [] => unchanged(Vec::new()),
        [only] => {
            let mut done = Completion {
                text: String::new(),
                candidates: Vec::new(),
                head,
            };
            done.text = done.with(only);
            done
        }
        many => {
            let common = common_prefix(many);
            let text = if common.chars().count() > prefix.chars().count() && !common.contains(' ') {
                format!("{head}{common}")
            } else {
                input.to_string()
            };
            Completion {
                text,
                candidates: many.to_vec(),
                head,
            }
        }
    }
}

fn field_names() -> Vec<String> {
    FIELDS.iter().map(|(f, _)| format!("{f}:")).collect()
}

/// The values a field can take in this timeline.
fn values(field: &str, t: &Timeline) -> Vec<String> {
    let events = t.events.iter();
    match field {
        "tag" => events.flat_map(|e| e.tags.iter().map(|t| t.to_string())).collect(),
        "actor" => t
            .actors
            .keys()
            .cloned()
            .chain(events.flat_map(|e| e.actors.iter().map(|a| a.to_string())))
            .collect(),
        "outlet" => events
            .flat_map(|e| e.sources.iter().map(|s| s.outlet().to_string()))
            .collect(),
        "citing" => events
            .flat_map(|e| e.sources.iter().filter_map(|s| s.citing().map(String::from)))
            .collect(),
        "denied-by" => events
            .flat_map(|e| e.denials.iter().map(|d| d.by.to_string()))
            .collect(),
        "claim" => events
            .flat_map(|e| e.more.claims.iter().map(|c| c.id.clone()))
            .collect(),
        "status" => Status::ALL.iter().map(|s| s.as_str().to_string()).collect(),
        "reliability" => Reliability::ALL.iter().map(|r| r.letter().to_string()).collect(),
        "credibility" => (1..=6).map(|n| n.to_string()).collect(),
        "id" => events.map(|e| e.id.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// A value as it must be written: in quotes when it holds a space.
fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("\"{value}\"")
    } else {
        value.to_string()
    }
}

/// The longest prefix all candidates share, ignoring case, spelled as the first candidate spells it.
fn common_prefix(candidates: &[String]) -> String {
    let first = &candidates[0];
    let mut end = first.len();
    for other in &candidates[1..] {
        let shared = first
            .char_indices()
            .zip(other.chars())
            .take_while(|((_, a), b)| a.to_lowercase().eq(b.to_lowercase()))
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(shared);
    }
    first[..end].to_string()
}
