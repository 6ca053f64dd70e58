//! `tlx list`: the chronology as plain text, one event a line.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{Opened, filter, with_timelines, write_line};
use crate::cli::ViewArgs;
use crate::filter::Filter;

/// Prints the events of the files, merged, in date order (or as `view` narrows and orders them).
pub fn run(files: &[PathBuf], view: &ViewArgs, ids: bool, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let filter = match filter(view) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    with_timelines(files, max_size, |opened| {
        write_listing(opened, &filter, ids, out)?;
        Ok(ExitCode::SUCCESS)
    })
}

/// One line per shown event: with `ids` the event's id, then, with several files, the label of
/// the one it came from, the date as written, the status word (as of the knowledge date), the title
/// and, for an event known only by its reference's date, by when at the latest.
pub fn write_listing(opened: &Opened, filter: &Filter, ids: bool, out: &mut dyn Write) -> io::Result<()> {
    let t = &opened.merged.timeline;
    let shown = filter.apply(t);
    let column = |text: &dyn Fn(usize) -> String, on: bool| -> Vec<String> {
        let cells: Vec<String> = shown
            .order
            .iter()
            .map(|&i| if on { text(i) } else { String::new() })
            .collect();
        let width = cells.iter().map(|c| c.width()).max().unwrap_or(0);
        cells
            .into_iter()
            .map(|c| match on {
                true => format!("{c}{}  ", " ".repeat(width - c.width())),
                false => c,
            })
            .collect()
    };
    let id = column(&|i| t.events[i].id.to_string(), ids);
    let label = |i: usize| opened.labels[opened.merged.origins.part(i).unwrap_or_default()].clone();
    let file = column(&label, opened.several());
    let date = column(&|i| t.events[i].date.human(), true);
    for (n, &i) in shown.order.iter().enumerate() {
        let ev = &shown.evidence[i];
        let status = ev.status().as_str();
        let title = &t.events[i].title;
        // As the explorer marks it: shown, but not yet public by the dates the sources give.
        let by = ev
            .known_by()
            .as_ref()
            .map_or(String::new(), |d| format!("  (known by {} at the latest)", d.human()));
        write_line(
            out,
            &format!("{}{}{}{status:<13}  {title}{by}", id[n], file[n], date[n]),
        )?;
    }
    Ok(())
}
