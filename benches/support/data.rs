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
}

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
