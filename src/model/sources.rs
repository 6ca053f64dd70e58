//! An event's sources, in one word.
//!
//! A loaded event's sources are exactly their number, seldom added to (see
//! [`super::Event::add_sources`]), so they were a boxed slice: its address and its length, two
//! words of an 80-byte event. The length of a list shorter than [`LONG`] rides in the address's
//! top 16 bits, as a [`super::Text`]'s does (no heap address of tlx's uses them, which both
//! assert); a longer list is a pointer to a box of the slice. A million events take 8 MB less.

use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use super::source::Source;
// The address bits and where the length starts, as a `Text` places them.
use super::text::{ADDRESS, LENGTH};

/// A boxed slice of sources in one word: see the module's doc.
pub struct Sources {
    /// The first source (dangling for none), with the length, or [`LONG`] and the address of a
    /// `Box<[Source]>`, in bits 48 to 63.
    tagged: NonNull<Source>,
}

/// The length that says the list is boxed again: every shorter one is the list's own.
const LONG: usize = 0xffff;

const _: () = assert!(size_of::<Sources>() == 8);

// SAFETY: a `Sources` is a `Box<[Source]>`, held alone; `Source` is Send and Sync.
unsafe impl Send for Sources {}
// SAFETY: as above.
unsafe impl Sync for Sources {}

impl Sources {
    /// The sources as a `Vec`, to add to.
    pub fn into_vec(self) -> Vec<Source> {
        self.into_boxed().into_vec()
    }

    /// The list's first source and its length.
    fn parts(&self) -> (NonNull<Source>, usize) {
        let len = self.tagged.addr().get() >> LENGTH;
        // SAFETY: the address bits are a box's (a dangling one for an empty list), not null.
        let address = self
            .tagged
            .map_addr(|a| unsafe { std::num::NonZero::new_unchecked(a.get() & ADDRESS) });
        match len {
            // SAFETY: a long list's address is its box of the slice, alive while `self` is.
            LONG => unsafe {
                let slice = NonNull::new_unchecked(*address.cast::<*mut [Source]>().as_ptr());
                (slice.cast(), slice.len())
            },
            _ => (address, len),
        }
    }

    /// The slice, whose box this value holds.
    fn raw(&self) -> *mut [Source] {
        let (first, len) = self.parts();
        std::ptr::slice_from_raw_parts_mut(first.as_ptr(), len)
    }

    fn into_boxed(self) -> Box<[Source]> {
        let raw = self.raw();
        self.free_long();
        std::mem::forget(self);
        // SAFETY: the slice is a box made in `From<Box<[Source]>>`, given up here by `self`.
        unsafe { Box::from_raw(raw) }
    }

    /// Frees the box of a long list's slice (not the slice); the list is not used after.
    fn free_long(&self) {
        if self.tagged.addr().get() >> LENGTH == LONG {
            let address = self.tagged.as_ptr().map_addr(|a| a & ADDRESS);
            // SAFETY: made by `Box::into_raw` in `From<Box<[Source]>>`, freed once, here.
            drop(unsafe { Box::from_raw(address.cast::<*mut [Source]>()) });
        }
    }
}

impl From<Box<[Source]>> for Sources {
    fn from(list: Box<[Source]>) -> Sources {
        let len = list.len().min(LONG);
        let raw = Box::into_raw(list);
        let first = match len {
            LONG => Box::into_raw(Box::new(raw)).cast::<Source>(),
            _ => raw.cast::<Source>(),
        };
        assert!(
            first.addr() <= ADDRESS,
            "tlx's sources need addresses of at most 48 bits"
        );
        Sources {
            // SAFETY: a box's address (dangling, not null, when empty) with bits added.
            tagged: unsafe { NonNull::new_unchecked(first.map_addr(|a| a | len << LENGTH)) },
        }
    }
}

impl From<Vec<Source>> for Sources {
    fn from(list: Vec<Source>) -> Sources {
        list.into_boxed_slice().into()
    }
}

impl<const N: usize> From<[Source; N]> for Sources {
    fn from(list: [Source; N]) -> Sources {
        Box::<[Source]>::from(list).into()
    }
}

impl FromIterator<Source> for Sources {
    fn from_iter<I: IntoIterator<Item = Source>>(list: I) -> Sources {
        list.into_iter().collect::<Box<[Source]>>().into()
    }
}

impl Default for Sources {
    fn default() -> Sources {
        Box::<[Source]>::default().into()
    }
}

impl Deref for Sources {
    type Target = [Source];

    fn deref(&self) -> &[Source] {
        // SAFETY: a box this value holds, alive while it is borrowed.
        unsafe { &*self.raw() }
    }
}

impl DerefMut for Sources {
    fn deref_mut(&mut self) -> &mut [Source] {
        // SAFETY: a box this value holds alone, for as long as it is borrowed.
        unsafe { &mut *self.raw() }
    }
}

impl Drop for Sources {
    fn drop(&mut self) {
        let raw = self.raw();
        self.free_long();
        // SAFETY: as in `into_boxed`: the box this value holds, dropped once.
        drop(unsafe { Box::from_raw(raw) });
    }
}

impl Clone for Sources {
    fn clone(&self) -> Sources {
        Box::<[Source]>::from(&**self).into()
    }
}

impl PartialEq for Sources {
    fn eq(&self, other: &Sources) -> bool {
        **self == **other
    }
}

impl serde::Serialize for Sources {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Name};

    fn source(i: usize) -> Source {
        Source {
            said: Attribution::new(Name::from(format!("Outlet {i}")), None).into(),
            ..Source::default()
        }
    }

    #[test]
    fn a_list_gives_back_its_sources_whatever_its_length() {
        for len in [0, 1, 3, LONG - 1, LONG, LONG + 2] {
            let list: Vec<Source> = (0..len).map(source).collect();
            let mut sources = Sources::from(list.clone());
            assert_eq!(sources.len(), len);
            assert!(*sources == *list, "{len} sources");
            assert_eq!(sources.clone(), sources);
            if let Some(last) = sources.last_mut() {
                *last = source(len + 1);
            }
            let mut back = sources.into_vec();
            assert_eq!(back.len(), len);
            back.push(source(0));
            assert_eq!(Sources::from(back).len(), len + 1);
        }
        assert!(Sources::default().is_empty());
        assert_eq!(Sources::from([source(1), source(2)])[1].outlet(), "Outlet 2");
    }
}
