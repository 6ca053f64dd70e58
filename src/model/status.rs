//! Evidence status: how well an event is supported, computed from its sources and denials.

use std::fmt::{self, Write as _};

use serde::Serialize;

use super::claims::{self, ClaimEvidence};
use super::event::Event;
use super::evidence::Indices;
use super::origins::{independent_origins, with_groups};

/// An event's evidence status (README "Evidence status").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No source at all.
    Unsourced,
    /// One independent origin.
    SingleSource,
    /// Two or more independent origins, no denial.
    Corroborated,
    /// Denied, with no support.
    Denied,
    /// Supported and denied.
    Contested,
}

// `Status::index` is the declaration's order, which `ALL` keeps.
const _: () = {
    let mut i = 0;
    while i < Status::ALL.len() {
        assert!(Status::ALL[i] as usize == i);
        i += 1;
    }
};

impl Status {
    /// Every status, from least to most disputed.
    pub const ALL: [Status; 5] = [
        Status::Unsourced,
        Status::SingleSource,
        Status::Corroborated,
        Status::Denied,
        Status::Contested,
    ];

    /// Its place in [`Status::ALL`], for tables kept by status.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The word used in README, the CLI and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unsourced => "unsourced",
            Status::SingleSource => "single-source",
            Status::Corroborated => "corroborated",
            Status::Denied => "denied",
            Status::Contested => "contested",
        }
    }

    /// A one-character mark that tells the statuses apart without colour.
    pub fn mark(self) -> char {
        match self {
            Status::Unsourced => '·',
            Status::SingleSource => '○',
            Status::Corroborated => '●',
            Status::Denied => '✗',
            Status::Contested => '±',
        }
    }

    /// What the status means, for help and legends.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Unsourced => "no source",
            Status::SingleSource => "one independent origin",
            Status::Corroborated => "two or more independent origins",
            Status::Denied => "denied, no support",
            Status::Contested => "supported and denied",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Event {
    /// The evidence status from all of the event's sources and denials; for an event with claims,
    /// the most disputed of its claims' statuses (README "Claims").
    pub fn status(&self) -> Status {
        self.status_given(&self.claim_evidence(), independent_origins(&self.sources))
    }

    /// The status given the evidence of its claims and its count of independent origins.
    fn status_given(&self, claims: &[ClaimEvidence], origins: usize) -> Status {
        claims::summary(claims).unwrap_or_else(|| status_of(origins, self.denials.len()))
    }

    /// The evidence of each claim, from all of the event's sources and denials.
    pub fn claim_evidence(&self) -> Box<[ClaimEvidence]> {
        if self.more.claims.is_empty() {
            return Box::default();
        }
        let (sources, denials) = (Indices::all(self.sources.len()), Indices::all(self.denials.len()));
        with_groups(&self.sources, |groups| {
            ClaimEvidence::of_claims(self, groups, sources, denials)
        })
    }

    /// The status with the counts behind it: "contested (6 sources, 4 independent origins, 2
    /// denials)", then each claim's status when it has claims ("; arrival corroborated · ...").
    pub fn status_with_counts(&self) -> String {
        // Written into one string, with the claims and origins found once: every event of a
        // Markdown or TimelineJS export says it.
        let claims = self.claim_evidence();
        let origins = independent_origins(&self.sources);
        let mut line = String::with_capacity(64);
        write!(line, "{} (", self.status_given(&claims, origins)).expect("a String takes any text");
        let mut count = |n: usize, word: &str, after: &str| {
            let s = if n == 1 { "" } else { "s" };
            write!(line, "{n} {word}{s}{after}").expect("a String takes any text");
        };
        count(self.sources.len(), "source", ", ");
        count(origins, "independent origin", ", ");
        count(self.denials.len(), "denial", ")");
        if !claims.is_empty() {
            write!(line, ": {}", claims::summary_line(self, &claims)).expect("a String takes any text");
        }
        line
    }
}

/// The status given a count of independent origins and of denials.
pub fn status_of(origins: usize, denials: usize) -> Status {
    match (origins, denials) {
        (0, 0) => Status::Unsourced,
        (0, _) => Status::Denied,
        (_, d) if d > 0 => Status::Contested,
        (1, _) => Status::SingleSource,
        _ => Status::Corroborated,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::Attribution;
    use crate::model::{Date, Denial, Source};

    fn source(outlet: &str, citing: Option<&str>) -> Source {
        Source {
            said: Attribution::new(outlet.into(), citing.map(Into::into)).into(),
            ..Source::default()
        }
    }

    fn event(sources: Vec<Source>, denials: usize) -> Event {
        Event {
            sources: sources.into(),
            denials: (0..denials)
                .map(|_| Denial {
                    by: "Kremlin".into(),
                    ..Denial::default()
                })
                .collect(),
            ..Event::new("e", Date::parse("2015").unwrap(), "t")
        }
    }

    #[test]
    fn statuses_follow_the_readme_table() {
        let fox = || source("Fox News", Some("Western intelligence sources"));
        let reuters = || source("Reuters", Some("US security sources"));
        assert_eq!(event(vec![], 0).status(), Status::Unsourced);
        assert_eq!(event(vec![fox()], 0).status(), Status::SingleSource);
        assert_eq!(event(vec![fox(), reuters()], 0).status(), Status::Corroborated);
        assert_eq!(event(vec![], 1).status(), Status::Denied);
        assert_eq!(event(vec![fox()], 1).status(), Status::Contested);
        assert_eq!(event(vec![fox(), reuters()], 2).status(), Status::Contested);
    }

    #[test]
    fn marks_are_distinct_so_colour_is_not_needed() {
        let marks: HashSet<char> = Status::ALL.iter().map(|s| s.mark()).collect();
        assert_eq!(marks.len(), Status::ALL.len());
    }
}
