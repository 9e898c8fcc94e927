//! Raw functions as callable objects, each of a class of its own whose
//! `call` hook is the raw function.
//!
//! QuickJS calls a C function (`JS_NewCFunction2`) through
//! `js_call_c_function`, which pushes a native stack frame, pads the
//! arguments to the declared length and switches realm: about 70
//! instructions per call, 7% of a `process.nextTick`. The interpreter
//! calls a class's `call` hook directly (rquickjs calls its own Rust
//! functions so). What differs from a C function: no `at name
//! (<anonymous>)` line in a stack captured below the call (as for
//! rquickjs's functions), and the arguments are not padded (raw functions
//! read them with [`super::arg`]).
//!
//! Not always faster in time: `queueMicrotask` as a hook made
//! `benches/js/microtask_chain.js` ~40% slower on the development VM with
//! 7% fewer instructions (`process.nextTick`, the timers and immediates
//! were 3–19% faster), for a reason its lack of performance counters
//! hides; so [`c_function`] makes a plain C function for such a native.

use std::ffi::{c_int, CStr};

use rquickjs::{qjs, Ctx, Value};

use super::{owned, CFn, RawFn};

/// Wraps a raw function as an engine function value: an object of a new
/// class of `ctx`'s runtime whose `call` hook is `f`, with
/// `Function.prototype` and the `length` and `name` (configurable,
/// read-only) of a built-in function.
///
/// # Errors
///
/// The engine's error (out of memory) if the class or the function cannot
/// be made.
pub(crate) fn function<'js>(
    ctx: &Ctx<'js>,
    f: RawFn,
    name: &'static CStr,
    length: c_int,
) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let def = qjs::JSClassDef {
        class_name: c"Function".as_ptr(),
        finalizer: None,
        gc_mark: None,
        call: Some(f),
        exotic: std::ptr::null_mut(),
    };
    // SAFETY: `raw` is a live context of this thread. QuickJS copies what
    // it keeps of `def` (the name, a static string, becomes an atom; the
    // hook is a function pointer). Each new value is owned and either
    // handed to the engine (property definitions take theirs, also on
    // failure) or freed here; the object holds no values, so its class
    // needs no finalizer or mark hook.
    unsafe {
        let rt = qjs::JS_GetRuntime(raw);
        let mut class = 0;
        qjs::JS_NewClassID(rt, &mut class);
        if qjs::JS_NewClass(rt, class, &def) != 0 {
            return Err(rquickjs::Error::Allocation);
        }
        let proto = qjs::JS_GetFunctionProto(raw);
        let obj = qjs::JS_NewObjectProtoClass(raw, proto, class);
        qjs::JS_FreeValue(raw, proto);
        if qjs::JS_IsException(obj) {
            return Err(rquickjs::Error::Exception);
        }
        let obj = owned(ctx, obj);
        let flags = qjs::JS_PROP_CONFIGURABLE as c_int;
        let len = qjs::JS_MKVAL(qjs::JS_TAG_INT, length);
        if qjs::JS_DefinePropertyValueStr(raw, obj.as_raw(), c"length".as_ptr(), len, flags) < 0 {
            return Err(rquickjs::Error::Exception);
        }
        let name = name.to_bytes();
        let name = qjs::JS_NewStringLen(raw, name.as_ptr().cast(), name.len() as _);
        if qjs::JS_IsException(name)
            || qjs::JS_DefinePropertyValueStr(raw, obj.as_raw(), c"name".as_ptr(), name, flags) < 0
        {
            return Err(rquickjs::Error::Exception);
        }
        Ok(obj)
    }
}

/// Wraps a C function (`JS_NewCFunction2`, called through QuickJS's
/// native frame) as an engine function value; see the module's note on
/// when to prefer it to [`function`].
///
/// # Errors
///
/// The engine's error (out of memory) if the function cannot be made.
pub(crate) fn c_function<'js>(
    ctx: &Ctx<'js>,
    f: CFn,
    name: &'static CStr,
    length: c_int,
) -> rquickjs::Result<Value<'js>> {
    // SAFETY: `ctx` is a live context of this thread; the name is a static
    // C string; QuickJS returns a new owned value (or an exception).
    unsafe {
        let raw = qjs::JS_NewCFunction2(
            ctx.as_raw().as_ptr(),
            Some(f),
            name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        if qjs::JS_IsException(raw) {
            return Err(rquickjs::Error::Exception);
        }
        Ok(owned(ctx, raw))
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::c_int;

    use rquickjs::{qjs, CatchResultExt, Context, Runtime};

    /// `echo(...args)`: `[this, ...args]`, through the raw calling
    /// convention.
    unsafe extern "C" fn echo(
        ctx: *mut qjs::JSContext,
        _func: qjs::JSValue,
        this: qjs::JSValue,
        argc: c_int,
        argv: *mut qjs::JSValue,
        _flags: c_int,
    ) -> qjs::JSValue {
        // SAFETY: a raw call: live context, `argc` live values at `argv`;
        // each element put in the array is a new reference.
        unsafe {
            let array = qjs::JS_NewArray(ctx);
            qjs::JS_SetPropertyUint32(ctx, array, 0, qjs::JS_DupValue(ctx, this));
            for i in 0..argc {
                let v = qjs::JS_DupValue(ctx, crate::ffi::arg(argc, argv, i));
                qjs::JS_SetPropertyUint32(ctx, array, i as u32 + 1, v);
            }
            array
        }
    }

    #[test]
    fn a_raw_function_behaves_as_a_built_in_function() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            let f = super::function(&ctx, echo, c"echo", 2).unwrap();
            ctx.globals().set("echo", f).unwrap();
            let r: String = ctx
                .eval(
                    r#"[
                        typeof echo,
                        echo instanceof Function,
                        Object.getPrototypeOf(echo) === Function.prototype,
                        JSON.stringify(Object.getOwnPropertyNames(echo)),
                        JSON.stringify(Object.getOwnPropertyDescriptor(echo, 'name')),
                        JSON.stringify(Object.getOwnPropertyDescriptor(echo, 'length')),
                        String(echo).replace(/\s+/g, ' '),
                        JSON.stringify(echo(1)),
                        JSON.stringify(echo.call('t', 'a', 'b')),
                        JSON.stringify(echo.bind('u', 1)(2)),
                        JSON.stringify(Reflect.apply(echo, null, [3, 4, 5])),
                        (() => { try { new echo(); return 'constructed'; } catch (e) { return e.name; } })(),
                    ].join('|')"#,
                )
                .catch(&ctx)
                .unwrap();
            assert_eq!(
                r,
                concat!(
                    "function|true|true|",
                    r#"["length","name"]|"#,
                    r#"{"value":"echo","writable":false,"enumerable":false,"configurable":true}|"#,
                    r#"{"value":2,"writable":false,"enumerable":false,"configurable":true}|"#,
                    "function echo() { [native code] }|",
                    "[null,1]|",
                    r#"["t","a","b"]|"#,
                    r#"["u",1,2]|"#,
                    "[null,3,4,5]|",
                    "TypeError"
                )
            );
        });
    }

    #[test]
    fn each_raw_function_calls_its_own_hook() {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(|ctx| {
            for i in 0..3 {
                let f = super::function(&ctx, echo, c"echo", 0).unwrap();
                ctx.globals().set(format!("echo{i}"), f).unwrap();
            }
            let r: String = ctx
                .eval("JSON.stringify([echo0(0), echo1(1), echo2(2)])")
                .catch(&ctx)
                .unwrap();
            assert_eq!(r, "[[null,0],[null,1],[null,2]]");
        });
    }
}
