//! The timeline as it may be shown: every text field made printable by [`crate::text`].
//!
//! The explorer shows (and searches) this copy, so no view can forget to sanitize a field, while
//! exports and the clipboard take the timeline as it was read. Most files need no change, so the
//! copy is made only when some field does: a million events would otherwise take twice the
//! memory. Each struct is taken apart without `..`, so a new field fails to compile here until
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

impl Timeline {
    /// A copy with one-line fields through [`text::line`] and multi-line ones through
    /// [`text::block`]; `None` when every field is printable already, so the timeline itself can
    /// be shown. (It takes `&mut` only to walk the fields with one visitor; nothing changes.)
    pub fn displayed(&mut self) -> Option<Timeline> {
        let unchanged = |s: &mut String, kind: Kind| matches!(kind.apply(s), Cow::Borrowed(_));
        let mut printable = true;
        outside_events(self, &mut |s, kind| printable &= unchanged(s, kind));
        // The events, nearly all of the work, are checked on every core.
        printable &= self.events.par_iter_mut().all(|e| {
            let mut printable = true;
            event(e, &mut |s, kind| printable &= unchanged(s, kind));
            printable
        });
        if printable {
            return None;
        }
        let mut copy = self.clone();
        visit(&mut copy, &mut |s, kind| {
            if let Cow::Owned(shown) = kind.apply(s) {
                *s = shown;
            }
        });
        Some(copy)
    }
}

/// What is done to each text field.
type Field<'f> = dyn FnMut(&mut String, Kind) + 'f;

fn visit(t: &mut Timeline, f: &mut Field<'_>) {
    outside_events(t, f);
    for e in &mut t.events {
        event(e, f);
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

fn opt(s: &mut Option<String>, kind: Kind, f: &mut Field<'_>) {
    if let Some(s) = s {
        f(s, kind);
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
    if let Some(Media { url, caption, credit }) = media {
        f(url, Kind::Line);
        opt(caption, Kind::Block, f);
        opt(credit, Kind::Line, f);
    }
    if let Some(Place { name, lat: _, lon: _ }) = place {
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
        via,
        quote,
        url,
        derived_from,
        reliability: _,
        credibility: _,
        claims,
    } = s;
    lines(claims, f);
    f(outlet, Kind::Line);
    opt(citing, Kind::Line, f);
    opt(via, Kind::Line, f);
    opt(quote, Kind::Block, f);
    opt(url, Kind::Line, f);
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
    f(by, Kind::Line);
    opt(via, Kind::Line, f);
    opt(quote, Kind::Block, f);
    opt(url, Kind::Line, f);
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};
    use crate::model::{Date, Event, Source, Timeline};

    #[test]
    fn a_clean_timeline_is_shown_as_it_is() {
        let mut t = Document::bundled().load(Options::default()).timeline;
        assert_eq!(t.displayed(), None);
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
        let read = t.clone();
        let shown = t.displayed().unwrap();
        assert_eq!(t, read, "the timeline as read is kept");
        let e = &shown.events[0];
        assert_eq!(shown.timeline.title, "T␛[2J");
        assert_eq!(e.id, "a⟨U+202E⟩");
        assert_eq!(e.title, "line␤break");
        assert_eq!(e.summary.as_deref(), Some("one\ntwo⟨U+009B⟩"));
        assert_eq!(e.sources[0].outlet, "Fox News");
        assert_eq!(e.sources[0].quote.as_deref(), Some("q⟨U+200B⟩"));
    }
}
