//! Compiling a script with a line offset (what rquickjs's eval options
//! lack): a wrapper line above the source is line 0, so the source's own
//! lines and columns are the ones stack traces report.

use rquickjs::{qjs, Ctx, Value};

/// Evaluates `source` as a global script named `filename`, numbering its
/// first line `first_line`; returns its completion value.
///
/// # Errors
///
/// [`rquickjs::Error::Exception`] (pending in `ctx`) if it does not
/// compile or throws.
pub(crate) fn eval_script<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
    first_line: i32,
) -> rquickjs::Result<Value<'js>> {
    let v = eval2(
        ctx,
        source,
        filename,
        qjs::JS_EVAL_TYPE_GLOBAL as _,
        first_line,
    )?;
    // SAFETY: `v` is an owned value of `ctx`.
    Ok(unsafe { super::owned(ctx, v) })
}

/// `JS_Eval2` of `source` named `filename` with `flags`, its first line
/// numbered `first_line`: an owned value, or `Err` with the exception
/// pending in `ctx`.
pub(crate) fn eval2(
    ctx: &Ctx<'_>,
    source: &str,
    filename: &str,
    flags: i32,
    first_line: i32,
) -> rquickjs::Result<qjs::JSValue> {
    // QuickJS reads one byte past the end: keep a NUL there (the source may
    // hold NULs of its own, inside literals).
    let mut input = Vec::with_capacity(source.len() + 1);
    input.extend_from_slice(source.as_bytes());
    input.push(0);
    let filename = std::ffi::CString::new(filename.replace('\0', "")).unwrap_or_default();
    let mut options = qjs::JSEvalOptions {
        version: qjs::JS_EVAL_OPTIONS_VERSION as _,
        eval_flags: flags as _,
        filename: filename.as_ptr(),
        line_num: first_line,
    };
    // SAFETY: `ctx` is live and locked; `input` holds `source.len()` bytes
    // plus a NUL; `filename` is a C string alive for the call; the result
    // is an owned value or the exception marker.
    let v = unsafe {
        qjs::JS_Eval2(
            ctx.as_raw().as_ptr(),
            input.as_ptr().cast(),
            source.len() as _,
            &mut options,
        )
    };
    // SAFETY: a tag check of a value just returned.
    if unsafe { qjs::JS_IsException(v) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(v)
}
