//! The names of a serde enum's unit variants (`next`, `page-down`): read one, or list them all for
//! hints. The enums keep their names in their `#[serde(rename_all)]`, so no list is kept by hand.

use serde::Deserialize;
use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

/// The variant called `name`, if there is one (variants marked `#[serde(skip)]` have no name).
pub fn parse<'de, T: Deserialize<'de>>(name: &'de str) -> Option<T> {
    let de: StrDeserializer<'de, Error> = name.into_deserializer();
    T::deserialize(de).ok()
}

/// Every variant's name, in declaration order.
pub fn all<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    // A derived `Deserialize` hands its variant names to `deserialize_enum`, where they are caught;
    // the error that follows is the expected end of the probe.
    let _ = T::deserialize(Probe(&mut names));
    names
}

struct Probe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        *self.0 = variants;
        Err(de::Error::custom("probed"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("not an enum"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, KeyMode};

    #[test]
    fn names_come_from_serde_and_skip_what_serde_skips() {
        // One name per mode, each read back as its mode, in the order `KeyMode::ALL` lists them:
        // a new screen's mode needs no change here.
        let modes: Vec<KeyMode> = super::all::<KeyMode>()
            .iter()
            .filter_map(|name| super::parse::<KeyMode>(name))
            .collect();
        assert_eq!(modes, KeyMode::ALL);
        assert_eq!(super::all::<KeyMode>()[..2], ["browse", "matrix"]);
        let actions = super::all::<Action>();
        assert!(actions.contains(&"page-down") && !actions.iter().any(|a| a.contains("type")));
        assert_eq!(super::parse::<Action>("page-down"), Some(Action::PageDown));
        assert_eq!(super::parse::<Action>("type"), None);
    }
}
