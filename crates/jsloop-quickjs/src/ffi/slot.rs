//! The context's opaque slot: one boxed value the raw functions reach
//! without a lookup (rquickjs leaves the slot unused).

use std::any::Any;

use rquickjs::{qjs, Ctx};

/// Puts `value` in `ctx`'s slot (dropping what was there) until [`detach`].
pub(crate) fn attach<T: Any>(ctx: &Ctx<'_>, value: T) {
    detach(ctx);
    let boxed: Box<Box<dyn Any>> = Box::new(Box::new(value));
    // SAFETY: `ctx` is a live context; the box stays valid until `detach`
    // takes it back.
    unsafe { qjs::JS_SetContextOpaque(ctx.as_raw().as_ptr(), Box::into_raw(boxed).cast()) };
}

/// Takes the slot's value out of `ctx` and drops it.
pub(crate) fn detach(ctx: &Ctx<'_>) {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is a live context; its opaque is null or a box made by
    // `attach`, which only this function frees, after clearing the slot.
    unsafe {
        let boxed = qjs::JS_GetContextOpaque(raw).cast::<Box<dyn Any>>();
        if !boxed.is_null() {
            qjs::JS_SetContextOpaque(raw, std::ptr::null_mut());
            drop(Box::from_raw(boxed));
        }
    }
}

/// The slot's value, if it is a `T`.
///
/// # Safety
///
/// `ctx` is a live context of this thread, and the reference is not kept
/// past the current call into the engine ([`detach`] is never called
/// while JavaScript runs).
pub(crate) unsafe fn slot<'a, T: Any>(ctx: *mut qjs::JSContext) -> Option<&'a T> {
    // SAFETY: per the contract; the opaque is null or `attach`'s box.
    let boxed = unsafe {
        qjs::JS_GetContextOpaque(ctx)
            .cast::<Box<dyn Any>>()
            .as_ref()
    }?;
    boxed.downcast_ref::<T>()
}
