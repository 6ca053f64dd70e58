//! What Linux's /proc tells about a running program: its memory and the CPU time it used.

use std::time::Duration;

/// Clock ticks per second of /proc's CPU times (USER_HZ, fixed at 100 in Linux's user ABI).
const USER_HZ: u64 = 100;

/// Resident memory now, in KiB.
pub fn rss_kib(pid: u32) -> Option<u64> {
    status_field(pid, "VmRSS:")
}

/// Resident anonymous memory now (the heap and stacks, not the file's mapped or cached pages), in KiB.
pub fn anon_kib(pid: u32) -> Option<u64> {
    status_field(pid, "RssAnon:")
}

/// The highest resident memory so far (the "high water mark"), in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    status_field(pid, "VmHWM:")
}

/// User plus system CPU time of all the program's threads so far, at 10 ms resolution.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold spaces; the fields after it are plain.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / USER_HZ))
}

/// The CPU time the program uses over `window` while nothing is asked of it.
pub fn cpu_while_idle(pid: u32, window: Duration) -> Option<Duration> {
    let before = cpu_time(pid)?;
    std::thread::sleep(window);
    Some(cpu_time(pid)?.saturating_sub(before))
}

fn status_field(pid: u32, name: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}
