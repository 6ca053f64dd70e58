//! Refreshes worked out on a worker: the screen answers meanwhile with what it shows, a stale
//! result is dropped, the newest query wins, and the header says what is being worked out.

use std::sync::Arc;

use super::tests::{app, run, said, selected_id, type_text};
use super::*;
use crate::app::Job;
use crate::app::compute::Working;
use crate::app::data::Data;
use crate::app::state::Then;
use crate::load::{Document, Options};
use crate::loaded::{Layout, Plain};
use crate::model::merge::{Merged, Part, merge};
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

/// What a job sends as a worker runs it.
fn results(job: Job) -> Vec<Msg> {
    let mut sent = Vec::new();
    job.run(&mut |msg| sent.push(msg));
    sent
}

/// The one result a refresh sends, when it is not superseded.
fn only(job: Job) -> Msg {
    let [msg] = <[Msg; 1]>::try_from(results(job)).expect("one result, not superseded");
    msg
}

/// Runs the newest job as a worker would and applies its result.
fn finish(app: &mut App) {
    let job = jobs(app).pop().expect("a job was asked for");
    finish_with(app, job);
}

/// Runs a job as a worker would and applies what it sends.
fn finish_with(app: &mut App, job: Job) {
    let sent = results(job);
    assert!(!sent.is_empty(), "the job is not cancelled");
    for msg in sent {
        update(app, msg);
    }
}

fn ids(app: &App) -> Vec<String> {
    app.order()
        .iter()
        .map(|&i| app.timeline().events[i].id.to_string())
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
fn a_filters_count_is_said_of_its_result_not_of_the_list_it_replaces() {
    let mut app = large();
    filter(&mut app, "denied-by:kremlin");
    assert_eq!(app.working(), Some(Working::Filtering));
    assert_eq!(said(&app), None, "nothing is counted until the result is in");
    finish(&mut app);
    let matched = fresh(&app).len();
    assert!(matched > 0 && matched < 17, "{matched}");
    assert_eq!(said(&app), Some(format!("{matched} of 17 events match; F clears")));
}

#[test]
fn a_stale_result_is_dropped_and_the_newer_query_wins() {
    let mut app = large();
    filter(&mut app, "denied-by:kremlin");
    let first = jobs(&mut app).pop().unwrap();
    let [stale] = <[Msg; 1]>::try_from(results(first)).expect("not superseded yet");
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
    assert!(asked.into_iter().all(|j| results(j).is_empty()));
    finish_with(&mut app, newest);
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
    assert_eq!(app.matrix().unwrap().events.as_slice(), app.order());
    // The cursor is on a party that spoke of the selected event, as on a small timeline.
    let m = app.matrix().unwrap();
    assert!(
        !m.cell(app.timeline(), app.matrix_cursor().party, app.selected)
            .is_empty()
    );
}

#[test]
fn opening_the_matrix_tabulates_what_is_shown_and_works_nothing_else_out() {
    let mut app = large();
    let (order, evidence) = app.shown.shared();
    let fit = app.shown.fit();
    run(&mut app, &[Action::Matrix]);
    let job = jobs(&mut app).pop().unwrap();
    assert!(matches!(job, Job::Tabulate(_)), "only the table is asked for: {job:?}");
    finish_with(&mut app, job);
    assert_eq!(app.working(), None);
    let (now_order, now_evidence) = app.shown.shared();
    assert!(Arc::ptr_eq(&order, &now_order) && Arc::ptr_eq(&evidence, &now_evidence));
    assert_eq!(app.shown.fit(), fit);
    // The table a refresh would have tabulated with it.
    let (order, evidence) = app.shown.shared();
    let fresh = crate::model::matrix::Matrix::build(app.timeline(), order, evidence);
    assert_eq!(app.matrix(), Some(&fresh));
}

#[test]
fn a_matrix_superseded_by_a_filter_is_not_taken_in_and_the_filter_tabulates_its_own() {
    let mut app = large();
    run(&mut app, &[Action::Matrix]);
    let tabulate = jobs(&mut app).pop().unwrap();
    let late = only(tabulate.clone());
    filter(&mut app, "denied-by:kremlin");
    assert!(results(tabulate).is_empty(), "the superseded table is not sent");
    update(&mut app, late);
    assert!(
        app.matrix().is_none(),
        "a table of the events shown before is not taken in"
    );
    finish(&mut app);
    assert_eq!(app.order(), fresh(&app));
    assert_eq!(app.matrix().unwrap().events.as_slice(), app.order());
}

#[test]
fn what_a_result_replaces_is_freed_on_a_worker_not_on_the_ui_thread() {
    let mut app = large();
    let old = Arc::downgrade(&app.shown.shared().1);
    // A knowledge date works out new evidence: nothing of the shown replaced is kept.
    run(&mut app, &[Action::AsOf, Action::DeleteToStart]);
    type_text(&mut app, "2015-07-25");
    run(&mut app, &[Action::Accept]);
    let result = only(jobs(&mut app).pop().unwrap());
    // One worker, busy applying the result: a drop handed to it waits until that is done.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let kept_while_applied = pool.install(|| {
        update(&mut app, result);
        old.upgrade().is_some()
    });
    assert!(kept_while_applied, "the update does not free what it replaces");
    assert_eq!(app.working(), None);
    // Then the worker frees it: nothing leaks.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while old.upgrade().is_some() {
        assert!(
            std::time::Instant::now() < deadline,
            "the replaced shown is never freed"
        );
        std::thread::yield_now();
    }
}

