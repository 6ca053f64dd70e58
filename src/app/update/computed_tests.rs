//! Refreshes worked out on a worker: the screen answers meanwhile with what it shows, a stale
//! result is dropped, the newest query wins, and the header says what is being worked out.

use super::tests::{app, run, said, selected_id, type_text};
use super::*;
use crate::app::Job;
use crate::app::compute::Working;
use crate::app::data::Data;
use crate::app::state::Then;
use crate::load::{Document, Options};
use crate::model::merge::{Part, merge};
use crate::watch::Reload;

/// The bundled timeline, with every refresh asked of a worker as on a large timeline.
fn large() -> App {
    let mut app = app();
    app.off_thread_from = 0;
    app
}

/// The jobs asked for since the last call, oldest first (the event loop would run them).
fn jobs(app: &mut App) -> Vec<Job> {
    let (jobs, rest) = std::mem::take(&mut app.effects)
        .into_iter()
        .partition::<Vec<_>, _>(|e| matches!(e, Effect::Compute(_)));
    app.effects = rest;
    jobs.into_iter()
        .map(|e| match e {
            Effect::Compute(job) => *job,
            _ => unreachable!("partitioned"),
        })
        .collect()
}

/// Runs the newest job as a worker would and applies its result.
fn finish(app: &mut App) {
    let job = jobs(app).pop().expect("a job was asked for");
    let msg = job.run().expect("the newest job is not cancelled");
    update(app, msg);
}

fn ids(app: &App) -> Vec<String> {
    app.order()
        .iter()
        .map(|&i| app.timeline().events[i].id.clone())
        .collect()
}

/// What the filter shows, worked out afresh.
fn fresh(app: &App) -> Vec<usize> {
    app.filter.apply_in(app.timeline(), app.chronological(), app).order
}

fn filter(app: &mut App, query: &str) {
    run(app, &[Action::Filter, Action::DeleteToStart]);
    type_text(app, query);
    run(app, &[Action::Accept]);
}

#[test]
fn a_filter_keeps_the_list_answering_until_its_result_is_in() {
    let mut app = large();
    let all = ids(&app);
    let visit = super::tests::position(&app, "moscow-visit");
    update(&mut app, Msg::Select(visit - 1));
    filter(&mut app, "denied-by:kremlin");
    // Until the worker is done, the list is the old one and keys move in it.
    assert_eq!(app.working(), Some(Working::Filtering));
    assert_eq!(ids(&app), all);
    run(&mut app, &[Action::Next]);
    assert_eq!(
        selected_id(&app),
        "moscow-visit",
        "Down is answered while the filter computes"
    );
    finish(&mut app);
    assert_eq!(app.working(), None, "the chip goes when the result is applied");
    assert_eq!(app.order(), fresh(&app));
    assert!(app.order().len() < all.len());
    // The event kept is the one selected when the result came in.
    assert_eq!(selected_id(&app), "moscow-visit");
}

#[test]
fn a_stale_result_is_dropped_and_the_newer_query_wins() {
    let mut app = large();
    filter(&mut app, "denied-by:kremlin");
    let first = jobs(&mut app).pop().unwrap();
    let stale = first.run().expect("not superseded yet");
    // A newer query supersedes it: its result, arriving late, is dropped.
    filter(&mut app, "tag:nonexistent-tag");
    let before = app.order().to_vec();
    update(&mut app, stale);
    assert_eq!(app.order(), before, "a stale result changes nothing");
    assert_eq!(app.working(), Some(Working::Filtering), "still waiting for the newest");
    // Every superseded job was cancelled: run now, it stops early and returns nothing.
    let mut asked = jobs(&mut app);
    let newest = asked.pop().unwrap();
    assert!(!asked.is_empty(), "each key typed asked for a job");
    assert!(asked.into_iter().all(|j| j.run().is_none()));
    update(&mut app, newest.run().unwrap());
    assert_eq!(app.working(), None);
    assert!(app.order().is_empty(), "the newest query's result: {:?}", ids(&app));
    assert_eq!(app.order(), fresh(&app));
}

#[test]
fn the_knowledge_date_says_what_it_leaves_once_worked_out() {
    let mut app = large();
    run(&mut app, &[Action::AsOf, Action::DeleteToStart]);
    type_text(&mut app, "2015-07-25");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.working(), Some(Working::AsOf));
    assert_eq!(app.order().len(), 17, "the old list stays until the result is in");
    finish(&mut app);
    assert_eq!(app.working(), None);
    assert!(!ids(&app).contains(&"moscow-visit".to_string()));
    // Counted from the result, not from the list shown while it was worked out.
    assert_eq!(
        said(&app).as_deref(),
        Some(
            "as of 25 Jul 2015: 10 of 17 events known, 9 by a later date at the latest; [ ] step a day, ( ) jump to changes"
        )
    );
}

