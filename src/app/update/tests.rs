//! State updates, driven by actions on the bundled timeline.

use super::*;
use crate::app::Guides;
use crate::app::screen::Focus;
use crate::load::{Document, Options};
use crate::model::{Source, Stance};

pub(super) fn app() -> App {
    App::new(
        Document::bundled().load(Options::default()).timeline,
        "bundled",
        (120, 40),
    )
}

/// The footer's message, spelt with the default keys.
pub(super) fn said(app: &App) -> Option<String> {
    app.message(&crate::app::KeyMap::default())
}

pub(super) fn run(app: &mut App, actions: &[Action]) {
    for &a in actions {
        update(app, a);
    }
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Msg::Type(c));
    }
}

pub(super) fn position(app: &App, id: &str) -> usize {
    app.order()
        .iter()
        .position(|&i| app.timeline().events[i].id == id)
        .unwrap()
}

/// Selects the shown event with this id, as a click on its row does.
pub(super) fn select_id(app: &mut App, id: &str) {
    let pos = position(app, id);
    update(app, Msg::Select(pos));
}

pub(super) fn selected_id(app: &App) -> &str {
    &app.selected_event().unwrap().id
}

#[test]
fn moves_through_events_in_time_and_clamps_at_the_ends() {
    let mut app = app();
    let n = app.order().len();
    run(&mut app, &[Action::Previous]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Action::Next, Action::Next]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Action::Last, Action::Next]);
    assert_eq!(app.selected, n - 1);
    run(&mut app, &[Action::First]);
    assert_eq!(app.selected, 0);
    let dates: Vec<i64> = (0..n).map(|p| app.event_at(p).unwrap().date.earliest()).collect();
    assert!(dates.is_sorted());
}

#[test]
fn pages_by_the_visible_list_height_and_keeps_the_selection_in_view() {
    let mut app = app();
    update(&mut app, Msg::Resize(80, 24));
    let rows = timeline::list_rows(&app);
    run(&mut app, &[Action::PageDown]);
    assert_eq!(app.selected, rows - 1);
    run(&mut app, &[Action::Last]);
    assert!(app.selected >= app.list_offset() && app.selected < app.list_offset() + rows);
    run(&mut app, &[Action::First]);
    assert_eq!(app.list_offset(), 0);
}

#[test]
fn enter_drills_into_sources_and_denials_and_esc_backs_out_one_level_at_a_time() {
    let mut app = app();
    select_id(&mut app, "us-accusations-militias");
    run(&mut app, &[Action::Enter]);
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.selected_item(), Some(Item::Source(0)));
    run(&mut app, &[Action::Last]);
    assert!(matches!(app.selected_item(), Some(Item::Denial(_))));
    run(&mut app, &[Action::Enter]);
    assert!(app.item_open());
    run(&mut app, &[Action::Back]);
    assert_eq!(
        (app.mode.clone(), app.item_open(), app.focus()),
        (Mode::Browse, false, Focus::Detail)
    );
    run(&mut app, &[Action::Back]);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(selected_id(&app), "us-accusations-militias");
}

#[test]
fn incremental_search_jumps_to_matches_and_enter_keeps_it() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Moscow");
    assert_eq!(selected_id(&app), "moscow-visit");
    run(&mut app, &[Action::DeleteChar; 6]);
    assert_eq!(app.selected, 0, "an emptied search returns to where it started");
    type_text(&mut app, "s-300");
    run(&mut app, &[Action::Accept]);
    assert_eq!(app.mode, Mode::Browse);
    let matches = app.search.as_ref().unwrap().matches.clone();
    assert!(matches.len() >= 2, "{matches:?}");
    run(&mut app, &[Action::NextMatch]);
    assert_eq!(app.selected, matches[1]);
    run(&mut app, &[Action::PreviousMatch]);
    assert_eq!(app.selected, matches[0]);
    run(&mut app, &[Action::PreviousMatch]);
    assert_eq!(app.selected, *matches.last().unwrap());
    assert!(said(&app).as_deref().unwrap().contains("wrapped"));
    run(&mut app, &[Action::Back]);
    assert!(app.search.is_none());
}

/// The shown positions whose events a search for `text` matches, tested one by one.
pub(super) fn matching(app: &App, text: &str) -> Vec<usize> {
    use crate::filter::Facets;
    let query = crate::query::Query::parse(text).unwrap();
    let t = app.timeline();
    (0..app.order().len())
        .filter(|&pos| {
            let i = app.order()[pos];
            query.matches(t, &t.events[i], &app.evidence()[i], app.note(i))
        })
        .collect()
}

