//! tlx's own JSON export read back: the timeline format's structure and key names, marked with
//! `"format": "tlx timeline"` and `"format_version": 1` so detection is certain. Each event's
//! `status` is computed by tlx, so it is not read. Where each event's parts were written goes
//! back with the timeline, so the loader checks it as it checks a TOML file, locating each
//! problem in the JSON.

use std::ops::Range;
use std::sync::atomic::AtomicU64;

use serde::de::DeserializeOwned;

use super::json::{self, Node};
use crate::diagnostic::Diagnostic;
use crate::loaded::{EventSpans, ItemSpans, Loaded, Packed};
use crate::model::vocabulary::{FORMAT_KEY, VERSION_KEY};
use crate::model::{Event, Timeline};

/// Whether a JSON document's top-level `format` says it is tlx's.
pub fn is_marked(format: Option<&str>) -> bool {
    format == Some(FORMAT_KEY.1)
}

/// Reads tlx's JSON export, with where each event's parts were written, counting in `parsed`
/// the events read (see [`json::count_half`]).
pub fn import(text: &str, parsed: Option<&AtomicU64>) -> (Loaded, Vec<Packed>) {
    let mut diags = Vec::new();
    let Some(root) = json::parse_into(text, &mut diags, parsed) else {
        return (super::loaded(Timeline::default(), diags), Vec::new());
    };
    let mut t = Timeline::default();
    own_records(&root, &mut t, &mut diags);
    let mut spans = Vec::new();
    for (key, node) in root.entries() {
        match key.as_str() {
            "format" => {}
            "format_version" => {
                if node.text() != Some(&VERSION_KEY.1.to_string()) {
                    diags.push(
                        Diagnostic::error(
                            "bad-value",
                            node.span.clone(),
                            format!("tlx JSON version {} is not one this tlx reads", node.text().unwrap_or("?")),
                        )
                        .with_hint(format!("this tlx reads version {}; a newer tlx may read it", VERSION_KEY.1)),
                    );
                    return (super::loaded(Timeline::default(), diags), Vec::new());
                }
            }
            "timeline" | "references" | "actors" => {}
            "events" => {
                for node in json::array(&root, key, &mut diags) {
                    json::count_half(node, parsed);
                    if let Some(e) = event(node, &mut diags) {
                        t.events.push(e);
                        spans.push(event_spans(node).into());
                    }
                }
            }
            _ => diags.push(
                Diagnostic::warning("unknown-key", node.span.clone(), format!("unknown key `{key}`"))
                    .with_hint("tlx JSON has format, format_version, timeline, references, actors and events; this one is not imported"),
            ),
        }
    }
    if root.get("timeline").is_none() {
        diags.push(
            Diagnostic::error(
                "missing-key",
                root.span.start..root.span.start,
                "this tlx JSON has no `timeline`",
            )
            .with_hint("write `\"timeline\": {\"title\": \"...\"}`, as `tlx export --format json` does"),
        );
    }
    (super::loaded(t, diags), spans)
}

/// The timeline's own records, under `timeline`, `references` and `actors` in `node`.
pub(super) fn own_records(node: &Node, t: &mut Timeline, diags: &mut Vec<Diagnostic>) {
    if let Some(meta) = node.get("timeline") {
        t.timeline = record(meta, "[timeline]", diags).unwrap_or_default();
    }
    for (id, node) in json::object(node, "references", diags) {
        if let Some(r) = record(node, "reference", diags) {
            t.references.insert(id.clone(), r);
        }
    }
    for (id, node) in json::object(node, "actors", diags) {
        if let Some(a) = record(node, "actor", diags) {
            t.actors.insert(id.clone(), a);
        }
    }
}

/// A record read by the model's serde form, or a located error saying what is wrong with it.
pub(super) fn record<T: DeserializeOwned>(node: &Node, what: &str, diags: &mut Vec<Diagnostic>) -> Option<T> {
    let mut value = node.to_json();
    if what == "event"
        && let Some(event) = value.as_object_mut()
    {
        // Computed by tlx from the sources and denials; not a field of the event.
        event.remove("status");
    }
    serde_json::from_value(value)
        .map_err(|e| {
            diags.push(
                Diagnostic::error(
                    "bad-value",
                    node.span.clone(),
                    format!("this {what} cannot be read: {e}"),
                )
                .with_hint("README \"The timeline format\" lists the keys and what each holds"),
            );
        })
        .ok()
}

