//! The who-said-what screen: a grid of parties against events, and the selected cell's evidence below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{View, fit, pane_block, wrap};
use crate::app::App;
use crate::app::layout::{EVENT_COLUMN, MatrixAreas};
use crate::model::date::Point;
use crate::model::evidence::Item;
use crate::model::lag::Lags;
use crate::model::matrix::{Mark, Matrix};

/// Widest a party column gets when parties run across.
const PARTY_COLUMN: usize = 11;
/// Widest the row labels get.
const LABEL_MAX: usize = 40;

/// The matrix screen's body (between header and footer).
pub struct MatrixView<'a>(pub &'a View<'a>);

/// One axis of the grid as drawn. Its labels are made only for the rows and columns on screen:
/// an axis of a million events would otherwise cost a million labels a frame.
struct Axis<'a> {
    len: usize,
    label: Box<dyn Fn(usize) -> String + 'a>,
    /// The widest label when known for the whole axis (parties, which are few); else the
    /// widest of those drawn is taken.
    widest: Option<usize>,
    cursor: usize,
}

impl Axis<'_> {
    /// The labels from `first` on, as many as `count` allows.
    fn labels(&self, first: usize, count: usize) -> Vec<String> {
        (first..(first + count).min(self.len))
            .map(|i| (self.label)(i))
            .collect()
    }
}

/// One row of column labels: its name, shown in the row labels' place, and a label per column.
#[derive(Debug, PartialEq, Eq)]
struct HeaderRow {
    name: &'static str,
    labels: Vec<String>,
    /// Each label centred over its own column, as the cell symbols are; otherwise a label starts
    /// where its value changes (blank labels after it) and runs on until the next.
    centred: bool,
}

impl MatrixView<'_> {
    /// Draws the grid and the panel in the frame's matrix panes.
    pub fn render(self, areas: MatrixAreas, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let MatrixAreas {
            grid: grid_area,
            panel: panel_area,
        } = areas;
        // Built whenever the matrix screen is up, on a worker for a large timeline: until it is
        // in, the screen says so.
        let Some(m) = app.matrix() else {
            let block = pane_block(theme, " Who said what ", true);
            let inner = block.inner(grid_area);
            block.render(grid_area, buf);
            Line::styled("Tabulating who said what about the shown events…", theme.dim).render(inner, buf);
            return;
        };
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let title = format!(
            " Who said what · {} × {} ",
            count(m.parties.len(), "party", "parties"),
            count(m.events.len(), "event", "events")
        );
        let block = pane_block(theme, &title, true);
        let inner = block.inner(grid_area);
        block.render(grid_area, buf);
        if m.parties.is_empty() {
            Line::styled("No sources or denials among the shown events.", theme.dim).render(inner, buf);
        } else {
            Grid { app, m, view: self.0 }.render(inner, buf);
        }
        Panel { view: self.0, m }.render(panel_area, buf);
    }
}

/// The grid: row labels, header lines, and one symbol per cell.
struct Grid<'a> {
    app: &'a App,
    m: &'a Matrix,
    view: &'a View<'a>,
}

/// The names of the header rows under the years when events run across, kept room for beside
/// the row labels.
const HEADER_NAMES: usize = 5;

