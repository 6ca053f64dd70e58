//! The header: the timeline's title, how many events are shown, the active search.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{View, fit};

/// The header line.
pub struct Header<'a>(pub &'a View<'a>);

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let total = app.timeline.events.len();
        let mut right = format!("{} of {total} events", app.order.len());
        if let (Some(text), Some(search)) = (app.search_text(), &app.search) {
            right += &format!(
                " · /{text}: {} match{}",
                search.matches.len(),
                if search.matches.len() == 1 { "" } else { "es" }
            );
        }
        right = format!(" {right} ");
        let room = usize::from(area.width).saturating_sub(right.width() + 1);
        let title = fit(&app.timeline.timeline.title, room);
        let pad = usize::from(area.width).saturating_sub(title.width() + 1 + right.width());
        Line::from(vec![
            Span::raw(" "),
            Span::styled(title, theme.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, theme.dim),
        ])
        .render(area, buf);
    }
}
