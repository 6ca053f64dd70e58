//! The who-said-what screen: a grid of parties against events, and the selected cell's evidence below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{View, fit, pane_block};
use crate::app::App;
use crate::app::layout::{EVENT_COLUMN, MatrixAreas};
use crate::model::evidence::Item;
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

impl MatrixView<'_> {
    /// Draws the grid and the panel in the frame's matrix panes.
    pub fn render(self, areas: MatrixAreas, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let MatrixAreas {
            grid: grid_area,
            panel: panel_area,
        } = areas;
        // Built whenever the matrix screen is up; without it there is nothing to draw.
        let Some(m) = app.matrix() else { return };
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

/// The grid: row labels, a header line, and one symbol per cell.
struct Grid<'a> {
    app: &'a App,
    m: &'a Matrix,
    view: &'a View<'a>,
}

impl Grid<'_> {
    /// Rows and columns as drawn, and the column width: events across, or parties across when transposed.
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
        if app.matrix_transposed() {
            let dates = self.view.dates;
            let events = Axis {
                len: m.events.len(),
                label: Box::new(move |c| format!("{}  {}", dates.show(&event(c).date), event(c).title)),
                widest: None,
                cursor: app.selected(),
            };
            (events, parties, (widest + 1).clamp(EVENT_COLUMN, PARTY_COLUMN))
        } else {
            // Events across are too narrow for names: the header marks where each year begins.
            let year = move |c: usize| event(c).date.start_point().year;
            let events = Axis {
                len: m.events.len(),
                label: Box::new(move |c| {
                    if c > 0 && year(c - 1) == year(c) {
                        String::new()
                    } else {
                        crate::model::date::human_year(year(c))
                    }
                }),
                widest: None,
                cursor: app.selected(),
            };
            (parties, events, EVENT_COLUMN)
        }
    }

    /// The symbol at a drawn (row, column).
    fn symbol(&self, row: usize, col: usize) -> Option<char> {
        let (party, event) = if self.app.matrix_transposed() {
            (col, row)
        } else {
            (row, col)
        };
        self.m.symbol(party, event)
    }
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

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.view.theme;
        let (rows, cols, cw) = self.axes();
        let width = usize::from(area.width);
        let visible_rows = usize::from(area.height).saturating_sub(1);
        let row0 = offset(rows.cursor, visible_rows);
        let row_labels = rows.labels(row0, visible_rows);
        let widest = rows
            .widest
            .unwrap_or_else(|| row_labels.iter().map(|l| l.width()).max().unwrap_or(0));
        let label_width = widest.min(LABEL_MAX).min(width / 2) + 1;
        let visible_cols = width.saturating_sub(label_width) / cw;
        if visible_cols == 0 || visible_rows == 0 {
            return;
        }
        let col0 = offset(cols.cursor, visible_cols);
        let x_of = |c: usize| area.x + (label_width + (c - col0) * cw) as u16;
        // Header: column labels, each cut where the next one starts or at the edge.
        let col_labels = cols.labels(col0, visible_cols);
        let shown_cols = col0..col0 + col_labels.len();
        for (c, label) in shown_cols.clone().zip(&col_labels) {
            if label.is_empty() {
                continue;
            }
            let next = (c + 1..shown_cols.end).find(|&n| !col_labels[n - col0].is_empty());
            let room = next.map_or(width - label_width - (c - col0) * cw, |n| (n - c) * cw) - 1;
            let style = if c == cols.cursor { theme.heading } else { theme.dim };
            buf.set_string(x_of(c), area.y, short_label(label, room), style);
        }
        for ((y, r), label) in (area.y + 1..area.bottom()).zip(row0..).zip(&row_labels) {
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
                Span::styled(e.title.clone(), theme.title),
            ]));
            if app.matrix_cursor().claims {
                // Borders, the event's line and the claims' header leave this many rows for parties.
                let room = usize::from(area.height.saturating_sub(4)).max(1);
                lines.extend(claim_rows(self.view, m, col, party_index, room));
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
    let cell = m.cell(party_index, col);
    if cell.is_empty() {
        lines.push(Line::styled(format!("{party}: nothing on this event"), theme.dim));
    }
    for &(mark, item) in cell {
        let (via, quote) = match item {
            Item::Source(s) => (&e.sources[s].via, &e.sources[s].quote),
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
/// that spoke of the event; the selected party's row stands out and is among the `room` rows shown.
fn claim_rows<'a>(view: &View<'a>, m: &Matrix, col: usize, party_index: usize, room: usize) -> Vec<Line<'a>> {
    let View { app, theme, .. } = *view;
    let e = &app.timeline().events[m.events[col]];
    if e.claims.is_empty() {
        return vec![Line::styled(
            "This event lists no claims: every stance is on the event as a whole, as in the grid.",
            theme.dim,
        )];
    }
    let headers: Vec<&str> = std::iter::once("event")
        .chain(e.claims.iter().map(|c| c.id.as_str()))
        .collect();
    let speakers = m.speakers(col);
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
    for &p in &speakers[first..] {
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
    lines
}
