//! Who said something, and what few sources state besides, in one word.
//!
//! A source held its [`Attribution`] (a word, mostly a pair kept for every source that states
//! it) and a [`Seldom`](super::seldom::Seldom) pointer to what few sources state (a stance, a
//! grade, the claims it backs), nearly always empty: 40 bytes a source, which the allocator
//! rounds to 48 for a lone source and 128 for three. A [`Said`] is the attribution's own word
//! while the source states none of the rest, and a box of both once it does: a source is 32
//! bytes, and a million events' sources take a fifth less.

use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use super::attribution::Attribution;
use super::names;
use super::seldom::Fields;
use super::source::SourceMore;

/// An attribution, with what few sources state besides; see the module's doc.
#[repr(transparent)]
pub struct Said {
    /// The attribution's word, or the address of a [`Both`] with [`BOXED`] set: a bit no
    /// attribution's word has ([`names::FREE_BIT`]).
    tagged: NonNull<u8>,
}

/// The bit that marks a boxed [`Both`]: `Both`'s alignment leaves it clear in its address.
const BOXED: usize = names::FREE_BIT;

/// A source's attribution with the seldom-stated fields it states.
struct Both {
    by: Attribution,
    more: SourceMore,
}

const _: () = assert!(align_of::<Both>() > BOXED && size_of::<Said>() == 8);

// SAFETY: a `Said` is an `Attribution` or a `Box<Both>`, both Send and Sync.
unsafe impl Send for Said {}
// SAFETY: as above.
unsafe impl Sync for Said {}

impl Said {
    /// `by`, stating `more` besides: boxed only when `more` states something.
    pub fn new(by: Attribution, more: SourceMore) -> Said {
        match more.is_empty() {
            true => Said::from(by),
            false => {
                let both = NonNull::from(Box::leak(Box::new(Both { by, more })));
                Said {
                    tagged: both.cast::<u8>().map_addr(|a| a | BOXED),
                }
            }
        }
    }

    /// Who said it, and whom they cite.
    pub fn by(&self) -> &Attribution {
        match self.both() {
            Some(both) => &both.by,
            // SAFETY: unboxed, the word is an attribution's own, and both types are that one
            // word (`repr(transparent)` down to the `Names`' pointer).
            None => unsafe { &*(self as *const Said).cast::<Attribution>() },
        }
    }

    /// Who said it, to change: whatever it becomes, its word keeps [`BOXED`] clear.
    pub fn by_mut(&mut self) -> &mut Attribution {
        match self.both_ptr() {
            // SAFETY: a box this value holds alone, for as long as it is borrowed.
            Some(both) => unsafe { &mut (*both.as_ptr()).by },
            // SAFETY: as in `Said::by`.
            None => unsafe { &mut *(self as *mut Said).cast::<Attribution>() },
        }
    }

    /// What few sources state (none of it, for most).
    pub fn more(&self) -> &SourceMore {
        self.both().map_or(SourceMore::none(), |both| &both.more)
    }

    /// Changes what few sources state; the box goes when they are emptied, and comes only when
    /// the change states something.
    pub fn edit_more(&mut self, edit: impl FnOnce(&mut SourceMore)) {
        let (by, mut more) = std::mem::take(self).into_parts();
        edit(&mut more);
        *self = Said::new(by, more);
    }

    /// The attribution and what it states besides.
    fn into_parts(self) -> (Attribution, SourceMore) {
        let this = ManuallyDrop::new(self);
        match this.both_ptr() {
            Some(both) => {
                // SAFETY: a box made by `Said::new`, taken back once: `this` is not dropped.
                let Both { by, more } = *unsafe { Box::from_raw(both.as_ptr()) };
                (by, more)
            }
            // SAFETY: the word is an attribution's own (see `Said::by`), moved out once.
            None => (
                unsafe { std::ptr::read((&raw const *this).cast::<Attribution>()) },
                SourceMore::default(),
            ),
        }
    }

    fn both_ptr(&self) -> Option<NonNull<Both>> {
        let word = self.tagged.addr().get();
        (word & BOXED != 0).then(|| {
            // SAFETY: clearing the mark leaves the box's address, which is not null.
            self.tagged
                .map_addr(|a| unsafe { std::num::NonZero::new_unchecked(a.get() & !BOXED) })
                .cast()
        })
    }

