//! Who said something and whom they cite, as a source states them, in one word.
//!
//! A million events hold some 2.5 million sources, and few pairs of an outlet and whom it cites
//! among them: the bench's 100,000 events state 60. Each source held both names, a word each:
//! 20 MB of a million events' load. A pair is now the list of its names ([`Names`]), kept once
//! for every source that states it.

use super::{Name, Names};

/// An outlet and whom it cites (if anyone): the list of the outlet alone or of the outlet then
/// whom it cites. The empty list is the default, an unnamed outlet citing no one.
// One word, the list's: a source's `Said` holds it in its own word (see `super::said`).
#[derive(Clone, Default)]
#[repr(transparent)]
pub struct Attribution(Names);

impl Attribution {
    /// `outlet`, citing `citing`: when both are kept names ([`Name::shared`]), the pair kept
    /// for every source that states it, while the budget for keeping pairs lasts
    /// (`model::kept`); else a list of its own.
    pub fn new(outlet: Name, citing: Option<Name>) -> Attribution {
        Attribution(match citing {
            None => Names::shared_pair([outlet]),
            Some(citing) => Names::shared_pair([outlet, citing]),
        })
    }

    /// The outlet then whom it cites, to change in place (`Names::to_mut` copies a kept list).
    pub(super) fn names_mut(&mut self) -> &mut Names {
        &mut self.0
    }

    /// Who said it.
    pub fn outlet(&self) -> &Name {
        self.0.first().unwrap_or(Name::EMPTY)
    }

    /// Whom they attribute it to.
    pub fn citing(&self) -> Option<&Name> {
        self.0.get(1)
    }
}

// By the names, so that the default and an unnamed outlet's list are the same attribution.
impl PartialEq for Attribution {
    fn eq(&self, other: &Attribution) -> bool {
        (self.outlet(), self.citing()) == (other.outlet(), other.citing())
    }
}

impl std::fmt::Debug for Attribution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attribution")
            .field("outlet", self.outlet())
            .field("citing", &self.citing())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const _: () = assert!(size_of::<Attribution>() == 8);

    #[test]
    fn a_pair_read_twice_is_one_list_and_gives_back_its_names() {
        let read = || {
            Attribution::new(
                Name::shared("Fox News"),
                Some(Name::shared("Western intelligence sources")),
            )
        };
        let (a, b) = (read(), read());
        assert_eq!(a.outlet(), "Fox News");
        assert_eq!(a.citing().map(Name::as_str), Some("Western intelligence sources"));
        assert_eq!(a.0.as_ptr(), b.0.as_ptr(), "one list for both");
        let alone = Attribution::new(Name::shared("Fox News"), None);
        assert_eq!(alone.outlet(), "Fox News");
        assert_eq!(alone.citing(), None);
        assert_ne!(alone, a, "citing no one is another attribution");
    }

    #[test]
    fn a_pair_with_a_name_of_its_own_is_a_list_of_its_own() {
        let kept = Attribution::new(Name::shared("Reuters"), Some(Name::shared("a diplomat")));
        let own = Attribution::new(Name::shared("Reuters"), Some(Name::from("a diplomat")));
        assert!(!kept.0.is_owned() && own.0.is_owned());
        assert_eq!(own, kept, "the same names");
        assert_eq!(own.clone(), kept);
    }

    #[test]
    fn the_default_is_an_unnamed_outlet_citing_no_one() {
        let default = Attribution::default();
        assert_eq!(default.outlet(), "");
        assert_eq!(default.citing(), None);
        assert_eq!(default, Attribution::new(Name::default(), None));
        assert_ne!(default, Attribution::new(Name::default(), Some(Name::default())));
    }
}
