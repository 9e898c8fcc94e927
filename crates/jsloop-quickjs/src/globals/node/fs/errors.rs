//! Node's shape of a failed file-system call (libuv's error names and
//! messages): `ENOENT: no such file or directory, open 'x'` with `errno`
//! (negative), `code`, `syscall`, `path` and `dest`.

use std::io;

use rquickjs::{Ctx, Object};

/// A failed system call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FsError {
    /// The OS error number (positive).
    pub(crate) errno: i32,
    /// The system call's name as Node reports it.
    pub(crate) syscall: &'static str,
    pub(crate) path: Option<String>,
    pub(crate) dest: Option<String>,
}

impl FsError {
    /// The error `e` of `syscall` on `path`.
    pub(crate) fn new(e: &io::Error, syscall: &'static str, path: Option<&[u8]>) -> Self {
        Self {
            errno: e.raw_os_error().unwrap_or(libc::EIO),
            syscall,
            path: path.map(lossy),
            dest: None,
        }
    }

    /// An error of `syscall` with the number `errno`.
    pub(crate) fn errno(errno: i32, syscall: &'static str, path: Option<&[u8]>) -> Self {
        Self {
            errno,
            syscall,
            path: path.map(lossy),
            dest: None,
        }
    }

    /// The same error naming a destination too.
    pub(crate) fn with_dest(mut self, dest: &[u8]) -> Self {
        self.dest = Some(lossy(dest));
        self
    }

    /// Node's message: `CODE: description, syscall 'path' -> 'dest'`.
    pub(crate) fn message(&self) -> String {
        let (code, text) = describe(self.errno);
        let mut m = format!("{code}: {text}, {}", self.syscall);
        if let Some(p) = &self.path {
            m.push_str(&format!(" '{p}'"));
        }
        if let Some(d) = &self.dest {
            m.push_str(&format!(" -> '{d}'"));
        }
        m
    }

    /// The JavaScript `Error` for it.
    ///
    /// # Errors
    ///
    /// The engine's error (out of memory).
    pub(crate) fn to_js<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
        let message = self.message();
        let ctor: rquickjs::function::Constructor = ctx.globals().get("Error")?;
        let e: Object = ctor.construct((message.as_str(),))?;
        if let Ok(stack) = e.get::<_, String>("stack") {
            let frames = stack.strip_prefix("Error").unwrap_or(&stack);
            let frames = frames
                .strip_prefix(&format!(": {message}"))
                .unwrap_or(frames);
            let stack = format!("Error: {message}{frames}");
            e.prop(
                "stack",
                rquickjs::object::Property::from(stack)
                    .writable()
                    .configurable(),
            )?;
        }
        let (code, _) = describe(self.errno);
        e.set("errno", -self.errno)?;
        e.set("code", code)?;
        e.set("syscall", self.syscall)?;
        if let Some(p) = &self.path {
            e.set("path", p.as_str())?;
        }
        if let Some(d) = &self.dest {
            e.set("dest", d.as_str())?;
        }
        Ok(e)
    }
}

/// The path as JavaScript shows it.
pub(crate) fn lossy(p: &[u8]) -> String {
    String::from_utf8_lossy(p).into_owned()
}

/// libuv's name and description of an OS error number.
pub(crate) fn describe(errno: i32) -> (&'static str, &'static str) {
    use libc::*;
    match errno {
        E2BIG => ("E2BIG", "argument list too long"),
        EACCES => ("EACCES", "permission denied"),
        EAGAIN => ("EAGAIN", "resource temporarily unavailable"),
        EBADF => ("EBADF", "bad file descriptor"),
        EBUSY => ("EBUSY", "resource busy or locked"),
        ECANCELED => ("ECANCELED", "operation canceled"),
        EEXIST => ("EEXIST", "file already exists"),
        EFAULT => ("EFAULT", "bad address in system call argument"),
        EFBIG => ("EFBIG", "file too large"),
        EINTR => ("EINTR", "interrupted system call"),
        EINVAL => ("EINVAL", "invalid argument"),
        EIO => ("EIO", "i/o error"),
        EISDIR => ("EISDIR", "illegal operation on a directory"),
        ELOOP => ("ELOOP", "too many symbolic links encountered"),
        EMFILE => ("EMFILE", "too many open files"),
        EMLINK => ("EMLINK", "too many links"),
        ENAMETOOLONG => ("ENAMETOOLONG", "name too long"),
        ENFILE => ("ENFILE", "file table overflow"),
        ENODEV => ("ENODEV", "no such device"),
        ENOENT => ("ENOENT", "no such file or directory"),
        ENOMEM => ("ENOMEM", "not enough memory"),
        ENOSPC => ("ENOSPC", "no space left on device"),
        ENOSYS => ("ENOSYS", "function not implemented"),
        ENOTDIR => ("ENOTDIR", "not a directory"),
        ENOTEMPTY => ("ENOTEMPTY", "directory not empty"),
        ENOTSUP => ("ENOTSUP", "operation not supported on socket"),
        ENXIO => ("ENXIO", "no such device or address"),
        EOVERFLOW => ("EOVERFLOW", "value too large for defined data type"),
        EPERM => ("EPERM", "operation not permitted"),
        EPIPE => ("EPIPE", "broken pipe"),
        EROFS => ("EROFS", "read-only file system"),
        ESPIPE => ("ESPIPE", "invalid seek"),
        ETXTBSY => ("ETXTBSY", "text file is busy"),
        EXDEV => ("EXDEV", "cross-device link not permitted"),
        _ => ("UNKNOWN", "unknown error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_nodes() {
        let e = FsError::errno(libc::ENOENT, "open", Some(b"x"));
        assert_eq!(e.message(), "ENOENT: no such file or directory, open 'x'");
        let e = FsError::errno(libc::EXDEV, "rename", Some(b"a")).with_dest(b"b");
        assert_eq!(
            e.message(),
            "EXDEV: cross-device link not permitted, rename 'a' -> 'b'"
        );
        let e = FsError::errno(libc::EISDIR, "read", None);
        assert_eq!(
            e.message(),
            "EISDIR: illegal operation on a directory, read"
        );
    }
}
