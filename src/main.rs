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
#[cfg(all(not(windows), feature = "jemalloc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Not locked for the whole run: the explorer's signal watchdog and panic hook take stdout
    // from other threads to restore the terminal (the buffer keeps the writes few).
    let mut out = io::BufWriter::new(io::stdout());
    // A command cut short by a signal takes its temporary files with it. (The explorer watches
    // its own signals.)
    if cli.command.is_some()
        && let Err(e) = tlx::atomic::remove_unfinished_at_signals()
    {
        let _ = writeln!(io::stderr(), "tlx: cannot watch for signals: {e}");
    }
    let result = match cli.command {
        None => cmd::explore::run(&cli.files, cli.config.as_deref(), cli.max_size, &mut out),
        Some(Command::Check { files, pedantic, all }) => cmd::check::run(&files, pedantic, all, cli.max_size, &mut out),
        Some(Command::List { files, ids, view }) => cmd::list::run(&files, &view, ids, cli.max_size, &mut out),
        Some(Command::Show { id, files, knowledge }) => {
            cmd::show::run(&id, &files, knowledge.as_of().as_ref(), cli.max_size, &mut out)
        }
        Some(Command::Export {
            format,
            view,
            files,
            output,
        }) => cmd::export::run(format, &view, &files, output.as_deref(), cli.max_size, &mut out),
        Some(Command::Import {
            file,
            output,
            keep_going,
            reading,
        }) => cmd::import::run(
            &file,
            output.as_deref(),
            keep_going,
            &reading,
            cli.config.as_deref(),
            cli.max_size,
            &mut out,
        ),
        Some(Command::Notes { files }) => cmd::notes::run(&files, cli.max_size, &mut out),
        Some(Command::Add { file, event, dry_run }) => {
            cmd::add::run(&file, cmd::add::What::Event(&event), dry_run, cli.max_size, &mut out)
        }
        Some(Command::AddSource { to, source }) => {
            cmd::add::to(&to, cmd::add::What::Source(&to.event, &source), cli.max_size, &mut out)
        }
        Some(Command::AddDenial { to, denial }) => {
            cmd::add::to(&to, cmd::add::What::Denial(&to.event, &denial), cli.max_size, &mut out)
        }
        Some(Command::AddClaim { to, claim }) => {
            cmd::add::to(&to, cmd::add::What::Claim(&to.event, &claim), cli.max_size, &mut out)
        }
        Some(Command::Schema) => cmd::schema::run(&mut out),
        Some(Command::New { file }) => cmd::new::run(&file, &mut out),
        Some(Command::Config { command }) => cmd::config::run(command, cli.config.as_deref(), cli.max_size, &mut out),
        Some(Command::Completions { shell }) => cmd::completions::run(shell, &mut out),
        Some(Command::Man) => cmd::man::run(&mut out),
    };
    // A closed pipe (`tlx list | head -1`) means the reader has what it wanted; the code still
    // says what was found (`tlx check bad.toml | head` exits 1, for `set -o pipefail`).
    // Nor does a failed last flush replace a code that already says something went wrong: a
    // terminal that hung up under the explorer (129) cannot take its last bytes either.
    let result = result.and_then(|code| match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) if code != ExitCode::SUCCESS => {
            let _ = writeln!(io::stderr(), "tlx: {e}");
            Ok(code)
        }
        flushed => flushed.map(|()| code),
    });
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "tlx: {e}");
            ExitCode::from(2)
        }
    }
}
