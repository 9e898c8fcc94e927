//! `process.nextTick`: each callback is one nextTick of the loop, in the
//! loop's own tick queue (a JavaScript tick, a Rust `next_tick` and
//! another JavaScript tick run in the order they were queued).
//!
//! The callback and its arguments wait in the host's FIFO
//! ([`Host::ticks`]); the loop's tick holds only the host, small enough to
//! be stored in the loop's queue without an allocation, and runs the
//! front callback (the FIFOs advance together).
//!
//! A run of JavaScript ticks with no Rust tick queued among them runs in
//! one engine entry: after its callback, a loop tick runs the FIFO's next
//! ones while every tick the loop has queued is one of them, and marks
//! each so run stale; a stale loop tick returns at once. Stale ticks are
//! the oldest queued, so they are exactly the next ones the loop runs. A
//! run is at most [`RUN`] ticks long, so a chain of ticks (each queuing
//! the next) leaves few stale ones queued.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use jsloop::EventLoop;
use rquickjs::{qjs, Ctx, Object};

use super::slot;
use super::timers::throw_callback_error;
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// The most ticks one engine entry runs.
const RUN: usize = 64;

/// A queued tick's callback and arguments: raw values holding one
/// reference each, released with their runtime's pointer (no context
/// reference, unlike a `Persistent`).
pub(crate) struct Tick {
    rt: *mut qjs::JSRuntime,
    f: qjs::JSValue,
    args: Vec<qjs::JSValue>,
}

impl Tick {
    /// Calls the callback with the arguments; `Err(Exception)` (pending)
    /// if it threw.
    fn call(mut self, ctx: &Ctx<'_>) -> rquickjs::Result<()> {
        let raw = ctx.as_raw().as_ptr();
        let argc = self.args.len() as std::ffi::c_int;
        let argv = if self.args.is_empty() {
            std::ptr::null_mut()
        } else {
            self.args.as_mut_ptr()
        };
        // SAFETY: `ctx` is locked (we are inside an entry) and belongs to
        // the one runtime whose `nextTick` queued this tick, so `f` and
        // `args` are live values of it (the tick holds their references);
        // JS_Call borrows them; its result is owned and freed here.
        let threw = unsafe {
            let result = qjs::JS_Call(raw, self.f, qjs::JS_UNDEFINED, argc, argv);
            let threw = qjs::JS_IsException(result);
            qjs::JS_FreeValue(raw, result);
            threw
        };
        if threw {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(())
        }
    }
}

impl Drop for Tick {
    fn drop(&mut self) {
        // SAFETY: the tick holds one reference of each value, of runtime
        // `rt`, which is alive: queued ticks are released before the
        // engine is dropped (`Host::release`), popped ones while the
        // host (which owns the engine) is held.
        unsafe {
            qjs::JS_FreeValueRT(self.rt, self.f);
            for &a in &self.args {
                qjs::JS_FreeValueRT(self.rt, a);
            }
        }
    }
}

/// The host's JavaScript ticks.
#[derive(Default)]
pub(crate) struct Ticks {
    /// Queued callbacks, oldest first, one per loop tick not yet stale.
    queue: RefCell<VecDeque<Tick>>,
    /// Loop ticks whose callback an earlier entry already ran.
    stale: Cell<usize>,
}

impl Ticks {
    /// Drops every queued callback (before the engine is dropped).
    pub(crate) fn clear(&self) {
        let queue = std::mem::take(&mut *self.queue.borrow_mut());
        drop(queue);
    }

    /// The next queued callback if no Rust tick is queued before it (the
    /// loop's queued ticks are the stale ones and this FIFO's), marking
    /// its loop tick stale.
    fn next_alone(&self, lp: &EventLoop) -> Option<Tick> {
        let mut queue = self.queue.borrow_mut();
        let stale = self.stale.get();
        if queue.is_empty() || lp.queued_ticks().checked_sub(stale) != Some(queue.len()) {
            return None;
        }
        self.stale.set(stale + 1);
        queue.pop_front()
    }
}

/// Runs the oldest queued tick's callback with its arguments, then the
/// next ones while no Rust tick is queued among them, in one entry; a
/// stale tick returns at once.
fn fire(host: &Rc<Host>, lp: &EventLoop) {
    let stale = host.ticks.stale.get();
    if stale > 0 {
        host.ticks.stale.set(stale - 1);
        return;
    }
    let Some(first) = host.ticks.queue.borrow_mut().pop_front() else {
        return;
    };
    host.enter(|ctx| {
        let mut tick = first;
        for _ in 1..RUN {
            tick.call(ctx)?;
            if host.exit_code().is_some() {
                return Ok(());
            }
            match host.ticks.next_alone(lp) {
                Some(next) => tick = next,
                None => return Ok(()),
            }
            host.restart_budget();
        }
        tick.call(ctx)
    });
}

raw_fn!(
/// `nextTick(callback, ...args)`; Node's `ERR_INVALID_ARG_TYPE` for a
/// non-function.
next_tick, |ctx, argc, argv| {
    let Some((_, host)) = slot(ctx) else {
        return ffi::undefined();
    };
    let callback = ffi::arg(argc, argv, 0);
    if !ffi::is_function(ctx, callback) {
        return not_a_function(ctx, &host, callback);
    }
    let Some(lp) = host.lp.upgrade() else {
        return ffi::undefined();
    };
    // (Inside the raw function's unsafe body.) `ctx` is live and locked,
    // the arguments live values of it; each duplicate is the reference
    // the tick releases.
    let tick = {
        let dup = |i| qjs::JS_DupValue(ctx, ffi::arg(argc, argv, i));
        Tick {
            rt: qjs::JS_GetRuntime(ctx),
            f: dup(0),
            args: if argc > 1 { (1..argc).map(dup).collect() } else { Vec::new() },
        }
    };
    host.ticks.queue.borrow_mut().push_back(tick);
    let h = host.me.clone();
    lp.next_tick(move |lp| {
        if let Some(host) = h.upgrade() {
            fire(&host, lp);
        }
    });
    ffi::undefined()
});

/// Throws Node's error for a non-function callback (out of line, so the
/// hot path keeps a small frame).
///
/// # Safety
///
/// `ctx` is the live, locked context of a raw call and `callback` a live
/// value of it.
#[cold]
#[inline(never)]
unsafe fn not_a_function(
    ctx: *mut qjs::JSContext,
    host: &Host,
    callback: qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: per the contract.
    throw_callback_error(&unsafe { ffi::ctx_of(ctx) }, host, callback)
}

/// Puts `nextTick` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let f: RawFn = next_tick;
    host.set("nextTick", ffi::function(ctx, f, c"nextTick", 1)?)
}
