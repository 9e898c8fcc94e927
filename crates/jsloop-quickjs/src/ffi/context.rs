//! What a context's raw functions reach: the host, interned property
//! names and the prototypes, in the context's opaque slot.

use std::cell::Cell;
use std::ffi::{c_int, CStr};
use std::rc::{Rc, Weak};

use rquickjs::{qjs, Ctx, Value};

use crate::host::Host;

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
pub(super) enum Name {
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
pub(super) enum Proto {
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
pub(super) unsafe fn new_object(ctx: *mut qjs::JSContext, proto: Proto) -> qjs::JSValue {
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
pub(super) unsafe fn host_of(ctx: *mut qjs::JSContext) -> Option<Rc<Host>> {
    // SAFETY: per the contract.
    unsafe { attached(ctx) }.and_then(|a| a.host.upgrade())
}

/// Defines own property `name` of a fresh object (no prototype lookup),
/// taking ownership of `value`; false if it failed.
///
/// # Safety
///
/// `ctx` is live and locked; `obj` a live object of it; `value` owned.
pub(super) unsafe fn define(
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
