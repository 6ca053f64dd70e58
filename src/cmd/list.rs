//! `tlx list`: the chronology as plain text, one event a line.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{with_timeline, write_clean};
use crate::model::Timeline;

/// Prints the timeline's events in date order.
pub fn run(file: Option<&Path>, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    with_timeline(file, max_size, |t| {
        write_listing(t, out)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// One line per event: the date as written, the status word, the title.
pub fn write_listing(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    let order = t.chronological();
    let dates: Vec<String> = order.iter().map(|&i| t.events[i].date.human()).collect();
    let width = dates.iter().map(|d| d.width()).max().unwrap_or(0);
    for (&i, date) in order.iter().zip(&dates) {
        let e = &t.events[i];
        let pad = " ".repeat(width - date.width());
        write_clean(out, &format!("{date}{pad}  {:<13}  {}", e.status().as_str(), e.title))?;
    }
    Ok(())
}
