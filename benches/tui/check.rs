//! `tlx check FILE` outside the terminal: how long it takes and the memory it needs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process;

/// One check's cost.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// From start to exit.
    pub wall: Duration,
    /// The highest resident memory seen, polled every 5 ms (so a peak in the last 5 ms
    /// before exit can be missed).
    pub peak_rss_kib: u64,
    /// The highest anonymous memory seen, polled likewise.
    pub peak_anon_kib: u64,
}

/// Runs `tlx check` on a file that must have no errors; it is killed above `max_rss_kib`.
pub fn run(tlx: &Path, file: &Path, max_rss_kib: u64) -> Result<Checked, String> {
    let started = Instant::now();
    let mut child = Command::new(tlx)
        .arg("check")
        .args(["--max-size", crate::MAX_SIZE])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", tlx.display()))?;
    let (mut peak, mut peak_anon) = (0, 0);
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let wall = started.elapsed();
            return match status.code() {
                Some(0) => Ok(Checked {
                    wall,
                    peak_rss_kib: peak,
                    peak_anon_kib: peak_anon,
                }),
                code => Err(format!("tlx check exited with {code:?}")),
            };
        }
        peak = peak.max(process::peak_rss_kib(child.id()).unwrap_or(0));
        peak_anon = peak_anon.max(process::anon_kib(child.id()).unwrap_or(0));
        if process::rss_kib(child.id()).unwrap_or(0) > max_rss_kib {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "tlx check stopped at {} MiB, over the --max-rss-mib cap",
                peak / 1024
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
