//! Raw engine functions on the hottest paths, where rquickjs's generic
//! function trampoline (argument conversion, panic guard, result
//! conversion) costs more than the work: `queueMicrotask`'s enqueue,
//! `process.nextTick`, `setTimeout`/`setInterval`/`setImmediate` and
//! clearing, and the calls that fire them.
//!
//! Ground rules:
//! - The raw functions reach their [`Host`] through the context's opaque
//!   slot (rquickjs leaves it unused): a boxed `Attached` (a `Weak<Host>`,
//!   interned property names, the `Timeout`/`Immediate` prototypes) that
//!   [`attach`] sets and [`detach`] frees, both on the loop thread, never
//!   while JavaScript runs. A function called after `detach` finds no host
//!   and does nothing.
//! - Nothing in them panics (an unwind out of `extern "C"` aborts): no
//!   `RefCell` borrow is held across a call into JavaScript, and they call
//!   JavaScript only on slow paths (argument errors, delay coercion).

mod context;
mod microtasks;
mod timers;

use std::ffi::{c_int, CStr};

use rquickjs::{qjs, Ctx, Persistent, Value};

pub(crate) use context::{attach, clear_id, detach, set_prototypes, timer_callback};
pub(crate) use microtasks::{defer_function, next_tick_function};
pub(crate) use timers::{
    immediate_clear_function, set_immediate_function, set_interval_function, set_timeout_function,
    timer_clear_function, timer_start_function,
};

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
pub(super) unsafe fn arg(argc: c_int, argv: *mut qjs::JSValue, i: c_int) -> qjs::JSValue {
    if i < argc {
        // SAFETY: `i` is in bounds per the contract.
        unsafe { *argv.add(i as usize) }
    } else {
        qjs::JS_UNDEFINED
    }
}

/// A number argument (`NaN` if it is none; the callers pass numbers).
///
/// # Safety
///
/// `v` is a live value.
pub(super) unsafe fn number(v: qjs::JSValue) -> f64 {
    // SAFETY: inspecting the tag and payload of a live value.
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(v)),
            qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(v),
            _ => f64::NAN,
        }
    }
}

/// An owned, rooted copy of argument `v` for a loop callback to keep.
///
/// # Safety
///
/// `ctx` is a context of this thread inside a call (the runtime's lock is
/// held), and `v` a live value of it.
pub(super) unsafe fn keep(ctx: &Ctx<'_>, v: qjs::JSValue) -> Persistent<Value<'static>> {
    // SAFETY: JS_DupValue gives the new `Value` the reference it frees.
    let value = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v)) };
    Persistent::save(ctx, value)
}

type RawFn = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;

/// Wraps a raw function as an engine function value.
pub(super) fn function<'js>(
    ctx: &Ctx<'js>,
    f: RawFn,
    name: &'static CStr,
    length: c_int,
) -> rquickjs::Result<Value<'js>> {
    // SAFETY: `ctx` is a live context of this thread; the name is a static
    // C string; QuickJS returns a new owned value (or an exception).
    let raw = unsafe {
        qjs::JS_NewCFunction2(
            ctx.as_raw().as_ptr(),
            Some(f),
            name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        )
    };
    // SAFETY: `raw` is a plain value, inspected only.
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `raw` is owned, of this context's runtime, and handed over
    // to the `Value` that frees it.
    Ok(unsafe { Value::from_raw(ctx.clone(), raw) })
}
