//! `fs.watch` on Linux: one inotify descriptor per watcher, registered
//! with the loop for readability (as libuv's `uv_fs_event`); each event
//! read is handed to the watcher's JavaScript callback in the poll phase
//! as `(eventType, filename)`, `'change'` for content and attribute
//! changes and `'rename'` for the rest, as libuv reports them.
//!
//! Ground rules: everything here lives on the loop thread; a watcher's
//! descriptor is owned by [`Watchers`] until `watchClose`, which closes the
//! registration first.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::rc::{Rc, Weak};

use jsloop::mio::unix::SourceFd;
use jsloop::{Interest, IoId};
use rquickjs::{Ctx, Function, Object, Persistent, Value};

use super::errors::FsError;
use crate::host::Host;

/// The events libuv watches for.
const MASK: u32 = libc::IN_ATTRIB
    | libc::IN_CREATE
    | libc::IN_MODIFY
    | libc::IN_DELETE
    | libc::IN_DELETE_SELF
    | libc::IN_MOVE_SELF
    | libc::IN_MOVED_FROM
    | libc::IN_MOVED_TO;

/// The open watchers of one runtime, by the id JavaScript holds: the
/// loop registration and the inotify descriptor.
#[derive(Default)]
pub(crate) struct Watchers {
    next: std::cell::Cell<u64>,
    open: RefCell<HashMap<u64, (IoId, OwnedFd)>>,
}

/// One decoded inotify event: whether it is a `'change'`, and the name.
fn decode(buf: &[u8], mut f: impl FnMut(bool, &[u8])) {
    const HEAD: usize = std::mem::size_of::<libc::inotify_event>();
    let mut at = 0;
    while at + HEAD <= buf.len() {
        // SAFETY: the kernel wrote whole events; `HEAD` bytes from `at` are
        // in bounds and `read_unaligned` needs no alignment.
        let ev: libc::inotify_event =
            unsafe { std::ptr::read_unaligned(buf[at..].as_ptr().cast()) };
        let len = ev.len as usize;
        let name = buf.get(at + HEAD..at + HEAD + len).unwrap_or_default();
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())];
        f(ev.mask & (libc::IN_ATTRIB | libc::IN_MODIFY) != 0, name);
        at += HEAD + len;
    }
}

/// Reads every pending event of `fd`.
fn drain(fd: i32) -> Vec<(bool, Vec<u8>)> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        // SAFETY: `buf` is writable for its length during the call.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n) = usize::try_from(n) else {
            return out;
        };
        if n == 0 {
            return out;
        }
        decode(&buf[..n], |change, name| out.push((change, name.to_vec())));
    }
}

/// `watchStart(path, callback)` → the watcher's id; `callback(eventType,
/// filenameBytes)` per event (filename: the entry in a watched directory,
/// the base name for a watched file).
fn start<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    watchers: &Rc<Watchers>,
    path: Vec<u8>,
    callback: Function<'js>,
) -> rquickjs::Result<f64> {
    let fail = |e: io::Error| {
        let e = FsError::new(&e, "watch", Some(&path));
        match e.to_js(ctx) {
            Ok(o) => ctx.throw(o.into_value()),
            Err(e) => e,
        }
    };
    if !host
        .modules
        .permissions()
        .may_access(super::ops::path(&path), false)
    {
        return Err(super::denied(ctx, &path, false));
    }
    let c =
        CString::new(path.clone()).map_err(|_| fail(io::Error::from_raw_os_error(libc::ENOENT)))?;
    // SAFETY: plain system call; the result is checked.
    let raw = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
    if raw < 0 {
        return Err(fail(io::Error::last_os_error()));
    }
    // SAFETY: `raw` is a fresh descriptor this function owns.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    // SAFETY: `c` is a NUL-terminated path alive for the call.
    if unsafe { libc::inotify_add_watch(raw, c.as_ptr(), MASK) } < 0 {
        return Err(fail(io::Error::last_os_error()));
    }
    let base = path.rsplit(|&b| b == b'/').next().unwrap_or(&path).to_vec();
    let Some(lp) = host.lp.upgrade() else {
        return Err(fail(io::Error::from_raw_os_error(libc::ECANCELED)));
    };
    let callback = Persistent::save(ctx, callback);
    let me: Weak<Host> = host.me.clone();
    let id = lp
        .register(&mut SourceFd(&raw), Interest::READABLE, move |_, _| {
            let events = drain(raw);
            let Some(host) = me.upgrade() else {
                return;
            };
            for (change, name) in events {
                let name = if name.is_empty() { base.clone() } else { name };
                host.enter(|ctx| {
                    let f = callback.clone().restore(ctx)?;
                    let kind = if change { "change" } else { "rename" };
                    let name = rquickjs::TypedArray::<u8>::new(ctx.clone(), name)?;
                    f.call::<_, ()>((kind, name))
                });
            }
        })
        .map_err(|e| fail(io::Error::other(e.to_string())))?;
    let key = watchers.next.get() + 1;
    watchers.next.set(key);
    watchers.open.borrow_mut().insert(key, (id, fd));
    #[allow(clippy::cast_precision_loss)]
    Ok(key as f64)
}

