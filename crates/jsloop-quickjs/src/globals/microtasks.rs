//! `queueMicrotask`: a host job in the engine's own FIFO, the queue
//! promise reactions use.

use rquickjs::{Ctx, Object};

use super::slot;
use super::timers::throw_callback_error;
use crate::ffi::{self, raw_fn, RawFn};

raw_fn!(
/// `queueMicrotask(callback)`; Node's `ERR_INVALID_ARG_TYPE` for a
/// non-function.
queue_microtask, |ctx, argc, argv| {
    let callback = ffi::arg(argc, argv, 0);
    if !ffi::is_function(ctx, callback) {
        let Some((_, host)) = slot(ctx) else {
            return ffi::undefined();
        };
        return throw_callback_error(&ffi::ctx_of(ctx), &host, callback);
    }
    if ffi::enqueue_call(ctx, callback) {
        ffi::undefined()
    } else {
        ffi::exception()
    }
});

/// Puts `queueMicrotask` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let f: RawFn = queue_microtask;
    host.set(
        "queueMicrotask",
        ffi::function(ctx, f, c"queueMicrotask", 1)?,
    )
}
