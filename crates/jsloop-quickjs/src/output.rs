//! Where `console` and error reports write: the process's stdout and
//! stderr, or buffers a test can read.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Write;
use std::rc::Rc;

/// A stream of a JavaScript process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output (`console.log`, `info`, `debug`).
    Stdout,
    /// Standard error (`console.error`, `warn`, fatal errors).
    Stderr,
}

#[derive(Debug, Default)]
struct Captured {
    stdout: String,
    stderr: String,
}

/// How an asynchronous write to a pipe went (see [`Output::write_async`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// All written at once.
    Done,
    /// Queued behind a full pipe: written when the pipe has room.
    Queued,
    /// Failed with this errno (`EPIPE` when the reader is gone).
    Failed(i32),
}

/// One chunk waiting for a pipe: its bytes, how much is written, and the
/// write's sequence number (0 for console output, which nobody awaits).
#[derive(Debug)]
struct Chunk {
    bytes: Vec<u8>,
    done: usize,
    seq: u64,
}

/// The queue of a stdout or stderr pipe made non-blocking (as libuv's).
#[derive(Default)]
struct Pipe {
    queue: VecDeque<Chunk>,
    /// Called when the queue stops being empty (to watch the pipe).
    wake: Option<Rc<dyn Fn()>>,
    /// The reader is gone: everything later is dropped.
    broken: bool,
}

impl std::fmt::Debug for Pipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipe")
            .field("queued", &self.queue.len())
            .finish()
    }
}

fn fd_of(stream: Stream) -> i32 {
    match stream {
        Stream::Stdout => 1,
        Stream::Stderr => 2,
    }
}

/// Writes as much of `bytes` as the non-blocking `fd` takes: the count,
/// or the errno (`EAGAIN` when full).
fn write_some(fd: i32, bytes: &[u8]) -> Result<usize, i32> {
    loop {
        // SAFETY: `bytes` is a live slice of `bytes.len()` bytes.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if let Ok(n) = usize::try_from(n) {
            return Ok(n);
        }
        let errno = std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO);
        if errno != libc::EINTR {
            return Err(errno);
        }
    }
}

/// Writes all of `bytes` to `fd`, waiting while it is full (it may be
/// non-blocking when stdout and stderr share a pipe); an error drops the
/// rest and is returned as its errno.
fn write_blocking(fd: i32, mut bytes: &[u8]) -> Result<(), i32> {
    while !bytes.is_empty() {
        match write_some(fd, bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(libc::EAGAIN) => {
                let mut p = libc::pollfd {
                    fd,
                    events: libc::POLLOUT,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                unsafe { libc::poll(&mut p, 1, -1) };
            }
            Err(errno) => return Err(errno),
        }
    }
    Ok(())
}

/// Writes the front of `pipe`'s queue until it is empty or a write
/// comes up short (the pipe is full); returns the finished writes' sequence numbers with their errno
/// (0 for success).
fn drain(fd: i32, pipe: &mut Pipe) -> Vec<(u64, i32)> {
    let mut finished = Vec::new();
    while let Some(front) = pipe.queue.front_mut() {
        match write_some(fd, &front.bytes[front.done..]) {
            Ok(n) => {
                front.done += n;
                if front.done < front.bytes.len() {
                    break;
                }
            }
            Err(libc::EAGAIN) => break,
            Err(errno) => {
                pipe.broken = true;
                finished.extend(pipe.queue.drain(..).map(|c| (c.seq, errno)));
                break;
            }
        }
        if let Some(c) = pipe.queue.pop_front() {
            finished.push((c.seq, 0));
        }
    }
    finished.retain(|(seq, _)| *seq != 0);
    finished
}

/// The output sink of a [`Runtime`](crate::Runtime).
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{Output, Stream};
///
/// let out = Output::capture();
/// out.write(Stream::Stdout, "hi\n");
/// assert_eq!(out.captured(Stream::Stdout), "hi\n");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Output {
    captured: Option<Rc<RefCell<Captured>>>,
    /// stdout and stderr when they are pipes written asynchronously.
    pipes: Rc<RefCell<[Option<Pipe>; 2]>>,
}

impl Output {
    /// Writes to the process's stdout and stderr.
    pub fn process() -> Self {
        Self::default()
    }

    /// Keeps everything written, for [`Output::captured`].
    pub fn capture() -> Self {
        Self {
            captured: Some(Rc::default()),
            pipes: Rc::default(),
        }
    }

    /// Writes `text` to `stream`.
    pub fn write(&self, stream: Stream, text: &str) {
        match &self.captured {
            Some(c) => {
                let mut c = c.borrow_mut();
                match stream {
                    Stream::Stdout => c.stdout.push_str(text),
                    Stream::Stderr => c.stderr.push_str(text),
                }
            }
            None => self.write_bytes(stream, text.as_bytes()),
        }
    }

    /// Writes raw `bytes` to `stream` (kept as lossy UTF-8 when captured).
    /// An error (a closed pipe) drops the bytes.
    pub fn write_bytes(&self, stream: Stream, bytes: &[u8]) {
        let _ = self.try_write(stream, bytes);
    }

