//! One table of the fields each record of a timeline has: the timeline's own metadata, a
//! reference, an actor, an event, a source and a denial. The CSV columns (in and out) are derived
//! from it; the model's serde keys, the JSON Schema, the TOML loader's key lists and the README's
//! table of what each format keeps are tested against it, so a field added in one place and
//! forgotten in another fails a test instead of silently dropping evidence.

/// A kind of record in a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    /// The `[timeline]` table.
    Timeline,
    /// An entry of `[references]`, keyed by its id.
    Reference,
    /// An entry of `[actors]`, keyed by its id.
    Actor,
    /// An entry of `[[events]]`.
    Event,
    /// The `[events.media]` table of an event.
    Media,
    /// The `[events.place]` table of an event.
    Place,
    /// An entry of `[[events.claims]]`.
    Claim,
    /// An entry of `[[events.sources]]`.
    Source,
    /// An entry of `[[events.denials]]`.
    Denial,
}

impl Record {
    /// Every kind, in the order files write them.
    pub const ALL: [Record; 9] = [
        Record::Timeline,
        Record::Reference,
        Record::Actor,
        Record::Event,
        Record::Media,
        Record::Place,
        Record::Claim,
        Record::Source,
        Record::Denial,
    ];

    /// The record's name in the README and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Record::Timeline => "timeline",
            Record::Reference => "reference",
            Record::Actor => "actor",
            Record::Event => "event",
            Record::Media => "media",
            Record::Place => "place",
            Record::Claim => "claim",
            Record::Source => "source",
            Record::Denial => "denial",
        }
    }

    /// The record's fields, in the order the format lists them.
    pub fn fields(self) -> impl Iterator<Item = &'static Field> {
        FIELDS.iter().filter(move |f| f.record == self)
    }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Free text (an id or a URL is text too).
    Text,
    /// A date as README "Dates" writes it.
    Date,
    /// A whole number.
    Integer,
    /// Decimal degrees of latitude or longitude (README "Places").
    Coordinate,
    /// reports, corroborates or confirms.
    Stance,
    /// An Admiralty reliability letter, A to F.
    Reliability,
    /// An Admiralty credibility number, 1 to 6.
    Credibility,
    /// A verdict's rating: false, mostly-false, mixed, mostly-true or true.
    Rating,
}

impl Type {
    fn name(self, many: bool) -> &'static str {
        match (self, many) {
            (Type::Text, true) => "list of text",
            (Type::Text, false) => "text",
            (Type::Date, _) => "date",
            (Type::Integer, _) => "integer",
            (Type::Coordinate, _) => "degrees",
            (Type::Stance, _) => "stance",
            (Type::Reliability, _) => "A-F",
            (Type::Credibility, _) => "1-6",
            (Type::Rating, _) => "rating",
        }
    }
}

/// One field of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The record it belongs to.
    pub record: Record,
    /// Its key in TOML and JSON (`id` for the key of a reference or an actor).
    pub name: &'static str,
    /// What it holds.
    pub ty: Type,
    /// Whether it holds a list.
    pub many: bool,
    /// Whether every record must have it.
    pub required: bool,
    /// Its column in tlx's CSV.
    pub csv: &'static str,
    /// Whether a TimelineJS viewer shows it on the slide (every field is kept, in the slide's
    /// `tlx` record, whether shown or not).
    pub timelinejs: bool,
    /// Whether the Markdown report shows it.
    pub markdown: bool,
}

const fn field(record: Record, name: &'static str, ty: Type, csv: &'static str) -> Field {
    Field {
        record,
        name,
        ty,
        many: false,
        required: false,
        csv,
        timelinejs: true,
        markdown: true,
    }
}

impl Field {
    const fn list(mut self) -> Field {
        self.many = true;
        self
    }

    const fn required(mut self) -> Field {
        self.required = true;
        self
    }

    const fn hidden(mut self) -> Field {
        self.timelinejs = false;
        self.markdown = false;
        self
    }

    const fn not_on_slides(mut self) -> Field {
        self.timelinejs = false;
        self
    }
}