impl Grid<'_> {
    /// Rows and columns as drawn, and the column width: events across, or parties across when
    /// transposed. The columns' labels are only the parties' names; events across are labelled
    /// by [`Grid::headers`].
    fn axes(&self) -> (Axis<'_>, Axis<'_>, usize) {
        let (app, m) = (self.app, self.m);
        let widest = m.parties.iter().map(|p| p.width()).max().unwrap_or(0);
        let parties = Axis {
            len: m.parties.len(),
            label: Box::new(|p| m.parties[p].clone()),
            widest: Some(widest),
            cursor: app.matrix_cursor().party,
        };
        let event = move |c: usize| &app.timeline().events[m.events[c]];
        let dates = self.view.dates;
        let events = Axis {
            len: m.events.len(),
            label: Box::new(move |c| format!("{}  {}", dates.show(&event(c).date), event(c).title)),
            widest: None,
            cursor: app.selected(),
        };
        if app.matrix_transposed() {
            (events, parties, (widest + 1).clamp(EVENT_COLUMN, PARTY_COLUMN))
        } else {
            (parties, events, EVENT_COLUMN)
        }
    }

    /// The header rows over the columns from `first`, `count` of them: the parties' names when
    /// they run across, else the dates (made for the columns shown only).
    fn headers(&self, cols: &Axis<'_>, first: usize, count: usize) -> Vec<HeaderRow> {
        if self.app.matrix_transposed() {
            return vec![HeaderRow {
                name: "",
                labels: cols.labels(first, count),
                centred: false,
            }];
        }
        let events = &self.app.timeline().events;
        let starts: Vec<Point> = (first..(first + count).min(cols.len))
            .map(|c| events[self.m.events[c]].date.start_point())
            .collect();
        date_headers(&starts)
    }

    /// The symbol at a drawn (row, column).
    fn symbol(&self, row: usize, col: usize) -> Option<char> {
        let (party, event) = if self.app.matrix_transposed() {
            (col, row)
        } else {
            (row, col)
        };
        self.m.symbol(self.app.timeline(), party, event)
    }
}

/// The header over the events shown across, too narrow for names: the year where it changes
/// (and over the first column shown);
/// then, only when columns would otherwise look alike, each column's month (when one year holds
/// several columns) and day (when one month does), as numbers centred over their columns.
fn date_headers(starts: &[Point]) -> Vec<HeaderRow> {
    let mut last_year = None;
    let years = starts
        .iter()
        .map(|p| {
            let label = if last_year == Some(p.year) {
                String::new()
            } else {
                crate::model::date::human_year(p.year)
            };
            last_year = Some(p.year);
            label
        })
        .collect();
    let mut rows = vec![HeaderRow {
        name: "",
        labels: years,
        centred: false,
    }];
    // A finer unit is needed where two neighbours agree on the coarser ones and either writes it.
    let alike = |coarse: fn(&Point) -> (i64, Option<u8>), fine: fn(&Point) -> Option<u8>| {
        starts
            .windows(2)
            .any(|w| coarse(&w[0]) == coarse(&w[1]) && (fine(&w[0]).is_some() || fine(&w[1]).is_some()))
    };
    let numbers = |fine: fn(&Point) -> Option<u8>| -> Vec<String> {
        starts
            .iter()
            .map(|p| fine(p).map_or(String::new(), |n| n.to_string()))
            .collect()
    };
    let month = |p: &Point| p.month;
    let day = |p: &Point| p.month.and(p.day);
    if alike(|p| (p.year, None), month) {
        rows.push(HeaderRow {
            name: "month",
            labels: numbers(month),
            centred: true,
        });
    }
    if alike(|p| (p.year, p.month), day) {
        rows.push(HeaderRow {
            name: "day",
            labels: numbers(day),
            centred: true,
        });
    }
    rows
}

/// A column label in `room` columns: "2015" as "15" when only that fits, else cut.
fn short_label(label: &str, room: usize) -> String {
    match label.strip_suffix(" CE").unwrap_or(label) {
        year if label.width() > room && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            fit(&year[2..], room)
        }
        _ => fit(label, room),
    }
}

/// The first index to draw so that `cursor` is among `visible` entries.
fn offset(cursor: usize, visible: usize) -> usize {
    cursor.saturating_sub(visible.saturating_sub(1))
}

/// Which columns fit in `room` cells `cw` wide, with the cursor's among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    /// The first column shown.
    first: usize,
    /// How many are shown.
    shown: usize,
    /// Columns scrolled off to the right.
    right: usize,
    /// Cells kept at the right edge for the "+N ›" marker when columns are scrolled off there.
    gutter: usize,
}

