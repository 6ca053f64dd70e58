//! Navigation: following related events, the jump list, reference links, the axis through zoom
//! and filters, and the mouse wheel over the detail.

use super::tests::{app, position, run, said, select_id, selected_id, type_text};
use super::*;
use crate::app::layout::DetailRows;
use crate::model::date::DAY;

#[test]
fn a_lone_related_event_is_followed_and_the_jump_list_walks_back_and_forward() {
    let mut app = app();
    select_id(&mut app, "moscow-departure");
    run(&mut app, &[Action::FollowRelated]);
    assert_eq!(selected_id(&app), "moscow-visit");
    let title = &app.selected_event().unwrap().title;
    assert_eq!(said(&app), Some(format!("to \"{title}\"; Ctrl-o goes back")));
    run(&mut app, &[Action::JumpBack]);
    assert_eq!(selected_id(&app), "moscow-departure");
    run(&mut app, &[Action::JumpForward]);
    assert_eq!(selected_id(&app), "moscow-visit");
    run(&mut app, &[Action::JumpForward]);
    assert_eq!(said(&app).as_deref(), Some("no newer place in the jump list"));
    assert_eq!(selected_id(&app), "moscow-visit");
}

#[test]
fn several_related_events_open_a_picker_that_moves_follows_and_closes() {
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    let related = app.timeline().event("moscow-visit").unwrap().more.related.clone();
    assert!(related.len() > 2);
    run(&mut app, &[Action::FollowRelated]);
    assert_eq!(app.panes().unwrap().related, Some(0));
    assert_eq!(selected_id(&app), "moscow-visit", "the picker only opens");
    run(&mut app, &[Action::Previous]);
    assert_eq!(app.panes().unwrap().related, Some(related.len() - 1), "it wraps");
    run(&mut app, &[Action::Next, Action::Next]);
    assert_eq!(
        said(&app).as_deref(),
        Some(&*format!(
            "related 2 of {}: Enter goes there, Esc closes",
            related.len()
        ))
    );
    run(&mut app, &[Action::Enter]);
    assert_eq!(selected_id(&app), related[1]);
    assert_eq!(app.panes().unwrap().related, None);
    // Esc closes without moving; another key closes it and does what it does.
    select_id(&mut app, "moscow-visit");
    run(&mut app, &[Action::FollowRelated, Action::Back]);
    assert_eq!(
        (selected_id(&app), app.panes().unwrap().related),
        ("moscow-visit", None)
    );
    run(&mut app, &[Action::FollowRelated, Action::ZoomIn]);
    assert_eq!(app.panes().unwrap().related, None);
    // Back through both jumps.
    run(&mut app, &[Action::JumpBack]);
    assert_eq!(selected_id(&app), "moscow-visit");
    // From the matrix, the picker brings the timeline up.
    run(&mut app, &[Action::Matrix, Action::FollowRelated]);
    assert!(matches!(app.screen(), Screen::Timeline(_)));
    assert_eq!(app.panes().unwrap().related, Some(0));
}

#[test]
fn a_related_event_that_is_filtered_out_or_missing_is_named_not_followed() {
    let mut app = app();
    select_id(&mut app, "iraq-invasion-2003");
    run(&mut app, &[Action::Star, Action::OnlyStarred]);
    let hidden = app.related()[0];
    assert_eq!((hidden.id, hidden.pos), ("us-accusations-militias", None));
    run(&mut app, &[Action::FollowRelated]);
    assert_eq!(selected_id(&app), "iraq-invasion-2003");
    let message = said(&app).unwrap();
    assert!(message.ends_with("is not shown: F clears the filters"), "{message}");

    let mut t = app.timeline().clone();
    let i = t.events.iter().position(|e| e.id == "moscow-departure").unwrap();
    t.events[i].more.edit(|more| more.related = ["nowhere".into()].into());
    let mut app = App::new(t, "t", (120, 40));
    select_id(&mut app, "moscow-departure");
    run(&mut app, &[Action::FollowRelated]);
    assert_eq!(said(&app).as_deref(), Some("no event has the id \"nowhere\""));
    select_id(&mut app, "tehran-photo-2013");
    run(&mut app, &[Action::FollowRelated]);
    assert_eq!(said(&app).as_deref(), Some("no related event recorded for this event"));
}

