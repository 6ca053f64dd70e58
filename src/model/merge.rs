//! Several timelines on one axis: two outlets' accounts of the same story side by side.
//!
//! Each event remembers its file and the id it has there. An id that two files both use (an
//! event's, a reference's, or an actor's that differs between them) is namespaced as `label:id` in
//! every file that uses it, and the file's own links (`related`, `via`, `actors`) follow the
//! rename, so nothing from one file can point into another by accident.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;

use super::{Meta, Name, Names, Timeline};

/// One timeline and the short label it is shown with.
#[derive(Debug, Clone)]
pub struct Part {
    /// Short name: the file's stem, made unique among the parts.
    pub label: String,
    /// The timeline as loaded.
    pub timeline: Timeline,
}

/// Where a merged event came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Index of its part.
    pub part: usize,
    /// Its id in its own file (what bookmarks are keyed by).
    pub id: String,
}

/// The parts merged into one timeline; `origins` tells where each event came from.
#[derive(Debug, Clone)]
pub struct Merged {
    /// All events, references and actors, with colliding ids namespaced.
    pub timeline: Timeline,
    /// Where each event of `timeline` came from.
    pub origins: Origins,
}

impl Merged {
    /// Where event `i` came from: its file, and its id there.
    pub fn origin(&self, i: usize) -> Option<Origin> {
        self.origins.origin(i, &self.timeline.events.get(i)?.id)
    }

    /// Event `i`'s id in its own file.
    pub fn origin_id(&self, i: usize) -> Option<&str> {
        Some(self.origins.id(i, &self.timeline.events.get(i)?.id))
    }
}

/// Where each event of a merged timeline came from, worked out from the merge rather than kept
/// per event: a part's events follow each other, and an event's id in its own file is its merged
/// id but where the merge namespaced it. A list of [`Origin`]s copied every event's id, some 40
/// bytes an event at a million.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// The index of each part's first event, in part order.
    starts: Vec<usize>,
    /// How many events there are in all.
    len: usize,
    /// Per part, the length of the `label:` its namespaced ids begin with.
    prefixes: Vec<usize>,
    /// The events whose id was namespaced, in order.
    namespaced: Vec<usize>,
}

impl Origins {
    /// How many events there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The part event `i` came from; `None` past the last event.
    pub fn part(&self, i: usize) -> Option<usize> {
        (i < self.len).then(|| self.starts.partition_point(|&start| start <= i) - 1)
    }

    /// Event `i`'s id in its own file, given its `merged` id (the id the merge gave it).
    pub fn id<'a>(&self, i: usize, merged: &'a str) -> &'a str {
        match (self.namespaced.binary_search(&i), self.part(i)) {
            (Ok(_), Some(part)) => merged.get(self.prefixes[part]..).unwrap_or(merged),
            _ => merged,
        }
    }

    /// Where event `i` came from, given its `merged` id; `None` past the last event.
    pub fn origin(&self, i: usize, merged: &str) -> Option<Origin> {
        Some(Origin {
            part: self.part(i)?,
            id: self.id(i, merged).to_string(),
        })
    }

    /// The events of one part, by index.
    pub fn of_part(&self, part: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(part).copied().unwrap_or(self.len);
        start..self.starts.get(part + 1).copied().unwrap_or(self.len)
    }

    /// One part of `len` events whose ids are as in its file.
    fn whole(len: usize) -> Origins {
        Origins {
            starts: vec![0],
            len,
            prefixes: vec![0],
            namespaced: Vec::new(),
        }
    }
}

