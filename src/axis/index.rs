//! The shown events indexed by time for the axis, built once per filter: binning them into a
//! frame's columns then costs a few binary searches per column, O(width · log N), however many
//! events there are. Pure data, like `axis`: no terminal here.

use super::Window;
use crate::model::status::Status;

/// One event as the axis sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// First instant the event may denote; its marker goes here.
    pub earliest: i64,
    /// Exclusive end of the event's extent.
    pub latest: i64,
    /// Approximate or uncertain: drawn as a fuzzy extent.
    pub fuzzy: bool,
    /// Written as a range: drawn as a solid extent.
    pub interval: bool,
    /// Evidence status, for colouring the marker.
    pub status: Status,
    /// The caller's index of the event, handed back for selection.
    pub index: usize,
}

/// How a column is covered by event extents, from the weakest to the strongest: a column shows
/// the strongest extent that covers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Extent {
    /// Nothing spans this column.
    #[default]
    None,
    /// Only exact dates coarser than a column (`2015` at month zoom) cover it: the event is
    /// somewhere in there, and its date says so plainly.
    Coarse,
    /// An approximate (`~`) or uncertain (`?`) date covers it.
    Uncertain,
    /// An interval covers it.
    Solid,
}

/// What one column of the axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Column {
    /// How many events have their marker (earliest instant) here, by status in [`Status::ALL`] order.
    pub by_status: [u32; 5],
    /// Extent drawn here: Solid where an interval covers the column; Uncertain where an
    /// approximate or uncertain item covers it; Coarse where an exact item whose extent
    /// (earliest..latest, e.g. a whole year at day zoom) spans more than one column does. Solid
    /// wins over Uncertain, which wins over Coarse.
    pub extent: Extent,
}

impl Column {
    /// Events whose marker is here.
    pub fn count(&self) -> u32 {
        self.by_status.iter().sum()
    }

    /// The most disputed status among them, the mark of a lone event.
    pub fn most_disputed(&self) -> Option<Status> {
        (0..5).rev().find(|&s| self.by_status[s] > 0).map(|s| Status::ALL[s])
    }

    /// The status most of them have (the more disputed on a tie), the colour of a busy column: at a
    /// million events nearly every column holds a denial, so the most disputed would paint all red.
    pub fn most_common(&self) -> Option<Status> {
        let (s, &n) = self.by_status.iter().enumerate().max_by_key(|&(_, n)| n)?;
        (n > 0).then_some(Status::ALL[s])
    }
}

/// The markers of one status: instants ascending, each with the event's index.
#[derive(Debug, Clone, Default)]
struct Markers {
    at: Vec<i64>,
    index: Vec<u32>,
}

impl Markers {
    /// Room for `n` markers: reserved, the pages not reached take no memory.
    fn with_room(n: usize) -> Markers {
        Markers {
            at: Vec::with_capacity(n),
            index: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, at: i64, index: u32) {
        self.at.push(at);
        self.index.push(index);
    }

    /// Sorted by instant, stably (within an instant the caller's order stays); items given in
    /// date order, as the explorer's are, are sorted already and not copied.
    fn sorted(self) -> Markers {
        let Markers { mut at, mut index } = self;
        if !at.is_sorted() {
            let mut pairs: Vec<(i64, u32)> = at.into_iter().zip(index).collect();
            pairs.sort_by_key(|&(at, _)| at);
            (at, index) = pairs.into_iter().unzip();
        }
        at.shrink_to_fit();
        index.shrink_to_fit();
        Markers { at, index }
    }
}

/// Extents of one kind as their union: the disjoint stretches they cover, each from the start of
/// its first extent to the furthest end of those that overlap it, in order. The axis only asks
/// whether extents starting before a bound reach a point no later than that bound, which the
/// union answers as the extents would (see [`Extents::reach_before`]) in a few words, where the
/// extents took 16 bytes each: at a million events of a day or a month, nearly all of them.
#[derive(Debug, Clone, Default)]
struct Extents {
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl Extents {
    /// Adds an extent that starts no earlier than the last stretch.
    fn add_in_order(&mut self, start: i64, end: i64) {
        // Ends are inclusive: an extent that begins right after the stretch so far stays
        // apart, or the stretch would reach a point no extent before it does.
        match self.ends.last_mut() {
            Some(last) if start <= *last => *last = (*last).max(end),
            _ => {
                self.starts.push(start);
                self.ends.push(end);
            }
        }
    }

    /// The end of the last stretch starting before `bound`, if one does. It reaches a point
    /// at or before `bound` exactly when the furthest end of the extents starting before
    /// `bound` does: an extent starting at `bound` or later joins a stretch only by starting
    /// within the reach of those before it, which would then pass `bound` already.
    fn reach_before(&self, bound: i128) -> Option<i128> {
        let n = self.starts.partition_point(|&t| i128::from(t) < bound);
        n.checked_sub(1).map(|i| i128::from(self.ends[i]))
    }
}

/// Extents joined as they come: in order of their starts (the explorer gives its events in date
/// order) each joins the union at once, with no list of them all; those out of order wait for
/// the end. A stretch of the union is itself the union of its extents (overlapping extents
/// leave no gap), so joining the late ones to the stretches gives the union of all.
#[derive(Debug, Default)]
struct Union {
    union: Extents,
    late: Vec<(i64, i64)>,
}

impl Union {
    fn add(&mut self, start: i64, end: i64) {
        match self.union.starts.last() {
            Some(&last) if start < last => self.late.push((start, end)),
            _ => self.union.add_in_order(start, end),
        }
    }

