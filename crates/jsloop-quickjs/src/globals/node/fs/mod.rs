//! The natives of `node:fs` (`js/node/fs.js`): one entry,
//! `host.fs.call(op, callback, ...args)`, runs the operation `op` on the
//! loop thread when `callback` is not a function (the `*Sync` forms:
//! returns the result or throws), otherwise on the pool through
//! [`Host::queue_js_work`], calling `callback(err)` or
//! `callback(null, result)` in the poll phase.
//!
//! Every path is checked against the runtime's
//! [`Permissions`](crate::Permissions) on the loop thread before the
//! operation starts; a denied one throws Node's `ERR_ACCESS_DENIED`.
//! Paths are strings or byte arrays (`js/node/fs.js` turns `file:` URLs
//! into strings). `fs.watch`'s natives (inotify on the loop) are in
//! [`watch`].

mod errors;
pub(crate) use errors::describe;
mod ops;
mod stats;
mod watch;

use std::rc::{Rc, Weak};

use rquickjs::function::Rest;
use rquickjs::{Array, Ctx, Function, IntoJs, Object, TypedArray, Value};

use self::ops::{OpResult, Out};
use crate::host::Host;

/// An operation ready to run anywhere.
type Op = Box<dyn FnOnce() -> OpResult + Send>;

/// The arguments of one call.
struct Args<'a, 'js> {
    ctx: &'a Ctx<'js>,
    host: &'a Host,
    list: &'a [Value<'js>],
}

impl<'js> Args<'_, 'js> {
    fn value(&self, i: usize) -> Value<'js> {
        self.list
            .get(i)
            .cloned()
            .unwrap_or_else(|| Value::new_undefined(self.ctx.clone()))
    }

    /// Bytes of a string or a byte array.
    fn bytes(&self, i: usize) -> rquickjs::Result<Vec<u8>> {
        let v = self.value(i);
        if let Some(s) = v.as_string() {
            return Ok(s.to_string()?.into_bytes());
        }
        let a = TypedArray::<u8>::from_value(v)?;
        // SAFETY: no JavaScript runs while the slice is alive.
        Ok(unsafe { a.as_bytes() }.unwrap_or_default().to_vec())
    }

    /// A path, checked for reading (`write` false) or writing.
    fn path(&self, i: usize, write: bool) -> rquickjs::Result<Vec<u8>> {
        let p = self.bytes(i)?;
        let permissions = self.host.modules.permissions();
        if !permissions.may_access(ops::path(&p), write) {
            return Err(denied(self.ctx, &p, write));
        }
        Ok(p)
    }

    fn number(&self, i: usize) -> f64 {
        self.value(i).as_number().unwrap_or(0.0)
    }

    #[allow(clippy::cast_possible_truncation)]
    fn int(&self, i: usize) -> i32 {
        self.number(i) as i32
    }

    #[allow(clippy::cast_possible_truncation)]
    fn int64(&self, i: usize) -> i64 {
        self.number(i) as i64
    }

    #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
    fn uint(&self, i: usize) -> u64 {
        self.number(i).max(0.0) as u64
    }

    #[allow(clippy::cast_sign_loss)]
    fn mode(&self, i: usize) -> u32 {
        self.int(i) as u32
    }

    fn flag(&self, i: usize) -> bool {
        self.value(i).as_bool().unwrap_or(false)
    }
}

/// Node's `ERR_ACCESS_DENIED` for `path`.
pub(super) fn denied(ctx: &Ctx<'_>, path: &[u8], write: bool) -> rquickjs::Error {
    let make = || -> rquickjs::Result<Value<'_>> {
        let e = crate::host::js_error(ctx, "Access to this API has been restricted")?;
        e.set("code", "ERR_ACCESS_DENIED")?;
        let permission = if write {
            "FileSystemWrite"
        } else {
            "FileSystemRead"
        };
        e.set("permission", permission)?;
        e.set("resource", resolved(path).to_string_lossy().as_ref())?;
        Ok(e.into_value())
    };
    match make() {
        Ok(e) => ctx.throw(e),
        Err(e) => e,
    }
}

/// `path` made absolute with `.` and `..` folded (Node's `path.resolve`).
fn resolved(path: &[u8]) -> std::path::PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(ops::path(path)).unwrap_or_default();
    let mut out = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether open flags need write access.
fn writes(flags: i32) -> bool {
    flags & (libc::O_WRONLY | libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC | libc::O_APPEND) != 0
}

/// Whether open flags need read access.
fn reads(flags: i32) -> bool {
    flags & libc::O_ACCMODE != libc::O_WRONLY
}

/// A path checked for the access its open flags need.
fn open_path(a: &Args<'_, '_>, i: usize, flags: i32) -> rquickjs::Result<Vec<u8>> {
    if reads(flags) {
        a.path(i, false)?;
    }
    if writes(flags) {
        return a.path(i, true);
    }
    a.bytes(i)
}

