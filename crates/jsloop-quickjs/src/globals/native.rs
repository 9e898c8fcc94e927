//! The native `host` object the JavaScript globals are written against.

use std::rc::{Rc, Weak};
use std::time::Duration;

use jsloop::{EventLoop, ImmediateId, TimerId};
use rquickjs::prelude::Opt;
use rquickjs::{Array, Ctx, Function, Object, Persistent, Value};

use super::ProcessInfo;
use crate::host::Host;
use crate::output::Stream;

/// An id as a JavaScript number: ids are at most 2^53 - 1, so exact; passed
/// as an integer so the engine stores it with its integer tag (QuickJS
/// hashes integer-valued doubles poorly as `Map` keys).
fn js_id(id: u64) -> i64 {
    id as i64
}

/// Milliseconds (fractional, as Node allows) to a duration.
fn delay(ms: f64) -> Duration {
    Duration::from_secs_f64((ms.max(1.0)) / 1000.0)
}

fn with_loop<R>(host: &Weak<Host>, f: impl FnOnce(&Rc<Host>, &EventLoop) -> R) -> Option<R> {
    let host = host.upgrade()?;
    let lp = host.lp.upgrade()?;
    Some(f(&host, &lp))
}

pub(crate) fn object<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    info: &ProcessInfo,
) -> rquickjs::Result<Object<'js>> {
    let o = Object::new(ctx.clone())?;
    let weak = Rc::downgrade(host);

    let h = weak.clone();
    o.set(
        "print",
        Function::new(ctx.clone(), move |fd: i32, text: String| {
            if let Some(host) = h.upgrade() {
                let stream = if fd == 2 {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                };
                host.output.write(stream, &text);
            }
        })?,
    )?;

    // The hot four are raw engine functions (see `crate::ffi`).
    o.set("timerStart", crate::ffi::timer_start_function(ctx)?)?;
    o.set("setTimeout", crate::ffi::set_timeout_function(ctx)?)?;
    o.set("setInterval", crate::ffi::set_interval_function(ctx)?)?;
    o.set("timerClear", crate::ffi::timer_clear_function(ctx)?)?;
    o.set("setImmediate", crate::ffi::set_immediate_function(ctx)?)?;
    o.set("immediateClear", crate::ffi::immediate_clear_function(ctx)?)?;
    let h = weak.clone();
    o.set(
        "timerRefresh",
        Function::new(ctx.clone(), move |id: f64| -> bool {
            with_loop(&h, |_, lp| {
                lp.update_time();
                lp.refresh_timer(TimerId::from_u64(id as u64))
            })
            .unwrap_or(false)
        })?,
    )?;
    let h = weak.clone();
    o.set(
        "timerRef",
        Function::new(ctx.clone(), move |id: f64, on: bool| -> bool {
            with_loop(&h, |_, lp| {
                let id = TimerId::from_u64(id as u64);
                if on {
                    lp.ref_timer(id)
                } else {
                    lp.unref_timer(id)
                }
            })
            .unwrap_or(false)
        })?,
    )?;

    let h = weak.clone();
    o.set(
        "immediateRef",
        Function::new(ctx.clone(), move |id: f64, on: bool| -> bool {
            with_loop(&h, |_, lp| {
                let id = ImmediateId::from_u64(id as u64);
                if on {
                    lp.ref_immediate(id)
                } else {
                    lp.unref_immediate(id)
                }
            })
            .unwrap_or(false)
        })?,
    )?;

    o.set("nextTick", crate::ffi::next_tick_function(ctx)?)?;

    o.set("defer", crate::ffi::defer_function(ctx)?)?;

    let h = weak.clone();
    o.set(
        "exit",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, code: Opt<i32>| -> rquickjs::Result<()> {
                if let Some(host) = h.upgrade() {
                    host.set_exit(code.0.unwrap_or(0));
                }
                Err(crate::unwind::exit_signal(&ctx))
            },
        )?,
    )?;

    let h = weak.clone();
    o.set(
        "now",
        Function::new(ctx.clone(), move || -> f64 {
            h.upgrade()
                .map_or(0.0, |host| host.started.elapsed().as_secs_f64() * 1000.0)
        })?,
    )?;

    let h = weak.clone();
    o.set(
        "trackPrimitives",
        Function::new(ctx.clone(), move |on: bool| {
            if let Some(host) = h.upgrade() {
                host.primitives.set(on);
            }
        })?,
    )?;

    let argv = Array::new(ctx.clone())?;
    for (i, a) in info.argv.iter().enumerate() {
        argv.set(i, a.as_str())?;
    }
    o.set("argv", argv)?;
    let env = Object::new(ctx.clone())?;
    for (k, v) in &info.env {
        env.set(k.as_str(), v.as_str())?;
    }
    o.set("env", env)?;
    o.set("cwd", info.cwd.as_str())?;
    o.set("pid", std::process::id())?;
    o.set("platform", std::env::consts::OS)?;
    o.set("version", env!("CARGO_PKG_VERSION"))?;
    let origin = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    o.set("timeOrigin", origin)?;
    Ok(o)
}

