//! A record's list of names (an event's tags, its actors, a source's outlet and whom it cites) in
//! one word, mostly kept once for every record that lists the same names.
//!
//! A million events list a few thousand distinct sets of tags, and each event held a list of
//! its own: a [`ThinVec`]'s header and its names, some 35 bytes an event, in a million small
//! allocations. A list read by a loader whose names are all kept ([`Name::shared`]) is looked up
//! among the lists kept for good (`model::kept`) and shared; any other list is its own,
//! boxed, marked by the pointer's low bit, as a [`Name`] marks its own copy.

use std::cell::RefCell;
use std::ops::Deref;
use std::ptr::NonNull;
use std::thread::LocalKey;

use thin_vec::ThinVec;

use super::Name;
use super::kept::{Kept, Set, set};

/// An event's tags or actors: a list kept for good, or one of its own.
#[repr(transparent)]
pub struct Names {
    /// The list, with [`OWNED`] set in the address when it is a box of ours to free.
    tagged: NonNull<ThinVec<Name>>,
}

/// The pointer's low bit: set when the list is a box this value owns.
const OWNED: usize = 1;

/// A bit no list's word has set: a list's address is aligned to its pointer, and only [`OWNED`]
/// marks it. A source's `super::said::Said` marks its other form with it.
pub(super) const FREE_BIT: usize = 2;

const _: () = assert!(align_of::<ThinVec<Name>>() > FREE_BIT && FREE_BIT != OWNED);

/// The empty list: every record that lists nothing, with no allocation.
static EMPTY: ThinVec<Name> = ThinVec::new();

/// Bytes kept for good at most, by [`cost`].
const BUDGET: usize = 16 << 20;

/// A longer list is not one that many records share.
const LONGEST: usize = 32;

/// Every list of tags or actors kept.
static KEPT: Kept<Listed> = Kept::new(BUDGET);

/// Bytes kept for good at most for [`PAIRS`]: some 55,000 pairs.
const PAIRS_BUDGET: usize = 8 << 20;

/// Every pair of an outlet and whom it cites kept ([`super::Attribution`]): apart from the tags',
/// so that a file of many outlets does not spend their budget.
static PAIRS: Kept<Listed> = Kept::new(PAIRS_BUDGET);

thread_local! {
    /// The lists this thread has looked up.
    static NEAR: RefCell<Set<Listed>> = const { RefCell::new(set()) };
    /// The pairs this thread has looked up.
    static NEAR_PAIRS: RefCell<Set<Listed>> = const { RefCell::new(set()) };
}

/// A kept list, found by its names' addresses: each of its names is kept, the one copy of its
/// text, so two such lists are equal when their addresses are. Comparing the names' text took
/// a million events' load some 6% of its time, most of it waiting on memory.
#[derive(Clone)]
struct Listed {
    addresses: Addresses,
    names: Names,
}

/// The most names whose addresses a kept list holds in place.
const FEW: usize = 4;

/// A kept list's names' addresses: in place for the few names most lists have, so that finding
/// the list compares what its entry in the set holds. Held apart, they were a second wait on
/// memory: comparing took 7% of the samples of a million events' load (perf), and takes half.
#[derive(Clone, Copy)]
enum Addresses {
    Few(u8, [usize; FEW]),
    Many(&'static [usize]),
}

impl Addresses {
    fn new(addresses: &[usize]) -> Addresses {
        match addresses.len() {
            len @ 0..=FEW => {
                let mut few = [0; FEW];
                few[..len].copy_from_slice(addresses);
                Addresses::Few(len as u8, few)
            }
            _ => Addresses::Many(Box::leak(addresses.into())),
        }
    }
}

impl Deref for Addresses {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        match self {
            Addresses::Few(len, few) => &few[..usize::from(*len)],
            Addresses::Many(many) => many,
        }
    }
}

// By the addresses alone, as they are looked up (`Borrow<[usize]>`).
impl PartialEq for Listed {
    fn eq(&self, other: &Listed) -> bool {
        *self.addresses == *other.addresses
    }
}

impl Eq for Listed {}

impl std::hash::Hash for Listed {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (*self.addresses).hash(state);
    }
}

impl std::borrow::Borrow<[usize]> for Listed {
    fn borrow(&self) -> &[usize] {
        &self.addresses
    }
}

// SAFETY: a `Names` is a `Box<ThinVec<Name>>` or a `&'static ThinVec<Name>`, never written again
// once shared; both are Send and Sync, as `Name` is.
unsafe impl Send for Names {}
// SAFETY: as above.
unsafe impl Sync for Names {}

