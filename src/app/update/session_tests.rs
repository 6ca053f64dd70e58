//! State updates of a working session: several files, bookmarks and notes, reloads.

use std::path::PathBuf;

use super::tests::{position, run, said, select_id, selected_id, type_text};
use super::*;
use crate::app::data::Data;
use crate::app::{Banner, Opened, Performed, Rewrite, Showing};
use crate::filter::Facets;
use crate::load::{Document, Options};
use crate::model::merge::{Part, merge};
use crate::model::{Date, Event, Timeline};
use crate::notes::Entry;
use crate::watch::Reload;

fn bundled() -> Timeline {
    Document::bundled().load(Options::default()).timeline
}

fn reuters() -> Timeline {
    let mut t = Timeline::default();
    t.timeline.title = "Reuters".into();
    t.events = vec![
        Event::new(
            "moscow-visit",
            Date::parse("2015-07-24").unwrap(),
            "Reuters: Soleimani in Moscow",
        ),
        Event::new("later", Date::parse("2015-09-01").unwrap(), "Something later"),
    ];
    t
}

fn parts(second: Timeline) -> Vec<Part> {
    vec![
        Part {
            label: "fox".into(),
            timeline: bundled(),
        },
        Part {
            label: "reuters".into(),
            timeline: second,
        },
    ]
}

/// Two files open, each with a sidecar path (nothing is written: effects are only queued).
fn two_files() -> App {
    let files = ["fox", "reuters"]
        .map(|label| Opened {
            sidecar: Some(PathBuf::from(format!("{label}.toml.tlx-notes.toml"))),
            ..Opened::unsaved(label)
        })
        .to_vec();
    App::open(merge(parts(reuters())), files, (120, 40))
}

