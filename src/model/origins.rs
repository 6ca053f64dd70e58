//! Independent origins: which of an event's sources are really one report passed along.
//!
//! Two sources share an origin when they have the same outlet and cite the same party (compared
//! ignoring case and surrounding spaces), or when one names the other's outlet in `derived_from`.

use std::collections::HashMap;
use std::fmt;

use super::source::Source;
use super::timeline::Timeline;

/// What two names that are the same outlet share: the name trimmed and lowercased (`fold::eq`'s
/// rule), so that grouping hashes instead of comparing every pair.
fn outlet_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// For each source, the number of its origin group; groups are numbered from 0 in order of
/// first appearance, so `groups[i] == groups[j]` means sources `i` and `j` share an origin.
///
/// Linear in the number of sources (hash maps, each source's path walked once): an event may
/// hold 100k sources, and this runs for every event on each change of the knowledge date.
pub fn origin_groups(sources: &[Source]) -> Vec<usize> {
    with_groups(sources, <[usize]>::to_vec)
}

/// `f` of the sources' [`origin_groups`], held on the stack for the usual few sources: the
/// explorer works them out for every event of a million, and keeps only what `f` makes of them.
pub fn with_groups<R>(sources: &[Source], f: impl FnOnce(&[usize]) -> R) -> R {
    if sources.len() <= FEW && sources.iter().all(|s| s.more().derived_from.is_none()) {
        let mut groups = [0; FEW];
        few_groups_in(sources, &mut groups);
        return f(&groups[..sources.len()]);
    }
    f(&hashed_groups(sources))
}

/// Up to this many sources, comparing each with those before it costs less than lowering and
/// hashing their names (most events have a few sources).
const FEW: usize = 8;

/// [`few_groups_in`] as a list, to compare with [`hashed_groups`].
#[cfg(test)]
fn few_groups(sources: &[Source]) -> Vec<usize> {
    let mut groups = vec![0; sources.len()];
    few_groups_in(sources, &mut groups);
    groups
}

/// [`origin_groups`] of at most [`FEW`] sources none of which derives from another, written into
/// the first `sources.len()` of `groups`: each is its own root, so a group is the first source
/// before it with the same outlet and citing.
fn few_groups_in(sources: &[Source], groups: &mut [usize]) {
    // A quarter of events or more have one source: its own group, with nothing to compare.
    if let [_] = sources {
        groups[0] = 0;
        return;
    }
    /// A source's outlet and whom it cites, trimmed once rather than at each comparison.
    #[derive(Clone, Copy)]
    struct Key<'a> {
        outlet: &'a str,
        citing: &'a str,
    }
    fn key(s: &Source) -> Key<'_> {
        Key {
            outlet: s.outlet().trim(),
            citing: s.citing().unwrap_or("").trim(),
        }
    }
    let same = |a: Key<'_>, b: Key<'_>| crate::fold::eq(a.outlet, b.outlet) && crate::fold::eq(a.citing, b.citing);
    let mut keys = [Key { outlet: "", citing: "" }; FEW];
    let mut count = 0;
    for (j, s) in sources.iter().enumerate() {
        keys[j] = key(s);
        groups[j] = match (0..j).find(|&k| same(keys[k], keys[j])) {
            Some(k) => groups[k],
            None => {
                count += 1;
                count - 1
            }
        };
    }
}

/// [`origin_groups`] of any sources, linear in their number.
pub(super) fn hashed_groups(sources: &[Source]) -> Vec<usize> {
    let roots = roots(sources);
    // One group per distinct key of a root (outlet and whom it cites), numbered in order of
    // first appearance.
    let mut numbers: HashMap<(String, String), usize> = HashMap::new();
    let mut of_root: HashMap<usize, usize> = HashMap::new();
    roots
        .into_iter()
        .map(|r| {
            let next = numbers.len();
            *of_root.entry(r).or_insert_with(|| {
                let s = &sources[r];
                let citing = outlet_key(s.citing().unwrap_or(""));
                *numbers.entry((outlet_key(s.outlet()), citing)).or_insert(next)
            })
        })
        .collect()
}

