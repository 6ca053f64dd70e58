//! The jump list, as vim keeps it: every jump (following a related event, a search hit, the
//! first or last event, a starred one) leaves the event it started from behind, and the
//! researcher walks back and forth through those places.

use std::collections::VecDeque;

/// How many places the list keeps: the oldest go first.
const KEPT: usize = 100;

/// The places left by jumps, by event id: ids survive a reload and a new filter, where
/// positions and indices shift.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    /// Older places, the newest last.
    back: VecDeque<String>,
    /// Places walked back from, the nearest last.
    forward: Vec<String>,
}

impl Jumps {
    /// A jump leaves `from`: it becomes the newest place, and what was walked back from is
    /// forgotten, as a new branch of history.
    pub fn leave(&mut self, from: &str) {
        self.forward.clear();
        if self.back.back().map(String::as_str) != Some(from) {
            self.back.push_back(from.to_string());
        }
        if self.back.len() > KEPT {
            self.back.pop_front();
        }
    }

    /// Walks back from `here` (forward when `forward`) to the nearest place `usable` accepts,
    /// dropping those it does not; `here` is kept on the other side, so the walk can be retraced.
    pub fn walk(&mut self, here: &str, forward: bool, usable: impl Fn(&str) -> bool) -> Option<String> {
        let to = loop {
            let next = if forward {
                self.forward.pop()
            } else {
                self.back.pop_back()
            }?;
            if usable(&next) {
                break next;
            }
        };
        if forward {
            self.back.push_back(here.to_string());
        } else {
            self.forward.push(here.to_string());
        }
        Some(to)
    }

    /// How many places lie back and forward.
    pub fn len(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forward_and_a_new_jump_drops_the_forward_places() {
        let mut j = Jumps::default();
        j.leave("a");
        j.leave("b");
        let any = |_: &str| true;
        assert_eq!(j.walk("c", false, any).as_deref(), Some("b"));
        assert_eq!(j.walk("b", false, any).as_deref(), Some("a"));
        assert_eq!(j.walk("a", false, any), None);
        assert_eq!(j.walk("a", true, any).as_deref(), Some("b"));
        assert_eq!(j.len(), (1, 1));
        j.leave("b");
        assert_eq!(j.len(), (2, 0), "the forward c is gone");
        assert_eq!(j.walk("d", true, any), None);
    }

    #[test]
    fn places_that_cannot_be_reached_are_skipped_and_dropped() {
        let mut j = Jumps::default();
        for p in ["a", "hidden", "b"] {
            j.leave(p);
        }
        assert_eq!(j.walk("c", false, |p| p != "b").as_deref(), Some("hidden"));
        assert_eq!(j.walk("hidden", false, |p| p != "hidden").as_deref(), Some("a"));
        assert_eq!(j.len(), (0, 2), "b was dropped, c and hidden lie forward");
    }

    #[test]
    fn keeps_the_newest_places_only() {
        let mut j = Jumps::default();
        for i in 0..KEPT + 20 {
            j.leave(&i.to_string());
        }
        assert_eq!(j.len(), (KEPT, 0));
        let mut oldest = None;
        while let Some(p) = j.walk("x", false, |_| true) {
            oldest = Some(p);
        }
        assert_eq!(oldest.as_deref(), Some("20"));
    }
}
