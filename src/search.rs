//! Free-text search across everything an event says: smart case, no terminal code.

use crate::model::{Event, Timeline};

/// A search query with smart case: case-insensitive unless it contains a capital letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    case_sensitive: bool,
}

impl Query {
    /// Builds a query; `None` for blank text, which matches nothing worth showing.
    pub fn new(text: &str) -> Option<Query> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let case_sensitive = text.chars().any(char::is_uppercase);
        Some(Query {
            text: if case_sensitive {
                text.to_string()
            } else {
                text.to_lowercase()
            },
            case_sensitive,
        })
    }

    /// True when `haystack` contains the query.
    pub fn is_in(&self, haystack: &str) -> bool {
        if self.case_sensitive {
            haystack.contains(&self.text)
        } else {
            haystack.to_lowercase().contains(&self.text)
        }
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
    /// (ids and names), and its sources and denials.
    pub fn matches(&self, t: &Timeline, e: &Event) -> bool {
        let fields = [Some(&e.title), e.summary.as_ref(), e.notes.as_ref()];
        fields.into_iter().flatten().any(|s| self.is_in(s))
            || self.is_in(&e.date.human())
            || e.tags.iter().any(|s| self.is_in(s))
            || e.actors.iter().any(|a| self.is_in(a) || self.is_in(t.actor_name(a)))
            || e.sources.iter().any(|s| {
                [Some(&s.outlet), s.citing.as_ref(), s.quote.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|x| self.is_in(x))
            })
            || e.denials
                .iter()
                .any(|d| self.is_in(&d.by) || d.quote.as_ref().is_some_and(|q| self.is_in(q)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    #[test]
    fn smart_case() {
        let lower = Query::new("moscow").unwrap();
        assert!(lower.is_in("Arrived in MOSCOW"));
        let upper = Query::new("Moscow").unwrap();
        assert!(upper.is_in("in Moscow") && !upper.is_in("in MOSCOW"));
        assert!(Query::new("   ").is_none());
    }

    #[test]
    fn finds_ranges_for_highlighting_even_across_case() {
        let q = Query::new("kremlin").unwrap();
        assert_eq!(q.find_all("The Kremlin and KREMLIN"), vec![4..11, 16..23]);
        let q = Query::new("é").unwrap();
        assert_eq!(q.find_all("É é"), vec![0..2, 3..5]);
    }

    #[test]
    fn searches_sources_and_denials_too() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        for word in ["Fox News", "Western intelligence", "Kremlin", "Shoigu", "S-300"] {
            assert!(Query::new(word).unwrap().matches(&t, visit), "{word}");
        }
        assert!(!Query::new("zephyrine").unwrap().matches(&t, visit));
    }
}