/// The operation `name` with its arguments.
fn op(a: &Args<'_, '_>, name: &str, sync: bool) -> rquickjs::Result<Op> {
    Ok(match name {
        "open" => {
            let flags = a.int(1);
            let (p, mode) = (open_path(a, 0, flags)?, a.mode(2));
            Box::new(move || ops::open(&p, flags, mode))
        }
        "close" => {
            let fd = a.int(0);
            Box::new(move || ops::close(fd))
        }
        "read" => {
            let (fd, len, pos) = (a.int(0), a.uint(1), a.int64(2));
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            Box::new(move || ops::read(fd, len, pos))
        }
        "write" => {
            let (fd, data, pos) = (a.int(0), a.bytes(1)?, a.int64(2));
            Box::new(move || ops::write(fd, &data, pos))
        }
        "readFile" | "readFileUtf8" => {
            let read: Op = if a.value(0).is_number() {
                let fd = a.int(0);
                Box::new(move || ops::read_fd(fd))
            } else {
                let flags = a.int(1);
                let p = open_path(a, 0, flags)?;
                Box::new(move || ops::read_file(&p, flags))
            };
            if name == "readFile" {
                return Ok(read);
            }
            // As node's readFileUtf8: decoded where it was read, invalid
            // sequences as U+FFFD (as Buffer's toString).
            Box::new(move || match read()? {
                Out::Bytes(b) => Ok(Out::Text(match String::from_utf8(b) {
                    Ok(s) => s,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                })),
                other => Ok(other),
            })
        }
        "writeFile" => {
            let data = a.bytes(1)?;
            if a.value(0).is_number() {
                let fd = a.int(0);
                return Ok(Box::new(move || ops::write_fd(fd, &data)));
            }
            let (flags, mode) = (a.int(2), a.mode(3));
            let p = open_path(a, 0, flags)?;
            Box::new(move || ops::write_file(&p, &data, flags, mode))
        }
        "stat" | "lstat" => {
            let (p, follow) = (a.path(0, false)?, name == "stat");
            Box::new(move || ops::stat(&p, follow))
        }
        "fstat" => {
            let fd = a.int(0);
            Box::new(move || ops::fstat(fd))
        }
        "readdir" => {
            let (p, recursive) = (a.path(0, false)?, a.flag(1));
            Box::new(move || ops::readdir(&p, recursive))
        }
        "mkdir" => {
            let (p, recursive, mode) = (a.path(0, true)?, a.flag(1), a.mode(2));
            Box::new(move || ops::mkdir(&p, recursive, mode))
        }
        "mkdtemp" => {
            let p = a.path(0, true)?;
            Box::new(move || ops::mkdtemp(&p, sync))
        }
        "rm" => {
            let (p, recursive, force) = (a.path(0, true)?, a.flag(1), a.flag(2));
            Box::new(move || ops::rm(&p, recursive, force))
        }
        "rmdir" => {
            let p = a.path(0, true)?;
            Box::new(move || ops::rmdir(&p))
        }
        "rename" => {
            let (from, to) = (a.path(0, true)?, a.path(1, true)?);
            Box::new(move || ops::rename(&from, &to))
        }
        "unlink" => {
            let p = a.path(0, true)?;
            Box::new(move || ops::unlink(&p))
        }
        "copyFile" => {
            let (from, to, mode) = (a.path(0, false)?, a.path(1, true)?, a.int(2));
            Box::new(move || ops::copy_file(&from, &to, mode))
        }
        "cp" => {
            let (from, to) = (a.path(0, false)?, a.path(1, true)?);
            let o = ops::CpOptions {
                recursive: a.flag(2),
                force: a.flag(3),
                excl: a.flag(4),
                preserve_timestamps: a.flag(5),
                dereference: a.flag(6),
                verbatim_symlinks: a.flag(7),
            };
            Box::new(move || ops::cp(&from, &to, o))
        }
        "access" => {
            let mode = a.int(1);
            let p = a.path(0, mode & libc::W_OK != 0)?;
            Box::new(move || ops::access(&p, mode))
        }
        "exists" => {
            let p = a.path(0, false)?;
            Box::new(move || ops::exists(&p))
        }
        "realpath" => {
            let (p, native) = (a.path(0, false)?, a.flag(1));
            Box::new(move || ops::realpath(&p, native))
        }
        "readlink" => {
            let p = a.path(0, false)?;
            Box::new(move || ops::readlink(&p))
        }
        "symlink" => {
            let (target, p) = (a.bytes(0)?, a.path(1, true)?);
            Box::new(move || ops::symlink(&target, &p))
        }
        "chmod" => {
            let (p, mode) = (a.path(0, true)?, a.mode(1));
            Box::new(move || ops::chmod(&p, mode))
        }
        "utimes" => {
            let (p, at, mt) = (a.path(0, true)?, a.number(1), a.number(2));
            Box::new(move || ops::utimes(&p, at, mt))
        }
        "truncate" => {
            let (p, len) = (a.path(0, true)?, a.uint(1));
            Box::new(move || ops::truncate(&p, len))
        }
        "ftruncate" => {
            let (fd, len) = (a.int(0), a.uint(1));
            Box::new(move || ops::ftruncate(fd, len))
        }
        "fsync" => {
            let fd = a.int(0);
            Box::new(move || ops::fsync(fd))
        }
        "link" => {
            let (from, to) = (a.path(0, false)?, a.path(1, true)?);
            Box::new(move || ops::link(&from, &to))
        }
        "chown" | "lchown" => {
            let (p, uid, gid) = (a.path(0, true)?, a.int64(1), a.int64(2));
            let follow = name == "chown";
            Box::new(move || ops::chown(&p, uid, gid, follow))
        }
        "fchown" => {
            let (fd, uid, gid) = (a.int(0), a.int64(1), a.int64(2));
            Box::new(move || ops::fchown(fd, uid, gid))
        }
        "fchmod" => {
            let (fd, mode) = (a.int(0), a.mode(1));
            Box::new(move || ops::fchmod(fd, mode))
        }
        "futimes" => {
            let (fd, at, mt) = (a.int(0), a.number(1), a.number(2));
            Box::new(move || ops::futimes(fd, at, mt))
        }
        "lutimes" => {
            let (p, at, mt) = (a.path(0, true)?, a.number(1), a.number(2));
            Box::new(move || ops::lutimes(&p, at, mt))
        }
        "statfs" => {
            let p = a.path(0, false)?;
            Box::new(move || ops::statfs(&p))
        }
        "opendir" => {
            let p = a.path(0, false)?;
            Box::new(move || ops::opendir(&p, sync))
        }
        _ => {
            let msg = format!("unknown fs operation {name}");
            return Err(rquickjs::Error::new_from_js_message("string", "op", msg));
        }
    })
}

