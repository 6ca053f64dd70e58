//! The footer: the prompt while typing (with what is wrong with the text), else a message, else key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::View;
use crate::app::{LineEditor, Mode};

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
            ..
        } = &app.mode()
        {
            let sign = prompt.sign();
            spans.push(Span::styled(sign, theme.key));
            // The bad term is underlined where it was typed.
            let bad = e.as_ref().map_or(0..0, |e| e.span.clone());
            let room = usize::from(area.width).saturating_sub(sign.width() + 1);
            spans.extend(typed(
                input,
                |at| if bad.contains(&at) { theme.error } else { Style::new() },
                room,
            ));
            if input.cursor() == input.text().len() {
                spans.push(Span::styled("█", theme.dim));
            }
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

/// A prompt's text as one line, each character styled by `style` of its byte offset, the one
/// under the cursor in reverse video, and line breaks as a visible mark. When the text up to the
/// cursor is wider than `room`, its start gives way to "…" so the cursor stays in sight.
pub(super) fn typed<'a>(input: &'a LineEditor, style: impl Fn(usize) -> Style, room: usize) -> Vec<Span<'a>> {
    let text = input.text();
    let mut spans: Vec<Span> = text
        .grapheme_indices(true)
        .map(|(at, g)| {
            // A note put back from the sidecar, which may have come with the file, is shown safe.
            let g = if g == "\n" {
                NEWLINE_MARK.into()
            } else {
                crate::text::line(g)
            };
            let style = style(at);
            if at == input.cursor() {
                Span::styled(g, style.add_modifier(Modifier::REVERSED))
            } else {
                Span::styled(g, style)
            }
        })
        .collect();
    let before = text[..input.cursor()].graphemes(true).count();
    let mut width: usize = spans[..before].iter().map(Span::width).sum();
    let mut cut = 0;
    while width > room.saturating_sub(1) && cut < before {
        width -= spans[cut].width();
        cut += 1;
    }
    if cut > 0 {
        spans.splice(..cut, [Span::raw("…")]);
    }
    spans
}

/// A line break in a note, as the one-line prompt shows it.
const NEWLINE_MARK: &str = "⏎";
