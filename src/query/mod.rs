//! The query language of the filter prompt, the search prompt and `tlx list --query`:
//! `tag:S-300 actor:putin -status:denied after:2015-01 "exact phrase"`, all terms required.
//!
//! A query is parsed once ([`Query::parse`], with errors that point at the bad token) and then
//! tested against each event together with that event's [`Evidence`], so that fields about
//! sources and denials, and `status:`, see only what was public at the knowledge date.

mod complete;
mod parse;

use std::ops::Range;

use crate::fold::contains;
use crate::model::evidence::Evidence;
use crate::model::{Date, Event, Reliability, Status, Timeline};
use crate::search;
pub use complete::{Completion, complete};

/// The fields a term can name, with what they match, for completion, errors and help.
pub const FIELDS: &[(&str, &str)] = &[
    ("tag", "a tag, exactly (any case)"),
    ("actor", "an actor id or name containing the text"),
    ("outlet", "a source's outlet containing the text"),
    ("citing", "whom a source cites, containing the text"),
    ("denied-by", "who denied the event, containing the text"),
    (
        "status",
        "the evidence status: unsourced, single-source, corroborated, denied, contested",
    ),
    ("after", "events not over before this date (YYYY, YYYY-MM, YYYY-MM-DD)"),
    ("before", "events begun by the end of this date"),
    ("reliability", "a source graded this reliable or better (A-F)"),
    ("credibility", "a source graded this credible or better (1-6)"),
    ("id", "the event id, exactly"),
];

/// A parsed query: terms that must all hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    terms: Vec<Term>,
}

/// One term, possibly negated with a leading `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// True for `-field:value`.
    pub negated: bool,
    /// What the term tests.
    pub test: Test,
    /// Where it was written in the query text.
    pub span: Range<usize>,
}

/// What a term tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// A free word or "exact phrase", anywhere in the event (smart case).
    Text(search::Needle),
    /// `tag:`
    Tag(String),
    /// `actor:`
    Actor(String),
    /// `outlet:`
    Outlet(String),
    /// `citing:`
    Citing(String),
    /// `denied-by:`
    DeniedBy(String),
    /// `status:`
    Status(Status),
    /// `after:`
    After(Date),
    /// `before:`
    Before(Date),
    /// `reliability:`
    Reliability(Reliability),
    /// `credibility:`
    Credibility(u8),
    /// `id:`
    Id(String),
}

/// Why a query could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// Byte range of the bad token in the query.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

impl QueryError {
    /// The query with a caret line under the bad token, the message and the hint, for a terminal.
    pub fn render(&self, query: &str) -> String {
        use unicode_width::UnicodeWidthStr;
        let shown = |part: &str| crate::text::line(part).width();
        let pad = query.get(..self.span.start).map_or(0, shown);
        let len = query.get(self.span.clone()).map_or(1, shown).max(1);
        format!(
            "bad query: {}\n  {}\n  {}{}\n  hint: {}\n",
            crate::text::line(&self.message),
            crate::text::line(query),
            " ".repeat(pad),
            "^".repeat(len),
            crate::text::line(&self.hint)
        )
    }
}

impl Query {
    /// Parses a query; blank text is the empty query, which matches everything.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        Ok(Query {
            text: text.to_string(),
            terms: parse::terms(text)?,
        })
    }

    /// The query as typed, without surrounding spaces.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// True when the query has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms, in the order written.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The free-text terms that are not negated, for highlighting matches.
    pub fn highlights(&self) -> impl Iterator<Item = &search::Needle> {
        self.terms.iter().filter_map(|t| match (&t.test, t.negated) {
            (Test::Text(q), false) => Some(q),
            _ => None,
        })
    }

    /// True when the event, with the evidence known of it, satisfies every term.
    pub fn matches(&self, t: &Timeline, e: &Event, evidence: &Evidence) -> bool {
        self.terms
            .iter()
            .all(|term| term.test.holds(t, e, evidence) != term.negated)
    }

    /// True when every event this query matches is matched by `earlier` too: it keeps the earlier
    /// terms, where a free-text term may have grown (as while typing on), and may add more.
    pub fn narrows(&self, earlier: &Query) -> bool {
        self.terms.len() >= earlier.terms.len()
            && self.terms.iter().zip(&earlier.terms).all(|(now, before)| {
                now.negated == before.negated
                    && match (&now.test, &before.test) {
                        (Test::Text(a), Test::Text(b)) if !now.negated => a.narrows(b),
                        (a, b) => a == b,
                    }
            })
    }

    /// Each term as written, for the chips of the header.
    pub fn chips(&self) -> Vec<&str> {
        self.terms.iter().map(|t| &self.text[t.span.clone()]).collect()
    }
}

impl Test {
    fn holds(&self, t: &Timeline, e: &Event, ev: &Evidence) -> bool {
        let mut sources = ev.sources.iter().map(|&i| &e.sources[i]);
        let mut denials = ev.denials.iter().map(|&i| &e.denials[i]);
        match self {
            Test::Text(q) => q.matches(t, e),
            Test::Tag(tag) => e.tags.iter().any(|x| crate::fold::eq(x, tag)),
            Test::Actor(a) => e.actors.iter().any(|x| contains(x, a) || contains(t.actor_name(x), a)),
            Test::Outlet(o) => sources.any(|s| contains(&s.outlet, o)),
            Test::Citing(c) => sources.any(|s| s.citing.as_deref().is_some_and(|x| contains(x, c))),
            Test::DeniedBy(b) => denials.any(|d| contains(&d.by, b) || contains(t.actor_name(&d.by), b)),
            Test::Status(s) => ev.status == *s,
            Test::After(d) => e.date.latest() > d.earliest(),
            Test::Before(d) => e.date.earliest() < d.latest(),
            Test::Reliability(r) => sources.any(|s| s.reliability.is_some_and(|x| x <= *r)),
            Test::Credibility(c) => sources.any(|s| s.credibility.is_some_and(|x| x <= *c)),
            Test::Id(id) => e.id == *id,
        }
    }
}

#[cfg(test)]
mod tests;
