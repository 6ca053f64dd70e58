//! A record's text: its own copy, or a slice of a large file that stays mapped for the rest of
//! the process, so that a million events do not copy the file's text into tlx's own memory.
//!
//! Why a type of our own: a field is either owned or lent for good (`&'static str`), which
//! `Cow<'static, str>` says, but a `Cow` takes 24 bytes and this takes 16, as the `Box<str>` it
//! replaced did, and a million events hold some ten million of these (`Source` stays at 160
//! bytes). The crates that hold either kind in two words (beef's lean `Cow`) are no longer kept
//! up; `compact_str` and `hipstr` take three.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::ptr::NonNull;

mod shared;

/// Text owned (a `Box<str>`) or lent for the life of the process (a `&'static str`).
pub struct Text {
    ptr: NonNull<u8>,
    /// The length in bytes, with [`OWNED`] set when `ptr` is a box of ours to free.
    len: usize,
}

/// The top bit of `Text::len`: no `str` is that long (an allocation is at most `isize::MAX`).
const OWNED: usize = 1 << (usize::BITS - 1);

// SAFETY: a `Text` is a `Box<str>` or a `&'static str`, both of which are Send and Sync.
unsafe impl Send for Text {}
// SAFETY: as above.
unsafe impl Sync for Text {}

impl Text {
    /// Text lent for the life of the process: nothing is copied.
    pub const fn lent(text: &'static str) -> Text {
        Text {
            // SAFETY: a reference is never null.
            ptr: unsafe { NonNull::new_unchecked(text.as_ptr().cast_mut()) },
            len: text.len(),
        }
    }

    /// A record's name (an outlet, a denier, a tag): lent from the one copy kept for every record
    /// that names it (see [`shared`]).
    pub fn shared(name: &str) -> Text {
        shared::shared(name)
    }

    /// The text, as `String::as_str` gives it.
    pub fn as_str(&self) -> &str {
        self
    }

    /// True when the text is its own copy rather than lent.
    pub fn is_owned(&self) -> bool {
        self.len & OWNED != 0
    }

    /// The text as a string (a copy of it, when lent).
    pub fn into_string(self) -> String {
        match self.is_owned() {
            true => self.into_boxed().into_string(),
            false => self.to_string(),
        }
    }

    /// The text's bytes as the `str` they are: those of a `Box<str>` this text owns or of a
    /// `&'static str`.
    fn raw(&self) -> *mut str {
        std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len & !OWNED) as *mut str
    }

    /// The owned box; only for an owned text.
    fn into_boxed(self) -> Box<str> {
        debug_assert!(self.is_owned());
        let raw = self.raw();
        std::mem::forget(self);
        // SAFETY: an owned text's bytes are a box it was made from, given up here by `self`.
        unsafe { Box::from_raw(raw) }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: a box this text owns, or a `&'static str`: live, and UTF-8. (A lent slice of a
        // mapped file stays mapped; should another program rewrite the file, src/mapped.rs and
        // src/mapped/guarded.rs say what its bytes then hold.)
        unsafe { &*self.raw() }
    }
}

impl Drop for Text {
    fn drop(&mut self) {
        if self.is_owned() {
            // SAFETY: as in `into_boxed`: this text owns the box, and drops it once.
            drop(unsafe { Box::from_raw(self.raw()) });
        }
    }
}

impl From<Box<str>> for Text {
    fn from(text: Box<str>) -> Text {
        let len = text.len();
        let raw = Box::into_raw(text);
        Text {
            // SAFETY: a box is never null (an empty one is dangling, not null).
            ptr: unsafe { NonNull::new_unchecked(raw.cast::<u8>()) },
            len: len | OWNED,
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        text.into_boxed_str().into()
    }
}

/// A copy: a `&str` that is not `'static` cannot be lent ([`Text::lent`] says when one can).
impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Box::<str>::from(text).into()
    }
}

/// A copy when borrowed, the string itself when owned.
impl From<Cow<'_, str>> for Text {
    fn from(text: Cow<'_, str>) -> Text {
        match text {
            Cow::Borrowed(s) => s.into(),
            Cow::Owned(s) => s.into(),
        }
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.into_string()
    }
}

impl Clone for Text {
    fn clone(&self) -> Text {
        match self.is_owned() {
            true => Text::from(&**self),
            false => Text {
                ptr: self.ptr,
                len: self.len,
            },
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::lent("")
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        **self == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == **other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }

    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const _: () = assert!(size_of::<Text>() == 16 && size_of::<Option<Text>>() == 16);

    #[test]
    fn lent_text_is_not_copied_and_owned_text_is_freed_once() {
        static FILE: &str = "a mapped file's text";
        let lent = Text::lent(&FILE[2..8]);
        assert_eq!(&*lent, "mapped");
        assert!(!lent.is_owned());
        assert_eq!(lent.as_ptr(), FILE[2..].as_ptr(), "a slice of the file, not a copy");
        assert_eq!(lent.clone().as_ptr(), lent.as_ptr(), "a clone of lent text is lent too");
        let owned = Text::from(String::from("owned"));
        assert!(owned.is_owned());
        let copy = owned.clone();
        assert_ne!(copy.as_ptr(), owned.as_ptr());
        drop(owned);
        assert_eq!(copy.into_string(), "owned");
        assert_eq!(Text::default(), Text::from(""));
    }

    proptest! {
        #[test]
        fn text_behaves_as_the_string_it_holds(a in ".{0,40}", b in ".{0,40}") {
            let (ta, tb) = (Text::from(a.as_str()), Text::from(b.clone()));
            prop_assert_eq!(&*ta, a.as_str());
            prop_assert_eq!(ta == tb, a == b);
            prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
            let hash = |t: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                t(&mut h);
                h.finish()
            };
            prop_assert_eq!(hash(&|h| ta.hash(h)), hash(&|h| a.as_str().hash(h)));
            let json = serde_json::to_string(&ta).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&a).unwrap());
            let back: Text = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, ta.clone());
            prop_assert_eq!(format!("{ta:?}"), format!("{a:?}"));
            prop_assert_eq!(ta.into_string(), a);
        }
    }
}