    fn finish(self) -> Extents {
        let Union { union, mut late } = self;
        if late.is_empty() {
            return union;
        }
        late.extend(union.starts.into_iter().zip(union.ends));
        late.sort_unstable_by_key(|&(start, _)| start);
        let mut all = Extents::default();
        late.into_iter().for_each(|(start, end)| all.add_in_order(start, end));
        all
    }
}

/// The shown events, indexed for binning into the axis's columns.
#[derive(Debug, Clone, Default)]
pub struct AxisIndex {
    /// By status, in [`Status::ALL`] order.
    markers: [Markers; 5],
    /// Intervals, always drawn solid.
    solid: Extents,
    /// Fuzzy items, drawn wherever they reach.
    fuzzy: Extents,
    /// Exact items, drawn (fuzzy) only where they span more than one column.
    plain: Extents,
}

impl AxisIndex {
    /// Indexes the items (O(N log N), O(N) when they come in date order).
    pub fn new(items: impl IntoIterator<Item = Marker>) -> AxisIndex {
        AxisIndex::with_room(items, [0; 5])
    }

    /// [`AxisIndex::new`], with at most `room[s.index()]` items of each status `s`: each status's
    /// markers are then reserved once, where grown as they came they held up to twice their
    /// room at the end of a million events' load, at the peak of its memory.
    pub fn with_room(items: impl IntoIterator<Item = Marker>, room: [usize; 5]) -> AxisIndex {
        let mut markers: [Markers; 5] = room.map(Markers::with_room);
        let (mut solid, mut fuzzy, mut plain) = (Union::default(), Union::default(), Union::default());
        for item in items {
            let status = item.status.index();
            let index = u32::try_from(item.index).unwrap_or(u32::MAX);
            markers[status].push(item.earliest, index);
            // `latest` is exclusive: a day-long event ends in the column of its last second.
            let end = item.latest.saturating_sub(1).max(item.earliest);
            let kind = if item.interval {
                &mut solid
            } else if item.fuzzy {
                &mut fuzzy
            } else if end > item.earliest {
                &mut plain
            } else {
                // An instant never spans two columns.
                continue;
            };
            kind.add(item.earliest, end);
        }
        AxisIndex {
            markers: markers.map(Markers::sorted),
            solid: solid.finish(),
            fuzzy: fuzzy.finish(),
            plain: plain.finish(),
        }
    }

