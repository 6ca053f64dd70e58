//! Independent origins: which of an event's sources are really one report passed along.
//!
//! Two sources share an origin when they have the same outlet and cite the same party (compared
//! ignoring case and surrounding spaces), or when one names the other's outlet in `derived_from`.

use super::timeline::Source;
use crate::fold;

/// True when two sources have the same origin key on their own: outlet and whom they cite,
/// ignoring case and surrounding spaces.
fn same_key(a: &Source, b: &Source) -> bool {
    fn citing(s: &Source) -> &str {
        s.citing.as_deref().unwrap_or("").trim()
    }
    same_outlet(&a.outlet, &b.outlet) && fold::eq(citing(a), citing(b))
}

/// True when two outlet names are the same for grouping purposes.
pub fn same_outlet(a: &str, b: &str) -> bool {
    fold::eq(a.trim(), b.trim())
}

/// For each source, the number of its origin group; groups are numbered from 0 in order of
/// first appearance, so `groups[i] == groups[j]` means sources `i` and `j` share an origin.
pub fn origin_groups(sources: &[Source]) -> Vec<usize> {
    let parent = |i: usize| {
        sources[i].derived_from.as_deref().and_then(|name| {
            sources
                .iter()
                .enumerate()
                .position(|(j, s)| j != i && same_outlet(&s.outlet, name))
        })
    };
    let root = |start: usize| {
        // Most sources derive from nothing: no path to follow.
        if sources[start].derived_from.is_none() {
            return start;
        }
        let mut path = vec![start];
        while let Some(p) = parent(path[path.len() - 1]) {
            if let Some(at) = path.iter().position(|&v| v == p) {
                // A cycle: every member repeats the others, so any fixed member stands for it.
                return path[at..].iter().copied().min().unwrap_or(p);
            }
            path.push(p);
        }
        path[path.len() - 1]
    };
    // One root per group, in order of first appearance. Events have a handful of sources, so a
    // scan beats hashing lowercased copies of every key (this runs for every event on each
    // change of the knowledge date).
    let mut firsts: Vec<usize> = Vec::new();
    (0..sources.len())
        .map(|i| {
            let r = root(i);
            firsts
                .iter()
                .position(|&f| same_key(&sources[f], &sources[r]))
                .unwrap_or_else(|| {
                    firsts.push(r);
                    firsts.len() - 1
                })
        })
        .collect()
}

/// How many independent origins all these sources have.
pub fn independent_origins(sources: &[Source]) -> usize {
    origin_groups(sources).into_iter().max().map_or(0, |m| m + 1)
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

    fn source(outlet: &str, citing: Option<&str>, derived_from: Option<&str>) -> Source {
        Source {
            outlet: outlet.into(),
            citing: citing.map(Into::into),
            derived_from: derived_from.map(Into::into),
            ..Source::default()
        }
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
}
