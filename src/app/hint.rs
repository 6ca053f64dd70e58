//! Text that names keys by the action they do, spelt with the keymap in force when it is drawn: a
//! user who rebinds a key is never told to press the old one. "press q to quit" is
//! `hint!("press ", Action::Quit, " to quit")`.

use std::borrow::Cow;

use super::{Action, KeyMap, KeyMode};

/// One part of a hint: words, or the key that does an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Shown as they are.
    Words(Cow<'static, str>),
    /// The key bound to the action, spelt as the keymap spells it.
    Key(Action),
}

impl From<&'static str> for Piece {
    fn from(words: &'static str) -> Piece {
        Piece::Words(Cow::Borrowed(words))
    }
}

impl From<String> for Piece {
    fn from(words: String) -> Piece {
        Piece::Words(Cow::Owned(words))
    }
}

impl From<Action> for Piece {
    fn from(action: Action) -> Piece {
        Piece::Key(action)
    }
}

/// Words and the keys they name, shown together or not at all: when one of its actions has no key,
/// the whole hint is left out rather than shown naming a key that does not do it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hint(Vec<Piece>);

/// A [`Hint`] from words and actions in the order they are read:
/// `hint!("; ", Action::ClearFilters, " clears")`.
macro_rules! hint {
    ($($piece:expr),* $(,)?) => {
        $crate::app::hint::Hint::new([$($crate::app::hint::Piece::from($piece)),*])
    };
}
pub(crate) use hint;

impl Hint {
    /// A hint of these pieces.
    pub fn new(pieces: impl IntoIterator<Item = Piece>) -> Hint {
        Hint(pieces.into_iter().collect())
    }

    /// The hint with each key spelt as bound in `mode`, or `None` when an action has no key there.
    pub fn spell(&self, keys: &KeyMap, mode: KeyMode) -> Option<String> {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => Some(words.as_ref()),
                Piece::Key(action) => keys.hint(mode, *action),
            })
            .collect()
    }
}

/// A footer message: what happened, then hints on what to do next, each dropped alone when its
/// key is unbound.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said(Vec<Hint>);

impl Said {
    /// This message with more words or a hint at its end.
    pub fn and(mut self, more: impl Into<Hint>) -> Said {
        self.0.push(more.into());
        self
    }

    /// The message as shown in `mode`, its keys spelt as bound there.
    pub fn spell(&self, keys: &KeyMap, mode: KeyMode) -> String {
        self.0.iter().filter_map(|hint| hint.spell(keys, mode)).collect()
    }
}

impl From<&'static str> for Hint {
    fn from(words: &'static str) -> Hint {
        Hint(vec![words.into()])
    }
}

impl From<String> for Hint {
    fn from(words: String) -> Hint {
        Hint(vec![words.into()])
    }
}

impl From<Hint> for Said {
    fn from(first: Hint) -> Said {
        Said(vec![first])
    }
}

impl From<&'static str> for Said {
    fn from(words: &'static str) -> Said {
        Hint::from(words).into()
    }
}

impl From<String> for Said {
    fn from(words: String) -> Said {
        Hint::from(words).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_names_the_key_in_force_and_goes_when_its_action_has_none() {
        let mut keys = KeyMap::default();
        let said = Said::from("3 matches").and(hint!(
            "; ",
            Action::NextMatch,
            " and ",
            Action::PreviousMatch,
            " move between them"
        ));
        assert_eq!(
            said.spell(&keys, KeyMode::Browse),
            "3 matches; n and p move between them"
        );
        let (n, x) = (
            crate::app::keymap::Key::parse("n").unwrap(),
            crate::app::keymap::Key::parse("x").unwrap(),
        );
        keys.rebind(KeyMode::Browse, x, "x", Some(Action::NextMatch));
        keys.rebind(KeyMode::Browse, n, "n", None);
        assert_eq!(
            said.spell(&keys, KeyMode::Browse),
            "3 matches; x and p move between them"
        );
        keys.rebind(KeyMode::Browse, x, "x", None);
        assert_eq!(said.spell(&keys, KeyMode::Browse), "3 matches");
    }
}
