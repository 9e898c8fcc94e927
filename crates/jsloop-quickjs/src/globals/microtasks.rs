//! `queueMicrotask`: a host job in the engine's own FIFO, the queue
//! promise reactions use (validated in `js/timers.js`).

use rquickjs::{Ctx, Object};

/// Puts `defer(fn)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("defer", crate::ffi::defer_function(ctx)?)
}
