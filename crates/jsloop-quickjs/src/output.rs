//! Where `console` and error reports write: the process's stdout and
//! stderr, or buffers a test can read.

use std::cell::RefCell;
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
}

impl Output {
    /// Writes to the process's stdout and stderr.
    pub fn process() -> Self {
        Self { captured: None }
    }

    /// Keeps everything written, for [`Output::captured`].
    pub fn capture() -> Self {
        Self {
            captured: Some(Rc::default()),
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
            None => {
                // A closed pipe is not the script's error: drop the text.
                let _ = match stream {
                    Stream::Stdout => std::io::stdout().lock().write_all(text.as_bytes()),
                    Stream::Stderr => std::io::stderr().lock().write_all(text.as_bytes()),
                };
            }
        }
    }

    /// Writes raw `bytes` to `stream` (kept as lossy UTF-8 when captured).
    pub fn write_bytes(&self, stream: Stream, bytes: &[u8]) {
        match &self.captured {
            Some(_) => self.write(stream, &String::from_utf8_lossy(bytes)),
            None => {
                // A closed pipe is not the script's error: drop the bytes.
                let _ = match stream {
                    Stream::Stdout => std::io::stdout().lock().write_all(bytes),
                    Stream::Stderr => std::io::stderr().lock().write_all(bytes),
                };
            }
        }
    }

    /// Flushes the process's streams.
    pub fn flush(&self) {
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
