//! Operations on directories.

use std::fs;
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;

use super::super::errors::FsError;
use super::{fail, path, OpResult, Out};

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
