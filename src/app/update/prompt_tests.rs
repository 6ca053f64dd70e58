//! State updates of the prompts: one line editor for every prompt, its history and paste.

use super::tests::{app, run, said, type_text};
use super::*;

/// The prompt's text with `|` where the cursor is.
fn typed(app: &App) -> String {
    match &app.mode {
        Mode::Prompt { input, .. } => format!(
            "{}|{}",
            &input.text()[..input.cursor()],
            &input.text()[input.cursor()..]
        ),
        mode => panic!("no prompt is open: {mode:?}"),
    }
}

#[test]
fn the_cursor_moves_and_the_search_follows_the_text_edited_in_the_middle() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Kremlin denial");
    run(&mut app, &[Action::DeleteWord]);
    assert_eq!(typed(&app), "Kremlin |");
    run(&mut app, &[Action::First, Action::Right, Action::Right]);
    type_text(&mut app, "x");
    assert_eq!(typed(&app), "Krx|emlin ");
    assert!(
        app.search().as_ref().is_some_and(|s| s.matches.is_empty()),
        "no event says Krxemlin"
    );
    run(&mut app, &[Action::DeleteChar]);
    assert_eq!(typed(&app), "Kr|emlin ");
    let matches = app.search().as_ref().map(|s| s.matches.len());
    assert!(
        matches.is_some_and(|n| n > 0),
        "the search follows the edit: {matches:?}"
    );
    run(&mut app, &[Action::DeleteForward, Action::Last]);
    assert_eq!(typed(&app), "Krmlin |");
    run(&mut app, &[Action::Left, Action::Left, Action::DeleteToStart]);
    assert_eq!(typed(&app), "|n ");
    run(&mut app, &[Action::Last, Action::DeleteToStart]);
    assert_eq!(typed(&app), "|");
}

#[test]
fn each_kind_of_prompt_recalls_its_own_history_with_up_and_down() {
    let mut app = app();
    for search in ["Kremlin", "Reuters"] {
        run(&mut app, &[Action::Search]);
        type_text(&mut app, search);
        run(&mut app, &[Action::Accept]);
    }
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "tag:S-300");
    run(&mut app, &[Action::Accept, Action::ClearFilters]);
    // A cancelled text is not kept.
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Fox");
    run(&mut app, &[Action::Cancel, Action::Search]);
    type_text(&mut app, "dra");
    run(&mut app, &[Action::Previous]);
    assert_eq!(typed(&app), "Reuters|");
    assert_eq!(
        app.search().as_ref().map(|s| s.text.as_str()),
        Some("Reuters"),
        "the recalled search runs"
    );
    run(&mut app, &[Action::Previous]);
    assert_eq!(typed(&app), "Kremlin|");
    run(&mut app, &[Action::Previous]);
    assert_eq!(typed(&app), "Kremlin|");
    assert_eq!(said(&app).as_deref(), Some("no older entry"));
    run(&mut app, &[Action::Next, Action::Next]);
    assert_eq!(typed(&app), "dra|", "Down comes back to what was typed");
    run(&mut app, &[Action::Cancel, Action::Filter, Action::Previous]);
    assert_eq!(typed(&app), "tag:S-300|");
    run(&mut app, &[Action::Cancel, Action::AsOf, Action::Previous]);
    assert_eq!(typed(&app), "|", "no date given yet");
}

#[test]
fn a_paste_goes_in_at_the_cursor_without_its_control_characters() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Kin");
    run(&mut app, &[Action::Left, Action::Left]);
    update(&mut app, Msg::Paste("rem\u{1b}[31m\r\nl\u{202e}".into()));
    assert_eq!(typed(&app), "Krem[31ml|in");
    assert_eq!(app.search().as_ref().map(|s| s.text.as_str()), Some("Krem[31mlin"));
    // A note keeps the pasted line breaks.
    run(&mut app, &[Action::Cancel, Action::Note]);
    update(&mut app, Msg::Paste("first\r\nsecond\t\u{7}".into()));
    assert_eq!(typed(&app), "first\nsecond|");
}

#[test]
fn typing_replaces_the_proposed_export_name_and_moving_first_keeps_it() {
    let mut app = app();
    run(&mut app, &[Action::Export]);
    assert_eq!(typed(&app), "tlx-view.md|");
    type_text(&mut app, "contested.md");
    assert_eq!(typed(&app), "contested.md|");
    run(&mut app, &[Action::Accept]);
    assert!(matches!(
        app.effects.as_slice(),
        [Effect::Export { path, .. }] if path.as_os_str() == "contested.md"
    ));
    app.effects.clear();
    run(&mut app, &[Action::Export, Action::Left, Action::Left, Action::Left]);
    type_text(&mut app, "-2015");
    assert_eq!(typed(&app), "tlx-view-2015|.md");
    run(&mut app, &[Action::Accept]);
    assert!(matches!(
        app.effects.as_slice(),
        [Effect::Export { path, .. }] if path.as_os_str() == "tlx-view-2015.md"
    ));
    // Backspace takes the proposed name whole.
    run(&mut app, &[Action::Export, Action::DeleteChar]);
    assert_eq!(typed(&app), "|");
}

#[test]
fn a_new_line_goes_only_into_a_note() {
    let mut app = app();
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "Kremlin");
    run(&mut app, &[Action::NewLine]);
    assert_eq!(typed(&app), "Kremlin|");
    run(&mut app, &[Action::Cancel, Action::Note]);
    type_text(&mut app, "one");
    run(&mut app, &[Action::NewLine]);
    type_text(&mut app, "two");
    assert_eq!(typed(&app), "one\ntwo|");
}
