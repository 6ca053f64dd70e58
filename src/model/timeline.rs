//! The timeline and what it holds: events, their sources and denials, references and actors.
//!
//! These types are the file format (README "The timeline format"): serde and the JSON Schema in
//! `assets/` are derived from them, and the TOML loader fills them in with located diagnostics.

use indexmap::IndexMap;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use super::date::{Date, Precision};
use super::event::Event;
use super::name::Name;
use super::text::Text;

/// A whole timeline file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "tlx timeline",
    description = "A sourced timeline for tlx, format version 1."
)]
pub struct Timeline {
    /// What the timeline is about.
    pub timeline: Meta,
    /// The documents the author read, keyed by id (a bibliography).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub references: IndexMap<String, Reference>,
    /// People and organisations, keyed by id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub actors: IndexMap<String, Actor>,
    /// The events, in any order (tlx sorts them by date).
    #[serde(default)]
    pub events: Vec<Event>,
}

/// The `[timeline]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The timeline's title.
    pub title: String,
    /// Format version; only 1 exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// What the timeline covers and how it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who compiled it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// When it was last brought up to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub updated: Option<Date>,
    /// Language of the text, as a BCP 47 tag ("en").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// A document the author read: an entry in `[references]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The document's title or headline.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub published: Option<Date>,
    /// Where it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An archived copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<String>,
    /// When the author read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub accessed: Option<Date>,
    /// The author's remark on the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A person or organisation: an entry in `[actors]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The name to show.
    pub name: String,
    /// Free text: person, government, organisation, media, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Other spellings found in the sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Who they are, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What an event shows: the `[events.media]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Media {
    /// Where the image, video or document is.
    pub url: String,
    /// What it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made or published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// Where an event happened: the `[events.place]` table. Coordinates are decimal degrees (WGS 84,
/// as GPS, ACLED and GDELT give them), both or neither; readers keep only a pair in range and
/// warn about any other, so a map can place every pair it finds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place as the source names it ("Kramatorsk", "Donetsk, Ukraine").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Latitude in decimal degrees, -90 (south) to 90 (north).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: Option<f64>,
    /// Longitude in decimal degrees, -180 (west) to 180 (east).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: Option<f64>,
}

/// One thing an event's sources assert, that a source may support and a denial deny apart from
/// the others: an entry of `[[events.claims]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Unique within the event; sources and denials name it in their `claims`.
    pub id: String,
    /// What is claimed, in a sentence.
    pub text: String,
    /// The researcher's own verdict on the claim, in words (needs a `rating`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// The verdict's rating: false, mostly-false, mixed, mostly-true or true (needs a `verdict`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
}

/// A researcher's rating of a claim, on a five-point scale from false to true (README "Claims").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// The claim is false.
    False,
    /// Mostly false.
    MostlyFalse,
    /// Partly true, partly false.
    Mixed,
    /// Mostly true.
    MostlyTrue,
    /// The claim is true.
    True,
}

impl Rating {
    /// Every rating, from worst to best.
    pub const ALL: [Rating; 5] = [
        Rating::False,
        Rating::MostlyFalse,
        Rating::Mixed,
        Rating::MostlyTrue,
        Rating::True,
    ];

    /// The word the file writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::False => "false",
            Rating::MostlyFalse => "mostly-false",
            Rating::Mixed => "mixed",
            Rating::MostlyTrue => "mostly-true",
            Rating::True => "true",
        }
    }

    /// The rating a word names, as the file writes it.
    pub fn from_word(word: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// Its place on the scale, 1 (false) to 5 (true): ClaimReview's `ratingValue`.
    pub fn value(self) -> u8 {
        self as u8 + 1
    }

    /// How people write it: "Mostly false".
    pub fn label(self) -> &'static str {
        match self {
            Rating::False => "False",
            Rating::MostlyFalse => "Mostly false",
            Rating::Mixed => "Mixed",
            Rating::MostlyTrue => "Mostly true",
            Rating::True => "True",
        }
    }
}

/// How a source stands to the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Reports the event (the default).
    #[default]
    Reports,
    /// Independently backs someone else's report.
    Corroborates,
    /// A party to the event or an official confirms it.
    Confirms,
}

impl Stance {
    /// The word used in the file and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Reports => "reports",
            Stance::Corroborates => "corroborates",
            Stance::Confirms => "confirms",
        }
    }

    /// All stances, in the order the format lists them.
    pub const ALL: [Stance; 3] = [Stance::Reports, Stance::Corroborates, Stance::Confirms];

    /// The stance a word names, as the file writes it ("corroborates").
    pub fn from_word(word: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// Source reliability on the NATO Admiralty scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Reliability {
    /// Completely reliable.
    A,
    /// Usually reliable.
    B,
    /// Fairly reliable.
    C,
    /// Not usually reliable.
    D,
    /// Unreliable.
    E,
    /// Reliability cannot be judged.
    F,
}

impl Reliability {
    /// All grades, best first.
    pub const ALL: [Reliability; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    /// The grade's letter.
    pub fn letter(self) -> char {
        (b'A' + self as u8) as char
    }

    /// The grade for a letter, in either case.
    pub fn from_letter(c: char) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.letter() == c.to_ascii_uppercase())
    }

    /// The grade written as text: one letter, in either case, surrounding spaces ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let mut chars = text.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Self::from_letter(c),
            _ => None,
        }
    }

    /// What the grade means, in words.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "reliability cannot be judged",
        }
    }
}

