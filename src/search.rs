//! Free-text search across everything an event says: smart case, no terminal code.

pub mod written;

use memchr::memmem::Finder;

use crate::fold;
use crate::model::date::HUMAN_CHARS;
use crate::model::{Event, Timeline};

/// The text searched for, with smart case: case-insensitive unless it contains a capital letter.
#[derive(Debug, Clone)]
pub struct Needle {
    /// The needle, lowercased unless case-sensitive.
    text: fold::Pattern,
    case_sensitive: bool,
    /// The needle compiled once for case-sensitive search (boxed: it is ten times the rest).
    finder: Box<Finder<'static>>,
    /// False when the needle has a character no written-out date has, so dates need not be written.
    in_dates: bool,
}

impl PartialEq for Needle {
    fn eq(&self, other: &Needle) -> bool {
        (self.text.text(), self.case_sensitive) == (other.text.text(), other.case_sensitive)
    }
}

impl Eq for Needle {}

impl Needle {
    /// Builds a query; `None` for blank text, which matches nothing worth showing.
    pub fn new(text: &str) -> Option<Needle> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let case_sensitive = text.chars().any(char::is_uppercase);
        let text = if case_sensitive {
            text.to_string()
        } else {
            text.to_lowercase()
        };
        let in_dates = if case_sensitive {
            text.chars().all(|c| HUMAN_CHARS.contains(c))
        } else {
            let lower = HUMAN_CHARS.to_lowercase();
            text.chars().all(|c| lower.contains(c))
        };
        Some(Needle {
            finder: Box::new(Finder::new(text.as_bytes()).into_owned()),
            text: fold::Pattern::new(text),
            case_sensitive,
            in_dates,
        })
    }

    /// The needle as a file would hold it, for a search of its bytes ([`written`]): `None` when
    /// a match in an event need not be written as the needle is, because it is a date as shown
    /// ("24 Jul 2015" for "2015-07-24") or matched by Unicode's lowercasing beyond ASCII.
    pub fn as_written(&self) -> Option<written::Written<'_>> {
        let text = self.text.text();
        (!self.in_dates && (self.case_sensitive || text.is_ascii())).then_some(written::Written {
            bytes: text.as_bytes(),
            exact: self.case_sensitive,
        })
    }

    /// True when `haystack` contains the query.
    pub fn is_in(&self, haystack: &str) -> bool {
        if self.case_sensitive {
            self.finder.find(haystack.as_bytes()).is_some()
        } else {
            self.text.is_in(haystack)
        }
    }

    /// True when every text holding this query holds `earlier` too (typing on at the end of a
    /// search, say), so only the earlier matches need searching again.
    pub fn narrows(&self, earlier: &Needle) -> bool {
        self.case_sensitive == earlier.case_sensitive && self.text.text().contains(earlier.text.text())
    }

    /// Byte ranges of the matches in `haystack`, for highlighting.
    pub fn find_all(&self, haystack: &str) -> Vec<std::ops::Range<usize>> {
        if self.case_sensitive {
            return haystack
                .match_indices(self.text.text())
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        // Lowercasing can change byte lengths, so match char by char on the original text.
        let needle: Vec<char> = self.text.text().chars().collect();
        let chars: Vec<(usize, char)> = haystack.char_indices().collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i + needle.len() <= chars.len() {
            let hit = needle
                .iter()
                .zip(&chars[i..])
                .all(|(n, (_, c))| c.to_lowercase().eq(std::iter::once(*n)));
            if hit {
                let end = chars.get(i + needle.len()).map_or(haystack.len(), |(b, _)| *b);
                found.push(chars[i].0..end);
                i += needle.len();
            } else {
                i += 1;
            }
        }
        found
    }

    /// True when any text of the event matches: title, summary, notes, date, tags, actors
    /// (ids, names and aliases), and its sources and denials (who denied it named the same way).
    pub fn matches(&self, t: &Timeline, e: &Event) -> bool {
        let fields = [Some(&*e.title), e.summary.as_deref(), e.more.notes.as_deref()];
        fields.into_iter().flatten().any(|s| self.is_in(s))
            || (self.in_dates && self.is_in(&e.date.human()))
            || e.tags.iter().any(|s| self.is_in(s))
            || e.actors.iter().any(|a| t.actor_names(a).any(|n| self.is_in(n)))
            || e.sources.iter().any(|s| {
                [Some(s.outlet()), s.citing(), s.quote.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|x| self.is_in(x))
            })
            || e.denials
                .iter()
                .any(|d| t.actor_names(&d.by).any(|n| self.is_in(n)) || d.quote.as_ref().is_some_and(|q| self.is_in(q)))
    }
}