#[test]
fn the_matrix_screen_opens_at_once_and_its_table_follows() {
    let mut app = large();
    run(&mut app, &[Action::Matrix]);
    assert!(matches!(app.screen, Screen::Matrix(_)), "the screen is up at once");
    assert!(app.matrix().is_none());
    assert_eq!(app.working(), Some(Working::Tabulating));
    // Keys are answered on it meanwhile.
    run(&mut app, &[Action::Right]);
    assert_eq!(app.selected, 1);
    finish(&mut app);
    assert_eq!(app.working(), None);
    assert_eq!(app.matrix().unwrap().events, app.order());
    // The cursor is on a party that spoke of the selected event, as on a small timeline.
    let m = app.matrix().unwrap();
    assert!(!m.cell(app.matrix_cursor().party, app.selected).is_empty());
}

#[test]
fn a_large_reload_is_shown_once_its_worker_is_done_and_supersedes_the_refresh_under_way() {
    let mut app = large();
    filter(&mut app, "denied-by:kremlin");
    let pending = jobs(&mut app).pop().unwrap();
    let late = pending.clone().run().unwrap();
    let before = app.data.version();
    reload::take(&mut app, whole(), Then::Reloaded(0, "reloaded".into()));
    assert!(pending.run().is_none(), "the worker on the old data stops");
    assert_eq!(app.data.version(), before, "the old data stays shown meanwhile");
    assert_eq!(app.working(), Some(Working::Filtering));
    update(&mut app, late);
    assert_eq!(app.data.version(), before, "the superseded result is dropped");
    finish(&mut app);
    assert_eq!(app.data.version(), before + 1);
    assert_eq!(app.working(), None);
    assert_eq!(app.order(), fresh(&app));
    assert!(!app.order().is_empty());
    assert_eq!(said(&app).as_deref(), Some("reloaded"));
}

/// The bundled timeline whole, made ready as a load's thread makes it.
fn whole() -> Data {
    let timeline = Document::bundled().load(Options::default()).timeline;
    Data::new(merge(vec![Part {
        label: "bundled".into(),
        timeline,
    }]))
}

/// The bundled timeline's first three events, as a preview while the rest loads, with every
/// refresh (and the load's end) worked out on a worker as on a large timeline.
fn large_preview() -> App {
    let mut first = Document::bundled().load(Options::default()).timeline;
    first.events.truncate(3);
    let mut app = App::new(first, "bundled", (120, 40));
    app.loading = Some(crate::app::state::Loading::default());
    app.off_thread_from = 0;
    app
}

#[test]
fn the_end_of_a_large_load_keeps_the_preview_answering_until_the_whole_file_is_shown() {
    let mut app = large_preview();
    run(&mut app, &[Action::Last]);
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    assert_eq!(
        app.timeline().events.len(),
        3,
        "the preview stays until what is shown is in"
    );
    assert_eq!(app.loading(), Some(100));
    assert_eq!(app.working(), Some(Working::Filtering));
    run(&mut app, &[Action::First]);
    assert_eq!(app.selected, 0, "keys are answered meanwhile");
    run(&mut app, &[Action::Last]);
    finish(&mut app);
    assert_eq!(app.loading(), None);
    assert_eq!(app.working(), None);
    assert_eq!(app.order().len(), app.timeline().events.len());
    assert!(app.order().len() > 3);
    assert_eq!(
        app.selected,
        app.order().len() - 1,
        "End meant the whole file's last event"
    );
}

#[test]
fn a_filter_typed_while_a_large_load_ends_applies_to_the_whole_file() {
    let mut app = large_preview();
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    // Asked of the preview meanwhile, then again of the whole file once it is in.
    filter(&mut app, "denied-by:kremlin");
    let incoming = jobs(&mut app).remove(0);
    update(&mut app, incoming.run().unwrap());
    assert_eq!(app.loading(), None);
    assert_eq!(app.working(), Some(Working::Filtering));
    finish(&mut app);
    assert_eq!(app.order(), fresh(&app));
    assert!(!app.order().is_empty());
}

#[test]
fn a_search_that_found_nothing_in_the_preview_moves_to_its_match_when_a_large_load_is_shown() {
    let mut app = large_preview();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Shoigu");
    run(&mut app, &[Action::Accept]);
    assert!(app.search().as_ref().unwrap().matches.is_empty());
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    finish(&mut app);
    let matches = &app.search().as_ref().unwrap().matches;
    assert!(!matches.is_empty());
    assert_eq!(app.selected, matches[0]);
}

#[test]
fn a_reload_while_a_large_load_ends_wins_over_it() {
    let mut app = large_preview();
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    let mut shorter = Document::bundled().load(Options::default()).timeline;
    shorter.events.truncate(5);
    let reloaded = Data::new(merge(vec![Part {
        label: "bundled".into(),
        timeline: shorter,
    }]));
    update(
        &mut app,
        Msg::Reload(Reload::Loaded {
            part: 0,
            loaded: Box::new(reloaded),
            set_aside: None,
        }),
    );
    let [load, reload]: [Job; 2] = jobs(&mut app).try_into().unwrap();
    assert!(load.run().is_none(), "the load's worker stops");
    update(&mut app, reload.run().unwrap());
    assert_eq!(app.timeline().events.len(), 5);
    assert_eq!(app.loading(), None);
    assert_eq!(app.data.version(), 2, "counted on from the load it superseded");
}
