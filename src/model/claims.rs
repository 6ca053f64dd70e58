//! Claims: the separate things an event's sources assert, each with its own status.
//!
//! A source supports, and a denial denies, the claims it names in `claims`; one that names none is
//! about the event as a whole, so it counts for every claim. Each claim's status, origins and lags
//! come from the sources and denials that address it, by the same rules as an event's
//! (README "Evidence status"). An event with claims takes the most disputed of its claims' statuses
//! as its one status (the order of [`Status::ALL`]), so that the list's one symbol never hides a
//! dispute; the detail and the exports show each claim's own.

use super::event::Event;
use super::evidence::Indices;
use super::origins::origins_among;
use super::status::{Status, status_of};
use super::timeline::Claim;

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
    pub fn of_claims(e: &Event, groups: &[usize], sources: Indices<'_>, denials: Indices<'_>) -> Box<[ClaimEvidence]> {
        e.more
            .claims
            .iter()
            .enumerate()
            .map(|(claim, c)| {
                let sources: Vec<usize> = sources
                    .iter()
                    .filter(|&i| addresses(&e.sources[i].more().claims, &c.id))
                    .collect();
                let denials: Vec<usize> = denials
                    .iter()
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
        &e.more.claims[self.claim]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};
    use crate::model::evidence::Evidence;
    use crate::model::origins::independent_origins;

    #[test]
    fn the_bundled_moscow_visit_has_a_status_per_claim_and_the_kremlin_denies_only_the_putin_meeting() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        let claims = visit.claim_evidence();
        let statuses: Vec<(&str, Status)> = claims.iter().map(|c| (c.of(visit).id.as_str(), c.status)).collect();
        assert_eq!(
            statuses,
            [
                ("arrival", Status::Corroborated),
                ("met-putin", Status::Contested),
                ("met-shoigu", Status::Corroborated),
                ("s300-talks", Status::Corroborated),
            ]
        );
        for c in &claims {
            let kremlin = c.denials.iter().any(|&d| &*visit.denials[d].by == "The Kremlin");
            assert_eq!(kremlin, c.of(visit).id == "met-putin", "{}", c.of(visit).id);
        }
        // Reuters' Iranian officials speak of senior Russian officials, not of Putin.
        let putin = &claims[1];
        let iranian_officials = |&i: &usize| visit.sources[i].citing() == Some("Iranian officials");
        assert!(!putin.sources.iter().any(iranian_officials));
        assert!(claims[0].sources.iter().any(iranian_officials));
        assert_eq!(visit.status(), Status::Contested);
        assert!(visit.status_with_counts().ends_with(
            "arrival corroborated · met-putin contested · met-shoigu corroborated · s300-talks corroborated"
        ));
        // The evidence as of a date agrees with the whole.
        assert_eq!(Evidence::of(&t, visit, None).claims(), &claims[..]);
    }

    #[test]
    fn the_bundled_rumour_is_not_contested_and_the_un_panel_is_one_origin() {
        let t = Document::bundled().load(Options::default()).timeline;
        let rumour = t.event("ban-lift-rumour-denied").unwrap();
        let claims = rumour.claim_evidence();
        assert_eq!(claims[0].status, Status::SingleSource, "the rumours were reported");
        assert_eq!(
            claims[1].status,
            Status::Denied,
            "their content is denied, and nobody backs it"
        );
        assert_ne!(rumour.status(), Status::Contested);
        let panel = t.event("un-panel-report").unwrap();
        assert_eq!(independent_origins(&panel.sources), 1);
        assert_eq!(panel.status(), Status::SingleSource);
    }

    #[test]
    fn the_bundled_photo_credit_is_not_recorded_as_a_citation() {
        let t = Document::bundled().load(Options::default()).timeline;
        let photo = t.event("tehran-photo-2013").unwrap();
        assert_eq!(photo.sources.len(), 1);
        let ap = &photo.sources[0];
        assert_eq!((ap.outlet(), ap.citing()), ("AP", None));
        let everywhere = t.events.iter().flat_map(|e| e.sources.iter());
        assert!(
            !everywhere
                .filter_map(|s| s.citing())
                .any(|c| c.contains("Supreme Leader")),
            "the credit 'AP/Office of the Iranian Supreme Leader, File' names who supplied a photo"
        );
    }

    #[test]
    fn an_item_naming_no_claim_counts_for_every_claim() {
        use crate::model::{Claim, Date, Denial, EventMore, Source, SourceFields};
        let claim = |id: &str| Claim {
            id: id.into(),
            text: "t".into(),
            ..Claim::default()
        };
        let source = |outlet: &str, claims: &[&str]| {
            Source::from(SourceFields {
                outlet: outlet.into(),
                claims: claims.iter().map(|c| c.to_string()).collect(),
                ..SourceFields::default()
            })
        };
        let e = Event {
            more: EventMore {
                claims: [claim("a"), claim("b")].into(),
                ..EventMore::default()
            }
            .into(),
            sources: [source("X", &[]), source("Y", &["a"])].into(),
            denials: [Denial {
                by: "Z".into(),
                claims: ["b".into()].into(),
                ..Denial::default()
            }]
            .into(),
            ..Event::new("e", Date::parse("2015").unwrap(), "t")
        };
        let claims = e.claim_evidence();
        assert_eq!((claims[0].origins, claims[0].status), (2, Status::Corroborated));
        assert_eq!((claims[1].origins, claims[1].status), (1, Status::Contested));
        assert_eq!(summary(&claims), Some(Status::Contested));
        assert_eq!(summary(&[]), None);
    }
}
