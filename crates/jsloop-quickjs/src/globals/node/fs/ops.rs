//! The file-system operations, as plain Rust on owned data: each runs on
//! the loop thread (the `*Sync` forms) or on a pool thread (the others)
//! and returns an [`Out`] or Node's [`FsError`].

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{FileExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::{FromRawFd, IntoRawFd, RawFd};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::errors::FsError;
use super::stats;

/// What an operation hands back to JavaScript.
#[derive(Debug)]
pub(crate) enum Out {
    Undefined,
    Bool(bool),
    Number(f64),
    Bytes(Vec<u8>),
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

/// `stat`/`lstat(path)`.
pub(crate) fn stat(p: &[u8], follow: bool) -> OpResult {
    let m = if follow {
        fs::metadata(path(p)).map_err(fail("stat", p))?
    } else {
        fs::symlink_metadata(path(p)).map_err(fail("lstat", p))?
    };
    Ok(Out::Stats(stats::numbers(&m)))
}

/// `fstat(fd)`.
pub(crate) fn fstat(fd: RawFd) -> OpResult {
    let m = borrow_fd(fd)
        .metadata()
        .map_err(|e| FsError::new(&e, "fstat", None))?;
    Ok(Out::Stats(stats::numbers(&m)))
}

/// The `DIRENT_*` kind of a file type.
fn kind(t: fs::FileType) -> u8 {
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() {
        1
    } else if t.is_dir() {
        2
    } else if t.is_symlink() {
        3
    } else if t.is_fifo() {
        4
    } else if t.is_socket() {
        5
    } else if t.is_char_device() {
        6
    } else if t.is_block_device() {
        7
    } else {
        0
    }
}

fn list(dir: &Path, shown: &[u8]) -> Result<Vec<(Vec<u8>, u8)>, FsError> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).map_err(fail("scandir", shown))? {
        let e = e.map_err(fail("scandir", shown))?;
        let k = e.file_type().map_or(0, kind);
        out.push((e.file_name().into_vec(), k));
    }
    out.sort();
    Ok(out)
}

/// `readdir(path, recursive)`: sorted names (as libuv's scandir),
/// breadth first when recursive (as Node).
pub(crate) fn readdir(p: &[u8], recursive: bool) -> OpResult {
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([Vec::new()]);
    while let Some(rel) = queue.pop_front() {
        let mut dir = p.to_vec();
        if !rel.is_empty() {
            dir.push(b'/');
            dir.extend_from_slice(&rel);
        }
        for (name, k) in list(path(&dir), if rel.is_empty() { p } else { &dir })? {
            if recursive && k == 2 {
                let mut sub = rel.clone();
                if !sub.is_empty() {
                    sub.push(b'/');
                }
                sub.extend_from_slice(&name);
                queue.push_back(sub);
            }
            out.push((name, rel.clone(), k));
        }
        if !recursive {
            break;
        }
    }
    Ok(Out::Entries(out))
}

/// `mkdir(path, recursive, mode)` → when recursive, the first directory
/// made (or `undefined`).
pub(crate) fn mkdir(p: &[u8], recursive: bool, mode: u32) -> OpResult {
    use std::os::unix::fs::DirBuilderExt;
    let target = path(p);
    if !recursive {
        fs::DirBuilder::new()
            .mode(mode)
            .create(target)
            .map_err(fail("mkdir", p))?;
        return Ok(Out::Undefined);
    }
    let mut missing = Vec::new();
    let mut at = Some(target);
    while let Some(dir) = at.filter(|d| !d.as_os_str().is_empty()) {
        match fs::metadata(dir) {
            Ok(m) if m.is_dir() => break,
            Ok(_) if dir == target => return Err(FsError::errno(libc::EEXIST, "mkdir", Some(p))),
            Ok(_) => return Err(FsError::errno(libc::ENOTDIR, "mkdir", Some(p))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(dir.to_path_buf()),
            Err(e) => return Err(FsError::new(&e, "mkdir", Some(p))),
        }
        at = dir.parent();
    }
    let first = missing.last().cloned();
    for dir in missing.iter().rev() {
        match fs::DirBuilder::new().mode(mode).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(e) => return Err(FsError::new(&e, "mkdir", Some(p))),
        }
    }
    Ok(Out::Path(first.map(|d| d.into_os_string().into_vec())))
}

