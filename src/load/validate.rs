//! Checks that need the whole file: unique ids, references between items, and warnings.

mod seen;

pub use seen::IdHash;

use std::borrow::Cow;
use std::cell::LazyCell;
use std::ops::Range;

use super::lookalike::{self, Lookalikes};
use super::walk::{EventSpans, State, Walked};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::loaded::{Packed, Part};
use crate::located::did_you_mean;
use crate::model::origins::parents;
use crate::model::{Date, Event, Timeline};
use crate::parallel;

/// Which optional checks to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checks {
    /// Also warn about things that are fine but unusual (events out of date order).
    pub pedantic: bool,
}

/// Where an event's parts were written, as its check asks for them: the table and the id of
/// every event, the other parts only for a diagnostic about one, which few events have. So a
/// reader may keep the first two alone and find the others again ([`super::piecewise::Spans`]).
pub trait Whereabouts {
    /// The event's table.
    fn table(&self) -> Range<usize>;
    /// The event's `id` value.
    fn id(&self) -> Range<usize>;
    /// Every part, found again in `text` (the file checked) where they were not kept.
    fn all(&self, text: &str) -> Cow<'_, EventSpans>;
}

impl Whereabouts for EventSpans {
    fn table(&self) -> Range<usize> {
        self.table.clone()
    }

    fn id(&self) -> Range<usize> {
        self.id.clone()
    }

    fn all(&self, _: &str) -> Cow<'_, EventSpans> {
        Cow::Borrowed(self)
    }
}

impl Whereabouts for Packed {
    fn table(&self) -> Range<usize> {
        Packed::table(self)
    }

    fn id(&self) -> Range<usize> {
        self.spans(Part::Id).last().unwrap_or_default()
    }

    fn all(&self, _: &str) -> Cow<'_, EventSpans> {
        Cow::Owned(self.unpack())
    }
}

/// Cross-reference errors and warnings for a walked file.
/// `lists_whole` is false when the references and actors could not all be read.
pub fn validate(walked: &Walked, src: &SourceText<'_>, checks: Checks, lists_whole: bool) -> Vec<Diagnostic> {
    let mut validator = Validator::new(&walked.timeline, src, checks);
    if !lists_whole {
        validator = validator.lists_unread();
    }
    let events = walked.timeline.events.iter().zip(&walked.spans).zip(&walked.states);
    for ((event, spans), state) in events {
        validator.event(event, IdHash::of(&event.id), spans, *state);
    }
    validator.finish()
}

/// The checks of [`validate`], taking the events one at a time so that a large file can be
/// checked without holding them all: it keeps the ids seen and the links still to resolve.
pub struct Validator<'a> {
    /// The file's references and actors, read before any event.
    t: &'a Timeline,
    src: &'a SourceText<'a>,
    checks: Checks,
    /// Each event id and where it was first written.
    first_seen: seen::Seen<'a>,
    /// Ids holding invisible characters, to find two that look the same.
    lookalikes: Lookalikes,
    /// Links to events, resolved once every id is known.
    related: Vec<(String, Range<usize>)>,
    /// The previous event's id and date, for the pedantic order check.
    previous: Option<(String, Date)>,
    diags: Vec<Diagnostic>,
    /// Comparisons left for "did you mean" hints (see [`Guesses`]).
    guesses: Guesses,
    /// False when the text outside the events has a syntax error, so that the references and
    /// actors read may be missing some: links to them are then not judged.
    lists_whole: bool,
    /// Which ids are noted as the events are checked.
    noting: Noting,
}

/// Which ids a [`Validator`] notes: those that something may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Noting {
    /// Every one: an id may be written twice, be a link's target or a lookalike's twin.
    Every,
    /// Every one if some event links to another or holds an invisible character, else none:
    /// no two events share an id (see [`Validator::unique_ids`]).
    Unique,
    /// None: nothing asks for them (see [`Validator::unasked_ids`]).
    Nothing,
}

