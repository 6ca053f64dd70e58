//! What an imported item says that tlx has no field for, kept as labelled lines of its notes.

/// Labelled lines, in the order they were found. Thin: a CSV import holds one for every event
/// until its last row is read, and most have none.
#[derive(Debug, Default)]
pub struct Notes {
    lines: thin_vec::ThinVec<String>,
}

impl Notes {
    /// Adds "label: text" (or the text alone when the label is empty); blank text is skipped.
    pub fn add(&mut self, label: &str, text: &str) {
        // Text that starts with its own label ("Credit: X" as a credit) is not labelled twice.
        let text = without_label(text, label);
        if text.is_empty() {
            return;
        }
        self.lines.push(if label.is_empty() {
            text.to_string()
        } else {
            format!("{label}: {text}")
        });
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines joined, or `None` when there are none.
    pub fn into_text(self) -> Option<String> {
        (!self.lines.is_empty()).then(|| self.lines.join("\n"))
    }
}

/// The text, trimmed, without a leading "label:" (in any case) that repeats its label.
pub fn without_label<'a>(text: &'a str, label: &str) -> &'a str {
    let text = text.trim();
    match text.get(..label.len()) {
        Some(head) if !label.is_empty() && head.eq_ignore_ascii_case(label) && text[label.len()..].starts_with(':') => {
            text[label.len() + 1..].trim_start()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_labelled_lines_and_skips_blank_ones() {
        let mut n = Notes::default();
        assert!(Notes::default().into_text().is_none());
        n.add("Caption", " A photo ");
        n.add("Credit", "  ");
        n.add("", "free text");
        n.add("Credit", "credit: NASA");
        assert_eq!(n.into_text().unwrap(), "Caption: A photo\nfree text\nCredit: NASA");
    }
}