    /// Bins the items into `width` columns of the window: a density strip, never one glyph per event.
    pub fn columns(&self, window: &Window, width: u16) -> Vec<Column> {
        let bounds: Vec<i128> = (0..=width).map(|c| window.column_start(c, width)).collect();
        bounds
            .windows(2)
            .map(|b| {
                let (from, to) = (b[0], b[1]);
                let by_status = self.markers.each_ref().map(|m| {
                    let before = |bound| m.at.partition_point(|&t| i128::from(t) < bound);
                    u32::try_from(before(to) - before(from)).unwrap_or(u32::MAX)
                });
                // An extent covers this column when it starts before the next and ends after this one starts.
                let covers = |e: &Extents| e.reach_before(to).is_some_and(|r| r >= from);
                // Exact items spanning more than one column: from an earlier column, or on into a later one.
                let plain = self.plain.reach_before(from).is_some_and(|r| r >= from)
                    || self.plain.reach_before(to).is_some_and(|r| r >= to);
                let span = if covers(&self.solid) {
                    Extent::Solid
                } else if covers(&self.fuzzy) {
                    Extent::Uncertain
                } else if plain {
                    Extent::Coarse
                } else {
                    Extent::None
                };
                Column {
                    by_status,
                    extent: span,
                }
            })
            .collect()
    }