impl Window {
    fn new(count: usize, cursor: usize, room: usize, cw: usize) -> Window {
        let fits = |room: usize| room / cw;
        if fits(room) >= count {
            return Window {
                first: 0,
                shown: count,
                right: 0,
                gutter: 0,
            };
        }
        // Wide enough for the largest count it could show, so the columns do not shift as it changes.
        let gutter = format!(" +{count} ›").width();
        let shown = fits(room.saturating_sub(gutter));
        let first = offset(cursor, shown);
        let right = count.saturating_sub(first + shown);
        let gutter = if right > 0 { gutter } else { 0 };
        Window {
            first,
            shown: fits(room - gutter).min(count - first),
            right,
            gutter,
        }
    }
}

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.view.theme;
        let (rows, cols, cw) = self.axes();
        let width = usize::from(area.width);
        // Events across take up to three header rows (year, month, day); parties across one.
        let most_headers = if self.app.matrix_transposed() { 1 } else { 3 };
        let height = usize::from(area.height);
        // The row labels' place also holds the header rows' names and the "‹ +N" marker. Rows
        // whose widest label is not known (events down the side) come under one header row.
        let marker = |n: usize| format!("‹ +{n}");
        let widest = (rows.widest)
            .unwrap_or_else(|| {
                let visible = height.saturating_sub(most_headers);
                let labels = rows.labels(offset(rows.cursor, visible), visible);
                labels.iter().map(|l| l.width()).max().unwrap_or(0)
            })
            .max(if most_headers > 1 { HEADER_NAMES } else { 0 })
            .max(if cols.len * cw > width {
                marker(cols.len).width()
            } else {
                0
            });
        let label_width = widest.min(LABEL_MAX).min(width / 2) + 1;
        let window = Window::new(cols.len, cols.cursor, width.saturating_sub(label_width), cw);
        let headers = self.headers(&cols, window.first, window.shown);
        let header_rows = headers.len().min(height.saturating_sub(1));
        let visible_rows = height.saturating_sub(header_rows);
        if window.shown == 0 || visible_rows == 0 {
            return;
        }
        let row0 = offset(rows.cursor, visible_rows);
        let row_labels = rows.labels(row0, visible_rows);
        let col0 = window.first;
        let x_of = |c: usize| area.x + (label_width + (c - col0) * cw) as u16;
        let shown_cols = col0..col0 + window.shown;
        let columns_end = label_width + window.shown * cw;
        for (y, header) in (area.y..).zip(headers.iter().take(header_rows)) {
            let name = format!("{:>w$}", header.name, w = label_width - 1);
            buf.set_string(area.x, y, fit(&name, label_width - 1), theme.dim);
            for (c, label) in shown_cols.clone().zip(&header.labels) {
                if label.is_empty() {
                    continue;
                }
                let style = if c == cols.cursor { theme.heading } else { theme.dim };
                if header.centred {
                    buf.set_string(x_of(c), y, format!("{:^cw$}", fit(label, cw)), style);
                    continue;
                }
                // Cut where the next label starts or at the last column shown.
                let next = (c + 1..shown_cols.end).find(|&n| !header.labels[n - col0].is_empty());
                let room = next.map_or(columns_end - label_width - (c - col0) * cw, |n| (n - c) * cw) - 1;
                buf.set_string(x_of(c), y, short_label(label, room), style);
            }
        }
        // What is scrolled off either side, on the first header line.
        if col0 > 0 {
            let text = format!("{:>w$}", fit(&marker(col0), label_width - 1), w = label_width - 1);
            buf.set_string(area.x, area.y, text, theme.key);
        }
        if window.right > 0 {
            let text = format!("{:>w$}", format!("+{} ›", window.right), w = window.gutter);
            buf.set_string(area.x + columns_end as u16, area.y, text, theme.key);
        }
        let top = area.y + header_rows as u16;
        for ((y, r), label) in (top..area.bottom()).zip(row0..).zip(&row_labels) {
            let style = if r == rows.cursor { theme.heading } else { Style::new() };
            buf.set_string(area.x, y, fit(label, label_width - 1), style);
            for c in shown_cols.clone() {
                let symbol = self.symbol(r, c);
                let text = format!("{:^cw$}", symbol.unwrap_or('·'));
                let style = match (r == rows.cursor && c == cols.cursor, symbol) {
                    (true, _) => theme.selected,
                    (false, Some('✗' | '±')) => theme.denial,
                    (false, Some(_)) => theme.key,
                    (false, None) if r == rows.cursor || c == cols.cursor => theme.dim,
                    (false, None) => theme.border,
                };
                buf.set_string(x_of(c), y, text, style);
            }
        }
    }
}

