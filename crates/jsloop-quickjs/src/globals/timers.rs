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
use rquickjs::{qjs, Ctx, Function, Object, Value};

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

/// One reference to a timer's target, kept by its loop timer until it
/// fires or is dropped: a raw `Persistent` without the context reference
/// and `Ctx` one holds, freed on drop through the runtime.
struct Kept {
    rt: *mut qjs::JSRuntime,
    v: qjs::JSValue,
}

impl Kept {
    /// Takes one more reference to `v`.
    ///
    /// # Safety
    ///
    /// `ctx` is live and locked, `v` a live value of it. (The runtime
    /// drops the loop's pending callbacks before the engine.)
    unsafe fn new(ctx: *mut qjs::JSContext, v: qjs::JSValue) -> Self {
        // SAFETY: per the contract; the new reference is ours.
        unsafe {
            Self {
                rt: qjs::JS_GetRuntime(ctx),
                v: qjs::JS_DupValue(ctx, v),
            }
        }
    }

    /// Hands the reference over to the caller.
    fn into_raw(self) -> qjs::JSValue {
        let v = self.v;
        std::mem::forget(self);
        v
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        // SAFETY: the reference is ours and the runtime alive (see `new`).
        unsafe { qjs::JS_FreeValueRT(self.rt, self.v) };
    }
}

/// An owned raw value freed when it goes out of scope.
struct Owned(*mut qjs::JSContext, qjs::JSValue);

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: `Owned` is only made from an owned value of the live,
        // locked context `self.0`, within one call into it; values without
        // a reference count need no call.
        unsafe {
            if qjs::JS_VALUE_HAS_REF_COUNT(self.1) {
                qjs::JS_FreeValue(self.0, self.1);
            }
        }
    }
}

/// A loop timer for `target` after `after` ms (clamped, then truncated to
/// whole ms); its id, or -1.
fn arm(host: &Rc<Host>, target: Kept, after: f64) -> f64 {
    match host.lp.upgrade() {
        Some(lp) => arm_on(&lp, host, target, after),
        None => -1.0,
    }
}

/// [`arm`] on the upgraded loop `lp`.
fn arm_on(lp: &jsloop::EventLoop, host: &Rc<Host>, target: Kept, after: f64) -> f64 {
    // Whole milliseconds, truncated as Node truncates a timer's duration
    // (1, 1.8 and 1.1 ms share one list there and fire in creation order).
    let delay = Duration::from_millis(clamp_kept(Some(after)) as u64);
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
fn fire(host: &Rc<Host>, target: Kept) {
    host.enter(|ctx| {
        let raw = ctx.as_raw().as_ptr();
        let this = Owned(raw, target.into_raw());
        let Some(slot) = super::slot_of(ctx) else {
            return Ok(());
        };
        // SAFETY: `raw` is live and locked (we hold a `Ctx`); `this` is a
        // live value of it, owned until the end of this call.
        unsafe { fire_raw(ctx, raw, host, slot, this.1) }
    });
}

/// [`fire`]'s steps on raw values.
///
/// # Safety
///
/// `raw` is `ctx`'s live, locked context; `this` a live value of it.
unsafe fn fire_raw(
    ctx: &Ctx<'_>,
    raw: *mut qjs::JSContext,
    host: &Rc<Host>,
    slot: &Slot,
    this: qjs::JSValue,
) -> rquickjs::Result<()> {
    // SAFETY: per the contract; every value got here is owned by an
    // `Owned` (or handed on) and freed before the context unlocks.
    unsafe {
        // A timeout is done once it fires (`_id = 0`); an interval keeps
        // its id through the call, as Node keeps it known by id.
        if qjs::JS_IsObject(this) {
            let repeat = Owned(raw, get_raw(raw, slot, this, name::REPEAT)?);
            if !truthy_raw(raw, repeat.1) && !slot.atoms.set(raw, this, name::ID, int(0)) {
                return Err(rquickjs::Error::Exception);
            }
        }
        // As Node: a timer whose `_onTimeout` was emptied is dropped.
        let f = Owned(raw, get_raw(raw, slot, this, name::ON_TIMEOUT)?);
        if !truthy_raw(raw, f.1) {
            return Ok(());
        }
        let called = call(ctx, raw, host, slot, this, f.1);
        drop(f);
        let rearmed = rearm(raw, host, slot, this);
        called.and(rearmed)
    }
}

/// An integer value.
fn int(n: i32) -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_INT, n)
}

