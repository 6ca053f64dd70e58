//! State updates of the research views: knowledge date, filter, context window, sort, matrix.

use super::tests::{app, position, run, said, select_id, selected_id, type_text};
use super::*;
use crate::app::screen::Focus;
use crate::filter::{Facets, Reach, Sort};
use crate::model::Status;

fn ids(app: &App) -> Vec<&str> {
    app.order()
        .iter()
        .map(|&i| app.timeline().events[i].id.as_str())
        .collect()
}

/// Types a knowledge date over the one the prompt opens with.
fn as_of(app: &mut App, date: &str) {
    run(app, &[Action::AsOf, Action::DeleteToStart]);
    type_text(app, date);
    run(app, &[Action::Accept]);
}

fn as_of_date(app: &App) -> String {
    app.filter.as_of.as_ref().unwrap().date().text().to_string()
}

#[test]
fn as_of_25_july_hides_the_visit_and_stepping_on_replays_it_to_contested() {
    let mut app = app();
    as_of(&mut app, "2015-07-25");
    assert_eq!(app.mode, Mode::Browse);
    assert!(!ids(&app).contains(&"moscow-visit"));
    assert_eq!(
        said(&app).as_deref(),
        Some(
            "as of 25 Jul 2015: 10 of 17 events known, 9 by a later date at the latest; [ ] step a day, ( ) jump to changes"
        )
    );
    // At the opening zoom, the whole span, [ and ] keep the day as typed.
    for _ in 0..14 {
        run(&mut app, &[Action::LaterAsOf]);
    }
    assert_eq!(as_of_date(&app), "2015-08-08");
    let visit = position(&app, "moscow-visit");
    assert_eq!(app.evidence()[app.order()[visit]].status(), Status::Contested);
    run(&mut app, &[Action::EarlierAsOf]);
    assert_eq!(as_of_date(&app), "2015-08-07");
    // A month stays a month.
    as_of(&mut app, "2015-07");
    run(&mut app, &[Action::LaterAsOf]);
    assert_eq!(as_of_date(&app), "2015-08");
    assert!(said(&app).unwrap().contains("[ ] step a month"));
}

#[test]
fn by_the_zoom_steps_follow_the_axis_only_when_asked() {
    let mut app = app();
    as_of(&mut app, "2015-07-25");
    // The whole span is on the axis: a year.
    run(&mut app, &[Action::LaterAsOfByZoom]);
    assert_eq!(as_of_date(&app), "2015");
    run(&mut app, &[Action::LaterAsOfByZoom]);
    assert_eq!(as_of_date(&app), "2016");
    as_of(&mut app, "2015-07-25");
    run(&mut app, &[Action::ZoomIn; 8]);
    run(&mut app, &[Action::EarlierAsOfByZoom]);
    assert_eq!(as_of_date(&app), "2015-07-24");
}

/// The header's count and the footer's line after each next-change key, from the start.
fn replay(app: &mut App) -> Vec<(String, usize, String)> {
    let mut steps = Vec::new();
    loop {
        run(app, &[Action::NextChange]);
        let line = said(app).unwrap();
        if line.starts_with("no later change") {
            return steps;
        }
        steps.push((as_of_date(app).to_string(), app.order().len(), line));
    }
}