fn saved(app: &App) -> Vec<(PathBuf, String, Entry)> {
    app.effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveNotes { path, changes } => {
                Some((path.clone(), changes[0].id.clone(), changes[0].after.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn two_files_share_one_axis_with_clashing_ids_kept_apart() {
    let app = two_files();
    assert_eq!(app.order().len(), bundled().events.len() + 2);
    assert!(app.timeline().event("fox:moscow-visit").is_some());
    assert!(app.timeline().event("reuters:moscow-visit").is_some());
    let later = app.timeline().events.iter().position(|e| e.id == "later").unwrap();
    assert_eq!(app.file(later).unwrap().label, "reuters");
}

#[test]
fn v_shows_one_file_at_a_time_then_all() {
    let mut app = two_files();
    let total = app.order().len();
    run(&mut app, &[Action::OnlyFile]);
    assert_eq!(app.order().len(), bundled().events.len());
    run(&mut app, &[Action::OnlyFile]);
    assert_eq!(app.order().len(), 2);
    assert_eq!(said(&app).as_deref(), Some("only reuters: 2 events"));
    run(&mut app, &[Action::OnlyFile]);
    assert_eq!(app.order().len(), total);
}

#[test]
fn a_star_is_keyed_by_the_id_in_its_own_file_and_saved_to_that_files_sidecar() {
    let mut app = two_files();
    let pos = position(&app, "reuters:moscow-visit");
    update(&mut app, Msg::Select(pos));
    run(&mut app, &[Action::Star]);
    let event = app.order()[pos];
    assert!(app.marks(event).unwrap().starred);
    let saves = saved(&app);
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].0, PathBuf::from("reuters.toml.tlx-notes.toml"));
    assert_eq!(saves[0].1, "moscow-visit");
    assert_eq!(saves[0].2.title.as_deref(), Some("Reuters: Soleimani in Moscow"));
    run(&mut app, &[Action::Star]);
    assert!(app.marks(event).is_none(), "an unstarred, unnoted event has no entry");
}

#[test]
fn jumps_between_starred_events_wrap_and_only_starred_narrows() {
    let mut app = two_files();
    for id in ["fox:moscow-visit", "later"] {
        select_id(&mut app, id);
        run(&mut app, &[Action::Star]);
    }
    run(&mut app, &[Action::First, Action::NextStar]);
    assert_eq!(selected_id(&app), "fox:moscow-visit");
    run(&mut app, &[Action::NextStar]);
    assert_eq!(selected_id(&app), "later");
    run(&mut app, &[Action::NextStar]);
    assert_eq!(selected_id(&app), "fox:moscow-visit");
    assert_eq!(said(&app).as_deref(), Some("starred 1 of 2 (wrapped)"));
    run(&mut app, &[Action::PreviousStar]);
    assert_eq!(selected_id(&app), "later");
    run(&mut app, &[Action::OnlyStarred]);
    assert_eq!(app.order().len(), 2);
    run(&mut app, &[Action::OnlyStarred]);
    assert_eq!(app.order().len(), bundled().events.len() + 2);
}

#[test]
fn a_note_is_typed_on_one_line_kept_and_removed_when_emptied() {
    let mut app = two_files();
    let pos = position(&app, "fox:moscow-visit");
    update(&mut app, Msg::Select(pos));
    run(&mut app, &[Action::Note]);
    type_text(&mut app, "ask Reuters who the officials were");
    run(&mut app, &[Action::Accept]);
    let event = app.order()[pos];
    assert_eq!(
        app.marks(event).unwrap().note.as_deref(),
        Some("ask Reuters who the officials were")
    );
    // The prompt opens on the note; Esc leaves it as it was.
    run(&mut app, &[Action::Note, Action::DeleteChar, Action::Cancel]);
    assert!(app.marks(event).unwrap().note.is_some());
    run(&mut app, &[Action::Note]);
    run(&mut app, &[Action::DeleteChar; 40]);
    run(&mut app, &[Action::Accept]);
    assert!(app.marks(event).is_none());
    assert_eq!(saved(&app).len(), 2);
}

#[test]
fn marks_without_a_sidecar_are_kept_for_the_session_and_the_footer_says_so() {
    let mut app = App::new(bundled(), "bundled", (120, 40));
    run(&mut app, &[Action::Star]);
    assert!(app.is_starred(app.order()[0]));
    assert!(app.effects.is_empty());
    assert!(said(&app).unwrap().contains("for this session only"));
}

#[test]
fn a_reload_keeps_the_selected_event_by_id_and_the_filter() {
    let mut app = two_files();
    select_id(&mut app, "later");
    run(&mut app, &[Action::OnlyFile, Action::OnlyFile]);
    assert_eq!(selected_id(&app), "later");
    // An event is added before the selected one.
    let mut changed = reuters();
    changed
        .events
        .insert(0, Event::new("new", Date::parse("2015-08-01").unwrap(), "New event"));
    reload(
        &mut app,
        Reload::Loaded {
            part: 1,
            loaded: Box::new(Data::new(merge(parts(changed)))),
            set_aside: None,
        },
    );
    assert_eq!(selected_id(&app), "later");
    assert_eq!(app.order().len(), 3, "still only the Reuters file");
    // The file's own events are counted, then all shown with the other file's.
    assert_eq!(
        said(&app).as_deref(),
        Some("reloaded reuters: 3 events (+1), 20 in all")
    );
}

#[test]
fn a_reload_that_set_events_aside_says_so_in_the_footer() {
    let mut app = two_files();
    reload(
        &mut app,
        Reload::Loaded {
            part: 1,
            loaded: Box::new(Data::new(merge(parts(reuters())))),
            set_aside: Some("1 event set aside for its errors (at reuters.toml:9:1)".into()),
        },
    );
    assert_eq!(
        said(&app).as_deref(),
        Some("reloaded reuters: 2 events, 19 in all; 1 event set aside for its errors (at reuters.toml:9:1)")
    );
}

#[test]
fn a_broken_save_shows_a_banner_keeps_the_data_and_a_fix_clears_it() {
    let mut app = two_files();
    let before = app.timeline().clone();
    // The header says a changed file is being loaded again until what came of it is in.
    reload(&mut app, Reload::Reloading { part: 1 });
    assert_eq!(app.working(), Some(crate::app::compute::Working::Reloading));
    assert_eq!(app.timeline(), &before);
    reload(
        &mut app,
        Reload::Broken {
            part: 1,
            message: "reuters.toml:3:5: error".into(),
        },
    );
    let banner = Banner {
        part: 1,
        message: "reuters.toml:3:5: error".into(),
        showing: Showing::LastGood,
    };
    assert_eq!(app.banner, Some(banner));
    assert_eq!(app.timeline(), &before);
    assert_eq!(app.working(), None, "the broken save is in");
    reload(&mut app, Reload::Reloading { part: 1 });
    reload(
        &mut app,
        Reload::Loaded {
            part: 1,
            loaded: Box::new(Data::new(merge(parts(reuters())))),
            set_aside: None,
        },
    );
    assert_eq!(app.banner, None);
    assert_eq!(app.working(), None);
}

#[test]
fn a_reload_that_drops_the_selected_event_keeps_the_view_near_it() {
    let mut app = two_files();
    let last = app.order().len() - 1;
    update(&mut app, Msg::Select(last));
    let mut shorter = reuters();
    shorter.events.truncate(1);
    reload(
        &mut app,
        Reload::Loaded {
            part: 1,
            loaded: Box::new(Data::new(merge(parts(shorter)))),
            set_aside: None,
        },
    );
    assert!(app.selected < app.order().len());
}

/// An explorer on the first event of the bundled timeline, as a preview while the rest loads.
fn preview() -> App {
    preview_of(1)
}

/// An explorer on the bundled timeline's first `n` events in file order, as a preview while
/// the rest loads.
fn preview_of(n: usize) -> App {
    let mut first = bundled();
    first.events.truncate(n);
    let mut app = App::new(first, "bundled", (120, 40));
    app.loading = Some(crate::app::state::Loading::default());
    app
}

#[test]
fn a_background_load_replaces_the_preview_keeping_the_selection() {
    let mut app = preview();
    let id = selected_id(&app).to_string();
    progress(&mut app, 40);
    assert_eq!(app.loading(), Some(40));
    loaded(&mut app, whole(), None);
    assert_eq!(app.loading, None);
    assert_eq!(app.timeline().events.len(), bundled().events.len());
    assert_eq!(selected_id(&app), id);
    progress(&mut app, 90);
    assert_eq!(
        app.loading, None,
        "a late progress report does not bring the indicator back"
    );
}

#[test]
fn a_load_made_ready_on_its_thread_is_taken_in_as_it_is_and_counted_as_newer() {
    let mut app = preview();
    let before = app.data.version();
    let data = whole();
    // Where the date order and the printable copy live: taking the data in moves them, it
    // neither works them out again nor copies them.
    let heaps = (data.chronological().as_ptr(), data.timeline().events.as_ptr());
    update(&mut app, Msg::Loaded(Box::new(data), None));
    assert_eq!(app.data.version(), before + 1);
    assert_eq!(
        (app.data.chronological().as_ptr(), app.data.timeline().events.as_ptr()),
        heaps
    );
    assert_eq!(app.timeline().events.len(), bundled().events.len());
}

/// The bundled timeline whole, as the background load gives it.
fn whole() -> Data {
    Data::new(merge(vec![Part {
        label: "bundled".into(),
        timeline: bundled(),
    }]))
}

/// An explorer on the bundled timeline's first three events in file order, none of which
/// speaks of Shoigu, as a preview while the rest loads.
fn three_event_preview() -> App {
    preview_of(3)
}

#[test]
fn end_pressed_during_the_load_goes_to_the_last_event_of_the_whole_file() {
    let mut app = three_event_preview();
    update(&mut app, Action::Last);
    assert_eq!(app.selected, 2, "the preview's last, for now");
    let previews_last = selected_id(&app).to_string();
    progress(&mut app, 60);
    loaded(&mut app, whole(), None);
    assert_eq!(app.order().len(), bundled().events.len());
    assert_eq!(app.selected, app.order().len() - 1);
    assert_ne!(selected_id(&app), previews_last);
}

#[test]
fn a_move_after_end_during_the_load_keeps_the_event_moved_to() {
    let mut app = three_event_preview();
    run(&mut app, &[Action::Last, Action::Previous]);
    let chosen = selected_id(&app).to_string();
    loaded(&mut app, whole(), None);
    assert_eq!(selected_id(&app), chosen);
}

#[test]
fn a_search_that_found_nothing_in_the_preview_moves_to_its_first_match_when_the_load_ends() {
    let mut app = three_event_preview();
    update(&mut app, Action::Search);
    type_text(&mut app, "Shoigu");
    update(&mut app, Action::Accept);
    assert_eq!(said(&app).as_deref(), Some("no event matches \"Shoigu\""));
    loaded(&mut app, whole(), None);
    let matches = &app.search().as_ref().unwrap().matches;
    assert!(!matches.is_empty());
    assert_eq!(
        app.selected, matches[0],
        "the first match after the selection, from the top"
    );
    assert!(selected_id(&app).contains("moscow"), "{}", selected_id(&app));
    assert!(said(&app).unwrap().starts_with("match 1 of"), "{:?}", said(&app));
}

#[test]
fn a_filter_typed_during_the_load_applies_to_the_whole_file_when_it_is_in() {
    let mut app = three_event_preview();
    update(&mut app, Action::Filter);
    type_text(&mut app, "Shoigu");
    update(&mut app, Action::Accept);
    assert!(app.order().is_empty(), "nothing in the preview matches");
    loaded(&mut app, whole(), None);
    let mut fresh = App::new(bundled(), "bundled", (120, 40));
    update(&mut fresh, Action::Filter);
    type_text(&mut fresh, "Shoigu");
    update(&mut fresh, Action::Accept);
    assert!(!fresh.order().is_empty());
    assert_eq!(app.order(), fresh.order());
}

#[test]
fn a_reload_during_the_load_wins_over_the_older_text_loaded_in_the_background() {
    let mut app = preview();
    reload(
        &mut app,
        Reload::Loaded {
            part: 0,
            loaded: Box::new(Data::new(merge(vec![Part {
                label: "bundled".into(),
                timeline: reuters(),
            }]))),
            set_aside: None,
        },
    );
    assert_eq!(app.loading, None);
    loaded(&mut app, whole(), None);
    assert_eq!(app.timeline().events.len(), 2, "the reloaded version stays");
}

#[test]
fn a_note_of_several_lines_is_kept_with_its_lines() {
    let mut app = two_files();
    select_id(&mut app, "fox:moscow-visit");
    run(&mut app, &[Action::Note]);
    type_text(&mut app, "ask Reuters:");
    run(&mut app, &[Action::NewLine]);
    type_text(&mut app, "who were the officials?");
    run(&mut app, &[Action::Accept]);
    let event = app.order()[app.selected()];
    assert_eq!(
        app.marks(event).unwrap().note.as_deref(),
        Some("ask Reuters:\nwho were the officials?")
    );
    assert_eq!(saved(&app)[0].2.note, app.marks(event).unwrap().note);
}

#[test]
fn undo_takes_back_the_last_star_or_note_change_and_saves_it() {
    let mut app = two_files();
    run(&mut app, &[Action::Undo]);
    assert!(said(&app).unwrap().starts_with("nothing to undo"));
    select_id(&mut app, "fox:moscow-visit");
    let event = app.order()[app.selected()];
    run(&mut app, &[Action::Note]);
    type_text(&mut app, "first");
    run(&mut app, &[Action::Accept, Action::Note]);
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "second");
    run(&mut app, &[Action::Accept]);
    app.effects.clear();
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.marks(event).unwrap().note.as_deref(), Some("first"));
    let title = app.timeline().events[event].title.clone();
    assert_eq!(said(&app), Some(format!("undone: the note on \"{title}\"")));
    let saves = saved(&app);
    assert_eq!(saves.len(), 1, "the sidecar is written again");
    assert_eq!(saves[0].2.note.as_deref(), Some("first"));
    // One history: the change before goes next, then nothing is left; redo makes both again.
    run(&mut app, &[Action::Undo]);
    assert!(app.marks(event).is_none());
    run(&mut app, &[Action::Undo]);
    assert!(said(&app).unwrap().starts_with("nothing to undo"));
    run(&mut app, &[Action::Redo, Action::Redo]);
    assert_eq!(app.marks(event).unwrap().note.as_deref(), Some("second"));
    assert_eq!(said(&app), Some(format!("redone: the note on \"{title}\"")));
    run(&mut app, &[Action::Redo]);
    assert!(said(&app).unwrap().starts_with("nothing to redo"));
    // A star, taken back, leaves no entry when there was none.
    select_id(&mut app, "later");
    let later = app.order()[app.selected()];
    run(&mut app, &[Action::Star, Action::Undo]);
    assert!(app.marks(later).is_none());
    assert_eq!(said(&app), Some("undone: the star on \"Something later\"".to_string()));
}

