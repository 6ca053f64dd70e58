//! The timeline as it may be shown: every text field made printable by [`crate::text`].
//!
//! The explorer shows (and searches) the timeline made printable in place, so no view can forget
//! to sanitize a field, while links are judged and opened as they were read. Most files need no
//! change, and of the others only the events (and references) that changed are kept as read: a
//! copy of the whole would take twice the memory of a million events for one stray control
//! character. Each struct is taken apart without `..`, so a new field fails to compile here until
//! someone decides how it is shown.

use std::borrow::Cow;

use indexmap::IndexMap;
use rayon::prelude::*;

use super::{Actor, Claim, Denial, Event, Media, Meta, Place, Reference, Source, Timeline};
use crate::text;

/// How a field is made printable.
#[derive(Clone, Copy)]
enum Kind {
    /// One line: [`text::line`].
    Line,
    /// Paragraphs: [`text::block`].
    Block,
}

impl Kind {
    fn apply(self, s: &str) -> Cow<'_, str> {
        match self {
            Kind::Line => text::line(s),
            Kind::Block => text::block(s),
        }
    }
}

/// What [`Timeline::display`] changed, as it was read: the events it marked, and the records
/// outside the events. Only the events that changed are kept, so a stray control character in one
/// quote costs a copy of its event, not of the timeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AsRead {
    /// By their index, in order.
    events: Vec<(usize, Event)>,
    /// The title, references and actors as read, without the events (a few records).
    records: Timeline,
}

impl AsRead {
    /// Event `i` as read, of `shown`, the timeline displayed.
    pub fn event<'t>(&'t self, shown: &'t Timeline, i: usize) -> &'t Event {
        match self.events.binary_search_by_key(&i, |(at, _)| *at) {
            Ok(at) => &self.events[at].1,
            Err(_) => &shown.events[i],
        }
    }

    /// The title, references and actors as read; its events are empty (see [`AsRead::event`]).
    pub fn records(&self) -> &Timeline {
        &self.records
    }

    /// How many events were changed to be shown.
    pub fn events_changed(&self) -> usize {
        self.events.len()
    }
}

impl Timeline {
    /// Makes the timeline fit to show, in place: one-line fields through [`text::line`],
    /// multi-line ones through [`text::block`]. Returns what that changed, as it was read.
    pub fn display(&mut self) -> AsRead {
        let records = Timeline {
            timeline: self.timeline.clone(),
            references: self.references.clone(),
            actors: self.actors.clone(),
            events: Vec::new(),
        };
        outside_events(self, &mut show);
        // The events, nearly all of the work, on every core.
        let events = self
            .events
            .par_iter_mut()
            .enumerate()
            .filter_map(|(i, e)| {
                let mut printable = true;
                event(e, &mut |s, kind| printable &= unchanged(s, kind));
                (!printable).then(|| {
                    let read = e.clone();
                    event(e, &mut show);
                    (i, read)
                })
            })
            .collect();
        AsRead { events, records }
    }
}

/// True when `s` is shown as it is.
fn unchanged(s: &str, kind: Kind) -> bool {
    matches!(kind.apply(s), Cow::Borrowed(_))
}

/// Makes `s` fit to show.
fn show(s: &mut String, kind: Kind) {
    if let Cow::Owned(shown) = kind.apply(s) {
        *s = shown;
    }
}

/// What is done to each text field.
type Field<'f> = dyn FnMut(&mut String, Kind) + 'f;

/// The title, references and actors: every field but the events'.
fn outside_events(t: &mut Timeline, f: &mut Field<'_>) {
    let Timeline {
        timeline,
        references,
        actors,
        events: _,
    } = t;
    meta(timeline, f);
    keyed(references, reference, f);
    keyed(actors, actor, f);
}

fn opt(s: &mut Option<String>, kind: Kind, f: &mut Field<'_>) {
    if let Some(s) = s {
        f(s, kind);
    }
}

/// A boxed text through `f`, which takes a `String`: free both ways while `f` leaves the text as it
/// is, since a boxed string has no spare room to give back.
fn boxed(s: &mut Box<str>, kind: Kind, f: &mut Field<'_>) {
    let mut text = String::from(std::mem::take(s));
    f(&mut text, kind);
    *s = text.into_boxed_str();
}

fn opt_boxed(s: &mut Option<Box<str>>, kind: Kind, f: &mut Field<'_>) {
    if let Some(s) = s {
        boxed(s, kind, f);
    }
}

fn lines(items: &mut [String], f: &mut Field<'_>) {
    for s in items {
        f(s, Kind::Line);
    }
}

