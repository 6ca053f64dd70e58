//! `tlx list`: the chronology as plain text, one event a line.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{filter, with_timeline, write_line};
use crate::cli::ViewArgs;
use crate::filter::Filter;
use crate::model::Timeline;

/// Prints the timeline's events in date order (or as `view` narrows and orders them).
pub fn run(
    file: Option<&Path>,
    view: &ViewArgs,
    ids: bool,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    let filter = match filter(view) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    with_timeline(file, max_size, |t| {
        write_listing(t, &filter, ids, out)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// One line per shown event: with `ids` the event's id, then the date as written, the status word
/// (as of the knowledge date), the title.
pub fn write_listing(t: &Timeline, filter: &Filter, ids: bool, out: &mut dyn Write) -> io::Result<()> {
    let shown = filter.apply(t);
    let dates: Vec<String> = shown.order.iter().map(|&i| t.events[i].date.human()).collect();
    let width = dates.iter().map(|d| d.width()).max().unwrap_or(0);
    let id_width = shown.order.iter().map(|&i| t.events[i].id.width()).max().unwrap_or(0);
    for (&i, date) in shown.order.iter().zip(&dates) {
        let e = &t.events[i];
        let status = shown.evidence[i].status.as_str();
        let pad = " ".repeat(width - date.width());
        let id = if ids {
            format!("{}{}  ", e.id, " ".repeat(id_width - e.id.width()))
        } else {
            String::new()
        };
        write_line(out, &format!("{id}{date}{pad}  {status:<13}  {}", e.title))?;
    }
    Ok(())
}