impl<'a> Validator<'a> {
    /// A validator for the events of `t`, whose references and actors are already read.
    pub fn new(t: &'a Timeline, src: &'a SourceText<'a>, checks: Checks) -> Validator<'a> {
        Validator {
            t,
            src,
            checks,
            first_seen: seen::Seen::new(src.text()),
            lookalikes: Lookalikes::default(),
            related: Vec::new(),
            previous: None,
            diags: Vec::new(),
            guesses: Guesses::new(),
            lists_whole: true,
            noting: Noting::Every,
        }
        .expecting(t.events.len())
    }

    /// Room for the ids of `events` events: without it the table of ids seen grows as they come,
    /// and its last growth (copying a million entries) falls after the last event is read, when
    /// the load is waiting for the check alone.
    pub fn expecting(mut self, events: usize) -> Self {
        self.first_seen.reserve(events);
        self
    }

    /// Judges no link to a reference or an actor: the text that lists them could not all be read.
    pub fn lists_unread(self) -> Self {
        Validator {
            lists_whole: false,
            ..self
        }
    }

    /// Told that no two of the events to check share an id: the importer made them so (a CSV
    /// file's rows that share an id make one event). [`Validator::whole_events`] then notes no
    /// id when nothing would ask for one.
    pub fn unique_ids(self) -> Self {
        Validator {
            noting: Noting::Unique,
            ..self
        }
    }

    /// Told that nothing will ask for an id of the events to check: no two share one, none links
    /// to an event, none holds an invisible character. Then none is noted, and a check of a
    /// million events does not wait on a table of a million ids.
    pub fn unasked_ids(mut self) -> Self {
        self.stop_noting();
        self
    }

    /// Notes no more ids; the room kept for them goes.
    fn stop_noting(&mut self) {
        self.noting = Noting::Nothing;
        self.first_seen = seen::Seen::new(self.src.text());
    }

    /// Tells the check that the id whose hash is `hash` comes soon, a few events on: its place
    /// among the ids seen is fetched from memory while the events before it are checked.
    pub fn soon(&self, hash: IdHash) {
        if self.noting != Noting::Nothing {
            self.first_seen.soon(hash);
        }
    }

    /// Checks one event, whose id's hash is `hash`, in file order, as far as it could be read:
    /// an unparsed table only makes its id known, so that links to it are not reported as broken.
    pub fn event(&mut self, event: &Event, hash: IdHash, spans: &impl Whereabouts, state: State) {
        let noted = self.noting != Noting::Nothing;
        debug_assert!(noted || (event.more.related.is_empty() && lookalike::visible(&event.id)));
        if state == State::Unparsed {
            if noted && !event.id.is_empty() {
                self.first_seen.insert(&event.id, hash, spans.id().start);
            }
            return;
        }
        if let Some(d) = noted.then(|| self.id(&event.id, hash, &spans.id())).flatten() {
            self.diags.push(d);
        }
        let text = self.src.text();
        let all = LazyCell::new(|| spans.all(text));
        if !event.more.related.is_empty() {
            let links = event.more.related.iter().cloned().zip(all.related.iter().cloned());
            self.related.extend(links);
        }
        let checks = self.event_checks();
        checks.check(event, &all, &mut self.guesses, &mut self.diags);
        self.order(event, spans, state);
    }

    /// Checks every event of an imported file, whole and in file order, as [`Validator::event`]
    /// would one at a time, with where each one's parts were written (`spans`). Each event is
    /// read on rayon's threads ([`crate::parallel`]): its checks that need nothing of the others,
    /// and what the checks in file order need of it ([`InOrder`]), which this thread then takes
    /// without reading the event again: taking the ids in order here while the others checked
    /// waited on memory for each id, its hash and its place, a third of a second of a
    /// million-event load with the other core idle. An event whose checks ask for a "did you
    /// mean" hint is checked again in file order, since the comparisons a hint may make are
    /// counted across the file.
    pub fn whole_events(&mut self, events: &[Event], spans: &[Packed]) {
        let checks = self.event_checks();
        let text = self.src.text();
        // In one pass before the rest: an imported file's ids lie in rows read long before, so
        // each look at one waits on memory, and asking first whether any id is invisible, then
        // hashing them a piece at a time, took two such looks at each (7% of the samples of a
        // million-row load).
        let hashes = parallel::map(events, |e| IdHash::of(&e.id));
        if self.noting == Noting::Unique && !self.asked_for_ids(events, &hashes) {
            self.stop_noting();
        }
        // A piece at a time, so that what the threads find waits for a few events, not a million.
        for first in (0..events.len()).step_by(WHOLE_EVENTS) {
            let (events, spans, hashes) = (&events[first..], &spans[first..], &hashes[first..]);
            let len = events.len().min(WHOLE_EVENTS);
            let read = parallel::map_indices(len, |i| {
                let (event, spans) = (&events[i], &spans[i]);
                let mut guesses = Guesses::apart();
                let mut diags = Vec::new();
                checks.check(event, &LazyCell::new(|| spans.all(text)), &mut guesses, &mut diags);
                InOrder {
                    id: &event.id,
                    hash: hashes[i],
                    id_span: spans.id(),
                    related: (event.more.related.iter().cloned())
                        .zip(spans.spans(Part::Related))
                        .collect(),
                    found: (!guesses.asked).then_some(diags),
                }
            });
            // Each id seen before, when the ids are noted at once or not at all (none then is).
            let seen = match self.noting {
                Noting::Nothing => Some(Vec::new()),
                Noting::Every | Noting::Unique => self.ids_at_once(&read),
            };
            let mut at_once = seen.map(|seen| seen.into_iter().peekable());
            for (i, read) in read.into_iter().enumerate() {
                let id = match &mut at_once {
                    Some(seen) => (seen.next_if(|&(at, _)| at == i))
                        .map(|(_, first)| self.duplicate_id(read.id, &read.id_span, first)),
                    None => self.id(read.id, read.hash, &read.id_span),
                };
                if let Some(d) = id {
                    self.diags.push(d);
                }
                self.related.extend(read.related);
                let (event, spans) = (&events[i], &spans[i]);
                match read.found {
                    Some(mut found) => self.diags.append(&mut found),
                    None => checks.check(
                        event,
                        &LazyCell::new(|| spans.all(text)),
                        &mut self.guesses,
                        &mut self.diags,
                    ),
                }
                self.order(event, spans, State::Whole);
            }
        }
    }

    /// Whether anything may ask for an id of `events`, which share none (see [`Noting::Unique`]):
    /// a link to an event, an id with an invisible character (a lookalike's twin is looked up),
    /// or anything noted before them. When nothing does, none is noted, and a million-event
    /// import does not wait on a table of a million ids, which took it a fifth of a second to
    /// fill on one core.
    fn asked_for_ids(&self, events: &[Event], hashes: &[IdHash]) -> bool {
        let asks = |i: usize| !events[i].more.related.is_empty() || !hashes[i].visible();
        let fresh = self.first_seen.is_empty() && self.related.is_empty() && self.lookalikes.is_empty();
        !fresh || parallel::any(events.len(), asks)
    }

    /// Notes the ids of `read` at once (see [`seen::Seen::insert_all`]) when that is what
    /// [`Validator::id`] would do with each in turn, as it nearly always is: with no invisible
    /// character among them or before them, it only asks whether each was seen. Then each id
    /// seen already, by its index in `read`, with where it was first written.
    fn ids_at_once(&mut self, read: &[InOrder<'_>]) -> Option<Vec<(usize, usize)>> {
        if !self.lookalikes.is_empty() || !read.iter().all(|r| r.hash.visible()) {
            return None;
        }
        // A missing id is not noted (see `Validator::id`).
        let given: Vec<usize> = (0..read.len()).filter(|&i| !read[i].id.is_empty()).collect();
        let ids: Vec<_> = (given.iter())
            .map(|&i| (read[i].id, read[i].hash, read[i].id_span.start))
            .collect();
        let seen = self.first_seen.insert_all(&ids);
        Some(seen.into_iter().map(|(k, first)| (given[k], first)).collect())
    }

    /// The checks of an event that need nothing of the others.
    fn event_checks(&self) -> EventChecks<'a> {
        EventChecks {
            t: self.t,
            lists_whole: self.lists_whole,
        }
    }

    /// The check of an event's id (at `span`, its hash `hash`), in file order: unique, and not
    /// a lookalike of one before it; the id is then known.
    fn id(&mut self, id: &str, hash: IdHash, span: &Range<usize>) -> Option<Diagnostic> {
        if id.is_empty() {
            // A missing id is reported where it is read; nothing links to it.
            return None;
        }
        if let Some(first) = self.first_seen.insert(id, hash, span.start) {
            return Some(self.duplicate_id(id, span, first));
        }
        let (twin, first) = self
            .lookalikes
            .twin(id, hash.visible(), span.start, |plain| self.first_seen.get(plain))?;
        // A lookalike is not known as an id of its own (links to it are broken).
        self.first_seen.remove(id);
        let (line, _) = self.src.line_col(first);
        let first = format!("the first is on line {line}");
        Some(lookalike::duplicate("event", id, &twin, span.clone(), &first))
    }

    /// The error for `id`, written at `span` and first at `first`.
    fn duplicate_id(&self, id: &str, span: &Range<usize>, first: usize) -> Diagnostic {
        let (line, _) = self.src.line_col(first);
        Diagnostic::error(
            "duplicate-id",
            span.clone(),
            format!("the event id `{id}` is used twice"),
        )
        .with_hint(format!("ids must be unique; the first `{id}` is on line {line}"))
    }

    /// The pedantic check of the file's order (of a whole event, whose parts were written at
    /// `spans`): an event dated before the one written above it. Its table is asked for only
    /// then: an imported event's is found among its packed parts.
    fn order(&mut self, event: &Event, spans: &impl Whereabouts, state: State) {
        if !(self.checks.pedantic && state == State::Whole) {
            return;
        }
        let id = name(event);
        if let Some((before_id, before)) = &self.previous
            && event.date.sort_key() < before.sort_key()
        {
            self.diags.push(
                Diagnostic::warning(
                    "out-of-order",
                    spans.table(),
                    format!(
                        "event `{id}` ({}) comes after `{before_id}` ({before}) in the file",
                        event.date
                    ),
                )
                .with_hint("tlx sorts by date anyway; reorder the file if you want it to read chronologically"),
            );
        }
        self.previous = Some((id.to_string(), event.date.clone()));
    }

    /// The checks that need every event: links to events that do not exist. Then every finding.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (id, span) in &self.related {
            if self.first_seen.get(id).is_none() {
                let known = self.first_seen.ids();
                let diag = self
                    .guesses
                    .unknown_id("unknown-event", "event", id, span.clone(), known);
                self.diags.push(diag);
            }
        }
        self.diags
    }
}

