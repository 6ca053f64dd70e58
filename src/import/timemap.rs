//! Forensic Architecture timemap JSON: `Events` that name records in `Sources` (keyed by id) and
//! in `Associations` (filters and narratives).
//!
//! Each source record becomes one source per path (a URL), all with the record's outlet: its
//! title, else the channel or account its URL names on a platform of many publishers (see
//! [`super::url`]), else its type, else the URL's host; associations become tags ("Weapon System / Unknown").
//! Dates are `MM/DD/YYYY` with an `HH:MM` time; timemap writes 00:00 when the time is unknown, so
//! midnight is read as "no time" and reported once.

use std::collections::HashSet;
use std::sync::atomic::AtomicU64;

use indexmap::IndexMap;

use crate::diagnostic::Diagnostic;
use crate::loaded::Loaded;
use crate::model::date::Order;
use crate::model::place::{Axis, coordinates};
use crate::model::{Attribution, Date, Event, EventMore, Meta, Name, Place, Source, Text, Timeline};

use super::ids::{Ids, slug};
use super::json::{self, Node};
use super::notes::Notes;
use super::unmapped::Unmapped;
use super::url::{self, is_url};

/// Titles cut at this many characters keep the full text in the summary.
const TITLE_MAX: usize = 100;

/// Reads a timemap JSON file, counting in `parsed` the events read (see [`json::count_half`]).
pub fn import(text: &str, parsed: Option<&AtomicU64>) -> Loaded {
    let mut r = Reader::default();
    let timeline =
        json::parse_into(text, &mut r.diags, parsed).map_or_else(Timeline::default, |root| r.timeline(&root, parsed));
    let mut diags = r.diags;
    diags.extend(
        r.midnight
            .into_diagnostics("timemap writes 00:00 for an unknown time, so these dates keep their day"),
    );
    diags.extend(r.association_keys.into_diagnostics(
        "associations become tags (their filter path, else their title); tlx has no place for the rest",
    ));
    super::loaded(timeline, diags)
}

#[derive(Default)]
struct Reader {
    diags: Vec<Diagnostic>,
    midnight: Unmapped,
    association_keys: Unmapped,
    ids: Ids,
}

impl Reader {
    fn timeline(&mut self, root: &Node, parsed: Option<&AtomicU64>) -> Timeline {
        if root.get("Events").is_none() {
            self.diags.push(
                Diagnostic::error(
                    "missing-key",
                    root.span.clone(),
                    "this timemap file has no `Events` array",
                )
                .with_hint("timemap files hold \"Events\": [...] and \"Sources\": {...}"),
            );
        }
        for (key, node) in root.entries() {
            if !["Events", "Sources", "Associations"].contains(&key.as_str()) {
                self.diags.push(
                    Diagnostic::warning("unmapped", node.span.clone(), format!("`{key}` is not imported"))
                        .with_hint("tlx reads Events, Sources and Associations from timemap files"),
                );
            }
        }
        let sources: IndexMap<&str, &Node> = json::object(root, "Sources", &mut self.diags)
            .iter()
            .map(|(id, n)| (id.as_str(), n))
            .collect();
        let associations = json::array(root, "Associations", &mut self.diags);
        for (key, node) in associations.iter().flat_map(Node::entries) {
            if !["id", "title", "filter_paths"].contains(&key.as_str()) && !node.is_blank() {
                self.association_keys.add(key, node.span.clone());
            }
        }
        let associations: IndexMap<&str, String> = associations
            .iter()
            .filter_map(|a| Some((a.get("id")?.given()?, tag(a)?)))
            .collect();
        let mut used = HashSet::new();
        let events = json::array(root, "Events", &mut self.diags);
        let events = events
            .iter()
            .filter_map(|e| {
                json::count_half(e, parsed);
                self.event(e, &sources, &associations, &mut used)
            })
            .collect();
        for (id, node) in &sources {
            if !used.contains(id) {
                self.diags.push(
                    Diagnostic::warning(
                        "unused-source",
                        node.span.clone(),
                        format!("no event names the source `{id}`"),
                    )
                    .with_hint("it is not imported; add its id to an event's sources to keep it"),
                );
            }
        }
        Timeline {
            timeline: Meta {
                title: "Imported timemap".into(),
                description: Some("Imported from a Forensic Architecture timemap file by `tlx import`.".into()),
                ..Meta::default()
            },
            events,
            ..Timeline::default()
        }
    }

