//! The help overlay: every binding of the keymap, by mode, and what the status marks mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::legend::axis_marks;
use super::{Theme, View, pane_block};
use crate::app::hint::hint;
use crate::app::{Action, KeyMap, KeyMode, Said};
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
        let lines = lines(keymap, theme);
        let title = Said::from(" Help")
            .and(hint!(" — ", Action::Back, " to close"))
            .and(" ")
            .spell(keymap, KeyMode::Help);
        let rows = usize::from(area.height.saturating_sub(2));
        // The state stops at the end for the terminal's size; this also holds while a resize is on its way.
        let first = usize::from(self.scroll).min(lines.len().saturating_sub(rows));
        let block =
            pane_block(theme, &title, true).title_bottom(Line::styled(position(first, rows, lines.len()), theme.dim));
        let width = usize::from(area.width.saturating_sub(2));
        let lines: Vec<Line> = lines.into_iter().map(|l| super::fit_line(l, width)).collect();
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(first).unwrap_or(u16::MAX), 0))
            .render(area, buf);
    }
}

/// How many lines the help has with this keymap: what the state scrolls through.
pub fn length(keymap: &KeyMap) -> u16 {
    u16::try_from(lines(keymap, &Theme::mono()).len()).unwrap_or(u16::MAX)
}

/// Where the help is: "↓ more" while lines lie below, "↑" while some lie above, and which lines show.
fn position(first: usize, rows: usize, total: usize) -> String {
    let last = (first + rows).min(total);
    let (above, below) = (first > 0, last < total);
    let sign = match (above, below) {
        (false, true) => "↓ more · ",
        (true, true) => "↑↓ ",
        (true, false) => "↑ end · ",
        (false, false) => "",
    };
    format!(" {sign}lines {}–{last} of {total} ", (first + 1).min(total))
}

/// Every line of the help: the bindings by mode, the mouse, the marks, the query fields.
fn lines(keymap: &KeyMap, theme: &Theme) -> Vec<Line<'static>> {
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
    lines.push(Line::styled("On the axis", theme.heading));
    for m in axis_marks(theme) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<4}", m.glyph), m.style),
            Span::raw(m.meaning),
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
    lines
}