#[test]
fn the_next_change_key_replays_the_bundled_story_and_says_what_changed() {
    let mut app = app();
    let steps = replay(&mut app);
    let counts: Vec<(&str, usize)> = steps.iter().map(|(d, n, _)| (d.as_str(), *n)).collect();
    assert_eq!(
        counts,
        [
            ("2003", 2),
            ("2007", 4),
            ("2010", 5),
            ("2011", 6),
            ("2013-09-17", 7),
            ("2014-06", 8),
            ("2015-04", 9),
            ("2015-06", 10),
            ("2015-07-27", 12),
            ("2015-08-07", 17),
        ]
    );
    assert!(
        steps[7].2.starts_with("Jun 2015: RFE/RL reports \"UN panel"),
        "{}",
        steps[7].2
    );
    assert!(steps[9].2.contains("5 events appear, 11 events now public"));
    // Back one change at a time, then to before the first, then no further.
    run(&mut app, &[Action::PreviousChange]);
    assert_eq!((&*as_of_date(&app), app.order().len()), ("2015-07-27", 12));
    for _ in 0..8 {
        run(&mut app, &[Action::PreviousChange]);
    }
    assert_eq!((&*as_of_date(&app), app.order().len()), ("2003", 2));
    run(&mut app, &[Action::PreviousChange]);
    assert_eq!((&*as_of_date(&app), app.order().len()), ("2002", 0));
    assert_eq!(
        said(&app).as_deref(),
        Some("as of 2002: 0 of 17 events known: before the first change")
    );
    run(&mut app, &[Action::PreviousChange]);
    assert!(said(&app).unwrap().starts_with("no earlier change"));
    assert_eq!(as_of_date(&app), "2002");
}

#[test]
fn strict_hides_what_only_a_reference_dates_and_the_replay_has_two_steps() {
    let mut app = app();
    run(&mut app, &[Action::StrictAsOf]);
    assert!(said(&app).unwrap().starts_with("strict: "));
    as_of(&mut app, "2015-07-25");
    assert_eq!(ids(&app), ["un-panel-report"]);
    assert!(app.filter.as_of.as_ref().unwrap().is_strict());
    // Kept when the filters are cleared: it is how the researcher reads dates.
    run(&mut app, &[Action::ClearFilters]);
    let steps = replay(&mut app);
    let counts: Vec<(&str, usize)> = steps.iter().map(|(d, n, _)| (d.as_str(), *n)).collect();
    assert_eq!(counts, [("2015-06", 1), ("2015-08-07", 17)]);
    // Not strict again, 25 July shows the background facts, marked.
    as_of(&mut app, "2015-07-25");
    run(&mut app, &[Action::StrictAsOf]);
    assert_eq!(app.order().len(), 10);
    let ban = app.order()[position(&app, "un-travel-ban-2007")];
    let by = app.evidence()[ban].known_by().map(|d| d.text().to_string());
    assert_eq!(by.as_deref(), Some("2015-08-07?"));
    assert!(
        said(&app)
            .unwrap()
            .starts_with("as of 25 Jul 2015: 10 of 17 events known, 9 by")
    );
}

#[test]
fn an_empty_date_means_the_selected_events_date_and_a_bad_one_keeps_the_prompt() {
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    as_of(&mut app, "");
    assert_eq!(app.filter.as_of.as_ref().unwrap().date().text(), "2015-07-24");
    // The prompt opens on the current date; clear it and type a bad one.
    run(&mut app, &[Action::AsOf]);
    run(&mut app, &[Action::DeleteChar; 10]);
    type_text(&mut app, "2015-13");
    run(&mut app, &[Action::Accept]);
    assert!(matches!(app.mode, Mode::Prompt { .. }));
    assert!(said(&app).as_deref().unwrap().contains("month 13"), "{:?}", said(&app));
}

#[test]
fn the_filter_applies_as_typed_keeps_the_last_good_query_and_esc_restores() {
    let mut app = app();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "denied-by:kremlin");
    assert_eq!(ids(&app), ["moscow-visit"]);
    type_text(&mut app, " \"open");
    assert_eq!(
        ids(&app),
        ["moscow-visit"],
        "an unfinished term keeps the last good filter"
    );
    let Mode::Prompt { error: Some(e), .. } = &app.mode else {
        panic!("expected a parse error")
    };
    assert_eq!(e.span, 18..23);
    run(&mut app, &[Action::Accept]);
    assert!(matches!(app.mode, Mode::Prompt { .. }), "Enter refuses a bad query");
    run(&mut app, &[Action::DeleteChar; 6]);
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.filter.query.as_ref().unwrap().text(), "denied-by:kremlin");
    // Reopening shows the query; Esc puts it back after edits.
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, " status:denied");
    assert!(ids(&app).is_empty());
    run(&mut app, &[Action::Cancel]);
    assert_eq!(ids(&app), ["moscow-visit"]);
    // Esc in the list clears the filters.
    run(&mut app, &[Action::Back]);
    assert_eq!(app.order().len(), app.timeline().events.len());
}