/// `obj[i]`, owned; an exception routed as a thrown error.
///
/// # Safety
///
/// `ctx` is live and locked, `obj` a live value of it.
unsafe fn get_raw(
    ctx: *mut qjs::JSContext,
    slot: &Slot,
    obj: qjs::JSValue,
    i: usize,
) -> rquickjs::Result<qjs::JSValue> {
    // SAFETY: per the contract.
    let v = unsafe { slot.atoms.get_raw(ctx, obj, i) };
    // SAFETY: inspecting a tag needs no context.
    if unsafe { qjs::JS_IsException(v) } {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(v)
    }
}

/// Calls the timer's callback `f` (through `runTimer` while timers are
/// kept by primitive id); Node's TypeError if it is not a function.
///
/// # Safety
///
/// `raw` is `ctx`'s live, locked context; `this` and `f` live values of it.
unsafe fn call(
    ctx: &Ctx<'_>,
    raw: *mut qjs::JSContext,
    host: &Rc<Host>,
    slot: &Slot,
    this: qjs::JSValue,
    f: qjs::JSValue,
) -> rquickjs::Result<()> {
    // SAFETY: per the contract.
    unsafe {
        if slot.primitives.get() {
            let Some(dispatch) = host.dispatch() else {
                return Ok(());
            };
            let f: Function = dispatch.get(ctx, Entry::RunTimer)?;
            return f.call((ffi::borrowed(ctx, this),));
        }
        if !ffi::is_function(raw, f) {
            return Err(rquickjs::Exception::throw_type(
                ctx,
                "timer._onTimeout is not a function",
            ));
        }
        let args = Owned(raw, get_raw(raw, slot, this, name::TIMER_ARGS)?);
        let result = if qjs::JS_IsArray(args.1) {
            let list = ffi::borrowed(ctx, args.1);
            let list = list.as_array().expect("an array");
            let args: Vec<Value> = list.iter::<Value>().collect::<rquickjs::Result<_>>()?;
            let mut argv: Vec<qjs::JSValue> = args.iter().map(Value::as_raw).collect();
            qjs::JS_Call(raw, f, this, argv.len() as c_int, argv.as_mut_ptr())
        } else {
            qjs::JS_Call(raw, f, this, 0, std::ptr::null_mut())
        };
        let threw = qjs::JS_IsException(result);
        qjs::JS_FreeValue(raw, result);
        if threw {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(())
        }
    }
}

/// Node's `if (timer._repeat && timer._idleTimeout !== -1)`: arms the
/// timer again for `_repeat` ms, with `_idleTimeout = _repeat`.
///
/// # Safety
///
/// `ctx` is live and locked, `this` a live value of it.
unsafe fn rearm(
    ctx: *mut qjs::JSContext,
    host: &Rc<Host>,
    slot: &Slot,
    this: qjs::JSValue,
) -> rquickjs::Result<()> {
    // SAFETY: per the contract; each value got is owned by an `Owned`.
    unsafe {
        if !qjs::JS_IsObject(this) {
            return Ok(());
        }
        let repeat = Owned(ctx, get_raw(ctx, slot, this, name::REPEAT)?);
        if !truthy_raw(ctx, repeat.1) {
            return Ok(());
        }
        let idle = Owned(ctx, get_raw(ctx, slot, this, name::IDLE_TIMEOUT)?);
        if ffi::number(idle.1) == Some(-1.0) {
            return Ok(());
        }
        let old = Owned(ctx, get_raw(ctx, slot, this, name::ID)?);
        if let Some(old) = ffi::number(old.1).filter(|id| *id > 0.0) {
            if let Some(lp) = host.lp.upgrade() {
                lp.clear_timer(TimerId::from_u64(old as u64));
            }
        }
        let fail = || Err(rquickjs::Error::Exception);
        if !slot.atoms.set(
            ctx,
            this,
            name::IDLE_TIMEOUT,
            qjs::JS_DupValue(ctx, repeat.1),
        ) {
            return fail();
        }
        let id = arm(
            host,
            Kept::new(ctx, this),
            clamp_kept(ffi::number(repeat.1)),
        );
        if !slot
            .atoms
            .set(ctx, this, name::ID, ffi::new_number(ctx, id))
        {
            return fail();
        }
        let refed = Owned(ctx, get_raw(ctx, slot, this, name::REFED)?);
        if qjs::JS_VALUE_GET_TAG(refed.1) == qjs::JS_TAG_BOOL && !truthy_raw(ctx, refed.1) {
            if let Some(lp) = host.lp.upgrade() {
                lp.unref_timer(TimerId::from_u64(id as u64));
            }
        }
        Ok(())
    }
}

