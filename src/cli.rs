//! The command line, as clap derive types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::load::DEFAULT_MAX_SIZE;

/// Explore sourced timelines of events in the terminal: who reported what, who denied it, and when.
#[derive(Debug, Parser)]
#[command(name = "tlx", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; with none, open the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Timeline files to explore (none: the bundled Soleimani timeline).
    pub files: Vec<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, global = true, default_value_t = DEFAULT_MAX_SIZE, value_name = "BYTES")]
    pub max_size: u64,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate timeline files: exit 0 clean (warnings allowed), 1 errors found, 2 unreadable.
    Check {
        /// Files to check (none: the bundled timeline).
        files: Vec<PathBuf>,
        /// Also warn about things that are fine but unusual (events out of date order).
        #[arg(long)]
        pedantic: bool,
    },
    /// Print the chronology, one event a line: date, status, title.
    List {
        /// The timeline (none: the bundled one).
        file: Option<PathBuf>,
    },
    /// Print one event in full, with its sources and denials.
    Show {
        /// The event's id.
        id: String,
        /// The timeline (none: the bundled one).
        file: Option<PathBuf>,
    },
    /// Write the timeline in another format.
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// The timeline (none: the bundled one).
        file: Option<PathBuf>,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Convert a TimelineJS, timemap or CSV file to a tlx timeline (TOML), reporting what did not map.
    Import {
        /// The file to convert (its format is recognised from its content).
        file: PathBuf,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the timeline format.
    Schema,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The timeline's structure and key names, with each event's computed status.
    Json,
    /// The timeline format itself, normalized and commented (also converts imported formats).
    Toml,
}
