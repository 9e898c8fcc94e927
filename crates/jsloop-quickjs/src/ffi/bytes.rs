//! The bytes of an `ArrayBuffer` or typed array, in place: the engine's
//! own memory, lent without a copy.

use rquickjs::{qjs, Ctx, Value};

/// The bytes `v` holds or views: all of an `ArrayBuffer` (or
/// `SharedArrayBuffer`), the viewed range of a typed array; `None` for
/// any other value, a detached buffer or an out-of-bounds view.
///
/// # Safety
///
/// `ctx` is live and locked, and no JavaScript runs in its runtime while
/// the slice lives: JavaScript can write, detach or resize the buffer.
pub(crate) unsafe fn in_place<'v>(ctx: &Ctx<'_>, v: &'v Value<'_>) -> Option<&'v [u8]> {
    let raw = ctx.as_raw().as_ptr();
    let (mut offset, mut len): (qjs::size_t, qjs::size_t) = (0, 0);
    // SAFETY: `raw` is live and locked; `v` is a live value of it, only
    // borrowed; the result is an owned value or the exception marker.
    let buffer = unsafe {
        qjs::JS_GetTypedArrayBuffer(raw, v.as_raw(), &mut offset, &mut len, std::ptr::null_mut())
    };
    // SAFETY: a tag check of a value just returned.
    let view = !unsafe { qjs::JS_IsException(buffer) };
    if !view {
        drop(ctx.catch());
    }
    let target = if view { buffer } else { v.as_raw() };
    let mut size: qjs::size_t = 0;
    // SAFETY: `target` is live (the view's buffer, owned here, or `v`).
    let data = unsafe { qjs::JS_GetArrayBuffer(raw, &mut size, target) };
    if view {
        // SAFETY: the reference `JS_GetTypedArrayBuffer` returned; the
        // view in `v` keeps the buffer (and `data`) alive.
        unsafe { qjs::JS_FreeValue(raw, buffer) };
    }
    // SAFETY: `raw` is live and locked.
    if data.is_null() && unsafe { qjs::JS_HasException(raw) } {
        drop(ctx.catch());
        return None;
    }
    let (offset, len) = if view {
        (offset as usize, len as usize)
    } else {
        (0, size as usize)
    };
    if offset.checked_add(len)? > size as usize {
        return None;
    }
    if len == 0 {
        return Some(&[]);
    }
    // SAFETY: `data` points to `size` bytes of the buffer, of which
    // `offset..offset + len` is in bounds; the buffer lives as long as `v`
    // and, per the contract, nothing writes, detaches or resizes it while
    // the slice lives.
    Some(unsafe { std::slice::from_raw_parts(data.add(offset), len) })
}
