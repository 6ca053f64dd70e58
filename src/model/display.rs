//! The timeline as it may be shown: every text field made printable by [`crate::text`].
//!
//! The explorer shows (and searches) this copy, so no view can forget to sanitize a field, while
//! exports and the clipboard take the timeline as it was read. Each struct is taken apart without
//! `..`, so a new field fails to compile here until someone decides how it is shown.

use indexmap::IndexMap;

use super::{Actor, Denial, Event, Meta, Reference, Source, Timeline};
use crate::text;

impl Timeline {
    /// A copy with one-line fields through [`text::line`] and multi-line ones through [`text::block`].
    pub fn displayed(&self) -> Timeline {
        let Timeline {
            timeline,
            references,
            actors,
            events,
        } = self;
        Timeline {
            timeline: meta(timeline),
            references: keyed(references, reference),
            actors: keyed(actors, actor),
            events: events.iter().map(event).collect(),
        }
    }
}

fn line(s: &str) -> String {
    text::line(s).into_owned()
}

fn block(s: &str) -> String {
    text::block(s).into_owned()
}

fn lines(items: &[String]) -> Vec<String> {
    items.iter().map(|s| line(s)).collect()
}

fn opt(s: &Option<String>, f: fn(&str) -> String) -> Option<String> {
    s.as_deref().map(f)
}

fn keyed<T>(map: &IndexMap<String, T>, f: fn(&T) -> T) -> IndexMap<String, T> {
    map.iter().map(|(id, v)| (line(id), f(v))).collect()
}

fn meta(m: &Meta) -> Meta {
    let Meta {
        title,
        version,
        description,
        authors,
        updated,
        language,
    } = m;
    Meta {
        title: line(title),
        version: *version,
        description: opt(description, block),
        authors: lines(authors),
        updated: updated.clone(),
        language: opt(language, line),
    }
}

fn reference(r: &Reference) -> Reference {
    let Reference {
        title,
        outlet,
        published,
        url,
        archived,
        accessed,
        note,
    } = r;
    Reference {
        title: line(title),
        outlet: opt(outlet, line),
        published: published.clone(),
        url: opt(url, line),
        archived: opt(archived, line),
        accessed: accessed.clone(),
        note: opt(note, block),
    }
}

fn actor(a: &Actor) -> Actor {
    let Actor {
        name,
        kind,
        aliases,
        description,
    } = a;
    Actor {
        name: line(name),
        kind: opt(kind, line),
        aliases: lines(aliases),
        description: opt(description, block),
    }
}

fn event(e: &Event) -> Event {
    let Event {
        id,
        date,
        title,
        summary,
        tags,
        actors,
        related,
        notes,
        sources,
        denials,
    } = e;
    Event {
        id: line(id),
        date: date.clone(),
        title: line(title),
        summary: opt(summary, block),
        tags: lines(tags),
        actors: lines(actors),
        related: lines(related),
        notes: opt(notes, block),
        sources: sources.iter().map(source).collect(),
        denials: denials.iter().map(denial).collect(),
    }
}

fn source(s: &Source) -> Source {
    let Source {
        outlet,
        citing,
        stance,
        date,
        via,
        quote,
        url,
        derived_from,
        reliability,
        credibility,
    } = s;
    Source {
        outlet: line(outlet),
        citing: opt(citing, line),
        stance: *stance,
        date: date.clone(),
        via: opt(via, line),
        quote: opt(quote, block),
        url: opt(url, line),
        derived_from: opt(derived_from, line),
        reliability: *reliability,
        credibility: *credibility,
    }
}

fn denial(d: &Denial) -> Denial {
    let Denial {
        by,
        date,
        via,
        quote,
        url,
    } = d;
    Denial {
        by: line(by),
        date: date.clone(),
        via: opt(via, line),
        quote: opt(quote, block),
        url: opt(url, line),
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};
    use crate::model::{Date, Event, Source, Timeline};

    #[test]
    fn a_clean_timeline_is_shown_as_it_is() {
        let t = Document::bundled().load(Options::default()).timeline;
        assert_eq!(t.displayed(), t);
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
        let shown = t.displayed();
        let e = &shown.events[0];
        assert_eq!(shown.timeline.title, "T␛[2J");
        assert_eq!(e.id, "a⟨U+202E⟩");
        assert_eq!(e.title, "line␤break");
        assert_eq!(e.summary.as_deref(), Some("one\ntwo⟨U+009B⟩"));
        assert_eq!(e.sources[0].outlet, "Fox News");
        assert_eq!(e.sources[0].quote.as_deref(), Some("q⟨U+200B⟩"));
    }
}
