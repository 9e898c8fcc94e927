//! `process.nextTick`: each callback is one nextTick of the loop, in the
//! loop's own tick queue (a JavaScript tick, a Rust `next_tick` and
//! another JavaScript tick run in the order they were queued).
//!
//! The callback and its arguments wait in the host's FIFO
//! ([`Host::ticks`]); the loop's tick holds only the host, small enough to
//! be stored in the loop's queue without an allocation, and runs the
//! front callback (the FIFOs advance together).

use std::rc::Rc;

use rquickjs::{Ctx, Object};

use super::timers::throw_callback_error;
use super::{call_kept, slot, Kept};
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// A queued tick's callback and arguments.
pub(crate) struct Tick {
    f: Kept,
    args: Vec<Kept>,
}

/// Runs the oldest queued tick's callback with its arguments.
fn fire(host: &Rc<Host>) {
    let tick = host.ticks.borrow_mut().pop_front();
    if let Some(Tick { f, args }) = tick {
        host.enter(|ctx| call_kept(ctx, &f.restore(ctx)?, None, args));
    }
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
    host.ticks.borrow_mut().push_back(Tick { f, args });
    let h = host.me.clone();
    lp.next_tick(move |_| {
        if let Some(host) = h.upgrade() {
            fire(&host);
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