#[test]
fn the_editor_opens_the_selected_events_own_file_and_never_the_bundled_timeline() {
    let mut app = two_files();
    run(&mut app, &[Action::OpenInEditor]);
    assert!(app.effects.is_empty(), "no file to open");
    assert!(said(&app).unwrap().contains("no file to edit"));
    app.files[1].path = Some(PathBuf::from("reuters.toml"));
    select_id(&mut app, "reuters:moscow-visit");
    run(&mut app, &[Action::OpenInEditor]);
    // The id in its own file, where the editor finds it, not the merged one.
    assert!(
        matches!(&app.effects[..], [Effect::EditFile { path, id, .. }] if path == &PathBuf::from("reuters.toml") && id == "moscow-visit"),
        "{:?}",
        app.effects
    );
}

#[test]
fn a_note_written_in_the_editor_is_kept_and_a_failed_editor_leaves_the_prompt_open() {
    let mut app = two_files();
    select_id(&mut app, "later");
    let event = app.order()[app.selected()];
    run(&mut app, &[Action::Note]);
    type_text(&mut app, "first line");
    run(&mut app, &[Action::OpenInEditor]);
    assert!(
        matches!(&app.effects[..], [Effect::EditNote { event: e, text }] if *e == event && text == "first line"),
        "{:?}",
        app.effects
    );
    // The editor failed: the prompt stays, with what was typed.
    let failed = Performed {
        said: Some("could not start the editor (nope)".into()),
        ..Performed::default()
    };
    update(&mut app, Msg::Performed(failed));
    assert!(matches!(app.mode(), Mode::Prompt { input, .. } if input.text() == "first line"));
    assert_eq!(said(&app).as_deref(), Some("could not start the editor (nope)"));
    run(&mut app, &[Action::OpenInEditor]);
    let written = Performed {
        note: Some((event, "first line\nsecond line\n".into())),
        ..Performed::default()
    };
    update(&mut app, Msg::Performed(written));
    assert_eq!(app.mode(), &Mode::Browse);
    assert_eq!(
        app.marks(event).unwrap().note.as_deref(),
        Some("first line\nsecond line")
    );
    assert_eq!(saved(&app).len(), 1);
}

