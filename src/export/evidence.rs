//! An event's evidence as the report formats list it: its sources, then its denials, each with
//! the reference it was read in looked up, so every format names them the same way.

use crate::model::origins::{Repeats, repeats};
use crate::model::{Date, Event, Name, Reference, Reliability, Stance, Timeline, admiralty_code};

/// Whether an item backs the event or disputes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An entry of `[[events.sources]]`.
    Source,
    /// An entry of `[[events.denials]]`.
    Denial,
}

impl Kind {
    /// The word the exports use: "source" or "denial".
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Denial => "denial",
        }
    }
}

/// A source or a denial, seen through the fields both can have.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    /// Source or denial.
    pub kind: Kind,
    /// The outlet of a source, or who denied.
    pub who: &'a str,
    /// Whom a source attributes the claim to.
    pub citing: Option<&'a str>,
    /// A source's stance; denials have none.
    pub stance: Option<Stance>,
    /// When it was said.
    pub date: Option<&'a Date>,
    /// The date a source gives for the event; denials give none.
    pub dated: Option<&'a Date>,
    /// The reference id written in `via`.
    pub via: Option<&'a str>,
    /// The reference `via` names.
    pub reference: Option<&'a Reference>,
    /// The passage, verbatim.
    pub quote: Option<&'a str>,
    /// Where it can be read.
    pub url: Option<&'a str>,
    /// What a source repeats, resolved against the event's other sources.
    pub repeats: Option<Repeats<'a>>,
    /// Admiralty reliability of the outlet.
    pub reliability: Option<Reliability>,
    /// Admiralty credibility of the report, 1-6.
    pub credibility: Option<u8>,
    /// Ids of the event's claims it addresses; empty for the event as a whole.
    pub claims: &'a [String],
}

/// The event's sources in file order, then its denials in file order.
pub fn items<'a>(t: &'a Timeline, e: &'a Event) -> Vec<Account<'a>> {
    let reference = |via: &Option<Name>| via.as_deref().and_then(|id| t.references.get(id));
    let sources = e
        .sources
        .iter()
        .zip(repeats(t, &e.sources))
        .map(|(s, repeats)| Account {
            kind: Kind::Source,
            who: s.outlet(),
            citing: s.citing(),
            stance: Some(s.more().stance),
            date: s.date.as_ref(),
            dated: s.more().dated.as_ref(),
            via: s.more().via.as_deref(),
            reference: reference(&s.more().via),
            quote: s.quote.as_deref(),
            url: s.url.as_deref(),
            repeats,
            reliability: s.more().reliability,
            credibility: s.more().credibility,
            claims: &s.more().claims,
        });
    let denials = e.denials.iter().map(|d| Account {
        kind: Kind::Denial,
        who: &d.by,
        citing: None,
        stance: None,
        date: d.date.as_ref(),
        dated: None,
        via: d.via.as_deref(),
        reference: reference(&d.via),
        quote: d.quote.as_deref(),
        url: d.url.as_deref(),
        repeats: None,
        reliability: None,
        credibility: None,
        claims: &d.claims,
    });
    sources.chain(denials).collect()
}

impl Account<'_> {
    /// The Admiralty grade as analysts write it ("B2", "C", "3"), if either part is given.
    pub fn grade(&self) -> Option<String> {
        admiralty_code(self.reliability, self.credibility)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    #[test]
    fn lists_sources_then_denials_with_their_references() {
        let t = Document::bundled().load(Options::default()).timeline;
        let e = t.event("moscow-visit").unwrap();
        let items = items(&t, e);
        assert_eq!(items.len(), e.sources.len() + e.denials.len());
        assert!(items[..e.sources.len()].iter().all(|i| i.kind == Kind::Source));
        let last = items.last().unwrap();
        assert_eq!((last.kind, last.who), (Kind::Denial, "The Kremlin"));
        assert_eq!(last.reference.and_then(|r| r.outlet.as_deref()), Some("RFE/RL"));
    }
}
