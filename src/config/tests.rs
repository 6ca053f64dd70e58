//! Config parsing, merging over the defaults, and the located errors of a bad config.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};

use super::*;
use crate::app::{Action, KeyMode};
use crate::model::Status;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The diagnostics of a bad config, rendered as `tlx config check` prints them, and their codes.
fn errors(text: &str) -> (String, Vec<&'static str>) {
    let diags = Config::parse(text).expect_err("the config has errors");
    let codes = diags.iter().map(|d| d.code).collect();
    (SourceText::new("config.toml", text).render_all(&diags), codes)
}

#[test]
fn an_empty_config_and_the_commented_default_are_the_defaults() {
    for text in ["", DEFAULT_CONFIG] {
        let config = Config::parse(text).unwrap();
        assert_eq!((config.zoom, config.dates), (Zoom::Fit, DateStyle::Human));
        assert_eq!(config.keymap.bindings().len(), KeyMap::default().bindings().len());
        assert_eq!((config.colour, config.mono), (Theme::colour(), Theme::mono()));
    }
}

#[test]
fn the_default_config_s_commented_examples_are_valid_too() {
    let examples: String = DEFAULT_CONFIG
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        examples.contains("[keys.browse]") && examples.contains("[theme.status]"),
        "{examples}"
    );
    Config::parse(&examples).unwrap();
}

#[test]
fn zoom_and_dates_are_read() {
    let config = Config::parse("zoom = \"month\"\ndates = \"iso\"\n").unwrap();
    assert_eq!((config.zoom, config.dates), (Zoom::Month, DateStyle::Iso));
}

#[test]
fn a_rebinding_changes_what_the_key_does_and_leaves_the_rest() {
    let config = Config::parse(
        "[keys.browse]\n\"ctrl-n\" = \"next\"\nj = \"quit\"\n\"Q\" = \"quit\"\nq = \"none\"\n\n\
         [keys.prompt]\n\"ctrl-j\" = \"accept\"\n",
    )
    .unwrap();
    let km = &config.keymap;
    assert_eq!(km.resolve(KeyMode::Browse, ctrl('n')), Some(Action::Next));
    // j now quits; Down still moves, as the default binding of next keeps its other keys.
    assert_eq!(
        km.resolve(KeyMode::Browse, press(KeyCode::Char('j'))),
        Some(Action::Quit)
    );
    assert_eq!(km.resolve(KeyMode::Browse, press(KeyCode::Down)), Some(Action::Next));
    assert_eq!(
        km.resolve(KeyMode::Browse, press(KeyCode::Char('Q'))),
        Some(Action::Quit)
    );
    assert_eq!(km.resolve(KeyMode::Browse, press(KeyCode::Char('q'))), None);
    assert_eq!(km.resolve(KeyMode::Prompt, ctrl('j')), Some(Action::Accept));
    // Other modes keep their own bindings.
    assert_eq!(km.resolve(KeyMode::Help, press(KeyCode::Char('q'))), Some(Action::Back));
    // Help and the footer show the keys in force, as the user spelt them.
    let next = km
        .bindings()
        .iter()
        .find(|b| b.mode == KeyMode::Browse && b.action == Action::Next)
        .unwrap();
    assert_eq!(next.keys, ["Down", "ctrl-n"]);
    assert!(km.footer(KeyMode::Browse).contains(&("Down/k".to_string(), "move")));
    let quit = km
        .bindings()
        .iter()
        .find(|b| b.mode == KeyMode::Browse && b.action == Action::Quit)
        .unwrap();
    assert_eq!(quit.keys, ["Ctrl-c", "j", "Q"]);
}

#[test]
fn a_key_can_take_an_action_its_mode_did_not_have() {
    let config = Config::parse("[keys.help]\ns = \"sort\"\n").unwrap();
    assert_eq!(
        config.keymap.resolve(KeyMode::Help, press(KeyCode::Char('s'))),
        Some(Action::Sort)
    );
    let added = config.keymap.bindings().last().unwrap();
    assert_eq!(
        (added.mode, added.help.as_str()),
        (
            KeyMode::Help,
            "sort: by date, or disputes first (contested and denied, most denials first)"
        )
    );
}

#[test]
fn key_names_take_any_case_and_modifiers_but_characters_are_exact() {
    let config = Config::parse(
        "[keys.browse]\n\"CTRL-PAGEDOWN\" = \"last\"\n\"alt-f5\" = \"help\"\n\"shift-tab\" = \"first\"\n\
         \"Shift-b\" = \"matrix\"\n",
    )
    .unwrap();
    let km = &config.keymap;
    let key = |code, mods| km.resolve(KeyMode::Browse, KeyEvent::new(code, mods));
    assert_eq!(key(KeyCode::PageDown, KeyModifiers::CONTROL), Some(Action::Last));
    assert_eq!(key(KeyCode::F(5), KeyModifiers::ALT), Some(Action::Help));
    assert_eq!(key(KeyCode::BackTab, KeyModifiers::SHIFT), Some(Action::First));
    assert_eq!(key(KeyCode::Char('B'), KeyModifiers::SHIFT), Some(Action::Matrix));
    assert_eq!(key(KeyCode::Char('b'), KeyModifiers::NONE), None);
}