#[test]
fn a_large_reload_is_shown_once_its_worker_is_done_and_supersedes_the_refresh_under_way() {
    let mut app = large();
    filter(&mut app, "denied-by:kremlin");
    let pending = jobs(&mut app).pop().unwrap();
    let late = only(pending.clone());
    let before = app.data.version();
    reload::take(&mut app, whole(), Then::Reloaded(0, "reloaded".into()));
    assert!(results(pending).is_empty(), "the worker on the old data stops");
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
    Data::new(bundled_merged())
}

fn bundled_merged() -> Merged {
    let timeline = Document::bundled().load(Options::default()).timeline;
    merge(vec![Part {
        label: "bundled".into(),
        timeline,
    }])
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
    update(&mut app, only(incoming));
    assert_eq!(app.loading(), None);
    assert_eq!(app.working(), Some(Working::Filtering));
    finish(&mut app);
    assert_eq!(app.order(), fresh(&app));
    assert!(!app.order().is_empty());
}

#[test]
fn a_count_said_of_the_preview_is_said_again_of_the_whole_file_once_it_is_in() {
    let mut app = large_preview();
    filter(&mut app, "tag:sanctions");
    finish(&mut app);
    let in_preview = app.order().len();
    assert_eq!(said(&app), Some(format!("{in_preview} of 3 events match; F clears")));
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    finish(&mut app);
    assert_eq!(app.loading(), None);
    let matched = fresh(&app).len();
    assert!(matched > in_preview, "{matched} against {in_preview} in the preview");
    assert_eq!(said(&app), Some(format!("{matched} of 17 events match; F clears")));
}

#[test]
fn a_count_of_the_preview_gone_from_the_footer_is_not_said_again() {
    let mut app = large_preview();
    filter(&mut app, "tag:sanctions");
    finish(&mut app);
    assert!(said(&app).is_some_and(|s| s.ends_with("of 3 events match; F clears")));
    run(&mut app, &[Action::Next]);
    assert_eq!(said(&app), None);
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    finish(&mut app);
    assert_eq!(app.loading(), None);
    assert!(
        !said(&app).is_some_and(|s| s.contains("events match")),
        "{:?}",
        said(&app)
    );
}

