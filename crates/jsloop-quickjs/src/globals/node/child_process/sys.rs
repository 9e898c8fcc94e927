//! The system calls of the child-process natives, on raw descriptors.

use std::os::fd::{FromRawFd, OwnedFd, RawFd};

/// The negative errno of an I/O error (`EIO` if it has none).
pub(super) fn errno_of(e: &std::io::Error) -> i32 {
    -e.raw_os_error().unwrap_or(libc::EIO)
}

/// The last OS error as a negative errno.
pub(super) fn last_errno() -> i32 {
    errno_of(&std::io::Error::last_os_error())
}

/// A pidfd for child `pid`: readable once it exits (Linux 5.3 and later).
pub(super) fn pidfd_open(pid: u32) -> Option<OwnedFd> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: pidfd_open takes a pid and flags and returns a new
        // descriptor or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
        let fd = RawFd::try_from(fd).ok().filter(|fd| *fd >= 0)?;
        // SAFETY: `fd` is a fresh descriptor nothing else owns.
        Some(unsafe { OwnedFd::from_raw_fd(fd) })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        None
    }
}

/// Puts `fd` in non-blocking mode.
pub(super) fn set_nonblocking(fd: RawFd) {
    // SAFETY: fcntl on a descriptor we own; only the status flags change.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
    }
}

/// Sends `signal` to `pid`: 0 or a negative errno.
pub(super) fn kill(pid: u32, signal: i32) -> i32 {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return -libc::ESRCH;
    };
    // SAFETY: kill takes plain integers.
    if unsafe { libc::kill(pid, signal) } == 0 {
        0
    } else {
        last_errno()
    }
}

/// Writes what `fd` takes of `data` now.
///
/// # Errors
///
/// The write's error (`EPIPE` when the reader is gone); `WouldBlock`
/// counts as 0 bytes written.
pub(super) fn write_some(fd: RawFd, data: &[u8]) -> std::io::Result<usize> {
    let mut done = 0;
    while done < data.len() {
        let rest = &data[done..];
        // SAFETY: `rest` is a live slice of `rest.len()` bytes.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n >= 0 {
            done += n as usize;
            continue;
        }
        let e = std::io::Error::last_os_error();
        match e.kind() {
            std::io::ErrorKind::Interrupted => {}
            std::io::ErrorKind::WouldBlock => return Ok(done),
            _ => return Err(e),
        }
    }
    Ok(done)
}

/// Where a read left a pipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReadState {
    /// Nothing more for now (`WouldBlock`).
    Drained,
    /// The limit was reached with more maybe waiting.
    More,
    /// End of file, or an error.
    Ended,
}

/// Reads everything `fd` has now into `buf`; returns whether the stream
/// ended (end of file or an error).
pub(super) fn read_available(fd: RawFd, buf: &mut Vec<u8>) -> bool {
    read_some(fd, buf, usize::MAX) == ReadState::Ended
}

/// Reads what `fd` has now into `buf`, at most `chunks` reads of 64 KiB.
pub(super) fn read_some(fd: RawFd, buf: &mut Vec<u8>, chunks: usize) -> ReadState {
    let mut chunk = [0u8; 65536];
    for _ in 0..chunks {
        // SAFETY: `chunk` is a live buffer of `chunk.len()` bytes.
        let n = unsafe { libc::read(fd, chunk.as_mut_ptr().cast(), chunk.len()) };
        if n > 0 {
            buf.extend_from_slice(&chunk[..n as usize]);
            continue;
        }
        if n == 0 {
            return ReadState::Ended;
        }
        match std::io::Error::last_os_error().kind() {
            std::io::ErrorKind::Interrupted => {}
            std::io::ErrorKind::WouldBlock => return ReadState::Drained,
            _ => return ReadState::Ended,
        }
    }
    ReadState::More
}
