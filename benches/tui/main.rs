//! End-to-end benchmark (issue 7, "Scale"): the real `tlx` binary in a 120x40 pseudo-terminal on
//! generated timelines, timed the way a person sees it: first frame, fully loaded, each
//! navigation key, search, filter and knowledge date, memory, idle CPU, and `tlx check`. When
//! csvlens or VisiData are installed they open the same CSV in the same run, and the report gives
//! the ratios.
//!
//! `cargo bench --bench tui -- --sizes 1k,100k --reps 5`; `--help` lists the options. Run by
//! `cargo test --benches` (without cargo bench's `--bench`), it only checks itself briefly.

mod command;
mod explore;
mod others;
mod process;
mod pty;
mod report;

#[path = "../support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use support::data::{self, Format};
use support::generate::{NEEDLE, Plan, Spec};

use report::{Case, Subject};

/// End-to-end benchmark of tlx in a pseudo-terminal.
#[derive(Debug, Parser)]
struct Args {
    /// Timelines: `bundled`, or a number of events such as 1k, 100k, 1m, 10m (10m takes about
    /// 9.5 GB of TOML and 7.5 GB of CSV on disk; the generator refuses when the disk lacks room).
    #[arg(long, value_delimiter = ',', default_value = "bundled,1k,100k", value_parser = parse_size)]
    sizes: Vec<Size>,
    /// File formats of the generated timelines tlx opens (tlx reads its own JSON back, with a
    /// preview while it loads, so JSON is measured by default too).
    #[arg(long, value_delimiter = ',', default_value = "toml,csv,json")]
    formats: Vec<Format>,
    /// Runs of each case; the report gives medians.
    #[arg(long, default_value_t = 5)]
    reps: usize,
    /// How often each navigation key is timed in a run.
    #[arg(long, default_value_t = 10)]
    presses: usize,
    /// Seed of the generated timelines.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Stop a program whose resident memory passes this (MiB), before it exhausts the machine.
    #[arg(long, default_value_t = 12 * 1024)]
    max_rss_mib: u64,
    /// Do not run csvlens and VisiData, even when installed.
    #[arg(long)]
    no_others: bool,
    /// The csvlens to compare with, when it is not on PATH.
    #[arg(long)]
    csvlens: Option<PathBuf>,
    /// The VisiData (`vd`) to compare with, when it is not on PATH.
    #[arg(long)]
    vd: Option<PathBuf>,
    /// Install csvlens (`cargo install`) and VisiData (`pip`, in a virtual environment) under
    /// target/bench-tools when neither given nor found, then compare with them.
    #[arg(long)]
    install_others: bool,
    /// Only write the timelines (cached under target/tmp/bench-data) and print their paths.
    #[arg(long)]
    generate: bool,
    /// Added by `cargo bench`; without it the benchmark only checks itself.
    #[arg(long, hide = true)]
    bench: bool,
}

/// The `--max-size` given to tlx with a generated file, in bytes: 64 GiB, above any generated
/// size (10M events are about 9.5 GB of TOML). tlx refuses large files by default (the cap
/// follows the free memory, at most 2 GiB), and the benchmark measures loading, not the cap.
pub const MAX_SIZE: &str = "68719476736";

/// A timeline to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The bundled Soleimani timeline (`tlx` with no file).
    Bundled,
    /// A generated timeline of this many events.
    Events(usize),
}

fn parse_size(text: &str) -> Result<Size, String> {
    let lower = text.trim().to_lowercase();
    if lower == "bundled" {
        return Ok(Size::Bundled);
    }
    let (digits, scale) = match lower.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => lower.strip_suffix('m').map_or((lower.as_str(), 1), |d| (d, 1_000_000)),
    };
    match digits.parse::<usize>() {
        Ok(n) if n > 0 => Ok(Size::Events(n * scale)),
        _ => Err(format!(
            "{text:?} is not `bundled` or a number of events such as 1k, 100k, 1m"
        )),
    }
}

/// One run's measurements; what a program's script does not measure stays empty.
#[derive(Debug, Default)]
pub struct Run {
    /// Start to the first frame showing events.
    pub first_frame: Option<Duration>,
    /// Resident memory when the first frame showed.
    pub rss_first_kib: Option<u64>,
    /// Start to End showing the last event with the total known.
    pub loaded: Option<Duration>,
    /// Resident anonymous memory (not the file's pages) when the first frame showed.
    pub anon_first_kib: Option<u64>,
    /// Highest resident memory of the run.
    pub peak_rss_kib: Option<u64>,
    /// Highest anonymous memory of the run (polled every 5 ms).
    pub peak_anon_kib: Option<u64>,
    /// CPU time used during half a second of doing nothing, once loaded.
    pub idle_cpu: Option<Duration>,
    /// Latencies from a key to its answer on screen, by what the key does.
    pub keys: BTreeMap<&'static str, Vec<Duration>>,
}

/// One run: what it measured, and why it stopped early when it did.
#[derive(Debug)]
pub struct Attempt {
    /// The figures measured (all of them when the run finished).
    pub run: Run,
    /// What went wrong, with the screen at that moment.
    pub failure: Option<String>,
}

fn main() {
    let mut args = Args::parse();
    if !args.bench {
        eprintln!("tui bench: a quick self-check (run `cargo bench --bench tui` to measure)");
        args = Args {
            sizes: vec![Size::Bundled, Size::Events(1_000)],
            formats: vec![Format::Toml],
            reps: 1,
            presses: 2,
            no_others: true,
            ..args
        };
    }
    if let Err(e) = bench(&args) {
        eprintln!("tui bench: {e}");
        std::process::exit(1);
    }
}

