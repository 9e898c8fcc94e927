//! `process.nextTick`: each callback is one nextTick in the loop's own
//! tick queue (a JavaScript tick, a Rust `next_tick` and another
//! JavaScript tick run in the order they were queued).
//!
//! The callbacks and their arguments wait in the host's FIFO
//! ([`Host::ticks`]), in batches: a batch is the callbacks queued one
//! after another with no other loop tick queued among them, and has one
//! loop tick, which runs the whole batch in one engine entry. A callback
//! joins the newest batch while the loop's [`EventLoop::tick_count`] is
//! still what it was just after that batch's tick was queued (also while
//! the batch runs: its remaining callbacks are then the end of the
//! queue); otherwise it starts a batch with a tick of its own.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use jsloop::EventLoop;
use rquickjs::{qjs, Ctx, Object};

use super::slot;
use super::timers::throw_callback_error;
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// A queued tick's callback and arguments: raw values holding one
/// reference each, released with their runtime's pointer (no context
/// reference, unlike a `Persistent`).
pub(crate) struct Tick {
    rt: *mut qjs::JSRuntime,
    f: qjs::JSValue,
    args: Box<[qjs::JSValue]>,
}

impl Tick {
    /// Calls the callback with the arguments; `Err(Exception)` (pending)
    /// if it threw.
    #[inline]
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
    queued: RefCell<Queued>,
    /// The loop's tick count just after the newest batch's tick was queued.
    newest: Cell<u64>,
}

/// The FIFO and its batches, borrowed together.
#[derive(Default)]
struct Queued {
    /// Callbacks, oldest first.
    ticks: VecDeque<Tick>,
    /// How many of them each batch holds, oldest first; the front batch
    /// may be running (the running callback not counted).
    batches: VecDeque<usize>,
}

impl Ticks {
    /// Drops every queued callback (before the engine is dropped).
    pub(crate) fn clear(&self) {
        let queued = std::mem::take(&mut *self.queued.borrow_mut());
        drop(queued);
    }

    /// Queues `tick`: into the newest batch if no loop tick was queued
    /// since that batch's, else into a new batch with its own loop tick.
    fn push(&self, host: &Host, lp: &EventLoop, tick: Tick) {
        let mut queued = self.queued.borrow_mut();
        queued.ticks.push_back(tick);
        if lp.tick_count() == self.newest.get() {
            if let Some(newest) = queued.batches.back_mut() {
                *newest += 1;
                return;
            }
        }
        queued.batches.push_back(1);
        drop(queued);
        let h = host.me.clone();
        lp.next_tick(move |lp| {
            if let Some(host) = h.upgrade() {
                fire(&host, lp);
            }
        });
        self.newest.set(lp.tick_count());
    }

    /// The running batch's next callback, if any is left.
    fn next(&self) -> Option<Tick> {
        let mut queued = self.queued.borrow_mut();
        let left = queued.batches.front_mut()?;
        if *left == 0 {
            return None;
        }
        *left -= 1;
        queued.ticks.pop_front()
    }

    /// Ends the running batch once its callbacks have all run.
    fn finish(&self) {
        let mut queued = self.queued.borrow_mut();
        if queued.batches.front() == Some(&0) {
            queued.batches.pop_front();
        }
    }
}

/// Runs the oldest batch, callback after callback, in one engine entry
/// (a new one after a callback throws, once the exception is routed).
fn fire(host: &Rc<Host>, lp: &EventLoop) {
    loop {
        let stopped = host.enter(|ctx| {
            while let Some(tick) = host.ticks.next() {
                tick.call(ctx)?;
                if host.exit_code().is_some() || lp.is_closing() {
                    return Ok(true);
                }
                host.restart_budget();
            }
            Ok(false)
        });
        match stopped {
            Some(false) => break,
            Some(true) => return,
            None if host.exit_code().is_some() || lp.is_closing() => return,
            None => {}
        }
    }
    host.ticks.finish();
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
            args: if argc > 1 { (1..argc).map(dup).collect() } else { Box::default() },
        }
    };
    host.ticks.push(&host, &lp, tick);
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
