//! Drawing the explorer: one view per file, each reading `App` and never changing it.

mod axis_view;
mod banner;
mod claim;
mod detail;
mod footer;
mod form_view;
mod header;
mod help;
mod item;
mod legend;
mod list;
mod matrix_view;
mod related;
mod wrap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::layout::{self, Areas, centered};
use crate::app::{App, KeyMap, Mode, Screen};
use crate::search::Needle;
/// What a frame is drawn with, named where `View` is.
pub use crate::{model::DateStyle, theme::Theme};
pub use help::length as help_length;

/// Everything a frame is drawn from.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The state.
    pub app: &'a App,
    /// Keys, for the footer and help.
    pub keymap: &'a KeyMap,
    /// Styles.
    pub theme: &'a Theme,
    /// How dates are written.
    pub dates: DateStyle,
}

/// Where the detail pane's text stands at the terminal's size, for the mouse wheel to scroll
/// from (the default when the detail is not on screen).
pub fn detail_rows(view: &View<'_>) -> crate::app::layout::DetailRows {
    let detail = view.app.areas().map(|a| a.detail);
    detail.map_or_else(Default::default, |area| detail::Detail(view).rows(area))
}

/// Draws one frame.
pub fn render(view: &View<'_>, frame: &mut Frame) {
    let area = frame.area();
    view.render(area, frame.buffer_mut());
    empty_cells_behind_clusters(frame.buffer_mut());
}

/// Empties the cells hidden behind a grapheme of several visible characters (a flag, an emoji
/// sequence), so that the next frame rewrites them whatever it puts there. ratatui counts such a
/// grapheme as one wide cell and never sends the cell behind it; terminals that draw it one
/// character at a time put its second half there, which would stay on screen after scrolling.
fn empty_cells_behind_clusters(buf: &mut Buffer) {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let symbol = buf[(x, y)].symbol();
            let visible = symbol.chars().filter(|c| c.width().unwrap_or(0) > 0).count();
            if visible > 1 {
                let width = symbol.width() as u16;
                for behind in (x + 1)..(x + width).min(area.right()) {
                    buf[(behind, y)].set_symbol("");
                }
            }
        }
    }
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(areas) = Areas::new(area, self.app.guides().legend) else {
            let text = format!(
                "Terminal too small ({}x{}); tlx needs {}x{}.",
                area.width,
                area.height,
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT
            );
            Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
            return;
        };
        header::Header(self).render(areas.header, buf);
        match self.app.screen() {
            Screen::Timeline(_) => {
                if let Some(axis) = areas.axis {
                    axis_view::AxisView(self).render(axis, buf);
                }
                list::EventList(self).render(areas.list, buf);
                detail::Detail(self).render(areas.detail, buf);
                if let Some(legend) = areas.legend {
                    legend::Legend(self).render(legend, buf);
                }
            }
            Screen::Matrix(_) => {
                let panes = areas.matrix.fitting(self.app.matrix_panel_lines());
                matrix_view::MatrixView(self).render(panes, buf)
            }
        }
        footer::Footer(self).render(areas.footer, buf);
        // Overlays last, in one visible order.
        let banner = banner::Banner(self);
        if let Some(at) = banner.area(area, areas.footer) {
            banner.render(at, buf);
        }
        if self.app.panes().is_some_and(|p| p.related.is_some()) {
            let picker = related::RelatedPicker(self);
            let at = picker.area(areas.detail);
            picker.render(at, buf);
        }
        if self.app.item_open() {
            if self.app.selected_claim().is_some() {
                // A claim's quotes need every row the terminal has.
                claim::ClaimView(self).render(centered(area, 90, 100), buf);
            } else {
                item::ItemView(self).render(centered(area, 90, 90), buf);
            }
        }
        match self.app.mode() {
            Mode::Help { scroll } => {
                let popup = layout::help(area);
                Clear.render(popup, buf);
                help::Help {
                    view: self,
                    scroll: *scroll,
                }
                .render(popup, buf);
            }
            Mode::Form(form) => {
                let popup = centered(area, 90, 90);
                Clear.render(popup, buf);
                form_view::FormView { view: self, form }.render(popup, buf);
            }
            Mode::Browse | Mode::Prompt { .. } => {}
        }
    }
}

/// A bordered pane with a title; the focused pane's border stands out.
fn pane_block<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(Span::styled(title, if focused { theme.heading } else { theme.dim }))
}

/// `text` split into spans, with the matches of any of the queries in `hit` style. Matches are
/// widened to whole graphemes, so a span never starts with an accent cut from its letter.
fn highlight<'t>(text: &'t str, queries: &[&Needle], base: Style, hit: Style) -> Vec<Span<'t>> {
    let mut ranges: Vec<std::ops::Range<usize>> = queries.iter().flat_map(|q| q.find_all(text)).collect();
    ranges.sort_by_key(|r| r.start);
    let bounds: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        let start = bounds[bounds.partition_point(|&b| b <= r.start) - 1];
        let end = bounds[bounds.partition_point(|&b| b < r.end).min(bounds.len() - 1)];
        // Overlapping matches of two terms: paint from where the last one ended.
        if end <= at {
            continue;
        }
        let start = start.max(at);
        spans.push(Span::styled(&text[at..start], base));
        spans.push(Span::styled(&text[start..end], hit));
        at = end;
    }
    spans.push(Span::styled(&text[at..], base));
    spans
}

/// `text` cut to at most `width` columns, with an ellipsis when cut; never splits a grapheme.
fn fit(text: &str, width: usize) -> String {
    crate::text::fit(text, width).into_owned()
}

/// A line of spans cut to at most `width` columns, ending in an ellipsis when cut.
fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut room = width;
    let mut spans = Vec::new();
    for span in line.spans {
        if span.width() < room {
            room -= span.width();
            spans.push(span);
            continue;
        }
        // The span reaching the edge is cut, and ends in the ellipsis even when it would fit
        // whole, since what follows it does not.
        let cut = crate::text::fit(&format!("{}…", span.content), room).into_owned();
        spans.push(Span::styled(cut, span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

/// Wraps plain text to `width` columns (at least 1), never splitting a grapheme.
fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap::wrap(text, width, "")
}

#[cfg(test)]
mod rebound_tests;
#[cfg(test)]
mod tests;
