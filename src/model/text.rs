//! A record's text: its own copy, or a slice of a large file that stays mapped for the rest of
//! the process, so that a million events do not copy the file's text into tlx's own memory.
//!
//! Why a type of our own: a field is either owned or lent for good (`&'static str`), which
//! `Cow<'static, str>` says, but a `Cow` takes 24 bytes and this takes 8, one pointer: a million
//! events hold some eight million of these (an event's id, title and summary, each source's
//! quote and link), and the 16 bytes of a `Box<str>` (pointer and length) made them a fifth of
//! what a loaded event holds. The crates that hold either kind in two words (beef's lean `Cow`)
//! are no longer kept up; `compact_str` and `hipstr` take three.
//!
//! The length of a text shorter than [`LONG`] bytes rides in the pointer's top 16 bits, which
//! no address of a process's own memory uses on the 64-bit targets tlx is built for (their user
//! addresses have 47 or 48 bits); a longer text, or one whose address would not fit, is a
//! pointer to a boxed [`Long`] that holds its address and length.

use std::borrow::Cow;
use std::ops::Deref;
use std::ptr::NonNull;

#[cfg(not(target_pointer_width = "64"))]
compile_error!("`Text` keeps a text's length in a pointer's top 16 bits, which only 64-bit targets have");

/// Text owned (a `Box<str>`) or lent for the life of the process (a `&'static str`).
pub struct Text {
    /// The text's first byte, or its [`Long`], with its length (or [`LONG`]) in bits 48 to 62
    /// and [`OWNED`] set when the bytes are a box of ours to free.
    tagged: NonNull<u8>,
}

/// The address bits of `Text::tagged` (and of `super::sources::Sources`'s word).
pub(super) const ADDRESS: usize = (1 << 48) - 1;
/// Where the length starts in `Text::tagged` (and in `super::sources::Sources`'s word).
pub(super) const LENGTH: u32 = 48;
/// The length that says the text is a [`Long`]: every shorter one is the text's own.
const LONG: usize = 0x7fff;
/// The top bit of `Text::tagged`: the bytes are a box of ours to free.
const OWNED: usize = 1 << 63;

/// A text too long for the pointer's spare bits, or at an address that leaves none: boxed, with
/// its bytes (owned or lent, as the [`Text`] says) and length.
struct Long {
    bytes: NonNull<u8>,
    len: usize,
}

// SAFETY: a `Text` is a `Box<str>` or a `&'static str` (with, for a long one, a box of its own
// that points to it), both of which are Send and Sync.
unsafe impl Send for Text {}
// SAFETY: as above.
unsafe impl Sync for Text {}

impl Text {
    /// Text lent for the life of the process: nothing is copied.
    pub fn lent(text: &'static str) -> Text {
        Text::new(NonNull::from(text.as_bytes()).cast(), text.len(), false)
    }

    /// The text, as `String::as_str` gives it.
    pub fn as_str(&self) -> &str {
        self
    }

    /// True when the text is its own copy rather than lent.
    pub fn is_owned(&self) -> bool {
        self.tagged.addr().get() & OWNED != 0
    }

    /// The text as a string (a copy of it, when lent).
    pub fn into_string(self) -> String {
        match self.is_owned() {
            true => self.into_boxed().into_string(),
            false => self.to_string(),
        }
    }

    /// A text of the `len` bytes at `bytes`, a box's to free when `owned`, else lent for good.
    fn new(bytes: NonNull<u8>, len: usize, owned: bool) -> Text {
        let owned = if owned { OWNED } else { 0 };
        if len < LONG && bytes.addr().get() <= ADDRESS {
            let tagged = bytes.map_addr(|a| a | len << LENGTH | owned);
            return Text { tagged };
        }
        let long = NonNull::from(Box::leak(Box::new(Long { bytes, len })));
        // A heap address beyond 48 bits would need a kernel asked for a larger address space
        // (5-level paging and an allocator that asks for it), which tlx's allocators never do.
        assert!(
            long.addr().get() <= ADDRESS,
            "tlx's text needs addresses of at most 48 bits"
        );
        Text {
            tagged: long.cast().map_addr(|a| a | LONG << LENGTH | owned),
        }
    }

