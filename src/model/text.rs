//! A record's text: its own copy, or a slice of a large file that stays mapped for the rest of
//! the process, so that a million events do not copy the file's text into tlx's own memory.
//!
//! Why a type of our own: a field is either owned or lent for good (`&'static str`), which
//! `Cow<'static, str>` says, but a `Cow` takes 24 bytes and this takes 16, as the `Box<str>` it
//! replaced did, and a million events hold some ten million of these (`Source` stays at 160
//! bytes). The crates that hold either kind in two words (beef's lean `Cow`) are no longer kept
//! up; `compact_str` and `hipstr` take three.

use std::borrow::Cow;
use std::ops::Deref;
use std::ptr::NonNull;

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

/// The traits by which a string of ours behaves as the `str` it holds (compared, ordered, hashed,
/// shown, serialized and described in the schema as one): [`Text`] and [`super::Name`].
macro_rules! str_like {
    ($t:ty) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&**self, f)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self)
            }
        }

        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                **self == **other
            }
        }

        impl Eq for $t {}

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                **self == *other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                **self == **other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                **self == **other
            }
        }

        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                *self == **other
            }
        }

        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                **self == **other
            }
        }

        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                **self == **other
            }
        }

        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &$t) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $t {
            fn cmp(&self, other: &$t) -> std::cmp::Ordering {
                (**self).cmp(&**other)
            }
        }

        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                (**self).hash(state);
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self
            }
        }

        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                String::deserialize(deserializer).map(<$t>::from)
            }
        }

        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                String::schema_name()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                String::json_schema(generator)
            }

            fn inline_schema() -> bool {
                true
            }
        }
    };
}

pub(crate) use str_like;

str_like!(Text);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fmt;
    use std::hash::Hash;

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
            behaves_as_the_string_it_holds::<Text>(&a, &b)?;
        }
    }

    /// Holds a string of ours ([`str_like`]) made from `a` to what `a` as a `String` does, beside one
    /// made from `b`: the text, comparisons, hash, JSON, debug form and the string it gives back.
    pub(crate) fn behaves_as_the_string_it_holds<T>(
        a: &str,
        b: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError>
    where
        T: for<'s> From<&'s str> + From<String> + Into<String> + Deref<Target = str> + Ord + Hash + Clone + fmt::Debug,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        use proptest::prop_assert_eq;
        use std::hash::BuildHasher;
        let (ta, tb) = (T::from(a), T::from(b.to_string()));
        prop_assert_eq!(&*ta, a);
        prop_assert_eq!(ta == tb, a == b);
        prop_assert_eq!(ta.cmp(&tb), a.cmp(b));
        let hasher = std::hash::RandomState::new();
        prop_assert_eq!(hasher.hash_one(&ta), hasher.hash_one(a));
        let json = serde_json::to_string(&ta).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(a).unwrap());
        let back: T = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, ta.clone());
        prop_assert_eq!(format!("{ta:?}"), format!("{a:?}"));
        let back: String = ta.into();
        prop_assert_eq!(back, a);
        Ok(())
    }
}
