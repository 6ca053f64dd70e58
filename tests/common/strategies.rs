//! Strategies for property tests: dates at every precision (decades and centuries too), strings
//! with quotes, backslashes, newlines and any Unicode, and whole timelines whose cross-references
//! are valid.

use indexmap::IndexMap;
use proptest::prelude::*;
use thin_vec::ThinVec;
use tlx::model::{
    Actor, Claim, Date, Denial, Event, EventFields, Media, Meta, Place, Rating, Reference, Reliability, Source,
    SourceFields, Stance, Timeline,
};

// Each part is boxed: as one nested type, a timeline's value tree is generated on a debug
// build's 2 MiB test thread stack, and overflowed it once events gained places.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,30}",
        r#"[a-z ]{0,4}("""|'''|\\|"|'|\n|\r\n|\t|\\u0041|#|=|\[\[)[a-z ]{0,4}"#,
    ]
    .boxed()
}

fn required() -> BoxedStrategy<String> {
    text()
        .prop_filter("required strings are not blank", |s| !s.trim().is_empty())
        .boxed()
}

fn point() -> impl Strategy<Value = String> {
    // One four-digit year of the common era in five is a decade (191X) or a century (19XX),
    // written alone as a Y-prefixed year is. (A range, not a third arm of the union: the
    // strategy's depth already fills a test thread's stack in a debug build.)
    let year = (
        prop_oneof![
            4 => (-9999i64..=9999).prop_map(|y| if y < 0 { format!("-{:04}", -y) } else { format!("{y:04}") }),
            1 => (-100_000_000_000i64..=100_000_000_000).prop_map(|y| format!("Y{y}")),
        ],
        0usize..10,
    )
        .prop_map(|(y, x)| match x {
            1 | 2 if y.len() == 4 => format!("{}{}", &y[..4 - x], "X".repeat(x)),
            _ => y,
        });
    let time = prop_oneof![
        Just(String::new()),
        (
            0u32..24,
            0u32..60,
            prop::option::of(0u32..60),
            prop::sample::select(vec!["", "Z", "+03:00", "-05:30"])
        )
            .prop_map(|(h, m, s, z)| format!("T{h:02}:{m:02}{}{z}", s.map_or(String::new(), |s| format!(":{s:02}")))),
    ];
    (
        year,
        prop::option::of(1u8..=12),
        prop::option::of(1u8..=28),
        time,
        prop::sample::select(vec!["", "~", "?", "%"]),
    )
        .prop_map(|(y, m, d, t, q)| match (y.starts_with('Y') || y.ends_with('X'), m, d) {
            (true, ..) | (false, None, _) => format!("{y}{q}"),
            (false, Some(m), None) => format!("{y}-{m:02}{q}"),
            (false, Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}{t}{q}"),
        })
}

/// Boxed: unboxed, its value tree (several of which sit in each event's) made the debug build's
/// stack frames so large that generating one timeline overflowed a test thread's 2 MiB stack.
fn date() -> BoxedStrategy<Date> {
    let side = prop_oneof![4 => point(), 1 => Just("..".to_string())];
    prop_oneof![point(), (side.clone(), side).prop_map(|(a, b)| format!("{a}/{b}"))]
        .prop_filter_map("a valid date", |s| Date::parse(&s).ok())
        .boxed()
}

fn reliability() -> impl Strategy<Value = Option<Reliability>> {
    prop::option::of(prop::sample::select(Reliability::ALL.to_vec()))
}

prop_compose! {
    fn source()(outlet in required(), citing in prop::option::of(text()), stance in prop::sample::select(Stance::ALL.to_vec()),
                date in prop::option::of(date()), dated in prop::option::of(date()), quote in prop::option::of(text()),
                url in prop::option::of(text()), reliability in reliability(), credibility in prop::option::of(1u8..=6)) -> Source {
        SourceFields { outlet: outlet.into(), citing: citing.map(Into::into), stance, date, dated, via: None, quote: quote.map(Into::into), url: url.map(Into::into), derived_from: None, reliability, credibility, claims: ThinVec::new() }.into()
    }
}

prop_compose! {
    fn denial()(by in required(), date in prop::option::of(date()), quote in prop::option::of(text()),
                url in prop::option::of(text())) -> Denial {
        Denial { by: by.into(), date, via: None, quote: quote.map(Into::into), url: url.map(Into::into), claims: ThinVec::new() }
    }
}

prop_compose! {
    pub fn media()(url in required(), caption in prop::option::of(text()), credit in prop::option::of(text())) -> Media {
        Media { url, caption, credit }
    }
}

prop_compose! {
    /// A place with a name, a pair of coordinates in range, or both (any f64 in range, so every
    /// format must write the shortest form that reads back as the same number).
    fn place()(name in prop::option::of(text()),
               point in prop::option::of((-90.0f64..=90.0, -180.0f64..=180.0))) -> Option<Place> {
        Place::new(name, point)
    }
}

prop_compose! {
    /// A claim; its id is made unique within the event by `link`. A verdict comes with its rating.
    fn claim()(id in required(), text in required(),
               verdict in prop::option::of((required(), prop::sample::select(Rating::ALL.to_vec())))) -> Claim {
        let (verdict, rating) = verdict.map_or((None, None), |(v, r)| (Some(v), Some(r)));
        Claim { id, text, verdict, rating }
    }
}