/// For each source, the source its `derived_from` names: another source of the list with that
/// outlet (the first such), or `None` when it derives from nothing or from no source listed.
pub fn parents(sources: &[Source]) -> Vec<Option<usize>> {
    // Most events derive nothing: no outlet names to hash.
    if sources.iter().all(|s| s.more().derived_from.is_none()) {
        return vec![None; sources.len()];
    }
    // Per outlet, its first two sources: a source naming its own outlet derives from the other.
    let mut by_outlet: HashMap<String, (usize, Option<usize>)> = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        by_outlet
            .entry(outlet_key(s.outlet()))
            .and_modify(|e| {
                e.1.get_or_insert(i);
            })
            .or_insert((i, None));
    }
    let parent = |(i, s): (usize, &Source)| {
        let (first, second) = *by_outlet.get(&outlet_key(s.more().derived_from.as_deref()?))?;
        if first != i { Some(first) } else { second }
    };
    sources.iter().enumerate().map(parent).collect()
}

/// What a source repeats, as readers are told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeats<'a> {
    /// Another outlet's report, as `derived_from` names it: "repeats Reuters".
    Outlet(&'a str),
    /// The same report as another source of its own outlet gives, read in `read_in` (that
    /// source's reference, by its outlet or title). A source naming its own outlet does not repeat
    /// itself: the same Fox News report read in two articles is one report seen twice, and saying
    /// "Fox News repeats Fox News" would tell the reader nothing true.
    SameReport {
        /// The outlet of both.
        outlet: &'a str,
        /// Where the other one was read, if it names a reference.
        read_in: Option<&'a str>,
    },
}

impl fmt::Display for Repeats<'_> {
    /// "repeats Reuters", "same report as read in RFE/RL" (next to its outlet's name).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Repeats::Outlet(o) => write!(f, "repeats {o}"),
            Repeats::SameReport { read_in: Some(r), .. } => write!(f, "same report as read in {r}"),
            Repeats::SameReport { outlet, read_in: None } => write!(f, "same report as its other {outlet} source"),
        }
    }
}

/// For each source, what it repeats: `None` when it names nothing in `derived_from`.
pub fn repeats<'a>(t: &'a Timeline, sources: &'a [Source]) -> Vec<Option<Repeats<'a>>> {
    parents(sources)
        .into_iter()
        .zip(sources)
        .map(|(parent, s)| {
            let named = s.more().derived_from.as_deref()?;
            Some(match parent.map(|p| &sources[p]) {
                Some(p) if outlet_key(p.outlet()) == outlet_key(s.outlet()) => Repeats::SameReport {
                    outlet: s.outlet(),
                    read_in: p
                        .more()
                        .via
                        .as_deref()
                        .and_then(|v| t.references.get(v))
                        .map(|r| r.outlet.as_deref().unwrap_or(&r.title)),
                },
                _ => Repeats::Outlet(named),
            })
        })
        .collect()
}

/// For each source, the source its `derived_from` chain ends at: the first source that derives
/// from nothing known, or the lowest index of the cycle the chain runs into.
fn roots(sources: &[Source]) -> Vec<usize> {
    let n = sources.len();
    let parents = parents(sources);
    const UNSEEN: usize = usize::MAX;
    let mut root = vec![UNSEEN; n];
    // Where on the path being walked each source sits, to tell a cycle from a joined path.
    let mut on_path: HashMap<usize, usize> = HashMap::new();
    let mut path = Vec::new();
    for start in 0..n {
        let mut at = start;
        let end = loop {
            if root[at] != UNSEEN {
                break root[at];
            }
            if let Some(&k) = on_path.get(&at) {
                // A cycle: every member repeats the others, so any fixed member stands for it.
                break path[k..].iter().copied().min().unwrap_or(at);
            }
            on_path.insert(at, path.len());
            path.push(at);
            match parents[at] {
                Some(p) => at = p,
                None => break at,
            }
        };
        for v in path.drain(..) {
            root[v] = end;
        }
        on_path.clear();
    }
    root
}

/// How many independent origins all these sources have.
pub fn independent_origins(sources: &[Source]) -> usize {
    with_groups(sources, |groups| groups.iter().max().map_or(0, |m| m + 1))
}

