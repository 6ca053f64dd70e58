//! The footer: the prompt while typing (with what is wrong with the text), else a message, else key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::View;
use crate::app::Mode;

/// The footer line.
pub struct Footer<'a>(pub &'a View<'a>);

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, keymap, theme, .. } = *self.0;
        let mut spans = Vec::new();
        let mut error = None;
        if let Mode::Prompt {
            prompt,
            input,
            error: e,
        } = &app.mode()
        {
            spans.push(Span::styled(prompt.sign(), theme.key));
            match e {
                // The bad term is underlined where it was typed.
                Some(e) if input.get(e.span.clone()).is_some() => {
                    spans.push(Span::raw(&input[..e.span.start]));
                    spans.push(Span::styled(&input[e.span.clone()], theme.error));
                    spans.push(Span::raw(&input[e.span.end..]));
                }
                _ => spans.push(Span::raw(input.as_str())),
            }
            spans.push(Span::styled("█", theme.dim));
            spans.push(Span::raw("  "));
            error = e.as_ref();
        }
        // A message (completions, results) outranks the parse error, which outranks the key hints.
        match (app.message(keymap), error) {
            (Some(message), _) => spans.push(Span::styled(format!(" {message} "), theme.message)),
            (None, Some(e)) => spans.push(Span::styled(format!(" {}; {} ", e.message, e.hint), theme.message)),
            (None, None) => {
                let mut hints = keymap.footer(app.key_mode());
                // When the hints overflow, the ones before the last two (help, quit) give way, last first.
                let width = |h: &[(String, &str)]| h.iter().map(|(k, l)| k.width() + l.width() + 3).sum::<usize>();
                while hints.len() > 2 && width(&hints) > usize::from(area.width) {
                    hints.remove(hints.len() - 3);
                }
                for (keys, label) in hints {
                    spans.push(Span::styled(format!(" {keys}"), theme.key));
                    spans.push(Span::styled(format!(" {label} "), theme.dim));
                }
            }
        }
        Line::from(spans).render(area, buf);
    }
}