#[test]
fn typing_on_searches_among_the_matches_and_finds_what_a_fresh_search_would() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    let text = "kremlin visit";
    for end in 1..=text.len() {
        update(&mut app, Msg::Type(text.as_bytes()[end - 1].into()));
        let fresh = matching(&app, &text[..end]);
        assert_eq!(app.search.as_ref().unwrap().matches, fresh, "{}", &text[..end]);
    }
    run(&mut app, &[Action::DeleteChar; 6]);
    let fresh = matching(&app, "kremlin");
    assert_eq!(
        app.search.as_ref().unwrap().matches,
        fresh,
        "a shorter text searches afresh"
    );
}

#[test]
fn cancelling_a_search_returns_to_where_it_started() {
    let mut app = app();
    run(&mut app, &[Action::Next, Action::Search]);
    type_text(&mut app, "Kremlin");
    assert_ne!(app.selected, 1);
    run(&mut app, &[Action::Cancel]);
    assert_eq!((app.selected, app.search.is_none()), (1, true));
}

#[test]
fn a_search_with_no_match_says_so() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "zephyrine");
    run(&mut app, &[Action::Accept]);
    assert_eq!(said(&app).as_deref(), Some("no event matches \"zephyrine\""));
    assert_eq!(app.selected, 0);
}

#[test]
fn zoom_narrows_around_the_selection_and_fit_restores_the_whole_span() {
    let mut app = app();
    run(&mut app, &[Action::Last]);
    let whole = app.window.span();
    run(&mut app, &[Action::ZoomIn, Action::ZoomIn]);
    assert!(app.window.span() * 3 < whole);
    let t = app.selected_event().unwrap().date.earliest();
    assert!(app.window.start <= t && t < app.window.end);
    run(&mut app, &[Action::ZoomOut]);
    assert!(app.window.span() * 3 < whole * 2);
    run(&mut app, &[Action::ZoomFit]);
    assert_eq!(app.window, app.data.fit());
}

#[test]
fn an_opening_zoom_shows_that_span_about_the_selection_and_fit_undoes_it() {
    let mut app = app();
    update(&mut app, Msg::ZoomTo(crate::axis::Zoom::Month));
    let month = crate::model::date::YEAR / 12;
    assert!((app.window.span() - month).abs() <= 1, "{}", app.window.span());
    let t = app.selected_event().unwrap().date.earliest();
    assert!(app.window.start <= t && t < app.window.end);
    run(&mut app, &[Action::ZoomFit]);
    assert_eq!(app.window, app.data.fit());
}

#[test]
fn the_axis_follows_the_selection_when_zoomed_in() {
    let mut app = app();
    run(
        &mut app,
        &[Action::ZoomIn, Action::ZoomIn, Action::ZoomIn, Action::ZoomIn],
    );
    for _ in 0..app.order().len() {
        run(&mut app, &[Action::Next]);
        let t = app.selected_event().unwrap().date.earliest();
        assert!(app.window.start <= t && t < app.window.end, "{}", selected_id(&app));
    }
}

#[test]
fn a_link_with_a_hidden_character_or_a_space_is_judged_as_read_not_as_shown() {
    for url in [
        "https://example.org/\\u202Egnp.exe",
        "https://example.org/a b",
        "https://example.org/\\u001b[2J",
    ] {
        let mut app = App::new(crate::load::one_link(url), "t", (80, 24));
        run(&mut app, &[Action::Enter, Action::OpenUrl]);
        assert!(app.effects.is_empty(), "{url}: {:?}", app.effects);
        assert!(said(&app).as_deref().unwrap().starts_with("not a web link"), "{url}");
    }
}

#[test]
fn only_web_links_are_opened_and_the_host_is_shown() {
    let bundled = app();
    let e = bundled.order()[0];
    // The first event shown, with only this source.
    let with = |source: Source| {
        let mut t = bundled.timeline().clone();
        t.events[e].sources = [source].into();
        App::new(t, "bundled", (120, 40))
    };
    let mut source = bundled.timeline().events[e].sources[0].clone();
    source.url = Some("javascript:alert(1)".into());
    let mut app = with(source.clone());
    run(&mut app, &[Action::OpenUrl]);
    assert!(app.effects.is_empty());
    assert!(said(&app).as_deref().unwrap().starts_with("not a web link"));
    let mut linked = Source {
        url: Some("https://www.example.org/a?b".into()),
        ..source
    };
    linked.said.edit_more(|more| more.stance = Stance::Reports);
    let mut app = with(linked);
    run(&mut app, &[Action::OpenUrl]);
    assert!(matches!(&app.effects[..], [Effect::OpenUrl(url)] if url == "https://www.example.org/a?b"));
    assert_eq!(said(&app).as_deref(), Some("opening www.example.org"));
}

