//! The selected source or denial, opened in full: every field, the quote wrapped whole, the link and its host.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{View, pane_block};
use crate::app::Item;
use crate::app::update::host;
use crate::model::Date;

/// The opened item.
pub struct ItemView<'a>(pub &'a View<'a>);

impl Widget for ItemView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let (Some(event), Some(item)) = (app.selected_event(), app.selected_item()) else {
            return;
        };
        let t = &app.timeline;
        let mut lines = Vec::new();
        let field = |label: &str, value: String| {
            Line::from(vec![Span::styled(format!("{label:<9}"), theme.dim), Span::raw(value)])
        };
        let date = |d: &Option<Date>| d.as_ref().map(|d| format!("{} ({})", d.human(), d.as_str()));
        let (title, via, url, quote) = match item {
            Item::Source(i) => {
                let s = &event.sources[i];
                lines.push(field("Outlet", s.outlet.clone()));
                lines.extend(s.citing.clone().map(|c| field("Citing", c)));
                lines.push(field("Stance", s.stance.as_str().to_string()));
                lines.extend(date(&s.date).map(|d| field("Said on", d)));
                (" Source ", &s.via, &s.url, &s.quote)
            }
            Item::Denial(i) => {
                let d = &event.denials[i];
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<9}", "Denied by"), theme.dim),
                    Span::styled(d.by.clone(), theme.denial),
                ]));
                lines.extend(date(&d.date).map(|d| field("On", d)));
                (" Denial ", &d.via, &d.url, &d.quote)
            }
        };
        lines.push(field("Event", format!("{} ({})", event.title, event.date.human())));
        if let Some(id) = via {
            lines.push(field("Via", t.reference_label(id)));
            if let Some(r) = t.references.get(id) {
                lines.extend(r.url.clone().map(|u| field("", format!("{u}  [{}]", host(&u)))));
            }
        }
        if let Some(u) = url {
            lines.push(field("Link", format!("{u}  [host: {}]", host(u))));
        }
        if let Some(q) = quote {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("“{q}”"), theme.quote));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Esc close · o open link · y copy citation", theme.dim));
        let block = pane_block(theme, title, true);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }
}