#[test]
fn theme_overrides_change_only_what_they_name_and_no_color_keeps_attributes() {
    let config = Config::parse(
        "[theme]\nselected = { fg = \"black\", bg = \"#ffd75f\", reversed = false }\n\
         title = { italic = true }\n[theme.status]\ncontested = { fg = \"magenta\", bold = true }\n",
    )
    .unwrap();
    let colour = config.colour;
    assert_eq!(
        colour.selected,
        Theme::colour()
            .selected
            .fg(Color::Black)
            .bg(Color::Rgb(0xff, 0xd7, 0x5f))
            .remove_modifier(Modifier::REVERSED)
    );
    assert_eq!(colour.title, Theme::colour().title.add_modifier(Modifier::ITALIC));
    assert_eq!(
        colour.status(Status::Contested),
        Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
    );
    assert_eq!(colour.dim, Theme::colour().dim);
    // NO_COLOR: the monochrome theme, with the attributes but none of the colours.
    let mono = config.mono;
    assert_eq!(mono.selected, Style::new().remove_modifier(Modifier::REVERSED));
    assert_eq!(mono.title, Theme::mono().title.add_modifier(Modifier::ITALIC));
    assert_eq!(
        mono.status(Status::Contested),
        Style::new().add_modifier(Modifier::BOLD)
    );
}

#[test]
fn unknown_keys_anywhere_are_located_with_a_suggestion() {
    let (rendered, codes) = errors(
        "zom = \"year\"\n[keys.brwse]\nj = \"next\"\n[theme]\nselcted = { bold = true }\n\
         title = { colour = \"red\" }\n[theme.status]\ncontestd = { bold = true }\n",
    );
    assert_eq!(codes, ["unknown-key"; 5]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn bad_keys_actions_and_values_are_located_with_what_to_write() {
    let (rendered, codes) = errors(
        "zoom = \"yaer\"\ndates = 3\n[keys.browse]\n\"ctl-n\" = \"next\"\n\"PgDown\" = \"page-down\"\n\
         \"hyper-x\" = \"quit\"\nx = \"nxt\"\ny = \"fly\"\nz = 1\n[theme]\ntitle = { fg = \"magneta\", bold = \"yes\" }\n\
         dim = { bg = \"ultraviolet\" }\n",
    );
    assert_eq!(
        codes,
        [
            "bad-value",
            "wrong-type",
            "bad-key",
            "bad-key",
            "bad-key",
            "unknown-action",
            "unknown-action",
            "wrong-type",
            "bad-colour",
            "wrong-type",
            "bad-colour"
        ]
    );
    insta::assert_snapshot!(rendered);
}

#[test]
fn a_key_bound_twice_in_one_mode_names_both_lines() {
    let (rendered, codes) = errors(
        "[keys.browse]\n\"ctrl-n\" = \"next\"\n\"Ctrl-N\" = \"quit\"\n\"Ctrl-n\" = \"last\"\n[keys.prompt]\n\"ctrl-n\" = \"accept\"\n",
    );
    // Ctrl-N is another key (Shift held); the same key in another mode is no conflict.
    assert_eq!(codes, ["duplicate-key"]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn syntax_errors_and_wrong_shapes_are_reported() {
    let (rendered, codes) = errors("[keys.browse]\nj = \"next\"\nj = \"quit\"\n");
    assert_eq!(codes, ["syntax"], "{rendered}");
    let (rendered, codes) = errors("keys = \"vim\"\n[theme]\ntitle = \"bold\"\nstatus = 1\n");
    assert_eq!(codes, ["wrong-type"; 3], "{rendered}");
}

#[test]
fn the_path_is_the_explicit_one_or_tlx_config_toml_in_the_config_directory() {
    assert_eq!(path(Some(Path::new("my.toml"))), Some(PathBuf::from("my.toml")));
    if let Some(p) = path(None) {
        assert!(p.ends_with("tlx/config.toml"), "{}", p.display());
    }
}

#[test]
fn named_column_mappings_are_read_as_a_mapping_file_is() {
    let config = Config::parse(
        "[mappings.acled-weekly]\nday_first = true\n[mappings.acled-weekly.columns]\ndate = \"event_date\"\n\
         title = [\"sub_event_type\", \"location\"]\n\n[mappings.sheet]\ncolumns = { outlet = \"reported by\" }\n",
    )
    .unwrap();
    let names: Vec<&str> = config.mappings.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["acled-weekly", "sheet"]);
    let weekly = &config.mappings[0].1;
    assert_eq!(weekly.order, Some(crate::model::date::Order::DayFirst));
    assert_eq!(weekly.columns[1].sources, ["sub_event_type", "location"]);
    assert!(
        weekly
            .columns
            .iter()
            .all(|c| c.from_config.as_deref() == Some("acled-weekly"))
    );
}

#[test]
fn a_bad_column_mapping_is_located_like_the_rest_of_the_config() {
    let (rendered, codes) = errors(
        "[mapings.x]\n[mappings.acled]\ncolumns = { date = \"d\" }\n[mappings.weekly]\ndayfirst = true\n\
         header = [1]\n[mappings.weekly.columns]\ntitel = \"kind\"\n[mappings.other]\ncolumns = \"date=d\"\n",
    );
    assert_eq!(
        codes,
        [
            "unknown-key",
            "duplicate-key",
            "unknown-key",
            "wrong-type",
            "bad-value",
            "wrong-type"
        ],
        "{rendered}"
    );
    for part in [
        "config.toml:1:2",
        "did you mean `mappings`?",
        "`acled` is the name of one of tlx's presets",
        "config.toml:5:1",
        "unknown key `dayfirst` in [mappings.weekly]",
        "did you mean `day_first`?",
        "config.toml:8:1",
        "`titel` is not a tlx column (did you mean `title`?)",
        "`columns` must be a table, not string",
    ] {
        assert!(rendered.contains(part), "{part} not in\n{rendered}");
    }
}