#[test]
fn tab_completes_in_the_prompt_and_lists_candidates() {
    let mut app = app();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "stat");
    run(&mut app, &[Action::Complete]);
    type_text(&mut app, "cont");
    run(&mut app, &[Action::Complete]);
    let Mode::Prompt { input, .. } = &app.mode else {
        panic!()
    };
    assert_eq!(input.text(), "status:contested ");
    type_text(&mut app, "outlet:R");
    // Candidates that share no more than was typed: Tab puts in the first, then goes round.
    let input = |app: &App| match &app.mode {
        Mode::Prompt { input, .. } => input.text().to_string(),
        _ => panic!("the prompt closed"),
    };
    run(&mut app, &[Action::Complete]);
    assert_eq!(input(&app), "status:contested outlet:Reuters ");
    assert_eq!(said(&app).as_deref(), Some("[Reuters]  RFE/RL"));
    run(&mut app, &[Action::Complete]);
    assert_eq!(input(&app), "status:contested outlet:RFE/RL ");
    assert_eq!(said(&app).as_deref(), Some("Reuters  [RFE/RL]"));
    run(&mut app, &[Action::Complete]);
    assert_eq!(input(&app), "status:contested outlet:Reuters ");
    // The filter follows the completed text once it settles.
    assert!(
        app.filter()
            .query
            .as_ref()
            .is_some_and(|q| q.text().contains("outlet:Reuters"))
    );
}

#[test]
fn tab_completes_the_term_before_the_cursor_and_keeps_what_follows() {
    let mut app = app();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "stat tag:S-300");
    for _ in 0.."tag:S-300".len() + 1 {
        run(&mut app, &[Action::Left]);
    }
    run(&mut app, &[Action::Complete]);
    let Mode::Prompt { input, .. } = &app.mode else {
        panic!()
    };
    assert_eq!(input.text(), "status: tag:S-300");
    assert_eq!(&input.text()[..input.cursor()], "status:");
    // A single candidate goes in whole, quoted as it must be.
    run(&mut app, &[Action::Cancel, Action::Filter]);
    type_text(&mut app, "denied-by:the");
    run(&mut app, &[Action::Complete]);
    let Mode::Prompt { input, .. } = &app.mode else {
        panic!()
    };
    assert_eq!(input.text(), "denied-by:\"The Kremlin\" ");
}

#[test]
fn the_context_window_widens_then_closes_and_moves_with_the_selection() {
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    run(&mut app, &[Action::Context]);
    assert_eq!(app.filter.around.unwrap().reach, Reach::Week);
    assert_eq!(ids(&app).len(), 3);
    assert_eq!(selected_id(&app), "moscow-visit", "the selection stays on its event");
    run(&mut app, &[Action::Context, Action::Context]);
    assert_eq!(app.filter.around.unwrap().reach, Reach::Year);
    run(&mut app, &[Action::Context]);
    assert_eq!(app.filter.around, None);
    assert_eq!(ids(&app).len(), 17);
}

#[test]
fn disputes_first_keeps_the_selected_event_selected() {
    let mut app = app();
    select_id(&mut app, "un-statement");
    run(&mut app, &[Action::Sort]);
    assert_eq!(app.filter.sort, Sort::Disputes);
    assert_eq!(ids(&app)[0], "moscow-visit");
    assert_eq!(selected_id(&app), "un-statement");
    run(&mut app, &[Action::Sort]);
    assert_eq!(app.filter.sort, Sort::Chronological);
}

