//! `spawnSync`: runs a child to its end on the calling thread (Node's
//! `SyncProcessRunner`): input written and output read with `poll(2)`,
//! the exit seen through a pidfd, a timeout and an output limit that kill
//! the child with the kill signal.

use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use super::spawn::Spec;
use super::sys;

/// What a finished `spawnSync` reports.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// 0 if the child never started.
    pub(super) pid: u32,
    pub(super) status: Option<i32>,
    pub(super) signal: Option<i32>,
    pub(super) stdout: Option<Vec<u8>>,
    pub(super) stderr: Option<Vec<u8>>,
    /// 0, or a negative errno (`ENOENT`, `ETIMEDOUT`, `ENOBUFS`...).
    pub(super) error: i32,
}

/// The limits of a run.
#[derive(Debug)]
pub(super) struct Limits {
    pub(super) timeout: Option<Duration>,
    pub(super) kill_signal: i32,
    /// The most output bytes (stdout and stderr together) before the kill.
    pub(super) max_buffer: Option<usize>,
}

/// Runs `spec` to its end, writing `input` to its standard input.
pub(super) fn run(spec: &Spec, input: Option<&[u8]>, limits: &Limits) -> Outcome {
    let mut child = match spec.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Outcome {
                error: sys::errno_of(&e),
                ..Outcome::default()
            }
        }
    };
    let pid = child.id();
    let pidfd = sys::pidfd_open(pid);
    let mut stdin: Option<OwnedFd> = child.stdin.take().map(OwnedFd::from);
    let input = input.unwrap_or_default();
    if input.is_empty() {
        stdin = None;
    }
    let mut outs: [Option<OwnedFd>; 2] = [
        child.stdout.take().map(OwnedFd::from),
        child.stderr.take().map(OwnedFd::from),
    ];
    let mut bufs = [
        outs[0].as_ref().map(|_| Vec::new()),
        outs[1].as_ref().map(|_| Vec::new()),
    ];
    for fd in stdin.iter().chain(outs.iter().flatten()) {
        sys::set_nonblocking(fd.as_raw_fd());
    }
    let deadline = limits.timeout.map(|t| Instant::now() + t);
    let mut written = 0;
    let mut status = None;
    let mut error = 0;
    let killed = std::cell::Cell::new(false);
    let kill = |error: &mut i32, why: i32| {
        if !killed.replace(true) {
            *error = why;
            sys::kill(pid, limits.kill_signal);
        }
    };
    loop {
        if status.is_none() {
            status = child.try_wait().ok().flatten();
        }
        if status.is_some() && outs.iter().all(Option::is_none) {
            break;
        }
        let mut fds = Vec::with_capacity(4);
        let watch = |fds: &mut Vec<libc::pollfd>, fd: Option<&OwnedFd>, events| {
            fds.push(libc::pollfd {
                fd: fd.map_or(-1, AsRawFd::as_raw_fd),
                events,
                revents: 0,
            });
        };
        watch(&mut fds, stdin.as_ref(), libc::POLLOUT);
        watch(&mut fds, outs[0].as_ref(), libc::POLLIN);
        watch(&mut fds, outs[1].as_ref(), libc::POLLIN);
        let exit_fd = if status.is_none() {
            pidfd.as_ref()
        } else {
            None
        };
        watch(&mut fds, exit_fd, libc::POLLIN);
        let mut wait_ms: i32 = match deadline {
            Some(at) if !killed.get() => {
                let left = at.saturating_duration_since(Instant::now());
                i32::try_from(left.as_micros().div_ceil(1000)).unwrap_or(i32::MAX)
            }
            _ => -1,
        };
        if status.is_none() && pidfd.is_none() {
            // No pidfd (an old kernel): look for the exit now and then.
            wait_ms = if wait_ms < 0 { 10 } else { wait_ms.min(10) };
        }
        // SAFETY: `fds` is a live array of `fds.len()` pollfd records.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            kill(&mut error, sys::last_errno());
            break;
        }
        if deadline.is_some_and(|at| Instant::now() >= at) {
            kill(&mut error, -libc::ETIMEDOUT);
        }
        if fds[0].revents != 0 {
            if let Some(fd) = &stdin {
                match sys::write_some(fd.as_raw_fd(), &input[written..]) {
                    Ok(k) => written += k,
                    Err(_) => written = input.len(),
                }
            }
            if written >= input.len() {
                stdin = None;
            }
        }
        for i in 0..2 {
            if fds[i + 1].revents == 0 {
                continue;
            }
            let (Some(fd), Some(buf)) = (&outs[i], &mut bufs[i]) else {
                continue;
            };
            if sys::read_available(fd.as_raw_fd(), buf) {
                outs[i] = None;
            }
        }
        let total = bufs.iter().flatten().map(Vec::len).sum::<usize>();
        if limits.max_buffer.is_some_and(|max| total > max) {
            kill(&mut error, -libc::ENOBUFS);
        }
    }
    let status = status.or_else(|| child.wait().ok());
    let [stdout, stderr] = bufs;
    Outcome {
        pid,
        status: status.and_then(|s| s.code()),
        signal: status.and_then(|s| s.signal()),
        stdout,
        stderr,
        error,
    }
}
