//! The selected claim, opened in full: its text, status, report lag and verdict, then what each
//! source and denial that addresses it says, so a claim can be read against its evidence.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::detail::{counts, verdict, via_outlet};
use super::item::labelled;
use super::{View, pane_block, wrap};
use crate::app::Action;
use crate::app::hint::hint;
use crate::model::lag::Lags;

/// The opened claim, drawn as a box as tall as its text, centred in the area it is given.
pub struct ClaimView<'a>(pub &'a View<'a>);

/// Width of the field labels.
const LABEL: usize = 10;

impl Widget for ClaimView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, keymap, theme, .. } = *self.0;
        let (Some(e), Some(ev), Some(c)) = (app.selected_event(), app.selected_evidence(), app.selected_claim()) else {
            return;
        };
        let Some(c) = ev.claims().get(c) else {
            return;
        };
        let t = app.timeline();
        let claim = c.of(e);
        let width = usize::from(area.width.saturating_sub(2)).max(LABEL + 1);
        let mut lines = Vec::new();
        let mut field = |label: &str, value: &str, style: Style| {
            labelled(&mut lines, (label, LABEL, theme.dim), value, width, style);
        };
        field("Claim", &claim.id, theme.title);
        field("Says", &claim.text, Style::new());
        let status = format!("{} {} · {}", c.status.mark(), c.status, counts(c));
        field("Status", &status, theme.status(c.status));
        if let Some(lag) = Lags::of_claim(t, e, c).sentence() {
            field("Lag", &lag, Style::new());
        }
        if let Some(v) = verdict(claim) {
            field("Verdict", &v, theme.key);
        }
        // Who said it, then what: one paragraph each, so that quotes, not headings, fill the room.
        let said = |who: String, whole: bool, quote: Option<&str>, style: Style| -> Vec<Line<'static>> {
            let whole = if whole { " (on the whole event)" } else { "" };
            let quote = quote.map(|q| format!(": “{q}”")).unwrap_or_default();
            wrap(&format!("{who}{whole}{quote}"), width)
                .into_iter()
                .map(|l| Line::styled(l, style))
                .collect()
        };
        let mut entries: Vec<Vec<Line<'static>>> = c
            .sources
            .iter()
            .map(|&i| {
                let s = &e.sources[i];
                let via = via_outlet(t, s.more().via.as_deref())
                    .map(|o| format!(" (via {o})"))
                    .unwrap_or_default();
                let who = format!("{}{via}", s.attribution());
                said(who, s.more().claims.is_empty(), s.quote.as_deref(), theme.quote)
            })
            .collect();
        entries.extend(c.denials.iter().map(|&i| {
            let d = &e.denials[i];
            let via = via_outlet(t, d.via.as_deref())
                .map(|o| format!(" (via {o})"))
                .unwrap_or_default();
            let who = format!("✗ {} denies{via}", d.by);
            said(who, d.claims.is_empty(), d.quote.as_deref(), theme.denial)
        }));
        let keys = [hint!(Action::Back, " close")]
            .iter()
            .filter_map(|hint| hint.spell(keymap, app.key_mode()))
            .collect::<Vec<_>>()
            .join(" · ");
        // Borders, the blank line before the entries, the keys.
        let room = usize::from(area.height).saturating_sub(lines.len() + 4);
        lines.push(Line::raw(""));
        lines.extend(fitted(entries, room, theme.dim));
        lines.push(Line::styled(keys, theme.dim));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
        let popup = Rect::new(area.x, area.y + (area.height - height) / 2, area.width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(pane_block(theme, &format!(" Claim · {} ", e.title), true))
            .render(popup, buf);
    }
}

/// The entries in `room` lines: whole when they fit, else each cut to the same number of lines
/// (ending in "…"), else as many entries as fit in a line each, with a line saying how many more
/// there are; each is opened whole from the detail.
fn fitted(entries: Vec<Vec<Line<'static>>>, room: usize, dim: Style) -> Vec<Line<'static>> {
    let total = |cut: usize| -> usize { entries.iter().map(|e| e.len().min(cut)).sum() };
    let longest = entries.iter().map(Vec::len).max().unwrap_or(0);
    let cut = (1..=longest).rev().find(|&cut| total(cut) <= room).unwrap_or(1);
    let fits = if total(cut) <= room {
        entries.len()
    } else {
        room.saturating_sub(1)
    };
    let more = entries.len() - fits.min(entries.len());
    let mut lines = Vec::new();
    for entry in entries.into_iter().take(fits) {
        let shortened = entry.len() > cut;
        for (i, mut l) in entry.into_iter().take(cut).enumerate() {
            if shortened && i + 1 == cut {
                l.spans.push(Span::raw(" …"));
            }
            lines.push(l);
        }
    }
    if more > 0 {
        lines.push(Line::styled(
            format!("… and {more} more; open each from the detail"),
            dim,
        ));
    }
    lines
}
