//! `console`, and Node's `util.inspect` formatting for values printed from Rust.
//!
//! The formatting lives in `js/inspect.js` (checked against node by
//! `js/check-inspect.mjs`), the console in `js/console.js`; this module
//! gives them `print`, `promiseState` and `proxyTarget`.

use std::rc::Rc;

use rquickjs::promise::PromiseState;
use rquickjs::{Array, Ctx, Function, JsLifetime, Object, Value};

use super::loader::{js_file, load, Scope};
use crate::host::Host;
use crate::output::Stream;

/// A Proxy's target (inspected instead of running its traps, as Node
/// does), `null` for a revoked Proxy, `undefined` for anything else.
fn proxy_target<'js>(ctx: Ctx<'js>, v: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let Some(p) = v.as_proxy() else {
        return Ok(Value::new_undefined(ctx));
    };
    match p.target() {
        Ok(t) => Ok(t.into_value()),
        Err(_) => {
            let _ = ctx.catch();
            Ok(Value::new_null(ctx))
        }
    }
}

/// The `util` object of `inspect.js`, evaluated once per runtime (the
/// binding makes one context per runtime) and shared by every globals file.
struct Util<'js>(Object<'js>);

// SAFETY: `Util` holds only an `Object<'js>`, whose lifetime is the `'js`
// it is changed to.
unsafe impl<'js> JsLifetime<'js> for Util<'js> {
    type Changed<'to> = Util<'to>;
}

/// `[0]` pending, `[1, value]` fulfilled, `[2, reason]` rejected, or
/// `undefined` for a non-promise.
fn promise_state<'js>(ctx: Ctx<'js>, p: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let Some(promise) = p.as_promise() else {
        return Ok(Value::new_undefined(ctx));
    };
    let arr = Array::new(ctx.clone())?;
    match promise.state() {
        PromiseState::Pending => arr.set(0, 0)?,
        PromiseState::Resolved => {
            arr.set(0, 1)?;
            arr.set(1, promise.result::<Value>().and_then(Result::ok))?;
        }
        PromiseState::Rejected => {
            arr.set(0, 2)?;
            let reason = match promise.result::<Value>() {
                Some(Err(rquickjs::Error::Exception)) => ctx.catch(),
                Some(Ok(v)) => v,
                _ => Value::new_undefined(ctx.clone()),
            };
            arr.set(1, reason)?;
        }
    }
    Ok(arr.into_value())
}

/// The `util` object of `inspect.js` (`inspect(value, depth)`,
/// `format(...args)`), loaded once per runtime with the host object and
/// kept for [`inspect`].
///
/// # Errors
///
/// The engine's error if the file does not load.
pub(crate) fn util<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<Object<'js>> {
    if let Some(util) = ctx.userdata::<Util>() {
        return Ok(util.0.clone());
    }
    let scope = Scope {
        host: host.clone(),
        util: Value::new_undefined(ctx.clone()),
        shared: Object::new(ctx.clone())?,
    };
    let util = load(ctx, js_file!("inspect.js"), &scope)?;
    let util = util
        .into_object()
        .ok_or_else(|| rquickjs::Error::new_from_js("value", "object"))?;
    // Fails only while the userdata is borrowed, which nothing here leaves it.
    let _ = ctx.store_userdata(Util(util.clone()));
    Ok(util)
}

/// Puts `print(fd, text)` (stdout for 1, stderr for 2; lone surrogates
/// print as U+FFFD, as in Node; returns 0, or the failed write's negative
/// errno) and `promiseState` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let h = Rc::downgrade(host);
    o.set(
        "print",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, fd: i32, text: Value<'js>| {
                let Some(host) = h.upgrade() else {
                    return -libc::EBADF;
                };
                let stream = if fd == 2 {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                };
                let text = crate::ffi::to_string_lossy(&ctx, &text).unwrap_or_default();
                match host.output.try_write(stream, text.as_bytes()) {
                    Ok(()) => 0,
                    Err(errno) => -errno,
                }
            },
        )?,
    )?;
    o.set("promiseState", Function::new(ctx.clone(), promise_state)?)?;
    o.set("proxyTarget", Function::new(ctx.clone(), proxy_target)?)?;
    Ok(())
}

/// `value` as Node's `util.inspect` prints it (depth 2, 80 columns).
///
/// Falls back to the value's string conversion when [`util`] has not run
/// on this runtime, or the formatting throws.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    let util = ctx.userdata::<Util>().map(|u| u.0.clone());
    if let Some(f) = util.and_then(|u| u.get::<_, Function>("inspect").ok()) {
        match f.call::<_, Value>((value.clone(),)) {
            Ok(s) => {
                if let Some(s) = crate::ffi::to_string_lossy(ctx, &s) {
                    return s;
                }
            }
            Err(_) => {
                let _ = ctx.catch();
            }
        }
    }
    fallback(ctx, value)
}

fn fallback<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    let string: Option<Function> = ctx.globals().get("String").ok();
    string
        .and_then(|s| s.call::<_, String>((value,)).ok())
        .unwrap_or_else(|| {
            let _ = ctx.catch();
            "[value]".to_owned()
        })
}