#[test]
fn copy_puts_a_citation_of_the_selected_item_on_the_clipboard() {
    let mut app = app();
    select_id(&mut app, "us-accusations-militias");
    run(&mut app, &[Action::Enter, Action::Last, Action::CopyCitation]);
    let Some(Effect::Copy(text)) = app.effects.last() else {
        panic!("{:?}", app.effects)
    };
    assert!(text.starts_with("Denied by Tehran"), "{text}");
}

#[test]
fn the_legend_and_the_ids_column_toggle_and_the_list_keeps_the_selection_in_view() {
    let mut app = app();
    assert_eq!(app.guides(), Guides::default(), "App::new shows neither");
    update(&mut app, Msg::Resize(80, 24));
    let rows = app.areas().unwrap().list_rows();
    run(&mut app, &[Action::Legend]);
    assert!(app.guides().legend);
    assert_eq!(app.areas().unwrap().list_rows(), rows - 1, "the legend takes a row");
    // At the last row of the list, the legend's row pushes the list on by one.
    run(&mut app, &[Action::Legend]);
    for _ in 0..rows - 1 {
        update(&mut app, Action::Next);
    }
    assert_eq!(app.list_offset(), 0);
    run(&mut app, &[Action::Legend]);
    assert_eq!(app.list_offset(), 1);
    assert!(app.selected() < app.list_offset() + app.areas().unwrap().list_rows());
    run(&mut app, &[Action::Legend]);
    assert!(!app.guides().legend);
    // The legend and the ids stay as set on the matrix and back.
    run(&mut app, &[Action::Ids, Action::Matrix, Action::Timeline]);
    assert_eq!(
        app.guides(),
        Guides {
            legend: false,
            ids: true
        }
    );
    run(&mut app, &[Action::Ids]);
    assert!(!app.guides().ids);
}

#[test]
fn the_opening_shows_the_legend_when_told_it_is_the_first_run() {
    let opening = |legend| {
        App::opening(crate::app::Opening {
            merged: crate::model::merge::merge(vec![crate::model::merge::Part {
                label: "b".into(),
                timeline: Document::bundled().load(Options::default()).timeline,
            }]),
            files: vec![crate::app::Opened::unsaved("b")],
            size: (80, 24),
            zoom: crate::axis::Zoom::Fit,
            loading: false,
            problems: Vec::new(),
            legend,
        })
    };
    assert!(opening(true).guides().legend);
    assert!(!opening(false).guides().legend);
}

#[test]
fn help_opens_scrolls_and_closes_and_quit_stops() {
    let mut app = app();
    // 100 lines in a 36-row overlay (34 inside its borders): the last screenful starts at line 66.
    update(&mut app, Msg::HelpLength(100));
    assert_eq!((app.help_page(), app.help_end()), (34, 66));
    let scroll = |app: &App| match app.mode {
        Mode::Help { scroll } => scroll,
        _ => panic!("the help is closed: {:?}", app.mode),
    };
    run(&mut app, &[Action::Help, Action::Next, Action::Next]);
    assert_eq!(scroll(&app), 2);
    let steps = [
        (Action::Last, 66),
        (Action::Next, 66),
        (Action::PageDown, 66),
        (Action::PageUp, 32),
        (Action::Previous, 31),
        (Action::First, 0),
        (Action::Previous, 0),
        (Action::PageDown, 34),
        (Action::PageDown, 66),
    ];
    for (action, expected) in steps {
        update(&mut app, action);
        assert_eq!(scroll(&app), expected, "after {action:?}");
    }
    // A taller terminal shows more of the help, so its end comes sooner.
    update(&mut app, Msg::Resize(120, 60));
    run(&mut app, &[Action::Last]);
    assert_eq!(scroll(&app), 100 - (54 - 2));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.mode, Mode::Browse);
    run(&mut app, &[Action::Quit]);
    assert!(!app.running);
}

