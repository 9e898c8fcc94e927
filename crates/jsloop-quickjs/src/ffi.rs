//! Raw engine functions on the hottest paths, where rquickjs's generic
//! function trampoline (argument conversion, panic guard, result
//! conversion) costs more than the work: `queueMicrotask`'s enqueue,
//! `process.nextTick`, and starting and clearing timers and immediates.
//!
//! Ground rules:
//! - The raw functions reach their [`Host`] through the context's opaque
//!   slot (rquickjs leaves it unused): a boxed `Weak<Host>` that
//!   [`attach`] sets and [`detach`] frees, both on the loop thread. A
//!   function called after `detach` finds no host and does nothing.
//! - They never panic (nothing unwinds into C) and never call JavaScript.

use std::cell::Cell;
use std::ffi::{c_int, CStr};
use std::ptr::NonNull;
use std::rc::{Rc, Weak};

use rquickjs::{qjs, Ctx, Persistent, Value};

use crate::globals::native;
use crate::host::Host;

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

/// Sets `obj._id = 0` (a fired or cleared `Immediate`).
pub(crate) fn clear_id(ctx: &Ctx<'_>, obj: &Value<'_>) {
    let ctx = ctx.as_raw().as_ptr();
    // SAFETY: `ctx` is live and locked; `obj` is a live value of it; the
    // int value needs no reference; a failure's exception is cleared.
    unsafe {
        let Some(a) = attached(ctx) else {
            return;
        };
        let zero = qjs::JS_MKVAL(qjs::JS_TAG_INT, 0);
        if qjs::JS_IsObject(obj.as_raw())
            && qjs::JS_SetProperty(ctx, obj.as_raw(), a.atoms[Name::Id as usize], zero) < 0
        {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        }
    }
}

/// The property names the raw functions define, interned once per context.
#[derive(Debug, Clone, Copy)]
enum Name {
    OnTimeout = 0,
    IdleTimeout = 1,
    Id = 2,
    TimerArgs = 3,
    Repeat = 4,
}

const NAMES: [&CStr; 5] = [
    c"_onTimeout",
    c"_idleTimeout",
    c"_id",
    c"_timerArgs",
    c"_repeat",
];

/// What a context's opaque slot points at.
struct Attached {
    host: Weak<Host>,
    atoms: [qjs::JSAtom; 5],
    /// `Timeout.prototype` and `Immediate.prototype` (owned references),
    /// once the globals are installed.
    protos: Cell<Option<[qjs::JSValue; 2]>>,
}

/// Which prototype a raw function builds on.
#[derive(Debug, Clone, Copy)]
enum Proto {
    Timeout = 0,
    Immediate = 1,
}

/// Points `ctx`'s raw functions at `host` (until [`detach`]).
pub(crate) fn attach(ctx: &Ctx<'_>, host: Weak<Host>) {
    detach(ctx);
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is a live context; the names are static C strings; the
    // atoms are owned here and freed by `detach`.
    let atoms = NAMES.map(|name| unsafe { qjs::JS_NewAtom(raw, name.as_ptr()) });
    let boxed = Box::into_raw(Box::new(Attached {
        host,
        atoms,
        protos: Cell::new(None),
    }));
    // SAFETY: rquickjs does not use the context opaque; the box stays
    // valid until `detach` frees it.
    unsafe { qjs::JS_SetContextOpaque(raw, boxed.cast()) };
}

/// Clears and frees what [`attach`] set.
pub(crate) fn detach(ctx: &Ctx<'_>) {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is a live context; its opaque is null or a box made by
    // `attach`, which only this function frees, after clearing the slot.
    unsafe {
        let boxed = qjs::JS_GetContextOpaque(raw).cast::<Attached>();
        if !boxed.is_null() {
            qjs::JS_SetContextOpaque(raw, std::ptr::null_mut());
            let attached = Box::from_raw(boxed);
            for atom in attached.atoms {
                qjs::JS_FreeAtom(raw, atom);
            }
            for proto in attached.protos.take().into_iter().flatten() {
                qjs::JS_FreeValue(raw, proto);
            }
        }
    }
}