    fn both(&self) -> Option<&Both> {
        // SAFETY: a box this value holds, alive while it is borrowed.
        self.both_ptr().map(|both| unsafe { both.as_ref() })
    }
}

impl From<Attribution> for Said {
    /// An attribution that states nothing besides.
    fn from(by: Attribution) -> Said {
        let by = ManuallyDrop::new(by);
        // SAFETY: an attribution is one word (see `Said::by`), now this value's.
        let tagged = unsafe { std::ptr::read((&raw const *by).cast::<NonNull<u8>>()) };
        debug_assert_eq!(
            tagged.addr().get() & BOXED,
            0,
            "an attribution's word has the mark clear"
        );
        Said { tagged }
    }
}

impl Default for Said {
    fn default() -> Said {
        Said::from(Attribution::default())
    }
}

impl Drop for Said {
    fn drop(&mut self) {
        match self.both_ptr() {
            // SAFETY: a box made by `Said::new`, freed once, here.
            Some(both) => drop(unsafe { Box::from_raw(both.as_ptr()) }),
            // SAFETY: the attribution's own word (see `Said::by`), dropped once, here.
            None => unsafe { std::ptr::drop_in_place((self as *mut Said).cast::<Attribution>()) },
        }
    }
}

impl Clone for Said {
    fn clone(&self) -> Said {
        match self.both() {
            None => Said::from(self.by().clone()),
            Some(both) => Said::new(both.by.clone(), both.more.clone()),
        }
    }
}

// By what they state, however it is held.
impl PartialEq for Said {
    fn eq(&self, other: &Said) -> bool {
        (self.by(), self.more()) == (other.by(), other.more())
    }
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Said")
            .field("by", self.by())
            .field("more", self.more())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Name, Stance};

    fn fox() -> Attribution {
        Attribution::new(
            Name::shared("Fox News"),
            Some(Name::shared("Western intelligence sources")),
        )
    }

    #[test]
    fn a_source_that_states_nothing_besides_is_its_attribution_alone() {
        let said = Said::new(fox(), SourceMore::default());
        assert!(said.both().is_none(), "no box");
        assert_eq!(said.by(), &fox());
        assert_eq!(said.more(), SourceMore::none());
        assert_eq!(said, Said::from(fox()));
        assert_eq!(said.clone(), said);
        assert_eq!(Said::default().by().outlet(), "");
    }

    #[test]
    fn what_few_sources_state_is_boxed_with_the_attribution_while_it_is_stated() {
        let mut said = Said::from(fox());
        said.edit_more(|more| more.stance = Stance::Confirms);
        assert!(said.both().is_some(), "boxed");
        assert_eq!((said.by(), said.more().stance), (&fox(), Stance::Confirms));
        assert_ne!(said, Said::from(fox()));
        let copy = said.clone();
        assert_eq!(copy, said);
        said.edit_more(|more| more.claims.push("visit".into()));
        assert_eq!(copy.more().claims.len(), 0, "the copy has a box of its own");
        said.edit_more(|more| {
            more.stance = Stance::Reports;
            more.claims.clear();
        });
        assert!(said.both().is_none(), "the box goes once nothing is stated");
        assert_eq!(said, Said::from(fox()));
    }

    #[test]
    fn the_attribution_changes_in_either_form() {
        let owned = || Attribution::new(Name::from("Reuters"), Some(Name::from("a diplomat")));
        for more in [
            SourceMore::default(),
            SourceMore {
                credibility: Some(2),
                ..SourceMore::default()
            },
        ] {
            let mut said = Said::new(fox(), more.clone());
            *said.by_mut() = owned();
            assert_eq!((said.by(), said.more()), (&owned(), &more));
            said.by_mut().names_mut().to_mut()[0] = Name::from("AP");
            assert_eq!(said.by().outlet(), "AP");
            assert_eq!(said.by().citing().map(Name::as_str), Some("a diplomat"));
            assert_eq!(said.more(), &more);
        }
    }
}
