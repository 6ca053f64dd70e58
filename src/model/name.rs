//! A record's name (an outlet, a source's `citing`, `via` and `derived_from`, a denier, a tag, an
//! actor) in eight bytes, as a [`Text`](super::Text) is, but mostly kept once for every record that
//! names it: a million events hold some eight million names, and eight bytes fewer for each of a
//! source's four took a fifth off a `Source` (160 → 128 bytes).
//!
//! A name is one pointer to its length and then its bytes. Most names are kept once for the whole
//! process and shared by every record that names them ([`Name::shared`], see [`shared`]); the rest
//! are each their own copy, marked by the pointer's low bit (the length is a `usize`, so the
//! pointer is always even). Written here rather than taken from a crate because a name is either
//! owned or kept for good within that one word, and the interning crate that would keep them
//! (`ustr`) never frees a string (see [`shared`]).

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::ops::Deref;
use std::ptr::NonNull;

use super::text::str_like;

mod shared;

/// A name: its own copy, or kept for the life of the process.
pub struct Name {
    /// The length (a `usize`) and then the bytes, with [`OWNED`] set in the address when the
    /// allocation is this name's to free.
    tagged: NonNull<usize>,
}

/// The pointer's low bit: set when the name owns its allocation.
const OWNED: usize = 1;

/// The empty name's length, and no bytes.
static EMPTY: usize = 0;

// SAFETY: a `Name` is an allocation it owns or one kept for good and never written again, as a
// `Box<str>` or a `&'static str` is; both are Send and Sync.
unsafe impl Send for Name {}
// SAFETY: as above.
unsafe impl Sync for Name {}

/// The empty name, as a value that lives as long as the process.
static NO_NAME: Name = Name {
    tagged: NonNull::from_ref(&EMPTY),
};

impl Name {
    /// The empty name, lent for as long as anything needs it.
    pub const EMPTY: &'static Name = &NO_NAME;

    /// A record's name as read from a file: the one copy kept for every record that names it
    /// (see [`shared`]), or a copy of its own once the budget for keeping names is spent.
    pub fn shared(name: &str) -> Name {
        shared::shared(name)
    }

    /// The name, as `String::as_str` gives it.
    pub fn as_str(&self) -> &str {
        self
    }

    /// True when the name is its own copy rather than kept for good.
    pub fn is_owned(&self) -> bool {
        self.tagged.as_ptr().addr() & OWNED != 0
    }

    /// A copy of `text` with its length before it, owned when `owned` (else never freed).
    fn new(text: &str, owned: bool) -> Name {
        let layout = layout(text.len());
        // SAFETY: the layout is never zero-sized (it holds the length).
        let Some(header) = NonNull::new(unsafe { alloc(layout) }.cast::<usize>()) else {
            handle_alloc_error(layout)
        };
        // SAFETY: the allocation holds a `usize`, aligned, then `text.len()` bytes.
        unsafe {
            header.write(text.len());
            let bytes = header.add(1).cast::<u8>();
            bytes.copy_from_nonoverlapping(NonNull::from(text.as_bytes()).cast(), text.len());
        }
        Name {
            tagged: header.map_addr(|a| a | usize::from(owned)),
        }
    }

    /// The name's length and bytes.
    fn header(&self) -> NonNull<usize> {
        let header = self.tagged.as_ptr().map_addr(|a| a & !OWNED);
        // SAFETY: the bit cleared is one an aligned `usize`'s address never has: what is left is
        // the allocation's address, which is not null.
        unsafe { NonNull::new_unchecked(header) }
    }
}

/// The allocation of a name of `len` bytes: its length, then its bytes.
fn layout(len: usize) -> Layout {
    Layout::new::<usize>()
        .extend(Layout::array::<u8>(len).expect("a name's length fits an allocation"))
        .expect("a name's length fits an allocation")
        .0
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        let header = self.header();
        // SAFETY: a name's allocation (its own, kept for good, or `EMPTY`) holds its length and
        // then that many bytes of UTF-8, never written again.
        unsafe {
            let len = header.read();
            let bytes = std::slice::from_raw_parts(header.add(1).cast::<u8>().as_ptr(), len);
            std::str::from_utf8_unchecked(bytes)
        }
    }
}

impl Drop for Name {
    fn drop(&mut self) {
        if self.is_owned() {
            let header = self.header();
            // SAFETY: this name owns the allocation, made by `Name::new` with this layout, and
            // frees it once.
            unsafe { dealloc(header.as_ptr().cast(), layout(header.read())) }
        }
    }
}

impl Clone for Name {
    fn clone(&self) -> Name {
        match self.is_owned() {
            true => Name::new(self, true),
            false => Name { tagged: self.tagged },
        }
    }
}

impl Default for Name {
    fn default() -> Name {
        Name { tagged: NO_NAME.tagged }
    }
}

/// A copy.
impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text, true)
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        text.as_str().into()
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.to_string()
    }
}

str_like!(Name);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const _: () = assert!(size_of::<Name>() == 8 && size_of::<Option<Name>>() == 8);

    #[test]
    fn an_owned_name_is_copied_and_freed_once_and_a_kept_one_is_shared() {
        let owned = Name::from("Fox News");
        assert!(owned.is_owned());
        let copy = owned.clone();
        assert_ne!(copy.as_ptr(), owned.as_ptr());
        drop(owned);
        assert_eq!(copy, "Fox News");
        let kept = Name::new("The Kremlin", false);
        assert!(!kept.is_owned());
        assert_eq!(
            kept.clone().as_ptr(),
            kept.as_ptr(),
            "a clone of a kept name is the same name"
        );
        assert_eq!(Name::default(), "");
        assert!(!Name::default().is_owned());
        assert_eq!(Name::from(""), Name::default());
    }

    proptest! {
        #[test]
        fn a_name_behaves_as_the_string_it_holds(a in ".{0,40}", b in ".{0,40}") {
            crate::model::text::tests::behaves_as_the_string_it_holds::<Name>(&a, &b)?;
        }
    }
}
