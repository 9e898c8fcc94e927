//! Compiled scripts as QuickJS bytecode: compile once, write the bytes,
//! and read them back in any runtime of this process (the same linked
//! QuickJS). Source and debug information are kept, so stack traces and
//! `Function.prototype.toString` are those of the source.

use rquickjs::{qjs, Ctx, Value};

/// Compiles `source` as a global script named `filename` (first line 1,
/// sloppy mode) without running it: the script's bytecode function.
///
/// # Errors
///
/// [`rquickjs::Error::Exception`] (pending in `ctx`) if it does not
/// compile.
pub(crate) fn compile<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
) -> rquickjs::Result<Value<'js>> {
    let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    let v = super::eval::eval2(ctx, source, filename, flags, 1)?;
    // SAFETY: `v` is an owned value of `ctx`, not an exception.
    Ok(unsafe { super::owned(ctx, v) })
}

/// The bytes of a compiled script, with its source and debug information;
/// `None` if the engine cannot write it (out of memory; the exception is
/// cleared).
pub(crate) fn write(ctx: &Ctx<'_>, compiled: &Value<'_>) -> Option<Vec<u8>> {
    let raw = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    // SAFETY: `raw` is live and locked; `compiled` is a live value of it,
    // only borrowed by the call; `len` is written before it returns.
    let buf = unsafe {
        qjs::JS_WriteObject(
            raw,
            &mut len,
            compiled.as_raw(),
            qjs::JS_WRITE_OBJ_BYTECODE as i32,
        )
    };
    if buf.is_null() {
        drop(ctx.catch());
        return None;
    }
    // SAFETY: the engine returned `len` initialised bytes at `buf`, which
    // are copied out, then freed with the allocator that made them.
    unsafe {
        let bytes = std::slice::from_raw_parts(buf, len as usize).to_vec();
        qjs::js_free(raw, buf.cast());
        Some(bytes)
    }
}

/// Reads back what [`write`] wrote (in any runtime of this process): the
/// compiled script, not run yet.
///
/// # Errors
///
/// [`rquickjs::Error::Exception`] (pending in `ctx`) if the engine cannot
/// read it (out of memory).
pub(crate) fn read<'js>(ctx: &Ctx<'js>, bytes: &[u8]) -> rquickjs::Result<Value<'js>> {
    // SAFETY: `ctx` is live and locked; `bytes` are bytecode written by
    // this process's QuickJS ([`write`]'s contract), alive for the call,
    // which copies what it keeps; the result is owned or the exception
    // marker.
    let v = unsafe {
        qjs::JS_ReadObject(
            ctx.as_raw().as_ptr(),
            bytes.as_ptr(),
            bytes.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        )
    };
    // SAFETY: a tag check of a value just returned.
    if unsafe { qjs::JS_IsException(v) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `v` is an owned value of `ctx`, not an exception.
    Ok(unsafe { super::owned(ctx, v) })
}

/// Runs a compiled script ([`compile`] or [`read`]); its completion value.
///
/// # Errors
///
/// [`rquickjs::Error::Exception`] (pending in `ctx`) if it throws.
pub(crate) fn run<'js>(ctx: &Ctx<'js>, compiled: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `raw` is live and locked; `compiled` is a live bytecode
    // function of it: the call takes the new reference (`compiled` drops its
    // own, and its context's, normally); the result is owned or the
    // exception marker.
    let v = unsafe { qjs::JS_EvalFunction(raw, qjs::JS_DupValue(raw, compiled.as_raw())) };
    drop(compiled);
    // SAFETY: a tag check of a value just returned.
    if unsafe { qjs::JS_IsException(v) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `v` is an owned value of `ctx`, not an exception.
    Ok(unsafe { super::owned(ctx, v) })
}