/// The first piece a search in pieces hands on: small, so the first hits show at once.
const FIRST_PIECE: usize = 4_096;

/// The largest piece: enough for every core to share, few enough that a superseded search
/// stops soon after it is told to.
const LAST_PIECE: usize = 65_536;

/// What a search in pieces hands on after each piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The positions found in the piece, ascending (the pieces' positions interleave).
    pub hits: Vec<usize>,
    /// The first hit from where the search started, once, with the piece that makes it
    /// certain: every position from the start to it has been searched.
    pub first: Option<usize>,
    /// True with the last piece: the search is complete.
    pub complete: bool,
}

/// Searches shown positions in pieces, for a search whose hits show as they are found: `among`
/// the ascending positions given (every position of `order` when `None`), starting at the first
/// at or after `from` and wrapping round. `order` gives each position's place, where its event
/// lies in memory (below `places`), and `hit` is asked of places. The first piece is the
/// positions from `from` on, so a common word's next hit shows at once; the rest go in memory
/// order, from the start's event on: walking the shown order jumps about the heap, and took
/// about two and a half times as long at a million events. Each piece is tested on every core and handed to
/// `found`. False when `stop` said so, which is asked of every position.
pub fn in_pieces(
    order: &[usize],
    places: usize,
    among: Option<&[usize]>,
    from: usize,
    hit: impl Fn(usize) -> bool + Sync + Send,
    stop: impl Fn() -> bool + Sync + Send,
    mut found: impl FnMut(Found),
) -> bool {
    // Positions are searched by `k`, their index in `among` (or the position itself).
    let at = |k: usize| among.map_or(k, |among| among[k]);
    let place = |k: usize| order[at(k)];
    let (count, start) = match among {
        Some(among) => (among.len(), among.partition_point(|&p| p < from)),
        None => (order.len(), from.min(order.len())),
    };
    let start = start.checked_rem(count).unwrap_or(0);
    let near = FIRST_PIECE.min(count);
    let mut sure = Sure::new(count, start);
    let mut walk = in_memory_order(count, place, places);
    walk.retain(|&(k, _)| sure.after_start(k as usize) >= near);
    if count > 0 {
        let turn = walk.partition_point(|&(_, p)| (p as usize) < place(start));
        walk.rotate_left(turn);
    }
    // The positions from the start go first, into the room those taken out left: the walk is
    // not copied.
    let near = (0..near)
        .map(|n| (start + n) % count)
        .map(|k| (k as u32, place(k) as u32));
    walk.splice(0..0, near);
    let (mut done, mut size) = (0, FIRST_PIECE);
    loop {
        let piece = &walk[done..walk.len().min(done + size)];
        let hits = crate::parallel::filter(piece.len(), |j| !stop() && hit(piece[j].1 as usize));
        if stop() {
            return false;
        }
        let hits: Vec<usize> = hits.into_iter().map(|j| piece[j].0 as usize).collect();
        let first = sure.searched(piece.iter().map(|&(k, _)| k as usize), &hits);
        let mut hits: Vec<usize> = hits.into_iter().map(at).collect();
        hits.sort_unstable();
        done += piece.len();
        let complete = done == walk.len();
        found(Found {
            hits,
            first: first.map(at),
            complete,
        });
        if complete {
            return true;
        }
        size = (size * 2).min(LAST_PIECE);
    }
}