/// The checks of one event that need nothing of the others: its links to the file's actors and
/// references (judged only when those lists are whole: see [`Validator::lists_unread`]), its claims
/// and its sources.
#[derive(Clone, Copy)]
struct EventChecks<'a> {
    t: &'a Timeline,
    lists_whole: bool,
}

impl EventChecks<'_> {
    /// What the checks of `event` find, added to `diags`. `spans` are where its parts were
    /// written, asked for only by a diagnostic (see [`Whereabouts`]): each check first finds its
    /// problem, then the span of the part it is about, and passes over a part written nowhere
    /// (a format may locate less).
    fn check<'s>(
        self,
        event: &Event,
        spans: &LazyCell<Cow<'s, EventSpans>, impl FnOnce() -> Cow<'s, EventSpans>>,
        guesses: &mut Guesses,
        diags: &mut Vec<Diagnostic>,
    ) {
        let t = self.t;
        // The messages below name the event; one whose id is missing is named for that.
        let named;
        let event = if event.id.is_empty() {
            named = Event {
                id: name(event).into(),
                ..event.clone()
            };
            &named
        } else {
            event
        };
        if self.lists_whole && !t.actors.is_empty() {
            for (i, id) in event.actors.iter().enumerate() {
                if looks_like_id(id)
                    && !t.actors.contains_key(id.as_str())
                    && let Some(span) = spans.actors.get(i)
                {
                    let known = t.actors.keys().map(String::as_str);
                    diags.push(guesses.unknown_id("unknown-actor", "actor", id, span.clone(), known));
                }
            }
        }
        // Each source's and denial's via: its place is asked for only when it names no reference.
        let sources = event
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.more().via.as_deref(), i, false));
        let denials = event
            .denials
            .iter()
            .enumerate()
            .map(|(i, d)| (d.via.as_deref(), i, true));
        for (via, i, denial) in sources.chain(denials) {
            let items = || if denial { &spans.denials } else { &spans.sources };
            if let Some(id) = via
                && self.lists_whole
                && !t.references.contains_key(id)
                && let Some(span) = items().get(i).and_then(|item| item.via.as_ref())
            {
                let known = t.references.keys().map(String::as_str);
                diags.push(guesses.unknown_id("unknown-reference", "reference", id, span.clone(), known));
            }
        }
        // An event with no claims, none of whose items names one, has nothing to check there.
        let sources_name = event.sources.iter().any(|s| !s.more().claims.is_empty());
        let denials_name = event.denials.iter().any(|d| !d.claims.is_empty());
        if sources_name || denials_name || !event.more.claims.is_empty() {
            claims(event, spans, guesses, diags);
        }
        // Most events derive nothing: no list of parents to build.
        let derives = event.sources.iter().any(|s| s.more().derived_from.is_some());
        let parents = if derives { parents(&event.sources) } else { Vec::new() };
        for (i, (source, parent)) in event.sources.iter().zip(parents).enumerate() {
            if let (Some(origin), None) = (&source.more().derived_from, parent)
                && let Some(span) = spans.sources.get(i).and_then(|item| item.derived_from.as_ref())
            {
                let others = event.sources.iter().filter(|s| !std::ptr::eq(*s, source));
                let hint = match guesses.did_you_mean(origin, others.map(|s| s.outlet())) {
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
        for (i, source) in event.sources.iter().enumerate() {
            if source.quote.is_none()
                && let Some(item) = spans.sources.get(i)
            {
                diags.push(
                    Diagnostic::warning(
                        "no-quote",
                        item.table.clone(),
                        format!("the {} source has no quote", source.outlet()),
                    )
                    .with_hint("add quote = \"...\" with the passage, verbatim"),
                );
            }
        }
    }
}

/// How the messages name an event: by its id, or as having none.
fn name(event: &Event) -> &str {
    if event.id.is_empty() { "(no id)" } else { &event.id }
}

/// How many events [`Validator::whole_events`] checks at a time.
const WHOLE_EVENTS: usize = 1 << 16;

/// What [`Validator::whole_events`] reads of an event on rayon's threads for the checks it must
/// make in file order.
struct InOrder<'e> {
    id: &'e str,
    hash: IdHash,
    /// Where the id was written.
    id_span: Range<usize>,
    /// Its links to other events, each with where it was written.
    related: Vec<(String, Range<usize>)>,
    /// What its own checks found; `None` when they asked for a hint (checked again in order).
    found: Option<Vec<Diagnostic>>,
}

