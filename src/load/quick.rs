//! A fast reader for one `[[events]]` block in the plain subset of TOML that tlx and its exporters
//! write, for loading very large files; anything else falls back to the full parser.
//!
//! Why a hand parser, when the project otherwise leaves TOML to the `toml` crate: that crate
//! (`DeTable::parse_recoverable` then [`walk::event`](super::walk::event)) was measured too slow
//! for million-event files (tens of MB/s, about three times the text in memory; the `quick` group of
//! `benches/hot_paths.rs` compares the two). This reader is trusted only where it agrees with that
//! path: it reads a small subset whose meaning TOML fixes, reuses the walker's key lists and the
//! model's date, stance and grade parsers, and returns `Some` only where the full path would give
//! the same event and spans with no diagnostic at all; on anything else it returns `None` and the
//! caller falls back, so the library stays the reference. `tests/quick/` checks that agreement.

mod scan;

use std::ops::Range;

use scan::{Cursor, Header, Line};
use smallvec::SmallVec;

use super::walk::{CLAIM_KEYS, DENIAL_KEYS, EVENT_KEYS, EventSpans, ItemSpans, SOURCE_KEYS};
use crate::loaded::fitted;
use crate::model::said::Said;
use crate::model::{
    Attribution, Claim, Date, Denial, Event, EventFields, Name, Names, Rating, Reliability, Source, SourceMore, Stance,
    Text, credibility_grade,
};

/// Reads one `[[events]]` block written in the plain subset of TOML that tlx and its exporters write; None when the block needs the full parser.
pub fn event(block: &str) -> Option<(Event, EventSpans)> {
    read::<true>(block, false)
}

/// [`event`], noting only where the table and the id were written: the rest of its spans are
/// wanted only for a diagnostic, which few events have, and found again with [`event`] then.
/// Noting them costs this reader nothing to speak of (`benches/hot_paths.rs`), but a million
/// events' lists of ranges, each moved to its place in the file, handed to the checking thread
/// and dropped there, took about a tenth of their load's time. `printable` says the caller found
/// every byte of the block printable already (see [`Cursor::new`]).
pub fn event_alone(block: &str, printable: bool) -> Option<(Event, Range<usize>, Range<usize>)> {
    read::<false>(block, printable).map(|(event, spans)| (event, spans.table, spans.id))
}

/// [`event`], with the table's and the id's spans alone unless `ALL`.
fn read<const ALL: bool>(block: &str, printable: bool) -> Option<(Event, EventSpans)> {
    let mut cur = Cursor::new(block, printable)?;
    let Line::Header(Header::Event, table) = cur.line()? else {
        return None;
    };
    let mut event = EventParts::default();
    let mut spans = EventSpans {
        table,
        ..EventSpans::default()
    };
    // The source or denial whose keys are being read, if any; each is checked when the next starts.
    let mut item: Option<ItemParts> = None;
    loop {
        match cur.line()? {
            Line::End => break,
            Line::Key(key) => {
                match &mut item {
                    None => event.read::<ALL>(key, &mut cur, &mut spans)?,
                    Some(ItemParts::Source(s)) => s.read(key, &mut cur)?,
                    Some(ItemParts::Denial(d)) => d.read(key, &mut cur)?,
                    Some(ItemParts::Claim(c)) => c.read(key, &mut cur)?,
                }
                cur.end_of_line()?;
            }
            Line::Header(header, span) => {
                if let Some(done) = item.take() {
                    done.finish::<ALL>(&mut event, &mut spans)?;
                }
                item = Some(ItemParts::new(header, span)?);
            }
        }
    }
    if let Some(done) = item {
        done.finish::<ALL>(&mut event, &mut spans)?;
    }
    Some((event.finish()?, spans))
}

/// The keys of one table read so far, to refuse a key written twice as TOML does.
#[derive(Default)]
struct Seen(u16);

impl Seen {
    /// Records `key`; `None` when it is not one of `known` or was already read.
    fn claim(&mut self, key: &str, known: &[&str]) -> Option<()> {
        let bit = 1 << known.iter().position(|k| *k == key)?;
        if self.0 & bit != 0 {
            return None;
        }
        self.0 |= bit;
        Some(())
    }

    /// True when `key` (one of `known`) was read.
    fn has(&self, key: &str, known: &[&str]) -> bool {
        known
            .iter()
            .position(|k| *k == key)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }
}

/// A required string: the full path reports a blank one.
fn filled<S: std::ops::Deref<Target = str>>(s: S) -> Option<S> {
    (!s.trim().is_empty()).then_some(s)
}

/// A date written as a string, parsed as [`Fields::date`](crate::located::Fields::date) does.
fn date(cur: &mut Cursor<'_>) -> Option<Date> {
    Date::parse(&cur.string()?.0).ok()
}