/// `watchClose(id)`: stops and closes the watcher (no event after it).
fn close(host: &Rc<Host>, watchers: &Watchers, id: f64) {
    let Some(id) = valid(id) else { return };
    let Some((io, fd)) = watchers.open.borrow_mut().remove(&id) else {
        return;
    };
    if let Some(lp) = host.lp.upgrade() {
        let raw = fd.as_raw_fd();
        let _ = lp.close_io(io, &mut SourceFd(&raw), move |_| drop(fd));
    }
}

/// `watchRef(id, on)`: whether the watcher keeps the loop alive.
fn set_ref(host: &Rc<Host>, watchers: &Watchers, id: f64, on: bool) {
    let io = valid(id).and_then(|id| watchers.open.borrow().get(&id).map(|(io, _)| *io));
    let (Some(io), Some(lp)) = (io, host.lp.upgrade()) else {
        return;
    };
    if on {
        lp.ref_io(io);
    } else {
        lp.unref_io(io);
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn valid(id: f64) -> Option<u64> {
    (id.is_finite() && id >= 0.0 && id.fract() == 0.0).then_some(id as u64)
}

/// Puts `watchStart`, `watchClose` and `watchRef` on `fs`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    fs: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let watchers = Rc::new(Watchers::default());
    let (h, w) = (Rc::downgrade(host), watchers.clone());
    fs.set(
        "watchStart",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: Value<'js>, cb: Function<'js>| -> rquickjs::Result<f64> {
                let Some(host) = h.upgrade() else {
                    return Ok(-1.0);
                };
                let path = match path.as_string() {
                    Some(s) => s.to_string()?.into_bytes(),
                    None => {
                        let a = rquickjs::TypedArray::<u8>::from_value(path)?;
                        // SAFETY: no JavaScript runs while the slice is alive.
                        unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
                    }
                };
                start(&ctx, &host, &w, path, cb)
            },
        )?,
    )?;
    let (h, w) = (Rc::downgrade(host), watchers.clone());
    fs.set(
        "watchClose",
        Function::new(ctx.clone(), move |id: f64| {
            if let Some(host) = h.upgrade() {
                close(&host, &w, id);
            }
        })?,
    )?;
    let (h, w) = (Rc::downgrade(host), watchers);
    fs.set(
        "watchRef",
        Function::new(ctx.clone(), move |id: f64, on: bool| {
            if let Some(host) = h.upgrade() {
                set_ref(&host, &w, id, on);
            }
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_decode_into_kind_and_name() {
        let mut buf = Vec::new();
        for (mask, name) in [
            (libc::IN_CREATE, &b"new.txt\0\0"[..]),
            (libc::IN_MODIFY, &b""[..]),
        ] {
            let ev = libc::inotify_event {
                wd: 1,
                mask,
                cookie: 0,
                len: u32::try_from(name.len()).unwrap(),
            };
            // SAFETY: reading the bytes of a plain struct.
            let bytes = unsafe {
                std::slice::from_raw_parts(
                    (&raw const ev).cast::<u8>(),
                    std::mem::size_of::<libc::inotify_event>(),
                )
            };
            buf.extend_from_slice(bytes);
            buf.extend_from_slice(name);
        }
        let mut got = Vec::new();
        decode(&buf, |change, name| got.push((change, name.to_vec())));
        assert_eq!(got, vec![(false, b"new.txt".to_vec()), (true, Vec::new())]);
    }
}
