//! The `tlx` binary: parse the command line, run a subcommand, map the outcome to an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use tlx::cli::{Cli, Command};
use tlx::cmd;

// Loading a large timeline makes tens of millions of small allocations, many on one thread and
// freed on another. glibc's allocator made those threads contend (a million-event CSV took 11 s
// to import, 4 s with jemalloc); mimalloc returned memory to the system between batches and
// faulted it back in, so its times varied by 2x.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        None => cmd::explore::run(&cli.files, cli.config.as_deref(), cli.max_size, &mut out),
        Some(Command::Check { files, pedantic }) => cmd::check::run(&files, pedantic, cli.max_size, &mut out),
        Some(Command::List { file, view }) => cmd::list::run(file.as_deref(), &view, cli.max_size, &mut out),
        Some(Command::Show { id, file }) => cmd::show::run(&id, file.as_deref(), cli.max_size, &mut out),
        Some(Command::Export {
            format,
            view,
            file,
            output,
        }) => cmd::export::run(
            format,
            &view,
            file.as_deref(),
            output.as_deref(),
            cli.max_size,
            &mut out,
        ),
        Some(Command::Import { file, output, reading }) => {
            cmd::import::run(&file, output.as_deref(), &reading, cli.max_size, &mut out)
        }
        Some(Command::Notes { files }) => cmd::notes::run(&files, cli.max_size, &mut out),
        Some(Command::Schema) => cmd::schema::run(&mut out),
        Some(Command::New { file }) => cmd::new::run(&file, &mut out),
        Some(Command::Config { command }) => cmd::config::run(command, cli.config.as_deref(), cli.max_size, &mut out),
        Some(Command::Completions { shell }) => cmd::completions::run(shell, &mut out),
        Some(Command::Man) => cmd::man::run(&mut out),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        // A closed pipe (`tlx list | head -1`) means the reader has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "tlx: {e}");
            ExitCode::from(2)
        }
    }
}
