//! The results as Markdown: the conditions, one table of tlx's figures against the scale targets
//! (issue 7's times and keys, issue 18's memory, matrix, check and export), one of the ratios to
//! other viewers (issue 18's load target is csvlens's time), and every failure.

use std::time::Duration;

use crate::command::Ran;
use crate::support::data::Format;
use crate::{Attempt, Run, Size};

/// The median and the maximum of a figure over runs or presses.
type Stat = (f64, f64);

/// What a case opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The bundled timeline.
    Bundled,
    /// A generated file.
    File {
        /// Its number of events.
        size: Size,
        /// Its format.
        format: Format,
        /// Its length.
        bytes: u64,
    },
}

/// One program on one timeline, over several runs.
pub struct Case {
    subject: Subject,
    program: &'static str,
    runs: Vec<Attempt>,
    /// `tlx check` on the same file, for tlx on generated files.
    pub checks: Vec<Result<Ran, String>>,
    /// `tlx export --format csv -o` of the same file, likewise.
    pub exports: Vec<Result<Ran, String>>,
    /// How long the file took to read once from the page cache, for tlx on generated files.
    pub floor: Option<Duration>,
}

impl Case {
    /// A case with its runs and no checks yet.
    pub fn new(subject: Subject, program: &'static str, runs: Vec<Attempt>) -> Case {
        Case {
            subject,
            program,
            runs,
            checks: Vec::new(),
            exports: Vec::new(),
            floor: None,
        }
    }

