//! `tlx config path|check|default`, and the config as the explorer loads it.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{FINDINGS, UNREADABLE};
use crate::cli::ConfigCommand;
use crate::config::{self, Config, DEFAULT_CONFIG};
use crate::diagnostic::SourceText;
use crate::load::ReadError;
use crate::load::read::{SIDE_FILE_MAX, read_text};
use crate::text::line as printable;

/// Runs a `tlx config` subcommand; `explicit` is `--config`.
pub fn run(
    command: ConfigCommand,
    explicit: Option<&Path>,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    if command == ConfigCommand::Default {
        out.write_all(DEFAULT_CONFIG.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = config::path(explicit) else {
        eprintln!("tlx: this system has no config directory (is HOME set?); name a file with --config FILE");
        return Ok(ExitCode::from(UNREADABLE));
    };
    let name = printable(&path.display().to_string()).into_owned();
    if command == ConfigCommand::Path {
        writeln!(out, "{name}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match read(&path, explicit.is_some(), max_size) {
        Ok(Some(text)) => text,
        Ok(None) => {
            writeln!(
                out,
                "{name}: no such file; tlx uses its defaults (`tlx config default` prints them)"
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(code) => return Ok(code),
    };
    let diags = Config::parse(&text).err().unwrap_or_default();
    write!(out, "{}", SourceText::new(&name, &text).render_all(&diags))?;
    Ok(ExitCode::from(if diags.is_empty() { 0 } else { FINDINGS }))
}

/// The config the explorer runs with: the defaults when there is no file at the usual place; a
/// file that cannot be read or has errors is reported on stderr, and the exit code comes back.
pub fn load(explicit: Option<&Path>, max_size: u64) -> Result<Config, ExitCode> {
    let Some(path) = config::path(explicit) else {
        return Ok(Config::default());
    };
    let Some(text) = read(&path, explicit.is_some(), max_size)? else {
        return Ok(Config::default());
    };
    Config::parse(&text).map_err(|diags| {
        let name = printable(&path.display().to_string()).into_owned();
        eprint!("{}", SourceText::new(&name, &text).render_all(&diags));
        let check = match explicit {
            Some(_) => format!("tlx --config {name} config check"),
            None => "tlx config check".to_string(),
        };
        eprintln!("tlx: fix the config above, then try again (`{check}` checks it on its own)");
        ExitCode::from(UNREADABLE)
    })
}

/// The config's text; `None` when a file not named on the command line does not exist.
fn read(path: &Path, explicit: bool, max_size: u64) -> Result<Option<String>, ExitCode> {
    match read_text(path, max_size.min(SIDE_FILE_MAX), None) {
        Ok(text) => Ok(Some(text)),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound && !explicit => Ok(None),
        Err(e) => {
            eprintln!("tlx: config {}: {e}", printable(&path.display().to_string()));
            Err(ExitCode::from(UNREADABLE))
        }
    }
}