#[test]
fn every_kind_of_jump_leaves_a_place_to_come_back_to() {
    let mut app = app();
    let start = selected_id(&app).to_string();
    // Last, first, a search kept, the next match, a starred event: each is one place back.
    run(&mut app, &[Action::Last]);
    let last = selected_id(&app).to_string();
    run(&mut app, &[Action::First, Action::Search]);
    type_text(&mut app, "S-300");
    run(&mut app, &[Action::Accept]);
    let hit = selected_id(&app).to_string();
    assert_ne!(hit, start);
    run(&mut app, &[Action::NextMatch]);
    let next = selected_id(&app).to_string();
    assert_ne!(next, hit);
    select_id(&mut app, "un-statement");
    run(&mut app, &[Action::Star]);
    select_id(&mut app, "tehran-photo-2013");
    run(&mut app, &[Action::NextStar]);
    assert_eq!(selected_id(&app), "un-statement");
    let mut back = Vec::new();
    for _ in 0..5 {
        run(&mut app, &[Action::JumpBack]);
        back.push(selected_id(&app).to_string());
    }
    assert_eq!(
        back,
        [
            "tehran-photo-2013",
            hit.as_str(),
            start.as_str(),
            last.as_str(),
            start.as_str()
        ]
    );
    // Moving by one and clicking are not jumps.
    let (before, _) = app.jumps().len();
    run(&mut app, &[Action::Next, Action::Previous]);
    update(&mut app, Msg::Select(3));
    assert_eq!(app.jumps().len().0, before);
}

#[test]
fn a_reference_link_opens_with_the_same_checks_as_a_source_link() {
    let with = |url: &str| {
        let mut t = app().timeline().clone();
        t.references["rferl-2015-08-07"].url = Some(url.into());
        let mut app = App::new(t, "t", (120, 40));
        select_id(&mut app, "iraq-invasion-2003");
        app
    };
    let mut app = with("https://www.rferl.org/a/27175479.html");
    // The source has no link of its own: `o` says where one is.
    run(&mut app, &[Action::Enter, Action::OpenUrl]);
    assert!(app.effects.is_empty());
    assert_eq!(
        said(&app).as_deref(),
        Some("no link of its own: O opens the reference it was read in")
    );
    run(&mut app, &[Action::OpenReference]);
    assert!(
        matches!(&app.effects[..], [Effect::OpenUrl(url)] if url == "https://www.rferl.org/a/27175479.html"),
        "{:?}",
        app.effects
    );
    assert_eq!(said(&app).as_deref(), Some("opening www.rferl.org"));
    for bad in [
        "javascript:alert(1)",
        "https://www.rferl.org/\u{202e}lmth.exe",
        "file:///tmp/x",
    ] {
        let mut app = with(bad);
        run(&mut app, &[Action::OpenReference]);
        assert!(app.effects.is_empty(), "{bad:?}");
        assert!(said(&app).unwrap().starts_with("not a web link"), "{bad:?}");
    }
    let mut app = super::tests::app();
    run(&mut app, &[Action::OpenReference]);
    assert_eq!(said(&app).as_deref(), Some("no reference with a link here"));
}

#[test]
fn zooming_keeps_the_selected_event_in_its_column() {
    let width = 118;
    let mut app = app();
    for pos in 0..app.order().len() {
        update(&mut app, Msg::Select(pos));
        run(&mut app, &[Action::ZoomFit]);
        let col = |app: &App| app.window.col(app.selected_event().unwrap().date.earliest(), width);
        let before = col(&app);
        for action in [
            Action::ZoomIn,
            Action::ZoomIn,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomOut,
        ] {
            run(&mut app, &[action]);
            assert_eq!(col(&app), before, "{} after {action:?}", selected_id(&app));
        }
    }
}