/// A firing timer's callback (`_onTimeout`) if it is a function; first
/// marks a one-shot timer fired (`_id = 0`).
pub(crate) fn timer_callback<'js>(
    ctx: &Ctx<'js>,
    obj: &Value<'js>,
    once: bool,
) -> Option<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is live and locked; `obj` a live value of it; the int
    // needs no reference; the property read returns an owned value handed
    // to the returned `Value`; exceptions are cleared.
    unsafe {
        let a = attached(raw)?;
        if !qjs::JS_IsObject(obj.as_raw()) {
            return None;
        }
        if once {
            let zero = qjs::JS_MKVAL(qjs::JS_TAG_INT, 0);
            if qjs::JS_SetProperty(raw, obj.as_raw(), a.atoms[Name::Id as usize], zero) < 0 {
                qjs::JS_FreeValue(raw, qjs::JS_GetException(raw));
            }
        }
        let f = qjs::JS_GetProperty(raw, obj.as_raw(), a.atoms[Name::OnTimeout as usize]);
        if qjs::JS_IsException(f) {
            qjs::JS_FreeValue(raw, qjs::JS_GetException(raw));
            return None;
        }
        let f = Value::from_raw(ctx.clone(), f);
        qjs::JS_IsFunction(raw, f.as_raw()).then_some(f)
    }
}

/// Gives the raw functions the prototypes of `Timeout` and `Immediate`
/// (kept until [`detach`]); does nothing on a context not attached.
pub(crate) fn set_prototypes<'js>(ctx: &Ctx<'js>, timeout: &Value<'js>, immediate: &Value<'js>) {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is a live, locked context; the values are live values
    // of it, each given one more reference that `detach` (or a later call
    // here) frees.
    unsafe {
        let Some(a) = attached(raw) else {
            return;
        };
        let new = [
            qjs::JS_DupValue(raw, timeout.as_raw()),
            qjs::JS_DupValue(raw, immediate.as_raw()),
        ];
        for old in a.protos.replace(Some(new)).into_iter().flatten() {
            qjs::JS_FreeValue(raw, old);
        }
    }
}

/// A new object on one of the prototypes (exception if not installed).
///
/// # Safety
///
/// `ctx` is live and locked.
unsafe fn new_object(ctx: *mut qjs::JSContext, proto: Proto) -> qjs::JSValue {
    // SAFETY: per the contract; the prototypes are owned by `Attached`.
    unsafe {
        match attached(ctx).and_then(|a| a.protos.get()) {
            Some(protos) => qjs::JS_NewObjectProto(ctx, protos[proto as usize]),
            None => qjs::JS_ThrowInternalError(ctx, c"jsloop globals not installed".as_ptr()),
        }
    }
}

/// What `attach` set for a context, if anything.
///
/// # Safety
///
/// `ctx` is a live context of this thread; the reference must not outlive
/// the current call (only `detach` frees it, never during a call).
unsafe fn attached<'a>(ctx: *mut qjs::JSContext) -> Option<&'a Attached> {
    // SAFETY: per the contract; the opaque is null or `attach`'s box.
    unsafe { qjs::JS_GetContextOpaque(ctx).cast::<Attached>().as_ref() }
}

/// The host of a context, if attached and alive.
///
/// # Safety
///
/// `ctx` is a live context of this thread.
unsafe fn host_of(ctx: *mut qjs::JSContext) -> Option<Rc<Host>> {
    // SAFETY: per the contract.
    unsafe { attached(ctx) }.and_then(|a| a.host.upgrade())
}

/// Defines own property `name` of a fresh object (no prototype lookup),
/// taking ownership of `value`; false if it failed.
///
/// # Safety
///
/// `ctx` is live and locked; `obj` a live object of it; `value` owned.
unsafe fn define(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    name: Name,
    value: qjs::JSValue,
) -> bool {
    // SAFETY: per the contract; JS_DefinePropertyValue consumes `value`.
    unsafe {
        let Some(a) = attached(ctx) else {
            qjs::JS_FreeValue(ctx, value);
            return false;
        };
        let flags = qjs::JS_PROP_C_W_E as c_int;
        qjs::JS_DefinePropertyValue(ctx, obj, a.atoms[name as usize], value, flags) >= 0
    }
}