#[test]
fn add_event_on_the_bundled_timeline_asks_for_a_file_and_writes_the_starter_there() {
    let mut app = App::new(bundled(), "bundled", (120, 40));
    run(&mut app, &[Action::AddSource]);
    assert!(said(&app).unwrap().contains("never written to"));
    assert!(app.effects.is_empty());
    run(&mut app, &[Action::AddEvent]);
    assert!(matches!(
        app.mode(),
        Mode::Prompt {
            prompt: Prompt::NewTimeline,
            ..
        }
    ));
    type_text(&mut app, "case.toml");
    run(&mut app, &[Action::Accept]);
    assert!(
        matches!(&app.effects[..], [Effect::NewTimeline { path, contents, .. }] if path == &PathBuf::from("case.toml") && contents == crate::load::STARTER),
        "{:?}",
        app.effects
    );
}

#[test]
fn while_an_edit_is_written_the_history_waits_for_it() {
    let mut app = two_files();
    app.files[1].path = Some(PathBuf::from("reuters.toml"));
    select_id(&mut app, "later");
    run(&mut app, &[Action::Star, Action::AddSource]);
    type_text(&mut app, "Reuters");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.working(), Some(crate::app::compute::Working::Saving));
    app.effects.clear();
    // Enter again on the form, and undo, while the first save is written: neither is asked.
    run(&mut app, &[Action::Accept]);
    assert!(app.effects.is_empty(), "{:?}", app.effects);
    assert!(said(&app).unwrap().starts_with("the last edit is still being written"));
    run(&mut app, &[Action::Cancel, Action::Cancel, Action::Undo]);
    assert!(app.effects.is_empty(), "{:?}", app.effects);
    let selected = app.order()[app.selected];
    assert!(app.is_starred(selected), "the star is not undone before the edit is in");
    update(&mut app, Msg::Edited(Ok(Vec::new())));
    assert_eq!(app.working(), None);
    assert_eq!(said(&app).as_deref(), Some("saved: added source of \"later\""));
    // Once it is in, undo takes back the newest change: the edit, then the star.
    run(&mut app, &[Action::Undo]);
    assert!(matches!(
        &app.effects[..],
        [Effect::Edit {
            rewrite: Rewrite::Reverse(_),
            ..
        }]
    ));
}