    fn event<'a>(
        &mut self,
        node: &Node,
        sources: &IndexMap<&'a str, &Node>,
        associations: &IndexMap<&str, String>,
        used: &mut HashSet<&'a str>,
    ) -> Option<Event> {
        let date = self.date(node)?;
        let mut notes = Notes::default();
        let own_id = node.get("id").and_then(Node::given);
        let description = node.get("description").and_then(Node::given).unwrap_or_default();
        let location = node.get("location").and_then(Node::given);
        let (title, summary) = title_and_summary(description, location, own_id);
        let place = self.place(node, location, &mut notes);
        let mut event_sources = Vec::new();
        for id_node in json::array(node, "sources", &mut self.diags) {
            let Some(id) = id_node.given() else { continue };
            match sources.get_key_value(id) {
                Some((&key, record)) => {
                    used.insert(key);
                    event_sources.extend(self.sources(record, id, own_id, description, &mut notes));
                }
                None => self.dangling(id_node, "source", id, &mut notes),
            }
        }
        let mut tags = Vec::new();
        for id_node in json::array(node, "associations", &mut self.diags) {
            let Some(id) = id_node.given() else { continue };
            match associations.get(id) {
                Some(tag) if !tags.contains(tag) => tags.push(tag.clone()),
                Some(_) => {}
                None => self.dangling(id_node, "association", id, &mut notes),
            }
        }
        for (key, value) in node.entries() {
            let mapped = [
                "id",
                "description",
                "date",
                "time",
                "location",
                "latitude",
                "longitude",
                "sources",
                "associations",
            ];
            if !mapped.contains(&key.as_str()) && !value.is_blank() {
                notes.add(key, &value.to_string());
            }
        }
        let id = self
            .ids
            .claim(&own_id.map_or_else(|| slug(&format!("{title} {}", date.text())), String::from));
        Some(Event {
            summary: summary.map(Text::from),
            tags: tags.into_iter().map(Name::from).collect(),
            sources: event_sources.into(),
            more: EventMore {
                notes: notes.into_text().map(Into::into),
                place: place.map(Box::new),
                ..EventMore::default()
            }
            .into(),
            ..Event::new(id, date, title)
        })
    }

    /// `location`, `latitude` and `longitude`: coordinates that cannot be placed are a warning
    /// at the one at fault, and kept as written in the notes.
    fn place(&mut self, node: &Node, location: Option<&str>, notes: &mut Notes) -> Option<Place> {
        let [lat, lon] = ["latitude", "longitude"].map(|k| node.get(k));
        let point = coordinates(lat.and_then(Node::given), lon.and_then(Node::given)).unwrap_or_else(|problem| {
            let at = match problem.axis {
                Axis::Lat => lat,
                Axis::Lon => lon,
            };
            let span = at.map_or(node.span.clone(), |n| n.span.clone());
            self.diags
                .push(Diagnostic::warning("bad-place", span, problem.message).with_hint(problem.hint));
            for (key, n) in [("latitude", lat), ("longitude", lon)] {
                notes.add(key, n.and_then(Node::given).unwrap_or_default());
            }
            None
        });
        Place::new(location.map(String::from), point)
    }

    /// `date` (MM/DD/YYYY, or an EDTF date) and `time` (HH:MM); `None`, with an error, when unusable.
    fn date(&mut self, node: &Node) -> Option<Date> {
        let Some(date_node) = node.get("date").filter(|d| d.given().is_some()) else {
            self.diags.push(
                Diagnostic::error("missing-key", node.span.clone(), "this event has no date")
                    .with_hint("add \"date\": \"MM/DD/YYYY\"; tlx needs a date for every event")
                    .setting_aside(node.span.start),
            );
            return None;
        };
        let written = date_node.given().unwrap_or_default();
        let Some(text) = us_date(written).or_else(|| {
            Some(
                Date::parse_human(written, Some(Order::MonthFirst))
                    .ok()?
                    .text()
                    .to_string(),
            )
        }) else {
            self.diags.push(
                Diagnostic::error(
                    "bad-date",
                    date_node.span.clone(),
                    format!("\"{written}\" is not a date tlx can read"),
                )
                .with_hint("write MM/DD/YYYY, as timemap does, or YYYY-MM-DD")
                .setting_aside(node.span.start),
            );
            return None;
        };
        if let Some(time_node) = node.get("time").filter(|t| t.given().is_some()) {
            let time = time_node.given().unwrap_or_default();
            if matches!(time, "00:00" | "00:00:00") {
                self.midnight.add("time 00:00", time_node.span.clone());
            } else if let Ok(with_time) = Date::parse(&format!("{text}T{time}")) {
                return Some(with_time);
            } else {
                self.diags.push(
                    Diagnostic::warning(
                        "bad-date",
                        time_node.span.clone(),
                        format!("\"{time}\" is not a time tlx can read"),
                    )
                    .with_hint("write HH:MM; the event keeps its day"),
                );
            }
        }
        Date::parse(&text).ok()
    }

    /// One source per path of the record; its description goes to the notes unless it repeats the event's.
    fn sources(
        &mut self,
        record: &Node,
        id: &str,
        event_id: Option<&str>,
        event_text: &str,
        notes: &mut Notes,
    ) -> Vec<Source> {
        let field = |k: &str| record.get(k).and_then(Node::given);
        let title = field("title").filter(|t| *t != "-" && Some(*t) != event_id);
        let date = field("date")
            .and_then(|d| us_date(d).or(Some(d.to_string())))
            .and_then(|d| Date::parse(&d).ok());
        if let Some(d) = field("description").filter(|d| *d != event_text) {
            notes.add(&format!("Source {id}"), d);
        }
        for (key, value) in record.entries() {
            if !["id", "title", "type", "paths", "description", "date"].contains(&key.as_str()) && !value.is_blank() {
                notes.add(&format!("Source {id} {key}"), &value.to_string());
            }
        }
        let paths: Vec<&str> = record
            .get("paths")
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::given)
            .collect();
        let urls: Vec<&str> = paths.iter().map(|p| url::clean(p)).filter(|p| is_url(p)).collect();
        for other in paths.iter().filter(|p| !is_url(url::clean(p))) {
            notes.add(&format!("Source {id} path"), other);
        }
        // A channel or account names the publisher better than the platform in `type`.
        let kind = field("type");
        if let Some(kind) = kind.filter(|_| title.is_some() || urls.iter().any(|u| url::account(u).is_some())) {
            notes.add(&format!("Source {id} type"), kind);
        }
        // One record is one publisher; its other paths are copies (an archive), not more origins.
        let outlet = title
            .map(String::from)
            .or_else(|| urls.iter().find_map(|u| url::account(u)))
            .or_else(|| kind.map(String::from))
            .or_else(|| urls.first().and_then(|u| url::outlet(u)))
            .unwrap_or_else(|| id.to_string());
        let make = |url: Option<&str>| Source {
            said: Attribution::new(Name::shared(&outlet), None).into(),
            date: date.clone(),
            url: url.map(Into::into),
            ..Source::default()
        };
        if urls.is_empty() {
            vec![make(None)]
        } else {
            urls.into_iter().map(|u| make(Some(u))).collect()
        }
    }

    fn dangling(&mut self, node: &Node, what: &str, id: &str, notes: &mut Notes) {
        notes.add(&format!("Unknown {what}"), id);
        self.diags.push(
            Diagnostic::warning(
                "unknown-id",
                node.span.clone(),
                format!("there is no {what} with id `{id}`"),
            )
            .with_hint(format!(
                "the id is kept in the event's notes; add the {what} to the file to import it"
            )),
        );
    }
}