/// The JavaScript value of a result.
fn to_js<'js>(ctx: &Ctx<'js>, out: Out) -> rquickjs::Result<Value<'js>> {
    let lossy = |p: &[u8]| errors::lossy(p);
    match out {
        Out::Undefined => Ok(Value::new_undefined(ctx.clone())),
        Out::Bool(b) => b.into_js(ctx),
        Out::Number(n) => n.into_js(ctx),
        Out::Bytes(b) => TypedArray::new(ctx.clone(), b)?.into_js(ctx),
        Out::Text(t) => t.into_js(ctx),
        Out::Path(p) => p.map(|p| lossy(&p)).into_js(ctx),
        Out::Stats(s) => s.into_js(ctx),
        Out::Entries(list) => {
            let arr = Array::new(ctx.clone())?;
            for (i, (name, parent, kind)) in list.into_iter().enumerate() {
                let e = Array::new(ctx.clone())?;
                e.set(0, lossy(&name))?;
                e.set(1, lossy(&parent))?;
                e.set(2, kind)?;
                arr.set(i, e)?;
            }
            arr.into_js(ctx)
        }
    }
}

/// `call(op, callback, ...args)`.
fn call<'js>(
    ctx: Ctx<'js>,
    host: &Weak<Host>,
    name: String,
    callback: Value<'js>,
    args: Rest<Value<'js>>,
) -> rquickjs::Result<Value<'js>> {
    let Some(host) = host.upgrade() else {
        return Ok(Value::new_undefined(ctx));
    };
    let a = Args {
        ctx: &ctx,
        host: &host,
        list: &args.0,
    };
    let callback = callback.into_function();
    let run = op(&a, &name, callback.is_none())?;
    let Some(callback) = callback else {
        return match run() {
            Ok(out) => to_js(&ctx, out),
            Err(e) => Err(ctx.throw(e.to_js(&ctx)?.into_value())),
        };
    };
    host.queue_js_work(
        &ctx,
        callback,
        run,
        |ctx, result, f: Function<'_>| match result {
            Ok(out) => f.call((Value::new_null(ctx.clone()), to_js(ctx, out)?)),
            Err(e) => f.call((e.to_js(ctx)?,)),
        },
    )?;
    Ok(Value::new_undefined(ctx))
}

/// Puts the `fs` natives on the host object as `host.fs`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let fs = Object::new(ctx.clone())?;
    let weak = Rc::downgrade(host);
    fs.set(
        "call",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, name: String, cb: Value<'js>, args: Rest<Value<'js>>| {
                call(ctx, &weak, name, cb, args)
            },
        )?,
    )?;
    fs.set("statFields", stats::FIELDS.to_vec())?;
    watch::natives(ctx, &fs, host)?;
    o.set("fs", fs)
}
