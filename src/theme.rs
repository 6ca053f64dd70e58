//! Named styles. Widgets use these names, never colour literals, so NO_COLOR is one switch here.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// Every style the explorer draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The timeline's title in the header.
    pub title: Style,
    /// Secondary text: counts, dates, hints.
    pub dim: Style,
    /// The selected row or item.
    pub selected: Style,
    /// Search matches within text.
    pub matched: Style,
    /// Pane borders.
    pub border: Style,
    /// The border of the pane with focus.
    pub border_focused: Style,
    /// Section headings in the detail ("Sources").
    pub heading: Style,
    /// The "Denials" heading and deniers, set apart from support.
    pub denial: Style,
    /// Quotations.
    pub quote: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// Footer messages.
    pub message: Style,
    /// The bad part of a prompt's text.
    pub error: Style,
    /// Header chips: the filters in force.
    pub chip: Style,
    /// Interval extents on the axis.
    pub span: Style,
    /// Approximate or uncertain extents on the axis.
    pub fuzzy: Style,
    /// Status marks, indexed like `Status::ALL`.
    pub status: [Style; 5],
    /// File labels, with several files open; the palette repeats after the last.
    pub files: [Style; 4],
}

impl Theme {
    /// The colour theme.
    pub fn colour() -> Theme {
        let fg = |c| Style::new().fg(c);
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: fg(Color::DarkGray),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            matched: Style::new().bg(Color::Yellow).fg(Color::Black),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan),
            heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            denial: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            message: fg(Color::Yellow),
            error: fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
            chip: Style::new().bg(Color::DarkGray).fg(Color::White),
            span: fg(Color::Gray),
            fuzzy: fg(Color::DarkGray),
            status: [
                fg(Color::Gray),
                fg(Color::LightBlue),
                fg(Color::LightGreen),
                fg(Color::LightRed),
                fg(Color::Yellow),
            ],
            files: [
                fg(Color::Magenta),
                fg(Color::Green),
                fg(Color::Cyan),
                fg(Color::LightYellow),
            ],
        }
    }

    /// Monochrome: attributes only, for NO_COLOR. Status marks differ by shape, so nothing is lost.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let plain = Style::new();
        Theme {
            title: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            border: plain,
            border_focused: bold,
            heading: bold,
            denial: bold.add_modifier(Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            key: bold,
            message: bold,
            error: Style::new().add_modifier(Modifier::UNDERLINED),
            chip: Style::new().add_modifier(Modifier::REVERSED),
            span: plain,
            fuzzy: Style::new().add_modifier(Modifier::DIM),
            status: [plain; 5],
            // Labels tell files apart without colour; alternate so neighbours still differ.
            files: [bold, plain, bold, plain],
        }
    }

    /// Each style but the status marks, by its name in the config's `[theme]`.
    pub fn named_mut(&mut self) -> [(&'static str, &mut Style); 15] {
        [
            ("title", &mut self.title),
            ("dim", &mut self.dim),
            ("selected", &mut self.selected),
            ("matched", &mut self.matched),
            ("border", &mut self.border),
            ("border-focused", &mut self.border_focused),
            ("heading", &mut self.heading),
            ("denial", &mut self.denial),
            ("quote", &mut self.quote),
            ("key", &mut self.key),
            ("message", &mut self.message),
            ("error", &mut self.error),
            ("chip", &mut self.chip),
            ("span", &mut self.span),
            ("fuzzy", &mut self.fuzzy),
        ]
    }

    /// The style of a status mark, to change.
    pub fn status_mut(&mut self, s: Status) -> &mut Style {
        &mut self.status[s as usize]
    }

    /// The style of a status mark.
    pub fn status(&self, s: Status) -> Style {
        self.status[s as usize]
    }

    /// The style of the label of the `n`th opened file.
    pub fn file(&self, n: usize) -> Style {
        self.files[n % self.files.len()]
    }
}

/// True when NO_COLOR is set to anything non-empty (no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A change to one style, from the config: colours to set and attributes to turn on or off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StylePatch {
    /// Text colour.
    pub fg: Option<Color>,
    /// Background colour.
    pub bg: Option<Color>,
    /// Attributes turned on.
    pub add: Modifier,
    /// Attributes turned off.
    pub remove: Modifier,
}

impl StylePatch {
    /// `style` with the patch applied; without `colour` (NO_COLOR), only the attributes change.
    pub fn apply(&self, style: Style, colour: bool) -> Style {
        let mut style = style.add_modifier(self.add).remove_modifier(self.remove);
        if colour {
            if let Some(fg) = self.fg {
                style = style.fg(fg);
            }
            if let Some(bg) = self.bg {
                style = style.bg(bg);
            }
        }
        style
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_sets_colours_and_attributes_but_no_colour_under_no_color() {
        let patch = StylePatch {
            fg: Some(Color::Rgb(255, 215, 0)),
            bg: None,
            add: Modifier::ITALIC,
            remove: Modifier::BOLD,
        };
        let base = Style::new()
            .fg(Color::Blue)
            .bg(Color::Black)
            .add_modifier(Modifier::BOLD);
        assert_eq!(
            patch.apply(base, true),
            Style::new()
                .fg(Color::Rgb(255, 215, 0))
                .bg(Color::Black)
                .add_modifier(Modifier::ITALIC)
                .remove_modifier(Modifier::BOLD)
        );
        assert_eq!(
            patch.apply(base, false),
            base.add_modifier(Modifier::ITALIC).remove_modifier(Modifier::BOLD)
        );
    }
}
