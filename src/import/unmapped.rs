//! Keys an importer leaves out on purpose (presentation settings), reported once per key with a count.

use std::ops::Range;

use indexmap::IndexMap;

use crate::diagnostic::Diagnostic;

/// Each key left out: where it was first seen and how often.
#[derive(Debug, Default)]
pub struct Unmapped {
    seen: IndexMap<String, (Range<usize>, usize)>,
}

impl Unmapped {
    /// Records one occurrence of `key` at `span`.
    pub fn add(&mut self, key: &str, span: Range<usize>) {
        self.seen.entry(key.to_string()).or_insert((span, 0)).1 += 1;
    }

    /// One warning per key, located at its first occurrence; `why` says why it was left out.
    pub fn into_diagnostics(self, why: &str) -> impl Iterator<Item = Diagnostic> {
        let why = why.to_string();
        self.seen.into_iter().map(move |(key, (span, count))| {
            let times = if count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            Diagnostic::warning("unmapped", span, format!("`{key}` ({times}) is not imported: {why}"))
                .with_hint("this is its first occurrence; every other one was left out the same way")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_key_at_its_first_place() {
        let mut u = Unmapped::default();
        u.add("background", 5..9);
        u.add("autolink", 12..13);
        u.add("background", 20..29);
        let d: Vec<Diagnostic> = u.into_diagnostics("presentation only").collect();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].span, Some(5..9));
        assert_eq!(
            d[0].message,
            "`background` (2 times) is not imported: presentation only"
        );
        assert_eq!(d[1].message, "`autolink` (once) is not imported: presentation only");
    }
}