/// The credibility grade `n` is, when it is one (1 to 6).
pub fn credibility_grade(n: i64) -> Option<u8> {
    u8::try_from(n).ok().filter(|g| (1..=6).contains(g))
}

/// The Admiralty code of a pair of grades as analysts write it ("B2", "C", "3"); `None` when neither is given.
pub fn admiralty_code(reliability: Option<Reliability>, credibility: Option<u8>) -> Option<String> {
    let code: String = reliability
        .map(Reliability::letter)
        .into_iter()
        .chain(credibility.map(|c| char::from(b'0' + c)))
        .collect();
    (!code.is_empty()).then_some(code)
}

/// What a credibility grade (1-6) means, in words.
pub fn credibility_meaning(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// Who denied an event: an entry of `[[events.denials]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Denial {
    // Its text is a `Text` and a `Name`, as a source's is.
    /// Who denied it.
    pub by: Name,
    /// When they denied it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub date: Option<Date>,
    /// The reference (id in `[references]`) in which the denial was reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Name>,
    /// A verbatim passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
    /// Where the denial can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    // Thin, as an event's lists are: most denials name no claim.
    /// Ids of the event's claims this denial denies; none means the event as a whole.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub claims: ThinVec<String>,
}

// A loaded timeline may hold these by the hundred thousand: the `Text`, `Name` and thin fields
// above keep them at this size.
const _: () = assert!(size_of::<Denial>() <= 48);

impl Timeline {
    /// The event with this id, if any.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Event indices in chronological order (ties keep file order), 4 bytes each: the explorer
    /// keeps them for every filter to come.
    pub fn chronological(&self) -> Vec<u32> {
        in_date_order((0..self.events.len()).into_par_iter(), |i| &self.events[i].date)
    }

    /// The events in chronological order (ties keep file order).
    pub fn in_date_order(&self) -> impl Iterator<Item = &Event> {
        self.chronological().into_iter().map(|i| &self.events[i as usize])
    }

    /// How to name a reference in one line: outlet, "title", publication date (or the id if unknown).
    pub fn reference_label(&self, id: &str) -> String {
        let Some(r) = self.references.get(id) else {
            return id.to_string();
        };
        let mut parts: Vec<String> = r.outlet.iter().cloned().collect();
        parts.push(format!("\"{}\"", r.title));
        parts.extend(r.published.as_ref().map(|d| d.human()));
        parts.join(", ")
    }

    /// The display name of an actor id, or the text itself for a free name.
    pub fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.actors.get(id).map_or(id, |a| a.name.as_str())
    }

    /// Every way the timeline names an actor: the text as written (an id or a free name), and for
    /// a declared actor its name and aliases, so a search for "Kremlin" finds "Russian presidency".
    pub fn actor_names<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> {
        let actor = self.actors.get(id);
        std::iter::once(id)
            .chain(actor.map(|a| a.name.as_str()))
            .chain(actor.into_iter().flat_map(|a| a.aliases.iter().map(String::as_str)))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(|e| serde::de::Error::custom(format!("{}; {}", e.message, e.hint)))
    }
}

/// The JSON Schema of a date string: a pattern editors can check as people type.
#[derive(JsonSchema)]
#[schemars(
    title = "EDTF date",
    description = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]; ~ approximate, ? uncertain, % both; \
                   START/END for a range, .. for an open end; -0499 is 500 BCE; Y-13800000000 for long years.",
    extend("pattern" = date_pattern())
)]
#[allow(dead_code)] // Only its schema is used.
pub(super) struct DateSchema(String);

/// The regular expression the schema gives for dates: a point, or an interval of points and `..`.
pub fn date_pattern() -> String {
    const POINT: &str = r"(Y-?[0-9]+|-?[0-9]{4}(-[0-9]{2}(-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?)?)?)[~?%]?";
    let side = format!(r"({POINT}|\.\.)");
    format!("^({POINT}|{side}/{side})$")
}

/// The events at `indices` in chronological order, ties in the order of their indices, as
/// [`Timeline::chronological`] gives every event; `date` gives each one's date.
pub fn in_date_order<'t>(
    indices: impl IndexedParallelIterator<Item = usize>,
    date: impl Fn(usize) -> &'t Date + Sync + Send,
) -> Vec<u32> {
    // Each key computed once, not in every comparison; the index breaks ties as a stable sort would,
    // so sorting on every core gives the one order.
    let mut keyed: Vec<_> = indices
        .map(|i| {
            // Flat, so that the index fills the date's padding: 16 bytes (asserted below),
            // where `((i64, Precision), u32)` takes 24.
            let (at, precision) = date(i).sort_key();
            (at, precision, event_index(i))
        })
        .collect();
    keyed.par_sort_unstable();
    // Copied out, not collected where the keys were: the standard library would keep their
    // room, 16 bytes an event, for the 4 of each index (120 MB at ten million events).
    keyed.par_iter().map(|&(.., i)| i).collect()
}

/// The size of a key [`in_date_order`] sorts.
const _: () = assert!(size_of::<(i64, Precision, u32)>() == 16);

/// An event's index in 4 bytes: an event takes 100 bytes or more in memory, so none reaches 2^32.
pub fn event_index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 events in memory")
}