use Record::{Actor, Claim, Denial, Event, Media, Place, Reference, Source, Timeline};
use Type::{Coordinate, Credibility, Date, Integer, Rating, Reliability, Stance, Text};

/// Every field of every record. An event's sources and denials are records of their own.
pub const FIELDS: &[Field] = &[
    field(Timeline, "title", Text, "timeline_title").required(),
    field(Timeline, "version", Integer, "timeline_version").hidden(),
    field(Timeline, "description", Text, "timeline_description"),
    field(Timeline, "authors", Text, "timeline_authors").list(),
    field(Timeline, "updated", Date, "timeline_updated"),
    field(Timeline, "language", Text, "timeline_language").hidden(),
    field(Reference, "id", Text, "reference_id").required().hidden(),
    field(Reference, "title", Text, "reference_title").required(),
    field(Reference, "outlet", Text, "reference_outlet"),
    field(Reference, "published", Date, "reference_published"),
    field(Reference, "url", Text, "reference_url"),
    field(Reference, "archived", Text, "reference_archived").not_on_slides(),
    field(Reference, "accessed", Date, "reference_accessed").not_on_slides(),
    field(Reference, "note", Text, "reference_note").not_on_slides(),
    field(Actor, "id", Text, "actor_id").required().hidden(),
    field(Actor, "name", Text, "actor_name").required(),
    field(Actor, "kind", Text, "actor_kind").hidden(),
    field(Actor, "aliases", Text, "actor_aliases").list().hidden(),
    field(Actor, "description", Text, "actor_description").hidden(),
    field(Event, "id", Text, "id").required().hidden(),
    field(Event, "date", Date, "date").required(),
    field(Event, "title", Text, "title").required(),
    field(Event, "summary", Text, "summary"),
    field(Event, "tags", Text, "tags").list(),
    field(Event, "actors", Text, "actors").list(),
    field(Event, "related", Text, "related").list().hidden(),
    field(Event, "notes", Text, "notes").not_on_slides(),
    field(Media, "url", Text, "media_url").required(),
    field(Media, "caption", Text, "media_caption"),
    field(Media, "credit", Text, "media_credit"),
    field(Place, "name", Text, "place").not_on_slides(),
    field(Place, "lat", Coordinate, "latitude").not_on_slides(),
    field(Place, "lon", Coordinate, "longitude").not_on_slides(),
    field(Claim, "id", Text, "claim_id").required().hidden(),
    field(Claim, "text", Text, "claim_text").required(),
    field(Claim, "verdict", Text, "claim_verdict").not_on_slides(),
    field(Claim, "rating", Rating, "claim_rating").not_on_slides(),
    field(Source, "outlet", Text, "outlet").required(),
    field(Source, "citing", Text, "citing"),
    field(Source, "stance", Stance, "stance"),
    field(Source, "date", Date, "source_date"),
    field(Source, "dated", Date, "source_dated"),
    field(Source, "via", Text, "via"),
    field(Source, "quote", Text, "quote"),
    field(Source, "url", Text, "url"),
    field(Source, "derived_from", Text, "derived_from"),
    field(Source, "reliability", Reliability, "reliability"),
    field(Source, "credibility", Credibility, "credibility"),
    field(Source, "claims", Text, "claims").list(),
    field(Denial, "by", Text, "denied_by").required(),
    field(Denial, "date", Date, "denial_date"),
    field(Denial, "via", Text, "denial_via"),
    field(Denial, "quote", Text, "denial_quote"),
    field(Denial, "url", Text, "denial_url"),
    field(Denial, "claims", Text, "denial_claims").list(),
];

/// The key that marks tlx's JSON (and the record TimelineJS slides carry), and its value.
pub const FORMAT_KEY: (&str, &str) = ("format", "tlx timeline");
/// The key that gives the version of tlx's JSON, and the one version there is.
pub const VERSION_KEY: (&str, u32) = ("format_version", 1);

/// The CSV column of the status tlx computes for an event: written for spreadsheets to sort on,
/// ignored on reading (it is derived from the sources and denials).
pub const STATUS_COLUMN: &str = "status";

