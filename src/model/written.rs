//! How an event and a source write themselves. Their layout in memory is not the file's (what
//! few records state is boxed apart: see [`super::seldom`]), and serde's `into` would clone a
//! whole record, its sources included, to write it: the CSV export writes each event and each
//! source this way. So they write their keys themselves, in the file's order, each left out
//! when it is not stated, as the derived `skip_serializing_if` of the file's form would have it.
//! The round-trip property tests and the vocabulary's test of every key hold these to the
//! file's form.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use thin_vec::ThinVec;

use super::event::Event;
use super::source::Source;
use super::timeline::Stance;

/// A field's value that a file leaves out when it says nothing.
trait Unstated {
    fn is_unstated(&self) -> bool;
}

impl<T> Unstated for Option<T> {
    fn is_unstated(&self) -> bool {
        self.is_none()
    }
}

impl<T> Unstated for Vec<T> {
    fn is_unstated(&self) -> bool {
        self.is_empty()
    }
}

impl Unstated for super::sources::Sources {
    fn is_unstated(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Unstated for ThinVec<T> {
    fn is_unstated(&self) -> bool {
        self.is_empty()
    }
}

impl Unstated for super::Names {
    fn is_unstated(&self) -> bool {
        self.is_empty()
    }
}

impl Unstated for Stance {
    fn is_unstated(&self) -> bool {
        *self == Stance::Reports
    }
}

/// Writes `value` under `key`, or leaves the key out when the value says nothing.
fn optional<S: SerializeStruct, T: Serialize + Unstated>(
    record: &mut S,
    key: &'static str,
    value: &T,
) -> Result<(), S::Error> {
    match value.is_unstated() {
        true => record.skip_field(key),
        false => record.serialize_field(key, value),
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let more = &*self.more;
        let mut e = serializer.serialize_struct("Event", 13)?;
        e.serialize_field("id", &self.id)?;
        e.serialize_field("date", &self.date)?;
        e.serialize_field("title", &self.title)?;
        optional(&mut e, "summary", &self.summary)?;
        optional(&mut e, "tags", &self.tags)?;
        optional(&mut e, "actors", &self.actors)?;
        optional(&mut e, "related", &more.related)?;
        optional(&mut e, "notes", &more.notes)?;
        optional(&mut e, "media", &more.media)?;
        optional(&mut e, "place", &more.place)?;
        optional(&mut e, "claims", &more.claims)?;
        optional(&mut e, "sources", &self.sources)?;
        optional(&mut e, "denials", &self.denials)?;
        e.end()
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let more = self.more();
        let mut s = serializer.serialize_struct("Source", 12)?;
        s.serialize_field("outlet", self.outlet())?;
        optional(&mut s, "citing", &self.citing())?;
        optional(&mut s, "stance", &more.stance)?;
        optional(&mut s, "date", &self.date)?;
        optional(&mut s, "dated", &more.dated)?;
        optional(&mut s, "via", &more.via)?;
        optional(&mut s, "quote", &self.quote)?;
        optional(&mut s, "url", &self.url)?;
        optional(&mut s, "derived_from", &more.derived_from)?;
        optional(&mut s, "reliability", &more.reliability)?;
        optional(&mut s, "credibility", &more.credibility)?;
        optional(&mut s, "claims", &more.claims)?;
        s.end()
    }
}
