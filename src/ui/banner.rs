//! The banner: a file that does not load, with its errors, over the bottom of the screen until
//! the file is fixed. Behind it is the file's last good version, or, for a large file that never
//! opened, the preview read while it loaded.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::View;
use crate::app::Showing;

/// The banner, drawn just above the footer.
pub struct Banner<'a>(pub &'a View<'a>);

impl Banner<'_> {
    /// Where it goes: the full width, above the footer, at most half the height.
    pub fn area(&self, screen: Rect, footer: Rect) -> Option<Rect> {
        let message = &self.0.app.banner()?.message;
        let wanted = message.lines().count() as u16 + 2;
        let height = wanted.min(screen.height / 2).min(footer.y.saturating_sub(screen.y));
        (height >= 3).then(|| Rect::new(screen.x, footer.y - height, screen.width, height))
    }
}

impl Widget for Banner<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let Some(crate::app::Banner { part, message, showing }) = app.banner() else {
            return;
        };
        let label = app.files().get(*part).map_or("a file", |f| f.label.as_str());
        let title = match showing {
            Showing::LastGood => format!(" {label} changed and does not load; showing its last good version "),
            Showing::Preview => format!(" {label} does not open; showing only the first events, read while it loaded "),
        };
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.denial)
            .title(Span::styled(title, theme.denial));
        let lines: Vec<Line> = message.lines().map(|l| Line::raw(crate::text::line(l))).collect();
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