impl Names {
    /// A record's list as read from a file: the one kept for every record that lists the same
    /// names, when they are all kept names; else a list of its own.
    pub fn shared(list: impl AsRef<[Name]> + Into<Names>) -> Names {
        Names::shared_in(list, &KEPT, &NEAR)
    }

    /// An outlet and whom it cites, as [`Names::shared`] but among the pairs kept.
    pub(super) fn shared_pair(list: impl AsRef<[Name]> + Into<Names>) -> Names {
        Names::shared_in(list, &PAIRS, &NEAR_PAIRS)
    }

    fn shared_in(
        list: impl AsRef<[Name]> + Into<Names>,
        kept: &Kept<Listed>,
        near: &'static LocalKey<RefCell<Set<Listed>>>,
    ) -> Names {
        let names = list.as_ref();
        let keepable = !names.is_empty() && names.len() <= LONGEST && names.iter().all(|n| !n.is_owned());
        if !keepable {
            return list.into();
        }
        let mut addresses = [0; LONGEST];
        for (a, name) in addresses.iter_mut().zip(names) {
            *a = name.as_ptr().addr();
        }
        let addresses = &addresses[..names.len()];
        let kept = kept.get(near, addresses, cost(names.len()), || Listed {
            addresses: Addresses::new(addresses),
            // A kept name's clone is the same pointer: nothing is copied.
            names: Names::kept(names.iter().cloned().collect()),
        });
        kept.map_or_else(|| list.into(), |kept| kept.names)
    }

    /// True when the list is its own rather than kept for good (or empty).
    pub fn is_owned(&self) -> bool {
        self.tagged.addr().get() & OWNED != 0
    }

    /// The list to change: its own, copied first when it was kept.
    pub fn to_mut(&mut self) -> &mut ThinVec<Name> {
        if !self.is_owned() {
            *self = Names::owned(ThinVec::from(&**self));
        }
        // SAFETY: an owned list is a box this value holds alone, for as long as it is borrowed.
        unsafe { &mut *self.list().as_ptr() }
    }

    /// `list`, kept for good.
    fn kept(list: ThinVec<Name>) -> Names {
        Names {
            tagged: NonNull::from(Box::leak(Box::new(list))),
        }
    }

    /// `list` as a box of its own.
    fn owned(list: ThinVec<Name>) -> Names {
        let boxed = NonNull::from(Box::leak(Box::new(list)));
        Names {
            tagged: boxed.map_addr(|a| a | OWNED),
        }
    }

    /// The list, without the mark.
    fn list(&self) -> NonNull<ThinVec<Name>> {
        // SAFETY: the bit cleared is one a `ThinVec`'s address (aligned to its pointer) never
        // has: what is left is the box's or the static's address, not null.
        self.tagged
            .map_addr(|a| unsafe { std::num::NonZero::new_unchecked(a.get() & !OWNED) })
    }
}

/// What keeping a list of `len` names costs: its entries in the shared set and in the threads',
/// its box, its `ThinVec`'s header and names, and their addresses when they are not in place.
fn cost(len: usize) -> usize {
    2 * size_of::<Listed>() + 16 + 8 + 16 * len
}

impl Deref for Names {
    type Target = [Name];

    fn deref(&self) -> &[Name] {
        // SAFETY: the list is a box this value owns, or a `ThinVec` kept for good (or `EMPTY`),
        // never changed while shared.
        unsafe { self.list().as_ref() }
    }
}

impl Drop for Names {
    fn drop(&mut self) {
        if self.is_owned() {
            // SAFETY: an owned list is a box made by `Names::owned`, freed once, here.
            drop(unsafe { Box::from_raw(self.list().as_ptr()) });
        }
    }
}

impl Clone for Names {
    fn clone(&self) -> Names {
        match self.is_owned() {
            true => Names::owned(ThinVec::from(&**self)),
            false => Names { tagged: self.tagged },
        }
    }
}

impl Default for Names {
    fn default() -> Names {
        Names {
            tagged: NonNull::from(&EMPTY),
        }
    }
}

/// A list of its own (none for an empty one).
impl From<ThinVec<Name>> for Names {
    fn from(list: ThinVec<Name>) -> Names {
        match list.is_empty() {
            true => Names::default(),
            false => Names::owned(list),
        }
    }
}

impl From<Vec<Name>> for Names {
    fn from(list: Vec<Name>) -> Names {
        ThinVec::from(list).into()
    }
}

impl<const N: usize> From<[Name; N]> for Names {
    fn from(list: [Name; N]) -> Names {
        list.into_iter().collect()
    }
}

