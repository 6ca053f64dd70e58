//! Several timelines on one axis: two outlets' accounts of the same story side by side.
//!
//! Each event remembers its file and the id it has there. An id that two files both use (an
//! event's, a reference's, or an actor's that differs between them) is namespaced as `label:id` in
//! every file that uses it, and the file's own links (`related`, `via`, `actors`) follow the
//! rename, so nothing from one file can point into another by accident.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;

use super::{Meta, Name, Timeline};

/// One timeline and the short label it is shown with.
#[derive(Debug, Clone)]
pub struct Part {
    /// Short name: the file's stem, made unique among the parts.
    pub label: String,
    /// The timeline as loaded.
    pub timeline: Timeline,
}

/// Where a merged event came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index of its part.
    pub part: usize,
    /// Its id in its own file (what bookmarks are keyed by).
    pub id: String,
}

/// The parts merged into one timeline; `origins[i]` tells where event `i` came from.
#[derive(Debug, Clone)]
pub struct Merged {
    /// All events, references and actors, with colliding ids namespaced.
    pub timeline: Timeline,
    /// Per event of `timeline`, its part and original id.
    pub origins: Vec<Origin>,
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
        let origins = origins_of(0, &timeline);
        return Merged { timeline, origins };
    }
    let event_ids = shared(&parts, |t| t.events.iter().map(|e| e.id.to_string()).collect());
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
    let mut origins = Vec::new();
    for (n, part) in parts.into_iter().enumerate() {
        let Part { label, mut timeline } = part;
        origins.extend(origins_of(n, &timeline));
        let rename = |id: &str, clashing: &HashSet<String>| {
            if clashing.contains(id) {
                format!("{label}:{id}")
            } else {
                id.to_string()
            }
        };
        for e in &mut timeline.events {
            e.id = rename(&e.id, &event_ids).into();
            for r in &mut e.related {
                *r = rename(r, &event_ids);
            }
            for a in e.actors.iter_mut().filter(|a| actor_ids.contains(a.as_str())) {
                *a = Name::shared(&rename(a, &actor_ids));
            }
            let vias = e.sources.iter_mut().map(|s| &mut s.via);
            let vias = vias.chain(e.denials.iter_mut().map(|d| &mut d.via)).flatten();
            for via in vias.filter(|via| reference_ids.contains(via.as_str())) {
                *via = Name::shared(&rename(via, &reference_ids));
            }
        }
        for (id, r) in timeline.references {
            merged.references.insert(rename(&id, &reference_ids), r);
        }
        for (id, a) in timeline.actors {
            merged.actors.insert(rename(&id, &actor_ids), a);
        }
        merged.events.append(&mut timeline.events);
    }
    Merged {
        timeline: merged,
        origins,
    }
}

fn origins_of(part: usize, t: &Timeline) -> Vec<Origin> {
    t.events
        .iter()
        .map(|e| Origin {
            part,
            id: e.id.to_string(),
        })
        .collect()
}

/// Ids that more than one part uses.
fn shared(parts: &[Part], ids: impl Fn(&Timeline) -> HashSet<String>) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut twice = HashSet::new();
    for part in parts {
        for id in ids(&part.timeline) {
            if !seen.insert(id.clone()) {
                twice.insert(id);
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
    use crate::model::{Actor, Date, Event, Reference, Source};

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
        fox.events[1].related = ["visit".into()].into();
        let reuters = timeline("Reuters", &["visit", "statement"]);
        let merged = merge(vec![part("fox", fox), part("reuters", reuters)]);
        let ids: Vec<&str> = merged.timeline.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["fox:visit", "ban", "reuters:visit", "statement"]);
        assert_eq!(merged.timeline.events[1].related, ["fox:visit"]);
        assert_eq!(merged.timeline.timeline.title, "Fox + Reuters");
        assert_eq!(
            merged.origins[2],
            Origin {
                part: 1,
                id: "visit".into()
            }
        );
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
            t.events[0].sources = vec![Source {
                outlet: "Fox".into(),
                via: Some("art".into()),
                ..Source::default()
            }];
        }
        let merged = merge(vec![part("a", a), part("b", b)]).timeline;
        assert_eq!(merged.references.keys().collect::<Vec<_>>(), ["a:art", "b:art"]);
        assert_eq!(merged.events[1].sources[0].via.as_deref(), Some("b:art"));
        assert_eq!(merged.actors.keys().collect::<Vec<_>>(), ["kremlin"]);
        assert_eq!(merged.events[1].actors, ["kremlin"]);
    }

    #[test]
    fn one_part_comes_back_as_it_was() {
        let t = timeline("Only", &["a", "b"]);
        let merged = merge(vec![part("only", t.clone())]);
        assert_eq!(merged.timeline, t);
        assert_eq!(merged.origins.len(), 2);
    }
}
