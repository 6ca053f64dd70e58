//! `tlx [FILE...]`: the explorer, or the plain listing when there is no terminal to draw on.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report;
use crate::app::{App, Opened, Opening};
use crate::load::progressive::{self, PROGRESSIVE_FROM};
use crate::model::merge::{Part, labels, merge};
use crate::notes::store;
use crate::tui::{Background, Closed};
use crate::watch::Plan;

/// Opens the explorer on the files merged on one axis (or on the bundled timeline), set up by the
/// config file (`config_path`: the one `--config` names).
pub fn run(files: &[PathBuf], config_path: Option<&Path>, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // Large files open on their first megabytes while they load whole; a file that cannot be
    // read at all is reported by the usual path, before any screen is drawn.
    let background = (interactive() && load_in_background(&paths, max_size)).then(|| Background {
        files: paths.iter().map(|p| p.to_path_buf()).zip(labels(&paths)).collect(),
        max_size,
    });
    let (parts, set_aside) = match &background {
        Some(job) => (previews(&job.files), Vec::new()),
        None => match super::open_all(&paths, max_size) {
            Ok(opened) => opened,
            Err(code) => return Ok(code),
        },
    };
    // Checked even when there is no terminal to use it on, so a broken config never goes unnoticed.
    let config = match super::config::load(config_path, max_size) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let labels: Vec<String> = parts.iter().map(|p| p.label.clone()).collect();
    // A reloaded file is merged with the others' last good versions, so with several files the
    // watcher keeps a copy of each (their previews while they load: it reads each whole when
    // a merge first needs it); a single file merges with nothing and needs none.
    let loaded = match parts.len() {
        1 => Vec::new(),
        _ => parts.iter().map(|p| p.timeline.clone()).collect(),
    };
    let merged = merge(parts);
    if !interactive() {
        let opened = super::Opened {
            merged,
            labels,
            paths: super::Opened::paths_of(files),
        };
        super::list::write_listing(&opened, &crate::filter::Filter::default(), false, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (opened, mut problems) = opened(&paths, &labels);
    problems.splice(0..0, set_aside);
    let app = App::opening(Opening {
        merged,
        files: opened,
        size: crossterm::terminal::size().unwrap_or((80, 24)),
        zoom: config.zoom,
        loading: background.is_some(),
        problems,
        legend: first_run(dirs::data_dir()),
    });
    let watch = (!files.is_empty()).then(|| Plan {
        labels,
        loaded,
        paths: files.to_vec(),
        max_size,
        in_background: background.is_some(),
    });
    match crate::tui::run(app, &config.keymap, &config.theme(), config.dates, watch, background)? {
        Ok(Closed::Quit(code)) => Ok(code),
        // A new timeline, started from the explorer: it opens as `tlx FILE` would.
        Ok(Closed::Open(path)) => run(&[path], config_path, max_size, out),
        Err(e) => Ok(report(e)),
    }
}

/// The empty file whose presence in `tlx/` of the data directory says the explorer has opened before.
const SEEN: &str = "seen-legend";

/// True the first time the explorer opens for this user, when it shows the legend line; marks
/// the run as seen. The mark goes in the data directory (`$XDG_DATA_HOME`, or `~/.local/share`,
/// on Linux), beside the bundled timeline's bookmarks, so tests that set `XDG_DATA_HOME` never
/// touch the home directory. Where it cannot be written, every run is a first one: the legend
/// then costs a row until hidden.
fn first_run(data_dir: Option<PathBuf>) -> bool {
    let Some(dir) = data_dir.map(|d| d.join("tlx")) else {
        return true;
    };
    let mark = dir.join(SEEN);
    // Whatever is there, even a dangling symlink, counts as seen and is left alone.
    if mark.symlink_metadata().is_ok() {
        return false;
    }
    // `create_new` never opens what appeared meanwhile, so nothing is written through a link.
    let _ = std::fs::create_dir_all(&dir).and_then(|()| std::fs::File::create_new(&mark));
    true
}

/// True when the files take longer to read than a first frame should (together 2 MiB or more)
/// and each is a readable file within the size cap, which the load in the background reads.
fn load_in_background(paths: &[&Path], max_size: u64) -> bool {
    let sizes: Option<Vec<u64>> = (paths.iter())
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file() && m.len() <= max_size)
                .map(|m| m.len())
        })
        .collect();
    sizes.is_some_and(|sizes| sizes.iter().sum::<u64>() >= PROGRESSIVE_FROM)
}

/// The events in each file's first megabyte, for a first screen while the files load whole.
fn previews(files: &[(PathBuf, String)]) -> Vec<Part> {
    (files.iter())
        .map(|(path, label)| Part {
            label: label.clone(),
            timeline: progressive::preview(path).unwrap_or_default(),
        })
        .collect()
}

/// Each file's label, path, sidecar and marks, and what was wrong with any sidecar.
fn opened(paths: &[&Path], labels: &[String]) -> (Vec<Opened>, Vec<String>) {
    let mut problems = Vec::new();
    let opened = labels
        .iter()
        .enumerate()
        .map(|(n, label)| {
            let path = paths.get(n).map(|p| p.to_path_buf());
            let sidecar = store::sidecar_of(path.as_deref());
            let loaded = sidecar.as_deref().map(store::load).unwrap_or_default();
            problems.extend(loaded.problem.map(|p| format!("bookmarks unreadable: {p}")));
            Opened {
                label: crate::text::line(label).into_owned(),
                path,
                sidecar,
                notes: loaded.notes,
            }
        })
        .collect();
    (opened, problems)
}

/// True when the explorer can draw and read keys: standard output is a terminal that understands
/// escape sequences, and keys come from standard input or the controlling terminal (`/dev/tty`,
/// which a process started with `setsid` and no terminal input does not have).
fn interactive() -> bool {
    let keys = || io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    io::stdout().is_terminal() && !std::env::var("TERM").is_ok_and(|t| t == "dumb") && keys()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_run_is_remembered_in_the_data_directory_and_nothing_there_is_written_through() {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("data");
        assert!(first_run(Some(data.clone())), "nothing there yet: a first run");
        assert!(data.join("tlx").join(SEEN).is_file());
        assert!(!first_run(Some(data.clone())), "the second run is not a first one");

        // A link where the mark goes (to a file that does not exist) counts as seen and stays dangling.
        let other = home.path().join("other");
        std::fs::create_dir_all(other.join("tlx")).unwrap();
        let target = home.path().join("target");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&target, other.join("tlx").join(SEEN)).unwrap();
            assert!(!first_run(Some(other)));
            assert!(!target.exists());
        }
        // With no data directory, the legend shows every time.
        assert!(first_run(None));
    }
}
