//! The footer: the search prompt while typing, else a message, else key hints from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::View;
use crate::app::{KeyMode, Mode};

/// The footer line.
pub struct Footer<'a>(pub &'a View<'a>);

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, keymap, theme } = *self.0;
        let mut spans = Vec::new();
        let mode = match &app.mode {
            Mode::Search { input, .. } => {
                spans.push(Span::styled("/", theme.key));
                spans.push(Span::raw(input.as_str()));
                spans.push(Span::styled("█", theme.dim));
                spans.push(Span::raw("  "));
                KeyMode::Search
            }
            Mode::Help { .. } => KeyMode::Help,
            Mode::Browse | Mode::Item => KeyMode::Browse,
        };
        if let Some(message) = &app.message {
            spans.push(Span::styled(format!(" {message} "), theme.message));
        } else {
            for (keys, label) in keymap.footer(mode) {
                spans.push(Span::styled(format!(" {keys}"), theme.key));
                spans.push(Span::styled(format!(" {label} "), theme.dim));
            }
        }
        Line::from(spans).render(area, buf);
    }
}
