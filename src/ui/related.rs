//! The picker of a related event to follow: the selected event's `related`, one a row, drawn
//! over the detail pane, with what each leads to.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{View, fit, pane_block};

/// The picker, as tall as its rows (within the area it is given), at the top of that area.
pub struct RelatedPicker<'a>(pub &'a View<'a>);

impl RelatedPicker<'_> {
    /// Where the picker goes in `area`: its top, as tall as the related events and its borders.
    pub fn area(&self, area: Rect) -> Rect {
        let rows = u16::try_from(self.0.app.related().len()).unwrap_or(u16::MAX);
        Rect {
            height: rows.saturating_add(2).min(area.height),
            ..area
        }
    }
}

impl Widget for RelatedPicker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, dates, .. } = *self.0;
        let Some(at) = app.panes().and_then(|p| p.related) else {
            return;
        };
        let block = pane_block(theme, " Follow a related event ", true);
        let inner = block.inner(area);
        Clear.render(area, buf);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let rows = app.related();
        // Scrolled to keep the cursor's row on screen.
        let height = usize::from(inner.height).max(1);
        let first = at.saturating_sub(height - 1);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .map(|(k, r)| {
                let cursor = if k == at { "▸ " } else { "  " };
                let (text, style) = match (r.event, r.pos) {
                    (Some(e), Some(_)) => (format!("{} ({})", e.title, dates.show(&e.date)), None),
                    (Some(e), None) => (format!("{} (not shown)", e.title), Some(theme.dim)),
                    (None, _) => (format!("{} (no such event)", r.id), Some(theme.dim)),
                };
                let row = Span::raw(fit(&format!("{cursor}{text}"), width));
                let style = if k == at {
                    theme.selected
                } else {
                    style.unwrap_or_default()
                };
                Line::from(row).style(style)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