/// An event's own keys, read so far.
#[derive(Default)]
struct EventParts {
    seen: Seen,
    id: Text,
    date: Option<Date>,
    title: Text,
    summary: Option<Text>,
    tags: Vec<Name>,
    actors: Vec<Name>,
    related: Vec<String>,
    notes: Option<String>,
    claims: Vec<Claim>,
    /// Most events have one to four sources: kept here until the event is whole, then moved to a
    /// list of their number. Pushed to a list, they left it room for four whatever their number,
    /// and fitting it copied them again: 3% of a million events' load.
    sources: SmallVec<[Source; 4]>,
    denials: Vec<Denial>,
}

impl EventParts {
    /// Reads the value of `key`, noting where it was written in `spans`; a list's entries only
    /// when `ALL`.
    fn read<const ALL: bool>(&mut self, key: &str, cur: &mut Cursor<'_>, spans: &mut EventSpans) -> Option<()> {
        self.seen.claim(key, EVENT_KEYS)?;
        match key {
            "id" => {
                // Lent by the file, as prose is: a large file's ids are checked unique without
                // a copy of each (see `validate::seen`).
                let (id, span) = cur.text()?;
                self.id = filled(id)?;
                spans.id = span;
            }
            "date" => self.date = Some(date(cur)?),
            "title" => self.title = filled(cur.prose()?)?,
            "summary" => self.summary = Some(cur.prose()?),
            "notes" => self.notes = Some(cur.string()?.0.into_owned()),
            "tags" => {
                cur.strings(|s, _| self.tags.push(Name::shared(&s)))?;
                // The full path reports a blank tag.
                if self.tags.iter().any(|t| t.trim().is_empty()) {
                    return None;
                }
            }
            "actors" => cur.strings(|s, span| {
                self.actors.push(Name::shared(&s));
                if ALL {
                    spans.actors.push(span);
                }
            })?,
            "related" => cur.strings(|s, span| {
                self.related.push(s.into_owned());
                if ALL {
                    spans.related.push(span);
                }
            })?,
            // `sources = ...`, `denials = ...` or `media = ...` written as keys rather than headers.
            _ => return None,
        }
        Some(())
    }

    fn finish(self) -> Option<Event> {
        // `date` is Some only once read; id and title are checked non-blank when read.
        if !self.seen.has("id", EVENT_KEYS) || !self.seen.has("title", EVENT_KEYS) {
            return None;
        }
        claims_are_clean(&self.claims, &self.sources, &self.denials).then_some(())?;
        Some(Event::from(EventFields {
            id: self.id,
            date: self.date?,
            title: self.title,
            summary: self.summary,
            // A list of names is the one kept for every event that lists the same names; a
            // thin list is made to fit (and an empty one holds nothing).
            tags: Names::shared(self.tags),
            actors: Names::shared(self.actors),
            related: self.related.into(),
            notes: self.notes.map(Into::into),
            // An event with media is left to the full path (`media` is never read here).
            media: None,
            // Likewise a place (`[events.place]` is a header the scanner leaves to the full path:
            // its degrees are numbers, which this reader does not read).
            place: None,
            claims: self.claims.into(),
            sources: fitted(self.sources),
            denials: self.denials.into(),
        }))
    }
}

/// What the validator would find wrong with an event's claims, checked here so that the quick
/// path's events are clean there too: claim ids unique, every id a source or denial names defined,
/// a verdict never without its rating nor a rating without its verdict.
fn claims_are_clean(claims: &[Claim], sources: &[Source], denials: &[Denial]) -> bool {
    let known = |id: &String| claims.iter().any(|c| &c.id == id);
    let unique = claims
        .iter()
        .enumerate()
        .all(|(i, c)| !claims[..i].iter().any(|d| d.id == c.id));
    let whole = claims.iter().all(|c| c.verdict.is_some() == c.rating.is_some());
    let named = sources
        .iter()
        .map(|s| &s.more().claims)
        .chain(denials.iter().map(|d| &d.claims));
    unique && whole && named.flatten().all(known)
}

/// The `[[events.sources]]`, `[[events.denials]]` or `[[events.claims]]` table being read.
enum ItemParts {
    Source(SourceParts),
    Denial(DenialParts),
    Claim(ClaimParts),
}

impl ItemParts {
    /// The item a header starts; `None` for a second `[[events]]`, which the block must not hold.
    fn new(header: Header, table: Range<usize>) -> Option<ItemParts> {
        let spans = ItemSpans {
            table,
            ..ItemSpans::default()
        };
        match header {
            Header::Event => None,
            Header::Source => Some(ItemParts::Source(SourceParts {
                seen: Seen::default(),
                outlet: Name::default(),
                citing: None,
                source: Source::default(),
                more: SourceMore::default(),
                spans,
            })),
            Header::Denial => Some(ItemParts::Denial(DenialParts {
                seen: Seen::default(),
                denial: Denial::default(),
                spans,
            })),
            Header::Claim => Some(ItemParts::Claim(ClaimParts {
                seen: Seen::default(),
                claim: Claim::default(),
                id: 0..0,
            })),
        }
    }