impl FromIterator<Name> for Names {
    fn from_iter<I: IntoIterator<Item = Name>>(names: I) -> Names {
        names.into_iter().collect::<ThinVec<_>>().into()
    }
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        **self == **other
    }
}

impl Eq for Names {}

impl<U, const N: usize> PartialEq<[U; N]> for Names
where
    Name: PartialEq<U>,
{
    fn eq(&self, other: &[U; N]) -> bool {
        **self == *other
    }
}

impl<U> PartialEq<Vec<U>> for Names
where
    Name: PartialEq<U>,
{
    fn eq(&self, other: &Vec<U>) -> bool {
        **self == **other
    }
}

impl serde::Serialize for Names {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Names, D::Error> {
        Vec::<Name>::deserialize(deserializer).map(Names::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const _: () = assert!(size_of::<Names>() == 8 && size_of::<Option<Names>>() == 8);

    fn shared(names: &[&str]) -> Names {
        Names::shared(names.iter().map(|n| Name::shared(n)).collect::<Vec<_>>())
    }

    #[test]
    fn a_list_of_kept_names_is_kept_once_and_lent_to_every_record_that_lists_them() {
        let a = shared(&["audit", "transport"]);
        let b = shared(&["audit", "transport"]);
        assert_eq!(a, ["audit", "transport"]);
        assert!(!a.is_owned());
        assert_eq!(a.as_ptr(), b.as_ptr(), "one list");
        assert_eq!(
            a.clone().as_ptr(),
            a.as_ptr(),
            "a clone of a kept list is the same list"
        );
        let elsewhere = std::thread::spawn(|| shared(&["audit", "transport"]).as_ptr() as usize);
        assert_eq!(
            elsewhere.join().unwrap(),
            a.as_ptr() as usize,
            "one list for every thread"
        );
        let other = shared(&["transport", "audit"]);
        assert_eq!(other, ["transport", "audit"], "the order is the list's");
        assert_ne!(other.as_ptr(), a.as_ptr());
    }

    #[test]
    fn a_list_of_more_names_than_fit_in_its_entry_is_kept_and_found_by_all_of_them() {
        let names: Vec<String> = (0..=FEW).map(|i| format!("party {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let a = shared(&names);
        assert!(!a.is_owned());
        assert_eq!(shared(&names).as_ptr(), a.as_ptr(), "one list");
        // The first names in place would be the same; the last tells them apart.
        let mut other = names.clone();
        other[FEW] = "another party";
        let b = shared(&other);
        assert_eq!(b, other);
        assert_ne!(b.as_ptr(), a.as_ptr());
        let few = shared(&names[..FEW]);
        assert_eq!(few, names[..FEW].to_vec());
        assert_ne!(
            few.as_ptr(),
            a.as_ptr(),
            "a list of the first names alone is another list"
        );
    }

    #[test]
    fn a_list_with_a_name_of_its_own_is_its_own_and_freed_once() {
        let list = Names::shared(vec![Name::shared("audit"), Name::from("a name of its own")]);
        assert!(list.is_owned());
        let copy = list.clone();
        assert_ne!(copy.as_ptr(), list.as_ptr());
        drop(list);
        assert_eq!(copy, ["audit", "a name of its own"]);
        let long: Vec<String> = (0..=LONGEST).map(|i| format!("tag {i}")).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        assert!(shared(&long).is_owned(), "longer than a kept list");
        assert!(!Names::default().is_owned() && Names::default().is_empty());
        assert!(!shared(&[]).is_owned(), "the empty list is the one static");
    }

    #[test]
    fn a_kept_list_is_copied_before_it_changes_and_the_other_holders_keep_theirs() {
        let kept = shared(&["audit"]);
        let mut changed = kept.clone();
        changed.to_mut().push(Name::from("trade"));
        assert!(changed.is_owned());
        assert_eq!(changed, ["audit", "trade"]);
        assert_eq!(kept, ["audit"]);
        assert_eq!(shared(&["audit"]).as_ptr(), kept.as_ptr(), "still kept");
        let mut empty = Names::default();
        empty.to_mut().push(Name::from("era"));
        assert_eq!(empty, ["era"]);
        assert!(Names::default().is_empty(), "the static empty list is never changed");
    }

    #[test]
    fn a_list_reads_and_writes_as_a_plain_list() {
        let list: Names = serde_json::from_str(r#"["audit", "trade"]"#).unwrap();
        assert_eq!(list, ["audit", "trade"]);
        assert_eq!(serde_json::to_string(&list).unwrap(), r#"["audit","trade"]"#);
        assert_eq!(serde_json::to_string(&Names::default()).unwrap(), "[]");
    }
}
