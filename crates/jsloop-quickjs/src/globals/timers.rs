//! `setTimeout`, `setInterval` and their clearing: raw engine functions
//! that make `Timeout` objects on loop timers, and the firing that calls
//! them (with Node's re-arming by `_repeat`).
//!
//! Every JavaScript timer is a one-shot loop timer; an interval is
//! re-armed after each call while its `_repeat` is truthy, as Node's
//! `listOnTimeout` does, so user code changing `_repeat` or
//! `_idleTimeout` sees Node's behaviour. Values read back from objects
//! are clamped as the `Timeout` constructor clamps a delay (NaN,
//! non-numbers and out-of-range values become 1 ms; where Node itself
//! degenerates, e.g. a NaN `_idleTimeout` stopping all its timers, we do
//! not follow).

use std::ffi::c_int;
use std::rc::Rc;
use std::time::Duration;

use jsloop::TimerId;
use rquickjs::{qjs, Ctx, Function, Object, Persistent, Value};

use crate::ffi::RawFn;

use super::{loop_op, name, slot, Slot};
use crate::ffi::{self, raw_fn};
use crate::host::{Entry, Host};

/// The largest delay Node keeps (2^31 - 1 ms); larger becomes 1 ms.
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

/// The longest delay a timer is armed for: "never" in practice (Node
/// keeps a timer with an infinite `_idleTimeout` pending forever).
const NEVER_MS: f64 = (1u64 << 40) as f64;

/// A delay read back from a `Timeout` (`_idleTimeout`, `_repeat`) as Node
/// uses it: numbers of at least 1 ms as they are (an infinite one never
/// fires), anything else 1 ms.
pub(crate) fn clamp_kept(ms: Option<f64>) -> f64 {
    match ms {
        Some(ms) if ms >= 1.0 => ms.min(NEVER_MS),
        _ => 1.0,
    }
}

/// A loop timer for `target` after `after` ms (clamped); its id, or -1.
fn arm(host: &Rc<Host>, target: Persistent<Value<'static>>, after: f64) -> f64 {
    let Some(lp) = host.lp.upgrade() else {
        return -1.0;
    };
    let delay = Duration::from_secs_f64(clamp_kept(Some(after)) / 1000.0);
    let h = host.me.clone();
    let id = lp.set_timeout(delay, move |_| {
        if let Some(host) = h.upgrade() {
            fire(&host, target);
        }
    });
    id.map_or(-1.0, |id| id.as_u64() as f64)
}

/// Fires a timer: `_id = 0`, the callback with `this` = the `Timeout` and
/// its `_timerArgs`, then Node's re-arming while `_repeat` is truthy
/// (done even if the callback threw, as Node's `finally`).
fn fire(host: &Rc<Host>, target: Persistent<Value<'static>>) {
    host.enter(|ctx| {
        let this = target.restore(ctx)?;
        let Some(slot) = super::slot_of(ctx) else {
            return Ok(());
        };
        // A timeout is done once it fires (`_id = 0`); an interval keeps
        // its id through the call, as Node keeps it known by id.
        if this.is_object()
            && !truthy(&get(ctx, slot, &this, name::REPEAT)?)
            && !slot.atoms.set_int(ctx, &this, name::ID, 0)
        {
            return Err(rquickjs::Error::Exception);
        }
        // As Node: a timer whose `_onTimeout` was emptied is dropped.
        let f = get(ctx, slot, &this, name::ON_TIMEOUT)?;
        if !truthy(&f) {
            return Ok(());
        }
        let called = call(ctx, host, slot, &this, f);
        let rearmed = rearm(ctx, host, slot, &this);
        called.and(rearmed)
    });
}

