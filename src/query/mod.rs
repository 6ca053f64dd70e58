//! The query language of the filter prompt, the search prompt and `tlx list --query`:
//! `tag:S-300 actor:putin -status:denied after:2015-01 "exact phrase"`, terms side by side all
//! required, with `OR`, `NOT` (or `-`) and parentheses: `(tag:S-300 OR tag:S-400) NOT outlet:tass`.
//! NOT binds tightest, then AND, then OR ([`grammar`]).
//!
//! A query is parsed once ([`Query::parse`], with errors that point at the bad token) and then
//! tested against each event together with that event's [`Evidence`], so that fields about
//! sources and denials, and `status:`, see only what was public at the knowledge date, and with
//! the researcher's own note on it (`note:`, and free text).
//!
//! Date fields compare periods, each date covering its whole precision (`2015-07` is all of July):
//! `before:` and `after:` leave the named period out, `until:` and `since:` take it in, `on:` (or
//! `in:`) is the period itself. An event whose own date is a period (a year, a month, an interval)
//! counts when any part of it could satisfy the comparison.

mod complete;
mod grammar;
mod parse;

use std::ops::Range;

use crate::fold::contains;
use crate::model::date::{Bound, DateValue};
use crate::model::evidence::Evidence;
use crate::model::{Date, Event, Reliability, Status, Timeline};
use crate::search;
pub use complete::{Completion, complete};

/// The fields a term can name, with what they match, for completion, errors and help.
pub const FIELDS: &[(&str, &str)] = &[
    ("tag", "a tag, exactly (any case)"),
    ("actor", "an actor's id, name or alias containing the text"),
    ("outlet", "a source's outlet containing the text"),
    ("citing", "whom a source cites, containing the text"),
    (
        "denied-by",
        "who denied the event (id, name or alias), containing the text",
    ),
    (
        "status",
        "the evidence status of the event or of any of its claims: unsourced, single-source, \
         corroborated, denied, contested",
    ),
    ("claim", "a claim whose id or text contains the text"),
    (
        "before",
        "events begun before this date, the date itself left out (YYYY, YYYY-MM, YYYY-MM-DD)",
    ),
    (
        "until",
        "events begun by the end of this date, the date itself included",
    ),
    ("after", "events still going after this date, the date itself left out"),
    (
        "since",
        "events still going on or after this date, the date itself included",
    ),
    ("on", "events at any time within this date (on:2015-07 is July 2015)"),
    ("in", "the same as on:"),
    ("reliability", "a source graded this reliable or better (A-F)"),
    ("credibility", "a source graded this credible or better (1-6)"),
    ("id", "the event id, exactly"),
    ("note", "your own note on the event containing the text"),
];

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    /// Boxed: a date term makes the tree large, and a query rides in the explorer's mode.
    expr: Box<Expr>,
    /// The parts that must all hold, as written, for the header's chips.
    chips: Vec<Range<usize>>,
}

/// A query's structure: terms combined by NOT, AND and OR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// One term.
    Term(Term),
    /// `NOT x` or `-(x)`.
    Not(Box<Expr>),
    /// Terms side by side, or joined by `AND`: all must hold (none: the empty query, always true).
    All(Vec<Expr>),
    /// Joined by `OR`: one must hold.
    Any(Vec<Expr>),
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

/// How a date field compares an event's date with the date written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// `before:` the event begins before the period starts.
    Before,
    /// `until:` the event begins before the period ends.
    Until,
    /// `after:` the event ends after the period ends.
    After,
    /// `since:` the event ends after the period starts.
    Since,
    /// `on:` / `in:` the event and the period overlap.
    On,
}

impl Compare {
    /// True when an event dated `e` satisfies the comparison with `d`. `latest` is the first instant
    /// after a period, so "before the period ends" is `< d.latest()`.
    /// An event's open end (`2003/..`, still going) is later than any date, its open start
    /// earlier than any.
    pub fn holds(self, e: &Date, d: &Date) -> bool {
        let (start, end) = match e.value() {
            DateValue::Interval(Bound::Open, _) => (i64::MIN, e.latest()),
            DateValue::Interval(_, Bound::Open) => (e.earliest(), i64::MAX),
            _ => (e.earliest(), e.latest()),
        };
        match self {
            Compare::Before => start < d.earliest(),
            Compare::Until => start < d.latest(),
            Compare::After => end > d.latest(),
            Compare::Since => end > d.earliest(),
            Compare::On => start < d.latest() && end > d.earliest(),
        }
    }
}

