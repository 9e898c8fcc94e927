//! Raw QuickJS shims: the one place that speaks the engine's C API.
//!
//! Ground rules:
//! - This module is a leaf: it imports nothing from the rest of the crate
//!   (`.ci/ffi-leaf.sh` checks it). The raw functions of the globals live
//!   with their families and use these helpers.
//! - Every raw entry point goes through [`entry`], which catches a Rust
//!   panic and turns it into a JavaScript `InternalError`: an unwind out of
//!   an `extern "C"` function aborts the process.
//! - Values handed out are owned (`Value`, `Persistent`); raw `JSValue`s
//!   never outlive the call that received them.

pub(crate) mod bytecode;
pub(crate) mod bytes;
mod eval;
mod jobs;
mod module;
mod native;
mod props;
mod slot;
mod string;
mod uncatchable;

use std::any::Any;
use std::ffi::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use rquickjs::{qjs, Ctx, Persistent, Value};

pub(crate) use eval::eval_script;
#[cfg(test)]
pub(crate) use jobs::ONE_ARGUMENT_JOB;
pub(crate) use jobs::{enqueue_call, SpareJob};
pub(crate) use module::RawModule;
pub(crate) use native::{c_function, function};
pub(crate) use props::{Atoms, OwnedValue};
pub(crate) use slot::{attach, detach, slot};
pub(crate) use string::to_string_lossy;
pub(crate) use uncatchable::throw_uncatchable;

/// The C signature of a raw engine function: the `call` hook of a class
/// of its own ([`function`]): context, the function object, `this`,
/// `argc` arguments at `argv`, the call flags.
pub(crate) type RawFn = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
    c_int,
) -> qjs::JSValue;

/// The C signature of a plain C engine function ([`c_function`]):
/// context, `this`, `argc` arguments at `argv`.
pub(crate) type CFn = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;

/// Defines a raw engine function: `raw_fn!(name, |ctx, argc, argv| body)`
/// makes `unsafe extern "C" fn name(ctx, func, this, argc, argv, flags)`
/// (a [`RawFn`]), whose body
/// runs inside [`entry`] (a panic becomes a thrown `InternalError`) and
/// may use the raw calling convention (`ctx` live, `argc` live values at
/// `argv`).
macro_rules! raw_fn {
    ($(#[$meta:meta])* $name:ident, |$ctx:ident, $argc:ident, $argv:ident| $body:expr) => {
        $(#[$meta])*
        unsafe extern "C" fn $name(
            $ctx: *mut rquickjs::qjs::JSContext,
            _func: rquickjs::qjs::JSValue,
            _this: rquickjs::qjs::JSValue,
            $argc: std::ffi::c_int,
            $argv: *mut rquickjs::qjs::JSValue,
            _flags: std::ffi::c_int,
        ) -> rquickjs::qjs::JSValue {
            // SAFETY: QuickJS calls a raw function with a live, locked context
            // and `argc` live arguments at `argv`, which is all the body relies on.
            unsafe { $crate::ffi::entry($ctx, || $body) }
        }
    };
}
pub(crate) use raw_fn;

/// Runs the body of a raw function, turning a Rust panic into a thrown
/// `InternalError` (with the panic message) instead of an abort.
///
/// # Safety
///
/// `ctx` is the live context the raw function was called with.
pub(crate) unsafe fn entry(
    ctx: *mut qjs::JSContext,
    body: impl FnOnce() -> qjs::JSValue,
) -> qjs::JSValue {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(v) => v,
        Err(payload) => {
            let message = panic_message(&*payload);
            let text = std::ffi::CString::new(format!("host panicked: {message}"))
                .unwrap_or_else(|_| c"host panicked".to_owned());
            // SAFETY: `ctx` is live per the contract; "%s" consumes the one
            // C string argument, alive for the call.
            unsafe { qjs::JS_ThrowInternalError(ctx, c"%s".as_ptr(), text.as_ptr()) }
        }
    }
}

/// The message of a panic payload (`&str` or `String`), or a placeholder.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a non-string panic payload".to_owned()
    }
}

/// A `Ctx` for a raw context inside a call.
///
/// # Safety
///
/// `ctx` is a live context of this thread whose runtime lock is held (a
/// raw function is being called), and the result does not outlive the call.
pub(crate) unsafe fn ctx_of<'js>(ctx: *mut qjs::JSContext) -> Ctx<'js> {
    // SAFETY: per the contract; QuickJS never passes a null context.
    unsafe { Ctx::from_raw(NonNull::new_unchecked(ctx)) }
}

/// Calls `f` with `this` (undefined if `None`) and `args`, without
/// rquickjs's argument list; returns false if it threw (the exception is
/// left pending in `ctx`, for `Ctx::catch`).
pub(crate) fn call<'js>(
    ctx: &Ctx<'js>,
    f: &Value<'js>,
    this: Option<&Value<'js>>,
    args: &[Value<'js>],
) -> bool {
    let mut one;
    let mut many;
    let argv: *mut qjs::JSValue = match args {
        [] => std::ptr::null_mut(),
        [a] => {
            one = a.as_raw();
            &mut one
        }
        _ => {
            many = args.iter().map(Value::as_raw).collect::<Vec<_>>();
            many.as_mut_ptr()
        }
    };
    let this = this.map_or(qjs::JS_UNDEFINED, Value::as_raw);
    let ctx = ctx.as_raw().as_ptr();
    // SAFETY: `ctx` is live and locked (we hold a `Ctx`); `f`, `this` and
    // `args` are live values of it, borrowed for the call (JS_Call takes no
    // ownership of them); `argv` points at `args.len()` copies of their raw
    // values; the result is owned and freed here.
    unsafe {
        let result = qjs::JS_Call(ctx, f.as_raw(), this, args.len() as c_int, argv);
        let threw = qjs::JS_IsException(result);
        qjs::JS_FreeValue(ctx, result);
        !threw
    }
}

