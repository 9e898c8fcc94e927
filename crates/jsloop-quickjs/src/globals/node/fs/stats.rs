//! `Stats` as numbers: what `stat`, `lstat` and `fstat` hand JavaScript
//! (in [`FIELDS`] order, then the seconds and nanoseconds of the four
//! times for `BigIntStats`), which builds Node's `Stats` from them.

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::time::UNIX_EPOCH;

/// The fields, in order (`js/node/fs.js` reads them by index).
pub(crate) const FIELDS: [&str; 14] = [
    "dev",
    "mode",
    "nlink",
    "uid",
    "gid",
    "rdev",
    "blksize",
    "ino",
    "size",
    "blocks",
    "atimeMs",
    "mtimeMs",
    "ctimeMs",
    "birthtimeMs",
];

/// Milliseconds from seconds and nanoseconds.
#[allow(clippy::cast_precision_loss)]
fn ms(sec: i64, nsec: i64) -> f64 {
    sec as f64 * 1000.0 + nsec as f64 / 1e6
}

/// The numbers of `m`, in [`FIELDS`] order, then seconds and
/// nanoseconds of the access, modification, change and birth times.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn numbers(m: &Metadata) -> Vec<f64> {
    let born = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    let birth = born.as_secs_f64() * 1000.0;
    vec![
        m.dev() as f64,
        f64::from(m.mode()),
        m.nlink() as f64,
        f64::from(m.uid()),
        f64::from(m.gid()),
        m.rdev() as f64,
        m.blksize() as f64,
        m.ino() as f64,
        m.size() as f64,
        m.blocks() as f64,
        ms(m.atime(), m.atime_nsec()),
        ms(m.mtime(), m.mtime_nsec()),
        ms(m.ctime(), m.ctime_nsec()),
        birth,
        m.atime() as f64,
        m.atime_nsec() as f64,
        m.mtime() as f64,
        m.mtime_nsec() as f64,
        m.ctime() as f64,
        m.ctime_nsec() as f64,
        born.as_secs() as f64,
        f64::from(born.subsec_nanos()),
    ]
}