/// tlx's CSV header: the columns of the event, its media, its claims, its sources and its denials, then the
/// status, then those of the timeline, its references and its actors.
pub fn csv_columns() -> Vec<&'static str> {
    let of = |records: &[Record]| {
        FIELDS
            .iter()
            .filter(|f| records.contains(&f.record))
            .map(|f| f.csv)
            .collect::<Vec<_>>()
    };
    let mut columns = of(&[
        Record::Event,
        Record::Media,
        Record::Place,
        Record::Claim,
        Record::Source,
        Record::Denial,
    ]);
    columns.push(STATUS_COLUMN);
    columns.extend(of(&[Record::Timeline, Record::Reference, Record::Actor]));
    columns
}

/// The field of `record` called `name`.
pub fn get(record: Record, name: &str) -> &'static Field {
    record
        .fields()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{} has no field {name}", record.name()))
}

/// The README's table of what each format keeps of each field (README "Exporting").
pub fn readme_table() -> String {
    let mut out = String::from(
        "| record | field | type | TOML, JSON | CSV column | TimelineJS | Markdown | SVG |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for f in FIELDS {
        let svg = matches!(
            (f.record, f.name),
            (Record::Event, "date" | "title") | (Record::Timeline, "title")
        );
        let mark = |b: bool| if b { "shown" } else { "—" };
        out += &format!(
            "| {} | `{}` | {}{} | kept | `{}` | kept{} | {} | {} |\n",
            f.record.name(),
            f.name,
            f.ty.name(f.many),
            if f.required { ", required" } else { "" },
            f.csv,
            if f.timelinejs { ", shown" } else { "" },
            mark(f.markdown),
            mark(svg),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::load::walk;

    /// A value of every field, so that serde writes every key.
    fn full() -> crate::model::Timeline {
        let mut value = serde_json::Map::new();
        for record in Record::ALL {
            let mut fields = serde_json::Map::new();
            let keyed = matches!(record, Record::Reference | Record::Actor);
            for f in record.fields().filter(|f| f.name != "id" || !keyed) {
                let one = match f.ty {
                    Type::Text => serde_json::json!("x"),
                    Type::Date => serde_json::json!("2015-07-24"),
                    Type::Integer => serde_json::json!(1),
                    Type::Coordinate => serde_json::json!(-45.25),
                    Type::Stance => serde_json::json!("confirms"),
                    Type::Reliability => serde_json::json!("B"),
                    Type::Credibility => serde_json::json!(2),
                    Type::Rating => serde_json::json!("mostly-true"),
                };
                fields.insert(f.name.into(), if f.many { serde_json::json!([one]) } else { one });
            }
            value.insert(record.name().into(), fields.into());
        }
        let v = serde_json::Value::Object(value);
        let mut event = v["event"].clone();
        event["media"] = v["media"].clone();
        event["place"] = v["place"].clone();
        event["claims"] = serde_json::json!([v["claim"]]);
        event["sources"] = serde_json::json!([v["source"]]);
        event["denials"] = serde_json::json!([v["denial"]]);
        let mut t: crate::model::Timeline = serde_json::from_value(serde_json::json!({
            "timeline": v["timeline"],
            "references": {"x": v["reference"]},
            "actors": {"x": v["actor"]},
            "events": [event],
        }))
        .expect("every field of the table is a field of the model");
        // `derived_from` names another source of the event.
        let first = t.events[0].sources[0].clone();
        t.events[0].add_sources([crate::model::Source {
            said: crate::model::Attribution::new("y".into(), first.by().citing().cloned()).into(),
            ..first
        }]);
        t.events[0].sources[0]
            .said
            .edit_more(|more| more.derived_from = Some("y".into()));
        t
    }

    fn keys(value: &serde_json::Value) -> BTreeSet<String> {
        value.as_object().unwrap().keys().cloned().collect()
    }

    fn names(record: Record, keyed: bool) -> BTreeSet<String> {
        record
            .fields()
            .filter(|f| !(keyed && f.name == "id"))
            .map(|f| f.name.to_string())
            .collect()
    }

    #[test]
    fn the_table_names_every_key_the_model_writes() {
        let v = serde_json::to_value(full()).unwrap();
        assert_eq!(keys(&v["timeline"]), names(Record::Timeline, false));
        assert_eq!(keys(&v["references"]["x"]), names(Record::Reference, true));
        assert_eq!(keys(&v["actors"]["x"]), names(Record::Actor, true));
        let event = &v["events"][0];
        let mut event_keys = names(Record::Event, false);
        event_keys.extend(["media", "place", "claims", "sources", "denials"].map(String::from));
        assert_eq!(keys(event), event_keys);
        assert_eq!(keys(&event["media"]), names(Record::Media, false));
        assert_eq!(keys(&event["place"]), names(Record::Place, false));
        assert_eq!(keys(&event["claims"][0]), names(Record::Claim, false));
        assert_eq!(keys(&event["sources"][0]), names(Record::Source, false));
        assert_eq!(keys(&event["denials"][0]), names(Record::Denial, false));
    }

    #[test]
    fn the_toml_loader_reads_the_keys_of_the_table() {
        let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(set(walk::META_KEYS), names(Record::Timeline, false));
        assert_eq!(set(walk::REFERENCE_KEYS), names(Record::Reference, true));
        assert_eq!(set(walk::ACTOR_KEYS), names(Record::Actor, true));
        let mut event = names(Record::Event, false);
        event.extend(["media", "place", "claims", "sources", "denials"].map(String::from));
        assert_eq!(set(walk::EVENT_KEYS), event);
        assert_eq!(set(walk::MEDIA_KEYS), names(Record::Media, false));
        assert_eq!(set(walk::PLACE_KEYS), names(Record::Place, false));
        assert_eq!(set(walk::CLAIM_KEYS), names(Record::Claim, false));
        assert_eq!(set(walk::SOURCE_KEYS), names(Record::Source, false));
        assert_eq!(set(walk::DENIAL_KEYS), names(Record::Denial, false));
    }

    #[test]
    fn the_schema_describes_the_fields_of_the_table() {
        let schema: serde_json::Value = serde_json::from_str(&crate::schema::json()).unwrap();
        let defs = &schema["$defs"];
        let props = |v: &serde_json::Value| keys(&v["properties"]);
        assert_eq!(props(&defs["Meta"]), names(Record::Timeline, false));
        assert_eq!(props(&defs["Reference"]), names(Record::Reference, true));
        assert_eq!(props(&defs["Actor"]), names(Record::Actor, true));
        let mut event = names(Record::Event, false);
        event.extend(["media", "place", "claims", "sources", "denials"].map(String::from));
        assert_eq!(props(&defs["Event"]), event);
        assert_eq!(props(&defs["Media"]), names(Record::Media, false));
        assert_eq!(props(&defs["Place"]), names(Record::Place, false));
        assert_eq!(props(&defs["Claim"]), names(Record::Claim, false));
        assert_eq!(props(&defs["Source"]), names(Record::Source, false));
        assert_eq!(props(&defs["Denial"]), names(Record::Denial, false));
    }

    #[test]
    fn csv_columns_are_unique() {
        let columns: BTreeSet<&str> = FIELDS.iter().map(|f| f.csv).collect();
        assert_eq!(columns.len(), FIELDS.len());
    }

    #[test]
    fn a_timeline_with_every_field_survives_each_format_that_claims_to_keep_it() {
        use crate::export::Format;
        let t = full();
        for (format, name) in [
            (Format::Toml, "written.toml"),
            (Format::Csv, "written.csv"),
            (Format::Json, "written.json"),
            (Format::Timelinejs, "written.timelinejs.json"),
        ] {
            let doc = crate::load::Document {
                name: name.into(),
                path: Some(name.into()),
                text: format.write(&t).into(),
            };
            let back = doc.load(crate::load::Options::default());
            assert!(!back.has_errors(), "{format:?}: {:?}\n{}", back.diagnostics, doc.text);
            assert_eq!(back.timeline, t, "{format:?}\n{}", doc.text);
        }
    }

    #[test]
    fn the_readme_table_is_the_table() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&readme_table()),
            "README \"Exporting\" should hold this table:\n{}",
            readme_table()
        );
    }
}