/// A position searched (its `k`) and its place: two `u32`s (events are fewer than 2^32), as a
/// million of them, with the table that orders them, were the top of the explorer's memory
/// when they were `usize`s.
type Step = (u32, u32);

/// Each `k` of `0..count` with its place, ordered by place; places are apart and below
/// `places`. By a table over every place when the count is a fair share of them, else by
/// sorting (a narrowed search's few earlier matches).
fn in_memory_order(count: usize, place: impl Fn(usize) -> usize, places: usize) -> Vec<Step> {
    if count < places / 16 {
        let mut all: Vec<Step> = (0..count).map(|k| (k as u32, place(k) as u32)).collect();
        all.sort_unstable_by_key(|&(_, p)| p);
        return all;
    }
    // Each place's `k` plus one, zero for none, so that the table starts as zeroed memory.
    let mut table = vec![0u32; places];
    for k in 0..count {
        table[place(k)] = k as u32 + 1;
    }
    let mut all = Vec::with_capacity(count);
    let placed = table.into_iter().enumerate();
    all.extend(placed.filter_map(|(p, k)| Some((k.checked_sub(1)?, p as u32))));
    all
}

/// Works out when the first hit from the start of a search in pieces is certain.
struct Sure {
    /// Whether each `k` has been searched.
    searched: Vec<bool>,
    /// The `k` the search started at.
    start: usize,
    /// How many `k` from the start on, wrapping round, have all been searched.
    upto: usize,
    /// The first hit found so far, counted from the start.
    best: Option<usize>,
    /// Whether it was handed on.
    told: bool,
}

impl Sure {
    fn new(count: usize, start: usize) -> Sure {
        Sure {
            searched: vec![false; count],
            start,
            upto: 0,
            best: None,
            told: false,
        }
    }

    /// How far `k` comes after the start, wrapping round.
    fn after_start(&self, k: usize) -> usize {
        let count = self.searched.len();
        (k + count - self.start) % count
    }

    /// Notes a piece searched and its hits; the first hit, once, as soon as it is certain.
    fn searched(&mut self, piece: impl Iterator<Item = usize>, hits: &[usize]) -> Option<usize> {
        let count = self.searched.len();
        for k in piece {
            self.searched[k] = true;
        }
        while self.upto < count && self.searched[(self.start + self.upto) % count] {
            self.upto += 1;
        }
        self.best = hits.iter().map(|&k| self.after_start(k)).chain(self.best).min();
        let best = self.best.filter(|&b| b < self.upto && !self.told)?;
        self.told = true;
        Some((self.start + best) % count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    #[test]
    fn smart_case() {
        let lower = Needle::new("moscow").unwrap();
        assert!(lower.is_in("Arrived in MOSCOW"));
        let upper = Needle::new("Moscow").unwrap();
        assert!(upper.is_in("in Moscow") && !upper.is_in("in MOSCOW"));
        assert!(Needle::new("   ").is_none());
    }

    #[test]
    fn longer_text_narrows_in_the_same_case() {
        let q = |s| Needle::new(s).unwrap();
        assert!(q("quill").narrows(&q("quil")) && q("a quill").narrows(&q("quil")));
        assert!(!q("quil").narrows(&q("quill")));
        assert!(!q("Quill").narrows(&q("quil")), "a capital switches to exact case");
    }

    #[test]
    fn dates_are_searched_as_written_out() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        let human = visit.date.human();
        assert!(Needle::new(&human).unwrap().matches(&t, visit), "{human}");
        assert!(
            Needle::new(&human.to_lowercase()).unwrap().matches(&t, visit),
            "{human}"
        );
        assert!(!Needle::new("zephyrine").unwrap().in_dates);
    }

    #[test]
    fn finds_ranges_for_highlighting_even_across_case() {
        let q = Needle::new("kremlin").unwrap();
        assert_eq!(q.find_all("The Kremlin and KREMLIN"), vec![4..11, 16..23]);
        let q = Needle::new("é").unwrap();
        assert_eq!(q.find_all("É é"), vec![0..2, 3..5]);
    }

    #[test]
    fn searches_sources_and_denials_too() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        for word in ["Fox News", "Western intelligence", "Kremlin", "Shoigu", "S-300"] {
            assert!(Needle::new(word).unwrap().matches(&t, visit), "{word}");
        }
        assert!(!Needle::new("zephyrine").unwrap().matches(&t, visit));
    }