/// `mkdtemp(prefix)`: the prefix and six random characters. A failure
/// names the template (`prefixXXXXXX`) when `template`, as Node's sync
/// form does, else the path tried, as its other forms do.
pub(crate) fn mkdtemp(prefix: &[u8], template: bool) -> OpResult {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut shown = prefix.to_vec();
    shown.extend_from_slice(b"XXXXXX");
    for _ in 0..100 {
        let mut rnd = [0u8; 6];
        getrandom::fill(&mut rnd).map_err(|_| FsError::errno(libc::EIO, "mkdtemp", None))?;
        let mut p = prefix.to_vec();
        p.extend(rnd.iter().map(|b| CHARS[usize::from(*b) % CHARS.len()]));
        match fs::DirBuilder::new().create(path(&p)) {
            Ok(()) => return Ok(Out::Path(Some(p))),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                let shown = if template { &shown } else { &p };
                return Err(FsError::new(&e, "mkdtemp", Some(shown)));
            }
        }
    }
    Err(FsError::errno(libc::EEXIST, "mkdtemp", Some(&shown)))
}

fn remove_tree(p: &Path) -> io::Result<()> {
    let m = fs::symlink_metadata(p)?;
    if m.is_dir() {
        for e in fs::read_dir(p)? {
            remove_tree(&e?.path())?;
        }
        fs::remove_dir(p)
    } else {
        fs::remove_file(p)
    }
}

/// `rm(path, recursive, force)`; `Err` of `EISDIR` with syscall `rm` for
/// a directory without `recursive` (Node's `ERR_FS_EISDIR`).
pub(crate) fn rm(p: &[u8], recursive: bool, force: bool) -> OpResult {
    let m = match fs::symlink_metadata(path(p)) {
        Ok(m) => m,
        Err(e) if force && e.kind() == io::ErrorKind::NotFound => return Ok(Out::Undefined),
        Err(e) => return Err(FsError::new(&e, "lstat", Some(p))),
    };
    if m.is_dir() {
        if !recursive {
            return Err(FsError::errno(libc::EISDIR, "rm", Some(p)));
        }
        remove_tree(path(p)).map_err(fail("rm", p))?;
    } else {
        fs::remove_file(path(p)).map_err(fail("rm", p))?;
    }
    Ok(Out::Undefined)
}

/// `rmdir(path)`.
pub(crate) fn rmdir(p: &[u8]) -> OpResult {
    fs::remove_dir(path(p)).map_err(fail("rmdir", p))?;
    Ok(Out::Undefined)
}

/// `rename(from, to)`.
pub(crate) fn rename(from: &[u8], to: &[u8]) -> OpResult {
    fs::rename(path(from), path(to))
        .map_err(|e| FsError::new(&e, "rename", Some(from)).with_dest(to))?;
    Ok(Out::Undefined)
}

/// `unlink(path)`.
pub(crate) fn unlink(p: &[u8]) -> OpResult {
    fs::remove_file(path(p)).map_err(fail("unlink", p))?;
    Ok(Out::Undefined)
}

/// `copyFile(from, to, mode)`; `COPYFILE_EXCL` (1) fails on an existing
/// destination.
pub(crate) fn copy_file(from: &[u8], to: &[u8], mode: i32) -> OpResult {
    let err = |e: io::Error| FsError::new(&e, "copyfile", Some(from)).with_dest(to);
    if mode & 1 != 0 && fs::symlink_metadata(path(to)).is_ok() {
        return Err(err(io::Error::from_raw_os_error(libc::EEXIST)));
    }
    fs::copy(path(from), path(to)).map_err(err)?;
    Ok(Out::Undefined)
}

