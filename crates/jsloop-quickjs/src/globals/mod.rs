//! Node-shaped globals: the JavaScript side lives in `js/` (util.inspect
//! formatting, console, timers, process, web globals); this module gives it
//! the native `host` object it is written against, and runs it.

mod native;

use std::rc::Rc;

use rquickjs::{Ctx, Function, Object, Value};

use crate::host::Host;

const INSPECT_JS: &str = include_str!("js/inspect.js");
const BOOTSTRAP_JS: &str = include_str!("js/bootstrap.js");

/// What the script sees as `process.argv`, `process.env` and friends.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProcessInfo {
    pub(crate) argv: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) cwd: String,
}

/// Installs every global on the context and gives the host its dispatch table.
pub(crate) fn install(ctx: &Ctx<'_>, host: &Rc<Host>, info: &ProcessInfo) -> rquickjs::Result<()> {
    let native = native::object(ctx, host, info)?;
    let make_util: Function = ctx.eval(format!("(function (host) {{\n{INSPECT_JS}\n}})"))?;
    let util: Object = make_util.call((native.clone(),))?;
    let make_globals: Function =
        ctx.eval(format!("(function (host, util) {{\n{BOOTSTRAP_JS}\n}})"))?;
    let dispatch: Object = make_globals.call((native, util))?;
    host.set_dispatch(ctx, dispatch)
}

/// A last-resort description of an exception, for errors that escaped the
/// JavaScript error reporting itself.
pub(crate) fn describe<'js>(_ctx: &Ctx<'js>, value: Value<'js>) -> String {
    if let Some(obj) = value.as_object() {
        let name: String = obj.get("name").unwrap_or_else(|_| "Error".into());
        let message: String = obj.get("message").unwrap_or_default();
        let stack: String = obj.get("stack").unwrap_or_default();
        return format!("{name}: {message}\n{stack}");
    }
    match value.as_string() {
        Some(s) => s.to_string().unwrap_or_default(),
        None => format!("{value:?}"),
    }
}