/// Calls the timer's callback `f` (through `runTimer` while timers are
/// kept by primitive id); Node's TypeError if it is not a function.
fn call<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    slot: &Slot,
    this: &Value<'js>,
    f: Value<'js>,
) -> rquickjs::Result<()> {
    if slot.primitives.get() {
        let Some(dispatch) = host.dispatch() else {
            return Ok(());
        };
        let f: Function = dispatch.get(ctx, Entry::RunTimer)?;
        return f.call((this.clone(),));
    }
    if !f.is_function() {
        return Err(rquickjs::Exception::throw_type(
            ctx,
            "timer._onTimeout is not a function",
        ));
    }
    let args = get(ctx, slot, this, name::TIMER_ARGS)?;
    let ok = match args.as_array() {
        None => ffi::call(ctx, &f, Some(this), &[]),
        Some(list) => {
            let args: Vec<Value> = list.iter::<Value>().collect::<rquickjs::Result<_>>()?;
            ffi::call(ctx, &f, Some(this), &args)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(rquickjs::Error::Exception)
    }
}

/// `obj[i]`, an exception routed as a thrown error.
fn get<'js>(
    ctx: &Ctx<'js>,
    slot: &Slot,
    obj: &Value<'js>,
    i: usize,
) -> rquickjs::Result<Value<'js>> {
    slot.atoms
        .get(ctx, obj, i)
        .map_err(|()| rquickjs::Error::Exception)
}

/// Node's `if (timer._repeat && timer._idleTimeout !== -1)`: arms the
/// timer again for `_repeat` ms, with `_idleTimeout = _repeat`.
fn rearm<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    slot: &Slot,
    this: &Value<'js>,
) -> rquickjs::Result<()> {
    let Some(obj) = this.as_object() else {
        return Ok(());
    };
    let get = |i| {
        slot.atoms
            .get(ctx, this, i)
            .map_err(|()| rquickjs::Error::Exception)
    };
    let repeat = get(name::REPEAT)?;
    if !truthy(&repeat) {
        return Ok(());
    }
    let idle = get(name::IDLE_TIMEOUT)?;
    if idle.as_number() == Some(-1.0) {
        return Ok(());
    }
    if let Some(old) = get(name::ID)?.as_number().filter(|id| *id > 0.0) {
        if let Some(lp) = host.lp.upgrade() {
            lp.clear_timer(TimerId::from_u64(old as u64));
        }
    }
    obj.set("_idleTimeout", repeat.clone())?;
    let id = arm(
        host,
        Persistent::save(ctx, this.clone()),
        clamp_kept(repeat.as_number()),
    );
    obj.set("_id", id)?;
    if get(name::REFED)?.as_bool() == Some(false) {
        if let Some(lp) = host.lp.upgrade() {
            lp.unref_timer(TimerId::from_u64(id as u64));
        }
    }
    Ok(())
}

/// JavaScript truthiness of a value.
fn truthy(v: &Value<'_>) -> bool {
    // SAFETY: `v` is live; ToBoolean runs no JavaScript.
    unsafe { qjs::JS_ToBool(v.ctx().as_raw().as_ptr(), v.as_raw()) > 0 }
}

