//! The natives of `node:child_process` (`js/node/child_process.js`):
//! [`sync`] runs a child to its end (`spawnSync` and the forms over it),
//! [`live`] starts one watched by the loop (`spawn` and the forms over
//! it). Options arrive normalised by the JavaScript half; failures are
//! negative errno numbers, which it turns into Node's errors.

mod live;
mod spawn;
mod sync;
mod sys;

use std::rc::Rc;
use std::time::Duration;

use rquickjs::{Ctx, Function, Object, TypedArray, Value};

use crate::host::Host;

/// `cpSpawnSync(options)`: `{pid, status, signal, stdout, stderr, error}`.
fn spawn_sync<'js>(ctx: Ctx<'js>, o: Object<'js>) -> rquickjs::Result<Object<'js>> {
    let spec = spawn::Spec::from_js(&o)?;
    let input = o
        .get::<_, Option<TypedArray<'js, u8>>>("input")?
        // SAFETY: the bytes are copied before any JavaScript runs.
        .map(|a| unsafe { a.as_bytes() }.unwrap_or_default().to_vec());
    let timeout = o.get::<_, Option<f64>>("timeout")?.unwrap_or(0.0);
    let max_buffer = o
        .get::<_, Option<f64>>("maxBuffer")?
        .unwrap_or(f64::INFINITY);
    let limits = sync::Limits {
        timeout: (timeout > 0.0 && timeout.is_finite())
            .then(|| Duration::from_secs_f64(timeout / 1000.0)),
        kill_signal: o
            .get::<_, Option<i32>>("killSignal")?
            .unwrap_or(libc::SIGTERM),
        max_buffer: max_buffer
            .is_finite()
            .then_some(max_buffer.max(0.0) as usize),
    };
    let outcome = sync::run(&spec, input.as_deref(), &limits);
    let out = Object::new(ctx.clone())?;
    out.set("pid", outcome.pid)?;
    out.set("status", outcome.status)?;
    out.set("signal", outcome.signal)?;
    let bytes = |b: Option<Vec<u8>>| -> rquickjs::Result<Value<'js>> {
        match b {
            Some(b) => Ok(TypedArray::new(ctx.clone(), b)?.into_value()),
            None => Ok(Value::new_null(ctx.clone())),
        }
    };
    out.set("stdout", bytes(outcome.stdout)?)?;
    out.set("stderr", bytes(outcome.stderr)?)?;
    out.set("error", outcome.error)?;
    Ok(out)
}

/// Puts the child-process natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    o.set("cpSpawnSync", Function::new(ctx.clone(), spawn_sync)?)?;
    let may = host.modules.permissions().may_spawn();
    o.set("mayChildProcess", Function::new(ctx.clone(), move || may)?)?;
    live::natives(ctx, o, host)
}