/// Argument `i` of a raw call, or `undefined`.
///
/// # Safety
///
/// `argv` holds `argc` live values.
unsafe fn arg(argc: c_int, argv: *mut qjs::JSValue, i: c_int) -> qjs::JSValue {
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
unsafe fn number(v: qjs::JSValue) -> f64 {
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
unsafe fn keep(ctx: &Ctx<'_>, v: qjs::JSValue) -> Persistent<Value<'static>> {
    // SAFETY: JS_DupValue gives the new `Value` the reference it frees.
    let value = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v)) };
    Persistent::save(ctx, value)
}

/// `nextTick(callback, ...args)`: queues the callback on the host's tick
/// queue; throws Node's `ERR_INVALID_ARG_TYPE` for a non-function.
unsafe extern "C" fn next_tick(
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
        if !qjs::JS_IsFunction(ctx, callback) {
            let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
            let callback = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, callback));
            if let Some(error) = host.tick_error(&rctx, callback) {
                let _ = rctx.throw(error);
            }
            return qjs::JS_EXCEPTION;
        }
        let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
        let f = keep(&rctx, callback);
        let args = (1..argc).map(|i| keep(&rctx, arg(argc, argv, i))).collect();
        native::queue_tick(&host, f, args);
        qjs::JS_UNDEFINED
    }
}

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

type RawFn = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;

/// Wraps a raw function as an engine function value.
fn function<'js>(
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

/// The native `nextTick(callback, ...args)`.
pub(crate) fn next_tick_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, next_tick, c"nextTick", 1)
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

/// The job `defer` enqueues: calls its one argument with no arguments and
/// `this` undefined, as `queueMicrotask` does.
unsafe extern "C" fn call_job(
    ctx: *mut qjs::JSContext,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc < 1 {
        return qjs::JS_UNDEFINED;
    }
    // SAFETY: QuickJS passes the values given to JS_EnqueueJob (one, the
    // callback), owned by the job for the duration of this call; JS_Call
    // does not take ownership of the function or `this`.
    unsafe { qjs::JS_Call(ctx, *argv, qjs::JS_UNDEFINED, 0, std::ptr::null_mut()) }
}

/// `defer(fn)`: puts a job calling `fn` at the end of the engine's job
/// queue, the FIFO promise reactions use.
unsafe extern "C" fn defer(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc < 1 {
        return qjs::JS_UNDEFINED;
    }
    // SAFETY: `argv` holds `argc` (≥ 1) live values for this call;
    // JS_EnqueueJob copies (and takes its own reference to) the first.
    if unsafe { qjs::JS_EnqueueJob(ctx, Some(call_job), 1, argv) } < 0 {
        return qjs::JS_EXCEPTION;
    }
    qjs::JS_UNDEFINED
}

/// The native `defer` function (the caller checks that its argument is a
/// function).
pub(crate) fn defer_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    function(ctx, defer, c"defer", 1)
}

#[cfg(test)]
mod tests {
    use rquickjs::{Context, Runtime};

    #[test]
    fn deferred_calls_run_in_fifo_order_with_promise_jobs() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let defer = super::defer_function(&ctx).unwrap();
            ctx.globals().set("defer", defer).unwrap();
            let _: () = ctx
                .eval(
                    "globalThis.log = [];
                     defer(function () { log.push('a:' + (this === undefined) + arguments.length); });
                     Promise.resolve().then(() => log.push('b'));
                     defer(() => log.push('c'));",
                )
                .unwrap();
        });
        while rt.execute_pending_job().unwrap() {}
        ctx.with(|ctx| {
            let log: String = ctx.eval("log.join()").unwrap();
            assert_eq!(log, "a:true0,b,c");
        });
    }

    #[test]
    fn a_throwing_deferred_call_is_the_job_error() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let defer = super::defer_function(&ctx).unwrap();
            ctx.globals().set("defer", defer).unwrap();
            let _: () = ctx
                .eval("defer(() => { throw new Error('boom'); })")
                .unwrap();
        });
        let err = rt.execute_pending_job().unwrap_err();
        err.0.with(|ctx| {
            let e = ctx.catch();
            let message: String = e.as_object().unwrap().get("message").unwrap();
            assert_eq!(message, "boom");
        });
    }
}
