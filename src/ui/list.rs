//! The event list: status mark, the id when asked, date as written, the file with several, `≤`
//! when known only by a later date at the latest, the title; only the rows on screen are built,
//! and cut text ends in an ellipsis.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use super::{View, highlight, pane_block};
use crate::app::Focus;

/// The list pane.
pub struct EventList<'a>(pub &'a View<'a>);

/// The date column takes at most this share of the list's width, and never less than 13 columns
/// (wide enough for "c. 17 Sep 2013") or more than 27 (a whole interval of days, "27 Jul 2015? –
/// 2 Aug 2015?"); a longer date is cut with an ellipsis, so every title starts in the same column.
const DATE_SHARE: usize = 3;
/// The id column (when shown) is at most this wide; it comes first and takes its room before
/// the date, since an id is for copying whole into `tlx show`.
const ID_COLUMN: usize = 24;
/// File labels (with several files open) are cut to this width.
const FILE_COLUMN: usize = 12;
/// Columns a title keeps at least, however wide the columns before it.
const TITLE_MIN: usize = 12;

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
        let events: Vec<&crate::model::Event> = rows.clone().filter_map(|p| app.event_at(p)).collect();
        // Each column as wide as its widest cell on screen, within its bound and what the row
        // leaves after the sign, the mark and a title's minimum.
        let mut room = usize::from(inner.width).saturating_sub(3 + TITLE_MIN);
        let mut column = |cells: &[String], bound: usize| {
            let width = cells
                .iter()
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
                .min(bound)
                .min(room.saturating_sub(2));
            if !cells.is_empty() {
                room = room.saturating_sub(width + 2);
            }
            width
        };
        let ids: Vec<String> = match app.guides().ids {
            true => events.iter().map(|e| e.id.to_string()).collect(),
            false => Vec::new(),
        };
        let id_width = column(&ids, ID_COLUMN);
        let dates: Vec<String> = events.iter().map(|e| dates.show(&e.date)).collect();
        let date_width = column(&dates, (usize::from(inner.width) / DATE_SHARE).clamp(13, 27));
        let labels: Vec<String> = match app.files().len() > 1 {
            true => app.files().iter().map(|f| f.label.clone()).collect(),
            false => Vec::new(),
        };
        let label_width = column(&labels, FILE_COLUMN);
        let highlights = app.highlights();
        for ((row, pos), date) in (0u16..).zip(rows).zip(dates) {
            let Some(event) = app.event_at(pos) else { break };
            let status = app.evidence()[app.order()[pos]].status();
            let is_selected = pos == app.selected();
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
            ];
            // The id first, as `tlx list --ids` prints it.
            if !ids.is_empty() {
                spans.push(Span::styled(cell(&event.id, id_width), theme.key));
            }
            spans.push(Span::styled(cell(&date, date_width), theme.dim));
            if let (false, Some(part)) = (labels.is_empty(), app.part_of(i)) {
                let label = cell(&labels[part], label_width);
                spans.push(Span::styled(label, theme.file(part)));
            }
            // Known by a later date at the latest: shown, but marked so it is not read as public then.
            if app.evidence()[i].known_by().is_some() {
                spans.push(Span::styled("≤ ", theme.dim));
            }
            let used: usize = spans.iter().map(Span::width).sum();
            let title = super::fit(&event.title, usize::from(inner.width).saturating_sub(used));
            let matched: &[&_] = if app.is_match(pos) { &highlights } else { &[] };
            spans.extend(highlight(&title, matched, ratatui::style::Style::new(), theme.matched));
            let row_area = Rect::new(inner.x, inner.y + row, inner.width, 1);
            if is_selected {
                buf.set_style(row_area, theme.selected);
            }
            Line::from(spans).render(row_area, buf);
        }
    }
}

/// A column's cell: the text cut to `width` with an ellipsis, padded to it, and the gap after it.
fn cell(text: &str, width: usize) -> String {
    let text = super::fit(text, width);
    format!("{text}{}  ", " ".repeat(width.saturating_sub(text.width())))
}
