//! `setImmediate` and its clearing: raw engine functions that make
//! `Immediate` objects on loop immediates, and the firing that calls them.

use std::ffi::c_int;
use std::rc::Rc;

use jsloop::ImmediateId;
use rquickjs::{qjs, Ctx, Object, Persistent};

use super::timers::throw_callback_error;
use super::{call_kept, loop_op, name, slot, Kept};
use crate::ffi::{self, raw_fn, RawFn};
use crate::host::Host;

/// Runs an immediate: marks its object fired (`_id = 0`), then calls the
/// callback with `this` = the object and the arguments.
fn fire(host: &Rc<Host>, target: Kept, f: Kept, args: Vec<Kept>) {
    host.enter(|ctx| {
        let this = target.restore(ctx)?;
        let f = f.restore(ctx)?;
        if let (Some(slot), true) = (super::slot_of(ctx), this.is_object()) {
            if !slot.atoms.set_int(ctx, &this, name::ID, 0) {
                return Err(rquickjs::Error::Exception);
            }
        }
        call_kept(ctx, &f, Some(&this), args)
    });
}

/// `setImmediate(callback, ...args)`: an `Immediate` with one own
/// property, `_id`; the loop's immediate keeps the callback and arguments.
///
/// # Safety
///
/// As for a raw function: live context, `argc` live arguments.
unsafe fn start(ctx: *mut qjs::JSContext, argc: c_int, argv: *mut qjs::JSValue) -> qjs::JSValue {
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
        if super::ready_protos(&rctx, slot).is_err() {
            return ffi::exception();
        }
        let Some(proto) = slot
            .protos
            .borrow()
            .as_ref()
            .map(|p| p[1].new_object_with_proto(ctx))
        else {
            return ffi::undefined();
        };
        if qjs::JS_IsException(proto) {
            return proto;
        }
        let obj = ffi::owned(&rctx, proto);
        let f = ffi::keep(&rctx, callback);
        let args = (1..argc)
            .map(|i| ffi::keep(&rctx, ffi::arg(argc, argv, i)))
            .collect();
        let target = Persistent::save(&rctx, obj.clone());
        let id = host.lp.upgrade().and_then(|lp| {
            let h = host.me.clone();
            lp.set_immediate(move |_| {
                if let Some(host) = h.upgrade() {
                    fire(&host, target, f, args);
                }
            })
            .ok()
        });
        let id = id.map_or(-1.0, |id| id.as_u64() as f64);
        if !slot
            .atoms
            .define(ctx, obj.as_raw(), name::ID, ffi::new_number(ctx, id))
        {
            return ffi::exception();
        }
        ffi::into_raw(obj)
    }
}

raw_fn!(set_immediate, |ctx, argc, argv| start(ctx, argc, argv));

raw_fn!(
/// `immediateClear(id)` → whether a pending immediate was cancelled.
immediate_clear, |ctx, argc, argv| loop_op(ctx, argc, argv, |lp, id, _| {
    lp.clear_immediate(ImmediateId::from_u64(id))
}));

raw_fn!(
/// `immediateRef(id, on)`: refs or unrefs a pending immediate.
immediate_ref, |ctx, argc, argv| loop_op(ctx, argc, argv, |lp, id, on| {
    let id = ImmediateId::from_u64(id);
    if on {
        lp.ref_immediate(id)
    } else {
        lp.unref_immediate(id)
    }
}));

/// Puts the immediate natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let natives: [(&str, RawFn, &'static std::ffi::CStr, c_int); 3] = [
        ("setImmediate", set_immediate, c"setImmediate", 4),
        ("immediateClear", immediate_clear, c"immediateClear", 1),
        ("immediateRef", immediate_ref, c"immediateRef", 2),
    ];
    for (key, f, name, length) in natives {
        host.set(key, ffi::function(ctx, f, name, length)?)?;
    }
    Ok(())
}
