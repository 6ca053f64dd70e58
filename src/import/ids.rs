//! Event ids for imported events: the file's own when it has them, stable slugs otherwise, never twice.

use foldhash::HashSet;

/// The ids given out so far in one import (a million, for a large export: hence foldhash).
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// `wanted` if it is free, else `wanted-2`, `wanted-3`, ...; the result is taken.
    pub fn claim(&mut self, wanted: &str) -> String {
        let wanted = if wanted.trim().is_empty() {
            "event"
        } else {
            wanted.trim()
        };
        let mut id = wanted.to_string();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{wanted}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

/// Lowercase words of `text` joined by `-`, at most eight of them: "Battle of Nineveh 627" -> "battle-of-nineveh-627".
pub fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words() {
        assert_eq!(
            slug("\"The Mother of the Internet\" 1985"),
            "the-mother-of-the-internet-1985"
        );
        assert_eq!(slug("Rózsa Péter writes recursion"), "rózsa-péter-writes-recursion");
        assert_eq!(slug("<>!"), "");
    }

    #[test]
    fn claims_are_unique_and_stable() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("a"), "a");
        assert_eq!(ids.claim("a"), "a-2");
        assert_eq!(ids.claim("a"), "a-3");
        assert_eq!(ids.claim(" "), "event");
    }
}
