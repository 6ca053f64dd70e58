//! Other terminal viewers on the same CSV, for the ratios: csvlens and VisiData, when installed.
//! Each is timed as tlx is: first frame, End showing the last row with the row count known,
//! Down, and a search typed at once and confirmed.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Run;
use crate::explore::{END_RETRY, IDLE, KEY_TIMEOUT, LOAD_TIMEOUT};
use crate::process;
use crate::pty::{Failure, Session};
use crate::support::generate::{Facts, NEEDLE};

/// The viewers compared, by the name of their executable.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Csvlens,
    VisiData,
}

const KINDS: [(Kind, &str); 2] = [(Kind::Csvlens, "csvlens"), (Kind::VisiData, "vd")];

/// The versions compared in BENCHMARKS.md, which `--install-others` installs.
const CSVLENS_VERSION: &str = "0.15.1";
const VISIDATA_VERSION: &str = "3.4";

/// A viewer found.
pub struct Other {
    kind: Kind,
    path: PathBuf,
}

/// The viewers named on the command line (`--csvlens`, `--vd`).
#[derive(Debug, Default)]
pub struct Given {
    pub csvlens: Option<PathBuf>,
    pub vd: Option<PathBuf>,
}

impl Given {
    fn of(&self, kind: Kind) -> Option<&PathBuf> {
        match kind {
            Kind::Csvlens => self.csvlens.as_ref(),
            Kind::VisiData => self.vd.as_ref(),
        }
    }
}

/// Where `--install-others` puts them: target/bench-tools.
fn tools() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("bench-tools"), |target| target.join("bench-tools"))
}

/// The viewer's executable where `--install-others` puts it.
fn installed_here(kind: Kind) -> PathBuf {
    match kind {
        Kind::Csvlens => tools().join("bin").join("csvlens"),
        Kind::VisiData => tools().join("visidata").join("bin").join("vd"),
    }
}

/// Where a viewer is: as given, else on PATH, else where `--install-others` puts it.
fn locate(given: &Given, kind: Kind, exe: &str) -> Option<PathBuf> {
    given
        .of(kind)
        .filter(|p| p.is_file())
        .cloned()
        .or_else(|| on_path(exe))
        .or_else(|| Some(installed_here(kind)).filter(|p| p.is_file()))
}

/// The viewers that are found.
pub fn installed(given: &Given) -> Vec<Other> {
    KINDS
        .iter()
        .filter_map(|&(kind, exe)| {
            Some(Other {
                kind,
                path: locate(given, kind, exe)?,
            })
        })
        .collect()
}

/// The viewers that are not found.
pub fn missing(given: &Given) -> Vec<&'static str> {
    KINDS
        .iter()
        .filter(|&&(kind, exe)| locate(given, kind, exe).is_none())
        .map(|&(_, exe)| exe)
        .collect()
}

/// Installs each viewer not found under target/bench-tools: csvlens with `cargo install`,
/// VisiData with pip in a virtual environment of its own.
pub fn install(given: &Given) -> Result<(), String> {
    let run = |what: &str, cmd: &mut std::process::Command| {
        eprintln!("installing {what} ...");
        match cmd.status() {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("installing {what} failed ({status}): {cmd:?}")),
            Err(e) => Err(format!("installing {what}: cannot run {cmd:?}: {e}")),
        }
    };
    if locate(given, Kind::Csvlens, "csvlens").is_none() {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        run(
            "csvlens",
            std::process::Command::new(cargo)
                .args(["install", "--locked", "csvlens", "--version", CSVLENS_VERSION, "--root"])
                .arg(tools()),
        )?;
    }
    if locate(given, Kind::VisiData, "vd").is_none() {
        let venv = tools().join("visidata");
        run(
            "a Python environment for VisiData",
            std::process::Command::new("python3").args(["-m", "venv"]).arg(&venv),
        )?;
        run(
            "VisiData",
            std::process::Command::new(venv.join("bin").join("pip"))
                .args(["install", "--quiet"])
                .arg(format!("visidata=={VISIDATA_VERSION}")),
        )?;
    }
    Ok(())
}

fn on_path(exe: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(exe))
        .find(|p| p.is_file())
}

