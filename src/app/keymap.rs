//! Keys to actions, per mode, with help text: one table feeds dispatch, the help overlay and the footer.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;

/// The default keymap, compiled in.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Which set of bindings applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyMode {
    /// Moving around the list and the detail.
    Browse,
    /// The who-said-what matrix; keys it leaves unbound work as in `Browse`.
    Matrix,
    /// Typing a search, a filter or a date.
    Prompt,
    /// The help overlay.
    Help,
}

impl KeyMode {
    /// Every mode, in the order the help lists their bindings.
    pub const ALL: [KeyMode; 4] = [KeyMode::Browse, KeyMode::Matrix, KeyMode::Prompt, KeyMode::Help];

    /// What a mode is to the keymap, declared once per mode.
    const fn about(self) -> About {
        match self {
            KeyMode::Browse => About {
                heading: "Browsing",
                opened_by: None,
                fallback: None,
            },
            KeyMode::Matrix => About {
                heading: "Who said what",
                opened_by: Some(Action::Matrix),
                fallback: Some(KeyMode::Browse),
            },
            KeyMode::Prompt => About {
                heading: "While typing a search, a filter, a date, a file name or a note",
                opened_by: None,
                fallback: None,
            },
            KeyMode::Help => About {
                heading: "In this help",
                opened_by: None,
                fallback: None,
            },
        }
    }

    /// The help's heading over the mode's bindings.
    pub const fn heading(self) -> &'static str {
        self.about().heading
    }

    /// The action that brings the mode up, named beside its heading when it has a key.
    pub const fn opened_by(self) -> Option<Action> {
        self.about().opened_by
    }

    /// The mode whose bindings apply where this one binds nothing.
    pub const fn fallback(self) -> Option<KeyMode> {
        self.about().fallback
    }
}

/// What the keymap knows of a mode besides its bindings.
struct About {
    heading: &'static str,
    opened_by: Option<Action>,
    fallback: Option<KeyMode>,
}

/// One line of the keymap file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// Key spellings: "j", "Down", "Ctrl-c", "BackTab", "PageDown".
    pub keys: Vec<String>,
    /// What they do.
    pub action: Action,
    /// The help overlay's line.
    pub help: String,
    /// Short footer label; absent for bindings shown only in the help.
    #[serde(default)]
    pub footer: Option<String>,
    /// Where the binding applies.
    pub mode: KeyMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    bind: Vec<Binding>,
}

/// Named keys, as the keymap spells them; spellings are matched without regard to case.
const NAMED_KEYS: [(&str, KeyCode); 16] = [
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
];

/// A key as the keymap names it: a code and its modifiers (Shift folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(KeyCode, KeyModifiers);

impl Key {
    fn from_event(e: KeyEvent) -> Key {
        let mut mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match e.code {
            // Terminals disagree on whether Shift comes with an upper-case letter; the letter says it all.
            KeyCode::Char(c) => KeyCode::Char(c),
            KeyCode::BackTab => KeyCode::BackTab,
            other => {
                mods |= e.modifiers & KeyModifiers::SHIFT;
                other
            }
        };
        Key(code, mods)
    }

    /// Reads a key spelling: a character (`j`, `G`, `?`), a named key (`Down`, `PageUp`, `F5`), either
    /// after any of `Ctrl-`, `Alt-` and `Shift-`. Names and modifiers may be in any case; a character
    /// is taken as written, so `G` is Shift-g.
    pub fn parse(spec: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut name = spec;
        // A lone "-" is the minus key, and "Ctrl--" is Ctrl with it.
        while let Some((prefix, rest)) = name.split_once('-').filter(|(_, rest)| !rest.is_empty()) {
            mods |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return None,
            };
            name = rest;
        }
        let mut chars = name.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED_KEYS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|&(_, code)| code)
                .or_else(|| function_key(name))?,
        };
        Some(match (code, mods.contains(KeyModifiers::SHIFT)) {
            (_, false) => Key(code, mods),
            // Shift reaches tlx as the upper-case letter or as BackTab, the way `from_event` folds it.
            (KeyCode::Char(c), true) if c.is_ascii_alphabetic() => {
                Key(KeyCode::Char(c.to_ascii_uppercase()), mods - KeyModifiers::SHIFT)
            }
            (KeyCode::Tab, true) => Key(KeyCode::BackTab, mods - KeyModifiers::SHIFT),
            (KeyCode::Char(_), true) => return None,
            (_, true) => Key(code, mods),
        })
    }

    /// The named keys' spellings (besides F1 to F12), for hints.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMED_KEYS.iter().map(|(n, _)| *n)
    }
}

/// `F1` to `F12`.
fn function_key(name: &str) -> Option<KeyCode> {
    let n: u8 = name.strip_prefix(['F', 'f'])?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// The bindings in force, indexed for dispatch.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Binding>,
    index: HashMap<(KeyMode, Key), Action>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::parse(DEFAULT_KEYMAP).expect("the bundled keymap is valid (tested)")
    }
}