/// What the checks of one event's claims find, apart from the rest of the file (the quick reader's
/// tests hold it to them).
pub fn claim_problems(event: &Event, spans: &EventSpans) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    claims(event, spans, &mut Guesses::new(), &mut diags);
    diags
}

/// The checks of an event's claims: ids unique within the event, each claim a source or denial
/// names defined, a verdict given with its rating.
fn claims(event: &Event, spans: &EventSpans, guesses: &mut Guesses, diags: &mut Vec<Diagnostic>) {
    // Spans fall back to the event's table where a format locates less (a CSV row, say).
    let at = |list: &[Range<usize>], i: usize, or: &Range<usize>| list.get(i).unwrap_or(or).clone();
    let mut seen: Vec<&str> = Vec::with_capacity(event.more.claims.len());
    for (i, c) in event.more.claims.iter().enumerate() {
        let span = at(&spans.claims, i, &spans.table);
        if seen.contains(&c.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    span.clone(),
                    format!("event `{}` has two claims with id `{}`", event.id, c.id),
                )
                .with_hint("claim ids must be unique within their event; rename one"),
            );
        }
        seen.push(&c.id);
        if c.verdict.is_some() != c.rating.is_some() {
            let (has, lacks) = if c.verdict.is_some() {
                (
                    "a verdict",
                    "rating = \"false\" (or mostly-false, mixed, mostly-true, true)",
                )
            } else {
                ("a rating", "verdict = \"...\" saying why")
            };
            diags.push(
                Diagnostic::error(
                    "incomplete-verdict",
                    span,
                    format!("claim `{}` of `{}` has {has} alone", c.id, event.id),
                )
                .with_hint(format!("a verdict is its words and its rating together: add {lacks}")),
            );
        }
    }
    let named = event
        .sources
        .iter()
        .map(|s| &s.more().claims)
        .zip(&spans.sources)
        .chain(event.denials.iter().map(|d| &d.claims).zip(&spans.denials));
    for (ids, item) in named {
        for (i, id) in ids.iter().enumerate() {
            if seen.contains(&id.as_str()) {
                continue;
            }
            let span = at(&item.claims, i, &item.table);
            let diag = if seen.is_empty() {
                Diagnostic::error(
                    "unknown-claim",
                    span,
                    format!("event `{}` has no claims, so none is called `{id}`", event.id),
                )
                .with_hint(format!(
                    "add [[events.claims]] with id = \"{id}\" and its text, or remove `claims` to mean the whole event"
                ))
            } else {
                guesses.unknown_id("unknown-claim", "claim of this event", id, span, seen.iter().copied())
            };
            diags.push(diag);
        }
    }
}

