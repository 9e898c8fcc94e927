//! An unsafe boundary of the binding (the other is `ffi`): an exception
//! JavaScript cannot catch, which `process.exit` throws to stop the script
//! where it stands.

use rquickjs::{qjs, Ctx, Error, Exception};

/// Throws an uncatchable error in `ctx` and returns the error to propagate.
///
/// QuickJS skips `catch` and `finally` blocks for an error marked
/// uncatchable, so no script code runs after `process.exit()`.
pub(crate) fn exit_signal(ctx: &Ctx<'_>) -> Error {
    let signal = match Exception::from_message(ctx.clone(), "process.exit") {
        Ok(e) => e,
        Err(e) => return e,
    };
    let value = signal.into_value();
    // SAFETY: `ctx` is a live context of this thread (we are inside one of
    // its native calls) and `value` is an Error object of that context that
    // stays alive for the call; JS_SetUncatchableError only sets a flag on
    // the object and takes no ownership of the value.
    unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), value.as_raw()) };
    ctx.throw(value)
}

#[cfg(test)]
mod tests {
    use rquickjs::{Context, Function, Runtime};

    #[test]
    fn the_exit_signal_skips_catch_and_finally() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let stop = Function::new(ctx.clone(), |ctx: rquickjs::Ctx<'_>| -> rquickjs::Result<()> {
                Err(super::exit_signal(&ctx))
            })
            .unwrap();
            ctx.globals().set("stop", stop).unwrap();
            ctx.globals().set("log", "").unwrap();
            let r: rquickjs::Result<()> = ctx.eval(
                "try { stop(); log += 'after'; } catch (e) { log += 'caught'; } finally { log += 'finally'; }",
            );
            assert!(r.is_err());
            let _ = ctx.catch();
            let log: String = ctx.globals().get("log").unwrap();
            assert_eq!(log, "");
        });
    }
}
