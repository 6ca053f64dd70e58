//! Free-text search across everything an event says: smart case, no terminal code.

use memchr::memmem::Finder;

use crate::fold;
use crate::model::date::HUMAN_CHARS;
use crate::model::{Event, Timeline};

/// The text searched for, with smart case: case-insensitive unless it contains a capital letter.
#[derive(Debug, Clone)]
pub struct Needle {
    /// The needle, lowercased unless case-sensitive.
    text: String,
    case_sensitive: bool,
    /// The needle compiled once for case-sensitive search (boxed: it is ten times the rest).
    finder: Box<Finder<'static>>,
    /// False when the needle has a character no written-out date has, so dates need not be written.
    in_dates: bool,
}

impl PartialEq for Needle {
    fn eq(&self, other: &Needle) -> bool {
        (&self.text, self.case_sensitive) == (&other.text, other.case_sensitive)
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
            text,
            case_sensitive,
            in_dates,
        })
    }

    /// True when `haystack` contains the query.
    pub fn is_in(&self, haystack: &str) -> bool {
        if self.case_sensitive {
            self.finder.find(haystack.as_bytes()).is_some()
        } else {
            fold::contains(haystack, &self.text)
        }
    }

    /// True when every text holding this query holds `earlier` too (typing on at the end of a
    /// search, say), so only the earlier matches need searching again.
    pub fn narrows(&self, earlier: &Needle) -> bool {
        self.case_sensitive == earlier.case_sensitive && self.text.contains(&earlier.text)
    }

    /// Byte ranges of the matches in `haystack`, for highlighting.
    pub fn find_all(&self, haystack: &str) -> Vec<std::ops::Range<usize>> {
        if self.case_sensitive {
            return haystack
                .match_indices(&self.text)
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        // Lowercasing can change byte lengths, so match char by char on the original text.
        let needle: Vec<char> = self.text.chars().collect();
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
        let fields = [Some(&e.title), e.summary.as_ref(), e.notes.as_ref()];
        fields.into_iter().flatten().any(|s| self.is_in(s))
            || (self.in_dates && self.is_in(&e.date.human()))
            || e.tags.iter().any(|s| self.is_in(s))
            || e.actors.iter().any(|a| t.actor_names(a).any(|n| self.is_in(n)))
            || e.sources.iter().any(|s| {
                [Some(&s.outlet), s.citing.as_ref(), s.quote.as_ref()]
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

/// Searches positions in pieces, for a search whose hits show as they are found: `among` the
/// ascending positions given (every position below `len` when `None`), from the first at or
/// after `from` to the end, then from the start round to it again, so the first hit found is
/// the one after `from`. Each piece is tested on every core, in the order `place` gives (where a
/// position's event lies in memory: walking the shown order instead jumps about the heap and
/// takes twice as long); its hits (ascending) go to `found` with whether the search is now
/// complete. False when `stop` said so, which is asked of every position.
pub fn in_pieces(
    len: usize,
    among: Option<&[usize]>,
    from: usize,
    place: impl Fn(usize) -> usize,
    hit: impl Fn(usize) -> bool + Sync + Send,
    stop: impl Fn() -> bool + Sync + Send,
    mut found: impl FnMut(Vec<usize>, bool),
) -> bool {
    let (count, start) = match among {
        Some(among) => (among.len(), among.partition_point(|&p| p < from)),
        None => (len, from.min(len)),
    };
    let at = |k: usize| among.map_or(k, |among| among[k]);
    let mut pieces = Vec::new();
    for (mut k, end) in [(start, count), (0, start)] {
        let mut size = FIRST_PIECE;
        while k < end {
            let piece = size.min(end - k);
            pieces.push(k..k + piece);
            k += piece;
            size = (size * 2).min(LAST_PIECE);
        }
    }
    if pieces.is_empty() {
        found(Vec::new(), true);
        return true;
    }
    let last = pieces.len() - 1;
    for (n, piece) in pieces.into_iter().enumerate() {
        let mut positions: Vec<usize> = piece.map(at).collect();
        positions.sort_unstable_by_key(|&p| place(p));
        let hits = crate::parallel::filter(positions.len(), |j| !stop() && hit(positions[j]));
        if stop() {
            return false;
        }
        let mut hits: Vec<usize> = hits.into_iter().map(|j| positions[j]).collect();
        hits.sort_unstable();
        found(hits, n == last);
    }
    true
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
    fn pieces_start_after_from_wrap_round_and_cover_every_position_once() {
        let len = 3 * LAST_PIECE + 17;
        let odd = |p: usize| p % 7 == 3;
        for (among, from) in [(None, 0), (None, LAST_PIECE + 5), (None, len + 9)] {
            let mut got = Vec::new();
            let mut completes = 0;
            assert!(in_pieces(
                len,
                among,
                from,
                scattered,
                odd,
                || false,
                |hits, done| {
                    assert!(hits.is_sorted());
                    got.push(hits);
                    completes += usize::from(done);
                }
            ));
            assert_eq!(completes, 1);
            let first = got.iter().flatten().next().copied();
            let expected: Vec<usize> = (0..len).filter(|&p| odd(p)).collect();
            assert_eq!(
                first,
                expected.iter().find(|&&p| p >= from).or(expected.first()).copied()
            );
            let mut all: Vec<usize> = got.concat();
            all.sort_unstable();
            assert_eq!(all, expected, "from {from}");
        }
        let among: Vec<usize> = (0..len).step_by(3).collect();
        let mut got = Vec::new();
        in_pieces(
            len,
            Some(&among),
            100,
            scattered,
            odd,
            || false,
            |hits, _| got.extend(hits),
        );
        assert_eq!(got.first(), Some(&first_hit(&among, 100, odd)));
        got.sort_unstable();
        assert_eq!(got, among.iter().copied().filter(|&p| odd(p)).collect::<Vec<_>>());
    }

    /// Where a position's event lies in memory, far from its neighbours'.
    fn scattered(p: usize) -> usize {
        p.wrapping_mul(2_654_435_761) % 1_000_003
    }

    /// The first of `among` at or after `from` that is a hit.
    fn first_hit(among: &[usize], from: usize, hit: impl Fn(usize) -> bool) -> usize {
        *among.iter().find(|&&p| p >= from && hit(p)).unwrap()
    }

    #[test]
    fn nothing_to_search_is_complete_at_once_and_a_stop_stops_the_search() {
        let mut calls = Vec::new();
        assert!(in_pieces(
            0,
            None,
            0,
            scattered,
            |_| true,
            || false,
            |hits, done| calls.push((hits, done))
        ));
        assert_eq!(calls, vec![(Vec::new(), true)]);
        let mut pieces = 0;
        let stop = std::sync::atomic::AtomicBool::new(false);
        let stopped = !in_pieces(
            10 * LAST_PIECE,
            None,
            0,
            scattered,
            |_| true,
            || stop.load(std::sync::atomic::Ordering::Relaxed),
            |_, done| {
                pieces += 1;
                assert!(!done);
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            },
        );
        assert!(stopped && pieces == 1);
    }
}
