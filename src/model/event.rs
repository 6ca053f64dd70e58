//! An event, as a loaded timeline holds it, and as a file writes it.
//!
//! A million events each hold what nearly every event states (an id, a date, a title, a summary,
//! tags and actors, sources and denials) inline, and what few state (related events, a note,
//! media, a place, claims) in one [`Seldom`] box: an event that states none of it is 72 bytes,
//! not 120. The file's form is the flat [`EventFields`], which serde reads and the JSON Schema
//! describes; [`super::written`] writes the same keys. The format does not change with the layout.

use schemars::JsonSchema;
use serde::Deserialize;
use thin_vec::ThinVec;

use super::date::Date;
use super::name::Name;
use super::names::Names;
use super::seldom::{Fields, Seldom};
use super::source::Source;
use super::sources::Sources;
use super::text::Text;
use super::timeline::{Claim, DateSchema, Denial, Media, Place};

/// One event on the timeline.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(from = "EventFields")]
#[schemars(with = "EventFields")]
pub struct Event {
    // `EventFields` says what each field means. The lists are one word each: the tags and actors
    // a list mostly shared with other events (`Names`), the denials thin (the length kept with
    // the items), since most events leave them empty. The sources, which most events have, are
    // a list of their number, its length in its address's spare bits (`Sources`): a loaded
    // event is seldom added to ([`Event::add_sources`]), and a `Vec`'s capacity took a word
    // more of each event.
    pub id: Text,
    pub date: Date,
    pub title: Text,
    pub summary: Option<Text>,
    pub tags: Names,
    pub actors: Names,
    pub sources: Sources,
    pub denials: ThinVec<Denial>,
    /// What few events state (see [`EventMore`]).
    pub more: Seldom<EventMore>,
}

const _: () = assert!(size_of::<Event>() <= 72);

/// What few events state, kept apart from what most do; see [`EventFields`] for each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventMore {
    pub related: ThinVec<String>,
    pub notes: Option<Text>,
    // Boxed again, so that an event with only a note does not hold the room of a media's and a
    // place's strings.
    pub media: Option<Box<Media>>,
    pub place: Option<Box<Place>>,
    pub claims: ThinVec<Claim>,
}

/// An event that states none of the seldom-stated fields.
static NONE: EventMore = EventMore {
    related: ThinVec::new(),
    notes: None,
    media: None,
    place: None,
    claims: ThinVec::new(),
};

impl Fields for EventMore {
    fn none() -> &'static EventMore {
        &NONE
    }
}

impl Event {
    /// An event with only its required keys.
    pub fn new(id: impl Into<Text>, date: Date, title: impl Into<Text>) -> Event {
        Event {
            id: id.into(),
            date,
            title: title.into(),
            summary: None,
            tags: Names::default(),
            actors: Names::default(),
            sources: Sources::default(),
            denials: ThinVec::new(),
            more: Seldom::default(),
        }
    }

    /// Adds `sources` after those it has. A loaded event's list is exactly its number (one word,
    /// two less than a `Vec` for each of a million events), so each call copies it:
    /// for an importer whose rows of one event come apart, which few files have.
    pub fn add_sources(&mut self, sources: impl IntoIterator<Item = Source>) {
        let sources = sources.into_iter();
        let mut list = std::mem::take(&mut self.sources).into_vec();
        list.reserve_exact(sources.size_hint().0);
        list.extend(sources);
        self.sources = list.into();
    }
}

/// An event as a file states it: the keys of an `[[events]]` table.
// Read by serde, described by the schema; `super::written` writes the same keys. The
// `skip_serializing_if`s say to the schema what they said when this form was written too: a
// key left out states no default.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event", description = "One event on the timeline.")]
pub struct EventFields {
    /// Unique, stable id, used for links and bookmarks.
    pub id: Text,
    /// When it happened (see README "Dates").
    #[schemars(with = "DateSchema")]
    pub date: Date,
    /// A one-line headline.
    pub title: Text,
    /// Plain-text summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    // The schema of each list is a plain list's, as the file's is.
    /// Free tags.
    #[serde(default, skip_serializing_if = "<[Name]>::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub tags: Names,
    /// Ids from `[actors]`, or free names.
    #[serde(default, skip_serializing_if = "<[Name]>::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub actors: Names,
    /// Ids of other events.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub related: ThinVec<String>,
    /// The researcher's own remark (inferences, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// An image, video or document that shows the event (a TimelineJS slide's media).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Box<Media>>,
    /// Where it happened: a name, coordinates, or both (the `[events.place]` table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Box<Place>>,
    /// The separate things the event's sources assert (README "Claims"); without any, every
    /// source and denial is about the event as a whole.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<Claim>")]
    pub claims: ThinVec<Claim>,
    /// Who reported or backed the event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Who denied it.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<Denial>")]
    pub denials: ThinVec<Denial>,
}

impl From<EventFields> for Event {
    fn from(f: EventFields) -> Event {
        let more = EventMore {
            related: f.related,
            notes: f.notes,
            media: f.media,
            place: f.place,
            claims: f.claims,
        };
        Event {
            id: f.id,
            date: f.date,
            title: f.title,
            summary: f.summary,
            tags: f.tags,
            actors: f.actors,
            sources: f.sources.into(),
            denials: f.denials,
            more: more.into(),
        }
    }
}