fn keyed<T>(map: &mut IndexMap<String, T>, each: fn(&mut T, &mut Field<'_>), f: &mut Field<'_>) {
    // Keys cannot be changed in place; these maps are small (a bibliography, a cast).
    *map = std::mem::take(map)
        .into_iter()
        .map(|(mut id, mut v)| {
            f(&mut id, Kind::Line);
            each(&mut v, f);
            (id, v)
        })
        .collect();
}

fn meta(m: &mut Meta, f: &mut Field<'_>) {
    let Meta {
        title,
        version: _,
        description,
        authors,
        updated: _,
        language,
    } = m;
    f(title, Kind::Line);
    opt(description, Kind::Block, f);
    lines(authors, f);
    opt(language, Kind::Line, f);
}

fn reference(r: &mut Reference, f: &mut Field<'_>) {
    let Reference {
        title,
        outlet,
        published: _,
        url,
        archived,
        accessed: _,
        note,
    } = r;
    f(title, Kind::Line);
    opt(outlet, Kind::Line, f);
    opt(url, Kind::Line, f);
    opt(archived, Kind::Line, f);
    opt(note, Kind::Block, f);
}

fn actor(a: &mut Actor, f: &mut Field<'_>) {
    let Actor {
        name,
        kind,
        aliases,
        description,
    } = a;
    f(name, Kind::Line);
    opt(kind, Kind::Line, f);
    lines(aliases, f);
    opt(description, Kind::Block, f);
}

fn event(e: &mut Event, f: &mut Field<'_>) {
    let Event {
        id,
        date: _,
        title,
        summary,
        tags,
        actors,
        related,
        notes,
        media,
        place,
        claims,
        sources,
        denials,
    } = e;
    f(id, Kind::Line);
    f(title, Kind::Line);
    opt(summary, Kind::Block, f);
    lines(tags, f);
    lines(actors, f);
    lines(related, f);
    opt(notes, Kind::Block, f);
    if let Some(media) = media {
        let Media { url, caption, credit } = &mut **media;
        f(url, Kind::Line);
        opt(caption, Kind::Block, f);
        opt(credit, Kind::Line, f);
    }
    if let Some(place) = place {
        let Place { name, lat: _, lon: _ } = &mut **place;
        opt(name, Kind::Line, f);
    }
    for Claim {
        id,
        text,
        verdict,
        rating: _,
    } in claims
    {
        f(id, Kind::Line);
        f(text, Kind::Block);
        opt(verdict, Kind::Block, f);
    }
    for s in sources {
        source(s, f);
    }
    for d in denials {
        denial(d, f);
    }
}

fn source(s: &mut Source, f: &mut Field<'_>) {
    let Source {
        outlet,
        citing,
        stance: _,
        date: _,
        dated: _,
        via,
        quote,
        url,
        derived_from,
        reliability: _,
        credibility: _,
        claims,
    } = s;
    lines(claims, f);
    boxed(outlet, Kind::Line, f);
    opt_boxed(citing, Kind::Line, f);
    opt_boxed(via, Kind::Line, f);
    opt_boxed(quote, Kind::Block, f);
    opt_boxed(url, Kind::Line, f);
    opt_boxed(derived_from, Kind::Line, f);
}

fn denial(d: &mut Denial, f: &mut Field<'_>) {
    let Denial {
        by,
        date: _,
        via,
        quote,
        url,
        claims,
    } = d;
    lines(claims, f);
    boxed(by, Kind::Line, f);
    opt_boxed(via, Kind::Line, f);
    opt_boxed(quote, Kind::Block, f);
    opt_boxed(url, Kind::Line, f);
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};
    use crate::model::{Date, Event, Reference, Source, Timeline};

    #[test]
    fn a_clean_timeline_is_shown_as_it_is() {
        let mut t = Document::bundled().load(Options::default()).timeline;
        let read = t.clone();
        assert_eq!(t.display().events_changed(), 0);
        assert_eq!(t, read);
    }

    #[test]
    fn every_kind_of_field_is_made_printable() {
        let mut t = Timeline::default();
        t.timeline.title = "T\u{1b}[2J".into();
        let mut e = Event::new("a\u{202e}", Date::parse("2015").unwrap(), "line\nbreak");
        e.summary = Some("one\ntwo\u{9b}".into());
        e.sources.push(Source {
            outlet: "Fox\tNews".into(),
            quote: Some("q\u{200b}".into()),
            ..Source::default()
        });
        t.events.push(e);
        t.events
            .push(Event::new("clean", Date::parse("2016").unwrap(), "Clean"));
        t.references.insert("r\u{7}".into(), Reference::default());
        let read = t.clone();
        let as_read = t.display();
        let shown = t;
        assert_eq!(*as_read.event(&shown, 0), read.events[0], "the event as read is kept");
        assert_eq!(
            as_read.events_changed(),
            1,
            "only the event that changed is kept as read"
        );
        assert!(std::ptr::eq(as_read.event(&shown, 1), &shown.events[1]));
        assert_eq!(as_read.records().references, read.references);
        assert_eq!(as_read.records().timeline, read.timeline);
        assert_eq!(shown.references.keys().next().unwrap(), "r␇");
        let e = &shown.events[0];
        assert_eq!(shown.timeline.title, "T␛[2J");
        assert_eq!(e.id, "a⟨U+202E⟩");
        assert_eq!(e.title, "line␤break");
        assert_eq!(e.summary.as_deref(), Some("one\ntwo⟨U+009B⟩"));
        assert_eq!(&*e.sources[0].outlet, "Fox News");
        assert_eq!(e.sources[0].quote.as_deref(), Some("q⟨U+200B⟩"));
    }
}
