//! Where events begin in the text they were read from: an address each, with its event.

/// Addresses in mapped files, each with the event whose bytes begin there, as they were added.
///
/// Most files place each event once, in the events' order, so the k-th anchor is event k and
/// its index need not be kept: 8 bytes an anchor rather than 16, 76 MiB at ten million events.
/// The indices are kept, every one, once an anchor is added that is not its place's event.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    at: Vec<usize>,
    /// The event of each anchor; `None` while every anchor's event is its place.
    events: Option<Vec<u32>>,
}

impl Anchors {
    /// Room for `n` anchors ahead, if it can be had: reserved, the pages untouched take no
    /// memory.
    pub fn reserve(&mut self, n: usize) {
        let _ = self.at.try_reserve_exact(n);
    }

    /// Adds `event`'s anchor at address `at`.
    pub fn push(&mut self, at: usize, event: u32) {
        match &mut self.events {
            None if event as usize == self.at.len() => {}
            None => {
                let mut events: Vec<u32> = (0..self.at.len()).map(|k| k as u32).collect();
                events.push(event);
                self.events = Some(events);
            }
            Some(events) => events.push(event),
        }
        self.at.push(at);
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// Every anchor's address, in the order added.
    pub fn addresses(&self) -> &[usize] {
        &self.at
    }

    /// The event of the `k`-th anchor.
    pub fn event(&self, k: usize) -> Option<u32> {
        match &self.events {
            None => (k < self.at.len()).then_some(k as u32),
            Some(events) => events.get(k).copied(),
        }
    }

    /// The anchor added last.
    pub fn last(&self) -> Option<(usize, u32)> {
        let k = self.at.len().checked_sub(1)?;
        Some((self.at[k], self.event(k)?))
    }

    /// Each anchor's address and event, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        (0..self.at.len()).filter_map(|k| Some((self.at[k], self.event(k)?)))
    }

    /// These anchors in address order (ties by event).
    pub fn sorted(self) -> Anchors {
        if self.at.is_sorted() {
            return self;
        }
        let mut pairs: Vec<(usize, u32)> = self.iter().collect();
        pairs.sort_unstable();
        pairs.into_iter().collect()
    }

    /// Gives back the room reserved and not used.
    pub fn shrink_to_fit(&mut self) {
        self.at.shrink_to_fit();
        if let Some(events) = &mut self.events {
            events.shrink_to_fit();
        }
    }
}

impl FromIterator<(usize, u32)> for Anchors {
    fn from_iter<I: IntoIterator<Item = (usize, u32)>>(pairs: I) -> Anchors {
        let mut anchors = Anchors::default();
        for (at, event) in pairs {
            anchors.push(at, event);
        }
        anchors
    }
}

impl std::fmt::Debug for Anchors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn anchors_give_back_what_was_added(pairs in prop::collection::vec((0usize..1000, 0u32..8), 0..40)) {
            let anchors: Anchors = pairs.iter().copied().collect();
            prop_assert_eq!(anchors.iter().collect::<Vec<_>>(), pairs.clone());
            prop_assert_eq!(anchors.len(), pairs.len());
            for (k, &(at, event)) in pairs.iter().enumerate() {
                prop_assert_eq!(anchors.addresses()[k], at);
                prop_assert_eq!(anchors.event(k), Some(event));
            }
            prop_assert_eq!(anchors.event(pairs.len()), None);
            prop_assert_eq!(anchors.last(), pairs.last().copied());
            let mut sorted = pairs.clone();
            sorted.sort_unstable();
            prop_assert_eq!(anchors.sorted().iter().collect::<Vec<_>>(), sorted);
        }
    }

    #[test]
    fn events_in_their_places_are_not_kept() {
        let mut anchors: Anchors = [(10, 0), (20, 1), (30, 2)].into_iter().collect();
        assert_eq!(anchors.events, None);
        anchors.push(40, 1);
        assert_eq!(anchors.events, Some(vec![0, 1, 2, 1]));
        assert_eq!(anchors.iter().last(), Some((40, 1)));
    }
}
