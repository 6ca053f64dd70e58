//! `tlx schema`: the JSON Schema of the timeline format (the file in `assets/`).

use std::io::{self, Write};
use std::process::ExitCode;

/// Prints the schema.
pub fn run(out: &mut dyn Write) -> io::Result<ExitCode> {
    writeln!(out, "{}", crate::schema::json())?;
    Ok(ExitCode::SUCCESS)
}
