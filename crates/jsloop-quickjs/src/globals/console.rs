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

/// The `util` object of `inspect.js`, evaluated once per runtime (the
/// binding makes one context per runtime) and shared by every globals file.
struct Util<'js>(Object<'js>);

// SAFETY: `Util` holds only an `Object<'js>`, whose lifetime is the `'js`
// it is changed to.
unsafe impl<'js> JsLifetime<'js> for Util<'js> {
    type Changed<'to> = Util<'to>;
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

/// The `util` object of `inspect.js`: `inspect(value, depth)` and
/// `format(...args)`; evaluated on first use, then shared.
pub(crate) fn util<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    if let Some(util) = ctx.userdata::<Util>() {
        return Ok(util.0.clone());
    }
    let host = Object::new(ctx.clone())?;
    host.set("promiseState", Function::new(ctx.clone(), promise_state)?)?;
    let util = run_with_host(ctx, "inspect.js", "host", INSPECT_JS, (host,))?;
    let util = util
        .into_object()
        .ok_or_else(|| rquickjs::Error::new_from_js("value", "object"))?;
    // Fails only while the userdata is borrowed, which nothing here leaves it.
    let _ = ctx.store_userdata(Util(util.clone()));
    Ok(util)
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
    Ok(())
}

/// `value` as Node's `util.inspect` prints it (depth 2, 80 columns).
///
/// Falls back to the value's string conversion when neither [`install`]
/// nor [`util`] has run on this runtime, or the formatting throws.
pub(crate) fn inspect<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    let util = ctx.userdata::<Util>().map(|u| u.0.clone());
    if let Some(f) = util.and_then(|u| u.get::<_, Function>("inspect").ok()) {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rquickjs::{CatchResultExt, Context, Runtime};

    use super::*;

    /// Runs `source` on a bare engine with the console and web globals;
    /// returns (stdout, stderr).
    fn run(source: &str) -> (String, String) {
        let rt = Runtime::new().unwrap();
        let context = Context::full(&rt).unwrap();
        let out = Output::capture();
        context.with(|ctx| {
            install(&ctx, out.clone()).unwrap();
            super::super::web::install(&ctx).unwrap();
            if let Err(e) = ctx.eval::<(), _>(source).catch(&ctx) {
                out.write(Stream::Stdout, &format!("script threw: {e}"));
            }
        });
        while rt.is_job_pending() {
            rt.execute_pending_job().unwrap();
        }
        (out.captured(Stream::Stdout), out.captured(Stream::Stderr))
    }

    /// Every case under `tests/globals/cases` prints what node printed
    /// (expected files from `tests/globals/regen.sh`).
    #[test]
    fn cases_match_node() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/globals/cases");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".js").map(str::to_owned)
            })
            .collect();
        names.sort();
        assert!(names.len() >= 20, "cases missing from {}", dir.display());
        let mut failed = Vec::new();
        for name in &names {
            let read =
                |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
            let (stdout, stderr) = run(&read("js"));
            if stdout != read("stdout") || stderr != read("stderr") {
                eprintln!(
                    "--- {name}: expected stdout\n{}--- got\n{stdout}--- expected stderr\n{}--- got\n{stderr}",
                    read("stdout"),
                    read("stderr")
                );
                failed.push(name.clone());
            }
        }
        assert!(failed.is_empty(), "differ from node: {failed:?}");
    }

    /// A QuickJS error prints `Name: message`, then the engine's frames.
    #[test]
    fn engine_errors_print_name_message_then_frames() {
        let (stdout, _) =
            run("function thrower() { return new TypeError('boom'); }\nconsole.log(thrower());");
        let mut lines = stdout.lines();
        assert_eq!(lines.next(), Some("TypeError: boom"));
        let frame = lines.next().unwrap_or_default();
        assert!(frame.starts_with("    at thrower"), "{stdout}");
    }

    /// `console.trace` prints `Trace: message` and the caller's frames to stderr.
    #[test]
    fn trace_goes_to_stderr_with_frames() {
        let (stdout, stderr) = run("function here() { console.trace('hi %s', 'x'); }\nhere();");
        assert_eq!(stdout, "");
        let mut lines = stderr.lines();
        assert_eq!(lines.next(), Some("Trace: hi x"));
        assert!(
            lines.next().unwrap_or_default().starts_with("    at here"),
            "{stderr}"
        );
    }

    /// `console.time` prints Node's `label: Nms` format.
    #[test]
    fn time_end_prints_label_and_milliseconds() {
        let (stdout, stderr) =
            run("console.time('t'); console.timeEnd('t'); console.timeEnd('t');");
        let line = stdout
            .strip_suffix("ms\n")
            .unwrap_or_else(|| panic!("{stdout:?}"));
        let ms: f64 = line.strip_prefix("t: ").unwrap().parse().unwrap();
        assert!(ms >= 0.0);
        assert!(stderr.contains("No such label 't'"), "{stderr}");
    }

    /// [`inspect`] formats a value as `util.inspect`, and falls back to
    /// `String(value)` on a runtime without the console.
    #[test]
    fn inspect_from_rust() {
        let rt = Runtime::new().unwrap();
        let context = Context::full(&rt).unwrap();
        context.with(|ctx| {
            let v: Value = ctx.eval("({ a: 'x', b: [1, 2] })").unwrap();
            assert_eq!(inspect(&ctx, v.clone()), "[object Object]");
            install(&ctx, Output::capture()).unwrap();
            assert_eq!(inspect(&ctx, v), "{ a: 'x', b: [ 1, 2 ] }");
            let s: Value = ctx.eval("'it\\'s'").unwrap();
            assert_eq!(inspect(&ctx, s), "\"it's\"");
        });
    }
}