    /// Its [`Long`], when it is one.
    fn long(&self) -> Option<NonNull<Long>> {
        let a = self.tagged.addr().get();
        // SAFETY: the address bits of a long text's pointer are its `Long`'s box, not null.
        (a >> LENGTH & LONG == LONG).then(|| unsafe { self.address().cast() })
    }

    /// The pointer without its length and ownership.
    ///
    /// # Safety
    /// The address bits are never zero: they are a reference's or a box's.
    unsafe fn address(&self) -> NonNull<u8> {
        // SAFETY: as the caller promises.
        self.tagged
            .map_addr(|a| unsafe { std::num::NonZero::new_unchecked(a.get() & ADDRESS) })
    }

    /// The text's first byte and its length.
    fn parts(&self) -> (NonNull<u8>, usize) {
        match self.long() {
            // SAFETY: a long text's box lives as long as the text.
            Some(long) => unsafe { (long.as_ref().bytes, long.as_ref().len) },
            // SAFETY: a short text's address bits are its bytes'.
            None => unsafe { (self.address(), self.tagged.addr().get() >> LENGTH & LONG) },
        }
    }

    /// The text's bytes as the `str` they are: those of a `Box<str>` this text owns or of a
    /// `&'static str`.
    fn raw(&self) -> *mut str {
        let (bytes, len) = self.parts();
        std::ptr::slice_from_raw_parts_mut(bytes.as_ptr(), len) as *mut str
    }

    /// The owned box; only for an owned text.
    fn into_boxed(self) -> Box<str> {
        debug_assert!(self.is_owned());
        let raw = self.raw();
        self.free_long();
        std::mem::forget(self);
        // SAFETY: an owned text's bytes are a box it was made from, given up here by `self`.
        unsafe { Box::from_raw(raw) }
    }

    /// Frees its [`Long`], when it is one; the text is not used after.
    fn free_long(&self) {
        if let Some(long) = self.long() {
            // SAFETY: made by `Box::leak` in `Text::new`, and freed once, by the text's end.
            drop(unsafe { Box::from_raw(long.as_ptr()) });
        }
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
        let raw = self.raw();
        self.free_long();
        if self.is_owned() {
            // SAFETY: as in `into_boxed`: this text owns the box, and drops it once.
            drop(unsafe { Box::from_raw(raw) });
        }
    }
}

impl From<Box<str>> for Text {
    fn from(text: Box<str>) -> Text {
        let len = text.len();
        // A box is never null (an empty one is dangling, not null).
        Text::new(NonNull::from(Box::leak(text)).cast(), len, true)
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
        match (self.is_owned(), self.long()) {
            (true, _) => Text::from(&**self),
            (false, None) => Text { tagged: self.tagged },
            (false, Some(_)) => {
                let (bytes, len) = self.parts();
                Text::new(bytes, len, false)
            }
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
    use std::sync::LazyLock;

    const _: () = assert!(size_of::<Text>() == 8 && size_of::<Option<Text>>() == 8);

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

    #[test]
    fn a_text_too_long_for_the_pointers_spare_bits_is_held_whole_lent_or_owned() {
        static FILE: LazyLock<String> = LazyLock::new(|| "ab".repeat(2 * LONG));
        for len in [LONG - 1, LONG, 2 * LONG] {
            let lent = Text::lent(&FILE[..len]);
            assert_eq!(lent.long().is_some(), len >= LONG, "{len} bytes");
            assert_eq!(
                (lent.len(), lent.as_ptr()),
                (len, FILE.as_ptr()),
                "{len} bytes, not copied"
            );
            assert!(!lent.is_owned());
            let clone = lent.clone();
            assert_eq!(
                (clone.len(), clone.as_ptr()),
                (len, FILE.as_ptr()),
                "a clone of lent text is lent too"
            );
            let owned = Text::from(&FILE[1..=len]);
            assert!(owned.is_owned());
            assert_eq!(&*owned, &FILE[1..=len]);
            let copy = owned.clone();
            assert_ne!(copy.as_ptr(), owned.as_ptr());
            drop(owned);
            assert_eq!(copy.into_string(), FILE[1..=len]);
        }
    }

    proptest! {
        #[test]
        fn text_behaves_as_the_string_it_holds(a in ".{0,40}", b in ".{0,40}", long in 0..3usize) {
            // Either long enough, at times, to be a `Long`.
            let [a, b] = [a, b].map(|s| s.repeat(1 + long * LONG / 40));
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
