//! `tlx man`: the manual page, in roff, generated from the clap definitions.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the page.
pub fn run(out: &mut dyn Write) -> io::Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
