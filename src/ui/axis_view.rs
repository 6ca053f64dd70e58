//! Paints the time axis from the pure layout in `axis` and the bins of `axis_index`: markers (or,
//! for busy timelines, a density strip), extents, the line, the labels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use super::View;
use crate::axis::index::{Column, Extent};
use crate::axis::{self, Window};
use crate::model::date::{DAY, MONTHS, YEAR, civil_from_days, human_year};

/// The axis pane.
pub struct AxisView<'a>(pub &'a View<'a>);

impl Widget for AxisView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let title = bounds(&app.window());
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border)
            .title(Span::styled(title, theme.dim));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 4 || inner.width == 0 {
            return;
        }
        let width = inner.width;
        let columns = app.axis().columns(&app.window(), width);
        let busiest = columns.iter().map(Column::count).max().unwrap_or(0);
        let selected_col = app
            .selected_event()
            .and_then(|e| app.window().col(e.date.earliest(), width));
        let (marks, extents, line, labels) = (inner.y, inner.y + 1, inner.y + 2, inner.y + 3);
        for (x, c) in (inner.x..).zip(&columns) {
            let (glyph, status) = if busiest <= MARKED {
                (marked(c), c.most_disputed())
            } else {
                (bar(c.count(), busiest), c.most_common())
            };
            if let Some(g) = glyph {
                let style = status.map_or(theme.dim, |s| theme.status(s));
                buf.set_string(x, marks, g, style);
            }
            match c.extent {
                Extent::Solid => {
                    buf.set_string(x, extents, "━", theme.span);
                }
                Extent::Uncertain => {
                    buf.set_string(x, extents, "░", theme.fuzzy);
                }
                Extent::Coarse => {
                    buf.set_string(x, extents, "┄", theme.dim);
                }
                Extent::None => {}
            }
            buf.set_string(x, line, "─", theme.border);
        }
        for tick in axis::ticks(&app.window(), width) {
            buf.set_string(inner.x + tick.col, line, "┬", theme.border);
            buf.set_string(inner.x + tick.col, labels, &tick.label, theme.dim);
        }
        // Where the selected event's sources disagree on its date, the spread of the dates they give.
        let given = app.selected_event().and_then(|e| e.dates_disputed());
        let dates: Vec<&crate::model::Date> = given.iter().flatten().map(|g| g.date).collect();
        if let Some((first, last)) = app.window().spread(width, &dates) {
            for col in first..=last {
                buf.set_string(inner.x + col, line, "═", theme.key);
            }
        }
        if let Some(col) = selected_col {
            let x = inner.x + col;
            for y in [marks, line] {
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_style(theme.selected);
                }
            }
            if let Some(cell) = buf.cell_mut((x, line)) {
                cell.set_symbol("▲");
            }
        }
    }
}

/// While no column holds more than this many events, each shows its events' mark or count;
/// beyond, the row is a density strip, whose bars compare better than a row of `9+`.
const MARKED: u32 = 9;

/// Eighths of a cell, for the density strip.
const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// A lone event's status mark, or how many events a column holds.
fn marked(c: &Column) -> Option<String> {
    match c.count() {
        0 => None,
        1 => c.most_disputed().map(|s| s.mark().to_string()),
        n => Some(n.to_string()),
    }
}

/// A bar as tall as the column's share of the busiest column's events; any event shows.
fn bar(count: u32, busiest: u32) -> Option<String> {
    let eighths = (u64::from(count) * 8).div_ceil(u64::from(busiest.max(1)));
    let level = usize::try_from(eighths).ok()?.checked_sub(1)?;
    BARS.get(level).map(|b| (*b).to_string())
}

/// The window's bounds: years, or days when it spans less than two years.
fn bounds(window: &Window) -> String {
    let day = |t: i64| {
        let (y, m, d) = civil_from_days(t.div_euclid(DAY));
        if window.span() < 2 * YEAR {
            format!("{d} {} {}", MONTHS[usize::from(m) - 1], human_year(y))
        } else {
            human_year(y)
        }
    };
    format!(" {} – {} ", day(window.start), day(window.end - 1))
}