    fn events(&self) -> Option<usize> {
        match self.subject {
            Subject::File {
                size: Size::Events(n), ..
            } => Some(n),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self.subject {
            Subject::Bundled => "bundled".into(),
            Subject::File { size, format, .. } => format!("{} {}", size_label(size), format.extension()),
        }
    }

    /// Every run's figures, those of runs that stopped early included.
    fn measured(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().map(|a| &a.run)
    }

    /// Median and maximum of a per-run figure, in the figure's unit.
    fn stat(&self, figure: impl Fn(&Run) -> Option<f64>) -> Option<Stat> {
        median_max(self.measured().filter_map(figure).collect())
    }

    /// Median and maximum over every timed press of a key, in all runs.
    fn key(&self, name: &str) -> Option<Stat> {
        median_max(
            self.measured()
                .flat_map(|r| r.keys.get(name).into_iter().flatten())
                .map(|&d| ms(d))
                .collect(),
        )
    }
}

/// The machine and its load, to read the figures by.
pub struct Conditions {
    date: String,
    machine: String,
    rustc: String,
    load_at_start: String,
}

impl Conditions {
    /// The conditions now.
    pub fn now() -> Conditions {
        let cpu = read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let memory = read("/proc/meminfo")
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or_else(|| "? GiB".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let rustc = std::process::Command::new("rustc")
            .arg("-V")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|_| "rustc not found".into());
        Conditions {
            date: chrono::Local::now().format("%Y-%m-%d %H:%M %Z").to_string(),
            machine: format!("{cores} cores ({cpu}), {memory} RAM"),
            rustc,
            load_at_start: load_average(),
        }
    }
}

/// Prints the report to standard output; `missing` names the other viewers that were not found.
pub fn print(conditions: &Conditions, cases: &[Case], missing: &[&str]) {
    let reps = cases.first().map_or(0, |c| c.runs.len());
    println!("## tlx end-to-end benchmark, {}\n", conditions.date);
    println!("- machine: {}; {}", conditions.machine, conditions.rustc);
    println!(
        "- load average (1, 5, 15 min) at start: {}; at end: {}",
        conditions.load_at_start,
        load_average()
    );
    println!(
        "- the real binary ({}) in a 120x40 pseudo-terminal",
        env!("CARGO_BIN_EXE_tlx")
    );
    println!("- {reps} runs per case: medians (max); a key's figure is over all its presses in all runs");
    println!(
        "- ✓ meets the target (issue 7's, or issue 18's where it set one), ✗ misses it (by how much); no mark: no target for this size; issue 18's load target, csvlens's time, is in the table of ratios\n"
    );
    let tlx: Vec<&Case> = cases.iter().filter(|c| c.program == "tlx").collect();
    print_tlx(&tlx);
    print_others(cases, missing);
    for case in cases {
        let failures = case.runs.iter().filter_map(|a| a.failure.as_ref());
        let command_failures = case.checks.iter().chain(&case.exports).filter_map(|r| r.as_ref().err());
        for message in failures.chain(command_failures) {
            println!("\n{} on {} failed: {}", case.program, case.label(), message.trim_end());
        }
    }
}

/// A figure's target: at most `limit`, in the figure's unit.
struct Target {
    limit: f64,
    /// For key latencies: the most any single press may take.
    max: Option<f64>,
}

const fn at_most(limit: f64) -> Option<Target> {
    Some(Target { limit, max: None })
}

/// One row of tlx's table: a name, the target as the issue states it, and how to get the figure
/// and its target for a case.
struct Row {
    name: String,
    target: &'static str,
    figure: Figure,
    limit: Limit,
}

type Figure = Box<dyn Fn(&Case) -> Option<Stat>>;
type Limit = Box<dyn Fn(&Case) -> Option<Target>>;

impl Row {
    fn new(
        name: &str,
        target: &'static str,
        figure: impl Fn(&Case) -> Option<Stat> + 'static,
        limit: impl Fn(&Case) -> Option<Target> + 'static,
    ) -> Row {
        Row {
            name: name.to_string(),
            target,
            figure: Box::new(figure),
            limit: Box::new(limit),
        }
    }
}

/// The size classes the targets name.
#[derive(PartialEq)]
enum Class {
    /// The bundled timeline and files up to 1k events.
    Small,
    /// 100k events.
    Hundred,
    /// 1M events.
    Million,
}

fn class(case: &Case) -> Class {
    match case.events() {
        Some(n) if n >= 1_000_000 => Class::Million,
        Some(n) if n >= 100_000 => Class::Hundred,
        _ => Class::Small,
    }
}

/// A navigation key: every press counts, so the slowest one is held to a frame at 60 Hz.
fn key_row(key: &'static str) -> Row {
    let target = || Target {
        limit: 2.0,
        max: Some(16.0),
    };
    Row::new(
        &format!("{key} (ms)"),
        "median ≤2, max ≤16",
        move |c| c.key(key),
        move |_| Some(target()),
    )
}

/// A target that holds only for one size class.
fn only(case: &Case, at: Class, limit: f64) -> Option<Target> {
    if class(case) == at { at_most(limit) } else { None }
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        Row::new(
            "first frame (ms)",
            "≤50 (1k, bundled), ≤300 (100k, 1M)",
            |c| c.stat(|r| r.first_frame.map(ms)),
            |c| at_most(if class(c) == Class::Small { 50.0 } else { 300.0 }),
        ),
        Row::new(
            "RSS at first frame (MiB)",
            "≤50",
            |c| c.stat(|r| r.rss_first_kib.map(mib)),
            |_| at_most(50.0),
        ),
        Row::new(
            "file read once from the page cache (ms)",
            "the floor of a load",
            |c| c.floor.map(|d| (ms(d), ms(d))),
            |_| None,
        ),
        Row::new(
            "fully loaded (ms)",
            "≤600 (100k), ≤3000 (1M TOML), ≤2300 (1M CSV)",
            |c| c.stat(|r| r.loaded.map(ms)),
            |c| match (class(c), c.subject) {
                (Class::Hundred, _) => at_most(600.0),
                (
                    Class::Million,
                    Subject::File {
                        format: Format::Toml, ..
                    },
                ) => at_most(3000.0),
                (
                    Class::Million,
                    Subject::File {
                        format: Format::Csv, ..
                    },
                ) => at_most(2300.0),
                _ => None,
            },
        ),
        Row::new(
            "anonymous memory at first frame (MiB)",
            "≤50",
            |c| c.stat(|r| r.anon_first_kib.map(mib)),
            |_| at_most(50.0),
        ),
        Row::new("peak RSS (MiB)", "", |c| c.stat(|r| r.peak_rss_kib.map(mib)), |_| None),
        Row::new(
            "peak anonymous memory (MiB)",
            "",
            |c| c.stat(|r| r.peak_anon_kib.map(mib)),
            |_| None,
        ),
        Row::new(
            "peak anonymous memory (bytes/event)",
            "≤200 (100k, 1M)",
            |c| {
                let n = c.events()?;
                c.stat(|r| r.peak_anon_kib.map(|kib| kib as f64 * 1024.0 / n as f64))
            },
            |c| {
                if class(c) == Class::Small { None } else { at_most(200.0) }
            },
        ),
        Row::new(
            "peak RSS beyond the file (bytes/event)",
            "≤1024 (100k, 1M)",
            |c| {
                let (Subject::File { bytes, .. }, Some(n)) = (c.subject, c.events()) else {
                    return None;
                };
                c.stat(|r| {
                    r.peak_rss_kib
                        .map(|kib| (kib as f64 * 1024.0 - bytes as f64) / n as f64)
                })
            },
            // Below 100k the program's own few MiB dominate, which the target does not mean.
            |c| {
                if class(c) == Class::Small {
                    None
                } else {
                    at_most(1024.0)
                }
            },
        ),
        Row::new(
            "CPU while idle for 0.5 s (ms)",
            "0",
            |c| c.stat(|r| r.idle_cpu.map(ms)),
            |_| at_most(0.0),
        ),
    ];
    rows.extend(["Down (j)", "PgDn", "End (G)", "Home (g)", "zoom (+)"].map(key_row));
    rows.push(Row::new(
        "matrix opens (2) (ms)",
        "≤1000 (1M)",
        |c| c.key("matrix opens (2)"),
        |c| only(c, Class::Million, 1000.0),
    ));
    rows.push(key_row("matrix: Down (j)"));
    rows.extend([
        Row::new(
            "search, last key (ms)",
            "≤100 (100k), ≤1000 (1M)",
            |c| c.key("search"),
            |c| match class(c) {
                Class::Hundred => at_most(100.0),
                Class::Million => at_most(1000.0),
                Class::Small => None,
            },
        ),
        Row::new(
            "search typed at once + Enter (ms)",
            "",
            |c| c.key("search typed at once"),
            |_| None,
        ),
        Row::new(
            "filter, last key (ms)",
            "≤1000 (1M)",
            |c| c.key("filter"),
            |c| only(c, Class::Million, 1000.0),
        ),
        Row::new(
            "as-of, Enter (ms)",
            "≤1000 (1M)",
            |c| c.key("as-of"),
            |c| only(c, Class::Million, 1000.0),
        ),
        Row::new(
            "tlx check (s)",
            "≤15 (1M)",
            |c| median_max(c.checks.iter().flatten().map(|k| k.wall.as_secs_f64()).collect()),
            |c| only(c, Class::Million, 15.0),
        ),
        Row::new(
            "tlx check peak RSS (MiB)",
            "bounded",
            |c| median_max(c.checks.iter().flatten().map(|k| mib(k.peak_rss_kib)).collect()),
            |_| None,
        ),
        Row::new(
            "tlx check peak anonymous memory (MiB)",
            "bounded",
            |c| median_max(c.checks.iter().flatten().map(|k| mib(k.peak_anon_kib)).collect()),
            |_| None,
        ),
        Row::new(
            "tlx export -f csv -o (s)",
            "≤2x fully loaded (1M)",
            |c| median_max(c.exports.iter().flatten().map(|k| k.wall.as_secs_f64()).collect()),
            |c| {
                let (loaded, _) = c.stat(|r| r.loaded.map(ms))?;
                only(c, Class::Million, 2.0 * loaded / 1000.0)
            },
        ),
        Row::new(
            "tlx export peak anonymous memory (MiB)",
            "bounded",
            |c| median_max(c.exports.iter().flatten().map(|k| mib(k.peak_anon_kib)).collect()),
            |_| None,
        ),
    ]);
    rows
}