#[test]
fn enter_on_the_kremlin_cell_opens_its_denial_in_the_detail() {
    let mut app = app();
    let pos = position(&app, "moscow-visit");
    update(&mut app, Msg::Select(pos));
    run(&mut app, &[Action::Matrix]);
    assert!(matches!(app.screen, Screen::Matrix(_)));
    assert_eq!(app.selected, pos);
    let kremlin = app
        .matrix()
        .as_ref()
        .unwrap()
        .parties
        .iter()
        .position(|p| p == "The Kremlin")
        .unwrap();
    // Parties run down the side at 120 columns: j moves between them.
    assert!(!app.matrix_transposed());
    let steps = kremlin - app.matrix_cursor().party;
    run(&mut app, &vec![Action::Next; steps]);
    assert_eq!(app.matrix_cursor().party, kremlin);
    run(&mut app, &[Action::Enter]);
    assert_eq!(
        (matches!(app.screen, Screen::Timeline(_)), app.focus()),
        (true, Focus::Detail)
    );
    assert_eq!(selected_id(&app), "moscow-visit");
    let Some(Item::Denial(d)) = app.selected_item() else {
        panic!("expected a denial, got {:?}", app.selected_item())
    };
    assert_eq!(&*app.selected_event().unwrap().denials[d].by, "The Kremlin");
}

#[test]
fn claim_columns_toggle_and_the_cursor_still_moves_and_opens() {
    let mut app = app();
    run(&mut app, &[Action::Matrix, Action::ClaimColumns]);
    assert!(app.matrix_cursor().claims);
    let party = app.matrix_cursor().party;
    run(&mut app, &[Action::Next, Action::Right]);
    assert_eq!((app.selected, app.matrix_cursor().party), (1, party + 1));
    assert!(app.matrix_cursor().claims, "moving keeps the claim columns");
    run(&mut app, &[Action::ClaimColumns]);
    assert!(!app.matrix_cursor().claims);
    run(&mut app, &[Action::ClaimColumns, Action::Enter]);
    assert!(
        matches!(app.screen, Screen::Timeline(_)),
        "Enter opens the cell's evidence as before"
    );
}

#[test]
fn the_matrix_transposes_and_moves_by_columns() {
    let mut app = app();
    run(&mut app, &[Action::Matrix, Action::Right, Action::Right]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::Transpose]);
    assert!(app.matrix_transposed());
    run(&mut app, &[Action::Next, Action::Right]);
    assert_eq!((app.selected, app.matrix_cursor().party), (3, 1));
    run(&mut app, &[Action::Last]);
    assert_eq!(app.selected, app.order().len() - 1);
    run(&mut app, &[Action::Timeline]);
    assert_eq!(
        (matches!(app.screen, Screen::Timeline(_)), app.selected),
        (true, app.order().len() - 1)
    );
}

#[test]
fn a_narrow_terminal_puts_events_down_the_side() {
    let mut app = app();
    update(&mut app, Msg::Resize(50, 20));
    run(&mut app, &[Action::Matrix]);
    assert!(app.matrix_transposed());
}

#[test]
fn export_writes_the_filtered_view_in_the_format_the_name_asks_for() {
    let mut app = app();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "denied-by:kremlin");
    run(&mut app, &[Action::Accept, Action::Export]);
    run(&mut app, &[Action::DeleteChar; 20]);
    type_text(&mut app, "view.txt");
    run(&mut app, &[Action::Accept]);
    assert!(app.effects.is_empty(), "an unknown extension writes nothing");
    assert!(said(&app).as_deref().unwrap().contains(".md, .csv"));
    run(&mut app, &[Action::DeleteChar; 3]);
    type_text(&mut app, "csv");
    run(&mut app, &[Action::Accept]);
    let [Effect::Export { path, export }] = app.effects.as_slice() else {
        panic!("{:?}", app.effects)
    };
    assert_eq!(path.to_str(), Some("view.csv"));
    assert_eq!(said(&app).as_deref(), Some("writing 1 event to view.csv…"));
    assert_eq!(export.written(path, Ok(())), "wrote 1 event to view.csv");
    let mut written = Vec::new();
    export.write(&mut written).unwrap();
    let contents = String::from_utf8(written).unwrap();
    assert!(contents.starts_with("id,date,title,"));
    // Rows of the timeline's own records (title, references, actors) start with an empty id.
    let events: Vec<&str> = contents.lines().skip(1).filter(|l| !l.starts_with(',')).collect();
    assert!(!events.is_empty() && events.iter().all(|l| l.starts_with("moscow-visit,")));
}

