//! The temporary files being written, so that a signal that ends tlx takes them with it. A
//! million events' export takes seconds; Ctrl-C or a hangup meanwhile left a hidden `.tlx-*`
//! file beside the user's, as large as what was written of it (375 MB after 1.5 s).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Every thread's temporary files, from just after their creation until they are renamed into
/// place or dropped.
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn writing() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked holding the lock left the list whole (a push or a removal).
    WRITING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file being written, listed until this is dropped: after the rename, or with the
/// file itself.
pub(super) struct Unfinished(PathBuf);

impl Unfinished {
    pub(super) fn new(path: &Path) -> Unfinished {
        writing().push(path.to_path_buf());
        Unfinished(path.to_path_buf())
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        let mut list = writing();
        if let Some(i) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(i);
        }
    }
}

/// True while `path` is listed as a temporary file being written.
#[cfg(test)]
pub(super) fn listed(path: &Path) -> bool {
    writing().iter().any(|p| p == path)
}

/// Removes every temporary file being written, for a process about to end on a signal. The list
/// stays locked, so a write that has yet to list its file waits there until the process ends
/// rather than go on writing it.
pub fn remove_unfinished() {
    let mut list = writing();
    for path in list.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    std::mem::forget(list);
}

/// Ends tlx at SIGINT, SIGTERM or SIGHUP as the signal's own action would, once the temporary
/// files being written are removed: for the commands. (The explorer watches its signals itself,
/// restores the terminal, then calls [`remove_unfinished`].) A signal the process was started
/// ignoring (`nohup`'s SIGHUP, SIGINT for a shell script's job in the background) stays ignored.
#[cfg(unix)]
pub fn remove_unfinished_at_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP].into_iter().filter(|&s| !ignored(s)).collect();
    let mut signals = signal_hook::iterator::Signals::new(watched)?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_unfinished();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

/// Without Unix signals there is nothing to watch.
#[cfg(not(unix))]
pub fn remove_unfinished_at_signals() -> io::Result<()> {
    Ok(())
}

/// True when the process ignores `signal`, as it was started.
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    // SAFETY: a null new action only reads the current one into `old`, which is zeroed memory
    // of the right type and size.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}