impl KeyMap {
    /// Parses a keymap, rejecting unknown key names and keys bound twice in one mode.
    pub fn parse(text: &str) -> Result<KeyMap, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut index = HashMap::new();
        for b in &file.bind {
            for spec in &b.keys {
                let key = Key::parse(spec).ok_or_else(|| format!("unknown key name \"{spec}\""))?;
                if let Some(previous) = index.insert((b.mode, key), b.action) {
                    return Err(format!(
                        "\"{spec}\" is bound twice in {:?} mode ({previous:?} and {:?})",
                        b.mode, b.action
                    ));
                }
            }
        }
        Ok(KeyMap {
            bindings: file.bind,
            index,
        })
    }

    /// Makes `key` do `action` in `mode`, or nothing with `None`, replacing what it did there. The
    /// key joins the mode's binding of that action (so help and the footer show it, spelt as given),
    /// or a new binding with the action's help text from another mode.
    pub fn rebind(&mut self, mode: KeyMode, key: Key, spelling: &str, action: Option<Action>) {
        if self.index.get(&(mode, key)).copied() == action {
            return;
        }
        for b in self.bindings.iter_mut().filter(|b| b.mode == mode) {
            b.keys.retain(|k| Key::parse(k) != Some(key));
        }
        // A binding left with no key would show in the help with nothing to press.
        self.bindings.retain(|b| !b.keys.is_empty());
        self.index.remove(&(mode, key));
        let Some(action) = action else {
            return;
        };
        self.index.insert((mode, key), action);
        if let Some(b) = self.bindings.iter_mut().find(|b| b.mode == mode && b.action == action) {
            b.keys.push(spelling.to_string());
            return;
        }
        let help = self
            .bindings
            .iter()
            .find(|b| b.action == action)
            .map_or_else(|| format!("{action:?}"), |b| b.help.clone());
        self.bindings.push(Binding {
            keys: vec![spelling.to_string()],
            action,
            help,
            footer: None,
            mode,
        });
    }

    /// The action of a key press in a mode, if any.
    pub fn resolve(&self, mode: KeyMode, key: KeyEvent) -> Option<Action> {
        self.action(mode, Key::from_event(key))
    }

    fn action(&self, mode: KeyMode, key: Key) -> Option<Action> {
        let found = self.index.get(&(mode, key)).copied();
        found.or_else(|| self.action(mode.fallback()?, key))
    }

    /// How a hint names the key for `action` in `mode`: the first spelling, in the keymap's order,
    /// of a key that does it there, counting the fallback mode's keys that `mode` leaves to it.
    /// `None` when no key does it, so the hint can be left out.
    pub fn hint(&self, mode: KeyMode, action: Action) -> Option<&str> {
        std::iter::successors(Some(mode), |m| m.fallback())
            .flat_map(|m| self.bindings.iter().filter(move |b| b.mode == m && b.action == action))
            .flat_map(|b| &b.keys)
            .find(|spelling| Key::parse(spelling).and_then(|key| self.action(mode, key)) == Some(action))
            .map(String::as_str)
    }

    /// Every binding, in the file's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// (keys, label) pairs for the footer of a mode; bindings sharing a label share an entry ("j/k move").
    pub fn footer(&self, mode: KeyMode) -> Vec<(String, &str)> {
        let mut hints: Vec<(String, &str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            let (Some(label), Some(key)) = (b.footer.as_deref(), b.keys.first()) else {
                continue;
            };
            match hints.iter_mut().find(|(_, l)| *l == label) {
                Some((keys, _)) => *keys = format!("{keys}/{key}"),
                None => hints.push((key.clone(), label)),
            }
        }
        hints
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn default_keymap_parses_and_resolves_vim_keys_and_arrows() {
        let km = KeyMap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            km.resolve(KeyMode::Browse, press(KeyCode::Char('j'), none)),
            Some(Action::Next)
        );
        assert_eq!(
            km.resolve(KeyMode::Browse, press(KeyCode::Down, none)),
            Some(Action::Next)
        );
        assert_eq!(
            km.resolve(KeyMode::Browse, press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
        assert_eq!(
            km.resolve(KeyMode::Browse, press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(km.resolve(KeyMode::Prompt, press(KeyCode::Char('j'), none)), None);
        assert_eq!(
            km.resolve(KeyMode::Prompt, press(KeyCode::Enter, none)),
            Some(Action::Accept)
        );
        // The matrix binds its own moves and falls back to the browse keys for the rest.
        assert_eq!(
            km.resolve(KeyMode::Matrix, press(KeyCode::Char('l'), none)),
            Some(Action::Right)
        );
        assert_eq!(
            km.resolve(KeyMode::Matrix, press(KeyCode::Char('a'), none)),
            Some(Action::AsOf)
        );
    }

    #[test]
    fn every_action_a_key_can_reach_has_help_and_the_footer_is_a_subset() {
        let km = KeyMap::default();
        for b in km.bindings() {
            assert!(!b.help.trim().is_empty() && !b.keys.is_empty(), "{b:?}");
        }
        let footer = km.footer(KeyMode::Browse);
        assert!(footer.contains(&("?".to_string(), "help")) && footer.contains(&("j/k".to_string(), "move")));
    }

    #[test]
    fn a_hint_names_a_key_that_does_the_action_in_the_mode() {
        let km = KeyMap::default();
        assert_eq!(km.hint(KeyMode::Browse, Action::Quit), Some("q"));
        assert_eq!(km.hint(KeyMode::Help, Action::Back), Some("Esc"));
        // The matrix lends the browse keys it does not bind, and only those: Esc, h and Left,
        // which go back in the timeline, do something else there.
        assert_eq!(km.hint(KeyMode::Matrix, Action::AsOf), Some("a"));
        assert_eq!(km.hint(KeyMode::Matrix, Action::Back), None);
        assert_eq!(km.hint(KeyMode::Prompt, Action::Search), None);
    }

    #[test]
    fn every_mode_is_listed_once_and_its_fallbacks_end() {
        use crate::config::names;
        let declared: Vec<KeyMode> = names::all::<KeyMode>().iter().filter_map(|n| names::parse(n)).collect();
        assert_eq!(declared, KeyMode::ALL, "KeyMode::ALL lists every mode, in order");
        for mode in KeyMode::ALL {
            assert!(!mode.heading().is_empty());
            let chain: Vec<KeyMode> = std::iter::successors(Some(mode), |m| m.fallback())
                .take(KeyMode::ALL.len() + 1)
                .collect();
            assert!(
                chain.len() <= KeyMode::ALL.len(),
                "{mode:?} falls back in a circle: {chain:?}"
            );
        }
    }

    #[test]
    fn key_spellings_fold_case_modifiers_and_shift() {
        let key = |code, mods| Some(Key(code, mods));
        let none = KeyModifiers::NONE;
        assert_eq!(Key::parse("Ctrl-c"), key(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            Key::parse("ctrl-alt-PAGEUP"),
            key(KeyCode::PageUp, KeyModifiers::CONTROL | KeyModifiers::ALT)
        );
        assert_eq!(Key::parse("-"), key(KeyCode::Char('-'), none));
        assert_eq!(Key::parse("Ctrl--"), key(KeyCode::Char('-'), KeyModifiers::CONTROL));
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(Key::parse("Shift-Tab"), Key::parse("BackTab"));
        assert_eq!(Key::parse("shift-down"), key(KeyCode::Down, KeyModifiers::SHIFT));
        assert_eq!(Key::parse("f12"), key(KeyCode::F(12), none));
        for bad in ["", "shift-1", "F13", "hyper-x", "PgDown", "ctrl-"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn unbinding_every_key_of_a_binding_drops_it_from_help_and_footer() {
        let mut km = KeyMap::default();
        for spelling in ["q", "Ctrl-c"] {
            km.rebind(KeyMode::Browse, Key::parse(spelling).unwrap(), spelling, None);
        }
        let quit = |km: &KeyMap| {
            km.bindings()
                .iter()
                .any(|b| b.mode == KeyMode::Browse && b.action == Action::Quit)
        };
        assert!(!quit(&km));
        assert!(!km.footer(KeyMode::Browse).iter().any(|(_, label)| *label == "quit"));
        assert_eq!(
            km.resolve(KeyMode::Browse, press(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        // Binding a key to what it already does changes nothing, not even the order of the keys.
        let before = km.bindings().len();
        km.rebind(KeyMode::Browse, Key::parse("j").unwrap(), "j", Some(Action::Next));
        assert_eq!(km.bindings().len(), before);
        assert_eq!(km.footer(KeyMode::Browse)[0], ("j/k".to_string(), "move"));
    }

    #[test]
    fn conflicts_and_unknown_keys_are_rejected() {
        let twice = "[[bind]]\nkeys=[\"j\"]\naction=\"next\"\nhelp=\"a\"\nmode=\"browse\"\n\
                     [[bind]]\nkeys=[\"j\"]\naction=\"quit\"\nhelp=\"b\"\nmode=\"browse\"\n";
        assert!(KeyMap::parse(twice).unwrap_err().contains("bound twice"));
        let unknown = "[[bind]]\nkeys=[\"Hyper-x\"]\naction=\"next\"\nhelp=\"a\"\nmode=\"browse\"\n";
        assert!(KeyMap::parse(unknown).unwrap_err().contains("unknown key name"));
    }
}
