//! `setTimeout`, `setInterval`, `setImmediate` and their clearing, raw.

use std::ffi::c_int;
use std::ptr::NonNull;

use rquickjs::{qjs, Ctx, Persistent, Value};

use super::context::{define, host_of, new_object, Name, Proto};
use super::{arg, function, keep, number};
use crate::globals::native;

/// `setImmediate(callback, ...args)`: an `Immediate` object (its
/// prototype from the host, one own property `_id`) whose callback and
/// arguments the loop's immediate keeps; throws Node's
/// `ERR_INVALID_ARG_TYPE` for a non-function.
unsafe extern "C" fn set_immediate(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe {
        let Some(host) = host_of(ctx) else {
            return qjs::JS_UNDEFINED;
        };
        let callback = arg(argc, argv, 0);
        let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
        if !qjs::JS_IsFunction(ctx, callback) {
            let callback = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, callback));
            if let Some(error) = host.tick_error(&rctx, callback) {
                let _ = rctx.throw(error);
            }
            return qjs::JS_EXCEPTION;
        }
        let obj = new_object(ctx, Proto::Immediate);
        if qjs::JS_IsException(obj) {
            return obj;
        }
        let obj = Value::from_raw(rctx.clone(), obj);
        let f = keep(&rctx, callback);
        let args = (1..argc).map(|i| keep(&rctx, arg(argc, argv, i))).collect();
        let id = native::start_immediate(&host, Persistent::save(&rctx, obj.clone()), f, args);
        let raw = obj.as_raw();
        if !define(ctx, raw, Name::Id, qjs::JS_NewNumber(ctx, id as f64)) {
            return qjs::JS_EXCEPTION;
        }
        qjs::JS_DupValue(ctx, raw)
    }
}

/// The largest delay Node keeps (2^31 - 1 ms); larger becomes 1 ms.
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

/// `setTimeout`/`setInterval(callback, after, ...args)`: a `Timeout`
/// object (prototype from the host; own `_onTimeout`, `_idleTimeout`,
/// `_id`, and `_timerArgs`/`_repeat` only when there are arguments / for
/// intervals) on a loop timer that hands it to `runTimer`.
///
/// # Safety
///
/// As for a raw function: live context, `argc` live arguments.
unsafe fn start_timer(
    ctx: *mut qjs::JSContext,
    argc: c_int,
    argv: *mut qjs::JSValue,
    repeat: bool,
) -> qjs::JSValue {
    // SAFETY: per the contract.
    unsafe {
        let Some(host) = host_of(ctx) else {
            return qjs::JS_UNDEFINED;
        };
        let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
        let callback = arg(argc, argv, 0);
        if !qjs::JS_IsFunction(ctx, callback) {
            let callback = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, callback));
            if let Some(error) = host.tick_error(&rctx, callback) {
                let _ = rctx.throw(error);
            }
            return qjs::JS_EXCEPTION;
        }
        let raw_after = arg(argc, argv, 1);
        let mut after = number(raw_after);
        if !(1.0..=TIMEOUT_MAX).contains(&after) {
            // Coercion of other values and the overflow warning, in JS.
            let raw = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, raw_after));
            match host.coerce_delay(&rctx, raw) {
                Some(v) => after = v,
                None => return qjs::JS_EXCEPTION,
            }
        }
        let obj = new_object(ctx, Proto::Timeout);
        if qjs::JS_IsException(obj) {
            return obj;
        }
        let obj = Value::from_raw(rctx.clone(), obj);
        let raw = obj.as_raw();
        if !define(ctx, raw, Name::OnTimeout, qjs::JS_DupValue(ctx, callback))
            || !define(ctx, raw, Name::IdleTimeout, qjs::JS_NewNumber(ctx, after))
        {
            return qjs::JS_EXCEPTION;
        }
        let target = Persistent::save(&rctx, obj.clone());
        let id = native::start_timer(&host, target, after, repeat, argc <= 2);
        if !define(ctx, raw, Name::Id, qjs::JS_NewNumber(ctx, id as f64)) {
            return qjs::JS_EXCEPTION;
        }
        if argc > 2 {
            let args: Vec<qjs::JSValue> = (2..argc)
                .map(|i| qjs::JS_DupValue(ctx, arg(argc, argv, i)))
                .collect();
            let array = qjs::JS_NewArrayFrom(ctx, args.len() as c_int, args.as_ptr());
            if qjs::JS_IsException(array) || !define(ctx, raw, Name::TimerArgs, array) {
                return qjs::JS_EXCEPTION;
            }
        }
        if repeat && !define(ctx, raw, Name::Repeat, qjs::JS_TRUE) {
            return qjs::JS_EXCEPTION;
        }
        qjs::JS_DupValue(ctx, raw)
    }
}

/// `setTimeout(callback, after, ...args)`.
unsafe extern "C" fn set_timeout(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe { start_timer(ctx, argc, argv, false) }
}

/// `setInterval(callback, after, ...args)`.
unsafe extern "C" fn set_interval(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe { start_timer(ctx, argc, argv, true) }
}

/// `timerStart(target, after, repeat)` → id or -1.
unsafe extern "C" fn timer_start(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe {
        let id = match host_of(ctx) {
            Some(host) => {
                let after = number(arg(argc, argv, 1));
                let repeat = qjs::JS_ToBool(ctx, arg(argc, argv, 2)) > 0;
                let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
                let target = keep(&rctx, arg(argc, argv, 0));
                native::start_timer(&host, target, after, repeat, false)
            }
            None => -1,
        };
        qjs::JS_NewNumber(ctx, id as f64)
    }
}

/// `timerClear(id)` → whether a pending timer was cancelled.
unsafe extern "C" fn timer_clear(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe {
        let cleared =
            host_of(ctx).is_some_and(|host| native::clear_timer(&host, number(arg(argc, argv, 0))));
        if cleared {
            qjs::JS_TRUE
        } else {
            qjs::JS_FALSE
        }
    }
}

/// `immediateClear(id)` → whether a pending immediate was cancelled.
unsafe extern "C" fn immediate_clear(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // SAFETY: QuickJS calls with a live context and `argc` live arguments.
    unsafe {
        let cleared = host_of(ctx)
            .is_some_and(|host| native::clear_immediate(&host, number(arg(argc, argv, 0))));
        if cleared {
            qjs::JS_TRUE
        } else {
            qjs::JS_FALSE
        }
    }
}

/// The native `setTimeout(callback, after, ...args)`.
pub(crate) fn set_timeout_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, set_timeout, c"setTimeout", 5)
}

/// The native `setInterval(callback, after, ...args)`.
pub(crate) fn set_interval_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, set_interval, c"setInterval", 5)
}

/// The native `timerStart(target, after, repeat)`.
pub(crate) fn timer_start_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, timer_start, c"timerStart", 3)
}

/// The native `timerClear(id)`.
pub(crate) fn timer_clear_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, timer_clear, c"timerClear", 1)
}

/// The native `setImmediate(callback, ...args)`.
pub(crate) fn set_immediate_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, set_immediate, c"setImmediate", 4)
}

/// The native `immediateClear(id)`.
pub(crate) fn immediate_clear_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, immediate_clear, c"immediateClear", 1)
}