#[test]
fn the_matrix_opened_on_the_preview_while_a_large_load_ends_gets_the_whole_files_table() {
    let mut app = large_preview();
    // The preview's three events are tabulated at once, the whole file's on a worker.
    app.off_thread_from = 10;
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    let incoming = jobs(&mut app).remove(0);
    run(&mut app, &[Action::Matrix]);
    assert_eq!(app.matrix().unwrap().events.len(), 3);
    update(&mut app, only(incoming));
    assert!(matches!(app.screen, Screen::Matrix(_)));
    assert_eq!(app.working(), Some(Working::Tabulating), "not left saying it tabulates");
    finish(&mut app);
    assert_eq!(app.matrix().unwrap().events.as_slice(), app.order());
    assert!(app.order().len() > 3);
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
    assert!(results(load).is_empty(), "the load's worker stops");
    update(&mut app, only(reload));
    assert_eq!(app.timeline().events.len(), 5);
    assert_eq!(app.loading(), None);
    assert_eq!(app.data.version(), 2, "counted on from the load it superseded");
}

/// The bundled timeline's events `copies` times over (each copy's ids suffixed), as one file,
/// with every search asked of a worker: enough events for a search to come in several pieces.
fn many(copies: usize) -> App {
    let bundled = crate::load::Document::bundled()
        .load(crate::load::Options::default())
        .timeline;
    let mut t = bundled.clone();
    t.events = (0..copies)
        .flat_map(|n| {
            bundled.events.iter().map(move |e| {
                let mut e = e.clone();
                e.id = format!("{}-{n}", e.id).into();
                e
            })
        })
        .collect();
    let mut app = App::new(t, "many", (120, 40));
    app.off_thread_from = 0;
    app
}

/// The search messages a job sends, each with its hits.
fn pieces(job: Job) -> Vec<(u64, crate::app::compute::Found)> {
    results(job)
        .into_iter()
        .map(|msg| match msg {
            Msg::Found(generation, found) => (generation, found),
            other => panic!("a search sends hits: {other:?}"),
        })
        .collect()
}

#[test]
fn a_search_on_a_large_timeline_shows_its_first_hits_at_once_and_the_rest_as_they_come() {
    let mut app = many(600);
    let origin = app.order().len() / 2;
    update(&mut app, Msg::Select(origin));
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "the");
    let all = super::tests::matching(&app, "the");
    assert!(app.searching(), "the search is under way");
    assert!(app.search.as_ref().unwrap().matches.is_empty());
    assert_eq!(app.selected, origin, "nothing moves before a hit is found");
    let mut asked = jobs(&mut app);
    let newest = asked.pop().unwrap();
    assert!(!asked.is_empty(), "the keys before asked for searches too");
    assert!(
        asked.into_iter().all(|j| results(j).is_empty()),
        "each superseded search was cancelled"
    );
    let mut sent = pieces(newest).into_iter();
    let (generation, first) = sent.next().unwrap();
    assert!(!first.complete && !first.hits.is_empty(), "{first:?}");
    update(&mut app, Msg::Found(generation, first));
    // The first hit after where the search started is selected as soon as it is found.
    let after = *all.iter().find(|&&p| p >= origin).unwrap();
    assert_eq!(app.selected, after);
    assert!(app.searching());
    let so_far = app.search.as_ref().unwrap().matches.clone();
    assert!(
        !so_far.is_empty() && so_far.len() < all.len(),
        "{} of {}, {}",
        so_far.len(),
        all.len(),
        app.order().len()
    );
    assert!(so_far.iter().all(|p| all.contains(p)));
    for (generation, found) in sent {
        update(&mut app, Msg::Found(generation, found));
    }
    assert!(!app.searching(), "complete");
    assert_eq!(app.search.as_ref().unwrap().matches, all);
    assert_eq!(app.selected, after, "the selection stays on the first hit");
}

