//! The process natives of `js/signals.js`: signal listeners on the loop
//! (the core's [`jsloop::EventLoop::on_signal`]), `kill`, `umask`,
//! `chdir` and the working directory, and errno descriptions.
//!
//! Failures come back as negative errno numbers (libuv's convention); the
//! JavaScript half makes Node's error.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use jsloop::SignalId;
use rquickjs::{Ctx, Function, Object, Persistent};

use crate::host::Host;

/// The last OS error as a negative errno.
fn last_errno() -> i32 {
    -std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// libuv's description of `errno` (positive or negative): the C library's
/// text with a lower-case first letter.
pub(crate) fn describe_errno(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno.abs()).to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

/// `kill(pid, signal)`: 0, or a negative errno.
fn kill(pid: i32, signal: i32) -> i32 {
    // SAFETY: kill takes plain integers.
    if unsafe { libc::kill(pid, signal) } == 0 {
        0
    } else {
        last_errno()
    }
}

/// `umask(mask)`: sets the mask (a negative `mask` only reads it); returns
/// the previous one.
#[allow(clippy::useless_conversion)] // mode_t is u16 on some systems
fn umask(mask: f64) -> u32 {
    let set = |m: libc::mode_t| {
        // SAFETY: umask only swaps the process's mask.
        unsafe { libc::umask(m) }
    };
    if mask < 0.0 {
        let old = set(0);
        set(old);
        u32::from(old)
    } else {
        u32::from(set(mask as libc::mode_t & 0o777))
    }
}

/// The working directory, or a negative errno.
fn cwd() -> Result<String, i32> {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| -e.raw_os_error().unwrap_or(libc::EIO))
}

/// Puts the process natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let ids: Rc<RefCell<HashMap<u32, SignalId>>> = Rc::default();
    let next = Rc::new(std::cell::Cell::new(0u32));
    let weak = Rc::downgrade(host);
    let (w, table) = (weak.clone(), ids.clone());
    o.set(
        "signalListen",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, signal: i32, f: Function<'js>| -> i32 {
                let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) else {
                    return -libc::EINVAL;
                };
                let f = Persistent::save(&ctx, f);
                let h = w.clone();
                let listened = lp.on_signal(signal, move |_, signal| {
                    if let Some(host) = h.upgrade() {
                        host.enter(|ctx| f.clone().restore(ctx)?.call::<_, ()>((signal,)));
                    }
                });
                match listened {
                    Ok(id) => {
                        let n = next.get();
                        next.set(n.wrapping_add(1));
                        table.borrow_mut().insert(n, id);
                        i32::try_from(n).unwrap_or(i32::MAX)
                    }
                    Err(jsloop::SignalError::Io(e)) => -e.raw_os_error().unwrap_or(libc::EINVAL),
                    Err(_) => -libc::EINVAL,
                }
            },
        )?,
    )?;
    let w = weak;
    o.set(
        "signalUnlisten",
        Function::new(ctx.clone(), move |id: u32| -> bool {
            let Some(signal) = ids.borrow_mut().remove(&id) else {
                return false;
            };
            w.upgrade()
                .and_then(|h| h.lp.upgrade())
                .is_some_and(|lp| lp.remove_signal(signal))
        })?,
    )?;
    o.set("kill", Function::new(ctx.clone(), kill)?)?;
    o.set("umask", Function::new(ctx.clone(), umask)?)?;
    o.set(
        "cwdNow",
        Function::new(ctx.clone(), || -> Vec<String> {
            match cwd() {
                Ok(dir) => vec![dir],
                Err(errno) => vec![String::new(), errno.to_string()],
            }
        })?,
    )?;
    o.set(
        "chdir",
        Function::new(ctx.clone(), |dir: String| -> i32 {
            match std::env::set_current_dir(&dir) {
                Ok(()) => 0,
                Err(e) => -e.raw_os_error().unwrap_or(libc::EIO),
            }
        })?,
    )?;
    o.set("errText", Function::new(ctx.clone(), describe_errno)?)?;
    Ok(())
}
