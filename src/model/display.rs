//! The timeline as it may be shown: every text field made printable by [`crate::text`].
//!
//! The explorer shows (and searches) the timeline made printable in place, so no view can forget
//! to sanitize a field, while links are judged and opened as they were read. Most files need no
//! change, and of the others only the events (and references) that changed are kept as read: a
//! copy of the whole would take twice the memory of a million events for one stray control
//! character. Each struct is taken apart without `..`, so a new field fails to compile here until
//! someone decides how it is shown.

use std::borrow::Cow;
use std::ops::Deref;

use indexmap::IndexMap;
use rayon::prelude::*;

use super::seldom::Fields;
use super::{
    Actor, Claim, Denial, Event, EventMore, Media, Meta, Names, Place, Reference, Source, SourceMore, Timeline,
};
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

    /// The indices of the events changed to be shown.
    pub fn changed(&self) -> impl Iterator<Item = usize> + '_ {
        self.events.iter().map(|(i, _)| *i)
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
        self.display_except(|_| false)
    }

    /// [`Timeline::display`], passing by the events for which `plain` is true: their reader saw
    /// every text of theirs shown as written.
    pub fn display_except(&mut self, plain: impl Fn(usize) -> bool + Sync) -> AsRead {
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
            .filter(|&(i, _)| !plain(i))
            .filter_map(|(i, e)| {
                let mut unchanged_all = true;
                event(e, &mut |s, kind| {
                    unchanged_all &= unchanged(s, kind);
                    None
                });
                (!unchanged_all).then(|| {
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

/// `s` made fit to show, when that changes it.
fn show(s: &str, kind: Kind) -> Option<String> {
    match kind.apply(s) {
        Cow::Owned(shown) => Some(shown),
        Cow::Borrowed(_) => None,
    }
}

/// What is done to each text field: read, and replaced by what it gives, if anything. (Taking
/// the text by `&str` rather than `&mut String` leaves a field lent by a mapped file lent, unless
/// it changes.)
type Field<'f> = dyn FnMut(&str, Kind) -> Option<String> + 'f;

/// A text field (a `String` or a [`Text`]) through `f`: replaced only when `f` changes it.
fn field<T: Deref<Target = str> + From<String>>(s: &mut T, kind: Kind, f: &mut Field<'_>) {
    if let Some(changed) = f(s, kind) {
        *s = changed.into();
    }
}

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

fn opt<T: Deref<Target = str> + From<String>>(s: &mut Option<T>, kind: Kind, f: &mut Field<'_>) {
    if let Some(s) = s {
        field(s, kind, f);
    }
}

fn lines<T: Deref<Target = str> + From<String>>(items: &mut [T], f: &mut Field<'_>) {
    for s in items {
        field(s, Kind::Line, f);
    }
}

/// A list of names, one line each: a kept list is copied only when a name changes.
fn names(list: &mut Names, f: &mut Field<'_>) {
    for i in 0..list.len() {
        if let Some(changed) = f(&list[i], Kind::Line) {
            list.to_mut()[i] = changed.into();
        }
    }
}

fn keyed<T>(map: &mut IndexMap<String, T>, each: fn(&mut T, &mut Field<'_>), f: &mut Field<'_>) {
    // Keys cannot be changed in place; these maps are small (a bibliography, a cast).
    *map = std::mem::take(map)
        .into_iter()
        .map(|(mut id, mut v)| {
            field(&mut id, Kind::Line, f);
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
    field(title, Kind::Line, f);
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
    field(title, Kind::Line, f);
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
    field(name, Kind::Line, f);
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
        sources,
        denials,
        more,
    } = e;
    field(id, Kind::Line, f);
    field(title, Kind::Line, f);
    opt(summary, Kind::Block, f);
    names(tags, f);
    names(actors, f);
    if !more.is_empty() {
        more.edit(|more| event_more(more, f));
    }
    for s in sources.iter_mut() {
        source(s, f);
    }
    for d in denials {
        denial(d, f);
    }
}

fn event_more(more: &mut EventMore, f: &mut Field<'_>) {
    let EventMore {
        related,
        notes,
        media,
        place,
        claims,
    } = more;
    lines(related, f);
    opt(notes, Kind::Block, f);
    if let Some(media) = media {
        let Media { url, caption, credit } = &mut **media;
        field(url, Kind::Line, f);
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
        field(id, Kind::Line, f);
        field(text, Kind::Block, f);
        opt(verdict, Kind::Block, f);
    }
}

fn source(s: &mut Source, f: &mut Field<'_>) {
    let Source {
        said,
        date: _,
        quote,
        url,
    } = s;
    names(said.by_mut().names_mut(), f);
    opt(quote, Kind::Block, f);
    opt(url, Kind::Line, f);
    if !said.more().is_empty() {
        said.edit_more(|more| source_more(more, f));
    }
}

fn source_more(more: &mut SourceMore, f: &mut Field<'_>) {
    let SourceMore {
        stance: _,
        dated: _,
        via,
        derived_from,
        reliability: _,
        credibility: _,
        claims,
    } = more;
    lines(claims, f);
    opt(via, Kind::Line, f);
    opt(derived_from, Kind::Line, f);
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
    field(by, Kind::Line, f);
    opt(via, Kind::Line, f);
    opt(quote, Kind::Block, f);
    opt(url, Kind::Line, f);
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};
    use crate::model::{Attribution, Date, Event, Reference, Source, Timeline};

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
        e.sources = [Source {
            said: Attribution::new("Fox\tNews".into(), None).into(),
            quote: Some("q\u{200b}".into()),
            ..Source::default()
        }]
        .into();
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
        assert_eq!(e.sources[0].outlet(), "Fox News");
        assert_eq!(e.sources[0].quote.as_deref(), Some("q⟨U+200B⟩"));
    }
}
