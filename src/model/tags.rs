//! An event's tags in one word, the list shared by every event that lists the same tags: a
//! million events list a few thousand sets of tags, and each held a copy of its own (a list's
//! header and its names, 35 bytes an event in the benchmark's file). A list read by a loader is
//! kept for good within a budget ([`super::kept`]); one read after that is the event's own.

use std::cell::RefCell;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use thin_vec::ThinVec;

use super::Name;
use super::kept::{Kept, Set, set};

/// An event's tags, read as a slice of names.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Tags(Option<Arc<ThinVec<Name>>>);

/// Bytes of lists kept for good at most.
const BUDGET: usize = 8 << 20;

/// What keeping a list costs beyond its names: its two allocations and its set entries.
const ENTRY: usize = 96;

thread_local! {
    static NEAR: RefCell<Set<Arc<ThinVec<Name>>>> = const { RefCell::new(set()) };
}

/// Every list kept.
static KEPT: Kept<Arc<ThinVec<Name>>> = Kept::new(BUDGET, &NEAR);

impl Tags {
    /// Changes the list, leaving the other events that shared it theirs.
    pub fn edit(&mut self, change: impl FnOnce(&mut ThinVec<Name>)) {
        let mut list = self.0.take().map(Arc::unwrap_or_clone).unwrap_or_default();
        change(&mut list);
        *self = list.into();
    }
}

/// The list kept for every event that lists the same tags, or its own once the budget is spent.
impl From<ThinVec<Name>> for Tags {
    fn from(list: ThinVec<Name>) -> Tags {
        if list.is_empty() {
            return Tags(None);
        }
        let cost = ENTRY + size_of::<Name>() * list.len();
        let kept = KEPT.get(&list, cost, |list| Arc::new(list.clone()));
        Tags(Some(kept.unwrap_or_else(|| Arc::new(list))))
    }
}

impl From<Vec<Name>> for Tags {
    fn from(list: Vec<Name>) -> Tags {
        ThinVec::from(list).into()
    }
}

impl FromIterator<Name> for Tags {
    fn from_iter<I: IntoIterator<Item = Name>>(names: I) -> Tags {
        names.into_iter().collect::<ThinVec<Name>>().into()
    }
}

impl Deref for Tags {
    type Target = [Name];

    fn deref(&self) -> &[Name] {
        self.0.as_deref().map_or(&[], ThinVec::as_slice)
    }
}

/// As a list compares with an array.
impl<T, const N: usize> PartialEq<[T; N]> for Tags
where
    Name: PartialEq<T>,
{
    fn eq(&self, other: &[T; N]) -> bool {
        **self == other[..]
    }
}

impl std::fmt::Debug for Tags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Tags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const _: () = assert!(size_of::<Tags>() == 8);

    fn tags(names: &[&str]) -> Tags {
        names.iter().map(|&n| Name::shared(n)).collect()
    }

    #[test]
    fn events_that_list_the_same_tags_share_one_list() {
        let (a, b) = (tags(&["travel ban", "iran"]), tags(&["travel ban", "iran"]));
        assert_eq!(&*a, ["travel ban", "iran"]);
        assert_eq!(a.as_ptr(), b.as_ptr(), "one list");
        let other = tags(&["iran", "travel ban"]);
        assert_ne!(other, a, "a list is in its order");
        assert!(tags(&[]).is_empty() && tags(&[]) == Tags::default());
    }

    #[test]
    fn an_edited_list_leaves_the_other_events_theirs_and_is_shared_as_any_list() {
        let shared = tags(&["travel ban"]);
        let mut edited = shared.clone();
        edited.edit(|list| list.push(Name::from("russia")));
        assert_eq!(&*edited, ["travel ban", "russia"]);
        assert_eq!(&*shared, ["travel ban"], "the other events keep theirs");
        assert_eq!(&*tags(&["travel ban"]), ["travel ban"]);
        assert_eq!(edited.as_ptr(), tags(&["travel ban", "russia"]).as_ptr());
        edited.edit(ThinVec::clear);
        assert_eq!(edited, Tags::default(), "an empty list holds nothing");
    }
}
