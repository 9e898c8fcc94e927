//! `queueMicrotask`: a host job in the engine's own FIFO, the queue
//! promise reactions use.

use rquickjs::{qjs, Ctx, Object};

use super::slot;
use super::timers::throw_callback_error;
use crate::ffi::{self, raw_fn, RawFn};

raw_fn!(
/// `queueMicrotask(callback)`; Node's `ERR_INVALID_ARG_TYPE` for a
/// non-function.
queue_microtask, |ctx, argc, argv| {
    let callback = ffi::arg(argc, argv, 0);
    if !ffi::is_function(ctx, callback) {
        return not_a_function(ctx, callback);
    }
    if ffi::enqueue_call(ctx, callback) {
        ffi::undefined()
    } else {
        ffi::exception()
    }
});

/// `queueMicrotask` as a plain C function: as a class hook
/// ([`ffi::function`]) it made `microtask_chain` ~40% slower (see
/// `ffi::native`).
unsafe extern "C" fn queue_microtask_c(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let f: RawFn = queue_microtask;
    // SAFETY: QuickJS calls a C function as it calls a raw one (live
    // context, `argc` live values at `argv`); the hook's other arguments
    // are unused.
    unsafe { f(ctx, qjs::JS_UNDEFINED, this, argc, argv, 0) }
}

/// Throws Node's error for a non-function callback (out of line, so the
/// hot path keeps a small frame).
///
/// # Safety
///
/// `ctx` is the live, locked context of a raw call and `callback` a live
/// value of it.
#[cold]
#[inline(never)]
unsafe fn not_a_function(ctx: *mut qjs::JSContext, callback: qjs::JSValue) -> qjs::JSValue {
    // SAFETY: per the contract.
    let Some((_, host)) = (unsafe { slot(ctx) }) else {
        return ffi::undefined();
    };
    // SAFETY: per the contract.
    throw_callback_error(&unsafe { ffi::ctx_of(ctx) }, &host, callback)
}

/// Puts `queueMicrotask` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set(
        "queueMicrotask",
        ffi::c_function(ctx, queue_microtask_c, c"queueMicrotask", 1)?,
    )
}
