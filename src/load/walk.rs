//! Builds a [`Timeline`] from a parsed TOML document, one table at a time, collecting
//! every structural problem and remembering where each item was written.
//!
//! Each event is read by [`event`] on its own, so a later lazy loader can read events as needed.

use std::collections::HashMap;
use std::ops::Range;

use indexmap::IndexMap;
use thin_vec::ThinVec;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::lookalike::{self, Lookalikes};
use crate::diagnostic::Diagnostic;
pub use crate::loaded::{EventSpans, ItemSpans};
use crate::located::{Fields, report_unknown_keys};
use crate::model::{
    Actor, Claim, Date, Denial, Event, EventFields, Media, Meta, Place, Rating, Reference, Reliability, Source,
    SourceFields, Stance, Text, Timeline, credibility_grade, place,
};

/// Keys of the document root.
pub const ROOT_KEYS: &[&str] = &["timeline", "references", "actors", "events"];
/// Keys of `[timeline]`.
pub const META_KEYS: &[&str] = &["title", "version", "description", "authors", "updated", "language"];
/// Keys of a reference.
pub const REFERENCE_KEYS: &[&str] = &["title", "outlet", "published", "url", "archived", "accessed", "note"];
/// Keys of an actor.
pub const ACTOR_KEYS: &[&str] = &["name", "kind", "aliases", "description"];
/// Keys of an event.
pub const EVENT_KEYS: &[&str] = &[
    "id", "date", "title", "summary", "tags", "actors", "related", "notes", "media", "place", "claims", "sources",
    "denials",
];
/// Keys of an event's media.
pub const MEDIA_KEYS: &[&str] = &["url", "caption", "credit"];
/// Keys of an event's place.
pub const PLACE_KEYS: &[&str] = &["name", "lat", "lon"];
/// Keys of an event's claim.
pub const CLAIM_KEYS: &[&str] = &["id", "text", "verdict", "rating"];
/// Keys of a source.
pub const SOURCE_KEYS: &[&str] = &[
    "outlet",
    "citing",
    "stance",
    "date",
    "dated",
    "via",
    "quote",
    "url",
    "derived_from",
    "reliability",
    "credibility",
    "claims",
];
/// Keys of a denial.
pub const DENIAL_KEYS: &[&str] = &["by", "date", "via", "quote", "url", "claims"];

/// The same span `by` bytes further into the file.
pub fn shift(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

impl EventSpans {
    /// The same spans for an event found `by` bytes further into the file.
    pub fn shifted(self, by: usize) -> EventSpans {
        let shift = |r| shift(r, by);
        EventSpans {
            table: shift(self.table),
            id: shift(self.id),
            related: self.related.into_iter().map(shift).collect(),
            actors: self.actors.into_iter().map(shift).collect(),
            claims: self.claims.into_iter().map(shift).collect(),
            sources: self.sources.into_iter().map(|s| s.shifted(by)).collect(),
            denials: self.denials.into_iter().map(|s| s.shifted(by)).collect(),
        }
    }
}

/// One `[[events]]` table as read: by the walker, with where each of its parts was written; by
/// [`super::piecewise`], with [`super::piecewise::Spans`], which may find them again instead.
#[derive(Debug, Clone)]
pub struct Read<S = EventSpans> {
    /// The event; where a required key is missing or invalid, a blank stands in for it.
    pub event: Event,
    /// Where its parts were written.
    pub spans: S,
    /// How far it could be read.
    pub state: State,
    /// True when the reader saw the event's table plain (see [`crate::loaded::plain`]).
    pub plain: bool,
}

/// How far an event table could be read, which says what can be checked of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Every required key of the event and of its items was read: the event can open.
    Whole,
    /// A required key is missing or invalid (a bad date, a source without an outlet): the event
    /// cannot open, but its links and everything else written are still checked, so that one
    /// run reports all that can be known.
    Incomplete,
    /// The table has a TOML syntax error, after which what was read may be garbled (a missing
    /// quote swallows the next key): only its id is trusted, so links to it are not reported.
    Unparsed,
}