#[test]
fn a_filter_or_a_context_window_refits_the_axis_unless_the_window_is_held() {
    let width = 118;
    // How many columns the shown events' starts take in a window.
    let columns = |app: &App, window: crate::axis::Window| {
        let mut cols: Vec<_> = (0..app.order().len())
            .map(|p| window.col(app.event_at(p).unwrap().date.earliest(), width))
            .collect();
        cols.dedup();
        cols.len()
    };
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    run(&mut app, &[Action::Context]);
    let shown = app.order().len();
    assert!(shown >= 3, "{shown}");
    // Before, the week's events shared a cell of the whole span; now each has its own.
    assert_eq!(Some(app.window), app.shown.fit());
    assert!(app.window.span() < 30 * DAY, "{}", app.window.span());
    let mut starts: Vec<i64> = (0..shown).map(|p| app.event_at(p).unwrap().date.earliest()).collect();
    starts.dedup();
    assert_eq!(columns(&app, app.data.fit()), 1);
    assert_eq!(columns(&app, app.window), starts.len());
    assert!(starts.len() > 1);
    run(&mut app, &[Action::Context, Action::Context, Action::Context]);
    assert_eq!(app.window, app.data.fit(), "everything again");

    // Held, the window stays as it was through a filter and a context window.
    run(&mut app, &[Action::HoldWindow]);
    assert_eq!(
        said(&app).as_deref(),
        Some("the axis keeps its window when a filter or the context changes; w re-fits it")
    );
    let held = app.window;
    run(&mut app, &[Action::Context, Action::Filter]);
    type_text(&mut app, "tag:S-300");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.window, held);
    run(&mut app, &[Action::HoldWindow]);
    assert_eq!(Some(app.window), app.shown.fit(), "letting go re-fits at once");
    assert_ne!(app.window, held);

    // A filter typed and then cancelled fits what was shown before.
    run(&mut app, &[Action::ClearFilters, Action::Filter]);
    type_text(&mut app, "tag:S-300");
    assert_eq!(Some(app.window), app.shown.fit());
    assert_ne!(app.window, app.data.fit());
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.window, app.data.fit());
    // A filter that leaves nothing keeps the window.
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "tag:nothing-has-this");
    assert!(app.order().is_empty());
    assert_eq!(app.window, app.data.fit());
}

#[test]
fn the_wheel_over_the_detail_scrolls_it_and_leaves_the_selection() {
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    let at = app.selected;
    let rows = DetailRows { top: 0, last: 7 };
    update(&mut app, Msg::ScrollDetail(3, rows));
    assert_eq!((app.selected, app.panes().unwrap().detail_top), (at, Some(3)));
    update(&mut app, Msg::ScrollDetail(3, DetailRows { top: 6, last: 7 }));
    assert_eq!(app.panes().unwrap().detail_top, Some(7), "never past the end");
    update(&mut app, Msg::ScrollDetail(-3, DetailRows { top: 1, last: 7 }));
    assert_eq!(app.panes().unwrap().detail_top, Some(0), "nor before the start");
    // Moving the detail's cursor or the selection lets the detail follow it again.
    update(&mut app, Msg::ScrollDetail(3, rows));
    run(&mut app, &[Action::Enter, Action::Next]);
    assert_eq!(app.panes().unwrap().detail_top, None);
    update(&mut app, Msg::ScrollDetail(3, rows));
    run(&mut app, &[Action::Back, Action::Next]);
    assert_eq!(app.panes().unwrap().detail_top, None);
    assert_eq!(app.selected, position(&app, selected_id(&app)));
}
