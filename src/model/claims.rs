//! Claims: the separate things an event's sources assert, each with its own status.
//!
//! A source supports, and a denial denies, the claims it names in `claims`; one that names none is
//! about the event as a whole, so it counts for every claim. Each claim's status, origins and lags
//! come from the sources and denials that address it, by the same rules as an event's
//! (README "Evidence status"). An event with claims takes the most disputed of its claims' statuses
//! as its one status (the order of [`Status::ALL`]), so that the list's one symbol never hides a
//! dispute; the detail and the exports show each claim's own.

use super::origins::origins_among;
use super::status::{Status, status_of};
use super::timeline::{Claim, Event};

/// Whether a source or denial naming `named` addresses the claim `id`.
pub fn addresses(named: &[String], id: &str) -> bool {
    named.is_empty() || named.iter().any(|n| n == id)
}

/// One claim's evidence, among the sources and denials considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEvidence {
    /// The claim's index in `event.claims`.
    pub claim: usize,
    /// Indices of the sources that address it.
    pub sources: Vec<usize>,
    /// Indices of the denials that address it.
    pub denials: Vec<usize>,
    /// Independent origins among those sources.
    pub origins: usize,
    /// The status they give the claim.
    pub status: Status,
}

impl ClaimEvidence {
    /// The evidence for each claim of `e`, among the sources and denials given (all of them, or
    /// those public at a knowledge date); `groups` are the origin groups of all of `e`'s sources.
    pub fn of_claims(e: &Event, groups: &[usize], sources: &[usize], denials: &[usize]) -> Vec<ClaimEvidence> {
        e.claims
            .iter()
            .enumerate()
            .map(|(claim, c)| {
                let sources: Vec<usize> = sources
                    .iter()
                    .copied()
                    .filter(|&i| addresses(&e.sources[i].claims, &c.id))
                    .collect();
                let denials: Vec<usize> = denials
                    .iter()
                    .copied()
                    .filter(|&i| addresses(&e.denials[i].claims, &c.id))
                    .collect();
                let origins = origins_among(groups, sources.iter().copied());
                ClaimEvidence {
                    claim,
                    status: status_of(origins, denials.len()),
                    origins,
                    sources,
                    denials,
                }
            })
            .collect()
    }

    /// The claim itself.
    pub fn of<'a>(&self, e: &'a Event) -> &'a Claim {
        &e.claims[self.claim]
    }
}

/// The one status of an event with these claims: the most disputed of theirs; `None` without claims.
pub fn summary(claims: &[ClaimEvidence]) -> Option<Status> {
    claims.iter().map(|c| c.status).max()
}

/// Each claim's status in a line: "arrival corroborated · met-putin contested".
pub fn summary_line(e: &Event, claims: &[ClaimEvidence]) -> String {
    let parts: Vec<String> = claims.iter().map(|c| format!("{} {}", c.of(e).id, c.status)).collect();
    parts.join(" · ")
}