#[test]
fn the_matrix_is_tabulated_only_while_shown_and_follows_the_filter() {
    let mut app = app();
    assert!(app.matrix().is_none(), "the timeline screen needs no matrix");
    run(&mut app, &[Action::Matrix]);
    let all = app.matrix().as_ref().unwrap().events.len();
    assert_eq!(all, app.order().len());
    // A filter change while the matrix is up tabulates the new events at once.
    as_of(&mut app, "2015-07-25");
    assert_eq!(app.matrix().as_ref().unwrap().events.as_slice(), app.order());
    // Back on the timeline, a filter change drops it; showing the matrix again builds it afresh.
    run(&mut app, &[Action::Timeline, Action::EarlierAsOf]);
    assert!(app.matrix().is_none());
    run(&mut app, &[Action::Matrix]);
    assert_eq!(app.matrix().as_ref().unwrap().events.as_slice(), app.order());
}

#[test]
fn refiltering_reuses_the_evidence_only_while_the_knowledge_date_stays() {
    let mut app = app();
    let check = |app: &App| {
        let fresh = app.filter.apply_in(app.timeline(), app.chronological(), app);
        assert_eq!((app.order(), app.evidence()), (&fresh.order[..], &fresh.evidence[..]));
        assert_eq!(
            app.shown.evidence_for().map(|(_, as_of)| as_of),
            Some(&app.filter.as_of)
        );
    };
    as_of(&mut app, "2015-08-06");
    check(&app);
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "denied-by:kremlin");
    run(&mut app, &[Action::Accept]);
    check(&app);
    run(&mut app, &[Action::LaterAsOf, Action::LaterAsOf]);
    check(&app);
    run(&mut app, &[Action::ClearFilters]);
    check(&app);
}

#[test]
fn a_typed_or_or_not_query_filters_the_list() {
    let mut app = app();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "id:s300-lift OR id:moscow-visit");
    assert_eq!(ids(&app), ["s300-lift", "moscow-visit"]);
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(ids(&app), ["s300-lift", "moscow-visit"]);

    run(&mut app, &[Action::Back, Action::Filter]);
    type_text(&mut app, "tag:S-300 NOT (id:s300-lift OR status:contested)");
    let shown = ids(&app);
    assert!(!shown.is_empty(), "other S-300 events remain");
    assert!(
        !shown.contains(&"s300-lift") && !shown.contains(&"moscow-visit"),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .all(|id| app.timeline().event(id).unwrap().tags.iter().any(|t| t == "S-300"))
    );
    run(&mut app, &[Action::Accept, Action::Back]);

    // A dangling OR is an error under the OR, and the list keeps the last good query.
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "id:s300-lift OR");
    assert_eq!(ids(&app), ["s300-lift"]);
    let Mode::Prompt { error: Some(e), .. } = &app.mode else {
        panic!("a dangling OR is an error")
    };
    assert_eq!(e.span, 13..15);
    assert_eq!(e.message, "OR needs a term on each side");
}

#[test]
fn the_search_and_the_filter_find_the_researchers_notes() {
    let mut app = app();
    let pos = position(&app, "s300-freeze");
    update(&mut app, Msg::Select(pos));
    run(&mut app, &[Action::Note]);
    type_text(&mut app, "ask the desk about zqx");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.note(app.order()[pos]), Some("ask the desk about zqx"));

    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "note:zqx");
    assert_eq!(ids(&app), ["s300-freeze"]);
    run(&mut app, &[Action::Cancel]);

    run(&mut app, &[Action::Search]);
    type_text(&mut app, "zqx");
    run(&mut app, &[Action::Accept]);
    let found: Vec<&str> = app
        .search
        .as_ref()
        .unwrap()
        .matches
        .iter()
        .map(|&p| app.timeline().events[app.order()[p]].id.as_str())
        .collect();
    assert_eq!(found, ["s300-freeze"]);
}
