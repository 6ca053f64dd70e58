//! The event list: date as written, status mark, title (after `≤` when known only by a later date
//! at the latest); only the rows on screen are built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use super::{View, highlight, pane_block};
use crate::app::Focus;

/// The list pane.
pub struct EventList<'a>(pub &'a View<'a>);

/// The date column is at most this wide; longer dates (ranges) push their own title right rather than be cut.
const DATE_COLUMN: usize = 13;
/// File labels (with several files open) are cut to this width.
const FILE_COLUMN: usize = 12;

impl Widget for EventList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, dates, .. } = *self.0;
        let shown = app.order().len();
        let title = format!(" Events {}/{shown} ", if shown == 0 { 0 } else { app.selected() + 1 });
        let block: Block = pane_block(theme, &title, app.focus() == Focus::List);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        if shown == 0 {
            Line::styled("This timeline has no events.", theme.dim).render(inner, buf);
            return;
        }
        let rows = app.list_offset()..(app.list_offset() + usize::from(inner.height)).min(shown);
        let dates: Vec<String> = rows
            .clone()
            .filter_map(|p| app.event_at(p))
            .map(|e| dates.show(&e.date))
            .collect();
        let date_width = dates.iter().map(|d| d.width()).max().unwrap_or(0).min(DATE_COLUMN);
        let label_width = app
            .files()
            .iter()
            .map(|f| f.label.width())
            .max()
            .unwrap_or(0)
            .min(FILE_COLUMN);
        let highlights = app.highlights();
        for ((row, pos), date) in (0u16..).zip(rows).zip(dates) {
            let Some(event) = app.event_at(pos) else { break };
            let status = app.evidence()[app.order()[pos]].status;
            let is_selected = pos == app.selected();
            let pad = " ".repeat(date_width.saturating_sub(date.width()));
            let i = app.order()[pos];
            // The star or note sign takes the margin, so marking an event never shifts the row.
            let sign = match app.marks(i) {
                Some(m) if m.starred => "★",
                Some(m) if m.note.is_some() => "✎",
                _ => " ",
            };
            let mut spans = vec![
                Span::styled(sign, theme.key),
                Span::styled(format!("{} ", status.mark()), theme.status(status)),
                Span::styled(format!("{date}{pad}  "), theme.dim),
            ];
            if let (true, Some(origin)) = (app.files().len() > 1, app.origins().get(i)) {
                let label = super::fit(&app.files()[origin.part].label, label_width);
                let pad = " ".repeat(label_width.saturating_sub(label.width()));
                spans.push(Span::styled(format!("{label}{pad} "), theme.file(origin.part)));
            }
            // Known by a later date at the latest: shown, but marked so it is not read as public then.
            if app.evidence()[i].known_by.is_some() {
                spans.push(Span::styled("≤ ", theme.dim));
            }
            let matched: &[&_] = if app.is_match(pos) { &highlights } else { &[] };
            spans.extend(highlight(
                &event.title,
                matched,
                ratatui::style::Style::new(),
                theme.matched,
            ));
            let row_area = Rect::new(inner.x, inner.y + row, inner.width, 1);
            if is_selected {
                buf.set_style(row_area, theme.selected);
            }
            Line::from(spans).render(row_area, buf);
        }
    }
}