/// JavaScript truthiness of a raw value.
///
/// # Safety
///
/// `ctx` is live, `v` a live value of it.
unsafe fn truthy_raw(ctx: *mut qjs::JSContext, v: qjs::JSValue) -> bool {
    // SAFETY: per the contract; ToBoolean runs no JavaScript. The common
    // tags are decided here without the call (objects are not: an
    // `IsHTMLDDA` object is falsy).
    unsafe {
        match qjs::JS_VALUE_GET_TAG(v) {
            qjs::JS_TAG_UNDEFINED | qjs::JS_TAG_NULL => false,
            qjs::JS_TAG_INT | qjs::JS_TAG_BOOL => qjs::JS_VALUE_GET_INT(v) != 0,
            _ => qjs::JS_ToBool(ctx, v) > 0,
        }
    }
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
        let callback = ffi::arg(argc, argv, 0);
        if !ffi::is_function(ctx, callback) {
            return throw_callback_error(&ffi::ctx_of(ctx), &host, callback);
        }
        let raw_after = ffi::arg(argc, argv, 1);
        let after = match ffi::number(raw_after).filter(|n| (1.0..=TIMEOUT_MAX).contains(n)) {
            Some(after) => after,
            // Coercion of other values and the overflow warning, in JS.
            None => {
                let rctx = ffi::ctx_of(ctx);
                match coerce_delay(&rctx, &host, ffi::borrowed(&rctx, raw_after)) {
                    Ok(after) => after,
                    Err(_) => return ffi::exception(),
                }
            }
        };
        if slot.protos.borrow().is_none() && super::ready_protos(&ffi::ctx_of(ctx), slot).is_err() {
            return ffi::exception();
        }
        let Some(made) = slot
            .protos
            .borrow()
            .as_ref()
            .map(|p| p[0].new_object_with_proto(ctx))
        else {
            return ffi::undefined();
        };
        if qjs::JS_IsException(made) {
            return made;
        }
        // Freed on every early return; handed back at the end.
        let obj = Owned(ctx, made);
        if !slot
            .atoms
            .define(ctx, made, name::ON_TIMEOUT, qjs::JS_DupValue(ctx, callback))
            || !slot
                .atoms
                .define(ctx, made, name::IDLE_TIMEOUT, ffi::new_number(ctx, after))
        {
            return ffi::exception();
        }
        let id = match host.lp.upgrade() {
            Some(lp) => {
                // As Node (getLibuvNow when a timer is made): the delay
                // counts from now, not from the start of the current callback.
                lp.update_time();
                arm_on(&lp, &host, Kept::new(ctx, made), after)
            }
            None => -1.0,
        };
        if !slot
            .atoms
            .define(ctx, made, name::ID, ffi::new_number(ctx, id))
        {
            return ffi::exception();
        }
        if argc > 2 {
            let args: Vec<qjs::JSValue> = (2..argc)
                .map(|i| qjs::JS_DupValue(ctx, ffi::arg(argc, argv, i)))
                .collect();
            let array = qjs::JS_NewArrayFrom(ctx, args.len() as c_int, args.as_ptr());
            if qjs::JS_IsException(array) || !slot.atoms.define(ctx, made, name::TIMER_ARGS, array)
            {
                return ffi::exception();
            }
        }
        if repeat
            && !slot
                .atoms
                .define(ctx, made, name::REPEAT, ffi::new_number(ctx, after))
        {
            return ffi::exception();
        }
        std::mem::forget(obj);
        made
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
    let armed = truthy_raw(ctx, on);
    drop(Owned(ctx, on));
    if !armed {
        return ffi::undefined();
    }
    if !slot.atoms.set(ctx, timer, name::ON_TIMEOUT, qjs::JS_NULL) {
        return ffi::exception();
    }
    // `unenroll(timer)`: as `const id = t._id; if (typeof id === 'number'
    // && id !== 0) timerClear(id)`, then `_id = 0`, `_idleTimeout = -1`.
    let id = slot.atoms.get_raw(ctx, timer, name::ID);
    if qjs::JS_IsException(id) {
        return id;
    }
    let id_number = ffi::number(id);
    drop(Owned(ctx, id));
    if let (Some(id), Some(lp)) = (valid_id(id_number), host.lp.upgrade()) {
        lp.clear_timer(TimerId::from_u64(id));
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
    if let Some(lp) = host.lp.upgrade() {
        lp.update_time();
    }
    let after = ffi::number(ffi::arg(argc, argv, 1));
    let id = arm(&host, Kept::new(ctx, ffi::arg(argc, argv, 0)), clamp_kept(after));
    ffi::new_number(ctx, id)
});

/// A timer id handed back by JavaScript, if it can be one.
pub(crate) fn valid_id(id: Option<f64>) -> Option<u64> {
    // `as u64` truncates: equal back only for whole numbers (and no libm
    // call, as `fract` makes).
    id.filter(|id| *id > 0.0 && *id <= 9_007_199_254_740_991.0 && (*id as u64) as f64 == *id)
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