fn bench(args: &Args) -> Result<(), String> {
    let tlx_bin = PathBuf::from(env!("CARGO_BIN_EXE_tlx"));
    let conditions = report::Conditions::now();
    let mut files = Vec::new();
    for &size in &args.sizes {
        if let Size::Events(n) = size {
            let spec = Spec {
                events: n,
                seed: args.seed,
            };
            for &format in &args.formats {
                files.push((size, spec, format, data::file(spec, format).map_err(|e| e.to_string())?));
            }
        }
    }
    if args.generate {
        for (_, _, _, path) in &files {
            println!("{}", path.display());
        }
        return Ok(());
    }
    let max_rss_kib = args.max_rss_mib * 1024;
    let mut cases = Vec::new();
    if args.sizes.contains(&Size::Bundled) {
        let runs = explore_runs(&tlx_bin, &[], &bundled_target(), args);
        cases.push(Case::new(Subject::Bundled, "tlx", runs));
    }
    let given = others::Given {
        csvlens: args.csvlens.clone(),
        vd: args.vd.clone(),
    };
    if args.install_others && !args.no_others {
        others::install(&given)?;
    }
    let others = if args.no_others {
        Vec::new()
    } else {
        others::installed(&given)
    };
    for (size, spec, format, path) in &files {
        let facts = Plan::new(*spec).facts();
        let target = explore::Target {
            events: facts.events,
            last_title: facts.last_title.clone(),
            needle: NEEDLE.to_string(),
            filter: "tag:mining".to_string(),
        };
        let floor = read_from_cache(path);
        eprintln!("tlx on {} ...", path.display());
        let file_arg = [
            OsString::from("--max-size"),
            OsString::from(MAX_SIZE),
            OsString::from(path),
        ];
        let runs = explore_runs(&tlx_bin, &file_arg, &target, args);
        let subject = Subject::File {
            size: *size,
            format: *format,
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        };
        let mut case = Case::new(subject, "tlx", runs);
        case.floor = floor;
        // tlx's own arguments, then the file's (its size cap and path).
        let with_file = |args: &[OsString]| -> Vec<OsString> { args.iter().chain(&file_arg).cloned().collect() };
        let check = with_file(&["check".into()]);
        case.checks = (0..args.reps)
            .map(|_| command::run(&tlx_bin, &check, max_rss_kib))
            .collect();
        // Written where the bench's files are, and removed after: a 1M export is about 1 GB.
        let written = path.with_extension("export.csv");
        let export = with_file(&[
            "export".into(),
            "--format".into(),
            "csv".into(),
            "-o".into(),
            written.clone().into(),
        ]);
        case.exports = (0..args.reps)
            .map(|_| command::run(&tlx_bin, &export, max_rss_kib))
            .collect();
        let _ = std::fs::remove_file(&written);
        cases.push(case);
        if *format == Format::Csv {
            for other in &others {
                eprintln!("{} on {} ...", other.name(), path.display());
                let runs = repeat(args.reps, |home, run| {
                    other.run(path, &facts, home, max_rss_kib, args.presses, run)
                });
                cases.push(Case::new(subject, other.name(), runs));
            }
        }
    }
    let missing = others::missing(&given);
    report::print(&conditions, &cases, if args.no_others { &[] } else { &missing });
    Ok(())
}

/// How long the file takes to read once from the page cache: the floor a load can aim at. Read
/// once before, so that it is there: a 10M file read from the disk took twice as long to load,
/// and with the explorer's memory beside it the cache does not always keep the whole file.
/// `None` when it cannot be read (the runs then say why).
fn read_from_cache(path: &Path) -> Option<Duration> {
    let read = || -> std::io::Result<Duration> {
        let started = std::time::Instant::now();
        std::io::copy(&mut std::fs::File::open(path)?, &mut std::io::sink())?;
        Ok(started.elapsed())
    };
    read().and_then(|_| read()).ok()
}

/// The bundled timeline as the tlx script recognises it.
fn bundled_target() -> explore::Target {
    let t = tlx::load::Document::bundled()
        .load(tlx::load::Options::default())
        .timeline;
    let last = t.in_date_order().last().map(|e| e.title.to_string());
    explore::Target {
        events: t.events.len(),
        last_title: last.unwrap_or_default(),
        needle: "Moscow".to_string(),
        filter: "tag:Iraq".to_string(),
    }
}

/// The explorer's script, played `--reps` times on tlx started with `tlx_args`.
fn explore_runs(tlx_bin: &Path, tlx_args: &[OsString], target: &explore::Target, args: &Args) -> Vec<Attempt> {
    repeat(args.reps, |home, run| {
        let mut s = pty::Session::start(tlx_bin, tlx_args, home, args.max_rss_mib * 1024)?;
        let result = explore::play(&mut s, target, args.presses, run);
        s.stop("q");
        result
    })
}

/// Runs a measurement `reps` times, each with a fresh home directory for the program's config.
fn repeat(reps: usize, mut once: impl FnMut(&Path, &mut Run) -> Result<(), pty::Failure>) -> Vec<Attempt> {
    (0..reps)
        .map(|_| {
            let mut run = Run::default();
            let failure = match tempfile::tempdir() {
                Ok(home) => once(home.path(), &mut run).err().map(|e| e.message),
                Err(e) => Some(format!("no temporary directory: {e}")),
            };
            Attempt { run, failure }
        })
        .collect()
}
