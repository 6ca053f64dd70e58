//! `tlx [FILE...]`: the explorer, or the plain listing when there is no terminal to draw on.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::open;
use crate::app::{App, KeyMap};
use crate::load::BUNDLED_NAME;
use crate::text;
use crate::ui::Theme;

/// Opens the explorer on the first file (or the bundled timeline).
pub fn run(files: &[PathBuf], max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let file = files.first().map(PathBuf::as_path);
    if files.len() > 1 {
        note!(
            "tlx: opening {} only; several files at once are not supported yet",
            text::line(&files[0].display().to_string())
        );
    }
    let timeline = match open(file, max_size) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    if !interactive() {
        super::list::write_listing(&timeline, &crate::filter::Filter::default(), out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = file.map_or_else(|| BUNDLED_NAME.to_string(), |p| p.display().to_string());
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    crate::tui::run(App::new(timeline, name, size), &KeyMap::default(), &Theme::from_env())
}

/// True when the explorer can draw and read keys: standard output is a terminal that understands
/// escape sequences, and keys come from standard input or the controlling terminal (`/dev/tty`,
/// which a process started with `setsid` and no terminal input does not have).
fn interactive() -> bool {
    let keys = || io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    io::stdout().is_terminal() && !std::env::var("TERM").is_ok_and(|t| t == "dumb") && keys()
}
