//! The user's settings: `config.toml` in the platform's config directory, or the file `--config`
//! names. It rebinds keys, restyles the theme, sets the explorer's opening zoom and its dates, and
//! keeps the column mappings of recurring exports for `tlx import --preset NAME`.
//!
//! Like timeline files, a config is read in one pass that reports every problem with its line and
//! column, so callers can print them all before the terminal is touched.

mod keys;
mod mappings;
pub mod names;
mod styles;

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::KeyMap;
use crate::axis::Zoom;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::located::did_you_mean;
use crate::located::report_unknown_keys;
use crate::model::DateStyle;
use crate::theme::Theme;
use crate::theme::no_color;

/// A commented config that sets every setting to its default, compiled in for `tlx config default`.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.toml");

/// The keys of the config's top level.
const ROOT_KEYS: &[&str] = &["zoom", "dates", "keys", "theme", "mappings"];

/// Everything the config sets, with tlx's defaults for what it leaves out.
#[derive(Debug, Clone)]
pub struct Config {
    /// The default keymap with the config's `[keys]` merged over it.
    pub keymap: KeyMap,
    /// How much time the axis shows when the explorer opens.
    pub zoom: Zoom,
    /// How the explorer writes dates.
    pub dates: DateStyle,
    /// The colour theme with `[theme]` applied.
    colour: Theme,
    /// The monochrome theme with the attributes of `[theme]` applied.
    mono: Theme,
    /// The column mappings of `[mappings.NAME]`, which `tlx import --preset NAME` chooses.
    pub mappings: Vec<(String, crate::import::Mapping)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: KeyMap::default(),
            zoom: Zoom::default(),
            dates: DateStyle::default(),
            colour: Theme::colour(),
            mono: Theme::mono(),
            mappings: Vec::new(),
        }
    }
}

impl Config {
    /// Reads a config's text; the errors come back in file order.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let (root, errors) = DeTable::parse_recoverable(text);
        // As with timelines, what follows a syntax error cannot be read reliably.
        if !errors.is_empty() {
            return Err(crate::load::syntax::diagnostics(text, &errors));
        }
        let src = SourceText::new("", text);
        let table = root.get_ref();
        let mut diags = Vec::new();
        report_unknown_keys(table, "config", ROOT_KEYS, &mut diags);
        let mut config = Config::default();
        if let Some(zoom) = table.get("zoom").and_then(|v| choice(v, "zoom", &mut diags)) {
            config.zoom = zoom;
        }
        if let Some(dates) = table.get("dates").and_then(|v| choice(v, "dates", &mut diags)) {
            config.dates = dates;
        }
        if let Some(value) = table.get("keys") {
            keys::merge(value, &mut config.keymap, &src, &mut diags);
        }
        if let Some(value) = table.get("theme") {
            styles::apply(
                value,
                [(&mut config.colour, true), (&mut config.mono, false)],
                &mut diags,
            );
        }
        if let Some(value) = table.get("mappings") {
            config.mappings = mappings::read(value, &mut diags);
        }
        if diags.is_empty() {
            return Ok(config);
        }
        diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        Err(diags)
    }

    /// The theme to draw with: monochrome under NO_COLOR, whatever the config's colours.
    pub fn theme(&self) -> Theme {
        if no_color() { self.mono } else { self.colour }
    }
}

/// Where the config is: `explicit` (from `--config`) when given, else `tlx/config.toml` in the
/// platform's config directory (`$XDG_CONFIG_HOME`, or `~/.config`, on Linux); `None` when the
/// system has no such directory (no home directory).
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => dirs::config_dir().map(|d| d.join("tlx").join("config.toml")),
    }
}

/// A table, or a `wrong-type` error naming it.
fn table<'t, 'i>(value: &'t Spanned<DeValue<'i>>, what: &str, diags: &mut Vec<Diagnostic>) -> Option<&'t DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            diags.push(
                Diagnostic::error(
                    "wrong-type",
                    value.span(),
                    format!("{what} must be a table, not {}", other.type_str()),
                )
                .with_hint("write it as a [table] or an inline table { ... }"),
            );
            None
        }
    }
}

/// A string naming one variant of a serde enum (`zoom = "year"`), or an error listing the names.
fn choice<T: for<'de> serde::Deserialize<'de>>(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let options = names::all::<T>();
    let (DeValue::String(text), span) = (value.get_ref(), value.span()) else {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                value.span(),
                format!("`{key}` must be a string, not {}", value.get_ref().type_str()),
            )
            .with_hint(format!(
                "write {key} = \"{}\"",
                options.first().copied().unwrap_or_default()
            )),
        );
        return None;
    };
    let found = names::parse::<T>(text);
    if found.is_none() {
        let hint = match did_you_mean(text, options.iter().copied()) {
            Some(name) => format!("did you mean `{name}`?"),
            None => format!("write one of: {}", options.join(", ")),
        };
        diags.push(Diagnostic::error("bad-value", span, format!("`{key}` cannot be \"{text}\"")).with_hint(hint));
    }
    found
}

#[cfg(test)]
mod tests;
