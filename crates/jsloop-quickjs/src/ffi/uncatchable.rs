//! Exceptions JavaScript cannot catch (`process.exit`, fatal errors).

use rquickjs::{qjs, Ctx, Error, Value};

/// Throws `value` in `ctx` as an uncatchable error and returns the error
/// to propagate: QuickJS skips `catch` and `finally` blocks for it, so no
/// script code runs after it.
pub(crate) fn throw_uncatchable<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> Error {
    if value.is_object() {
        // SAFETY: `ctx` is a live context of this thread (we are inside one
        // of its calls) and `value` a live object of it; the call only sets
        // a flag on the object and takes no ownership.
        unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), value.as_raw()) };
    }
    ctx.throw(value)
}

/// Whether `value` was thrown as uncatchable (an exit or an interrupt).
#[cfg(test)]
pub(crate) fn is_uncatchable(value: &Value<'_>) -> bool {
    // SAFETY: inspecting a live value.
    unsafe { qjs::JS_IsUncatchableError(value.as_raw()) }
}

#[cfg(test)]
mod tests {
    use rquickjs::{Context, Exception, Function, Runtime};

    #[test]
    fn an_uncatchable_error_skips_catch_and_finally() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let stop = Function::new(ctx.clone(), |ctx: rquickjs::Ctx<'_>| -> rquickjs::Result<()> {
                let e = Exception::from_message(ctx.clone(), "stop")?;
                Err(super::throw_uncatchable(&ctx, e.into_value()))
            })
            .unwrap();
            ctx.globals().set("stop", stop).unwrap();
            ctx.globals().set("log", "").unwrap();
            let r: rquickjs::Result<()> = ctx.eval(
                "try { stop(); log += 'after'; } catch (e) { log += 'caught'; } finally { log += 'finally'; }",
            );
            assert!(r.is_err());
            assert!(super::is_uncatchable(&ctx.catch()));
            let log: String = ctx.globals().get("log").unwrap();
            assert_eq!(log, "");
        });
    }
}