    /// The smallest index among the items whose marker is in column `col`, for selection by click.
    pub fn first_in(&self, window: &Window, width: u16, col: u16) -> Option<usize> {
        if col >= width {
            return None;
        }
        let (from, to) = (window.column_start(col, width), window.column_start(col + 1, width));
        self.markers
            .iter()
            .filter_map(|m| {
                let before = |bound| m.at.partition_point(|&t| i128::from(t) < bound);
                m.index[before(from)..before(to)].iter().min()
            })
            .min()
            .map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::axis::tests::{at, window};
    use proptest::prelude::*;

    use crate::model::date::{DAY, HOUR, YEAR};

    fn item(earliest: i64, latest: i64, status: Status, index: usize) -> Marker {
        Marker {
            earliest,
            latest,
            fuzzy: false,
            interval: false,
            status,
            index,
        }
    }

    fn columns(items: &[Marker], w: &Window, width: u16) -> Vec<Column> {
        AxisIndex::new(items.iter().copied()).columns(w, width)
    }

    /// The rule spelled out one item at a time, O(items + width), to check the index against.
    fn binned_one_by_one(items: &[Marker], w: &Window, width: u16) -> (Vec<Column>, Vec<Option<usize>>) {
        let n = usize::from(width);
        let mut cols = vec![Column::default(); n];
        let mut first = vec![None; n];
        let bounds: Vec<i128> = (0..=width).map(|c| w.column_start(c, width)).collect();
        // The column of an instant, -1 before the window and `width` after it.
        let slot = |t: i64| bounds.partition_point(|&b| b <= i128::from(t)) as i64 - 1;
        for item in items {
            if let Some(c) = w.col(item.earliest, width) {
                cols[usize::from(c)].by_status[item.status.index()] += 1;
                let f: &mut Option<usize> = &mut first[usize::from(c)];
                *f = Some(f.map_or(item.index, |f| f.min(item.index)));
            }
            let end = item.latest.saturating_sub(1).max(item.earliest);
            let (a, b) = (slot(item.earliest), slot(end));
            let span = if item.interval {
                Extent::Solid
            } else if item.fuzzy {
                Extent::Uncertain
            } else if a != b {
                Extent::Coarse
            } else {
                continue;
            };
            for c in a.max(0)..=b.min(i64::from(width) - 1) {
                let col = &mut cols[c as usize];
                col.extent = col.extent.max(span);
            }
        }
        (cols, first)
    }

    #[test]
    fn markers_land_in_their_columns() {
        let w = window(at(2015, 1, 1), YEAR);
        let items = [
            item(w.start, w.start + 1, Status::SingleSource, 7),
            item(w.end, w.end + 1, Status::Unsourced, 8),
            item(w.start + YEAR / 2, w.start + YEAR / 2 + 1, Status::Corroborated, 3),
            item(w.start + YEAR / 2 + 10, w.start + YEAR / 2 + 11, Status::Contested, 4),
            item(w.start + YEAR / 2 + 20, w.start + YEAR / 2 + 21, Status::Denied, 5),
            item(w.start - DAY, w.start - DAY + 1, Status::Contested, 9),
        ];
        let index = AxisIndex::new(items);
        let cols = index.columns(&w, 50);
        assert_eq!(cols.len(), 50);
        assert_eq!(
            (cols[0].count(), cols[0].most_disputed(), index.first_in(&w, 50, 0)),
            (1, Some(Status::SingleSource), Some(7))
        );
        assert_eq!((cols[49].count(), index.first_in(&w, 50, 49)), (1, Some(8)));
        assert_eq!(
            (cols[25].count(), cols[25].most_disputed(), index.first_in(&w, 50, 25)),
            (3, Some(Status::Contested), Some(3))
        );
        assert_eq!(cols.iter().map(Column::count).sum::<u32>(), 5);
        assert!(cols.iter().all(|c| c.extent == Extent::None));
        assert!(index.columns(&w, 0).is_empty());
        assert_eq!(index.first_in(&w, 50, 1), None);
        assert_eq!(index.first_in(&w, 50, 50), None);
    }

    #[test]
    fn a_busy_column_takes_the_commonest_status() {
        let column = |by_status| Column {
            by_status,
            extent: Extent::None,
        };
        let busy = column([0, 5, 3, 1, 0]);
        assert_eq!(
            (busy.most_common(), busy.most_disputed()),
            (Some(Status::SingleSource), Some(Status::Denied))
        );
        assert_eq!(
            column([0, 2, 2, 0, 0]).most_common(),
            Some(Status::Corroborated),
            "a tie goes to the more disputed"
        );
        assert_eq!(
            (column([0; 5]).most_common(), column([0; 5]).most_disputed()),
            (None, None)
        );
    }

    #[test]
    fn extents_are_solid_for_intervals_uncertain_for_fuzzy_dates_and_coarse_for_wide_exact_ones() {
        let w = window(at(2015, 1, 1), at(2016, 1, 1) - at(2015, 1, 1));
        let width = 365;
        let interval = Marker {
            interval: true,
            ..item(at(2015, 3, 1), at(2015, 3, 11), Status::Corroborated, 0)
        };
        let fuzzy_month = Marker {
            fuzzy: true,
            ..item(at(2015, 6, 1), at(2015, 7, 1), Status::Unsourced, 1)
        };
        let cols = columns(&[interval, fuzzy_month], &w, width);
        let day = |y, m, d| usize::from(w.col(at(y, m, d), width).unwrap_or(0));
        let solid: Vec<usize> = (0..cols.len()).filter(|&i| cols[i].extent == Extent::Solid).collect();
        assert_eq!(solid, (day(2015, 3, 1)..=day(2015, 3, 10)).collect::<Vec<_>>());
        let fuzzy: Vec<usize> = (0..cols.len())
            .filter(|&i| cols[i].extent == Extent::Uncertain)
            .collect();
        assert_eq!(fuzzy, (day(2015, 6, 1)..=day(2015, 6, 30)).collect::<Vec<_>>());

        // A whole year seen at day zoom is coarse everywhere; an interval over it wins where both are.
        let dayw = window(at(2015, 7, 24), DAY);
        let year = item(at(2015, 1, 1), at(2016, 1, 1), Status::Unsourced, 2);
        let noon = Marker {
            interval: true,
            ..item(
                at(2015, 7, 24) + 12 * HOUR,
                at(2015, 7, 24) + 13 * HOUR,
                Status::Denied,
                3,
            )
        };
        let cols = columns(&[year, noon], &dayw, 24);
        assert_eq!(cols.iter().map(Column::count).sum::<u32>(), 1);
        assert_eq!((cols[12].count(), cols[12].extent), (1, Extent::Solid));
        assert!(
            cols.iter()
                .enumerate()
                .all(|(i, c)| i == 12 || c.extent == Extent::Coarse)
        );

        // `2015` and `2015?` at month zoom: coarse and uncertain, told apart; where both reach,
        // the doubt shows.
        let months = window(at(2014, 1, 1), at(2017, 1, 1) - at(2014, 1, 1));
        let plain_year = item(at(2015, 1, 1), at(2016, 1, 1), Status::Unsourced, 5);
        let doubted_year = Marker {
            fuzzy: true,
            ..item(at(2015, 1, 1), at(2016, 1, 1), Status::Unsourced, 6)
        };
        let mid_2015 = usize::from(months.col(at(2015, 7, 1), 36).unwrap());
        assert_eq!(columns(&[plain_year], &months, 36)[mid_2015].extent, Extent::Coarse);
        assert_eq!(
            columns(&[doubted_year], &months, 36)[mid_2015].extent,
            Extent::Uncertain
        );
        let both = columns(&[plain_year, doubted_year], &months, 36);
        assert_eq!(both[mid_2015].extent, Extent::Uncertain);

        // An exact instant inside one column draws no extent; a fuzzy one does.
        let instant = item(at(2015, 7, 24) + HOUR, at(2015, 7, 24) + HOUR + 1, Status::Unsourced, 4);
        let circa = Marker { fuzzy: true, ..instant };
        assert_eq!(columns(&[instant], &dayw, 24)[1].extent, Extent::None);
        assert_eq!(columns(&[circa], &dayw, 24)[1].extent, Extent::Uncertain);
    }

    #[test]
    fn hand_built_backwards_windows_do_not_panic() {
        let w = Window { start: 10, end: 0 };
        for width in [0, 1, 2, 80] {
            let index = AxisIndex::new([item(5, 20, Status::Denied, 0)]);
            assert_eq!(index.columns(&w, width).len(), usize::from(width));
            let _ = index.first_in(&w, width, 0);
        }
    }

    #[test]
    fn a_million_items_bin_by_binary_search() {
        let w = window(at(1900, 1, 1), 200 * YEAR);
        let items = (0..1_000_000_i64).map(|i| Marker {
            interval: i % 7 == 0,
            fuzzy: i % 5 == 0,
            ..item(
                w.start + i * 6_311,
                w.start + i * 6_311 + YEAR,
                Status::ALL[(i % 5) as usize],
                i as usize,
            )
        });
        let index = AxisIndex::new(items);
        let cols = index.columns(&w, 300);
        assert_eq!(cols.len(), 300);
        assert_eq!(cols.iter().map(|c| u64::from(c.count())).sum::<u64>(), 1_000_000);
    }

    fn any_item(base: i64, spread: i64) -> impl Strategy<Value = Marker> {
        (
            0..spread,
            0..spread / 4 + 2,
            any::<bool>(),
            any::<bool>(),
            0..5_usize,
            0..1000_usize,
        )
            .prop_map(move |(offset, length, fuzzy, interval, status, index)| Marker {
                earliest: base + offset,
                latest: base + offset + length,
                fuzzy,
                interval,
                status: Status::ALL[status],
                index,
            })
    }

    proptest! {
        /// The union of extents answers what the axis asks as the extents themselves do: whether
        /// those starting before `bound` reach `point`, for any point up to the bound.
        #[test]
        fn the_union_reaches_what_its_extents_reach(
            extents in prop::collection::vec((-20i64..20, 0i64..8), 0..12),
            bound in -25i64..30,
            back in 0i64..10,
        ) {
            let extents: Vec<(i64, i64)> = extents.into_iter().map(|(s, len)| (s, s + len)).collect();
            let point = i128::from(bound - back);
            let furthest = extents.iter().filter(|&&(s, _)| s < bound).map(|&(_, e)| e).max();
            let mut union = Union::default();
            extents.iter().for_each(|&(start, end)| union.add(start, end));
            let union = union.finish();
            prop_assert_eq!(
                union.reach_before(i128::from(bound)).is_some_and(|r| r >= point),
                furthest.is_some_and(|e| i128::from(e) >= point),
                "{:?} {:?}", extents, union
            );
        }

        #[test]
        fn the_index_bins_as_one_item_at_a_time_would(
            items in prop::collection::vec(any_item(1_000_000, 10_000), 0..60),
            start in 995_000_i64..1_010_000,
            span in 1_i64..20_000,
            width in 1_u16..=120,
        ) {
            let w = window(start, span);
            let index = AxisIndex::new(items.iter().copied());
            let (cols, first) = binned_one_by_one(&items, &w, width);
            prop_assert_eq!(index.columns(&w, width), cols);
            let firsts: Vec<Option<usize>> = (0..width).map(|c| index.first_in(&w, width, c)).collect();
            prop_assert_eq!(firsts, first);
        }
    }
}