impl Other {
    /// Its name in the report.
    pub fn name(&self) -> &'static str {
        match self.kind {
            Kind::Csvlens => "csvlens",
            Kind::VisiData => "vd",
        }
    }

    /// Opens the CSV once and times what it shows, into `run`.
    pub fn run(
        &self,
        csv: &Path,
        facts: &Facts,
        home: &Path,
        max_rss_kib: u64,
        presses: usize,
        run: &mut Run,
    ) -> Result<(), Failure> {
        let rows = data_rows(csv)?;
        // Opened by a short name in its home (the working directory): csvlens's footer names
        // the file before the search's count, and at 1M a long path pushes the count past the
        // 120th column, where the footer is cut and the count never shows. Each run has a
        // fresh home.
        let short = home.join("events.csv");
        std::os::unix::fs::symlink(csv, &short).map_err(|e| Failure::new(format!("{}: {e}", short.display())))?;
        let mut s = Session::start(&self.path, &[OsString::from("events.csv")], home, max_rss_kib)?;
        let result = self.play(&mut s, facts, rows, presses, run);
        s.stop(match self.kind {
            Kind::Csvlens => "q",
            Kind::VisiData => "gq",
        });
        result
    }

    fn play(&self, s: &mut Session, facts: &Facts, rows: usize, presses: usize, run: &mut Run) -> Result<(), Failure> {
        let has = |text: String| move |scr: &vt100::Screen| scr.contents().contains(&text);
        let first = &facts.first_in_file;
        let shown = match self.kind {
            Kind::Csvlens => s.wait("first frame", LOAD_TIMEOUT, has("[Row 1/".into()))?,
            Kind::VisiData => s.wait("first frame", LOAD_TIMEOUT, has(first.clone()))?,
        };
        run.first_frame = Some(shown - s.started);
        run.rss_first_kib = process::rss_kib(s.pid());
        run.anon_first_kib = process::anon_kib(s.pid());
        let loaded = match self.kind {
            Kind::Csvlens => s.repeat_until("G", END_RETRY, LOAD_TIMEOUT, has(format!("[Row {rows}/{rows},")))?,
            Kind::VisiData => {
                let (last, count) = (facts.last_in_file.clone(), format!(" {rows} rows"));
                s.repeat_until("gj", END_RETRY, LOAD_TIMEOUT, move |scr| {
                    let text = scr.contents();
                    text.contains(&last) && text.contains(&count)
                })?
            }
        };
        run.loaded = Some(loaded - s.started);
        s.settle();
        run.idle_cpu = process::cpu_while_idle(s.pid(), IDLE);
        let mut time = |name: &'static str, latency| run.keys.entry(name).or_default().push(latency);
        match self.kind {
            Kind::Csvlens => {
                s.press("g", KEY_TIMEOUT, has("[Row 1/".into()))?;
                for row in 2..=(presses + 1).min(rows) {
                    time("Down (j)", s.press("j", KEY_TIMEOUT, has(format!("[Row {row}/")))?);
                }
                let found = has(format!("[Find \"{NEEDLE}\": 1/1]"));
                time(
                    "search typed at once",
                    s.press(&format!("/{NEEDLE}\r"), LOAD_TIMEOUT, found)?,
                );
            }
            Kind::VisiData => {
                s.press_for_change("gk", KEY_TIMEOUT)?;
                for _ in 0..presses.min(rows - 1) {
                    time("Down (j)", s.press_for_change("j", KEY_TIMEOUT)?);
                }
                let found = has(facts.needle_id.clone());
                time(
                    "search typed at once",
                    s.press(&format!("g/{NEEDLE}\r"), LOAD_TIMEOUT, found)?,
                );
            }
        }
        s.settle();
        run.peak_rss_kib = process::peak_rss_kib(s.pid());
        run.peak_anon_kib = Some(s.peak_anon_kib());
        Ok(())
    }
}

/// The CSV's data rows: its lines less the header (generated cells hold no line breaks).
fn data_rows(csv: &Path) -> Result<usize, Failure> {
    let fail = |e: std::io::Error| Failure::new(format!("{}: {e}", csv.display()));
    let mut file = std::fs::File::open(csv).map_err(fail)?;
    let (mut buf, mut lines) = (vec![0u8; 1 << 20], 0usize);
    loop {
        match file.read(&mut buf).map_err(fail)? {
            0 => return Ok(lines.saturating_sub(1)),
            n => lines += buf[..n].iter().filter(|&&b| b == b'\n').count(),
        }
    }
}
