//! Operations on descriptors and whole files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::{IntoRawFd, RawFd};

use super::super::errors::FsError;
use super::super::stats;
use super::{borrow_fd, fail, id, path, time, OpResult, Out};

/// `open(path, flags, mode)` → the descriptor.
pub(crate) fn open(p: &[u8], flags: i32, mode: u32) -> OpResult {
    let fd = open_file(p, flags, mode)?.into_raw_fd();
    Ok(Out::Number(f64::from(fd)))
}

fn open_file(p: &[u8], flags: i32, mode: u32) -> Result<File, FsError> {
    let acc = flags & libc::O_ACCMODE;
    let mut o = OpenOptions::new();
    o.read(acc == libc::O_RDONLY || acc == libc::O_RDWR)
        .write(acc == libc::O_WRONLY || acc == libc::O_RDWR)
        .custom_flags(flags & !libc::O_ACCMODE | libc::O_CLOEXEC)
        .mode(mode);
    if flags & libc::O_CREAT != 0 {
        o.create(true);
    }
    o.open(path(p)).map_err(fail("open", p))
}

/// `close(fd)`.
pub(crate) fn close(fd: RawFd) -> OpResult {
    // SAFETY: closing a descriptor the script owns, as `close(2)` does.
    if unsafe { libc::close(fd) } != 0 {
        return Err(FsError::new(&io::Error::last_os_error(), "close", None));
    }
    Ok(Out::Undefined)
}

/// `read(fd, length, position)` (position < 0: the current one).
pub(crate) fn read(fd: RawFd, length: usize, position: i64) -> OpResult {
    let f = borrow_fd(fd);
    let mut buf = vec![0u8; length];
    let n = match u64::try_from(position) {
        Ok(at) => f.read_at(&mut buf, at),
        Err(_) => (&*f).read(&mut buf),
    }
    .map_err(|e| FsError::new(&e, "read", None))?;
    buf.truncate(n);
    Ok(Out::Bytes(buf))
}

/// `write(fd, bytes, position)` → bytes written.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn write(fd: RawFd, data: &[u8], position: i64) -> OpResult {
    let f = borrow_fd(fd);
    let n = match u64::try_from(position) {
        Ok(at) => f.write_at(data, at),
        Err(_) => (&*f).write(data),
    }
    .map_err(|e| FsError::new(&e, "write", None))?;
    Ok(Out::Number(n as f64))
}

fn read_all(f: &File) -> Result<Vec<u8>, FsError> {
    let size = f.metadata().map_or(0, |m| m.len());
    let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    let mut r = f;
    r.read_to_end(&mut out)
        .map_err(|e| FsError::new(&e, "read", None))?;
    Ok(out)
}

/// `readFile(path, flags)`.
pub(crate) fn read_file(p: &[u8], flags: i32) -> OpResult {
    let f = open_file(p, flags, 0o666)?;
    Ok(Out::Bytes(read_all(&f)?))
}

/// `readFile(fd)`: from the current position to the end.
pub(crate) fn read_fd(fd: RawFd) -> OpResult {
    let f = borrow_fd(fd);
    f.metadata().map_err(|e| FsError::new(&e, "fstat", None))?;
    Ok(Out::Bytes(read_all(&f)?))
}

/// `writeFile(path, bytes, flags, mode)` (appends with an `a` flag).
pub(crate) fn write_file(p: &[u8], data: &[u8], flags: i32, mode: u32) -> OpResult {
    let f = open_file(p, flags, mode)?;
    (&f).write_all(data)
        .map_err(|e| FsError::new(&e, "write", None))?;
    Ok(Out::Undefined)
}

/// `writeFile(fd, bytes)`: at the current position.
pub(crate) fn write_fd(fd: RawFd, data: &[u8]) -> OpResult {
    (&*borrow_fd(fd))
        .write_all(data)
        .map_err(|e| FsError::new(&e, "write", None))?;
    Ok(Out::Undefined)
}

/// `fstat(fd)`.
pub(crate) fn fstat(fd: RawFd) -> OpResult {
    let m = borrow_fd(fd)
        .metadata()
        .map_err(|e| FsError::new(&e, "fstat", None))?;
    Ok(Out::Stats(stats::numbers(&m)))
}

/// `truncate(path, len)`.
pub(crate) fn truncate(p: &[u8], len: u64) -> OpResult {
    let f = OpenOptions::new()
        .write(true)
        .open(path(p))
        .map_err(fail("open", p))?;
    f.set_len(len)
        .map_err(|e| FsError::new(&e, "ftruncate", None))?;
    Ok(Out::Undefined)
}

/// `ftruncate(fd, len)`.
pub(crate) fn ftruncate(fd: RawFd, len: u64) -> OpResult {
    borrow_fd(fd)
        .set_len(len)
        .map_err(|e| FsError::new(&e, "ftruncate", None))?;
    Ok(Out::Undefined)
}

/// `fsync(fd)`.
pub(crate) fn fsync(fd: RawFd) -> OpResult {
    borrow_fd(fd)
        .sync_all()
        .map_err(|e| FsError::new(&e, "fsync", None))?;
    Ok(Out::Undefined)
}

/// `fchown(fd, uid, gid)`.
pub(crate) fn fchown(fd: RawFd, uid: i64, gid: i64) -> OpResult {
    std::os::unix::fs::fchown(&*borrow_fd(fd), id(uid), id(gid))
        .map_err(|e| FsError::new(&e, "fchown", None))?;
    Ok(Out::Undefined)
}

/// `fchmod(fd, mode)`.
pub(crate) fn fchmod(fd: RawFd, mode: u32) -> OpResult {
    borrow_fd(fd)
        .set_permissions(fs::Permissions::from_mode(mode))
        .map_err(|e| FsError::new(&e, "fchmod", None))?;
    Ok(Out::Undefined)
}

/// `futimes(fd, atime, mtime)` (seconds).
pub(crate) fn futimes(fd: RawFd, atime: f64, mtime: f64) -> OpResult {
    let times = fs::FileTimes::new()
        .set_accessed(time(atime))
        .set_modified(time(mtime));
    borrow_fd(fd)
        .set_times(times)
        .map_err(|e| FsError::new(&e, "futime", None))?;
    Ok(Out::Undefined)
}