/// Entries written like ids (no spaces, lowercase) must exist; anything else is a free name.
fn looks_like_id(text: &str) -> bool {
    !text.is_empty() && !text.contains(char::is_whitespace) && !text.chars().any(char::is_uppercase)
}

/// How many names "did you mean" compares in one file, in all. Each unknown id is compared with
/// every known one, so without a bound 20k mistyped links among 20k events took minutes; the
/// first mistakes of a file (those shown before the cap on diagnostics) still get their hint.
const GUESSES: usize = 300_000;

/// The comparisons left for "did you mean" hints in this file.
struct Guesses {
    /// `None` for an event checked apart from those before it, which cannot know how many are left.
    left: Option<usize>,
    /// Whether a hint was asked for while `left` was unknown: the event is to be checked again
    /// in file order.
    asked: bool,
}

impl Guesses {
    /// The comparisons of a whole file.
    fn new() -> Guesses {
        Guesses {
            left: Some(GUESSES),
            asked: false,
        }
    }

    /// None known: each hint asked for is only noted (see [`Validator::whole_events`]).
    fn apart() -> Guesses {
        Guesses {
            left: None,
            asked: false,
        }
    }

    /// The closest candidate, while comparisons are left; `None` once they are spent, or when
    /// how many are left is not known.
    fn did_you_mean<'a>(&mut self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        let Some(left) = &mut self.left else {
            self.asked = true;
            return None;
        };
        let candidates = candidates.into_iter();
        let count = candidates.size_hint().1.unwrap_or(usize::MAX);
        *left = left.checked_sub(count)?;
        did_you_mean(word, candidates)
    }

    fn unknown_id<'a>(
        &mut self,
        code: &'static str,
        what: &str,
        id: &str,
        span: Range<usize>,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Diagnostic {
        let hint = match self.did_you_mean(id, known) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("define the {what} `{id}`, or correct the id"),
        };
        Diagnostic::error(code, span, format!("there is no {what} with id `{id}`")).with_hint(hint)
    }
}

#[cfg(test)]
mod tests;
