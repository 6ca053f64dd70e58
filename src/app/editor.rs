//! The text of a prompt being typed: one editor for every prompt (search, filter, knowledge date,
//! export name, note), with a cursor, word and line deletion, a pre-filled text the first typed
//! character replaces, and each prompt kind's history.
//!
//! Not `tui-input`: it edits one line only (a note has several), knows no pre-filled selection
//! and keeps no history, and it takes crossterm events where tlx routes keys through its keymap.

use std::collections::HashMap;
use std::mem::Discriminant;

use unicode_segmentation::UnicodeSegmentation;

use super::state::Prompt;

/// How many entries each prompt kind remembers.
const HISTORY_LENGTH: usize = 100;

/// A prompt's text and where the cursor is in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEditor {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    /// The text was put there for the user (the export's default name): typing or deleting
    /// replaces it whole, while moving the cursor first keeps it to edit.
    selected: bool,
    /// While going through the history: how far back (0 is the newest entry) and what was
    /// typed before the first step back.
    recall: Option<(usize, String)>,
}

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> LineEditor {
        let text = text.into();
        LineEditor {
            cursor: text.len(),
            text,
            selected: false,
            recall: None,
        }
    }

    /// An editor holding `text` selected: the first character typed replaces it.
    pub fn selected(text: impl Into<String>) -> LineEditor {
        LineEditor {
            selected: true,
            ..LineEditor::new(text)
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in the text.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True while the whole text is selected, to be replaced by what is typed.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Inserts text at the cursor (over the selection, if any) and moves the cursor after it.
    pub fn insert(&mut self, s: &str) {
        self.take_selection();
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
        self.recall = None;
    }

    /// Deletes the character before the cursor (the selection, if any).
    pub fn delete_back(&mut self) {
        if !self.take_selection() {
            let start = self.previous_boundary();
            self.remove(start..self.cursor);
        }
    }

    /// Deletes the character under the cursor (the selection, if any).
    pub fn delete_forward(&mut self) {
        if !self.take_selection() {
            let end = self.next_boundary();
            self.remove(self.cursor..end);
        }
    }

    /// Deletes the word before the cursor and the blanks after it (the selection, if any).
    pub fn delete_word(&mut self) {
        if !self.take_selection() {
            let before = &self.text[..self.cursor];
            let word_end = before.trim_end().len();
            let start = before[..word_end]
                .rfind(char::is_whitespace)
                .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
            self.remove(start..self.cursor);
        }
    }

    /// Deletes from the start of the cursor's line to the cursor.
    pub fn delete_to_start(&mut self) {
        if !self.take_selection() {
            self.remove(self.line_start()..self.cursor);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.previous_boundary();
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = self.next_boundary();
    }

    /// Moves the cursor to the start of its line.
    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = self.line_start();
    }

    /// Moves the cursor to the end of its line.
    pub fn end(&mut self) {
        self.selected = false;
        self.cursor += self.text[self.cursor..]
            .find('\n')
            .unwrap_or(self.text.len() - self.cursor);
    }

    /// Replaces the text before the cursor (a completed term), keeping what follows it.
    pub fn replace_head(&mut self, head: &str) {
        self.text.replace_range(..self.cursor, head);
        self.cursor = head.len();
        self.selected = false;
        self.recall = None;
    }

    /// Shows an older entry of `history` (oldest first), or with `back` false a newer one and at
    /// last the text typed before; false when there is none further that way.
    pub fn recall(&mut self, history: &[String], back: bool) -> bool {
        let at = match (&self.recall, back) {
            (None, false) => return false,
            (None, true) => 0,
            (Some((at, _)), true) => at + 1,
            (Some((0, _)), false) => {
                let (_, draft) = self.recall.take().unwrap_or_default();
                self.show(draft);
                return true;
            }
            (Some((at, _)), false) => at - 1,
        };
        let Some(entry) = history.len().checked_sub(at + 1).map(|i| history[i].clone()) else {
            return false;
        };
        let draft = match self.recall.take() {
            Some((_, draft)) => draft,
            None => std::mem::take(&mut self.text),
        };
        self.show(entry);
        self.recall = Some((at, draft));
        true
    }

    fn show(&mut self, text: String) {
        self.text = text;
        self.cursor = self.text.len();
        self.selected = false;
    }

    /// Clears a selected text; true when there was one.
    fn take_selection(&mut self) -> bool {
        if !std::mem::take(&mut self.selected) {
            return false;
        }
        self.text.clear();
        self.cursor = 0;
        true
    }

    fn remove(&mut self, range: std::ops::Range<usize>) {
        self.cursor = range.start;
        self.text.replace_range(range, "");
        self.recall = None;
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }
}

/// What each kind of prompt was given this session, oldest first. Kept in memory only: a
/// search or a note's text is the researcher's, and tlx writes no file they did not ask for.
#[derive(Debug, Clone, Default)]
pub struct History(HashMap<Discriminant<Prompt>, Vec<String>>);

impl History {
    /// The entries of a prompt's kind, oldest first.
    pub fn of(&self, prompt: &Prompt) -> &[String] {
        self.0.get(&std::mem::discriminant(prompt)).map_or(&[], Vec::as_slice)
    }

    /// Remembers a text given to a prompt: blanks are not kept, and an entry given again moves
    /// to the newest place.
    pub(super) fn push(&mut self, prompt: &Prompt, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let entries = self.0.entry(std::mem::discriminant(prompt)).or_default();
        entries.retain(|e| e != text);
        entries.push(text.to_string());
        if entries.len() > HISTORY_LENGTH {
            entries.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with `|` where the cursor is.
    fn shown(e: &LineEditor) -> String {
        format!("{}|{}", &e.text[..e.cursor], &e.text[e.cursor..])
    }

    #[test]
    fn the_cursor_moves_by_character_and_typing_goes_where_it_is() {
        let mut e = LineEditor::new("tag:S-300");
        e.home();
        e.insert("-");
        assert_eq!(shown(&e), "-|tag:S-300");
        e.end();
        e.left();
        e.left();
        e.insert("x");
        assert_eq!(shown(&e), "-tag:S-3x|00");
        e.right();
        e.delete_forward();
        assert_eq!(shown(&e), "-tag:S-3x0|");
        e.delete_forward();
        assert_eq!(shown(&e), "-tag:S-3x0|", "nothing under the cursor at the end");
        e.delete_back();
        assert_eq!(shown(&e), "-tag:S-3x|");
    }

    #[test]
    fn a_character_of_several_code_points_moves_and_goes_as_one() {
        let mut e = LineEditor::new("e\u{301}té 👩‍🔬");
        e.left();
        assert_eq!(shown(&e), "e\u{301}té |👩‍🔬");
        e.home();
        e.right();
        assert_eq!(shown(&e), "e\u{301}|té 👩‍🔬");
        e.delete_back();
        assert_eq!(shown(&e), "|té 👩‍🔬");
        e.end();
        e.delete_back();
        assert_eq!(shown(&e), "té |");
    }

    #[test]
    fn ctrl_w_deletes_a_word_back_and_ctrl_u_to_the_start() {
        let mut e = LineEditor::new("actor:putin  tag:S-300  ");
        e.delete_word();
        assert_eq!(shown(&e), "actor:putin  |");
        e.delete_word();
        assert_eq!(shown(&e), "|");
        let mut e = LineEditor::new("one two three");
        for _ in 0..5 {
            e.left();
        }
        e.delete_word();
        assert_eq!(shown(&e), "one |three");
        e.insert("2 ");
        e.delete_to_start();
        assert_eq!(shown(&e), "|three");
        e.delete_word();
        assert_eq!(shown(&e), "|three", "nothing before the cursor");
    }

    #[test]
    fn a_selected_text_is_replaced_by_typing_and_kept_by_moving_first() {
        let mut e = LineEditor::selected("tlx-view.md");
        assert!(e.is_selected());
        e.insert("c");
        assert_eq!(shown(&e), "c|");
        let mut e = LineEditor::selected("tlx-view.md");
        e.delete_back();
        assert_eq!(shown(&e), "|", "deleting takes the selection");
        let mut e = LineEditor::selected("tlx-view.md");
        e.home();
        e.insert("my-");
        assert_eq!(shown(&e), "my-|tlx-view.md");
        let mut e = LineEditor::selected("tlx-view.md");
        e.end();
        e.delete_word();
        assert_eq!(shown(&e), "|", "one word");
        let mut e = LineEditor::selected("view.md");
        e.left();
        e.left();
        e.left();
        e.delete_back();
        e.insert("_");
        assert_eq!(shown(&e), "vie_|.md");
    }

    #[test]
    fn lines_of_a_note_have_their_own_start_and_end() {
        let mut e = LineEditor::new("first");
        e.insert("\n");
        e.insert("second");
        e.left();
        e.home();
        assert_eq!(shown(&e), "first\n|second");
        e.left();
        assert_eq!(shown(&e), "first|\nsecond");
        e.home();
        assert_eq!(shown(&e), "|first\nsecond");
        e.end();
        assert_eq!(shown(&e), "first|\nsecond");
        e.right();
        e.right();
        e.delete_to_start();
        assert_eq!(shown(&e), "first\n|econd");
    }

    #[test]
    fn history_goes_back_and_forth_and_returns_to_what_was_typed() {
        let history = ["tag:a".to_string(), "tag:b".to_string()];
        let mut e = LineEditor::new("draft");
        assert!(!e.recall(&history, false), "nothing newer than the draft");
        assert!(e.recall(&history, true));
        assert_eq!(shown(&e), "tag:b|");
        assert!(e.recall(&history, true));
        assert_eq!(shown(&e), "tag:a|");
        assert!(!e.recall(&history, true), "no older entry");
        assert_eq!(e.text(), "tag:a");
        assert!(e.recall(&history, false));
        assert_eq!(e.text(), "tag:b");
        assert!(e.recall(&history, false));
        assert_eq!(shown(&e), "draft|");
        assert!(!e.recall(&history, false));
        // An edit makes the recalled text a new draft: going back starts from the newest again.
        e.recall(&history, true);
        e.recall(&history, true);
        e.insert("x");
        e.recall(&history, true);
        assert_eq!(e.text(), "tag:b");
        e.recall(&history, false);
        assert_eq!(e.text(), "tag:ax");
    }

    #[test]
    fn history_is_kept_per_kind_of_prompt_newest_last_without_repeats_or_blanks() {
        let mut h = History::default();
        let (search, filter) = (Prompt::Search { origin: 3 }, Prompt::Filter { previous: None });
        h.push(&search, "kremlin");
        h.push(&filter, "tag:S-300");
        h.push(&Prompt::Search { origin: 0 }, "fox");
        h.push(&search, "kremlin");
        h.push(&search, "  ");
        assert_eq!(h.of(&search), ["fox", "kremlin"]);
        assert_eq!(h.of(&filter), ["tag:S-300"]);
        assert!(h.of(&Prompt::AsOf).is_empty());
        for n in 0..HISTORY_LENGTH + 5 {
            h.push(&filter, &n.to_string());
        }
        assert_eq!(h.of(&filter).len(), HISTORY_LENGTH);
        assert_eq!(h.of(&filter).last().map(String::as_str), Some("104"));
    }
}
