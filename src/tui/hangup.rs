//! Noticing that the terminal hung up when no SIGHUP says so (the signal goes to the session's
//! controlling process, which need not be tlx).
//!
//! crossterm's reader retries a read of 0 bytes forever, so on a hung-up terminal it spins and
//! never returns. A thread waits in poll(2) instead, asking for no events: it sleeps, taking no
//! CPU and no input, until the kernel reports the hangup (POLLHUP) or an error.

use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

/// The terminal tlx reads keys from (standard input, or else `/dev/tty`), to wait on. Taken
/// before the waiting thread starts: a thread that starts late, after a hangup, could no longer
/// tell that standard input was a terminal, and would wait on nothing.
pub fn terminal() -> io::Result<OwnedFd> {
    if io::stdin().is_terminal() {
        io::stdin().as_fd().try_clone_to_owned()
    } else {
        Ok(std::fs::File::open("/dev/tty")?.into())
    }
}

/// True when `fd` reports a hangup or an error now, without waiting.
pub fn hung_up(fd: BorrowedFd<'_>) -> bool {
    let mut poll = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, borrowed for the duration of the call.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Blocks until `fd` reports a hangup or an error.
pub fn wait_on(fd: BorrowedFd<'_>) -> io::Result<()> {
    let mut poll = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd, borrowed for the duration of the call.
        let ready = unsafe { libc::poll(&mut poll, 1, -1) };
        if ready < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ok(());
        }
    }
}