/// A timeline and, parallel to its events, where each was written.
#[derive(Debug, Clone, Default)]
pub struct Walked {
    /// What could be read, in file order; events that are not [`State::Whole`] are checked
    /// and then left out (see [`Walked::keep_whole`]).
    pub timeline: Timeline,
    /// `spans[i]` locates `timeline.events[i]`.
    pub spans: Vec<EventSpans>,
    /// `states[i]` says how far `timeline.events[i]` was read.
    pub states: Vec<State>,
    /// Span of the `[timeline]` table or of the document.
    pub meta_span: Range<usize>,
}

/// Reads the whole document.
pub fn document(root: &Spanned<DeTable<'_>>, diags: &mut Vec<Diagnostic>) -> Walked {
    let table = root.get_ref();
    report_unknown_keys(table, "the file's top level", ROOT_KEYS, diags);
    let mut walked = Walked {
        meta_span: root.span(),
        ..Walked::default()
    };
    match table.get("timeline") {
        Some(value) => {
            walked.meta_span = value.span();
            if let Some(meta) = meta(value, diags) {
                walked.timeline.timeline = meta;
            }
        }
        None => diags.push(
            Diagnostic::error("missing-key", 0..0, "the file has no [timeline] table")
                .with_hint("start the file with [timeline] and title = \"...\""),
        ),
    }
    walked.timeline.references = keyed(table.get("references"), "references", reference, diags);
    walked.timeline.actors = keyed(table.get("actors"), "actors", actor, diags);
    for value in array(table.get("events"), "events", diags) {
        if let Some(read) = event(value, diags) {
            walked.push(read);
        }
    }
    walked
}

impl Walked {
    /// Adds an event read, after the others.
    pub fn push(&mut self, read: Read) {
        self.timeline.events.push(read.event);
        self.spans.push(read.spans);
        self.states.push(read.state);
    }

    /// Leaves out the events that could not be read whole, once they have been checked.
    pub fn keep_whole(&mut self) {
        if self.states.iter().all(|s| *s == State::Whole) {
            return;
        }
        let events = std::mem::take(&mut self.timeline.events);
        let spans = std::mem::take(&mut self.spans);
        let states = std::mem::take(&mut self.states);
        for ((event, spans), state) in events.into_iter().zip(spans).zip(states) {
            if state == State::Whole {
                self.push(Read {
                    event,
                    spans,
                    state,
                    plain: false,
                });
            }
        }
    }
}

