//! libuv's error table for Linux: every `UV_E*` code with its name and
//! message, in libuv's order (`util.getSystemErrorMap`,
//! `util.getSystemErrorName`, `os` system errors). The numbers of the
//! codes that are OS errors come from the C library's constants; the
//! others (`EAI_*`, `EOF`, …) are libuv's own fixed numbers.

use rquickjs::{Array, Ctx, Function, Object};

/// One code: its number (negative), name and message.
type Entry = (i32, &'static str, &'static str);

/// A libuv code that is an OS error: `-errno`.
macro_rules! os {
    ($name:ident, $msg:literal) => {
        (-libc::$name, stringify!($name), $msg)
    };
}

/// libuv's codes in the order of its `UV_ERRNO_MAP`.
const TABLE: &[Entry] = &[
    os!(E2BIG, "argument list too long"),
    os!(EACCES, "permission denied"),
    os!(EADDRINUSE, "address already in use"),
    os!(EADDRNOTAVAIL, "address not available"),
    os!(EAFNOSUPPORT, "address family not supported"),
    os!(EAGAIN, "resource temporarily unavailable"),
    (-3000, "EAI_ADDRFAMILY", "address family not supported"),
    (-3001, "EAI_AGAIN", "temporary failure"),
    (-3002, "EAI_BADFLAGS", "bad ai_flags value"),
    (-3013, "EAI_BADHINTS", "invalid value for hints"),
    (-3003, "EAI_CANCELED", "request canceled"),
    (-3004, "EAI_FAIL", "permanent failure"),
    (-3005, "EAI_FAMILY", "ai_family not supported"),
    (-3006, "EAI_MEMORY", "out of memory"),
    (-3007, "EAI_NODATA", "no address"),
    (-3008, "EAI_NONAME", "unknown node or service"),
    (-3009, "EAI_OVERFLOW", "argument buffer overflow"),
    (-3014, "EAI_PROTOCOL", "resolved protocol is unknown"),
    (
        -3010,
        "EAI_SERVICE",
        "service not available for socket type",
    ),
    (-3011, "EAI_SOCKTYPE", "socket type not supported"),
    os!(EALREADY, "connection already in progress"),
    os!(EBADF, "bad file descriptor"),
    os!(EBUSY, "resource busy or locked"),
    os!(ECANCELED, "operation canceled"),
    (-4080, "ECHARSET", "invalid Unicode character"),
    os!(ECONNABORTED, "software caused connection abort"),
    os!(ECONNREFUSED, "connection refused"),
    os!(ECONNRESET, "connection reset by peer"),
    os!(EDESTADDRREQ, "destination address required"),
    os!(EEXIST, "file already exists"),
    os!(EFAULT, "bad address in system call argument"),
    os!(EFBIG, "file too large"),
    os!(EHOSTUNREACH, "host is unreachable"),
    os!(EINTR, "interrupted system call"),
    os!(EINVAL, "invalid argument"),
    os!(EIO, "i/o error"),
    os!(EISCONN, "socket is already connected"),
    os!(EISDIR, "illegal operation on a directory"),
    os!(ELOOP, "too many symbolic links encountered"),
    os!(EMFILE, "too many open files"),
    os!(EMSGSIZE, "message too long"),
    os!(ENAMETOOLONG, "name too long"),
    os!(ENETDOWN, "network is down"),
    os!(ENETUNREACH, "network is unreachable"),
    os!(ENFILE, "file table overflow"),
    os!(ENOBUFS, "no buffer space available"),
    os!(ENODEV, "no such device"),
    os!(ENOENT, "no such file or directory"),
    os!(ENOMEM, "not enough memory"),
    os!(ENONET, "machine is not on the network"),
    os!(ENOPROTOOPT, "protocol not available"),
    os!(ENOSPC, "no space left on device"),
    os!(ENOSYS, "function not implemented"),
    os!(ENOTCONN, "socket is not connected"),
    os!(ENOTDIR, "not a directory"),
    os!(ENOTEMPTY, "directory not empty"),
    os!(ENOTSOCK, "socket operation on non-socket"),
    os!(ENOTSUP, "operation not supported on socket"),
    os!(EOVERFLOW, "value too large for defined data type"),
    os!(EPERM, "operation not permitted"),
    os!(EPIPE, "broken pipe"),
    os!(EPROTO, "protocol error"),
    os!(EPROTONOSUPPORT, "protocol not supported"),
    os!(EPROTOTYPE, "protocol wrong type for socket"),
    os!(ERANGE, "result too large"),
    os!(EROFS, "read-only file system"),
    os!(ESHUTDOWN, "cannot send after transport endpoint shutdown"),
    os!(ESPIPE, "invalid seek"),
    os!(ESRCH, "no such process"),
    os!(ETIMEDOUT, "connection timed out"),
    os!(ETXTBSY, "text file is busy"),
    os!(EXDEV, "cross-device link not permitted"),
    (-4094, "UNKNOWN", "unknown error"),
    (-4095, "EOF", "end of file"),
    os!(ENXIO, "no such device or address"),
    os!(EMLINK, "too many links"),
    os!(EHOSTDOWN, "host is down"),
    os!(EREMOTEIO, "remote I/O error"),
    os!(ENOTTY, "inappropriate ioctl for device"),
    (-4028, "EFTYPE", "inappropriate file type or format"),
    os!(EILSEQ, "illegal byte sequence"),
    os!(ESOCKTNOSUPPORT, "socket type not supported"),
    os!(ENODATA, "no data available"),
    os!(EUNATCH, "protocol driver not attached"),
];

/// The table as a flat array `[code, name, message, code, …]`.
fn flat<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    let out = Array::new(ctx)?;
    for (i, (code, name, msg)) in TABLE.iter().enumerate() {
        out.set(3 * i, *code)?;
        out.set(3 * i + 1, *name)?;
        out.set(3 * i + 2, *msg)?;
    }
    Ok(out)
}

/// Puts `uvErrors()` (the flat table) on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("uvErrors", Function::new(ctx.clone(), flat)?)
}

#[cfg(test)]
mod tests {
    use super::TABLE;

    fn lookup(code: i32) -> Option<(&'static str, &'static str)> {
        TABLE
            .iter()
            .find(|(n, _, _)| *n == code)
            .map(|(_, name, msg)| (*name, *msg))
    }

    #[test]
    fn os_codes_are_negative_errnos() {
        assert_eq!(
            lookup(-libc::ENOENT),
            Some(("ENOENT", "no such file or directory"))
        );
        assert_eq!(
            lookup(-3008),
            Some(("EAI_NONAME", "unknown node or service"))
        );
        assert_eq!(lookup(-4095), Some(("EOF", "end of file")));
        assert_eq!(lookup(-9999), None);
    }

    #[test]
    fn codes_and_names_are_unique() {
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                assert!(a.0 != b.0 && a.1 != b.1, "{a:?} {b:?}");
            }
        }
    }
}
