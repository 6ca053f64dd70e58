//! Noticing that the terminal hung up when no SIGHUP says so (the signal goes to the session's
//! controlling process, which need not be tlx).
//!
//! crossterm's reader retries a read of 0 bytes forever, so on a hung-up terminal it spins and
//! never returns. A thread waits in poll(2) instead, asking for no events: it sleeps, taking no
//! CPU and no input, until the kernel reports the hangup (POLLHUP) or an error.
//!
//! Only a Unix terminal hangs up this way; elsewhere [`Tty::open`] finds nothing to watch.

use std::io;
#[cfg(unix)]
use std::io::IsTerminal;
#[cfg(unix)]
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

/// The terminal tlx reads keys from (standard input, or else `/dev/tty`), to wait on. Taken
/// before the waiting thread starts: a thread that starts late, after a hangup, could no longer
/// tell that standard input was a terminal, and would wait on nothing.
pub struct Tty(#[cfg(unix)] OwnedFd);

#[cfg(unix)]
impl Tty {
    /// The terminal, when there is one to watch.
    pub fn open() -> io::Result<Tty> {
        let fd = if io::stdin().is_terminal() {
            io::stdin().as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        Ok(Tty(fd))
    }

    /// True when the terminal reports a hangup or an error now, without waiting.
    pub fn hung_up(&self) -> bool {
        hung_up(self.0.as_fd())
    }

    /// Blocks until the terminal reports a hangup or an error.
    pub fn wait(&self) -> io::Result<()> {
        wait_on(self.0.as_fd())
    }
}

#[cfg(not(unix))]
impl Tty {
    /// Nothing to watch: the terminal does not hang up as a Unix one does.
    pub fn open() -> io::Result<Tty> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// Never: see [`Tty::open`].
    pub fn hung_up(&self) -> bool {
        false
    }

    /// Never returns `Ok`: see [`Tty::open`].
    pub fn wait(&self) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// True for the error a read or write on a hung-up terminal gives (EIO).
pub fn is_hangup(e: &io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::EIO);
    #[cfg(not(unix))]
    return {
        let _ = e;
        false
    };
}

/// True when `fd` reports a hangup or an error now, without waiting.
#[cfg(unix)]
pub(super) fn hung_up(fd: BorrowedFd<'_>) -> bool {
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
#[cfg(unix)]
pub(super) fn wait_on(fd: BorrowedFd<'_>) -> io::Result<()> {
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