fn meta(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Meta> {
    let f = Fields::open(value, "[timeline] table", META_KEYS, diags)?;
    let version = f.integer("version", diags);
    if let Some(v) = version.filter(|v| *v != 1) {
        diags.push(
            Diagnostic::error(
                "bad-version",
                f.span_of("version"),
                format!("format version {v} is not one tlx reads"),
            )
            .with_hint("this tlx reads version 1; remove the key or write version = 1"),
        );
    }
    Some(Meta {
        title: f.required_string("title", diags).unwrap_or_default(),
        version: version.and_then(|v| u32::try_from(v).ok()),
        description: f.string("description", diags),
        authors: plain(f.strings("authors", diags)),
        updated: f.date("updated", diags),
        language: f.string("language", diags),
    })
}

fn reference(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Reference> {
    let f = Fields::open(value, "reference", REFERENCE_KEYS, diags)?;
    Some(Reference {
        title: f.required_string("title", diags)?,
        outlet: f.string("outlet", diags),
        published: f.date("published", diags),
        url: f.string("url", diags),
        archived: f.string("archived", diags),
        accessed: f.date("accessed", diags),
        note: f.string("note", diags),
    })
}

fn actor(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Actor> {
    let f = Fields::open(value, "actor", ACTOR_KEYS, diags)?;
    Some(Actor {
        name: f.required_string("name", diags)?,
        kind: f.string("kind", diags),
        aliases: plain(f.strings("aliases", diags)),
        description: f.string("description", diags),
    })
}

/// Reads one `[[events]]` table, as far as it goes; `None` when it is not a table.
pub fn event(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Read> {
    let f = Fields::open(value, "event", EVENT_KEYS, diags)?;
    let mut whole = true;
    let id = f.required_string("id", diags);
    let date = f.required_date("date", diags);
    let title = f.required_string("title", diags);
    let mut tags = f.strings("tags", diags);
    tags.retain(|(tag, span)| {
        let blank = tag.trim().is_empty();
        if blank {
            diags.push(
                Diagnostic::error("empty-value", span.clone(), "a tag of this event is blank")
                    .with_hint("write the tag, or remove the empty string from `tags`"),
            );
        }
        !blank
    });
    let actors = f.strings("actors", diags);
    let related = f.strings("related", diags);
    let mut spans = EventSpans {
        table: f.span.clone(),
        id: f.span_of("id"),
        related: related.iter().map(|(_, s)| s.clone()).collect(),
        actors: actors.iter().map(|(_, s)| s.clone()).collect(),
        ..EventSpans::default()
    };
    let mut claims = ThinVec::new();
    for v in array(f.get("claims"), "claims", diags) {
        if let Some((c, span)) = claim(v, &mut whole, diags) {
            claims.push(c);
            spans.claims.push(span);
        }
    }
    let mut sources = Vec::new();
    for v in array(f.get("sources"), "sources", diags) {
        if let Some((s, span)) = source(v, &mut whole, diags) {
            sources.push(s);
            spans.sources.push(span);
        }
    }
    let mut denials = ThinVec::new();
    for v in array(f.get("denials"), "denials", diags) {
        if let Some((d, span)) = denial(v, &mut whole, diags) {
            denials.push(d);
            spans.denials.push(span);
        }
    }
    whole &= id.is_some() && date.is_some() && title.is_some();
    let event = Event::from(EventFields {
        id: id.unwrap_or_default().into(),
        date: date.unwrap_or_else(Date::blank),
        title: title.unwrap_or_default().into(),
        summary: f.string("summary", diags).map(Text::from),
        tags: plain(tags),
        actors: plain(actors),
        related: plain(related),
        notes: f.string("notes", diags).map(Into::into),
        media: f.get("media").and_then(|v| media(v, diags)).map(Box::new),
        place: f.get("place").and_then(|v| place(v, diags)).map(Box::new),
        claims,
        sources,
        denials,
    });
    let state = if whole { State::Whole } else { State::Incomplete };
    Some(Read {
        event,
        spans,
        state,
        plain: false,
    })
}

/// A required string of an item, or a blank standing in for it, with `whole` cleared: what
/// else the item says is still checked (see [`State::Incomplete`]).
fn required(f: &Fields<'_, '_>, key: &str, whole: &mut bool, diags: &mut Vec<Diagnostic>) -> String {
    f.required_string(key, diags).unwrap_or_else(|| {
        *whole = false;
        String::new()
    })
}

fn media(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Media> {
    let f = Fields::open(value, "media", MEDIA_KEYS, diags)?;
    Some(Media {
        url: f.required_string("url", diags)?,
        caption: f.string("caption", diags),
        credit: f.string("credit", diags),
    })
}

/// An event's place; a pair of coordinates that cannot be placed is a warning, and the place
/// keeps its name (README "Places").
fn place(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Place> {
    let f = Fields::open(value, "place", PLACE_KEYS, diags)?;
    let name = f.string("name", diags);
    // A value of the wrong type is reported as such, and the pair is then not checked again.
    let coordinate = |key: &str, diags: &mut Vec<Diagnostic>| -> Result<Option<String>, ()> {
        let Some(value) = f.get(key) else { return Ok(None) };
        match value.get_ref() {
            DeValue::Float(x) => Ok(Some(x.as_str().replace('_', ""))),
            DeValue::Integer(i) if i.radix() == 10 => Ok(Some(i.as_str().replace('_', ""))),
            other => {
                diags.push(
                    Diagnostic::warning(
                        "wrong-type",
                        value.span(),
                        format!("`{key}` must be a number of degrees, not {}", other.type_str()),
                    )
                    .with_hint("write decimal degrees such as 48.7233; the place is kept without coordinates"),
                );
                Err(())
            }
        }
    };
    let point = match (coordinate("lat", diags), coordinate("lon", diags)) {
        (Ok(lat), Ok(lon)) => place::coordinates(lat.as_deref(), lon.as_deref()).unwrap_or_else(|problem| {
            let span = f.span_of(problem.axis.key());
            diags.push(Diagnostic::warning("bad-place", span, problem.message).with_hint(problem.hint));
            None
        }),
        _ => None,
    };
    Place::new(name, point)
}

/// Reads one claim, and where its id was written.
fn claim(value: &Spanned<DeValue<'_>>, whole: &mut bool, diags: &mut Vec<Diagnostic>) -> Option<(Claim, Range<usize>)> {
    let Some(f) = Fields::open(value, "claim", CLAIM_KEYS, diags) else {
        *whole = false;
        return None;
    };
    let rating = f.string("rating", diags).and_then(|word| {
        let rating = Rating::from_word(&word);
        if rating.is_none() {
            let words: Vec<&str> = Rating::ALL.iter().map(|r| r.as_str()).collect();
            // Said now, so that the fixed rating does not bring an `incomplete-verdict` next run.
            let verdict = match f.get("verdict") {
                None => ", with verdict = \"...\" saying why",
                Some(_) => "",
            };
            diags.push(
                Diagnostic::error("bad-rating", f.span_of("rating"), format!("unknown rating \"{word}\""))
                    .with_hint(format!("write one of: {}{verdict}", words.join(", "))),
            );
        }
        rating
    });
    let claim = Claim {
        id: required(&f, "id", whole, diags),
        text: required(&f, "text", whole, diags),
        verdict: f.string("verdict", diags),
        rating,
    };
    Some((claim, f.span_of("id")))
}

fn source(value: &Spanned<DeValue<'_>>, whole: &mut bool, diags: &mut Vec<Diagnostic>) -> Option<(Source, ItemSpans)> {
    let Some(f) = Fields::open(value, "source", SOURCE_KEYS, diags) else {
        *whole = false;
        return None;
    };
    let stance = match f.string("stance", diags).as_deref() {
        None => Stance::Reports,
        Some(word) => match Stance::from_word(word) {
            Some(s) => s,
            None => {
                let words: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
                diags.push(
                    Diagnostic::error("bad-stance", f.span_of("stance"), format!("unknown stance \"{word}\""))
                        .with_hint(format!("write one of: {}", words.join(", "))),
                );
                Stance::Reports
            }
        },
    };
    let source = SourceFields {
        outlet: required(&f, "outlet", whole, diags).into(),
        citing: f.string("citing", diags).map(Into::into),
        stance,
        date: f.date("date", diags),
        dated: f.date("dated", diags),
        via: f.string("via", diags).map(Into::into),
        quote: f.string("quote", diags).map(Into::into),
        url: f.string("url", diags).map(Into::into),
        derived_from: f.string("derived_from", diags).map(Into::into),
        reliability: reliability(&f, diags),
        credibility: credibility(&f, diags),
        claims: ThinVec::new(),
    };
    let (claims, spans) = claim_ids(&f, diags);
    let source = Source::from(SourceFields { claims, ..source });
    Some((
        source,
        ItemSpans {
            claims: spans,
            ..item_spans(&f)
        },
    ))
}

/// The claims a source or denial names, and where each was written.
fn claim_ids(f: &Fields<'_, '_>, diags: &mut Vec<Diagnostic>) -> (ThinVec<String>, Vec<Range<usize>>) {
    f.strings("claims", diags).into_iter().unzip()
}

fn reliability(f: &Fields<'_, '_>, diags: &mut Vec<Diagnostic>) -> Option<Reliability> {
    let word = f.string("reliability", diags)?;
    let grade = Reliability::parse(&word);
    if grade.is_none() {
        diags.push(
            Diagnostic::error(
                "bad-grade",
                f.span_of("reliability"),
                format!("reliability \"{word}\" is not a grade"),
            )
            .with_hint(
                "write one letter of the NATO Admiralty scale: A (reliable) to E (unreliable), F (cannot be judged)",
            ),
        );
    }
    grade
}

fn credibility(f: &Fields<'_, '_>, diags: &mut Vec<Diagnostic>) -> Option<u8> {
    let n = f.integer("credibility", diags)?;
    let grade = credibility_grade(n);
    if grade.is_none() {
        diags.push(
            Diagnostic::error(
                "bad-grade",
                f.span_of("credibility"),
                format!("credibility {n} is not a grade"),
            )
            .with_hint("write a whole number from 1 (confirmed) to 5 (improbable), or 6 (cannot be judged)"),
        );
    }
    grade
}

fn denial(value: &Spanned<DeValue<'_>>, whole: &mut bool, diags: &mut Vec<Diagnostic>) -> Option<(Denial, ItemSpans)> {
    let Some(f) = Fields::open(value, "denial", DENIAL_KEYS, diags) else {
        *whole = false;
        return None;
    };
    let denial = Denial {
        by: required(&f, "by", whole, diags).into(),
        date: f.date("date", diags),
        via: f.string("via", diags).map(Into::into),
        quote: f.string("quote", diags).map(Into::into),
        url: f.string("url", diags).map(Into::into),
        claims: ThinVec::new(),
    };
    let (claims, spans) = claim_ids(&f, diags);
    let denial = Denial { claims, ..denial };
    Some((
        denial,
        ItemSpans {
            claims: spans,
            ..item_spans(&f)
        },
    ))
}

impl ItemSpans {
    fn shifted(self, by: usize) -> ItemSpans {
        let shift = |r| shift(r, by);
        ItemSpans {
            table: shift(self.table),
            via: self.via.map(shift),
            derived_from: self.derived_from.map(shift),
            claims: self.claims.into_iter().map(shift).collect(),
        }
    }
}

fn item_spans(f: &Fields<'_, '_>) -> ItemSpans {
    ItemSpans {
        table: f.span.clone(),
        via: f.get("via").map(Spanned::span),
        derived_from: f.get("derived_from").map(Spanned::span),
        claims: Vec::new(),
    }
}

fn plain<T: From<String>, L: FromIterator<T>>(items: Vec<(String, Range<usize>)>) -> L {
    items.into_iter().map(|(s, _)| s.into()).collect()
}

/// The items of an array of tables (`[[events]]`); anything else is reported.
fn array<'t, 'i>(
    value: Option<&'t Spanned<DeValue<'i>>>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> &'t [Spanned<DeValue<'i>>] {
    match value.map(|v| (v, v.get_ref())) {
        None => &[],
        Some((_, DeValue::Array(items))) => items,
        Some((v, other)) => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    v.span(),
                    format!("`{key}` must be an array of tables, not {}", other.type_str()),
                )
                .with_hint(format!("write each entry under its own [[{key}]] header")),
            );
            &[]
        }
    }
}

/// The entries of a table keyed by id (`[references.ID]`).
fn keyed<T>(
    value: Option<&Spanned<DeValue<'_>>>,
    key: &str,
    read: impl Fn(&Spanned<DeValue<'_>>, &mut Vec<Diagnostic>) -> Option<T>,
    diags: &mut Vec<Diagnostic>,
) -> IndexMap<String, T> {
    match value.map(|v| (v, v.get_ref())) {
        None => IndexMap::new(),
        Some((_, DeValue::Table(table))) => {
            let what = key.strip_suffix('s').unwrap_or(key);
            let mut seen = HashMap::new();
            let mut lookalikes = Lookalikes::default();
            table
                .iter()
                .filter_map(|(id, v)| {
                    let (id, span) = (id.get_ref(), id.span());
                    if let Some((twin, _)) =
                        lookalikes.twin(id, lookalike::visible(id), span.start, |plain| seen.get(plain).copied())
                    {
                        let first = format!("rename one of `{twin}` and this one");
                        diags.push(lookalike::duplicate(what, id, &twin, span.clone(), &first));
                    }
                    seen.insert(id.to_string(), span.start);
                    Some((id.to_string(), read(v, diags)?))
                })
                .collect()
        }
        Some((v, other)) => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    v.span(),
                    format!("`{key}` must be a table keyed by id, not {}", other.type_str()),
                )
                .with_hint(format!("write each entry under its own [{key}.ID] header")),
            );
            IndexMap::new()
        }
    }
}