#[test]
fn hits_of_a_superseded_search_are_dropped_and_typing_on_narrows_only_complete_matches() {
    let mut app = many(600);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "kre");
    let older = jobs(&mut app).pop().unwrap();
    let stale = pieces(older);
    // Typing on asks afresh; the older search's hits, arriving late, are dropped.
    type_text(&mut app, "m");
    for (generation, found) in stale.iter().cloned() {
        update(&mut app, Msg::Found(generation, found));
    }
    assert!(app.search.as_ref().unwrap().matches.is_empty());
    assert!(app.searching());
    // Only the first piece of "krem" is in when "l" is typed: "kreml" cannot narrow from
    // what is found so far, or the hits in the pieces still to come would be lost.
    let (generation, first) = pieces(jobs(&mut app).pop().unwrap()).remove(0);
    update(&mut app, Msg::Found(generation, first));
    type_text(&mut app, "l");
    finish(&mut app);
    assert_eq!(
        app.search.as_ref().unwrap().matches,
        super::tests::matching(&app, "kreml")
    );
    // Complete now, so the next key searches among its matches and finds what a fresh
    // search would.
    type_text(&mut app, "in");
    finish(&mut app);
    assert_eq!(
        app.search.as_ref().unwrap().matches,
        super::tests::matching(&app, "kremlin")
    );
    assert!(!app.searching());
}

#[test]
fn enter_on_a_search_under_way_says_its_count_once_complete_and_esc_stops_it() {
    let mut app = many(600);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "zephyrine");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(said(&app), None, "no count before the search is complete");
    run(&mut app, &[Action::NextMatch]);
    assert_eq!(
        said(&app).as_deref(),
        Some("searching…"),
        "not \"no event matches\" yet"
    );
    finish(&mut app);
    assert_eq!(said(&app).as_deref(), Some("no event matches \"zephyrine\""));

    run(&mut app, &[Action::Search]);
    type_text(&mut app, "kremlin");
    run(&mut app, &[Action::Accept]);
    let job = jobs(&mut app).pop().unwrap();
    let mut app2 = app.clone();
    // Enter kept it; it says how many once all are found.
    finish_with(&mut app2, job.clone());
    let n = super::tests::matching(&app2, "kremlin").len();
    assert!(
        said(&app2).unwrap().starts_with(&format!("{n} matches")),
        "{:?}",
        said(&app2)
    );
    // Esc drops the search under way and stops it.
    run(&mut app, &[Action::Back]);
    assert!(app.search.is_none());
    assert!(results(job).is_empty(), "the worker stops");
}

#[test]
fn a_refresh_searches_again_over_what_it_shows() {
    let mut app = many(600);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "kremlin");
    run(&mut app, &[Action::Accept]);
    let under_way = jobs(&mut app).pop().unwrap();
    filter(&mut app, "denied-by:kremlin");
    finish(&mut app);
    // The kept search's positions were of the old list: it is searched again, on a worker, and
    // the search over the old list stops.
    assert!(app.searching());
    assert!(results(under_way).is_empty());
    finish(&mut app);
    assert!(!app.searching());
    assert_eq!(
        app.search.as_ref().unwrap().matches,
        super::tests::matching(&app, "kremlin")
    );
}

#[test]
fn a_search_that_found_nothing_in_the_preview_jumps_once_the_whole_file_is_searched() {
    let mut first = Document::bundled().load(Options::default()).timeline;
    first.events.truncate(3);
    let mut app = App::new(first, "bundled", (120, 40));
    app.loading = Some(crate::app::state::Loading::default());
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Shoigu");
    run(&mut app, &[Action::Accept]);
    assert_eq!(said(&app).as_deref(), Some("no event matches \"Shoigu\""));
    // The whole file is large: what is shown of it, then the search, are worked out on workers.
    app.off_thread_from = 0;
    loaded(&mut app, whole(), None);
    finish(&mut app);
    assert!(app.searching());
    assert_eq!(app.selected, 0, "no move before the search is complete");
    finish(&mut app);
    let matches = &app.search.as_ref().unwrap().matches;
    assert!(!matches.is_empty());
    assert_eq!(app.selected, matches[0], "the first match after the selection");
    assert!(said(&app).unwrap().starts_with("match 1 of"), "{:?}", said(&app));
}