#[test]
fn a_form_asks_before_discarding_saves_through_an_effect_and_goes_on_the_one_history() {
    let mut app = two_files();
    app.files[1].path = Some(PathBuf::from("reuters.toml"));
    select_id(&mut app, "later");
    run(&mut app, &[Action::AddSource]);
    assert!(matches!(app.mode(), Mode::Form(f) if f.title() == "new source of \"later\""));
    type_text(&mut app, "Reuters");
    run(&mut app, &[Action::Cancel]);
    assert!(matches!(app.mode(), Mode::Form(_)), "a changed form asks first");
    assert!(said(&app).unwrap().contains("again to discard"));
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode(), &Mode::Browse);
    run(&mut app, &[Action::AddSource]);
    type_text(&mut app, "Reuters");
    run(&mut app, &[Action::Accept]);
    assert!(
        matches!(&app.effects[..], [Effect::Edit { path, rewrite: Rewrite::Make(edits) }]
            if path == &PathBuf::from("reuters.toml")
            && matches!(&edits[..], [crate::edit::Edit::Add { event, part: crate::edit::Part::Source, .. }] if event == "later")),
        "{:?}",
        app.effects
    );
    // A refused save keeps the form, with why.
    assert_eq!(app.working(), Some(crate::app::compute::Working::Saving));
    update(&mut app, Msg::Edited(Err("not saved: the file changed".into())));
    assert_eq!(app.working(), None);
    assert!(matches!(app.mode(), Mode::Form(f) if f.problems[0].1 == "not saved: the file changed"));
    run(&mut app, &[Action::Accept]);
    assert!(
        said(&app).unwrap().starts_with("not saved"),
        "the problem holds the save back"
    );
    type_text(&mut app, "s");
    run(&mut app, &[Action::Accept]);
    let saved = || Msg::Edited(Ok(Vec::new()));
    update(&mut app, saved());
    assert_eq!(app.mode(), &Mode::Browse);
    assert_eq!(said(&app).as_deref(), Some("saved: added source of \"later\""));
    // A star after it, then undo twice: the star, then the file's edit, newest first.
    run(&mut app, &[Action::Star, Action::Undo]);
    assert!(said(&app).unwrap().starts_with("undone: the star"));
    app.effects.clear();
    run(&mut app, &[Action::Undo]);
    assert!(matches!(
        &app.effects[..],
        [Effect::Edit {
            rewrite: Rewrite::Reverse(_),
            ..
        }]
    ));
    update(&mut app, saved());
    assert_eq!(said(&app).as_deref(), Some("undone: added source of \"later\""));
    app.effects.clear();
    run(&mut app, &[Action::Redo]);
    assert!(matches!(
        &app.effects[..],
        [Effect::Edit {
            rewrite: Rewrite::Reverse(_),
            ..
        }]
    ));
    update(&mut app, saved());
    assert_eq!(said(&app).as_deref(), Some("redone: added source of \"later\""));
}

#[test]
fn the_reload_of_tlxs_own_edit_keeps_the_edits_message_and_a_later_reload_says_so() {
    let mut app = two_files();
    app.files[1].path = Some(PathBuf::from("reuters.toml"));
    select_id(&mut app, "later");
    run(&mut app, &[Action::AddSource]);
    type_text(&mut app, "Reuters");
    run(&mut app, &[Action::Accept]);
    update(&mut app, Msg::Edited(Ok(Vec::new())));
    let reloaded = || Reload::Loaded {
        part: 1,
        loaded: Box::new(Data::new(merge(parts(reuters())))),
        set_aside: None,
    };
    // The watcher sees the file tlx wrote: the reload shows the edit, which the footer names.
    reload(&mut app, reloaded());
    assert_eq!(said(&app).as_deref(), Some("saved: added source of \"later\""));
    // A change made elsewhere after it is named as a reload.
    reload(&mut app, reloaded());
    assert!(said(&app).unwrap().starts_with("reloaded reuters"), "{:?}", said(&app));
}
