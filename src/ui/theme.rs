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

    /// Monochrome when NO_COLOR is set to anything non-empty (no-color.org), colour otherwise.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::colour(),
        }
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