/// The panel under the grid: the selected cell's event, party and evidence, and the legend.
struct Panel<'a> {
    view: &'a View<'a>,
    m: &'a Matrix,
}

impl Widget for Panel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, dates, .. } = *self.view;
        let m = self.m;
        let (party_index, col) = (app.matrix_cursor().party, app.selected());
        let mut lines = Vec::new();
        if let (Some(&i), Some(_)) = (m.events.get(col), m.parties.get(party_index)) {
            let e = &app.timeline().events[i];
            lines.push(Line::from(vec![
                Span::styled(dates.show(&e.date), theme.heading),
                Span::raw("  "),
                Span::styled(&*e.title, theme.title),
            ]));
            if app.matrix_cursor().claims {
                lines.extend(claim_rows(self.view, m, col, party_index, area));
            } else {
                lines.extend(cell_lines(self.view, m, col, party_index));
            }
        }
        let legend: Vec<String> = Mark::ALL
            .iter()
            .map(|m| format!("{} {}", m.symbol(), m.word()))
            .chain(["± both".to_string()])
            .collect();
        let title = if app.matrix_cursor().claims {
            " Claims "
        } else {
            " Cell "
        };
        let block =
            pane_block(theme, title, false).title_bottom(Span::styled(format!(" {} ", legend.join("  ")), theme.dim));
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}

/// The selected cell's quotes, one party's sources and denials on one event.
fn cell_lines<'a>(view: &View<'a>, m: &Matrix, col: usize, party_index: usize) -> Vec<Line<'a>> {
    let View { app, theme, .. } = *view;
    let (e, party) = (&app.timeline().events[m.events[col]], &m.parties[party_index]);
    let mut lines = Vec::new();
    let cell = m.cell(app.timeline(), party_index, col);
    if cell.is_empty() {
        lines.push(Line::styled(format!("{party}: nothing on this event"), theme.dim));
    }
    for said in cell {
        let mark = said.mark();
        let (via, quote) = match said.item() {
            Item::Source(s) => (&e.sources[s].more().via, &e.sources[s].quote),
            Item::Denial(d) => (&e.denials[d].via, &e.denials[d].quote),
        };
        let style = if mark == Mark::Denies { theme.denial } else { theme.key };
        let mut spans = vec![Span::styled(
            format!("{} {party} {}", mark.symbol(), mark.word()),
            style,
        )];
        if let Some(v) = via {
            spans.push(Span::styled(
                format!(" · via {}", app.timeline().reference_label(v)),
                theme.dim,
            ));
        }
        lines.push(Line::from(spans));
        if let Some(q) = quote {
            lines.push(Line::styled(format!("  “{q}”"), theme.quote));
        }
    }
    lines
}