/// `setTimeout`/`setInterval(callback, after, ...args)`: a `Timeout`
/// (own `_onTimeout`, `_idleTimeout`, `_id`; `_timerArgs` only with
/// arguments, `_repeat` only for intervals) on a loop timer.
///
/// # Safety
///
/// As for a raw function: live context, `argc` live arguments.
unsafe fn start(
    ctx: *mut qjs::JSContext,
    argc: c_int,
    argv: *mut qjs::JSValue,
    repeat: bool,
) -> qjs::JSValue {
    // SAFETY: per the contract.
    unsafe {
        let Some((slot, host)) = slot(ctx) else {
            return ffi::undefined();
        };
        let rctx = ffi::ctx_of(ctx);
        let callback = ffi::arg(argc, argv, 0);
        if !ffi::is_function(ctx, callback) {
            return throw_callback_error(&rctx, &host, callback);
        }
        let raw_after = ffi::arg(argc, argv, 1);
        let after = match ffi::number(raw_after).filter(|n| (1.0..=TIMEOUT_MAX).contains(n)) {
            Some(after) => after,
            // Coercion of other values and the overflow warning, in JS.
            None => match coerce_delay(&rctx, &host, ffi::borrowed(&rctx, raw_after)) {
                Ok(after) => after,
                Err(_) => return ffi::exception(),
            },
        };
        if super::ready_protos(&rctx, slot).is_err() {
            return ffi::exception();
        }
        let Some(proto) = slot
            .protos
            .borrow()
            .as_ref()
            .map(|p| p[0].new_object_with_proto(ctx))
        else {
            return ffi::undefined();
        };
        if qjs::JS_IsException(proto) {
            return proto;
        }
        let obj = ffi::owned(&rctx, proto);
        let raw = obj.as_raw();
        if !slot
            .atoms
            .define(ctx, raw, name::ON_TIMEOUT, qjs::JS_DupValue(ctx, callback))
            || !slot
                .atoms
                .define(ctx, raw, name::IDLE_TIMEOUT, ffi::new_number(ctx, after))
        {
            return ffi::exception();
        }
        if let Some(lp) = host.lp.upgrade() {
            // As Node (getLibuvNow when a timer is made): the delay counts
            // from now, not from the start of the current callback.
            lp.update_time();
        }
        let id = arm(&host, Persistent::save(&rctx, obj.clone()), after);
        if !slot
            .atoms
            .define(ctx, raw, name::ID, ffi::new_number(ctx, id))
        {
            return ffi::exception();
        }
        if argc > 2 {
            let args: Vec<qjs::JSValue> = (2..argc)
                .map(|i| qjs::JS_DupValue(ctx, ffi::arg(argc, argv, i)))
                .collect();
            let array = qjs::JS_NewArrayFrom(ctx, args.len() as c_int, args.as_ptr());
            if qjs::JS_IsException(array) || !slot.atoms.define(ctx, raw, name::TIMER_ARGS, array) {
                return ffi::exception();
            }
        }
        if repeat
            && !slot
                .atoms
                .define(ctx, raw, name::REPEAT, ffi::new_number(ctx, after))
        {
            return ffi::exception();
        }
        ffi::into_raw(obj)
    }
}

/// Objects holding each shape a new `Timeout` (or `Immediate`) passes
/// through as [`start`] defines its properties, in that order. The engine
/// frees a shape with the last object using it, so without them every
/// new timer whose predecessors are gone (or past that shape) would build
/// its shapes anew; with them it finds each in the engine's shape table.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn shape_keepers(
    ctx: &Ctx<'_>,
    slot: &Slot,
    protos: &[ffi::OwnedValue; 2],
) -> rquickjs::Result<Vec<ffi::OwnedValue>> {
    use name::{ID, IDLE_TIMEOUT, ON_TIMEOUT, REPEAT, TIMER_ARGS};
    let shapes: [(usize, &[usize]); 9] = [
        (0, &[]),
        (0, &[ON_TIMEOUT]),
        (0, &[ON_TIMEOUT, IDLE_TIMEOUT]),
        (0, &[ON_TIMEOUT, IDLE_TIMEOUT, ID]),
        (0, &[ON_TIMEOUT, IDLE_TIMEOUT, ID, TIMER_ARGS]),
        (0, &[ON_TIMEOUT, IDLE_TIMEOUT, ID, REPEAT]),
        (0, &[ON_TIMEOUT, IDLE_TIMEOUT, ID, TIMER_ARGS, REPEAT]),
        (1, &[]),
        (1, &[ID]),
    ];
    let raw = ctx.as_raw().as_ptr();
    let mut keepers = Vec::with_capacity(shapes.len());
    for (proto, names) in shapes {
        // SAFETY: `raw` is live and locked (we hold a `Ctx`); the new
        // object is owned by `obj`; `define` takes its (plain) values.
        unsafe {
            let made = protos[proto].new_object_with_proto(raw);
            if qjs::JS_IsException(made) {
                return Err(rquickjs::Error::Exception);
            }
            let obj = ffi::owned(ctx, made);
            for &i in names {
                if !slot.atoms.define(raw, obj.as_raw(), i, qjs::JS_UNDEFINED) {
                    return Err(rquickjs::Error::Exception);
                }
            }
            keepers.push(ffi::OwnedValue::new(ctx, &obj));
        }
    }
    Ok(keepers)
}

