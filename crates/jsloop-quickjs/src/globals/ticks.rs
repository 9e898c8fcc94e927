//! `process.nextTick`: each callback is one nextTick of the loop, in the
//! loop's own tick queue (a JavaScript tick, a Rust `next_tick` and
//! another JavaScript tick run in the order they were queued).

use std::rc::Rc;

use rquickjs::{Ctx, Object};

use super::timers::throw_callback_error;
use super::{call_kept, slot, Kept};
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// Calls a tick's callback with its arguments.
fn fire(host: &Rc<Host>, f: Kept, args: Vec<Kept>) {
    host.enter(|ctx| call_kept(ctx, &f.restore(ctx)?, None, args));
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
    let f = ffi::keep(&rctx, callback);
    let args: Vec<_> = (1..argc)
        .map(|i| ffi::keep(&rctx, ffi::arg(argc, argv, i)))
        .collect();
    if let Some(lp) = host.lp.upgrade() {
        let h = host.me.clone();
        lp.next_tick(move |_| {
            if let Some(host) = h.upgrade() {
                fire(&host, f, args);
            }
        });
    }
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
