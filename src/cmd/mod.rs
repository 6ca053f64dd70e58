//! One module per subcommand; each `run` writes to the given output and returns the exit code.

/// `eprintln!` that ignores a closed or broken standard error instead of panicking: the message
/// has nowhere to go, and the exit code still tells what happened.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod add;
pub mod check;
pub mod completions;
pub mod config;
pub mod explore;
pub mod export;
pub mod import;
pub mod list;
pub mod man;
pub mod new;
pub mod notes;
pub mod schema;
pub mod show;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::ViewArgs;
use crate::filter::Filter;
use crate::load::{Document, OpenError, Options, SetAside};
use crate::model::Timeline;
use crate::model::merge::{Merged, Part, labels, merge};
use crate::query::Query;
use crate::text;

/// Exit code for files with errors.
pub const FINDINGS: u8 = 1;
/// Exit code for input that could not be read.
pub const UNREADABLE: u8 = 2;

/// Reads a file (or the bundled timeline when `None`).
pub fn document(file: Option<&Path>, max_size: u64) -> Result<Document, ExitCode> {
    match file {
        None => Ok(Document::bundled()),
        Some(path) => Document::read(
            path,
            &Options {
                max_size,
                ..Options::default()
            },
        )
        .map_err(report),
    }
}

/// Loads a timeline for a command that needs a valid one; errors go to stderr and become the
/// exit code, except those of events set aside, which are named on stderr while the rest opens.
pub fn open(file: Option<&Path>, max_size: u64) -> Result<Timeline, ExitCode> {
    let valid = document(file, max_size)?.open(lending()).map_err(report)?;
    report_set_aside(&valid.set_aside);
    Ok(valid.timeline)
}

/// How a command that keeps a timeline until it ends, or streams it out before it ends, opens
/// it: its events keep their prose in a mapped file (see [`Options::lend`]).
pub(super) fn lending() -> Options<'static> {
    Options {
        lend: true,
        ..Options::default()
    }
}

/// Prints the errors of the events set aside and how many there were, if any.
pub fn report_set_aside(set_aside: &SetAside) {
    if let Some(summary) = set_aside.summary() {
        note!("{}", set_aside.errors.trim_end());
        note!("tlx: {summary}");
    }
}

/// Prints why a file could not be opened; returns the exit code that says so.
pub fn report(e: OpenError) -> ExitCode {
    match e {
        OpenError::Unreadable { .. } => {
            note!("tlx: {e}");
            ExitCode::from(UNREADABLE)
        }
        OpenError::Invalid { .. } => {
            note!("{}", e.to_string().trim_end());
            note!("tlx: fix the errors above, then try again (`tlx check` lists warnings too)");
            ExitCode::from(FINDINGS)
        }
    }
}

/// The timelines of a command, merged on one axis as the explorer merges them.
pub struct Opened {
    /// The merged timeline, and where each event came from.
    pub merged: Merged,
    /// Each file's label, as the explorer shows it (`bundled` for the bundled timeline).
    pub labels: Vec<String>,
    /// Each file's path; `None` for the bundled timeline.
    pub paths: Vec<Option<PathBuf>>,
}

impl Opened {
    /// The paths of `files` as [`Opened::paths`] holds them: `None` alone for the bundled timeline.
    pub fn paths_of(files: &[PathBuf]) -> Vec<Option<PathBuf>> {
        match files {
            [] => vec![None],
            _ => files.iter().cloned().map(Some).collect(),
        }
    }

    /// True when the events came from more than one file, so that each must say which.
    pub fn several(&self) -> bool {
        self.labels.len() > 1
    }
}

/// Opens each file (the bundled timeline when none) with its label, naming on stderr the events
/// set aside and returning their summaries; every file is loaded, so that one run reports the
/// errors of all of them.
pub fn open_all(paths: &[&Path], max_size: u64) -> Result<(Vec<Part>, Vec<String>), ExitCode> {
    let mut parts = Vec::new();
    let mut set_aside = Vec::new();
    let mut failed = None;
    for (path, label) in paths.iter().zip(labels(paths)) {
        match document(Some(path), max_size).and_then(|d| d.open(lending()).map_err(report)) {
            Ok(valid) => {
                report_set_aside(&valid.set_aside);
                set_aside.extend(valid.set_aside.summary());
                parts.push(Part {
                    label,
                    timeline: valid.timeline,
                });
            }
            Err(code) => failed = Some(code),
        }
    }
    if let Some(code) = failed {
        return Err(code);
    }
    if paths.is_empty() {
        parts.push(Part {
            label: "bundled".into(),
            timeline: open(None, max_size)?,
        });
    }
    Ok((parts, set_aside))
}

/// Runs `body` on the files merged, or returns the exit code of the failure to open them.
pub fn with_timelines(
    files: &[PathBuf],
    max_size: u64,
    body: impl FnOnce(&Opened) -> io::Result<ExitCode>,
) -> io::Result<ExitCode> {
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    match open_all(&paths, max_size) {
        Ok((parts, _)) => body(&Opened {
            labels: parts.iter().map(|p| p.label.clone()).collect(),
            paths: Opened::paths_of(files),
            merged: merge(parts),
        }),
        Err(code) => Ok(code),
    }
}

/// The filter that `--as-of`, `--query` and `--sort` describe; a bad query is shown with a caret
/// under the bad term and exits with the "unreadable" code, as clap does for bad arguments.
pub fn filter(view: &ViewArgs) -> Result<Filter, ExitCode> {
    let query = match view.query.as_deref().map(Query::parse).transpose() {
        Ok(q) => q,
        Err(e) => {
            note!(
                "tlx: {}",
                e.render(view.query.as_deref().unwrap_or_default()).trim_end()
            );
            return Err(ExitCode::from(UNREADABLE));
        }
    };
    Ok(Filter {
        as_of: view.knowledge.as_of(),
        query,
        sort: view.sort,
        ..Filter::default()
    })
}

/// Writes a line holding text from a file, with everything hidden made visible (see [`text::line`]).
pub fn write_line(out: &mut dyn Write, line: &str) -> io::Result<()> {
    writeln!(out, "{}", text::line(line))
}

/// `-o PATH` as the path to write, or `None` for standard output (`-o -`, or no `-o`); see
/// [`crate::atomic::write`] for what a path that is not a regular file gets.
pub fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| *p != Path::new("-"))
}

/// Writes to the `-o` file atomically what `fill` writes, an error naming that file (the user
/// asked for it, and knows no temporary file beside it).
pub fn write_output(path: &Path, fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    crate::atomic::write_from(path, fill).map_err(|e| naming(path, e))
}

/// An error writing the `-o` file, naming it.
pub fn naming(path: &Path, e: io::Error) -> io::Error {
    let name = path.display().to_string();
    // A timeline cut short while read is no fault of the output's (see `export::cut_short`).
    if e.to_string().contains(&name) || crate::load::text::CutShort::is(&e) {
        return e;
    }
    io::Error::new(e.kind(), format!("cannot write {}: {e}", text::line(&name)))
}

/// True when both paths name one file (the second may not exist yet).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(parent.canonicalize().ok()?.join(p.file_name()?))
    };
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => resolve(a).is_some() && resolve(a) == resolve(b),
    }
}