/// The event's claims as columns, after a column for the whole event, and a row for each party
/// that spoke of the event; the selected party's row stands out and stays shown in a panel
/// panel drawn in `area`. Under the table, each claim's report lag, as the detail gives it
/// (claims with the same lag on one line).
fn claim_rows<'a>(view: &View<'a>, m: &Matrix, col: usize, party_index: usize, area: Rect) -> Vec<Line<'a>> {
    let (width, height) = (usize::from(area.width.saturating_sub(2)).max(1), area.height);
    let View { app, theme, .. } = *view;
    let i = m.events[col];
    let e = &app.timeline().events[i];
    if e.more.claims.is_empty() {
        return vec![Line::styled(
            "This event lists no claims: every stance is on the event as a whole, as in the grid.",
            theme.dim,
        )];
    }
    let headers: Vec<&str> = std::iter::once("event")
        .chain(e.more.claims.iter().map(|c| c.id.as_str()))
        .collect();
    let speakers = m.speakers(app.timeline(), col);
    let lags: Vec<Line<'a>> = Lags::per_claim(app.timeline(), e, app.evidence()[i].claims())
        .into_iter()
        .flat_map(|lag| wrap(&lag, width))
        .map(|l| Line::styled(l, theme.dim))
        .collect();
    // Borders, the event's line, the claims' header and the lags leave this many rows for parties.
    let room = usize::from(height.saturating_sub(4)).saturating_sub(lags.len()).max(1);
    let label = speakers
        .iter()
        .map(|&p| m.parties[p].width())
        .max()
        .unwrap_or(0)
        .min(LABEL_MAX)
        + 1;
    let mut header = vec![Span::raw(" ".repeat(label))];
    header.extend(headers.iter().map(|h| Span::styled(format!("{h}  "), theme.dim)));
    let mut lines = vec![Line::from(header)];
    let first = offset(speakers.iter().position(|&p| p == party_index).unwrap_or(0), room);
    for &p in speakers.iter().skip(first).take(room) {
        let name_style = if p == party_index { theme.heading } else { Style::new() };
        let mut spans = vec![Span::styled(
            format!("{:label$}", fit(&m.parties[p], label - 1)),
            name_style,
        )];
        for (h, symbol) in headers.iter().zip(m.claim_symbols(app.timeline(), p, col)) {
            let style = match symbol {
                Some('✗' | '±') => theme.denial,
                Some(_) => theme.key,
                None => theme.border,
            };
            let w = h.width();
            spans.push(Span::styled(format!("{:^w$}  ", symbol.unwrap_or('·')), style));
        }
        lines.push(Line::from(spans));
    }
    lines.extend(lags);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn a_window_that_holds_every_column_keeps_no_gutter() {
        let all = Window::new(10, 9, 30, 3);
        assert_eq!((all.first, all.shown, all.right, all.gutter), (0, 10, 0, 0));
    }

    #[test]
    fn a_window_keeps_the_cursor_in_view_and_room_to_count_what_is_off_the_right() {
        // 40 columns of 3 in 60 cells: " +40 ›" takes 6, leaving 18 columns.
        let start = Window::new(40, 0, 60, 3);
        assert_eq!((start.first, start.shown, start.right, start.gutter), (0, 18, 22, 6));
        let middle = Window::new(40, 20, 60, 3);
        assert_eq!((middle.first, middle.shown, middle.right), (3, 18, 19));
        // At the end nothing is off the right: no gutter, and the columns run to the last.
        let end = Window::new(40, 39, 60, 3);
        assert_eq!((end.first + end.shown, end.right, end.gutter), (40, 0, 0));
    }

    fn headers(dates: &[&str]) -> Vec<(&'static str, Vec<String>)> {
        let starts: Vec<Point> = dates.iter().map(|d| Date::parse(d).unwrap().start_point()).collect();
        date_headers(&starts).into_iter().map(|h| (h.name, h.labels)).collect()
    }

    #[test]
    fn headers_add_months_and_days_only_when_columns_would_look_alike() {
        let s = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        // One column a year: the years tell them apart.
        assert_eq!(
            headers(&["2003", "2007-05", "2010-01-02"]),
            [("", s(&["2003", "2007", "2010"]))]
        );
        // Two in 2015, in different months: months, no days.
        assert_eq!(
            headers(&["2014", "2015-04", "2015-06-02"]),
            [("", s(&["2014", "2015", ""])), ("month", s(&["", "4", "6"]))]
        );
        // Two in July 2015: days too; a column with no day leaves it blank.
        assert_eq!(
            headers(&["2015-07", "2015-07-24", "2015-07-27", "2015-08-07"]),
            [
                ("", s(&["2015", "", "", ""])),
                ("month", s(&["7", "7", "7", "8"])),
                ("day", s(&["", "24", "27", "7"]))
            ]
        );
        // Two years alike but neither writes a month: nothing finer to show.
        assert_eq!(headers(&["2007", "2007"]), [("", s(&["2007", ""]))]);
    }
}
