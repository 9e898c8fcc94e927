//! Property access by interned name, and raw values kept by reference.

use std::ffi::{c_int, CStr};

use rquickjs::{qjs, Ctx, Value};

/// Property names interned once per context; freed by [`Atoms::free`].
#[derive(Debug)]
pub(crate) struct Atoms<const N: usize>([qjs::JSAtom; N]);

impl<const N: usize> Atoms<N> {
    /// Interns `names` in `ctx`.
    pub(crate) fn new(ctx: &Ctx<'_>, names: [&CStr; N]) -> Self {
        let raw = ctx.as_raw().as_ptr();
        // SAFETY: `raw` is a live context; the names are C strings alive for
        // the call; the atoms are owned here until `free`.
        Self(names.map(|name| unsafe { qjs::JS_NewAtom(raw, name.as_ptr()) }))
    }

    /// Releases the names.
    ///
    /// # Safety
    ///
    /// `ctx` is the live context that made them; no use follows.
    pub(crate) unsafe fn free(&self, ctx: *mut qjs::JSContext) {
        for atom in self.0 {
            // SAFETY: per the contract, each atom holds one reference.
            unsafe { qjs::JS_FreeAtom(ctx, atom) };
        }
    }

    /// Defines own data property `i` on `obj`, taking `value`; false (with
    /// an exception pending) if it failed.
    ///
    /// # Safety
    ///
    /// `ctx` is live and locked, `obj` a live value of it, `value` owned.
    pub(crate) unsafe fn define(
        &self,
        ctx: *mut qjs::JSContext,
        obj: qjs::JSValue,
        i: usize,
        value: qjs::JSValue,
    ) -> bool {
        let flags = qjs::JS_PROP_C_W_E as c_int;
        // SAFETY: per the contract; JS_DefinePropertyValue consumes `value`.
        unsafe { qjs::JS_DefinePropertyValue(ctx, obj, self.0[i], value, flags) >= 0 }
    }

    /// `obj[i] = value` (setters and proxies run); false (with an
    /// exception pending) if it threw.
    ///
    /// # Safety
    ///
    /// As for [`Atoms::define`].
    pub(crate) unsafe fn set(
        &self,
        ctx: *mut qjs::JSContext,
        obj: qjs::JSValue,
        i: usize,
        value: qjs::JSValue,
    ) -> bool {
        // SAFETY: per the contract; JS_SetProperty consumes `value`.
        unsafe { qjs::JS_SetProperty(ctx, obj, self.0[i], value) >= 0 }
    }

    /// `obj[i] = n` for an integer (setters and proxies run); false (with
    /// an exception pending) if it threw.
    pub(crate) fn set_int(&self, ctx: &Ctx<'_>, obj: &Value<'_>, i: usize, n: i32) -> bool {
        // SAFETY: `ctx` is live and locked (we hold a `Ctx`), `obj` a live
        // value of it; an int value needs no reference.
        unsafe {
            self.set(
                ctx.as_raw().as_ptr(),
                obj.as_raw(),
                i,
                qjs::JS_MKVAL(qjs::JS_TAG_INT, n),
            )
        }
    }

    /// `obj[i]` (getters and proxies run), owned: the exception marker if
    /// it threw.
    ///
    /// # Safety
    ///
    /// `ctx` is live and locked, `obj` a live value of it.
    pub(crate) unsafe fn get_raw(
        &self,
        ctx: *mut qjs::JSContext,
        obj: qjs::JSValue,
        i: usize,
    ) -> qjs::JSValue {
        // SAFETY: per the contract.
        unsafe { qjs::JS_GetProperty(ctx, obj, self.0[i]) }
    }
}

/// One reference to an engine value, held outside the engine's roots
/// (freed by [`OwnedValue::free`], never by `Drop`).
pub(crate) struct OwnedValue(qjs::JSValue);

impl OwnedValue {
    /// Takes one more reference to `v`.
    pub(crate) fn new(ctx: &Ctx<'_>, v: &Value<'_>) -> Self {
        // SAFETY: `v` is a live value of `ctx`; the new reference is ours.
        Self(unsafe { qjs::JS_DupValue(ctx.as_raw().as_ptr(), v.as_raw()) })
    }

    /// A new object whose prototype is this value (an exception if it
    /// cannot be made).
    ///
    /// # Safety
    ///
    /// `ctx` is live and locked, of the runtime that owns this value.
    pub(crate) unsafe fn new_object_with_proto(&self, ctx: *mut qjs::JSContext) -> qjs::JSValue {
        // SAFETY: per the contract.
        unsafe { qjs::JS_NewObjectProto(ctx, self.0) }
    }

    /// Releases the reference.
    ///
    /// # Safety
    ///
    /// `ctx` is a live context of the owning runtime; no use follows.
    pub(crate) unsafe fn free(&self, ctx: *mut qjs::JSContext) {
        // SAFETY: per the contract.
        unsafe { qjs::JS_FreeValue(ctx, self.0) };
    }
}
