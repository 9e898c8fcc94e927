//! ES module records below rquickjs's `Module`, which cannot load a
//! module's imports without also linking and evaluating it: compiling,
//! loading the imports (nothing runs), evaluating and the namespace, as
//! separate steps.

use rquickjs::{qjs, Ctx, Object, Value};

/// A compiled ES module of a context. The engine owns the record (it
/// lives as long as the context); this is a borrowed reference to it.
pub(crate) struct RawModule<'js> {
    ctx: Ctx<'js>,
    ptr: *mut qjs::JSModuleDef,
}

impl<'js> RawModule<'js> {
    /// Compiles `source` as an ES module named `name` (nothing is loaded
    /// or run).
    ///
    /// # Errors
    ///
    /// [`rquickjs::Error::Exception`] (pending in `ctx`) if it does not
    /// compile.
    pub(crate) fn compile(ctx: &Ctx<'js>, name: &str, source: &str) -> rquickjs::Result<Self> {
        let flags =
            qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_STRICT | qjs::JS_EVAL_FLAG_COMPILE_ONLY;
        let v = super::eval::eval2(ctx, source, name, flags as _, 1)?;
        // SAFETY: a compile-only module evaluation returns a module value,
        // whose reference the context's module list keeps.
        let ptr = unsafe { qjs::JS_VALUE_GET_PTR(v) }.cast();
        Ok(Self {
            ctx: ctx.clone(),
            ptr,
        })
    }

    fn value(&self) -> qjs::JSValue {
        qjs::JS_MKPTR(qjs::JS_TAG_MODULE, self.ptr.cast())
    }

    /// Loads the modules it imports, transitively, through the runtime's
    /// module loader; nothing is linked or run.
    ///
    /// # Errors
    ///
    /// [`rquickjs::Error::Exception`] (pending) if one cannot be loaded;
    /// the engine then frees this module and every one it had not fully
    /// loaded, which is why this takes `self`.
    pub(crate) fn load_imports(self) -> rquickjs::Result<Self> {
        // SAFETY: `ptr` is a live module record of `ctx` (compiled above and
        // not freed: only a failed load frees it, and then `self` is gone).
        let r = unsafe { qjs::JS_ResolveModule(self.ctx.as_raw().as_ptr(), self.value()) };
        if r < 0 {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(self)
        }
    }

    /// Links and evaluates it; returns the promise of its evaluation
    /// (settled already unless the graph awaits at top level).
    ///
    /// # Errors
    ///
    /// [`rquickjs::Error::Exception`] (pending) if it does not link.
    pub(crate) fn evaluate(&self) -> rquickjs::Result<Value<'js>> {
        let ctx = self.ctx.as_raw().as_ptr();
        // SAFETY: `ptr` is a live, loaded module record of `ctx`.
        // JS_EvalFunction consumes one reference to the module: take one
        // for it, so the module list keeps its own.
        unsafe {
            let v = qjs::JS_DupValue(ctx, self.value());
            let promise = qjs::JS_EvalFunction(ctx, v);
            if qjs::JS_IsException(promise) {
                return Err(rquickjs::Error::Exception);
            }
            Ok(super::owned(&self.ctx, promise))
        }
    }

    /// Its namespace object.
    ///
    /// # Errors
    ///
    /// [`rquickjs::Error::Exception`] (pending) if the engine fails
    /// (out of memory, or an export that does not resolve).
    pub(crate) fn namespace(&self) -> rquickjs::Result<Object<'js>> {
        // SAFETY: `ptr` is a live, evaluated module record of `ctx`; the
        // result is an owned value or the exception marker.
        unsafe {
            let v = qjs::JS_GetModuleNamespace(self.ctx.as_raw().as_ptr(), self.ptr);
            if qjs::JS_IsException(v) {
                return Err(rquickjs::Error::Exception);
            }
            super::owned(&self.ctx, v)
                .into_object()
                .ok_or(rquickjs::Error::Unknown)
        }
    }
}
