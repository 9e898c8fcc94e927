//! Operations on paths: metadata, links, names, modes and times.

use std::fs::{self, File};
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::super::errors::FsError;
use super::super::stats;
use super::{cpath, fail, id, path, time, OpResult, Out};

/// `stat`/`lstat(path)`.
pub(crate) fn stat(p: &[u8], follow: bool) -> OpResult {
    let m = if follow {
        fs::metadata(path(p)).map_err(fail("stat", p))?
    } else {
        fs::symlink_metadata(path(p)).map_err(fail("lstat", p))?
    };
    Ok(Out::Stats(stats::numbers(&m)))
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

/// How `cp` copies (Node's options).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CpOptions {
    pub(crate) recursive: bool,
    /// Overwrite existing files.
    pub(crate) force: bool,
    /// Fail on an existing file (`errorOnExist` without `force`).
    pub(crate) excl: bool,
    /// Give copies the source's access and modification times.
    pub(crate) preserve_timestamps: bool,
    /// Copy what symbolic links point to instead of the links.
    pub(crate) dereference: bool,
    /// Keep relative link targets as they are (else resolved against the
    /// link's directory, as Node does).
    pub(crate) verbatim_symlinks: bool,
}

fn copy_tree(from: &Path, to: &Path, o: CpOptions) -> io::Result<()> {
    let m = if o.dereference {
        fs::metadata(from)?
    } else {
        fs::symlink_metadata(from)?
    };
    if m.is_dir() {
        match fs::create_dir(to) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        for e in fs::read_dir(from)? {
            let e = e?;
            copy_tree(&e.path(), &to.join(e.file_name()), o)?;
        }
        return Ok(());
    }
    let exists = fs::symlink_metadata(to).is_ok();
    if exists && o.excl {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            to.display().to_string(),
        ));
    }
    if exists && !o.force {
        return Ok(());
    }
    if m.file_type().is_symlink() {
        if exists {
            fs::remove_file(to)?;
        }
        let mut target = fs::read_link(from)?;
        if !o.verbatim_symlinks && target.is_relative() {
            target = from.parent().unwrap_or(Path::new(".")).join(target);
            target = std::path::absolute(&target).unwrap_or(target);
        }
        return std::os::unix::fs::symlink(target, to);
    }
    fs::copy(from, to)?;
    if o.preserve_timestamps {
        let times = fs::FileTimes::new()
            .set_accessed(m.accessed()?)
            .set_modified(m.modified()?);
        File::options().write(true).open(to)?.set_times(times)?;
    }
    Ok(())
}

/// `cp(from, to, options)`, making the destination's parent first;
/// `Err` of `EISDIR` with syscall `cp` for a directory without
/// `recursive`, of `EEXIST` with syscall `cp` and the target's path for an
/// existing target with `errorOnExist` (the JavaScript half makes Node's
/// `SystemError`s).
pub(crate) fn cp(from: &[u8], to: &[u8], o: CpOptions) -> OpResult {
    let m = fs::metadata(path(from)).map_err(fail("lstat", from))?;
    if m.is_dir() && !o.recursive {
        return Err(FsError::errno(libc::EISDIR, "cp", Some(from)));
    }
    let made = match path(to).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => fs::create_dir_all(parent),
        _ => Ok(()),
    };
    made.and_then(|()| copy_tree(path(from), path(to), o))
        .map_err(|e| match e.raw_os_error() {
            // The existing target (`errorOnExist`): Node's `ERR_FS_CP_EEXIST`.
            None if e.kind() == io::ErrorKind::AlreadyExists => {
                let target = e.to_string().into_bytes();
                FsError::errno(libc::EEXIST, "cp", Some(&target))
            }
            _ => FsError::new(&e, "cp", Some(from)).with_dest(to),
        })?;
    Ok(Out::Undefined)
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

/// `utimes(path, atime, mtime)` (seconds).
pub(crate) fn utimes(p: &[u8], atime: f64, mtime: f64) -> OpResult {
    let f = File::open(path(p)).map_err(fail("utime", p))?;
    let times = fs::FileTimes::new()
        .set_accessed(time(atime))
        .set_modified(time(mtime));
    f.set_times(times).map_err(fail("utime", p))?;
    Ok(Out::Undefined)
}

/// `link(existing, new)`.
pub(crate) fn link(from: &[u8], to: &[u8]) -> OpResult {
    fs::hard_link(path(from), path(to))
        .map_err(|e| FsError::new(&e, "link", Some(from)).with_dest(to))?;
    Ok(Out::Undefined)
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

/// `statfs(path)`: type, bsize, blocks, bfree, bavail, files, ffree.
#[allow(clippy::cast_precision_loss, clippy::unnecessary_cast)]
pub(crate) fn statfs(p: &[u8]) -> OpResult {
    let c = cpath(p, "statfs")?;
    // SAFETY: all-zero bytes are a valid `statfs` (plain integers).
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a NUL-terminated path and `st` a writable `statfs`,
    // both alive for the call.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return Err(FsError::new(&io::Error::last_os_error(), "statfs", Some(p)));
    }
    Ok(Out::Stats(vec![
        st.f_type as f64,
        st.f_bsize as f64,
        st.f_blocks as f64,
        st.f_bfree as f64,
        st.f_bavail as f64,
        st.f_files as f64,
        st.f_ffree as f64,
    ]))
}
