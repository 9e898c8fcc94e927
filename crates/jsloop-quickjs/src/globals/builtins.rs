//! Node's built-in modules written for jsloop (`js/node/NAME.js`), each
//! evaluated on its first `require`/`import` (as `node:NAME`) and cached
//! by `js/module.js`. A file returns the module's exports; it receives
//! `(host, util, shared)` as every file of the loader does, and
//! `shared.requireBuiltin(name)` loads another built-in.
//!
//! Adding a module: write `js/node/NAME.js`, list it in [`MODULES`].

use rquickjs::{Ctx, Object, Value};

use super::loader::{load, node_module, JsFile, Scope};

/// The built-in modules, by name.
const MODULES: &[(&str, JsFile)] = &[
    ("_stream_duplex", node_module!("_stream_duplex")),
    ("_stream_passthrough", node_module!("_stream_passthrough")),
    ("_stream_readable", node_module!("_stream_readable")),
    ("_stream_transform", node_module!("_stream_transform")),
    ("_stream_writable", node_module!("_stream_writable")),
    ("assert", node_module!("assert")),
    ("assert/strict", node_module!("assert/strict")),
    ("buffer", node_module!("buffer")),
    ("child_process", node_module!("child_process")),
    ("crypto", node_module!("crypto")),
    ("dns", node_module!("dns")),
    ("dns/promises", node_module!("dns/promises")),
    ("events", node_module!("events")),
    ("fs", node_module!("fs")),
    ("fs/promises", node_module!("fs/promises")),
    ("http", node_module!("http")),
    ("https", node_module!("https")),
    ("internal/blocklist", node_module!("internal/blocklist")),
    ("internal/fetch", node_module!("internal/fetch")),
    ("internal/formdata", node_module!("internal/formdata")),
    ("internal/glob", node_module!("internal/glob")),
    ("internal/keys", node_module!("internal/keys")),
    ("internal/messaging", node_module!("internal/messaging")),
    ("internal/mime", node_module!("internal/mime")),
    ("internal/path_win32", node_module!("internal/path_win32")),
    (
        "internal/readline_terminal",
        node_module!("internal/readline_terminal"),
    ),
    ("net", node_module!("net")),
    ("os", node_module!("os")),
    ("path", node_module!("path")),
    ("path/posix", node_module!("path/posix")),
    ("path/win32", node_module!("path/win32")),
    ("perf_hooks", node_module!("perf_hooks")),
    ("querystring", node_module!("querystring")),
    ("readline", node_module!("readline")),
    ("readline/promises", node_module!("readline/promises")),
    ("stream", node_module!("stream")),
    ("stream/consumers", node_module!("stream/consumers")),
    ("stream/promises", node_module!("stream/promises")),
    ("stream/web", node_module!("stream/web")),
    ("string_decoder", node_module!("string_decoder")),
    ("timers", node_module!("timers")),
    ("timers/promises", node_module!("timers/promises")),
    ("tls", node_module!("tls")),
    ("tty", node_module!("tty")),
    ("url", node_module!("url")),
    ("util", node_module!("util")),
    ("util/types", node_module!("util/types")),
    ("worker_threads", node_module!("worker_threads")),
    ("zlib", node_module!("zlib")),
];

/// Whether jsloop provides the built-in `name` through a file here.
pub(crate) fn has(name: &str) -> bool {
    MODULES.iter().any(|(n, _)| *n == name)
}

/// Evaluates the built-in `name`'s file with the loader's scope; returns
/// its exports (`undefined` for a name not here).
///
/// # Errors
///
/// The engine's error if the file does not compile or throws.
pub(crate) fn evaluate<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    scope: &Scope<'js>,
) -> rquickjs::Result<Value<'js>> {
    match MODULES.iter().find(|(n, _)| *n == name) {
        Some((_, file)) => load(ctx, *file, scope),
        None => Ok(Value::new_undefined(ctx.clone())),
    }
}

/// Puts `loadBuiltin(name, host, util, shared)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, o: &Object<'js>) -> rquickjs::Result<()> {
    o.set(
        "loadBuiltin",
        rquickjs::Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             name: String,
             host: Object<'js>,
             util: Value<'js>,
             shared: Object<'js>| {
                evaluate(&ctx, &name, &Scope { host, util, shared })
            },
        )?,
    )
}