/// Node's `ERR_INVALID_ARG_TYPE` for a callback that is not a function,
/// thrown; returns the exception marker.
pub(crate) fn throw_callback_error(
    ctx: &Ctx<'_>,
    host: &Host,
    callback: qjs::JSValue,
) -> qjs::JSValue {
    let Some(dispatch) = host.dispatch() else {
        return ffi::undefined();
    };
    // SAFETY: `callback` is a live argument of the running raw call.
    let value = unsafe { ffi::borrowed(ctx, callback) };
    let made: rquickjs::Result<Value> = dispatch
        .get(ctx, Entry::CallbackError)
        .and_then(|f| f.call((value,)));
    if let Ok(error) = made {
        let _ = ctx.throw(error);
    }
    ffi::exception()
}

/// `coerceDelay(after)` in JavaScript.
fn coerce_delay<'js>(ctx: &Ctx<'js>, host: &Host, after: Value<'js>) -> rquickjs::Result<f64> {
    let Some(dispatch) = host.dispatch() else {
        return Ok(1.0);
    };
    let f: Function = dispatch.get(ctx, Entry::CoerceDelay)?;
    f.call((after,))
}

raw_fn!(set_timeout, |ctx, argc, argv| start(ctx, argc, argv, false));

raw_fn!(set_interval, |ctx, argc, argv| start(ctx, argc, argv, true));

raw_fn!(
/// `clearTimeout(timer)` (and `clearInterval`): Node's steps for an
/// object while no timer is kept by primitive id, in the order the
/// JavaScript version takes them (each read and write observable through
/// accessors); anything else is left to `clearTimeout` in JavaScript.
clear_timeout, |ctx, argc, argv| {
    let Some((slot, host)) = slot(ctx) else {
        return ffi::undefined();
    };
    let timer = ffi::arg(argc, argv, 0);
    if slot.primitives.get() || !qjs::JS_IsObject(timer) {
        return clear_in_js(ctx, &host, Entry::ClearTimeout, timer);
    }
    // As `if (timer && timer._onTimeout)`.
    let on = slot.atoms.get_raw(ctx, timer, name::ON_TIMEOUT);
    if qjs::JS_IsException(on) {
        return on;
    }
    let armed = qjs::JS_ToBool(ctx, on) > 0;
    qjs::JS_FreeValue(ctx, on);
    if !armed {
        return ffi::undefined();
    }
    if !slot.atoms.set(ctx, timer, name::ON_TIMEOUT, qjs::JS_NULL) {
        return ffi::exception();
    }
    // `unenroll(timer)`: as `if (typeof t._id === 'number' && t._id !== 0)
    // timerClear(t._id)`, then `_id = 0`, `_idleTimeout = -1`.
    let first = slot.atoms.get_raw(ctx, timer, name::ID);
    if qjs::JS_IsException(first) {
        return first;
    }
    let is_number = ffi::number(first).is_some();
    qjs::JS_FreeValue(ctx, first);
    if is_number {
        let id = slot.atoms.get_raw(ctx, timer, name::ID);
        if qjs::JS_IsException(id) {
            return id;
        }
        let id_number = ffi::number(id);
        qjs::JS_FreeValue(ctx, id);
        if let (Some(id), Some(lp)) = (valid_id(id_number), host.lp.upgrade()) {
            lp.clear_timer(TimerId::from_u64(id));
        }
    }
    if !slot.atoms.set(ctx, timer, name::ID, qjs::JS_MKVAL(qjs::JS_TAG_INT, 0))
        || !slot
            .atoms
            .set(ctx, timer, name::IDLE_TIMEOUT, qjs::JS_MKVAL(qjs::JS_TAG_INT, -1))
    {
        return ffi::exception();
    }
    if slot.primitives.get() {
        // An accessor above kept a timer by id: JavaScript forgets this one.
        return clear_in_js(ctx, &host, Entry::Unenrolled, timer);
    }
    ffi::undefined()
});

