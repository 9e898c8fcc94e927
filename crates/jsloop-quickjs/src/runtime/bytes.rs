//! Bytes without a copy: the engine's own buffer lent to Rust.

use rquickjs::Value;

use super::call::found;
use super::Runtime;
use crate::embed::catch;
use crate::error::Error;

impl Runtime {
    /// Evaluates `source` and lends `f` the bytes of the `ArrayBuffer` or
    /// typed array (a `Buffer` too) it gives, in place: the engine's own
    /// memory, not a copy (for a typed array, the range it views). Bytes
    /// going the other way are not copied either: a
    /// [`JsValue::ArrayBuffer`](crate::JsValue::ArrayBuffer) or
    /// [`JsValue::TypedArray`](crate::JsValue::TypedArray) handed to
    /// JavaScript becomes the buffer's memory as it is.
    ///
    /// # Errors
    ///
    /// [`Error::Exception`] if `source` throws; [`Error::NotBytes`] if it
    /// gives another value (a `DataView` too), a detached buffer or a view
    /// out of its buffer's bounds.
    ///
    /// # Panics
    ///
    /// If `f` uses this runtime (evaluates, calls, runs its loop): no
    /// JavaScript may run while its memory is lent, as JavaScript could
    /// write, detach or resize the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// rt.eval("globalThis.keep = (b) => { globalThis.frame = b }").unwrap();
    /// let frame = vec![1u8, 2, 3, 4];
    /// let at = frame.as_ptr() as usize;
    /// rt.call_global("keep", vec![JsValue::ArrayBuffer(frame)]).unwrap();
    /// let (ptr, bytes) = rt
    ///     .with_bytes("new Uint8Array(frame, 1, 2)", |b| (b.as_ptr() as usize, b.to_vec()))
    ///     .unwrap();
    /// assert_eq!((ptr, bytes), (at + 1, vec![2, 3]));
    /// ```
    pub fn with_bytes<R>(&self, source: &str, f: impl FnOnce(&[u8]) -> R) -> Result<R, Error> {
        self.host.with_ctx(|ctx| {
            let r = self.host.budgeted(|| ctx.eval::<Value, _>(source));
            let v = r.map_err(|e| catch(ctx, &self.host.embed, e))?;
            // SAFETY: `ctx` is locked; while `bytes` lives, `lend` refuses
            // every entry into this runtime, so no JavaScript runs.
            let Some(bytes) = (unsafe { crate::ffi::bytes::in_place(ctx, &v) }) else {
                return Err(Error::NotBytes { found: found(&v) });
            };
            Ok(self.host.lend(|| f(bytes)))
        })
    }
}
