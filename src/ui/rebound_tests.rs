//! Hints name the keys in force. With every default key rebound through the config, as a user
//! would, no screen the explorer shows names a default key: not the footer's hints or messages,
//! the help, an opened item or the header. With an action unbound, its hint goes.

use std::collections::BTreeSet;

use super::DateStyle;
use super::tests::{draw_with, two_files};
use crate::app::{Action, App, KeyMap, KeyMode, Mode, Msg, update};
use crate::config::{Config, names};
use crate::load::{Document, Options};

/// The size of the screens; the help is drawn on a screen tall enough to show it whole.
const SIZE: (u16, u16) = (160, 40);

/// The screen as text, drawn with `keymap`.
fn draw(app: &App, keymap: &KeyMap) -> String {
    let size = if matches!(app.mode(), Mode::Help { .. }) {
        // Room for every line of the help besides the screen's header, footer and borders.
        (200, super::help::length(keymap) + 10)
    } else {
        SIZE
    };
    draw_with(app, size, DateStyle::Human, keymap)
}

fn bundled() -> App {
    App::new(Document::bundled().load(Options::default()).timeline, "bundled", SIZE)
}

fn name(action: Action) -> &'static str {
    names::all::<Action>()
        .iter()
        .copied()
        .find(|n| names::parse::<Action>(n) == Some(action))
        .unwrap()
}