/// Calls the timers' JavaScript `entry` with `timer`: undefined, or the
/// exception marker if it threw.
///
/// # Safety
///
/// As for a raw function: live, locked context; `timer` a live value.
unsafe fn clear_in_js(
    ctx: *mut qjs::JSContext,
    host: &Host,
    entry: Entry,
    timer: qjs::JSValue,
) -> qjs::JSValue {
    let Some(dispatch) = host.dispatch() else {
        return ffi::undefined();
    };
    // SAFETY: per the contract.
    let (rctx, timer) = unsafe {
        let rctx = ffi::ctx_of(ctx);
        let timer = ffi::borrowed(&rctx, timer);
        (rctx, timer)
    };
    let called: rquickjs::Result<()> = dispatch.get(&rctx, entry).and_then(|f| f.call((timer,)));
    match called {
        Ok(()) => ffi::undefined(),
        Err(rquickjs::Error::Exception) => ffi::exception(),
        Err(e) => {
            if let Ok(error) = crate::host::js_error(&rctx, &e.to_string()) {
                let _ = rctx.throw(error.into_value());
            }
            ffi::exception()
        }
    }
}

raw_fn!(
/// `timerStart(timeout, after)` → the id of a new loop timer for it.
timer_start, |ctx, argc, argv| {
    let Some((_, host)) = slot(ctx) else {
        return ffi::new_number(ctx, -1.0);
    };
    let rctx = ffi::ctx_of(ctx);
    if let Some(lp) = host.lp.upgrade() {
        lp.update_time();
    }
    let after = ffi::number(ffi::arg(argc, argv, 1));
    let id = arm(
        &host,
        ffi::keep(&rctx, ffi::arg(argc, argv, 0)),
        clamp_kept(after),
    );
    ffi::new_number(ctx, id)
});

/// A timer id handed back by JavaScript, if it can be one.
pub(crate) fn valid_id(id: Option<f64>) -> Option<u64> {
    id.filter(|id| *id > 0.0 && id.fract() == 0.0 && *id <= 9_007_199_254_740_991.0)
        .map(|id| id as u64)
}

raw_fn!(
/// `timerClear(id)` → whether a pending timer was cancelled.
timer_clear, |ctx, argc, argv| loop_op(ctx, argc, argv, |lp, id, _| {
    lp.clear_timer(TimerId::from_u64(id))
}));

raw_fn!(
/// `timerRef(id, on)`: refs or unrefs a pending timer.
timer_ref, |ctx, argc, argv| loop_op(ctx, argc, argv, |lp, id, on| {
    let id = TimerId::from_u64(id);
    if on {
        lp.ref_timer(id)
    } else {
        lp.unref_timer(id)
    }
}));

raw_fn!(
/// `trackPrimitives(on)`: whether some timer is kept by primitive id.
track_primitives, |ctx, argc, argv| {
    if let Some((slot, _)) = slot(ctx) {
        slot.primitives
            .set(qjs::JS_ToBool(ctx, ffi::arg(argc, argv, 0)) > 0);
    }
    ffi::undefined()
});

/// Puts the timer natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let natives: [(&str, RawFn, &'static std::ffi::CStr, c_int); 7] = [
        ("setTimeout", set_timeout, c"setTimeout", 5),
        ("clearTimeout", clear_timeout, c"clearTimeout", 1),
        ("setInterval", set_interval, c"setInterval", 5),
        ("timerStart", timer_start, c"timerStart", 2),
        ("timerClear", timer_clear, c"timerClear", 1),
        ("timerRef", timer_ref, c"timerRef", 2),
        ("trackPrimitives", track_primitives, c"trackPrimitives", 1),
    ];
    for (key, f, name, length) in natives {
        host.set(key, ffi::function(ctx, f, name, length)?)?;
    }
    Ok(())
}
