//! Plain-text phrases the report formats share, before each escapes them for its own markup:
//! who compiled the timeline, and how a source or denial is attributed.

use super::evidence::{Account, Kind};
use crate::model::claims::ClaimEvidence;
use crate::model::lag::Lags;
use crate::model::{Event, Meta, Timeline};

/// "Compiled by A, B. Updated 8 Aug 2015.", or None when the timeline names neither.
pub fn byline(meta: &Meta) -> Option<String> {
    let mut parts = Vec::new();
    if !meta.authors.is_empty() {
        parts.push(format!("Compiled by {}.", meta.authors.join(", ")));
    }
    parts.extend(meta.updated.as_ref().map(|d| format!("Updated {}.", d.human())));
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A claim's status in words: "contested: 2 independent origins, 1 denial".
pub fn claim_status(c: &ClaimEvidence) -> String {
    let count = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}: {}, {}",
        c.status,
        count(c.origins, "independent origin"),
        count(c.denials.len(), "denial")
    )
}

/// A claim's report lag: "Report lag: first reported 14? days later at the latest", when dated.
pub fn claim_lag(t: &Timeline, e: &Event, c: &ClaimEvidence) -> Option<String> {
    Lags::of_claim(t, e, c).sentence().map(|l| format!("Report lag: {l}"))
}

/// The researcher's verdict on a claim: "Verdict: Mostly true. <text>", when given.
pub fn verdict(e: &Event, c: &ClaimEvidence) -> Option<String> {
    let claim = c.of(e);
    let (text, rating) = (claim.verdict.as_deref()?, claim.rating?);
    Some(format!("Verdict: {}. {text}", rating.label()))
}

/// Who the item is from: "Fox News", or "Denied by The Kremlin".
pub fn name(item: &Account) -> String {
    match item.kind {
        Kind::Source => item.who.to_string(),
        Kind::Denial => format!("Denied by {}", item.who),
    }
}

/// What follows the name, to be joined with ", ": "on <claim ids>", "citing …", the stance, the
/// date, "dating it …", "repeats …" or "same … report as read in …", "graded B2", "via <reference label>".
pub fn attribution(t: &Timeline, item: &Account) -> Vec<String> {
    let mut parts = Vec::new();
    if !item.claims.is_empty() {
        parts.push(format!("on {}", item.claims.join("; ")));
    }
    parts.extend(item.citing.map(|c| format!("citing {c}")));
    parts.extend(item.stance.map(|s| s.as_str().to_string()));
    parts.extend(item.date.map(|d| d.human()));
    parts.extend(item.dated.map(|d| format!("dating it {}", d.human())));
    parts.extend(item.repeats.map(|r| r.to_string()));
    parts.extend(item.grade().map(|g| format!("graded {g}")));
    parts.extend(item.via.map(|v| format!("via {}", t.reference_label(v))));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::evidence::items;
    use crate::load::{Document, Options};

    #[test]
    fn attributes_sources_and_denials_with_their_reference() {
        let t = Document::bundled().load(Options::default()).timeline;
        let items = items(&t, t.event("moscow-visit").unwrap());
        let reuters = &items[2];
        assert_eq!(name(reuters), "Reuters");
        assert_eq!(
            attribution(&t, reuters),
            [
                "on arrival; met-putin; met-shoigu",
                "citing U.S. security sources",
                "corroborates",
                "7 Aug 2015?",
                "via The Times of Israel, \"Breaking ban, Iran Quds Force leader reported to visit Russia\", 7 Aug 2015?"
            ]
        );
        assert_eq!(name(items.last().unwrap()), "Denied by The Kremlin");
        assert_eq!(
            byline(&t.timeline).unwrap(),
            "Compiled by tlx bundled example. Updated 3 Dec 2026."
        );
    }
}
