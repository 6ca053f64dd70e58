//! The generated timelines on disk, cached under `target/` and written only when missing.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::generate::{Plan, Spec};

/// Bumped whenever the generator's output changes, so stale caches are never read.
const GENERATION: u32 = 1;

/// A file format the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// tlx TOML, events in shuffled order.
    Toml,
    /// tlx CSV, one row per source.
    Csv,
    /// The JSON of `tlx export -f json`.
    Json,
}

impl Format {
    /// The file extension, also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// About how many bytes an event takes in this format (1M events: 973 MB of TOML, 757 MB
    /// of CSV), rounded up, to tell before writing whether the disk has room.
    fn bytes_per_event(self) -> u64 {
        match self {
            Format::Toml => 1_000,
            Format::Csv => 800,
            Format::Json => 1_300,
        }
    }
}

/// Free space kept on the disk beside a generated file, for everything else on the machine.
const HEADROOM: u64 = 4 << 30;

/// Where the generated files live: `target/tmp/bench-data`.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data")
}

/// The file of a spec in a format, generated first when it is not cached yet.
pub fn file(spec: Spec, format: Format) -> io::Result<PathBuf> {
    let path = dir().join(format!(
        "events-{}-seed{}-g{GENERATION}.{}",
        spec.events,
        spec.seed,
        format.extension()
    ));
    if path.exists() {
        return Ok(path);
    }
    std::fs::create_dir_all(dir())?;
    let needed = spec.events as u64 * format.bytes_per_event();
    if let Some(free) = free_bytes(&dir())
        && free < needed + HEADROOM
    {
        return Err(io::Error::other(format!(
            "{} needs about {} GB and the disk has {} GB free (with {} GB kept for the rest); \
             free some space or give fewer events",
            path.display(),
            needed >> 30,
            free >> 30,
            HEADROOM >> 30
        )));
    }
    eprintln!("generating {} ...", path.display());
    // Written aside and renamed, so an interrupted run never leaves half a file in the cache.
    let partial = path.with_extension("partial");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
    let plan = Plan::new(spec);
    match format {
        Format::Toml => plan.write_toml(&mut out)?,
        Format::Csv => plan.write_csv(&mut out)?,
        Format::Json => plan.write_json(&mut out)?,
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

/// The free space on the disk holding `dir`, from `df` (POSIX output, 1024-byte blocks); `None`
/// when `df` cannot tell, and the write then goes ahead.
fn free_bytes(dir: &std::path::Path) -> Option<u64> {
    let out = std::process::Command::new("df").arg("-Pk").arg(dir).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let kib: u64 = text.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()?;
    Some(kib * 1024)
}
