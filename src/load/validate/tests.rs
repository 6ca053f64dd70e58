use proptest::prelude::*;

use super::*;
use crate::import::tlx_json;

/// A diagnostic's code, place and message.
type Found = (&'static str, Option<Range<usize>>, String);

/// The diagnostics of checking `text`'s events whole ([`Validator::whole_events`]), told that no
/// two share an id when `unique`, then one at a time in file order ([`Validator::event`]), each
/// as [`Found`]; `events` is how many the text holds, every one of which must be read.
fn both_ways(text: &str, events: usize, checks: Checks, unique: bool) -> [Vec<Found>; 2] {
    let (loaded, spans) = tlx_json::import(text, None);
    assert_eq!(loaded.timeline.events.len(), events, "{:?}", loaded.diagnostics);
    let (t, src) = (&loaded.timeline, SourceText::new("x.json", text));
    let found = |diags: Vec<Diagnostic>| diags.into_iter().map(|d| (d.code, d.span, d.message)).collect();
    let mut whole = Validator::new(t, &src, checks);
    if unique {
        whole = whole.unique_ids();
    }
    whole.whole_events(&t.events, &spans);
    let mut one_by_one = Validator::new(t, &src, checks);
    for (event, spans) in t.events.iter().zip(&spans) {
        one_by_one.event(event, IdHash::of(&event.id), spans, State::Whole);
    }
    [found(whole.finish()), found(one_by_one.finish())]
}

/// Ids of the generated events: some differ from others only by an invisible character, and
/// the last is never an event's, only a link's.
const IDS: [&str; 8] = ["a", "b", "c", "a\u{200b}", "\u{feff}b", "d", "e", "nowhere"];

/// A tlx JSON timeline of events with the ids `IDS[id]`, each linking to `IDS[related]` if it
/// does, dated out of order.
fn timeline_of(events: &[(usize, Option<usize>)]) -> String {
    let events: Vec<String> = (events.iter().enumerate())
        .map(|(i, (id, related))| {
            let related = related.map_or(String::new(), |r| format!(r#", "related": ["{}"]"#, IDS[r]));
            format!(
                r#"{{"id": "{}", "date": "{}", "title": "T", "sources": [{{"outlet": "AP", "quote": "q"}}]{related}}}"#,
                IDS[*id],
                2000 + (i * 7) % 5,
            )
        })
        .collect();
    format!(
        r#"{{"format": "tlx timeline", "format_version": 1, "timeline": {{"title": "T"}}, "events": [{}]}}"#,
        events.join(",\n")
    )
}

proptest! {
    /// Events checked whole find what they find checked one at a time in file order: the same
    /// duplicate ids (with where each was first written), ids that differ only by an invisible
    /// character, broken links to events, in the same order, whether the ids were noted at once
    /// (none holds an invisible character) or in turn.
    #[test]
    fn events_checked_whole_are_checked_as_one_at_a_time(
        events in prop::collection::vec((0..7usize, prop::option::of(0..8usize)), 1..40),
        pedantic in any::<bool>(),
    ) {
        let [whole, one_by_one] = both_ways(&timeline_of(&events), events.len(), Checks { pedantic }, false);
        prop_assert_eq!(whole, one_by_one);
    }

    /// Events that the importer made unique (a CSV file's) are checked as when every id is
    /// noted: links to events, broken or not, and ids that differ only by an invisible
    /// character are found alike, whether the check noted the ids or found that nothing would
    /// ask for them (no link, no invisible character).
    #[test]
    fn events_with_unique_ids_are_checked_as_when_every_id_is_noted(
        ids in prop::sample::subsequence((0..7usize).collect::<Vec<_>>(), 1..=7).prop_shuffle(),
        links in prop::collection::vec(prop::option::weighted(0.2, 0..8usize), 7),
        pedantic in any::<bool>(),
    ) {
        let events: Vec<_> = ids.into_iter().zip(links).collect();
        let [whole, one_by_one] = both_ways(&timeline_of(&events), events.len(), Checks { pedantic }, true);
        prop_assert_eq!(whole, one_by_one);
    }
}

#[test]
fn a_duplicate_id_among_visible_ids_is_found_at_once_as_in_turn() {
    let event = |id: &str| {
        format!(r#"{{"id": "{id}", "date": "2015", "title": "T", "sources": [{{"outlet": "AP", "quote": "q"}}]}}"#)
    };
    let text = format!(
        r#"{{"format": "tlx timeline", "format_version": 1, "timeline": {{"title": "T"}}, "events": [{}]}}"#,
        [event("a"), event("b"), event("a"), event("a")].join(",\n")
    );
    let [whole, one_by_one] = both_ways(&text, 4, Checks::default(), false);
    let codes: Vec<&str> = whole.iter().map(|(code, ..)| *code).collect();
    assert_eq!(codes, ["duplicate-id", "duplicate-id"]);
    assert!(whole[0].2.contains("`a` is used twice"), "{whole:?}");
    assert_eq!(whole, one_by_one);
}
