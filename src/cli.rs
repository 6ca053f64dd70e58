//! The command line, as clap derive types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

pub use crate::export::Format;
use crate::filter::Sort;
use crate::load::{available_memory, default_max_size};
use crate::model::Date;
use crate::model::evidence::AsOf;

/// Explore sourced timelines of events in the terminal: who reported what, who denied it, and when.
#[derive(Debug, Parser)]
#[command(name = "tlx", version)]
pub struct Cli {
    /// What to do; with none, open the explorer.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Timeline files to explore (none: the bundled Soleimani timeline).
    pub files: Vec<PathBuf>,
    /// Refuse files larger than this: bytes, or with K, M or G (KiB, MiB, GiB); the default is
    /// what a sixteenth of the free memory holds (tlx takes up to 16 bytes of memory per byte of
    /// a file), at most 2G and at least 64M.
    #[arg(long, global = true, default_value_t = default_max_size(available_memory()), value_name = "SIZE", value_parser = parse_size, hide_default_value = true)]
    pub max_size: u64,
    /// Read the configuration from this file instead of the usual place (`tlx config path`).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
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
        /// Print every finding: by default repeats are folded and each kind stops after 20.
        #[arg(long)]
        all: bool,
    },
    /// Print the chronology, one event a line: date, status, title (and the file, with several).
    List {
        /// The timelines, merged on one axis as in the explorer (none: the bundled one).
        files: Vec<PathBuf>,
        /// Start each line with the event's id, the one `tlx show ID` takes.
        #[arg(long)]
        ids: bool,
        /// Which events, in what order.
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Print one event in full, with its sources and denials.
    Show {
        /// The event's id; `LABEL:ID` for an id that several of the files use (`tlx list --ids` shows them).
        id: String,
        /// The timelines, merged as in the explorer (none: the bundled one).
        files: Vec<PathBuf>,
        /// What of it was public by a date.
        #[command(flatten)]
        knowledge: AsOfArgs,
    },
    /// Write the timeline in another format.
    Export {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Only the events shown with these options, as in the explorer.
        #[command(flatten)]
        view: ViewArgs,
        /// The timelines, merged on one axis as in the explorer (none: the bundled one).
        files: Vec<PathBuf>,
        /// Write here instead of standard output (`-` is standard output): a file is replaced
        /// atomically, a symlink's target likewise, a pipe or terminal is written through.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Convert a TimelineJS, timemap or CSV file to a tlx timeline (TOML), reporting what did not map.
    Import {
        /// The file to convert (its format is recognised from its content).
        file: PathBuf,
        /// Write here instead of standard output (`-` is standard output): a file is replaced
        /// atomically, a symlink's target likewise, a pipe or terminal is written through.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Write the events that import even when others have errors (those are named and left out).
        #[arg(long)]
        keep_going: bool,
        /// How to read what the file does not say itself.
        #[command(flatten)]
        reading: ImportArgs,
    },
    /// Print the bookmarks and notes kept beside timelines (`FILE.tlx-notes.toml`), including
    /// those whose event is no longer in the file.
    Notes {
        /// The timelines (none: the bundled one).
        files: Vec<PathBuf>,
    },
    /// Add an event to a timeline file, in date order among its events (README "Editing"): the
    /// rest of the file stays as written, the file is checked as `tlx check` checks it, and
    /// written atomically.
    Add {
        /// The timeline file (TOML).
        file: PathBuf,
        /// The event's fields.
        #[command(flatten)]
        event: EventArgs,
        /// Print the change as a unified diff instead of writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a source to an event of a timeline file, after the event's last source.
    AddSource {
        /// Where to add it.
        #[command(flatten)]
        to: AddTo,
        /// The source's fields.
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Add a denial to an event of a timeline file, after the event's last denial.
    AddDenial {
        /// Where to add it.
        #[command(flatten)]
        to: AddTo,
        /// The denial's fields.
        #[command(flatten)]
        denial: DenialArgs,
    },
    /// Add a claim to an event of a timeline file, after the event's last claim.
    AddClaim {
        /// Where to add it.
        #[command(flatten)]
        to: AddTo,
        /// The claim's fields.
        #[command(flatten)]
        claim: ClaimArgs,
    },
    /// Print the JSON Schema of the timeline format.
    Schema,
    /// Write a commented starter timeline that shows every field of the format (never over an existing file).
    New {
        /// The file to create.
        file: PathBuf,
    },
    /// The configuration file: where it is, whether it is valid, a commented default to start from.
    Config {
        /// What to do with it.
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a shell completion script, e.g. `tlx completions bash > ~/.local/share/bash-completion/completions/tlx`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff) on standard output, e.g. `tlx man | man -l -`.
    Man,
}

/// The file and event a claim, source or denial is added to.
#[derive(Debug, Clone, Args)]
pub struct AddTo {
    /// The timeline file (TOML).
    pub file: PathBuf,
    /// The event's id (`tlx list --ids FILE` shows them).
    pub event: String,
    /// Print the change as a unified diff instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// The fields of a new event (README "The timeline format").
#[derive(Debug, Clone, Default, Args)]
pub struct EventArgs {
    /// Its id (by default made from the title, numbered if taken).
    #[arg(long)]
    pub id: Option<String>,
    /// When it happened (README "Dates"), e.g. 2015-07-24, 2015-07~, 2015-07-24/2015-07-26.
    #[arg(long)]
    pub date: String,
    /// What happened, in a line.
    #[arg(long)]
    pub title: String,
    /// More about it.
    #[arg(long)]
    pub summary: Option<String>,
    /// Tags, comma-separated.
    #[arg(long)]
    pub tags: Option<String>,
    /// Ids of its actors, comma-separated.
    #[arg(long)]
    pub actors: Option<String>,
    /// Ids of related events, comma-separated.
    #[arg(long)]
    pub related: Option<String>,
    /// The researcher's notes.
    #[arg(long)]
    pub notes: Option<String>,
}

/// The fields of a new source (README "The timeline format"); `--quote -` reads the quote from standard input.
#[derive(Debug, Clone, Default, Args)]
pub struct SourceArgs {
    /// Who published it.
    #[arg(long)]
    pub outlet: String,
    /// Whom the outlet cites, if anyone.
    #[arg(long)]
    pub citing: Option<String>,
    /// reports, corroborates or confirms.
    #[arg(long)]
    pub stance: Option<String>,
    /// When it was published.
    #[arg(long)]
    pub date: Option<String>,
    /// The date it gives the event, when it differs.
    #[arg(long)]
    pub dated: Option<String>,
    /// The id of the reference (`[references]`) it was read in.
    #[arg(long)]
    pub via: Option<String>,
    /// Its words, verbatim (`-`: read them from standard input).
    #[arg(long)]
    pub quote: Option<String>,
    /// Where to read it.
    #[arg(long)]
    pub url: Option<String>,
    /// The outlet of the event's source it repeats.
    #[arg(long)]
    pub derived_from: Option<String>,
    /// Admiralty reliability, A to F.
    #[arg(long)]
    pub reliability: Option<String>,
    /// Admiralty credibility, 1 to 6.
    #[arg(long)]
    pub credibility: Option<String>,
    /// Ids of the event's claims it makes, comma-separated.
    #[arg(long)]
    pub claims: Option<String>,
}

/// The fields of a new denial (README "The timeline format"); `--quote -` reads the quote from standard input.
#[derive(Debug, Clone, Default, Args)]
pub struct DenialArgs {
    /// Who denied it (an actor id or a name).
    #[arg(long)]
    pub by: String,
    /// When.
    #[arg(long)]
    pub date: Option<String>,
    /// The id of the reference it was read in.
    #[arg(long)]
    pub via: Option<String>,
    /// The denial's words, verbatim (`-`: read them from standard input).
    #[arg(long)]
    pub quote: Option<String>,
    /// Where to read it.
    #[arg(long)]
    pub url: Option<String>,
    /// Ids of the event's claims it denies, comma-separated.
    #[arg(long)]
    pub claims: Option<String>,
}

/// The fields of a new claim (README "Claims").
#[derive(Debug, Clone, Default, Args)]
pub struct ClaimArgs {
    /// Its id, which sources and denials name in `claims`.
    #[arg(long)]
    pub id: String,
    /// What is claimed.
    #[arg(long)]
    pub text: String,
    /// A fact-check's verdict, in words.
    #[arg(long)]
    pub verdict: Option<String>,
    /// false, mostly-false, mixed, mostly-true or true.
    #[arg(long)]
    pub rating: Option<String>,
}

/// How to read a file in another tool's format (README "Spreadsheets and datasets").
#[derive(Debug, Clone, Default, Args)]
pub struct ImportArgs {
    /// Read numeric dates such as 01/04/2020 day first (1 April 2020).
    #[arg(long, conflicts_with = "month_first")]
    pub day_first: bool,
    /// Read numeric dates such as 01/04/2020 month first (4 January 2020).
    #[arg(long)]
    pub month_first: bool,
    /// The CSV separator: `,` `;` `|` or `tab` (by default it is read from the first lines).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Which columns are which, e.g. `date=event_date,title=event_type+location`.
    #[arg(long, value_name = "MAPPING", value_parser = crate::import::Mapping::parse_spec)]
    pub columns: Option<crate::import::Mapping>,
    /// Read the mapping from this TOML file (FILE.tlx-columns.toml beside FILE is read without it).
    #[arg(long, value_name = "FILE")]
    pub columns_file: Option<PathBuf>,
    /// The mapping of a well-known export: `acled`, `gdelt` (GDELT 2.0 events, no header row), or
    /// one kept in the config as [mappings.NAME]. What you say goes over what is found:
    /// --columns over --columns-file over --preset over FILE.tlx-columns.toml beside FILE.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Print a starter mapping file for FILE's columns, with tlx's guess for each, and stop.
    #[arg(long)]
    pub suggest_columns: bool,
}

impl ImportArgs {
    /// The importer's options these flags ask for: a preset (one of tlx's, or one of `config`,
    /// the config's named mappings), then the mapping file, then `--columns`, each over the one
    /// before. The error names the mapping file and where in it the mistake is.
    pub fn options(&self, config: &[(String, crate::import::Mapping)]) -> Result<crate::import::Options, String> {
        let order = match (self.day_first, self.month_first) {
            (true, _) => Some(crate::model::date::Order::DayFirst),
            (_, true) => Some(crate::model::date::Order::MonthFirst),
            _ => None,
        };
        let mut columns = match &self.preset {
            Some(name) => crate::import::preset(name, config)?,
            None => crate::import::Mapping::default(),
        };
        if let Some(path) = &self.columns_file {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let file = crate::import::Mapping::parse_toml(&path.display().to_string(), &text)?;
            columns = columns.and(&file);
        }
        if let Some(flag) = &self.columns {
            columns = columns.and(flag);
        }
        Ok(crate::import::Options {
            order,
            delimiter: self.delimiter,
            columns,
        })
    }
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "," | ";" | "|" | ":" => Ok(text.as_bytes()[0]),
        _ => Err("write one of , ; | or tab".into()),
    }
}

/// The `tlx config` subcommands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ConfigCommand {
    /// Print the path tlx reads its configuration from, whether or not the file exists.
    Path,
    /// Validate the configuration: exit 0 valid or absent, 1 errors found, 2 unreadable.
    Check,
    /// Print a commented configuration with every setting at its default.
    Default,
}

/// A knowledge date, as the explorer's `a` and strict keys set it.
#[derive(Debug, Clone, Default, Args)]
pub struct AsOfArgs {
    /// Only what was public by the end of this date (YYYY, YYYY-MM or YYYY-MM-DD, or today,
    /// yesterday, last week, 3 months ago, 2 years ago: days in UTC) counts.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// With --as-of, leave out an event whose evidence only the reference it was read in dates,
    /// until that date, instead of showing it as known by then at the latest.
    #[arg(long, requires = "as_of")]
    pub strict_as_of: bool,
}

impl AsOfArgs {
    /// The knowledge date the options describe.
    pub fn as_of(&self) -> Option<AsOf> {
        let date = self.as_of.clone()?;
        Some(AsOf::new(date).strict(self.strict_as_of))
    }
}

/// Options that narrow and order the events, as the explorer's filter, `a` and `s` keys do.
#[derive(Debug, Clone, Default, Args)]
pub struct ViewArgs {
    /// The knowledge date.
    #[command(flatten)]
    pub knowledge: AsOfArgs,
    /// Only events matching this query, e.g. 'denied-by:kremlin -tag:rumour after:2015-01' (README "Queries").
    #[arg(long, short, value_name = "QUERY")]
    pub query: Option<String>,
    /// The order of the events.
    #[arg(long, value_enum, default_value_t = Sort::Chronological)]
    pub sort: Sort,
}

/// A date as written, or a day relative to today (UTC) such as "last week".
fn parse_date(text: &str) -> Result<Date, String> {
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64 / crate::model::date::DAY);
    date_or_relative(text, crate::model::date::civil_from_days(today))
}

fn date_or_relative(text: &str, today: (i64, u8, u8)) -> Result<Date, String> {
    use crate::model::date::{RELATIVE_HINT, relative};
    Date::parse(text).or_else(|e| {
        relative(text, today).ok_or_else(|| {
            const WORDS: [&str; 12] = [
                "today",
                "now",
                "yesterday",
                "last",
                "ago",
                "day",
                "week",
                "month",
                "year",
                "days",
                "weeks",
                "months",
            ];
            let lower = text.to_lowercase();
            if lower.split_whitespace().any(|w| WORDS.contains(&w) || w == "years") {
                format!(
                    "\"{}\" is not a day tlx can count back to; write YYYY, YYYY-MM or YYYY-MM-DD, {RELATIVE_HINT}",
                    crate::text::line(text)
                )
            } else {
                format!("{}; {}, {RELATIVE_HINT}", e.message, e.hint)
            }
        })
    })
}

/// "500000", "200K", "64M", "2G" (binary units, either case) as a number of bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 10),
        Some((i, 'm' | 'M')) => (&text[..i], 20),
        Some((i, 'g' | 'G')) => (&text[..i], 30),
        _ => (text, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("write a number of bytes, or one with K, M or G: \"{text}\""))?;
    n.checked_mul(1 << shift).ok_or_else(|| format!("{text} is too large"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(super::parse_size("1000"), Ok(1000));
        assert_eq!(super::parse_size("64M"), Ok(64 << 20));
        assert_eq!(super::parse_size("2g"), Ok(2 << 30));
        assert_eq!(super::parse_size("5k"), Ok(5 << 10));
        assert!(super::parse_size("M").is_err() && super::parse_size("-1").is_err());
        assert!(super::parse_size("99999999999G").is_err());
    }

    #[test]
    fn as_of_takes_a_date_or_a_relative_day_and_says_which_spellings_exist() {
        let today = (2026, 12, 3);
        let date = |t| super::date_or_relative(t, today).map(|d| d.text().to_string());
        assert_eq!(date("2015-07").unwrap(), "2015-07");
        assert_eq!(date("last week").unwrap(), "2026-11-26");
        assert_eq!(date("3 months ago").unwrap(), "2026-09-03");
        let e = date("last fortnight").unwrap_err();
        assert!(
            e.starts_with("\"last fortnight\" is not a day tlx can count back to; write YYYY"),
            "{e}"
        );
        assert!(e.contains("3 months ago") && !e.contains("las\""), "{e}");
        let e = date("2015-13").unwrap_err();
        assert!(e.contains("month 13") && e.contains("last week"), "{e}");
    }
}