fn print_tlx(cases: &[&Case]) {
    if cases.is_empty() {
        return;
    }
    let header: Vec<String> = cases.iter().map(|c| c.label()).collect();
    println!("| tlx | target | {} |", header.join(" | "));
    println!("|---|---|{}", "---|".repeat(cases.len()));
    for row in rows() {
        let cells: Vec<String> = cases
            .iter()
            .map(|&case| cell((row.figure)(case), (row.limit)(case)))
            .collect();
        println!("| {} | {} | {} |", row.name, row.target, cells.join(" | "));
    }
    let ok: Vec<String> = cases
        .iter()
        .map(|c| {
            format!(
                "{}/{}",
                c.runs.iter().filter(|a| a.failure.is_none()).count(),
                c.runs.len()
            )
        })
        .collect();
    println!("| runs that finished | | {} |", ok.join(" | "));
}

/// "412 (530) ✗ +112": the median, the max when it differs, and the verdict.
fn cell(figure: Option<Stat>, target: Option<Target>) -> String {
    let Some((median, max)) = figure else {
        return "–".into();
    };
    let mut text = number(median);
    if number(max) != text {
        text += &format!(" ({})", number(max));
    }
    if let Some(t) = target {
        let over = median - t.limit;
        let max_over = t.max.map_or(0.0, |m| max - m);
        text += &if over > 0.0 {
            format!(" ✗ +{}", number(over))
        } else if max_over > 0.0 {
            format!(" ✗ max +{}", number(max_over))
        } else {
            " ✓".to_string()
        };
    }
    text
}