/// What a term tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// A free word or "exact phrase", anywhere in the event or the researcher's note (smart case).
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
    /// `claim:`
    Claim(String),
    /// `before:`, `until:`, `after:`, `since:`, `on:`, `in:`
    Date(Compare, Date),
    /// `reliability:`
    Reliability(Reliability),
    /// `credibility:`
    Credibility(u8),
    /// `id:`
    Id(String),
    /// `note:`
    Note(String),
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
    /// The column of the bad token in the query, counting characters from 1.
    pub fn column(&self, query: &str) -> usize {
        query.get(..self.span.start).map_or(0, |s| s.chars().count()) + 1
    }

    /// The query with a caret line under the bad token, the message and the hint, for a terminal.
    pub fn render(&self, query: &str) -> String {
        use unicode_width::UnicodeWidthStr;
        let shown = |part: &str| crate::text::line(part).width();
        let pad = query.get(..self.span.start).map_or(0, shown);
        let len = query.get(self.span.clone()).map_or(1, shown).max(1);
        format!(
            "bad query at column {}: {}\n  {}\n  {}{}\n  hint: {}\n",
            self.column(query),
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
        let (expr, chips) = grammar::parse(text, parse::term)?;
        Ok(Query {
            text: text.to_string(),
            expr: Box::new(expr),
            chips,
        })
    }

    /// The query as typed, without surrounding spaces.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// True when the query has no terms.
    pub fn is_empty(&self) -> bool {
        *self.expr == Expr::All(Vec::new())
    }

    /// The query's structure.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The free-text terms that are not negated, for highlighting matches.
    pub fn highlights(&self) -> Vec<&search::Needle> {
        let mut out = Vec::new();
        self.expr.texts(true, &mut out);
        out
    }

    /// The free-text terms every match must hold (not negated, not inside an OR).
    pub fn required(&self) -> Vec<&search::Needle> {
        let mut out = Vec::new();
        self.expr.texts(false, &mut out);
        out
    }

    /// True when the event, with the evidence known of it and the researcher's note on it,
    /// satisfies the query.
    pub fn matches(&self, t: &Timeline, e: &Event, evidence: &Evidence, note: Option<&str>) -> bool {
        self.expr.holds(&Subject { t, e, evidence, note })
    }

    /// True when every event this query matches is matched by `earlier` too: it keeps the earlier
    /// parts, where a free-text term may have grown (as while typing on), and may add more.
    pub fn narrows(&self, earlier: &Query) -> bool {
        let (now, before) = (self.expr.conjuncts(), earlier.expr.conjuncts());
        now.len() >= before.len()
            && now.iter().zip(before).all(|(now, before)| match (now, before) {
                (Expr::Term(now), Expr::Term(before)) => {
                    now.negated == before.negated
                        && match (&now.test, &before.test) {
                            (Test::Text(a), Test::Text(b)) if !now.negated => a.narrows(b),
                            (a, b) => a == b,
                        }
                }
                (a, b) => a == b,
            })
    }

    /// Each part that must hold, as written, for the chips of the header; an OR at the top is
    /// one chip.
    pub fn chips(&self) -> Vec<&str> {
        self.chips.iter().map(|span| &self.text[span.clone()]).collect()
    }
}

/// What a query is tested against.
struct Subject<'a> {
    t: &'a Timeline,
    e: &'a Event,
    evidence: &'a Evidence,
    note: Option<&'a str>,
}

impl Expr {
    fn holds(&self, s: &Subject<'_>) -> bool {
        match self {
            Expr::Term(term) => term.test.holds(s) != term.negated,
            Expr::Not(x) => !x.holds(s),
            Expr::All(xs) => xs.iter().all(|x| x.holds(s)),
            Expr::Any(xs) => xs.iter().any(|x| x.holds(s)),
        }
    }

    /// The parts that must all hold.
    fn conjuncts(&self) -> &[Expr] {
        match self {
            Expr::All(xs) => xs,
            other => std::slice::from_ref(other),
        }
    }

    /// The free-text terms not negated; those inside an OR only when `or`.
    fn texts<'a>(&'a self, or: bool, out: &mut Vec<&'a search::Needle>) {
        match self {
            Expr::Term(Term {
                negated: false,
                test: Test::Text(q),
                ..
            }) => out.push(q),
            Expr::Term(_) | Expr::Not(_) => {}
            Expr::Any(_) if !or => {}
            Expr::All(xs) | Expr::Any(xs) => xs.iter().for_each(|x| x.texts(or, out)),
        }
    }
}

impl Test {
    fn holds(&self, s: &Subject<'_>) -> bool {
        let Subject {
            t,
            e,
            evidence: ev,
            note,
        } = *s;
        let mut sources = ev.sources().iter().map(|i| &e.sources[i]);
        let mut denials = ev.denials().iter().map(|i| &e.denials[i]);
        let actor = |id: &str, a: &str| t.actor_names(id).any(|name| contains(name, a));
        match self {
            Test::Text(q) => q.matches(t, e) || note.is_some_and(|n| q.is_in(n)),
            Test::Tag(tag) => e.tags.iter().any(|x| crate::fold::eq(x, tag)),
            Test::Actor(a) => e.actors.iter().any(|x| actor(x, a)),
            Test::Outlet(o) => sources.any(|s| contains(s.outlet(), o)),
            Test::Citing(c) => sources.any(|s| s.citing().is_some_and(|x| contains(x, c))),
            Test::DeniedBy(b) => denials.any(|d| actor(&d.by, b)),
            // A claim's status counts too: the event's one status is the most disputed of its
            // claims', so `status:corroborated` would otherwise never find a corroborated claim
            // of a contested event.
            Test::Status(s) => ev.status() == *s || ev.claims().iter().any(|c| c.status == *s),
            Test::Claim(c) => e.more.claims.iter().any(|x| contains(&x.id, c) || contains(&x.text, c)),
            Test::Date(compare, d) => compare.holds(&e.date, d),
            Test::Reliability(r) => sources.any(|s| s.more().reliability.is_some_and(|x| x <= *r)),
            Test::Credibility(c) => sources.any(|s| s.more().credibility.is_some_and(|x| x <= *c)),
            Test::Id(id) => e.id == *id,
            Test::Note(n) => note.is_some_and(|x| contains(x, n)),
        }
    }
}

#[cfg(test)]
mod tests;
