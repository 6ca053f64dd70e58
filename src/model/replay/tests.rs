use super::*;
use crate::model::{Denial, Reference, Source, SourceFields};

fn bundled() -> Timeline {
    crate::load::Document::bundled()
        .load(crate::load::Options::default())
        .timeline
}

/// Each change from the start to the end, as its knowledge date and its line.
fn story(t: &Timeline, strict: bool) -> Vec<(String, String)> {
    let mut steps = Vec::new();
    let mut cutoff = None;
    while let Some(c) = next(t, cutoff, strict) {
        steps.push((c.as_of.text().to_string(), c.describe(t, strict)));
        cutoff = Some(c.as_of.latest());
    }
    steps
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn the_bundled_replay_steps_through_each_date_something_comes_out() {
    let t = bundled();
    let steps = story(&t, false);
    let dates: Vec<&str> = steps.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2003",
            "2007",
            "2010",
            "2011",
            "2013-09-17",
            "2014-06",
            "2015-04",
            "2015-06",
            "2015-07-27",
            "2015-08-07"
        ]
    );
    assert_eq!(
        steps[1].1,
        "2007: \"UN imposes travel ban and…\" and 1 more · 2 events appear, known by 7 Aug 2015? at the latest"
    );
    assert_eq!(
        steps[7].1,
        "Jun 2015: RFE/RL reports \"UN panel of experts reports…\" · 1 event appears"
    );
    assert!(
        steps[9].1.starts_with(
            "7 Aug 2015: 25 reports and 5 denials · 5 events appear, 11 events now public · RFE/RL, The Times of Israel"
        ),
        "{}",
        steps[9].1
    );
    assert!(steps[9].1.ends_with(" · Tehran, The Kremlin, Washington"));
}

#[test]
fn strict_the_bundled_replay_has_two_dates() {
    let t = bundled();
    let steps = story(&t, true);
    let dates: Vec<&str> = steps.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(dates, ["2015-06", "2015-08-07"]);
    assert!(steps[1].1.contains(" · 16 events appear · "), "{}", steps[1].1);
}

#[test]
fn each_step_shows_what_its_line_says_and_the_last_shows_everything() {
    let t = bundled();
    let known = |as_of: &AsOf| {
        t.events
            .iter()
            .filter(|e| Evidence::of(&t, e, Some(as_of)).known())
            .count()
    };
    let mut cutoff = None;
    let mut before = start(&t, false).map_or(0, |s| known(&s));
    assert_eq!(before, 0);
    while let Some(c) = next(&t, cutoff, false) {
        let o = c.outcome(&t, false);
        let after = known(&AsOf::new(c.as_of.clone()));
        assert_eq!(after - before, o.appear.len() + o.marked.len(), "{}", c.as_of.text());
        before = after;
        cutoff = Some(c.as_of.latest());
    }
    assert_eq!(before, t.events.len());
}

#[test]
fn previous_goes_back_one_change_and_start_is_before_the_first() {
    let t = bundled();
    let at = |d: &str| Some(date(d).latest());
    // From a typed date between changes, next and previous find the changes on either side
    // of what it shows: 25 July shows June's change.
    assert_eq!(next(&t, at("2015-07-25"), false).unwrap().as_of.text(), "2015-07-27");
    assert_eq!(next(&t, at("2015-07-25"), true).unwrap().as_of.text(), "2015-08-07");
    assert_eq!(previous(&t, at("2015-07-25"), false).unwrap().as_of.text(), "2015-04");
    assert_eq!(previous(&t, at("2015-08-07"), true).unwrap().as_of.text(), "2015-06");
    assert_eq!(previous(&t, at("2015-06"), true), None);
    assert_eq!(next(&t, at("2015-08-07"), false), None);
    // With no knowledge date, next starts the story and previous takes the last change back.
    assert_eq!(next(&t, None, false).unwrap().as_of.text(), "2003");
    assert_eq!(previous(&t, None, false).unwrap().as_of.text(), "2015-07-27");
    assert_eq!(start(&t, false).unwrap().date().text(), "2002");
    assert_eq!(start(&t, true).unwrap().date().text(), "2015-05");
    assert!(start(&t, true).unwrap().is_strict());
}

fn source(outlet: &str, on: Option<&str>, via: Option<&str>) -> Source {
    Source::from(SourceFields {
        outlet: outlet.into(),
        date: on.map(date),
        via: via.map(Into::into),
        ..SourceFields::default()
    })
}

#[test]
fn a_change_s_date_is_as_fine_as_needed_to_show_it_alone() {
    let mut t = Timeline::default();
    t.events.push(Event {
        sources: [
            source("A", Some("2015"), None),
            source("B", Some("2015-06"), None),
            source("C", Some("2015-06-10"), None),
            source("D", Some("2015-06-10T12:00:00Z"), None),
        ]
        .into(),
        ..Event::new("e", date("2014"), "t")
    });
    let dates: Vec<String> = story(&t, false).into_iter().map(|(d, _)| d).collect();
    assert_eq!(
        dates,
        ["2015-01", "2015-06-01", "2015-06-10T00:00:00Z", "2015-06-10T12:00:00Z"]
    );
}

#[test]
fn a_denial_and_a_report_read_in_a_reference_are_told_apart() {
    let mut t = Timeline::default();
    t.references.insert(
        "r".into(),
        Reference {
            published: Some(date("2015-08-07")),
            ..Reference::default()
        },
    );
    t.events.push(Event {
        sources: [source("Fox", Some("2015-07-24"), None)].into(),
        denials: vec![Denial {
            by: "Kremlin".into(),
            via: Some("r".into()),
            ..Denial::default()
        }]
        .into(),
        ..Event::new("visit", date("2015-07-24"), "Visit")
    });
    let steps = story(&t, false);
    assert_eq!(steps[0].1, "24 Jul 2015: Fox reports \"Visit\" · 1 event appears");
    assert_eq!(
        steps[1].1,
        "7 Aug 2015: Kremlin denies \"Visit\" · 1 event changes status"
    );
}
