//! Ids that differ only by characters nobody sees: zero-width spaces, joiners and byte order
//! marks. Two such ids look the same on screen and in every export, so they are one id written
//! twice. The characters are not refused in ids outright, as Persian and emoji need joiners.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::diagnostic::Diagnostic;

/// The characters ignored when ids are compared, with their names.
const INVISIBLE: [(char, &str); 5] = [
    ('\u{200b}', "zero-width space"),
    ('\u{200c}', "zero-width non-joiner"),
    ('\u{200d}', "zero-width joiner"),
    ('\u{2060}', "word joiner"),
    ('\u{feff}', "byte order mark"),
];

fn invisible(c: char) -> Option<&'static str> {
    INVISIBLE.iter().find(|(i, _)| *i == c).map(|(_, name)| *name)
}

/// Whether `id` holds no invisible character, as nearly every id does.
pub fn visible(id: &str) -> bool {
    id.chars().all(|c| invisible(c).is_none())
}

/// The ids seen so far that hold invisible characters, by their text without them; ids
/// without any are left to the caller's own table, so a file of plain ids costs nothing here.
#[derive(Debug, Default)]
pub struct Lookalikes(HashMap<String, (usize, String)>);

impl Lookalikes {
    /// Whether no id with an invisible character has been seen: then a visible id has no twin.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// For an id written at `at` and not seen before as written: the earlier id that differs
    /// from it only by invisible characters, and where that was written. `visible` is
    /// [`visible`]`(id)`, which a caller may have found where the id's bytes were at hand.
    /// `plain` finds where an id without invisible characters was written, if it was.
    pub fn twin(
        &mut self,
        id: &str,
        visible: bool,
        at: usize,
        plain: impl Fn(&str) -> Option<usize>,
    ) -> Option<(String, usize)> {
        debug_assert_eq!(visible, self::visible(id));
        // Nearly every id has no invisible character: then no copy is made, since a million
        // events' ids pass here one after another while the rest of the load waits.
        if visible {
            return self.0.get(id).map(|(first, original)| (original.clone(), *first));
        }
        let folded: String = id.chars().filter(|&c| invisible(c).is_none()).collect();
        if let Some(first) = plain(&folded) {
            return Some((folded, first));
        }
        match self.0.entry(folded) {
            Entry::Occupied(e) => Some((e.get().1.clone(), e.get().0)),
            Entry::Vacant(e) => {
                e.insert((at, id.to_string()));
                None
            }
        }
    }
}

/// The error for `id`, written at `span`, which differs from the earlier `twin` only by
/// invisible characters; `first` says where the twin is, for the hint.
pub fn duplicate(what: &str, id: &str, twin: &str, span: std::ops::Range<usize>, first: &str) -> Diagnostic {
    let (c, name) = id
        .chars()
        .chain(twin.chars())
        .find_map(|c| Some((c, invisible(c)?)))
        .unwrap_or(('\u{200b}', "zero-width space"));
    Diagnostic::error(
        "duplicate-id",
        span,
        format!(
            "the {what} id `{id}` is `{twin}` again: they differ only by an invisible {name} (U+{:04X})",
            u32::from(c)
        ),
    )
    .with_hint(format!(
        "ids are compared without zero-width characters and byte order marks, so ids must differ in what \
         can be seen; {first}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_differing_only_by_invisible_characters_are_twins_in_either_order() {
        let mut seen = Lookalikes::default();
        let mut twin = |id: &str, at, plain: fn(&str) -> Option<usize>| seen.twin(id, visible(id), at, plain);
        let plain = |id: &str| (id == "a").then_some(0);
        assert_eq!(twin("a\u{200b}", 5, plain), Some(("a".to_string(), 0)));
        assert_eq!(twin("b\u{feff}", 7, |_| None), None);
        assert_eq!(twin("b", 9, |_| None), Some(("b\u{feff}".to_string(), 7)));
        assert_eq!(
            twin("\u{2060}b\u{200d}", 11, |_| None),
            Some(("b\u{feff}".to_string(), 7))
        );
        assert_eq!(twin("c", 13, |_| None), None);
    }
}