    #[test]
    fn pieces_cover_every_position_once_and_tell_the_first_hit_from_where_they_start() {
        let len = 3 * LAST_PIECE + 17;
        let order = scattered(len);
        let odd = |p: usize| p % 7 == 3;
        let position = positions(&order);
        let among: Vec<usize> = (0..len).step_by(3).collect();
        let cases = [
            (None, 0),
            (None, LAST_PIECE + 5),
            (None, len + 9),
            (Some(&among[..]), 100),
            (Some(&among[..]), len),
        ];
        for (among, from) in cases {
            let (mut got, mut firsts, mut completes) = (Vec::new(), Vec::new(), 0);
            let hit = |place: usize| odd(position[place]);
            assert!(in_pieces(
                &order,
                PLACES,
                among,
                from,
                hit,
                || false,
                |found| {
                    assert!(found.hits.is_sorted());
                    got.extend(found.hits);
                    firsts.extend(found.first);
                    completes += usize::from(found.complete);
                }
            ));
            assert_eq!(completes, 1);
            let expected: Vec<usize> = match among {
                Some(among) => among.iter().copied().filter(|&p| odd(p)).collect(),
                None => (0..len).filter(|&p| odd(p)).collect(),
            };
            let first = expected.iter().find(|&&p| p >= from).or(expected.first());
            assert_eq!(firsts, vec![*first.unwrap()], "from {from}");
            got.sort_unstable();
            assert_eq!(got, expected, "from {from}");
        }
    }

    #[test]
    fn the_first_hit_is_told_once_all_before_it_are_searched() {
        let len = 3 * LAST_PIECE;
        // A hit only far from the start, and one just before the start, found in the first
        // piece after it: neither is certain until the positions before it are searched.
        let order = scattered(len);
        let position = positions(&order);
        let hit = |place: usize| [2 * LAST_PIECE, 9].contains(&position[place]);
        let mut told = Vec::new();
        in_pieces(
            &order,
            PLACES,
            None,
            10,
            hit,
            || false,
            |found| {
                told.push((found.first, found.complete));
            },
        );
        let at = told.iter().position(|&(first, _)| first.is_some()).unwrap();
        assert_eq!(told[at].0, Some(2 * LAST_PIECE));
        assert!(at > 0, "not with the first piece: {told:?}");
    }

    /// How many places the test's events take in memory.
    const PLACES: usize = 1_000_003;

    /// Where each position's event lies in memory, far from its neighbours'.
    fn scattered(len: usize) -> Vec<usize> {
        (0..len).map(|p| p.wrapping_mul(2_654_435_761) % PLACES).collect()
    }

    /// The position at each place of `order`.
    fn positions(order: &[usize]) -> Vec<usize> {
        let mut position = vec![usize::MAX; PLACES];
        for (p, &place) in order.iter().enumerate() {
            position[place] = p;
        }
        position
    }

    #[test]
    fn nothing_to_search_is_complete_at_once_and_a_stop_stops_the_search() {
        let mut calls = Vec::new();
        assert!(in_pieces(
            &[],
            PLACES,
            None,
            0,
            |_| true,
            || false,
            |found| calls.push(found)
        ));
        assert_eq!(
            calls,
            vec![Found {
                hits: Vec::new(),
                first: None,
                complete: true
            }]
        );
        let mut pieces = 0;
        let stop = std::sync::atomic::AtomicBool::new(false);
        let stopped = !in_pieces(
            &scattered(10 * LAST_PIECE),
            PLACES,
            None,
            0,
            |_| true,
            || stop.load(std::sync::atomic::Ordering::Relaxed),
            |found| {
                pieces += 1;
                assert!(!found.complete);
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            },
        );
        assert!(stopped && pieces == 1);
    }
}
