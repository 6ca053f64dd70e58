//! `[mappings.NAME]` tables: the column mapping of a recurring export, kept once for all its
//! files and chosen with `tlx import --preset NAME`. Each holds what a mapping file holds, read by
//! the same reader ([`Mapping::from_table`]).

use toml::Spanned;
use toml::de::DeValue;

use super::table;
use crate::diagnostic::Diagnostic;
use crate::import::{Mapping, is_builtin};

/// The named mappings of `[mappings]`, in the config's order; every mistake goes into `diags`.
pub fn read(value: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Vec<(String, Mapping)> {
    let Some(mappings) = table(value, "`mappings`", diags) else {
        return Vec::new();
    };
    let mut read = Vec::new();
    for (name, mapping) in mappings {
        let (span, name) = (name.span(), name.get_ref().as_ref());
        if is_builtin(name) {
            diags.push(
                Diagnostic::error(
                    "duplicate-key",
                    span,
                    format!("`{name}` is the name of one of tlx's presets, which the config cannot redefine"),
                )
                .with_hint(format!("give yours another name, such as `{name}-mine`")),
            );
            continue;
        }
        let Some(mapping) = table(mapping, &format!("[mappings.{name}]"), diags) else {
            continue;
        };
        read.push((name.to_string(), Mapping::from_table(mapping, Some(name), diags)));
    }
    read
}