/// An event read by [`record`], its place checked as the TOML loader checks it: a pair of
/// coordinates that cannot be placed is a warning at the pair, and the place keeps its name.
pub(super) fn event(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Event> {
    let mut event: Event = record(node, "event", diags)?;
    if let Some(place) = event.more.place.as_deref().cloned() {
        let (kept, problem) = place.checked();
        if let Some(problem) = problem {
            let key = problem.axis.key();
            let at = node.get("place");
            let span = at
                .and_then(|p| p.get(key))
                .or(at)
                .map_or(node.span.clone(), |n| n.span.clone());
            diags.push(Diagnostic::warning("bad-place", span, problem.message).with_hint(problem.hint));
        }
        event.more.edit(|more| more.place = kept.map(Box::new));
    }
    Some(event)
}

/// Where an event's parts were written, for the checks that follow loading.
fn event_spans(node: &Node) -> EventSpans {
    let at = |key: &str| node.get(key).map_or(node.span.clone(), |v| v.span.clone());
    let each = |key: &str| entries(node, key, |i| i.span.clone());
    let items = |key: &str| -> Vec<ItemSpans> {
        node.get(key)
            .map_or(&[][..], Node::items)
            .iter()
            .map(|i| ItemSpans {
                table: i.span.clone(),
                via: i.get("via").map(|v| v.span.clone()),
                derived_from: i.get("derived_from").map(|v| v.span.clone()),
                claims: entries(i, "claims", |c| c.span.clone()),
            })
            .collect()
    };
    EventSpans {
        table: node.span.clone(),
        id: at("id"),
        related: each("related"),
        actors: each("actors"),
        claims: entries(node, "claims", |c| {
            c.get("id").map_or(c.span.clone(), |v| v.span.clone())
        }),
        sources: items("sources"),
        denials: items("denials"),
    }
}

/// A span for each item of the array `node[key]` (none when it is missing or not an array).
fn entries(node: &Node, key: &str, span: impl Fn(&Node) -> Range<usize>) -> Vec<Range<usize>> {
    node.get(key).map_or(&[][..], Node::items).iter().map(span).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(&'static str, &str)> {
        let doc = crate::load::Document {
            name: "x.json".into(),
            path: None,
            text: text.to_string().into(),
        };
        doc.load(crate::load::Options::default())
            .diagnostics
            .iter()
            .map(|d| (d.code, &text[d.span.clone().unwrap()]))
            .collect()
    }

    #[test]
    fn a_record_that_cannot_be_read_and_a_broken_link_are_located() {
        let text = r#"{"format": "tlx timeline", "format_version": 1, "timeline": {"title": "T"},
            "events": [{"id": "a", "date": "2015", "title": "A", "status": "unsourced",
                        "sources": [{"outlet": "AP", "via": "nowhere"}]},
                       {"id": "b", "date": "someday", "title": "B"}]}"#;
        let found = problems(text);
        assert!(found.contains(&("unknown-reference", r#""nowhere""#)), "{found:?}");
        let bad = found.iter().find(|(code, _)| *code == "bad-value").unwrap();
        assert!(bad.1.starts_with(r#"{"id": "b""#), "{bad:?}");
        assert_eq!(import(text, None).0.timeline.events.len(), 1);
    }

    #[test]
    fn a_claim_that_does_not_exist_is_located_at_its_name() {
        let text = r#"{"format": "tlx timeline", "format_version": 1, "timeline": {"title": "T"},
            "events": [{"id": "a", "date": "2015", "title": "A",
                        "claims": [{"id": "met-putin", "text": "He met Putin."}],
                        "sources": [{"outlet": "AP", "quote": "q", "claims": ["met-putn"]}]}]}"#;
        assert_eq!(problems(text), [("unknown-claim", r#""met-putn""#)]);
    }

    #[test]
    fn another_version_is_refused_with_what_to_do() {
        let (loaded, _) = import(
            r#"{"format": "tlx timeline", "format_version": 2, "timeline": {"title": "T"}}"#,
            None,
        );
        assert!(loaded.has_errors());
        assert!(
            loaded.diagnostics[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("reads version 1")
        );
    }
}
