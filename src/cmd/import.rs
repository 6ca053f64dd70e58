//! `tlx import FILE`: another tool's timeline as a tlx TOML file, with a summary of what mapped.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{FINDINGS, UNREADABLE, document, output_file, same_file};
use crate::export;
use crate::import;
use crate::load::{Options, SetAside};
use crate::model::Timeline;
use crate::text;

/// Converts `file` to TOML on `out` or, atomically, to `output`; the summary goes to stderr.
/// Events with errors stop the import unless `keep_going`, when they are named and left out.
/// `config` is `--config`, read for a preset kept there.
pub fn run(
    file: &Path,
    output: Option<&Path>,
    keep_going: bool,
    args: &crate::cli::ImportArgs,
    config: Option<&Path>,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    // The config is read only for a preset of its own, so a mistake elsewhere in it (a key
    // binding) does not stop an import that does not use it.
    let named = match args.preset.as_deref() {
        Some(name) if !import::is_builtin(name) => match super::config::load(config, max_size) {
            Ok(config) => config.mappings,
            Err(code) => return Ok(code),
        },
        _ => Vec::new(),
    };
    let reading = match args.options(&named) {
        Ok(options) => options,
        Err(e) => {
            note!("tlx: {}", text::line(&e));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let output = output_file(output);
    if let Some(output) = output
        && same_file(file, output)
    {
        note!(
            "tlx: {} is the file being imported; give -o another path so the original is kept",
            text::line(&output.display().to_string())
        );
        return Ok(ExitCode::from(UNREADABLE));
    }
    let doc = match document(Some(file), max_size) {
        Ok(doc) => doc,
        Err(code) => return Ok(code),
    };
    let format = import::detect(doc.path.as_deref(), &doc.text).map_or("tlx TOML", import::Format::name);
    if args.suggest_columns {
        out.write_all(import::suggest_columns(&doc.text, &reading).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = doc.load(Options {
        import: reading,
        ..Options::default()
    });
    if !loaded.diagnostics.is_empty() {
        note!("{}", doc.source().render_all(&loaded.diagnostics).trim_end());
    }
    if loaded.blocked() {
        note!("tlx: nothing written; fix the errors above in the original file, then import it again");
        return Ok(ExitCode::from(FINDINGS));
    }
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    let set_aside = SetAside::new(&doc.source(), &errors).summary();
    if let Some(summary) = &set_aside
        && !keep_going
    {
        note!("tlx: nothing written: {summary}");
        note!("tlx: fix them in the original file, or run again with --keep-going to import the others");
        return Ok(ExitCode::from(FINDINGS));
    }
    // Written as it is made: a million events' TOML, made whole first, took a gigabyte.
    let toml = &mut |w: &mut dyn Write| export::Format::Toml.write_to(&loaded.timeline, w);
    match output {
        None => toml(out)?,
        Some(path) => super::write_output(path, toml)?,
    }
    note!(
        "tlx: read {} as {format}: {}",
        text::line(&doc.name),
        summary(&loaded.timeline)
    );
    match loaded.diagnostics.iter().filter(|d| !d.is_error()).count() {
        0 => note!("tlx: everything was mapped; what has no field of its own is in each event's notes"),
        1 => note!("tlx: the warning above says what was not mapped, and where; the rest is in each event's notes"),
        n => note!("tlx: the {n} warnings above say what was not mapped, and where; the rest is in each event's notes"),
    }
    if let Some(summary) = set_aside {
        note!("tlx: {summary}");
    }
    if let Some(path) = output {
        note!(
            "tlx: wrote {}; check it with `tlx check`",
            text::line(&path.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// "23 events (3 tagged era), 31 sources, 1 denial".
fn summary(t: &Timeline) -> String {
    let sources: usize = t.events.iter().map(|e| e.sources.len()).sum();
    let denials: usize = t.events.iter().map(|e| e.denials.len()).sum();
    let eras = t.events.iter().filter(|e| e.tags.iter().any(|t| t == "era")).count();
    let eras = if eras > 0 {
        format!(" ({eras} tagged era)")
    } else {
        String::new()
    };
    format!("{} events{eras}, {sources} sources, {denials} denials", t.events.len())
}
