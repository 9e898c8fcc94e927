//! `console`, and Node's `util.inspect` formatting for values printed from Rust.
//!
//! The formatting lives in `js/inspect.js` (checked against node by
//! `js/check-inspect.mjs`), the console in `js/console.js`. Both are
//! evaluated inside a function scope that receives the host primitives, so
//! nothing but `console` reaches `globalThis`.

use std::time::Instant;

use rquickjs::promise::PromiseState;
use rquickjs::{Array, Ctx, Function, JsLifetime, Object, Value};

use crate::output::{Output, Stream};

const INSPECT_JS: &str = include_str!("js/inspect.js");
const CONSOLE_JS: &str = include_str!("js/console.js");

/// The `inspect` function of the installed console, kept for [`inspect`].
struct Inspector<'js>(Function<'js>);

// SAFETY: `Inspector` holds only a `Function<'js>`, whose lifetime is the
// `'js` it is changed to.
unsafe impl<'js> JsLifetime<'js> for Inspector<'js> {
    type Changed<'to> = Inspector<'to>;
}

/// Evaluates `source` as the body of `function (host) { ... }` and calls it.
pub(super) fn run_with_host<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    params: &str,
    source: &str,
    args: impl rquickjs::function::IntoArgs<'js>,
) -> rquickjs::Result<Value<'js>> {
    let mut options = rquickjs::context::EvalOptions::default();
    options.filename = Some(format!("jsloop:{name}"));
    options.strict = false;
    let f: Function =
        ctx.eval_with_options(format!("(function ({params}) {{\n{source}\n}})"), options)?;
    f.call(args)
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

/// The `util` object of `inspect.js`: `inspect(value, depth)` and `format(...args)`.
pub(super) fn util<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let host = Object::new(ctx.clone())?;
    host.set("promiseState", Function::new(ctx.clone(), promise_state)?)?;
    let util = run_with_host(ctx, "inspect.js", "host", INSPECT_JS, (host,))?;
    util.into_object()
        .ok_or_else(|| rquickjs::Error::new_from_js("value", "object"))
}

/// Installs `console` on the global object, writing to `output`.
///
/// `console.time` measures from a monotonic clock; `console.log`, `info`,
/// `debug`, `dir`, `count`, `time*` and `group` labels go to stdout, `warn`,
/// `error`, `trace` and `assert` to stderr, indented by `console.group`.
///
/// # Errors
///
/// Fails if the engine cannot evaluate the console's JavaScript (out of memory).
pub(crate) fn install(ctx: &Ctx<'_>, output: Output) -> rquickjs::Result<()> {
    let util = util(ctx)?;
    let host = Object::new(ctx.clone())?;
    host.set(
        "print",
        Function::new(ctx.clone(), move |fd: i32, text: String| {
            let stream = if fd == 2 {
                Stream::Stderr
            } else {
                Stream::Stdout
            };
            output.write(stream, &text);
        })?,
    )?;
    let started = Instant::now();
    host.set(
        "now",
        Function::new(ctx.clone(), move || {
            started.elapsed().as_secs_f64() * 1000.0
        })?,
    )?;
    run_with_host(
        ctx,
        "console.js",
        "host, util",
        CONSOLE_JS,
        (host, util.clone()),
    )?;
    let inspect: Function = util.get("inspect")?;
    // Replaced on a second install; only the first store can fail (while
    // the userdata is borrowed, which `inspect` never leaves it).
    let _ = ctx.remove_userdata::<Inspector>();
    let _ = ctx.store_userdata(Inspector(inspect));
    Ok(())
}

/// `value` as Node's `util.inspect` prints it (depth 2, 80 columns).
///
/// Falls back to the value's string conversion when [`install`] has not
/// run on this runtime or the formatting throws.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    let f = ctx.userdata::<Inspector>().map(|i| i.0.clone());
    if let Some(f) = f {
        match f.call::<_, String>((value.clone(),)) {
            Ok(s) => return s,
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