    /// Writes `bytes` to `stream` as [`Output::write_bytes`] does (queued
    /// behind a full asynchronous pipe); the errno when the write fails,
    /// e.g. `EPIPE` when the reader is gone.
    pub(crate) fn try_write(&self, stream: Stream, bytes: &[u8]) -> Result<(), i32> {
        match &self.captured {
            Some(_) => {
                self.write(stream, &String::from_utf8_lossy(bytes));
                Ok(())
            }
            None if self.is_async(stream) => match self.write_async(stream, bytes.to_vec(), 0) {
                Written::Failed(errno) => Err(errno),
                Written::Done | Written::Queued => Ok(()),
            },
            None => {
                let _ = match stream {
                    Stream::Stdout => std::io::stdout().lock().flush(),
                    Stream::Stderr => std::io::stderr().lock().flush(),
                };
                write_blocking(fd_of(stream), bytes)
            }
        }
    }

    /// Makes `stream` (a pipe) asynchronous, as libuv's pipes: it turns
    /// non-blocking, and `wake` is called each time its queue of pending
    /// writes stops being empty. Blocking mode comes back at [`Output::flush`].
    /// False when the output is captured (writes stay synchronous).
    pub(crate) fn make_async(&self, stream: Stream, wake: Rc<dyn Fn()>) -> bool {
        if self.captured.is_some() {
            return false;
        }
        if self.is_async(stream) {
            return true;
        }
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        set_nonblocking(fd_of(stream), true);
        self.pipes.borrow_mut()[fd_of(stream) as usize - 1] = Some(Pipe {
            wake: Some(wake),
            ..Pipe::default()
        });
        true
    }

    /// Whether output is kept for [`Output::captured`].
    pub(crate) fn is_captured(&self) -> bool {
        self.captured.is_some()
    }

    /// Whether `stream` was made asynchronous.
    pub(crate) fn is_async(&self, stream: Stream) -> bool {
        self.pipes.borrow()[fd_of(stream) as usize - 1].is_some()
    }

    /// Writes `bytes` to an asynchronous `stream` at once, or queues them
    /// behind earlier writes as write `seq` (finished by [`Output::drain`]).
    pub(crate) fn write_async(&self, stream: Stream, bytes: Vec<u8>, seq: u64) -> Written {
        let fd = fd_of(stream);
        let wake = {
            let mut pipes = self.pipes.borrow_mut();
            let Some(pipe) = pipes[fd as usize - 1].as_mut() else {
                return Written::Failed(libc::EBADF);
            };
            if pipe.broken {
                return Written::Failed(libc::EPIPE);
            }
            let mut done = 0;
            if pipe.queue.is_empty() {
                // One attempt, as libuv's: a short write waits for room
                // rather than racing a reader that drains the pipe.
                match write_some(fd, &bytes) {
                    Ok(n) => done = n,
                    Err(libc::EAGAIN) => {}
                    Err(errno) => {
                        pipe.broken = true;
                        return Written::Failed(errno);
                    }
                }
                if done == bytes.len() {
                    return Written::Done;
                }
            }
            let first = pipe.queue.is_empty();
            pipe.queue.push_back(Chunk { bytes, done, seq });
            if first {
                pipe.wake.clone()
            } else {
                None
            }
        };
        if let Some(wake) = wake {
            wake();
        }
        Written::Queued
    }

    /// Writes what the pipe of `stream` takes now: the finished writes
    /// (sequence number, errno or 0) and whether the queue is empty.
    pub(crate) fn drain(&self, stream: Stream) -> (Vec<(u64, i32)>, bool) {
        let fd = fd_of(stream);
        let mut pipes = self.pipes.borrow_mut();
        match pipes[fd as usize - 1].as_mut() {
            Some(pipe) => (drain(fd, pipe), pipe.queue.is_empty()),
            None => (Vec::new(), true),
        }
    }

    /// Flushes the process's streams.
    pub fn flush(&self) {
        for stream in [Stream::Stdout, Stream::Stderr] {
            let fd = fd_of(stream);
            let Some(mut pipe) = self.pipes.borrow_mut()[fd as usize - 1].take() else {
                continue;
            };
            // What is still queued goes out before the process ends,
            // blocking, and the pipe is left blocking as it was found.
            set_nonblocking(fd, false);
            if !pipe.broken {
                for c in pipe.queue.drain(..) {
                    if write_blocking(fd, &c.bytes[c.done..]).is_err() {
                        break;
                    }
                }
            }
        }
        if self.captured.is_none() {
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
        }
    }

    /// What was written to `stream` (empty unless made by [`Output::capture`]).
    pub fn captured(&self, stream: Stream) -> String {
        match &self.captured {
            Some(c) => match stream {
                Stream::Stdout => c.borrow().stdout.clone(),
                Stream::Stderr => c.borrow().stderr.clone(),
            },
            None => String::new(),
        }
    }
}

/// Sets or clears `O_NONBLOCK` on `fd`.
fn set_nonblocking(fd: i32, on: bool) {
    // SAFETY: fcntl on a standard descriptor; only its status flags change.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            let flags = if on {
                flags | libc::O_NONBLOCK
            } else {
                flags & !libc::O_NONBLOCK
            };
            libc::fcntl(fd, libc::F_SETFL, flags);
        }
    }
}
