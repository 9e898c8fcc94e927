//! Node-shaped globals. The loop's own families are JavaScript files
//! evaluated as function bodies with `(host, util, shared)`: `host` is the
//! native object of [`native`], `util` is `js/inspect.js` (Node's
//! `util.inspect`/`format`), `shared` passes helpers between files. They
//! return their part of the dispatch table the Rust side calls (`runTimer`,
//! `coerceDelay`, `tickError`, `rejections`, `fatal`, `beforeExit`, `exit`,
//! and the `Timeout`/`Immediate` prototypes).
//!
//! Order: `errors.js` (Node's argument errors), `process.js` (process,
//! the fatal path, rejection reports), `timers.js`, then [`console`] and
//! [`web`] (console, performance, events, abort, structuredClone, base64,
//! crypto).

pub(crate) mod console;
pub(crate) mod native;
pub(crate) mod web;

use std::rc::Rc;

use rquickjs::{Ctx, Function, Object, Value};

use crate::host::Host;

const ERRORS_JS: &str = include_str!("errors.js");
const PROCESS_JS: &str = include_str!("process.js");
const TIMERS_JS: &str = include_str!("timers.js");

/// What the script sees as `process.argv`, `process.env` and friends.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProcessInfo {
    pub(crate) argv: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) cwd: String,
}

/// Evaluates one globals file with `(host, util, shared)`; returns what it returns.
fn run_file<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: &str,
    args: (Object<'js>, Object<'js>, Object<'js>),
) -> rquickjs::Result<Value<'js>> {
    let mut options = rquickjs::context::EvalOptions::default();
    options.filename = Some(format!("jsloop:{name}"));
    let f: Function = ctx.eval_with_options(
        format!("(function (host, util, shared) {{\n{source}\n}})"),
        options,
    )?;
    f.call(args)
}

/// Installs every global on the context and gives the host its dispatch table.
pub(crate) fn install(ctx: &Ctx<'_>, host: &Rc<Host>, info: &ProcessInfo) -> rquickjs::Result<()> {
    let native = native::object(ctx, host, info)?;
    let util = console::util(ctx)?;
    let shared = Object::new(ctx.clone())?;
    let args = (native, util, shared);
    let dispatch = Object::new(ctx.clone())?;
    for (name, source) in [
        ("errors.js", ERRORS_JS),
        ("process.js", PROCESS_JS),
        ("timers.js", TIMERS_JS),
    ] {
        let part = run_file(ctx, name, source, args.clone())?;
        if let Some(part) = part.into_object() {
            for entry in part.props::<String, Value>() {
                let (key, value) = entry?;
                dispatch.set(key, value)?;
            }
        }
    }
    console::install(ctx, host.output.clone())?;
    web::install(ctx)?;
    host.set_dispatch(ctx, dispatch)
}

/// A last-resort description of an exception, for errors that escaped the
/// JavaScript error reporting itself: Node's `util.inspect` of the value.
pub(crate) fn describe<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    console::inspect(ctx, value)
}