fn quoted(key: &str) -> String {
    format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The keymap of a config that moves every default key, in every mode, to Alt with it (`j` to
/// `Alt-j`, `Ctrl-c` to `Alt-Ctrl-c`), and the default keys' spellings.
fn rebound() -> (KeyMap, BTreeSet<String>) {
    let defaults = KeyMap::default();
    let mut config = String::new();
    let mut spellings = BTreeSet::new();
    for &mode_name in names::all::<KeyMode>() {
        let mode = names::parse::<KeyMode>(mode_name).unwrap();
        config += &format!("[keys.{mode_name}]\n");
        for b in defaults.bindings().iter().filter(|b| b.mode == mode) {
            for key in &b.keys {
                // The new key first, so that it joins the binding (and its footer label) before
                // the old one leaves it.
                config += &format!("{} = \"{}\"\n", quoted(&format!("Alt-{key}")), name(b.action));
                config += &format!("{} = \"none\"\n", quoted(key));
                spellings.insert(key.clone());
            }
        }
    }
    let config = Config::parse(&config).unwrap_or_else(|e| panic!("{e:?}\n{config}"));
    (config.keymap, spellings)
}

/// The bundled timeline after `msgs`.
fn after(msgs: impl IntoIterator<Item = Msg>) -> App {
    let mut app = bundled();
    for msg in msgs {
        update(&mut app, msg);
    }
    app
}

/// `first`, then `text` typed, then `then`.
fn typed(first: Action, text: &str, then: &[Action]) -> Vec<Msg> {
    let mut msgs = vec![Msg::from(first)];
    msgs.extend(text.chars().map(Msg::Type));
    msgs.extend(then.iter().map(|&a| Msg::from(a)));
    msgs
}

/// A state of each screen, mode and prompt, and those after which an action says something
/// about other keys (a kept search, a knowledge date, a star, a filter, two files).
fn scenes() -> Vec<App> {
    use Action::*;
    let moscow = typed(Search, "Moscow", &[Accept]);
    let mut scenes: Vec<App> = [
        vec![],
        vec![Enter.into()],
        moscow.clone(),
        [moscow.clone(), vec![Enter.into()]].concat(),
        [moscow.clone(), vec![Enter.into(), Enter.into()]].concat(),
        [moscow, vec![Enter.into(), Last.into(), Enter.into()]].concat(),
        vec![Matrix.into()],
        vec![Matrix.into(), Transpose.into()],
        vec![Help.into()],
        typed(Search, "Iran", &[]),
        typed(Filter, "status:contested", &[]),
        typed(Filter, "status:contested", &[Accept]),
        typed(Filter, "status:nope", &[]),
        typed(Filter, "sta", &[Complete]),
        typed(AsOf, "2015-08", &[]),
        typed(AsOf, "2015-13", &[Accept]),
        typed(Export, "view.txt", &[Accept]),
        typed(Note, "ask who saw it", &[]),
        vec![Star.into()],
        vec![Star.into(), OnlyStarred.into()],
        vec![EarlierAsOf.into()],
        vec![Context.into()],
        vec![Sort.into()],
    ]
    .into_iter()
    .map(after)
    .collect();
    scenes.push(two_files(SIZE));
    scenes
}

/// Every screen of every scene, and of every scene after each action a key can be bound to.
fn screens(keymap: &KeyMap) -> Vec<(String, App)> {
    let mut screens = Vec::new();
    for scene in scenes() {
        screens.push((draw(&scene, keymap), scene.clone()));
        for &action in names::all::<Action>() {
            let mut app = scene.clone();
            update(&mut app, names::parse::<Action>(action).unwrap());
            screens.push((draw(&app, keymap), app));
        }
    }
    screens
}

/// The default keys a screen names: a word that is one of their spellings, the punctuation around
/// it aside (`(f,` names `f`; a full stop stays, as "c." is circa, and so does the ellipsis of a
/// cut word). Two readings are left out because the timeline and plain English
/// use them too: the article "a", and digits outside the header, the footer and the help, where
/// they are counts and dates (a digit key is named in parentheses there: "Who said what (2)").
fn named(screen: &str, app: &App, defaults: &BTreeSet<String>) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let mut found = Vec::new();
    for (row, line) in rows.iter().enumerate() {
        let chrome = row == 0 || row + 1 == rows.len() || matches!(app.mode(), Mode::Help { .. });
        for token in line.split_whitespace() {
            let word = token.trim_end_matches([',', ';', ':', '·']);
            let in_parentheses = word.starts_with('(') && word.ends_with(')');
            let word = word.strip_prefix('(').unwrap_or(word);
            let word = word.strip_suffix(')').unwrap_or(word);
            let number = word.chars().all(|c| c.is_ascii_digit());
            if word == "a" || (number && !(chrome && in_parentheses)) {
                continue;
            }
            if defaults.contains(word) {
                found.push(format!("`{word}` in row {row}: {line}"));
            }
        }
    }
    found
}

#[test]
fn with_every_key_rebound_no_screen_names_a_default_key() {
    let (keymap, defaults) = rebound();
    let screens = screens(&keymap);
    let mut named_default: Vec<String> = screens
        .iter()
        .flat_map(|(screen, app)| named(screen, app, &defaults))
        .collect();
    named_default.dedup();
    assert!(named_default.is_empty(), "{}", named_default.join("\n"));
    // The hints are there, naming the new keys.
    let all: String = screens.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join("\n");
    for hint in [
        "press Alt-q to quit",
        "no search yet: press Alt-/ to search",
        "; Alt-n and Alt-p move between them",
        "; Alt-F clears",
        "; Alt-[ Alt-] step a day, Alt-( Alt-) jump to changes",
        "starred; Alt-' and Alt-\" jump between starred events, Alt-M shows only them",
        "no starred event shown: Alt-m stars the selected one",
        "; Alt-c widens",
        "; Alt-M shows all again",
        "Who said what (Alt-2)",
        "Queries (Alt-f, Alt-/): terms",
        " Help — Alt-Esc to close ",
        "Alt-Esc close · Alt-o open link · Alt-y copy citation",
        " Alt-? help ",
    ] {
        assert!(all.contains(hint), "no screen says {hint:?}");
    }
}

#[test]
fn the_check_sees_the_default_keys_of_the_default_keymap() {
    // The same screens with the default keys name them, so the check above can fail.
    let (_, defaults) = rebound();
    let keymap = KeyMap::default();
    let back = after([Msg::from(Action::Back)]);
    let help = after([Msg::from(Action::Help)]);
    for (app, key) in [(&back, "`q`"), (&help, "`2`"), (&help, "`Esc`")] {
        let screen = draw(app, &keymap);
        assert!(
            named(&screen, app, &defaults).iter().any(|n| n.starts_with(key)),
            "{key} not found in\n{screen}"
        );
    }
}

#[test]
fn an_unbound_action_s_hint_goes_whole() {
    let config = "[keys.browse]\nq = \"none\"\n\"Ctrl-c\" = \"none\"\n\"2\" = \"none\"\no = \"none\"\n\
                  F = \"none\"\n\"[\" = \"none\"\n[keys.help]\nEsc = \"none\"\n\"?\" = \"none\"\nq = \"none\"\n";
    let keymap = Config::parse(config).unwrap().keymap;
    let draw = |app: &App| draw(app, &keymap);
    // Esc in the list with nothing to clear says how to quit; with no key to quit, it says nothing
    // and the footer shows the keys.
    let back = after([Msg::from(Action::Back)]);
    assert_eq!(back.message(&keymap), None);
    assert!(draw(&back).lines().last().unwrap().contains("? help"));
    let help = draw(&after([Msg::from(Action::Help)]));
    assert!(help.contains(" Help ") && !help.contains("to close"), "{help}");
    assert!(
        help.contains("┃Who said what ") && !help.contains("Who said what ("),
        "{help}"
    );
    let item = draw(&after(typed(
        Action::Search,
        "Moscow",
        &[Action::Accept, Action::Enter, Action::Next, Action::Enter],
    )));
    assert!(item.contains("Esc close · y copy citation"), "{item}");
    // A message keeps what happened and loses the hint.
    let filtered = after(typed(Action::Filter, "status:contested", &[Action::Accept]));
    assert!(filtered.message(&keymap).unwrap().ends_with("events match"));
    let as_of = after([Msg::from(Action::LaterAsOf)]);
    let said = as_of.message(&keymap).unwrap();
    assert!(said.ends_with("2 by a later date at the latest"), "{said}");
}
