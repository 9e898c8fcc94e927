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
use rquickjs::{Ctx, Object};

use super::timers::throw_callback_error;
use super::{call_kept, slot, Kept};
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// The most ticks one engine entry runs.
const RUN: usize = 64;

/// A queued tick's callback and arguments.
pub(crate) struct Tick {
    f: Kept,
    args: Vec<Kept>,
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
            call_kept(ctx, &tick.f.restore(ctx)?, None, tick.args)?;
            if host.exit_code().is_some() {
                return Ok(());
            }
            match host.ticks.next_alone(lp) {
                Some(next) => tick = next,
                None => return Ok(()),
            }
            host.restart_budget();
        }
        call_kept(ctx, &tick.f.restore(ctx)?, None, tick.args)
    });
}

raw_fn!(
/// `nextTick(callback, ...args)`; Node's `ERR_INVALID_ARG_TYPE` for a
/// non-function.
next_tick, |ctx, argc, argv| {
    let Some((_, host)) = slot(ctx) else {
        return ffi::undefined();
    };
    let rctx = ffi::ctx_of(ctx);
    let callback = ffi::arg(argc, argv, 0);
    if !ffi::is_function(ctx, callback) {
        return throw_callback_error(&rctx, &host, callback);
    }
    let Some(lp) = host.lp.upgrade() else {
        return ffi::undefined();
    };
    let f = ffi::keep(&rctx, callback);
    let args = if argc > 1 {
        (1..argc)
            .map(|i| ffi::keep(&rctx, ffi::arg(argc, argv, i)))
            .collect()
    } else {
        Vec::new()
    };
    host.ticks.queue.borrow_mut().push_back(Tick { f, args });
    let h = host.me.clone();
    lp.next_tick(move |lp| {
        if let Some(host) = h.upgrade() {
            fire(&host, lp);
        }
    });
    ffi::undefined()
});

/// Puts `nextTick` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let f: RawFn = next_tick;
    host.set("nextTick", ffi::function(ctx, f, c"nextTick", 1)?)
}
