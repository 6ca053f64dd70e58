//! `tlx completions SHELL`: a completion script generated from the clap definitions.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Prints the script for `shell`.
pub fn run(shell: Shell, out: &mut dyn Write) -> io::Result<ExitCode> {
    // Generated into memory: clap_complete panics on a failed write, and a closed pipe is no error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tlx", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