fn print_others(cases: &[Case], missing: &[&str]) {
    let others: Vec<&Case> = cases.iter().filter(|c| c.program != "tlx").collect();
    for name in missing {
        println!("\n{name} is not installed (not on PATH): no comparison with it.");
    }
    if others.is_empty() {
        return;
    }
    println!("\n| same CSV | figure (median; ms unless stated) | tlx | other | tlx / other |");
    println!("|---|---|---|---|---|");
    for other in others {
        let Some(tlx) = cases.iter().find(|c| c.program == "tlx" && c.subject == other.subject) else {
            continue;
        };
        for name in COMPARED {
            let (Some((ours, _)), Some((theirs, _))) = (compared(tlx, name), compared(other, name)) else {
                continue;
            };
            let ratio = if theirs > 0.0 {
                format!("{:.2}", ours / theirs)
            } else {
                "–".into()
            };
            println!(
                "| {} | {name} | {} | {} {} | {ratio} |",
                other.label(),
                number(ours),
                other.program,
                number(theirs)
            );
        }
    }
}

/// The figures compared across viewers.
const COMPARED: [&str; 5] = [
    "first frame",
    "End shows the last row",
    "Down (j)",
    "search typed at once",
    "peak RSS (MiB)",
];

fn compared(case: &Case, figure: &str) -> Option<Stat> {
    match figure {
        "first frame" => case.stat(|r| r.first_frame.map(ms)),
        "End shows the last row" => case.stat(|r| r.loaded.map(ms)),
        "peak RSS (MiB)" => case.stat(|r| r.peak_rss_kib.map(mib)),
        key => case.key(key),
    }
}

fn median_max(mut values: Vec<f64>) -> Option<Stat> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    let median = if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    };
    Some((median, values[values.len() - 1]))
}

/// Three significant digits or so, never in exponent notation.
fn number(x: f64) -> String {
    match x.abs() {
        a if a >= 100.0 => format!("{x:.0}"),
        a if a >= 10.0 => format!("{x:.1}"),
        _ => format!("{x:.2}"),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn size_label(size: Size) -> String {
    match size {
        Size::Bundled => "bundled".into(),
        Size::Events(n) if n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        Size::Events(n) if n % 1_000 == 0 => format!("{}k", n / 1_000),
        Size::Events(n) => n.to_string(),
    }
}

fn load_average() -> String {
    read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