/// Short labels for files: their stems (`fox.toml` -> `fox`), with the parent directory or a
/// number added where two would be the same.
pub fn labels(paths: &[&Path]) -> Vec<String> {
    let stem = |p: &Path| {
        let name = p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        // `a.timelinejs.json` is `a`, as `a.toml` is.
        name.split('.').find(|s| !s.is_empty()).unwrap_or(&name).to_string()
    };
    let stems: Vec<String> = paths.iter().map(|p| stem(p)).collect();
    let mut labels = stems.clone();
    for (i, path) in paths.iter().enumerate() {
        if stems.iter().filter(|s| **s == stems[i]).count() > 1
            && let Some(dir) = path.parent().and_then(Path::file_name)
        {
            labels[i] = format!("{}/{}", dir.to_string_lossy(), stems[i]);
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for label in &mut labels {
        let n = seen.entry(label.clone()).or_default();
        *n += 1;
        if *n > 1 {
            label.push_str(&format!("#{n}"));
        }
    }
    labels
}

/// Merges timelines into one; a single part comes back unchanged.
pub fn merge(parts: Vec<Part>) -> Merged {
    if parts.len() == 1 {
        let timeline = parts.into_iter().next().map(|p| p.timeline).unwrap_or_default();
        let origins = Origins::whole(timeline.events.len());
        return Merged { timeline, origins };
    }
    let event_ids = shared_event_ids(&parts);
    let reference_ids = conflicting(&parts, |t| &t.references);
    let actor_ids = conflicting(&parts, |t| &t.actors);
    let mut merged = Timeline {
        timeline: Meta {
            title: parts
                .iter()
                .map(|p| p.timeline.timeline.title.as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" + "),
            ..Meta::default()
        },
        ..Timeline::default()
    };
    let mut origins = Origins::default();
    for part in parts {
        let Part { label, mut timeline } = part;
        origins.starts.push(origins.len);
        origins.prefixes.push(label.len() + 1);
        let namespaced = |id: &str| format!("{label}:{id}");
        let rename = |id: &str, clashing: &HashSet<String>| {
            if clashing.contains(id) {
                namespaced(id)
            } else {
                id.to_string()
            }
        };
        for (i, e) in timeline.events.iter_mut().enumerate() {
            // Only a shared id is made anew: the others stay as read (lent by a mapped file).
            if event_ids.contains(e.id.as_str()) {
                origins.namespaced.push(origins.len + i);
                e.id = namespaced(&e.id).into();
            }
            if !e.more.related.is_empty() {
                e.more
                    .edit(|more| more.related.iter_mut().for_each(|r| *r = rename(r, &event_ids)));
            }
            if e.actors.iter().any(|a| actor_ids.contains(a.as_str())) {
                let renamed = e.actors.iter().map(|a| match actor_ids.contains(a.as_str()) {
                    true => Name::shared(&rename(a, &actor_ids)),
                    false => a.clone(),
                });
                e.actors = Names::shared(renamed.collect::<Vec<_>>());
            }
            let rename_via = |via: &mut Option<Name>| {
                if let Some(via) = via.as_mut().filter(|via| reference_ids.contains(via.as_str())) {
                    *via = Name::shared(&rename(via, &reference_ids));
                }
            };
            for s in e.sources.iter_mut().filter(|s| s.more().via.is_some()) {
                s.said.edit_more(|more| rename_via(&mut more.via));
            }
            for d in &mut e.denials {
                rename_via(&mut d.via);
            }
        }
        for (id, r) in timeline.references {
            merged.references.insert(rename(&id, &reference_ids), r);
        }
        for (id, a) in timeline.actors {
            merged.actors.insert(rename(&id, &actor_ids), a);
        }
        origins.len += timeline.events.len();
        merged.events.append(&mut timeline.events);
    }
    Merged {
        timeline: merged,
        origins,
    }
}

/// Event ids that more than one part uses. Borrowed while they are looked at: a copy of every
/// id, twice, and every id made anew were 1.3 s of the 3.3 s two files of a million events took
/// to merge and lay out.
fn shared_event_ids(parts: &[Part]) -> HashSet<String> {
    let mut first: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut twice = HashSet::new();
    for (n, part) in parts.iter().enumerate() {
        for e in &part.timeline.events {
            let id = e.id.as_str();
            if *first.entry(id).or_insert(n) != n {
                twice.insert(id.to_string());
            }
        }
    }
    twice
}

/// Keys of a table that parts define differently; the same entry in two files is one entry.
fn conflicting<V: PartialEq>(parts: &[Part], table: impl Fn(&Timeline) -> &IndexMap<String, V>) -> HashSet<String> {
    let mut first: HashMap<&str, &V> = HashMap::new();
    let mut clash = HashSet::new();
    for part in parts {
        for (id, value) in table(&part.timeline) {
            match first.get(id.as_str()) {
                Some(v) if *v != value => {
                    clash.insert(id.clone());
                }
                Some(_) => {}
                None => {
                    first.insert(id, value);
                }
            }
        }
    }
    clash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Date, Event, Reference, Source, SourceFields};

    fn timeline(title: &str, ids: &[&str]) -> Timeline {
        Timeline {
            timeline: Meta {
                title: title.into(),
                ..Meta::default()
            },
            events: ids
                .iter()
                .map(|id| Event::new(*id, Date::parse("2015-07-24").unwrap(), format!("{title} {id}")))
                .collect(),
            ..Timeline::default()
        }
    }

    fn part(label: &str, t: Timeline) -> Part {
        Part {
            label: label.into(),
            timeline: t,
        }
    }

    #[test]
    fn labels_are_stems_with_the_directory_or_a_number_where_they_would_clash() {
        let paths = [
            Path::new("fox.toml"),
            Path::new("wire/reuters.toml"),
            Path::new("old/reuters.toml"),
            Path::new("a.timelinejs.json"),
            Path::new("x/a.json"),
            Path::new("y/x/a.json"),
        ];
        assert_eq!(
            labels(&paths),
            ["fox", "wire/reuters", "old/reuters", "a", "x/a", "x/a#2"]
        );
    }

    #[test]
    fn colliding_event_ids_are_namespaced_in_every_file_and_links_follow() {
        let mut fox = timeline("Fox", &["visit", "ban"]);
        fox.events[1].more.edit(|more| more.related = ["visit".into()].into());
        let reuters = timeline("Reuters", &["visit", "statement"]);
        let merged = merge(vec![part("fox", fox), part("reuters", reuters)]);
        let ids: Vec<&str> = merged.timeline.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["fox:visit", "ban", "reuters:visit", "statement"]);
        assert_eq!(merged.timeline.events[1].more.related, ["fox:visit"]);
        assert_eq!(merged.timeline.timeline.title, "Fox + Reuters");
        // Each event's file and its id there, the namespaced ones included.
        let origins: Vec<Origin> = (0..4).map(|i| merged.origins.origin(i, ids[i]).unwrap()).collect();
        let origin = |part: usize, id: &str| Origin { part, id: id.into() };
        assert_eq!(
            origins,
            [
                origin(0, "visit"),
                origin(0, "ban"),
                origin(1, "visit"),
                origin(1, "statement")
            ]
        );
        assert_eq!(merged.origins.origin(4, "x"), None);
        assert_eq!((merged.origins.of_part(0), merged.origins.of_part(1)), (0..2, 2..4));
    }

    #[test]
    fn parts_without_events_take_no_event_and_a_clash_within_a_file_is_no_namespace() {
        // The same id twice in one file is that file's error, not the merge's.
        let a = timeline("A", &["x", "x"]);
        let empty = timeline("E", &[]);
        let b = timeline("B", &["y", "a:x"]);
        let merged = merge(vec![part("a", a), part("e", empty), part("b", b)]);
        let ids: Vec<&str> = merged.timeline.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["x", "x", "y", "a:x"]);
        let origins = &merged.origins;
        let parts: Vec<Option<usize>> = (0..5).map(|i| origins.part(i)).collect();
        assert_eq!(parts, [Some(0), Some(0), Some(2), Some(2), None]);
        // `a:x` is that file's own id, not a namespaced `x`.
        assert_eq!(origins.id(3, ids[3]), "a:x");
        assert_eq!((origins.of_part(1), origins.len()), (2..2, 4));
    }

    #[test]
    fn references_and_actors_are_shared_when_equal_and_namespaced_when_they_differ() {
        let reference = |title: &str| Reference {
            title: title.into(),
            ..Reference::default()
        };
        let mut a = timeline("A", &["x"]);
        let mut b = timeline("B", &["y"]);
        a.references.insert("art".into(), reference("One"));
        b.references.insert("art".into(), reference("Two"));
        for t in [&mut a, &mut b] {
            t.actors.insert(
                "kremlin".into(),
                Actor {
                    name: "The Kremlin".into(),
                    ..Actor::default()
                },
            );
            t.events[0].actors = ["kremlin".into()].into();
            t.events[0].sources = [Source::from(SourceFields {
                outlet: "Fox".into(),
                via: Some("art".into()),
                ..SourceFields::default()
            })]
            .into();
        }
        let merged = merge(vec![part("a", a), part("b", b)]).timeline;
        assert_eq!(merged.references.keys().collect::<Vec<_>>(), ["a:art", "b:art"]);
        assert_eq!(merged.events[1].sources[0].more().via.as_deref(), Some("b:art"));
        assert_eq!(merged.actors.keys().collect::<Vec<_>>(), ["kremlin"]);
        assert_eq!(merged.events[1].actors, ["kremlin"]);
    }

    #[test]
    fn one_part_comes_back_as_it_was() {
        let t = timeline("Only", &["a", "b"]);
        let merged = merge(vec![part("only", t.clone())]);
        assert_eq!(merged.timeline, t);
        assert_eq!(merged.origins.len(), 2);
        assert_eq!(
            merged.origins.origin(1, "b"),
            Some(Origin {
                part: 0,
                id: "b".into()
            })
        );
    }
}