/// How many distinct groups the chosen sources (indices into the list `groups` was made from) span.
pub fn origins_among(groups: &[usize], chosen: impl IntoIterator<Item = usize>) -> usize {
    // A bit per group for the usual few; a sorted list for any beyond.
    let (mut few, mut more) = (0_u128, Vec::new());
    for g in chosen.into_iter().map(|i| groups[i]) {
        match u32::try_from(g).ok().and_then(|g| 1_u128.checked_shl(g)) {
            Some(bit) => few |= bit,
            None => more.push(g),
        }
    }
    more.sort_unstable();
    more.dedup();
    few.count_ones() as usize + more.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFields;

    fn source(outlet: &str, citing: Option<&str>, derived_from: Option<&str>) -> Source {
        Source::from(SourceFields {
            outlet: outlet.into(),
            citing: citing.map(Into::into),
            derived_from: derived_from.map(Into::into),
            ..SourceFields::default()
        })
    }

    #[test]
    fn same_outlet_and_citing_count_once() {
        let a = source("Fox News", Some("Western intelligence sources"), None);
        let b = source(" fox news ", Some("western intelligence sources"), None);
        assert_eq!(independent_origins(&[a.clone(), b]), 1);
        // The same outlet citing someone else is another origin.
        let c = source("Fox News", None, None);
        assert_eq!(independent_origins(&[a, c]), 2);
    }

    #[test]
    fn derived_from_joins_the_named_sources_group() {
        let sources = [
            source("Fox News", Some("Western intelligence sources"), None),
            source("Reuters", Some("U.S. security sources"), None),
            source("Times of Israel", None, Some("fox news")),
            source("Daily Blog", None, Some("Times of Israel")),
        ];
        assert_eq!(origin_groups(&sources), vec![0, 1, 0, 0]);
        assert_eq!(independent_origins(&sources), 2);
        assert_eq!(origins_among(&origin_groups(&sources), [0, 2, 3]), 1);
        assert_eq!(origins_among(&origin_groups(&sources), [1, 3]), 2);
    }

    #[test]
    fn unknown_or_circular_derivations_fall_back_to_the_source_itself() {
        let sources = [
            source("A", None, Some("B")),
            source("B", None, Some("A")),
            source("C", None, Some("nobody")),
        ];
        let groups = origin_groups(&sources);
        assert_eq!(groups[0], groups[1], "a cycle is one origin");
        assert_ne!(groups[2], groups[0]);
        assert_eq!(independent_origins(&sources), 2);
        assert_eq!(independent_origins(&[]), 0);
    }

    #[test]
    fn origins_are_counted_past_a_hundred_and_twenty_eight_groups() {
        let groups: Vec<usize> = (0..300).map(|i| i % 200).collect();
        assert_eq!(origins_among(&groups, 0..300), 200);
        assert_eq!(origins_among(&groups, [0, 200, 150, 199, 127, 128]), 5);
    }

    #[test]
    fn a_source_naming_its_own_outlet_is_the_same_report_read_elsewhere_not_a_repeat_of_itself() {
        let t = crate::load::Document::bundled()
            .load(crate::load::Options::default())
            .timeline;
        let visit = t.event("moscow-visit").unwrap();
        let said: Vec<Option<String>> = repeats(&t, &visit.sources)
            .into_iter()
            .map(|r| r.map(|r| r.to_string()))
            .collect();
        // The Times of Israel's Fox News entry is the report RFE/RL gives, citing Western intelligence.
        assert_eq!(visit.sources[0].more().via.as_deref(), Some("toi-2015-08-07"));
        assert_eq!(said[0].as_deref(), Some("same report as read in RFE/RL"));
        assert!(said[1..].iter().all(Option::is_none), "{said:?}");
        // Another outlet, or one no source lists, is repeated by name.
        let t = Timeline::default();
        let sources = [
            source("Fox News", None, None),
            source("Blog", None, Some("Fox News")),
            source("Other", None, Some("Nobody")),
            source("Lone", None, Some("Lone")),
            source("Wire", None, None),
            source("Wire", Some("its reporter"), Some("wire")),
        ];
        let said: Vec<String> = repeats(&t, &sources)
            .into_iter()
            .flatten()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            said,
            [
                "repeats Fox News",
                "repeats Nobody",
                // Naming its own outlet with no other source of it: nothing to be the same as.
                "repeats Lone",
                "same report as its other Wire source"
            ]
        );
    }

    proptest::proptest! {
        /// A few sources deriving from none are grouped by comparing them, as hashing groups them.
        #[test]
        fn few_sources_group_as_hashing_groups_them(
            picks in proptest::collection::vec((0_usize..6, 0_usize..6), 0..=FEW),
        ) {
            let outlets = ["Fox News", " fox news ", "FOX NEWS", "Reuters", "ΣΟΦΙΑ", "σοφια"];
            let citing = [None, Some(""), Some("Sources"), Some(" sources"), Some("ΟΔΟΣ"), Some("οδος")];
            let sources: Vec<Source> = picks
                .iter()
                .map(|&(o, c)| source(outlets[o], citing[c], None))
                .collect();
            proptest::prop_assert_eq!(few_groups(&sources), hashed_groups(&sources));
        }
    }
}
