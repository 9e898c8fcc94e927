//! The file-system operations, as plain Rust on owned data: each runs on
//! the loop thread (the `*Sync` forms) or on a pool thread (the others)
//! and returns an [`Out`] or Node's [`FsError`]. By what they act on:
//! descriptors and whole files ([`fd`]), directories ([`dir`]), paths
//! ([`paths`]).

mod dir;
mod fd;
mod paths;

pub(crate) use dir::*;
pub(crate) use fd::*;
pub(crate) use paths::*;

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::{FromRawFd, RawFd};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::errors::FsError;

/// What an operation hands back to JavaScript.
#[derive(Debug)]
pub(crate) enum Out {
    Undefined,
    Bool(bool),
    Number(f64),
    Bytes(Vec<u8>),
    /// Text (a file read as UTF-8).
    Text(String),
    /// A path (shown lossily) or `undefined`.
    Path(Option<Vec<u8>>),
    /// The numbers of a `Stats`.
    Stats(Vec<f64>),
    /// Directory entries: name, parent (relative to the listed directory,
    /// empty for itself) and kind (`DIRENT_*` of `fs.constants`).
    Entries(Vec<(Vec<u8>, Vec<u8>, u8)>),
}

/// The result of an operation.
pub(crate) type OpResult = Result<Out, FsError>;

/// A path from its bytes.
pub(crate) fn path(p: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(p))
}

fn fail<'a>(syscall: &'static str, p: &'a [u8]) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |e| FsError::new(&e, syscall, Some(p))
}

/// Borrows a raw descriptor as a `File` without closing it.
fn borrow_fd(fd: RawFd) -> ManuallyDrop<File> {
    // SAFETY: the descriptor is the script's; the `File` is never dropped,
    // so it is not closed here. A bad descriptor fails the calls (EBADF).
    ManuallyDrop::new(unsafe { File::from_raw_fd(fd) })
}

fn cpath(p: &[u8], syscall: &'static str) -> Result<std::ffi::CString, FsError> {
    std::ffi::CString::new(p).map_err(|_| FsError::errno(libc::ENOENT, syscall, Some(p)))
}

/// A time from seconds since the epoch.
fn time(secs: f64) -> SystemTime {
    if secs >= 0.0 {
        UNIX_EPOCH + Duration::from_secs_f64(secs)
    } else {
        UNIX_EPOCH - Duration::from_secs_f64(-secs)
    }
}

/// An id of `chown`, `None` for -1 (unchanged).
fn id(v: i64) -> Option<u32> {
    u32::try_from(v).ok()
}