#[test]
fn a_search_counted_in_the_preview_is_counted_again_in_the_whole_file() {
    let mut app = large_preview();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Soleimani");
    run(&mut app, &[Action::Accept]);
    finish(&mut app);
    let in_preview = app.search.as_ref().unwrap().matches.len();
    assert!(
        said(&app).is_some_and(|s| s.starts_with(&format!("{in_preview} match"))),
        "{:?}",
        said(&app)
    );
    update(&mut app, Msg::Loaded(Box::new(whole()), None));
    finish(&mut app);
    assert!(app.searching(), "the search runs again over the whole file");
    assert_eq!(said(&app), None, "nothing is counted until it is complete");
    finish(&mut app);
    let matched = app.search.as_ref().unwrap().matches.len();
    assert!(matched > in_preview, "{matched} against {in_preview} in the preview");
    assert_eq!(
        said(&app),
        Some(format!("{matched} matches; n and p move between them"))
    );
}

#[test]
fn the_matrix_coming_in_keeps_a_search_of_the_same_order_instead_of_running_it_again() {
    let mut app = many(40);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "kremlin");
    finish(&mut app);
    run(&mut app, &[Action::Accept]);
    let matches = app.search.as_ref().unwrap().matches.clone();
    assert!(!matches.is_empty() && !app.searching());
    run(&mut app, &[Action::Matrix]);
    assert_eq!(app.working(), Some(Working::Tabulating));
    finish(&mut app);
    assert!(app.matrix().is_some());
    assert!(
        jobs(&mut app).is_empty(),
        "no search asked again over the order searched"
    );
    assert!(!app.searching());
    assert_eq!(app.search.as_ref().unwrap().matches, matches);
}

/// The search of a file's bytes is ready once its data is made, on the thread that loads it:
/// opening the search asks nothing of a worker. Data laid out as no one knows has nothing placed.
#[test]
fn data_laid_out_is_placed_for_the_search_as_it_is_made() {
    assert!(whole().stretches().is_none(), "not placed");
    let data = Data::laid_out(bundled_merged(), Layout::Tables(Plain::Unknown));
    assert!(data.stretches().is_some());
    let mut app = large();
    app.data = Arc::new(data);
    update(&mut app, Msg::Action(Action::Search));
    assert!(jobs(&mut app).is_empty(), "nothing to ready as the search opens");
}

/// A search of a large TOML or CSV file reads the file's bytes first and searches only the
/// events they hold (`search::written`): it finds what searching every event finds, in the same
/// order.
#[cfg(target_os = "linux")]
#[test]
fn a_search_that_reads_the_files_bytes_first_finds_what_searching_every_event_finds() {
    use crate::search::written::tests::{csv_file, file, lent};
    for (name, text) in [("big.toml", file()), ("big.csv", csv_file())] {
        let loaded = lent(name, &text);
        let merged = merge(vec![Part {
            label: "big".into(),
            timeline: loaded.timeline,
        }]);
        let mut app = large_preview();
        let data = Data::laid_out(merged, loaded.layout);
        update(&mut app, Msg::Loaded(Box::new(data), None));
        finish(&mut app);
        let every = |app: &mut App| {
            for job in jobs(app) {
                for msg in results(job) {
                    update(app, msg);
                }
            }
        };
        for needle in [
            "quillwort",
            "QUILLWORT",
            "Quote1",
            "kelvin",
            "istanbul",
            "harbour-tag",
            "unknown",
            "@quillwortacct",
            "nowhere",
        ] {
            run(&mut app, &[Action::Search]);
            type_text(&mut app, needle);
            run(&mut app, &[Action::Accept]);
            every(&mut app);
            let found = app.search.as_ref().map(|s| s.matches.clone());
            assert_eq!(found, Some(super::tests::matching(&app, needle)), "{name}: {needle}");
        }
        let placed = format!("{:?}", app.data.stretches().expect("placed"));
        assert!(
            !placed.contains("anchors: 0,"),
            "{name}: the file was lent, its events placed: {placed}"
        );
    }
}
