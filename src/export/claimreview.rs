//! schema.org ClaimReview JSON-LD: one review per claim that carries the researcher's verdict
//! (`verdict` and `rating`), and only those; a claim without a verdict has not been reviewed.
//!
//! Only what the timeline holds is written, nothing made up: `itemReviewed` is the claim with
//! each source on it as an `appearance` (its outlet as author, its own `url` or else that of the
//! reference it was read in, its date, its quote) and the outlets as the claim's authors;
//! `datePublished` is the timeline's `updated` date and `author` its `authors`. Left out, because
//! the timeline does not say them: the review's `url` (where it is published), the authors'
//! `@type` (person or organisation), and a date that is not a plain ISO 8601 date.

use serde_json::{Value, json};

use crate::model::claims::addresses;
use crate::model::{Claim, Date, Event, Rating, Source, Timeline};

/// The ClaimReview documents as a JSON array, events in file order, claims in event order.
pub fn to_string(t: &Timeline) -> String {
    let reviews: Vec<Value> = t
        .events
        .iter()
        .flat_map(|e| e.more.claims.iter().filter_map(move |c| review(t, e, c)))
        .collect();
    serde_json::to_string_pretty(&reviews).expect("JSON values always serialize") + "\n"
}

/// True when any claim has a verdict, so that the export has something to write.
pub fn any_verdict(t: &Timeline) -> bool {
    t.events
        .iter()
        .flat_map(|e| &e.more.claims)
        .any(|c| verdict(c).is_some())
}

fn verdict(c: &Claim) -> Option<(&str, Rating)> {
    Some((c.verdict.as_deref()?, c.rating?))
}

fn review(t: &Timeline, e: &Event, c: &Claim) -> Option<Value> {
    let (body, rating) = verdict(c)?;
    let sources: Vec<&Source> = e
        .sources
        .iter()
        .filter(|s| addresses(&s.more().claims, &c.id))
        .collect();
    let mut outlets: Vec<&str> = Vec::new();
    for s in &sources {
        if !outlets.contains(&s.outlet()) {
            outlets.push(s.outlet());
        }
    }
    let mut item = json!({ "@type": "Claim" });
    if !outlets.is_empty() {
        item["author"] = outlets.iter().map(|o| json!({ "name": o })).collect();
    }
    let appearances: Vec<Value> = sources.iter().map(|s| appearance(t, s)).collect();
    if !appearances.is_empty() {
        item["appearance"] = Value::Array(appearances);
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c.text,
        "reviewBody": body,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value(),
            "bestRating": Rating::True.value(),
            "worstRating": Rating::False.value(),
            "alternateName": rating.label(),
        },
        "itemReviewed": item,
    });
    if let Some(d) = t.timeline.updated.as_ref().and_then(iso) {
        review["datePublished"] = json!(d);
    }
    if !t.timeline.authors.is_empty() {
        review["author"] = t.timeline.authors.iter().map(|a| json!({ "name": a })).collect();
    }
    Some(review)
}

/// A source as a work the claim appears in.
fn appearance(t: &Timeline, s: &Source) -> Value {
    let mut work = json!({ "@type": "CreativeWork", "author": { "name": s.outlet() } });
    let read_in = s.more().via.as_deref().and_then(|id| t.references.get(id));
    if let Some(url) = s.url.as_deref().or(read_in.and_then(|r| r.url.as_deref())) {
        work["url"] = json!(url);
    }
    if let Some(d) = s.date.as_ref().and_then(iso) {
        work["datePublished"] = json!(d);
    }
    if let Some(q) = &s.quote {
        work["text"] = json!(q);
    }
    work
}

/// The date as ISO 8601 when it is a plain one (`2015`, `2015-07`, `2015-07-24`, an instant):
/// schema.org has no way to say approximate, uncertain, an interval or a year before 0000.
fn iso(d: &Date) -> Option<String> {
    let text = d.text();
    let plain = !d.is_interval() && !d.is_fuzzy() && text.starts_with(|c: char| c.is_ascii_digit());
    plain.then(|| text.to_string())
}
