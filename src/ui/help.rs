//! The help overlay: every binding of the keymap, by mode, and what the status marks mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{View, pane_block};
use crate::app::hint::hint;
use crate::app::{Action, KeyMode, Said};
use crate::model::Status;
use crate::model::matrix::Mark;
use crate::query::FIELDS;

/// The help overlay, scrolled by `scroll` lines.
pub struct Help<'a> {
    /// What to draw from.
    pub view: &'a View<'a>,
    /// First line shown.
    pub scroll: u16,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { keymap, theme, .. } = *self.view;
        let browsing = |said: Said| said.spell(keymap, KeyMode::Browse);
        let mut lines = Vec::new();
        for mode in KeyMode::ALL {
            let heading = match mode.opened_by() {
                Some(action) => browsing(Said::from(mode.heading()).and(hint!(" (", action, ")"))),
                None => mode.heading().into(),
            };
            lines.push(Line::styled(heading, theme.heading));
            for b in keymap.bindings().iter().filter(|b| b.mode == mode) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<18}", b.keys.join(", ")), theme.key),
                    Span::raw(b.help.clone()),
                ]));
            }
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled("Mouse", theme.heading));
        lines.push(Line::raw(
            "  click a row or an axis marker to select it; the wheel scrolls",
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled("Evidence status", theme.heading));
        for s in Status::ALL {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", s.mark()), theme.status(s)),
                Span::styled(format!("{:<14}", s.as_str()), theme.key),
                Span::raw(s.meaning()),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Who said what", theme.heading));
        for m in Mark::ALL {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", m.symbol()), theme.key),
                Span::raw(m.word()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled("  ± ", theme.key),
            Span::raw("backed and denied by the same party"),
        ]));
        lines.push(Line::raw(""));
        let prompts: Vec<&str> = [Action::Filter, Action::Search]
            .into_iter()
            .filter_map(|action| keymap.hint(KeyMode::Browse, action))
            .collect();
        let prompts = match prompts.as_slice() {
            [] => String::new(),
            keys => format!(" ({})", keys.join(", ")),
        };
        lines.push(Line::styled(
            format!(
                "Queries{prompts}: terms all required, OR, NOT or -term, (groups), \"quotes\" for phrases; NOT > AND > OR"
            ),
            theme.heading,
        ));
        for (field, meaning) in FIELDS {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", format!("{field}:")), theme.key),
                Span::raw(*meaning),
            ]));
        }
        let title = Said::from(" Help")
            .and(hint!(" — ", Action::Back, " to close"))
            .and(" ")
            .spell(keymap, KeyMode::Help);
        let block = pane_block(theme, &title, true);
        Paragraph::new(lines)
            .block(block)
            .scroll((self.scroll, 0))
            .render(area, buf);
    }
}
