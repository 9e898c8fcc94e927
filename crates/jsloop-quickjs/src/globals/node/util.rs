//! `util.types`' one native: an object's engine class, which a script
//! cannot fake (`Symbol.toStringTag` and prototypes can be changed).

use rquickjs::{Ctx, Function, Object, Value};

/// The engine's class id of `v` (0 for a primitive). `util.js` compares
/// it with the ids of sample values made at load time, so no id is
/// written down here.
fn class_id(v: Value<'_>) -> u32 {
    crate::ffi::class_id(&v)
}

/// Puts `classId(value)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("classId", Function::new(ctx.clone(), class_id)?)
}
