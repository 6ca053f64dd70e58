//! The header: the timeline's title, the filters in force as chips, how many events are shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::{DateStyle, View, fit};
use crate::app::App;
use crate::filter::Sort;

/// The title keeps at least this many columns before chips are dropped.
const TITLE_MIN: usize = 12;

/// The header line.
pub struct Header<'a>(pub &'a View<'a>);

/// The filters in force, each as a short label.
fn chips(app: &App, dates: DateStyle) -> Vec<String> {
    let f = app.filter();
    let mut chips = Vec::new();
    if let Some(percent) = app.loading() {
        chips.push(format!("loading {percent}%"));
    }
    chips.extend(app.working().map(|w| w.chip().to_string()));
    chips.extend(app.screen().chip().map(str::to_string));
    if let Some(a) = &f.as_of {
        let strict = if a.is_strict() { " strict" } else { "" };
        chips.push(format!("as of {}{strict}", dates.show(a.date())));
    }
    if let Some(q) = &f.query {
        chips.extend(q.chips().into_iter().map(str::to_string));
    }
    if let Some(a) = f.around {
        chips.push(format!("within {}", a.reach.label()));
    }
    if let Some(file) = f.file.and_then(|n| app.files().get(n)) {
        chips.push(format!("only {}", file.label));
    }
    if f.starred {
        chips.push("★ starred".to_string());
    }
    if f.sort == Sort::Disputes {
        chips.push("disputes first".to_string());
    }
    chips
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, dates, .. } = *self.0;
        let width = usize::from(area.width);
        let total = app.timeline().events.len();
        let mut counts = format!("{} of {total} events", app.order().len());
        if let (Some(text), Some(search)) = (app.search_text(), app.search()) {
            let n = search.matches.len();
            counts += &if app.searching() {
                format!(" · /{text}: searching… {n} found")
            } else {
                format!(" · /{text}: {n} match{}", if n == 1 { "" } else { "es" })
            };
        }
        let counts = format!(" {counts} ");
        let title = &app.timeline().timeline.title;
        let mut room = width.saturating_sub(1 + counts.width() + title.width().min(TITLE_MIN));
        let mut chip_spans = Vec::new();
        for chip in chips(app, dates) {
            let label = format!(" {chip} ");
            if label.width() + 1 > room {
                if room >= 2 {
                    chip_spans.push(Span::styled("… ", theme.dim));
                }
                break;
            }
            room -= label.width() + 1;
            chip_spans.push(Span::styled(label, theme.chip));
            chip_spans.push(Span::raw(" "));
        }
        let chips_width: usize = chip_spans.iter().map(Span::width).sum();
        let title = fit(title, width.saturating_sub(1 + chips_width + counts.width() + 1));
        let pad = width.saturating_sub(1 + title.width() + chips_width + counts.width());
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(title, theme.title),
            Span::raw(" ".repeat(pad)),
        ];
        spans.extend(chip_spans);
        spans.push(Span::styled(counts, theme.dim));
        Line::from(spans).render(area, buf);
    }
}
