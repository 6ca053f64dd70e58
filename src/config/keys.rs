//! `[keys.MODE]` tables: `"ctrl-n" = "next"` binds a key, `"q" = "none"` unbinds one, each replacing
//! what the key did in that mode by default.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::{names, table};
use crate::app::keymap::Key;
use crate::app::{Action, KeyMap, KeyMode};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::located::did_you_mean;
use crate::located::report_unknown_keys;

/// The action name that unbinds a key.
const NONE: &str = "none";
/// The modifiers a key spelling can start with.
const MODIFIERS: [&str; 3] = ["ctrl", "alt", "shift"];

/// Merges `[keys]` over `keymap`, reporting every unknown mode, key name and action, and every key
/// bound twice in one mode.
pub fn merge(value: &Spanned<DeValue<'_>>, keymap: &mut KeyMap, src: &SourceText<'_>, diags: &mut Vec<Diagnostic>) {
    let Some(modes) = table(value, "`keys`", diags) else {
        return;
    };
    report_unknown_keys(modes, "[keys] table", names::all::<KeyMode>(), diags);
    for (name, bindings) in modes {
        let name = name.get_ref().as_ref();
        let Some(mode) = names::parse::<KeyMode>(name) else {
            continue;
        };
        let Some(bindings) = table(bindings, &format!("[keys.{name}]"), diags) else {
            continue;
        };
        let mut seen: HashMap<Key, (Range<usize>, &str)> = HashMap::new();
        for (spelling, value) in bindings {
            let span = spelling.span();
            let spelling = spelling.get_ref().as_ref();
            let key = key(spelling, span.clone(), diags);
            let action = action(value, diags);
            let Some(key) = key else { continue };
            if let Some((first, written)) = seen.get(&key) {
                let (line, _) = src.line_col(first.start);
                diags.push(
                    Diagnostic::error(
                        "duplicate-key",
                        span,
                        format!(
                            "`{spelling}` is bound twice in [keys.{name}]: `{written}` on line {line} is the same key"
                        ),
                    )
                    .with_hint("keep one of the two bindings"),
                );
                continue;
            }
            seen.insert(key, (span, spelling));
            if let Some(action) = action {
                keymap.rebind(mode, key, spelling, action);
            }
        }
    }
}

/// A key spelling, or an error saying how keys are written.
fn key(spelling: &str, span: Range<usize>, diags: &mut Vec<Diagnostic>) -> Option<Key> {
    let key = Key::parse(spelling);
    if key.is_none() {
        let hint = match suggestion(spelling) {
            Some(fixed) => format!("did you mean `{fixed}`?"),
            None => format!(
                "write a character (\"j\", \"G\", \"?\") or a key name ({}, F1 to F12), after any of ctrl-, \
                 alt- and shift-; for a shifted character, write the character (\"G\", \"!\")",
                Key::names().collect::<Vec<_>>().join(", ")
            ),
        };
        diags.push(Diagnostic::error("bad-key", span, format!("unknown key name `{spelling}`")).with_hint(hint));
    }
    key
}

/// The spelling with each part replaced by the closest modifier or key name, if that makes a key.
fn suggestion(spelling: &str) -> Option<String> {
    let mut parts: Vec<&str> = spelling.split('-').collect();
    let name = parts.pop()?;
    let mut fixed: Vec<&str> = parts
        .into_iter()
        .map(|m| did_you_mean(m, MODIFIERS).unwrap_or(m))
        .collect();
    // A single character is a key as it stands.
    let close = (name.chars().count() > 1)
        .then(|| did_you_mean(name, Key::names()))
        .flatten();
    fixed.push(close.unwrap_or(name));
    let fixed = fixed.join("-");
    (fixed != spelling && Key::parse(&fixed).is_some()).then_some(fixed)
}

/// What a binding's value asks for: `Some(None)` unbinds; `None` after an error.
fn action(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<Option<Action>> {
    let DeValue::String(name) = value.get_ref() else {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                value.span(),
                format!("a key's action must be a string, not {}", value.get_ref().type_str()),
            )
            .with_hint("write the action's name in quotes, as in \"ctrl-n\" = \"next\""),
        );
        return None;
    };
    if name == NONE {
        return Some(None);
    }
    if let Some(action) = names::parse::<Action>(name) {
        return Some(Some(action));
    }
    let actions = names::all::<Action>();
    let hint = match did_you_mean(name, actions.iter().copied().chain([NONE])) {
        Some(a) => format!("did you mean `{a}`?"),
        None => format!("the actions are: {}; \"{NONE}\" unbinds the key", actions.join(", ")),
    };
    diags.push(
        Diagnostic::error("unknown-action", value.span(), format!("there is no action `{name}`")).with_hint(hint),
    );
    None
}
