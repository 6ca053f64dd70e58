//! Stacking horizontal extents into lanes so that none overlaps another in its lane: how the SVG
//! export keeps event labels apart.
//!
//! Each extent takes the first lane with room, which a scan of the lanes finds in time linear in
//! their number: a million events take tens of thousands of lanes, and the scans took most of
//! the SVG export's 197 s. A tree of the lanes' least ends finds the same lane in time
//! logarithmic in it.

/// The lane (0 = top) of each `(start, end)` extent, in the given order: the first lane whose last
/// extent ends before this one starts, plus `gap`; a new lane when none has room.
pub fn assign(extents: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut ends = Ends::new(extents.len());
    let mut lanes = 0;
    extents
        .iter()
        .map(|&(start, end)| {
            // A lane not yet used ends at infinity, so it has room for nothing.
            let lane = ends.first_with_room(start, gap).unwrap_or(lanes);
            lanes = lanes.max(lane + 1);
            ends.set(lane, end);
            lane
        })
        .collect()
}

/// Where each lane's last extent ends, as a tree whose every node holds the least end below it:
/// the leaves (lanes) are the second half of `least`, and node `n`'s children are `2n`, `2n + 1`.
struct Ends {
    least: Vec<f64>,
    /// The number of leaves: a power of two, at least the number of lanes there can be.
    leaves: usize,
}

impl Ends {
    /// Room for `lanes` lanes, each empty (ending at infinity).
    fn new(lanes: usize) -> Ends {
        let leaves = lanes.next_power_of_two();
        Ends {
            least: vec![f64::INFINITY; 2 * leaves],
            leaves,
        }
    }

    /// The lane's last extent now ends at `end`.
    fn set(&mut self, lane: usize, end: f64) {
        let mut node = self.leaves + lane;
        self.least[node] = end;
        while node > 1 {
            node /= 2;
            self.least[node] = self.least[2 * node].min(self.least[2 * node + 1]);
        }
    }

    /// The first lane whose end, plus `gap`, is at most `start`. A node whose least end fails
    /// that fails it for every lane below it (adding `gap` keeps the order of the ends), so the
    /// search goes down the leftmost node that passes, judging each end as a scan would.
    fn first_with_room(&self, start: f64, gap: f64) -> Option<usize> {
        let room = |node: usize| self.least[node] + gap <= start;
        if !room(1) {
            return None;
        }
        let mut node = 1;
        while node < self.leaves {
            node = if room(2 * node) { 2 * node } else { 2 * node + 1 };
        }
        Some(node - self.leaves)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::assign;

    #[test]
    fn overlapping_extents_take_new_lanes_and_freed_lanes_are_reused() {
        let extents = [
            (0.0, 100.0),
            (50.0, 120.0),
            (105.0, 200.0),
            (125.0, 130.0),
            (300.0, 310.0),
        ];
        assert_eq!(assign(&extents, 4.0), [0, 1, 0, 1, 0]);
        assert!(assign(&[], 4.0).is_empty());
    }

    /// The lanes as a scan of every lane finds them, as the export found them before the tree.
    fn scanned(extents: &[(f64, f64)], gap: f64) -> Vec<usize> {
        let mut ends: Vec<f64> = Vec::new();
        extents
            .iter()
            .map(|&(start, end)| match ends.iter().position(|&e| e + gap <= start) {
                Some(lane) => {
                    ends[lane] = end;
                    lane
                }
                None => {
                    ends.push(end);
                    ends.len() - 1
                }
            })
            .collect()
    }

    proptest! {
        /// Extents on a coarse grid, so that many touch, end where others start, or sit exactly
        /// `gap` apart, where a lane has room or not by a hair.
        #[test]
        fn the_tree_finds_the_lanes_a_scan_finds(
            extents in prop::collection::vec((0u16..400, 0u16..60), 0..300),
            gap in prop_oneof![Just(0.0), Just(4.0), Just(7.2), 0.0f64..20.0],
        ) {
            let extents: Vec<(f64, f64)> = extents
                .into_iter()
                .map(|(start, len)| (f64::from(start) * 0.6, f64::from(start) * 0.6 + f64::from(len) * 1.7))
                .collect();
            prop_assert_eq!(assign(&extents, gap), scanned(&extents, gap));
        }
    }
}
