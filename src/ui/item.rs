//! The selected source or denial, opened in full: every field, the quote wrapped whole, the link and its host.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{View, pane_block, wrap};
use crate::app::Action;
use crate::app::hint::hint;
use crate::model::evidence::Item;
use crate::model::origins::repeats;
use crate::model::{Date, credibility_meaning};

/// The opened item, drawn as a box as tall as its text, centred in the area it is given.
pub struct ItemView<'a>(pub &'a View<'a>);

/// Width of the field labels.
const LABEL: usize = 13;

impl Widget for ItemView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View {
            app,
            keymap,
            theme,
            dates,
        } = *self.0;
        let (Some(event), Some(item)) = (app.selected_event(), app.selected_item()) else {
            return;
        };
        let t = &app.timeline();
        let width = usize::from(area.width.saturating_sub(2)).max(LABEL + 1);
        let mut lines = Vec::new();
        let mut field = |label: &str, value: &str, style: Style| {
            labelled(&mut lines, (label, LABEL, theme.dim), value, width, style);
        };
        let date = |d: Option<&Date>| d.map(|d| format!("{} ({})", d.human(), d.text()));
        let plain = Style::new();
        // The link is judged as read (`url::note`); the displayed copy has markers instead
        // of what makes a URL not a web link.
        let raw = app.order().get(app.selected()).map(|&i| app.raw_event(i));
        let read_url = match item {
            Item::Source(i) => raw.and_then(|e| e.sources[i].url.as_deref()),
            Item::Denial(i) => raw.and_then(|e| e.denials[i].url.as_deref()),
        };
        let (title, via, url, quote) = match item {
            Item::Source(i) => {
                let s = &event.sources[i];
                field("Outlet", s.outlet(), theme.title);
                if let Some(c) = s.citing() {
                    field("Citing", c, plain);
                }
                field("Stance", s.more().stance.as_str(), plain);
                if let Some(d) = date(s.date.as_ref()) {
                    field("Said on", &d, plain);
                }
                // The date the source gives for the event, which may not be the event's own.
                if let Some(d) = date(s.more().dated.as_ref()) {
                    field("Dates it", &d, plain);
                }
                if let Some(r) = repeats(t, &event.sources)[i] {
                    field("Origin", &r.to_string(), plain);
                }
                if let Some(r) = s.more().reliability {
                    field("Reliability", &format!("{} ({})", r.letter(), r.meaning()), plain);
                }
                if let Some(c) = s.more().credibility {
                    field("Credibility", &format!("{c} ({})", credibility_meaning(c)), plain);
                }
                (" Source ", &s.more().via, &s.url, &s.quote)
            }
            Item::Denial(i) => {
                let d = &event.denials[i];
                field("Denied by", &d.by, theme.denial);
                if let Some(on) = date(d.date.as_ref()) {
                    field("On", &on, plain);
                }
                (" Denial ", &d.via, &d.url, &d.quote)
            }
        };
        field(
            "Event",
            &format!("{} ({})", event.title, dates.show(&event.date)),
            plain,
        );
        if let Some(id) = via.as_deref() {
            field("Via", &t.reference_label(id), plain);
            if let Some(u) = t.references.get(id).and_then(|r| r.url.as_ref()) {
                let read = app.raw_records().references.get(id).and_then(|r| r.url.as_deref());
                field(
                    "",
                    &format!("{u}  [{}]", crate::url::note(read.unwrap_or(u))),
                    theme.dim,
                );
            }
        }
        if let Some(u) = url {
            field(
                "Link",
                &format!("{u}  [{}]", crate::url::note(read_url.unwrap_or(u))),
                plain,
            );
        }
        if let Some(q) = quote {
            lines.push(Line::raw(""));
            lines.extend(
                wrap(&format!("“{q}”"), width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.quote)),
            );
        }
        lines.push(Line::raw(""));
        let keys: Vec<String> = [
            hint!(Action::Back, " close"),
            hint!(Action::OpenUrl, " open link"),
            hint!(Action::CopyCitation, " copy citation"),
        ]
        .iter()
        .filter_map(|hint| hint.spell(keymap, app.key_mode()))
        .collect();
        lines.push(Line::styled(keys.join(" · "), theme.dim));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
        let popup = Rect::new(area.x, area.y + (area.height - height) / 2, area.width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(pane_block(theme, title, true))
            .render(popup, buf);
    }
}

/// "Label        value", the value wrapped under itself; the label is `label.1` wide, in `label.2`.
pub(super) fn labelled(
    lines: &mut Vec<Line<'static>>,
    (label, label_width, label_style): (&str, usize, Style),
    value: &str,
    width: usize,
    style: Style,
) {
    for (i, l) in wrap(value, width - label_width).into_iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<label_width$}"), label_style),
            Span::styled(l, style),
        ]));
    }
}