/// Argument `i` of a raw call, or `undefined`.
///
/// # Safety
///
/// `argv` holds `argc` live values.
pub(crate) unsafe fn arg(argc: c_int, argv: *mut qjs::JSValue, i: c_int) -> qjs::JSValue {
    if i < argc {
        // SAFETY: `i` is in bounds per the contract.
        unsafe { *argv.add(i as usize) }
    } else {
        qjs::JS_UNDEFINED
    }
}

/// A number value's `f64`, `None` for anything else.
pub(crate) fn number(v: qjs::JSValue) -> Option<f64> {
    // SAFETY: inspecting the tag and payload of a value needs no context.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT => Some(f64::from(qjs::JS_VALUE_GET_INT(v))),
            qjs::JS_TAG_FLOAT64 => Some(qjs::JS_VALUE_GET_FLOAT64(v)),
            _ => None,
        }
    }
}

/// Whether `v` is a function.
///
/// # Safety
///
/// `ctx` is live and `v` a live value of it.
pub(crate) unsafe fn is_function(ctx: *mut qjs::JSContext, v: qjs::JSValue) -> bool {
    // SAFETY: per the contract.
    unsafe { qjs::JS_IsFunction(ctx, v) }
}

/// An owned `Value` for a borrowed raw value (one more reference).
///
/// # Safety
///
/// `v` is a live value of `ctx`'s runtime.
pub(crate) unsafe fn borrowed<'js>(ctx: &Ctx<'js>, v: qjs::JSValue) -> Value<'js> {
    // SAFETY: JS_DupValue gives the new `Value` the reference it frees.
    unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v)) }
}

/// An owned `Value` taking over an owned raw value.
///
/// # Safety
///
/// `v` is an owned value (not an exception) of `ctx`'s runtime.
pub(crate) unsafe fn owned<'js>(ctx: &Ctx<'js>, v: qjs::JSValue) -> Value<'js> {
    // SAFETY: per the contract, the reference passes to the `Value`.
    unsafe { Value::from_raw(ctx.clone(), v) }
}

/// An owned, rooted copy of a borrowed raw value for a loop callback.
///
/// # Safety
///
/// As for [`borrowed`].
pub(crate) unsafe fn keep(ctx: &Ctx<'_>, v: qjs::JSValue) -> Persistent<Value<'static>> {
    // SAFETY: per the contract.
    Persistent::save(ctx, unsafe { borrowed(ctx, v) })
}

/// Hands a `Value` back to the engine as an owned raw return value.
pub(crate) fn into_raw(v: Value<'_>) -> qjs::JSValue {
    // SAFETY: `v` is live; the duplicate is the reference handed back, and
    // dropping `v` releases its own (and its context's).
    unsafe { qjs::JS_DupValue(v.ctx().as_raw().as_ptr(), v.as_raw()) }
}

/// Leaves the pending exception in place and returns the marker a raw
/// function returns for "threw".
pub(crate) fn exception() -> qjs::JSValue {
    qjs::JS_EXCEPTION
}

/// `undefined`, as a raw return value.
pub(crate) fn undefined() -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

/// A boolean, as a raw return value.
pub(crate) fn boolean(b: bool) -> qjs::JSValue {
    if b {
        qjs::JS_TRUE
    } else {
        qjs::JS_FALSE
    }
}

/// A number, as a raw return value.
///
/// # Safety
///
/// `ctx` is live.
pub(crate) unsafe fn new_number(ctx: *mut qjs::JSContext, n: f64) -> qjs::JSValue {
    // SAFETY: per the contract; numbers need no allocation.
    unsafe { qjs::JS_NewNumber(ctx, n) }
}

/// The engine's class id of an object (0, the invalid id, for a primitive).
pub(crate) fn class_id(v: &Value<'_>) -> u32 {
    // SAFETY: JS_GetClassID only reads the tag and, for an object, its
    // header; `v` is live for the call.
    unsafe { qjs::JS_GetClassID(v.as_raw()) }
}

#[cfg(test)]
mod tests {
    use std::ffi::c_int;

    use rquickjs::{qjs, CatchResultExt, Context, Runtime};

    unsafe extern "C" fn panics(
        ctx: *mut qjs::JSContext,
        _func: qjs::JSValue,
        _this: qjs::JSValue,
        _argc: c_int,
        _argv: *mut qjs::JSValue,
        _flags: c_int,
    ) -> qjs::JSValue {
        // SAFETY: QuickJS calls with a live context.
        unsafe { crate::ffi::entry(ctx, || panic!("boom")) }
    }

    #[test]
    fn a_panic_in_a_raw_function_becomes_an_internal_error() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let f = crate::ffi::function(&ctx, panics, c"panics", 0).unwrap();
            ctx.globals().set("panics", f).unwrap();
            let r: String = ctx
                .eval("try { panics(); 'no' } catch (e) { e.name + ': ' + e.message }")
                .catch(&ctx)
                .unwrap();
            assert_eq!(r, "InternalError: host panicked: boom");
        });
    }
}
