//! Where each pane goes, computed once per frame as data: used to draw, to hit-test the mouse and to page.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Below this size the explorer shows one polite line instead of panes.
pub const MIN_WIDTH: u16 = 30;
/// Below this height the explorer shows one polite line instead of panes.
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, the list and the detail sit side by side.
const SIDE_BY_SIDE: u16 = 100;
/// The axis appears from this height on.
const AXIS_MIN_HEIGHT: u16 = 16;
/// Rows of the axis pane: markers, extents, the axis line, labels, and a border.
const AXIS_ROWS: u16 = 5;
/// Columns an event takes in the matrix when events run across.
pub const EVENT_COLUMN: usize = 3;
/// Columns the matrix keeps for the party names and its borders when events run across.
const PARTY_NAMES: usize = 24;

/// The panes of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Title, counts, active search.
    pub header: Rect,
    /// The time axis (absent on short terminals).
    pub axis: Option<Rect>,
    /// The event list, borders included.
    pub list: Rect,
    /// The detail pane, borders included.
    pub detail: Rect,
    /// The legend line over the footer, when it is shown (on the timeline screen only).
    pub legend: Option<Rect>,
    /// Key hints or the search prompt.
    pub footer: Rect,
    /// The matrix screen's panes, which take everything between the header and the footer.
    pub matrix: MatrixAreas,
}

/// Where the detail pane's text stands, as last laid out: what the mouse wheel scrolls from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailRows {
    /// The text's first row shown.
    pub top: usize,
    /// The last first row there can be, with the end of the text at the bottom of the pane.
    pub last: usize,
}

/// The panes of the who-said-what screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixAreas {
    /// The grid of parties against events, borders included.
    pub grid: Rect,
    /// The selected cell's evidence, under the grid.
    pub panel: Rect,
}

impl MatrixAreas {
    fn new(body: Rect) -> MatrixAreas {
        let panel_rows = (body.height / 3).clamp(3, 9);
        let [grid, panel] = Layout::vertical([Constraint::Min(0), Constraint::Length(panel_rows)]).areas(body);
        MatrixAreas { grid, panel }
    }

    /// The panes with the panel grown to show `lines` of text inside its borders, as far as the
    /// grid keeps half of the room: the claims panel lists each claim's report lag under its table.
    pub fn fitting(self, lines: usize) -> MatrixAreas {
        let body = self.grid.union(self.panel);
        let wanted = u16::try_from(lines + 2).unwrap_or(u16::MAX);
        let rows = wanted.min(body.height / 2).max(self.panel.height);
        let [grid, panel] = Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(body);
        MatrixAreas { grid, panel }
    }

    /// How many rows of cells the grid shows (inside its borders, under the column labels).
    pub fn rows(&self) -> usize {
        usize::from(self.grid.height.saturating_sub(3))
    }
}

/// True when this many events fit across a terminal this wide as matrix columns beside the
/// party names; otherwise the matrix puts them down the side.
pub fn events_fit_across(events: usize, width: u16) -> bool {
    events * EVENT_COLUMN + PARTY_NAMES <= usize::from(width)
}

impl Areas {
    /// The panes for a terminal of this size, with the legend line or without; `None` when it
    /// is too small for them.
    pub fn new(area: Rect, legend: bool) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let axis_rows = if area.height >= AXIS_MIN_HEIGHT { AXIS_ROWS } else { 0 };
        let [header, axis, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(axis_rows),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        // The matrix has marks of its own and keeps every row; the timeline gives one to the legend.
        let matrix = MatrixAreas::new(Rect::new(
            area.x,
            header.bottom(),
            area.width,
            footer.y - header.bottom(),
        ));
        let (body, legend) = if legend {
            let [body, legend] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
            (body, Some(legend))
        } else {
            (body, None)
        };
        let (direction, split) = if area.width >= SIDE_BY_SIDE {
            (
                Direction::Horizontal,
                [Constraint::Percentage(50), Constraint::Percentage(50)],
            )
        } else {
            (
                Direction::Vertical,
                [Constraint::Percentage(45), Constraint::Percentage(55)],
            )
        };
        let [list, detail] = Layout::default().direction(direction).constraints(split).areas(body);
        Some(Areas {
            header,
            axis: (axis_rows > 0).then_some(axis),
            list,
            detail,
            legend,
            footer,
            matrix,
        })
    }

    /// How many event rows the list shows (inside its borders).
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }
}

/// A rectangle of `pct_w`% by `pct_h`% in the middle of `area`.
pub fn centered(area: Rect, pct_w: u16, pct_h: u16) -> Rect {
    let w = (u32::from(area.width) * u32::from(pct_w) / 100) as u16;
    let h = (u32::from(area.height) * u32::from(pct_h) / 100) as u16;
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// Where the help overlay goes, borders included.
pub fn help(area: Rect) -> Rect {
    centered(area, 90, 90)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_put_panes_side_by_side_and_narrow_ones_stack_them() {
        let wide = Areas::new(Rect::new(0, 0, 120, 40), false).unwrap();
        assert_eq!(wide.list.y, wide.detail.y);
        assert!(wide.axis.is_some());
        let narrow = Areas::new(Rect::new(0, 0, 80, 24), false).unwrap();
        assert_eq!(narrow.list.x, narrow.detail.x);
        assert!(narrow.detail.y > narrow.list.y);
        let short = Areas::new(Rect::new(0, 0, 40, 12), false).unwrap();
        assert!(short.axis.is_none());
    }

    #[test]
    fn the_matrix_takes_what_lies_between_header_and_footer_and_pages_by_its_rows() {
        for (h, legend) in (MIN_HEIGHT..=60).flat_map(|h| [(h, false), (h, true)]) {
            let a = Areas::new(Rect::new(0, 0, 80, h), legend).unwrap();
            let MatrixAreas { grid, panel } = a.matrix;
            assert_eq!(
                (grid.y, grid.bottom(), panel.y, panel.bottom()),
                (a.header.bottom(), panel.y, grid.bottom(), a.footer.y)
            );
            assert_eq!(a.matrix.rows(), usize::from(grid.height.saturating_sub(3)));
        }
        assert!(events_fit_across(15, 120) && !events_fit_across(15, 50));
    }

    #[test]
    fn panes_tile_the_screen_without_overlap_at_every_size() {
        for w in MIN_WIDTH..=200 {
            for (h, legend) in (MIN_HEIGHT..=60).flat_map(|h| [(h, false), (h, true)]) {
                let area = Rect::new(0, 0, w, h);
                let a = Areas::new(area, legend).unwrap();
                assert_eq!(a.legend.is_some(), legend);
                let mut rects = vec![a.header, a.list, a.detail, a.footer];
                rects.extend(a.axis);
                rects.extend(a.legend);
                let total: u32 = rects.iter().map(|r| r.area()).sum();
                assert_eq!(total, area.area(), "{w}x{h}");
                for (i, r) in rects.iter().enumerate() {
                    assert!(area.contains(r.as_position()) || r.area() == 0);
                    for s in &rects[i + 1..] {
                        assert!(!r.intersects(*s), "{w}x{h}: {r:?} {s:?}");
                    }
                }
            }
        }
        assert!(Areas::new(Rect::new(0, 0, 1, 1), true).is_none());
    }
}
