//! Checks that need the whole file: unique ids, references between items, and warnings.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::fields::did_you_mean;
use super::walk::Walked;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::origins::same_outlet;

/// Which optional checks to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also warn about things that are fine but unusual (events out of date order).
    pub pedantic: bool,
}

/// Cross-reference errors and warnings for a walked file.
pub fn validate(walked: &Walked, src: &SourceText<'_>, options: Options) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let t = &walked.timeline;
    // foldhash: the default SipHash is a tenth of a million-event check.
    let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(t.events.len());
    for (event, spans) in t.events.iter().zip(&walked.spans) {
        if let Some(first) = first_seen.insert(&event.id, spans.id.start) {
            first_seen.insert(&event.id, first);
            let (line, _) = src.line_col(first);
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    spans.id.clone(),
                    format!("the event id `{}` is used twice", event.id),
                )
                .with_hint(format!(
                    "ids must be unique; the first `{}` is on line {line}",
                    event.id
                )),
            );
        }
    }
    let event_ids: HashSet<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    let reference_ids: Vec<&str> = t.references.keys().map(String::as_str).collect();
    let actor_ids: Vec<&str> = t.actors.keys().map(String::as_str).collect();

    for (event, spans) in t.events.iter().zip(&walked.spans) {
        for (id, span) in event.related.iter().zip(&spans.related) {
            if !event_ids.contains(id.as_str()) {
                diags.push(unknown_id(
                    "unknown-event",
                    "event",
                    id,
                    span.clone(),
                    event_ids.iter().copied(),
                ));
            }
        }
        if !actor_ids.is_empty() {
            for (id, span) in event.actors.iter().zip(&spans.actors) {
                if looks_like_id(id) && !t.actors.contains_key(id) {
                    diags.push(unknown_id(
                        "unknown-actor",
                        "actor",
                        id,
                        span.clone(),
                        actor_ids.iter().copied(),
                    ));
                }
            }
        }
        let vias = event.sources.iter().map(|s| &s.via).zip(&spans.sources);
        let vias = vias.chain(event.denials.iter().map(|d| &d.via).zip(&spans.denials));
        for (via, item) in vias {
            if let (Some(id), Some(span)) = (via, &item.via)
                && !t.references.contains_key(id)
            {
                diags.push(unknown_id(
                    "unknown-reference",
                    "reference",
                    id,
                    span.clone(),
                    reference_ids.iter().copied(),
                ));
            }
        }
        for (source, item) in event.sources.iter().zip(&spans.sources) {
            if let (Some(origin), Some(span)) = (&source.derived_from, &item.derived_from)
                && !event
                    .sources
                    .iter()
                    .any(|s| same_outlet(&s.outlet, origin) && !std::ptr::eq(s, source))
            {
                let others = event.sources.iter().filter(|s| !std::ptr::eq(*s, source));
                let hint = match did_you_mean(origin, others.map(|s| s.outlet.as_str())) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => "name the outlet of another source of this event".to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        "unknown-source",
                        span.clone(),
                        format!("no other source of `{}` has the outlet \"{origin}\"", event.id),
                    )
                    .with_hint(hint),
                );
            }
        }
        if event.sources.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "unsourced",
                    spans.table.clone(),
                    format!("event `{}` has no source", event.id),
                )
                .with_hint("add an [[events.sources]] entry saying who reported it"),
            );
        }
        for (source, item) in event.sources.iter().zip(&spans.sources) {
            if source.quote.is_none() {
                diags.push(
                    Diagnostic::warning(
                        "no-quote",
                        item.table.clone(),
                        format!("the {} source has no quote", source.outlet),
                    )
                    .with_hint("add quote = \"...\" with the passage, verbatim"),
                );
            }
        }
    }
    if options.pedantic {
        for pair in t.events.iter().zip(&walked.spans).collect::<Vec<_>>().windows(2) {
            let ((before, _), (after, spans)) = (pair[0], pair[1]);
            if after.date.sort_key() < before.date.sort_key() {
                diags.push(
                    Diagnostic::warning(
                        "out-of-order",
                        spans.table.clone(),
                        format!(
                            "event `{}` ({}) comes after `{}` ({}) in the file",
                            after.id, after.date, before.id, before.date
                        ),
                    )
                    .with_hint("tlx sorts by date anyway; reorder the file if you want it to read chronologically"),
                );
            }
        }
    }
    diags
}

/// Entries written like ids (no spaces, lowercase) must exist; anything else is a free name.
fn looks_like_id(text: &str) -> bool {
    !text.is_empty() && !text.contains(char::is_whitespace) && !text.chars().any(char::is_uppercase)
}

fn unknown_id<'a>(
    code: &'static str,
    what: &str,
    id: &str,
    span: std::ops::Range<usize>,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let hint = match did_you_mean(id, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("define the {what} `{id}`, or correct the id"),
    };
    Diagnostic::error(code, span, format!("there is no {what} with id `{id}`")).with_hint(hint)
}
