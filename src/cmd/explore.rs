//! `tlx [FILE...]`: the explorer, or the plain listing when there is no terminal to draw on.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::open;
use crate::app::{Action, App, update};
use crate::diagnostic::printable;
use crate::load::BUNDLED_NAME;

/// Opens the explorer on the first file (or the bundled timeline), set up by the config file
/// (`config`: the one `--config` names).
pub fn run(files: &[PathBuf], config: Option<&Path>, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let file = files.first().map(PathBuf::as_path);
    if files.len() > 1 {
        eprintln!(
            "tlx: opening {} only; several files at once are not supported yet",
            printable(&files[0].display().to_string())
        );
    }
    let timeline = match open(file, max_size) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    // Checked even when there is no terminal to use it on, so a broken config never goes unnoticed.
    let config = match super::config::load(config, max_size) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if !io::stdout().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        super::list::write_listing(&timeline, &crate::filter::Filter::default(), out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = file.map_or_else(|| BUNDLED_NAME.to_string(), |p| p.display().to_string());
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(timeline, name, size);
    update(&mut app, Action::ZoomTo(config.zoom));
    crate::tui::run(app, &config.keymap, &config.theme(), config.dates)
}
