//! Stacking horizontal extents into lanes so that none overlaps another in its lane: how the SVG
//! export keeps event labels apart.

/// The lane (0 = top) of each `(start, end)` extent, in the given order: the first lane whose last
/// extent ends before this one starts, plus `gap`; a new lane when none has room.
pub fn assign(extents: &[(f64, f64)], gap: f64) -> Vec<usize> {
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

#[cfg(test)]
mod tests {
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
}