    /// Adds the item to its event, and where it was written to `spans` when `ALL`; `None` when a
    /// required key is missing.
    fn finish<const ALL: bool>(self, event: &mut EventParts, spans: &mut EventSpans) -> Option<()> {
        match self {
            ItemParts::Source(s) => {
                s.seen.has("outlet", SOURCE_KEYS).then_some(())?;
                event.sources.push(Source {
                    said: Said::new(Attribution::new(s.outlet, s.citing), s.more),
                    ..s.source
                });
                if ALL {
                    spans.sources.push(s.spans);
                }
            }
            ItemParts::Denial(d) => {
                d.seen.has("by", DENIAL_KEYS).then_some(())?;
                event.denials.push(d.denial);
                if ALL {
                    spans.denials.push(d.spans);
                }
            }
            ItemParts::Claim(c) => {
                // id and text are checked non-blank when read.
                (c.seen.has("id", CLAIM_KEYS) && c.seen.has("text", CLAIM_KEYS)).then_some(())?;
                event.claims.push(c.claim);
                if ALL {
                    spans.claims.push(c.id);
                }
            }
        }
        Some(())
    }
}

/// A source's keys, read so far.
struct SourceParts {
    seen: Seen,
    outlet: Name,
    citing: Option<Name>,
    source: Source,
    more: SourceMore,
    spans: ItemSpans,
}

impl SourceParts {
    fn read(&mut self, key: &str, cur: &mut Cursor<'_>) -> Option<()> {
        self.seen.claim(key, SOURCE_KEYS)?;
        let (s, more) = (&mut self.source, &mut self.more);
        match key {
            "outlet" => self.outlet = filled(cur.name()?)?,
            "citing" => self.citing = Some(cur.name()?),
            "stance" => more.stance = Stance::from_word(&cur.string()?.0)?,
            "date" => s.date = Some(date(cur)?),
            "dated" => more.dated = Some(date(cur)?),
            "via" => {
                let (via, span) = cur.string()?;
                more.via = Some(Name::shared(&via));
                self.spans.via = Some(span);
            }
            "quote" => s.quote = Some(cur.prose()?),
            "url" => s.url = Some(cur.prose()?),
            "derived_from" => {
                let (from, span) = cur.string()?;
                more.derived_from = Some(Name::shared(&from));
                self.spans.derived_from = Some(span);
            }
            "reliability" => more.reliability = Some(Reliability::parse(&cur.string()?.0)?),
            "credibility" => more.credibility = Some(credibility_grade(cur.digit()?)?),
            "claims" => cur.strings(|id, span| {
                more.claims.push(id.into_owned());
                self.spans.claims.push(span);
            })?,
            _ => return None,
        }
        Some(())
    }
}

/// A denial's keys, read so far.
struct DenialParts {
    seen: Seen,
    denial: Denial,
    spans: ItemSpans,
}

impl DenialParts {
    fn read(&mut self, key: &str, cur: &mut Cursor<'_>) -> Option<()> {
        self.seen.claim(key, DENIAL_KEYS)?;
        let d = &mut self.denial;
        match key {
            "by" => d.by = filled(cur.name()?)?,
            "date" => d.date = Some(date(cur)?),
            "via" => {
                let (via, span) = cur.string()?;
                d.via = Some(Name::shared(&via));
                self.spans.via = Some(span);
            }
            "quote" => d.quote = Some(cur.prose()?),
            "url" => d.url = Some(cur.prose()?),
            "claims" => cur.strings(|id, span| {
                d.claims.push(id.into_owned());
                self.spans.claims.push(span);
            })?,
            _ => return None,
        }
        Some(())
    }
}

/// A claim's keys, read so far, and where its id was written.
struct ClaimParts {
    seen: Seen,
    claim: Claim,
    id: Range<usize>,
}

impl ClaimParts {
    fn read(&mut self, key: &str, cur: &mut Cursor<'_>) -> Option<()> {
        self.seen.claim(key, CLAIM_KEYS)?;
        let c = &mut self.claim;
        match key {
            "id" => {
                let (id, span) = cur.string()?;
                c.id = filled(id)?.into_owned();
                self.id = span;
            }
            "text" => c.text = filled(cur.string()?.0)?.into_owned(),
            "verdict" => c.verdict = Some(cur.string()?.0.into_owned()),
            "rating" => c.rating = Some(Rating::from_word(&cur.string()?.0)?),
            _ => return None,
        }
        Some(())
    }
}