prop_compose! {
    fn event()(id in required(), date in date(), title in required(), summary in prop::option::of(text()),
               tags in prop::collection::vec(required(), 0..3), names in prop::collection::vec(text(), 0..3),
               notes in prop::option::of(text()), media in prop::option::of(media()), place in place(), sources in prop::collection::vec(source(), 0..4),
               denials in prop::collection::vec(denial(), 0..2), claims in prop::collection::vec(claim(), 0..3)) -> Event {
        // Free names have a space, so they are never taken for actor ids.
        let actors = names.into_iter().map(|n| format!("Free Name {n}").into()).collect();
        EventFields { id: id.into(), date, title: title.into(), summary: summary.map(Into::into), tags: tags.into_iter().map(Into::into).collect(), actors, related: ThinVec::new(), notes: notes.map(Into::into), media: media.map(Box::new), place: place.map(Box::new), claims: claims.into(), sources, denials: denials.into() }.into()
    }
}

prop_compose! {
    fn reference()(id in text(), title in required(), outlet in prop::option::of(text()), published in prop::option::of(date()),
                   url in prop::option::of(text()), archived in prop::option::of(text()), accessed in prop::option::of(date()),
                   note in prop::option::of(text())) -> (String, Reference) {
        (id, Reference { title, outlet, published, url, archived, accessed, note })
    }
}

prop_compose! {
    /// A valid timeline: unique ids, and references that point at something.
    pub fn timeline()(title in required(), version in prop::option::of(Just(1u32)), description in prop::option::of(text()),
                  authors in prop::collection::vec(text(), 0..3), updated in prop::option::of(date()),
                  language in prop::option::of(text()),
                  references in prop::collection::vec(reference().boxed(), 0..3),
                  actors in prop::collection::vec((text(), required(), prop::option::of(text()), prop::collection::vec(text(), 0..2), prop::option::of(text())), 0..3),
                  events in prop::collection::vec(event().boxed(), 0..5), links in prop::collection::vec(any::<usize>(), 8)) -> Timeline {
        let references: IndexMap<String, Reference> = references.into_iter().collect();
        let actors: IndexMap<String, Actor> = actors.into_iter().map(|(id, name, kind, aliases, description)| {
            (id, Actor { name, kind, aliases, description })
        }).collect();
        let mut t = Timeline {
            timeline: Meta { title, version, description, authors, updated, language },
            references,
            actors,
            events,
        };
        link(&mut t, &links);
        t
    }
}

/// Makes the cross-references valid: unique ids, `via`, `related`, actor ids, `derived_from` and
/// `claims` pointing at things that exist.
fn link(t: &mut Timeline, picks: &[usize]) {
    for (i, e) in t.events.iter_mut().enumerate() {
        e.id = format!("{}-{i}", e.id).into();
    }
    let ids: Vec<String> = t.events.iter().map(|e| e.id.to_string()).collect();
    let refs: Vec<String> = t.references.keys().cloned().collect();
    let actors: Vec<String> = t.actors.keys().cloned().collect();
    for (i, e) in t.events.iter_mut().enumerate() {
        let pick = |k: usize| picks[(i + k) % picks.len()];
        if !ids.is_empty() && pick(0) % 2 == 0 {
            e.more.edit(|more| more.related.push(ids[pick(1) % ids.len()].clone()));
        }
        if !actors.is_empty() && pick(2) % 2 == 0 {
            e.actors.to_mut().push(actors[pick(3) % actors.len()].as_str().into());
        }
        let outlets: Vec<tlx::model::Name> = e.sources.iter().map(|s| s.by().outlet().clone()).collect();
        for (j, s) in e.sources.iter_mut().enumerate() {
            if !refs.is_empty() && pick(4 + j) % 3 == 0 {
                s.said
                    .edit_more(|more| more.via = Some(refs[pick(5 + j) % refs.len()].as_str().into()));
            }
            if outlets.len() > 1 && pick(6 + j) % 3 == 0 {
                s.said
                    .edit_more(|more| more.derived_from = Some(outlets[(j + 1) % outlets.len()].clone()));
            }
        }
        for d in &mut e.denials {
            if !refs.is_empty() && pick(7) % 2 == 0 {
                d.via = Some(refs[pick(1) % refs.len()].as_str().into());
            }
        }
        e.more.edit(|more| {
            for (k, c) in more.claims.iter_mut().enumerate() {
                c.id = format!("{}-{k}", c.id);
            }
        });
        // Each source and denial names some of the claims (a pick's bits say which), or none.
        let claims: Vec<String> = e.more.claims.iter().map(|c| c.id.clone()).collect();
        let named = |bits: usize| -> ThinVec<String> {
            let chosen = claims.iter().enumerate().filter(|(k, _)| bits >> k & 1 == 1);
            chosen.map(|(_, id)| id.clone()).collect()
        };
        for (j, s) in e.sources.iter_mut().enumerate() {
            s.said.edit_more(|more| more.claims = named(pick(2 + j)));
        }
        for (j, d) in e.denials.iter_mut().enumerate() {
            d.claims = named(pick(5 + j));
        }
    }
}