/// An association as a tag: its filter path ("Weapon System / Unknown"), else its title.
fn tag(association: &Node) -> Option<String> {
    let path: Vec<&str> = association
        .get("filter_paths")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::given)
        .collect();
    if path.is_empty() {
        association.get("title").and_then(Node::given).map(String::from)
    } else {
        Some(path.join(" / "))
    }
}

/// The first line of the description as the title, cut at a word; the whole text as the summary when cut.
fn title_and_summary(description: &str, location: Option<&str>, id: Option<&str>) -> (String, Option<String>) {
    let first = description.lines().next().unwrap_or_default().trim();
    if first.is_empty() {
        let title = location.or(id).unwrap_or("Untitled event");
        return (title.to_string(), None);
    }
    if first.chars().count() <= TITLE_MAX && first == description {
        return (first.to_string(), None);
    }
    let cut: String = first.chars().take(TITLE_MAX).collect();
    let title = match cut.rfind(' ').filter(|_| cut.len() < first.len()) {
        Some(space) => format!("{}…", &cut[..space]),
        None => cut,
    };
    (title, Some(description.to_string()))
}

/// "11/10/2022" (month first, as timemap writes) as "2022-11-10"; `None` if not that shape or not a day.
fn us_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('/').collect();
    let [m, d, y] = parts.as_slice() else { return None };
    let (m, d, y): (u8, u8, i64) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    Date::parse(&iso).ok().filter(|_| (0..=9999).contains(&y)).map(|_| iso)
}

#[cfg(test)]
mod tests;
