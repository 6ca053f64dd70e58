//! The legend line over the footer: what the marks on the axis and in the list mean, in as many
//! words as the width allows. The help lists the same marks with their whole meaning.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::View;
use crate::model::Status;
use crate::theme::Theme;

/// The legend line.
pub struct Legend<'a>(pub &'a View<'a>);

/// A mark drawn on the axis besides the status marks.
pub(super) struct AxisMark {
    /// What is drawn.
    pub glyph: &'static str,
    /// How it is drawn.
    pub style: Style,
    /// Its name in the legend on a wide screen, and on a narrow one.
    pub words: [&'static str; 2],
    /// What it means, for the help.
    pub meaning: &'static str,
}

/// The axis's own marks, in the order the legend and the help give them; styled as the axis draws them.
pub(super) fn axis_marks(theme: &Theme) -> [AxisMark; 5] {
    [
        AxisMark {
            glyph: "━",
            style: theme.span,
            words: ["interval", "span"],
            meaning: "under an interval, from its start to its end",
        },
        AxisMark {
            glyph: "░",
            style: theme.fuzzy,
            words: ["uncertain", "uncertain"],
            meaning: "under an approximate or uncertain date (c. 2015, 2015?)",
        },
        AxisMark {
            glyph: "┄",
            style: theme.dim,
            words: ["coarse", "coarse"],
            meaning: "under an exact date coarser than a cell (2015 at month zoom)",
        },
        AxisMark {
            glyph: "2-9",
            style: theme.key,
            words: ["events", "events"],
            meaning: "that many events in one cell; ▁ to █ when a cell holds ten or more",
        },
        AxisMark {
            glyph: "▲",
            style: theme.selected,
            words: ["selected", "selected"],
            meaning: "the selected event",
        },
    ]
}

/// A status's name in the legend on a narrow screen, where "· none ○ 1 ● 2+ origins" reads as one phrase.
fn narrow(status: Status) -> &'static str {
    match status {
        Status::Unsourced => "none",
        Status::SingleSource => "1",
        Status::Corroborated => "2+ origins",
        Status::Denied => "denied",
        Status::Contested => "both",
    }
}

impl Widget for Legend<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.0.theme;
        // Each entry: the mark, its style, and its name wide and narrow.
        let mut entries: Vec<(String, Style, [&str; 2])> = Status::ALL
            .iter()
            .map(|&s| (s.mark().to_string(), theme.status(s), [s.as_str(), narrow(s)]))
            .collect();
        entries.extend(
            axis_marks(theme)
                .into_iter()
                .map(|m| (m.glyph.to_string(), m.style, m.words)),
        );
        let width = usize::from(area.width);
        let length = |words: usize, gap: &str, n: usize| -> usize {
            entries[..n]
                .iter()
                .map(|(glyph, _, names)| glyph.width() + 1 + names[words].width() + gap.width())
                .sum::<usize>()
                .saturating_sub(gap.width())
        };
        // The widest form that fits whole; else the narrow words, cut at an entry with an ellipsis.
        let all = entries.len();
        let (words, gap, shown) = [(0, "  "), (0, " "), (1, " ")]
            .into_iter()
            .find(|&(words, gap)| length(words, gap, all) <= width)
            .map(|(words, gap)| (words, gap, all))
            .unwrap_or_else(|| {
                let fits = (0..all).rev().find(|&n| length(1, " ", n) + 2 <= width).unwrap_or(0);
                (1, " ", fits)
            });
        let mut spans = Vec::new();
        for (n, (glyph, style, names)) in entries.iter().take(shown).enumerate() {
            if n > 0 {
                spans.push(Span::raw(gap));
            }
            spans.push(Span::styled(glyph.clone(), *style));
            spans.push(Span::styled(format!(" {}", names[words]), theme.dim));
        }
        if shown < all {
            spans.push(Span::styled(" …", theme.dim));
        }
        Line::from(spans).render(area, buf);
    }
}
