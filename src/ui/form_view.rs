//! A form over a record: each field of the record with what is typed in it, the one being typed
//! in marked, and under a field what `tlx check` says of it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{View, footer, pane_block};
use crate::app::form::Form;

/// The widest field name, so the values line up.
const NAME_WIDTH: usize = 13;

/// The form up.
pub struct FormView<'a> {
    /// What to draw from.
    pub view: &'a View<'a>,
    /// The form.
    pub form: &'a Form,
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.view.theme;
        let form = self.form;
        let room = usize::from(area.width).saturating_sub(NAME_WIDTH + 6);
        let mut lines = Vec::new();
        for (n, f) in form.fields.iter().enumerate() {
            let here = n == form.at;
            let required = if f.field.required { "*" } else { " " };
            let mut spans = vec![Span::styled(
                format!(
                    "{}{required}{:<NAME_WIDTH$} ",
                    if here { "▶" } else { " " },
                    f.field.name
                ),
                if here { theme.heading } else { theme.key },
            )];
            if here {
                spans.extend(footer::typed(&f.input, |_| Style::new(), room));
                if f.input.cursor() == f.input.text().len() {
                    spans.push(Span::styled("█", theme.dim));
                }
            } else {
                spans.push(Span::raw(crate::text::line(f.input.text())));
            }
            lines.push(Line::from(spans));
            if let Some(problem) = form.problem(f.field.name) {
                lines.push(Line::styled(format!("   {:<NAME_WIDTH$} ✗ {problem}", ""), theme.error));
            }
        }
        for (field, problem) in &form.problems {
            if field.is_none() {
                lines.push(Line::styled(format!("✗ {problem}"), theme.error));
            }
        }
        let title = format!(" {} ", form.title());
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(pane_block(theme, &title, true))
            .render(area, buf);
    }
}
