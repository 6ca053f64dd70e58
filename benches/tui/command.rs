//! A tlx command outside the terminal (`tlx check FILE`, `tlx export ... FILE`): how long it
//! takes and the memory it needs.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process;

/// One command's cost.
#[derive(Debug, Clone, Copy)]
pub struct Ran {
    /// From start to exit.
    pub wall: Duration,
    /// The highest resident memory seen, polled every 5 ms (so a peak in the last 5 ms
    /// before exit can be missed).
    pub peak_rss_kib: u64,
    /// The highest anonymous memory seen, polled likewise.
    pub peak_anon_kib: u64,
}

/// Runs tlx with `args` (a command on a file that must have no errors); it is killed above
/// `max_rss_kib`.
pub fn run(tlx: &Path, args: &[OsString], max_rss_kib: u64) -> Result<Ran, String> {
    let name = args
        .first()
        .map_or("tlx".into(), |c| format!("tlx {}", c.to_string_lossy()));
    let started = Instant::now();
    let mut child = Command::new(tlx)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", tlx.display()))?;
    let (mut peak, mut peak_anon) = (0, 0);
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let wall = started.elapsed();
            return match status.code() {
                Some(0) => Ok(Ran {
                    wall,
                    peak_rss_kib: peak,
                    peak_anon_kib: peak_anon,
                }),
                code => Err(format!("{name} exited with {code:?}")),
            };
        }
        peak = peak.max(process::peak_rss_kib(child.id()).unwrap_or(0));
        peak_anon = peak_anon.max(process::anon_kib(child.id()).unwrap_or(0));
        if process::rss_kib(child.id()).unwrap_or(0) > max_rss_kib {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{name} stopped at {} MiB, over the --max-rss-mib cap",
                peak / 1024
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