fn copy_tree(from: &Path, to: &Path, force: bool, excl: bool) -> io::Result<()> {
    let m = fs::symlink_metadata(from)?;
    if m.is_dir() {
        match fs::create_dir(to) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        for e in fs::read_dir(from)? {
            let e = e?;
            copy_tree(&e.path(), &to.join(e.file_name()), force, excl)?;
        }
        return Ok(());
    }
    let exists = fs::symlink_metadata(to).is_ok();
    if exists && excl {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            to.display().to_string(),
        ));
    }
    if exists && !force {
        return Ok(());
    }
    if m.file_type().is_symlink() {
        if exists {
            fs::remove_file(to)?;
        }
        std::os::unix::fs::symlink(fs::read_link(from)?, to)
    } else {
        fs::copy(from, to).map(drop)
    }
}

/// `cp(from, to, recursive, force, errorOnExist)`; `Err` of `EISDIR`
/// with syscall `cp` for a directory without `recursive`, of `EEXIST`
/// with syscall `cp` and the target's path for an existing target with
/// `errorOnExist` (the JavaScript half makes Node's `SystemError`s).
pub(crate) fn cp(from: &[u8], to: &[u8], recursive: bool, force: bool, excl: bool) -> OpResult {
    let m = fs::metadata(path(from)).map_err(fail("lstat", from))?;
    if m.is_dir() && !recursive {
        return Err(FsError::errno(libc::EISDIR, "cp", Some(from)));
    }
    copy_tree(path(from), path(to), force, excl).map_err(|e| match e.raw_os_error() {
        // The existing target (`errorOnExist`): Node's `ERR_FS_CP_EEXIST`.
        None if e.kind() == io::ErrorKind::AlreadyExists => {
            let target = e.to_string().into_bytes();
            FsError::errno(libc::EEXIST, "cp", Some(&target))
        }
        _ => FsError::new(&e, "cp", Some(from)).with_dest(to),
    })?;
    Ok(Out::Undefined)
}

fn cpath(p: &[u8], syscall: &'static str) -> Result<std::ffi::CString, FsError> {
    std::ffi::CString::new(p).map_err(|_| FsError::errno(libc::ENOENT, syscall, Some(p)))
}

/// `access(path, mode)`.
pub(crate) fn access(p: &[u8], mode: i32) -> OpResult {
    let c = cpath(p, "access")?;
    // SAFETY: `c` is a NUL-terminated path that outlives the call.
    if unsafe { libc::access(c.as_ptr(), mode) } != 0 {
        return Err(FsError::new(&io::Error::last_os_error(), "access", Some(p)));
    }
    Ok(Out::Undefined)
}

/// `exists(path)`.
pub(crate) fn exists(p: &[u8]) -> OpResult {
    Ok(Out::Bool(fs::metadata(path(p)).is_ok()))
}

/// `realpath(path, native)`: a failure names `realpath` and the path
/// when `native` (`realpath.native`, the promise form), otherwise `lstat`
/// and the absolute path of the first component that failed, or `stat`
/// when a link leads nowhere (as Node's JavaScript walk does).
pub(crate) fn realpath(p: &[u8], native: bool) -> OpResult {
    match fs::canonicalize(path(p)) {
        Ok(r) => Ok(Out::Path(Some(r.into_os_string().into_vec()))),
        Err(e) if native => Err(FsError::new(&e, "realpath", Some(p))),
        Err(e) => {
            let abs = std::path::absolute(path(p)).unwrap_or_else(|_| path(p).to_path_buf());
            let mut at = std::path::PathBuf::new();
            for c in abs.components() {
                at.push(c);
                if let Err(e) = fs::symlink_metadata(&at) {
                    let shown = at.into_os_string().into_vec();
                    return Err(FsError::new(&e, "lstat", Some(&shown)));
                }
            }
            let shown = abs.into_os_string().into_vec();
            Err(FsError::new(&e, "stat", Some(&shown)))
        }
    }
}

/// `readlink(path)`.
pub(crate) fn readlink(p: &[u8]) -> OpResult {
    let r = fs::read_link(path(p)).map_err(fail("readlink", p))?;
    Ok(Out::Path(Some(r.into_os_string().into_vec())))
}