#[test]
fn an_empty_timeline_takes_every_action_without_panicking() {
    let mut t = Document::bundled().load(Options::default()).timeline;
    t.events.clear();
    let mut app = App::new(t, "empty", (80, 24));
    let all: Vec<Msg> = vec![
        Action::Next.into(),
        Action::Previous.into(),
        Action::First.into(),
        Action::Last.into(),
        Action::PageDown.into(),
        Action::PageUp.into(),
        Action::Enter.into(),
        Action::Back.into(),
        Action::FocusNext.into(),
        Action::FocusPrevious.into(),
        Action::ZoomIn.into(),
        Action::ZoomOut.into(),
        Action::ZoomFit.into(),
        Action::Search.into(),
        Msg::Type('x'),
        Action::Accept.into(),
        Action::NextMatch.into(),
        Action::PreviousMatch.into(),
        Action::OpenUrl.into(),
        Action::CopyCitation.into(),
        Msg::Select(3),
        Msg::Scroll(-5),
        Msg::Resize(1, 1),
        Action::Help.into(),
        Action::Back.into(),
    ];
    for msg in all {
        update(&mut app, msg);
    }
    assert!(app.selected_event().is_none());
}

#[test]
fn keys_handled_together_filter_once_when_settled() {
    let mut app = app();
    let all = app.order().len();
    update(&mut app, Msg::from(Action::Filter).queued());
    for c in "status:denied".chars() {
        update(&mut app, Msg::Type(c).queued());
    }
    assert_eq!(
        app.order().len(),
        all,
        "nothing is applied while keys are still being handled"
    );
    assert!(app.pending);
    update(&mut app, Msg::Settle);
    assert!(!app.pending);
    assert!(app.order().len() < all, "{} of {all}", app.order().len());
    let filtered = app.order().to_vec();
    update(&mut app, Msg::from(Action::DeleteChar).queued());
    update(&mut app, Msg::from(Action::Cancel).queued());
    update(&mut app, Msg::Settle);
    assert_eq!(
        app.order().len(),
        all,
        "a cancelled prompt applies nothing it held back"
    );
    let mut one_by_one = super::tests::app();
    run(&mut one_by_one, &[Action::Filter]);
    type_text(&mut one_by_one, "status:denied");
    assert_eq!(one_by_one.order(), filtered, "the same result as applying each key");
}

#[test]
fn an_opened_item_belongs_to_the_timeline_and_closes_with_it() {
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    run(&mut app, &[Action::Enter, Action::Enter]);
    assert!(app.item_open());
    run(&mut app, &[Action::Matrix]);
    assert!(!app.item_open(), "the matrix has no opened item");
    assert_eq!(app.key_mode(), crate::app::KeyMode::Matrix);
    run(&mut app, &[Action::Timeline]);
    assert!(!app.item_open());
    assert_eq!(app.focus(), Focus::List);
}

#[test]
fn an_event_with_claims_lists_each_claim_before_what_addresses_it_and_opens_a_claim() {
    use crate::model::evidence::Entry;
    let mut app = app();
    select_id(&mut app, "moscow-visit");
    run(&mut app, &[Action::Enter]);
    // Every Moscow source names its claims, so the first entry is the first claim.
    assert_eq!(app.selected_entry(), Some(Entry::Claim(0)));
    assert_eq!((app.selected_item(), app.selected_claim()), (None, Some(0)));
    let entries = app.entries();
    let e = app.selected_event().unwrap();
    // Each claim is followed by exactly the sources and denials that name it.
    let mut under = None;
    for entry in &entries {
        match *entry {
            Entry::Claim(c) => under = Some(e.more.claims[c].id.clone()),
            Entry::Said(item) => {
                let named = crate::model::evidence::named(e, item);
                assert!(named.contains(under.as_ref().unwrap()), "{item:?} under {under:?}");
            }
        }
    }
    let kremlin: Vec<usize> = (0..entries.len())
        .filter(|&i| matches!(entries[i], Entry::Said(Item::Denial(_))))
        .collect();
    let putin = entries.iter().position(|&x| x == Entry::Claim(1)).unwrap();
    let shoigu = entries.iter().position(|&x| x == Entry::Claim(2)).unwrap();
    assert_eq!(kremlin.len(), 2);
    assert!(kremlin.iter().all(|&k| putin < k && k < shoigu), "{entries:?}");
    // A source naming three claims is listed under each of them.
    let fox = entries.iter().filter(|&&x| x == Entry::Said(Item::Source(0))).count();
    assert_eq!(fox, 3);
    // Opening the Putin meeting, then Esc: back on it in the detail.
    for _ in 0..putin {
        run(&mut app, &[Action::Next]);
    }
    run(&mut app, &[Action::Enter]);
    assert!(app.item_open());
    assert_eq!(app.selected_claim(), Some(1));
    run(&mut app, &[Action::Back]);
    assert_eq!(
        (app.item_open(), app.focus(), app.selected_claim()),
        (false, Focus::Detail, Some(1))
    );
    run(&mut app, &[Action::Last]);
    assert_eq!(app.item(), entries.len() - 1);
}
