//! What an imported item says that tlx has no field for, kept as labelled lines of its notes.

/// Labelled lines, in the order they were found.
#[derive(Debug, Default)]
pub struct Notes {
    lines: Vec<String>,
}

impl Notes {
    /// Adds "label: text" (or the text alone when the label is empty); blank text is skipped.
    pub fn add(&mut self, label: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.lines.push(if label.is_empty() {
            text.to_string()
        } else {
            format!("{label}: {text}")
        });
    }

    /// The lines joined, or `None` when there are none.
    pub fn into_text(self) -> Option<String> {
        (!self.lines.is_empty()).then(|| self.lines.join("\n"))
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
        assert_eq!(n.into_text().unwrap(), "Caption: A photo\nfree text");
    }
}