/// `host.timerStart(timeout, after, repeat)`: a loop timer that hands the
/// `Timeout` object to `runTimer`; returns the timer id, or -1.
///
/// `plain`: made by `setTimeout`/`setInterval` without extra arguments, so
/// the callback may be called straight from Rust when nothing else needs
/// doing (see [`Host::run_timer`]).
pub(crate) fn start_timer(
    host: &Rc<Host>,
    target: Persistent<Value<'static>>,
    after: f64,
    repeat: bool,
    plain: bool,
) -> i64 {
    let Some(lp) = host.lp.upgrade() else {
        return -1;
    };
    // As Node (uv_update_time when a timer is made): the delay counts from
    // now, not from the start of the current callback.
    lp.update_time();
    let h = host.me.clone();
    let fire = move |_: &EventLoop| {
        if let Some(host) = h.upgrade() {
            host.run_timer(&target, repeat, plain);
        }
    };
    let id = if repeat {
        lp.set_interval(delay(after), fire)
    } else {
        lp.set_timeout(delay(after), fire)
    };
    id.map_or(-1, |id| js_id(id.as_u64()))
}

/// Queues a `process.nextTick` callback; the first queued since the last
/// drain asks the loop for a nextTick that drains them all.
pub(crate) fn queue_tick(
    host: &Rc<Host>,
    f: Persistent<Value<'static>>,
    args: Vec<Persistent<Value<'static>>>,
) {
    host.ticks.borrow_mut().push_back((f, args));
    if host.tick_queued.replace(true) {
        return;
    }
    if let Some(lp) = host.lp.upgrade() {
        let h = host.me.clone();
        lp.next_tick(move |_| {
            if let Some(host) = h.upgrade() {
                host.drain_ticks();
            }
        });
    }
}

/// `host.timerClear(id)`: whether a pending timer was cancelled.
pub(crate) fn clear_timer(host: &Rc<Host>, id: f64) -> bool {
    let Some(lp) = host.lp.upgrade() else {
        return false;
    };
    valid_id(id).is_some_and(|id| lp.clear_timer(TimerId::from_u64(id)))
}

/// `setImmediate`: a loop immediate that calls `f` with `this` = the
/// `Immediate` object and `args`; returns its id, or -1.
pub(crate) fn start_immediate(
    host: &Rc<Host>,
    target: Persistent<Value<'static>>,
    f: Persistent<Value<'static>>,
    args: Vec<Persistent<Value<'static>>>,
) -> i64 {
    let Some(lp) = host.lp.upgrade() else {
        return -1;
    };
    let h = host.me.clone();
    let id = lp.set_immediate(move |_| {
        if let Some(host) = h.upgrade() {
            host.run_immediate(target, f, args);
        }
    });
    id.map_or(-1, |id| js_id(id.as_u64()))
}

/// `host.immediateClear(id)`: whether a pending immediate was cancelled.
pub(crate) fn clear_immediate(host: &Rc<Host>, id: f64) -> bool {
    let Some(lp) = host.lp.upgrade() else {
        return false;
    };
    valid_id(id).is_some_and(|id| lp.clear_immediate(ImmediateId::from_u64(id)))
}

/// An id JavaScript handed back, if it can be one (a non-negative integer).
fn valid_id(id: f64) -> Option<u64> {
    (id >= 0.0 && id.fract() == 0.0 && id <= 9_007_199_254_740_991.0).then_some(id as u64)
}