/// `symlink(target, path)`.
pub(crate) fn symlink(target: &[u8], p: &[u8]) -> OpResult {
    std::os::unix::fs::symlink(path(target), path(p))
        .map_err(|e| FsError::new(&e, "symlink", Some(target)).with_dest(p))?;
    Ok(Out::Undefined)
}

/// `chmod(path, mode)`.
pub(crate) fn chmod(p: &[u8], mode: u32) -> OpResult {
    fs::set_permissions(path(p), fs::Permissions::from_mode(mode)).map_err(fail("chmod", p))?;
    Ok(Out::Undefined)
}

/// A time from seconds since the epoch.
fn time(secs: f64) -> SystemTime {
    if secs >= 0.0 {
        UNIX_EPOCH + Duration::from_secs_f64(secs)
    } else {
        UNIX_EPOCH - Duration::from_secs_f64(-secs)
    }
}

/// `utimes(path, atime, mtime)` (seconds).
pub(crate) fn utimes(p: &[u8], atime: f64, mtime: f64) -> OpResult {
    let f = File::open(path(p)).map_err(fail("utime", p))?;
    let times = fs::FileTimes::new()
        .set_accessed(time(atime))
        .set_modified(time(mtime));
    f.set_times(times).map_err(fail("utime", p))?;
    Ok(Out::Undefined)
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

/// `link(existing, new)`.
pub(crate) fn link(from: &[u8], to: &[u8]) -> OpResult {
    fs::hard_link(path(from), path(to))
        .map_err(|e| FsError::new(&e, "link", Some(from)).with_dest(to))?;
    Ok(Out::Undefined)
}

/// An id of `chown`, `None` for -1 (unchanged).
fn id(v: i64) -> Option<u32> {
    u32::try_from(v).ok()
}

/// `chown`/`lchown(path, uid, gid)` (`follow` false: the link itself).
pub(crate) fn chown(p: &[u8], uid: i64, gid: i64, follow: bool) -> OpResult {
    if follow {
        std::os::unix::fs::chown(path(p), id(uid), id(gid)).map_err(fail("chown", p))?;
    } else {
        std::os::unix::fs::lchown(path(p), id(uid), id(gid)).map_err(fail("lchown", p))?;
    }
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

/// A `timespec` from seconds.
#[allow(clippy::cast_possible_truncation)]
fn timespec(secs: f64) -> libc::timespec {
    let whole = secs.floor();
    libc::timespec {
        tv_sec: whole as libc::time_t,
        tv_nsec: ((secs - whole) * 1e9) as libc::c_long,
    }
}

/// `lutimes(path, atime, mtime)`: the link itself (seconds).
pub(crate) fn lutimes(p: &[u8], atime: f64, mtime: f64) -> OpResult {
    let c = cpath(p, "lutime")?;
    let times = [timespec(atime), timespec(mtime)];
    // SAFETY: `c` is a NUL-terminated path and `times` two timespecs, both
    // alive for the call.
    let r = unsafe {
        libc::utimensat(
            libc::AT_FDCWD,
            c.as_ptr(),
            times.as_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    if r != 0 {
        return Err(FsError::new(&io::Error::last_os_error(), "lutime", Some(p)));
    }
    Ok(Out::Undefined)
}

/// `opendir(path)`: the entries, read at once (as `readdir`, syscall
/// `opendir`; a failure names no path when `sync`, as Node's
/// `opendirSync`).
pub(crate) fn opendir(p: &[u8], sync: bool) -> OpResult {
    let shown = (!sync).then_some(p);
    let err = |e: io::Error| FsError::new(&e, "opendir", shown);
    let mut out = Vec::new();
    for e in fs::read_dir(path(p)).map_err(err)? {
        let e = e.map_err(err)?;
        let k = e.file_type().map_or(0, kind);
        out.push((e.file_name().into_vec(), Vec::new(), k));
    }
    Ok(Out::Entries(out))
}
