//! `[theme]`: per named style, colours (`fg`, `bg`) and attributes (`bold = true`), changing only
//! what is given; `[theme.status]` does the same for each status mark.

use std::str::FromStr;

use ratatui::style::{Color, Modifier};
use toml::Spanned;
use toml::de::DeValue;

use super::table;
use crate::diagnostic::Diagnostic;
use crate::located::did_you_mean;
use crate::located::{Fields, report_unknown_keys};
use crate::model::Status;
use crate::theme::{StylePatch, Theme};

/// The attributes a style can turn on or off.
const ATTRIBUTES: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];
/// The keys of one style.
const STYLE_KEYS: [&str; 7] = ["fg", "bg", "bold", "dim", "italic", "underlined", "reversed"];
/// Colour names, for hints; ratatui also reads spellings such as "light red" and "grey".
const COLOURS: [&str; 17] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
    "reset",
];

/// Applies `[theme]` to each theme; the flag says whether it is drawn in colour.
pub fn apply<const N: usize>(
    value: &Spanned<DeValue<'_>>,
    mut themes: [(&mut Theme, bool); N],
    diags: &mut Vec<Diagnostic>,
) {
    let Some(styles) = table(value, "`theme`", diags) else {
        return;
    };
    let mut names: Vec<&str> = Theme::colour().named_mut().map(|(n, _)| n).to_vec();
    names.push("status");
    report_unknown_keys(styles, "[theme] table", &names, diags);
    for (name, value) in styles {
        let name = name.get_ref().as_ref();
        if name == "status" {
            apply_status(value, &mut themes, diags);
        } else if names.contains(&name)
            && let Some(patch) = patch(value, diags)
        {
            for (theme, colour) in &mut themes {
                if let Some((_, style)) = theme.named_mut().into_iter().find(|(n, _)| *n == name) {
                    *style = patch.apply(*style, *colour);
                }
            }
        }
    }
}

/// `[theme.status]`: one style per status, by the status's name.
fn apply_status(value: &Spanned<DeValue<'_>>, themes: &mut [(&mut Theme, bool)], diags: &mut Vec<Diagnostic>) {
    let Some(statuses) = table(value, "`status`", diags) else {
        return;
    };
    let names = Status::ALL.map(Status::as_str);
    report_unknown_keys(statuses, "[theme.status] table", &names, diags);
    for (name, value) in statuses {
        let Some(status) = Status::ALL.into_iter().find(|s| s.as_str() == name.get_ref().as_ref()) else {
            continue;
        };
        if let Some(patch) = patch(value, diags) {
            for (theme, colour) in themes.iter_mut() {
                let style = theme.status_mut(status);
                *style = patch.apply(*style, *colour);
            }
        }
    }
}

/// One style's changes.
fn patch(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<StylePatch> {
    let f = Fields::open(value, "style", &STYLE_KEYS, diags)?;
    let mut patch = StylePatch {
        fg: colour(&f, "fg", diags),
        bg: colour(&f, "bg", diags),
        ..StylePatch::default()
    };
    for (key, modifier) in ATTRIBUTES {
        match f.boolean(key, diags) {
            Some(true) => patch.add |= modifier,
            Some(false) => patch.remove |= modifier,
            None => {}
        }
    }
    Some(patch)
}

/// A colour by name, by number (0-255) or as `#rrggbb`.
fn colour(f: &Fields<'_, '_>, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Color> {
    let text = f.string(key, diags)?;
    let colour = Color::from_str(&text).ok();
    if colour.is_none() {
        let hint = match did_you_mean(&text, COLOURS) {
            Some(name) => format!("did you mean `{name}`?"),
            None => format!(
                "write a colour name ({}), a terminal colour number from 0 to 255, or #rrggbb",
                COLOURS.join(", ")
            ),
        };
        diags.push(
            Diagnostic::error("bad-colour", f.span_of(key), format!("unknown colour \"{text}\"")).with_hint(hint),
        );
    }
    colour
}
