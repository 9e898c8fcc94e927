//! The one loader of the binding's own JavaScript: each file is evaluated
//! under its own name (`jsloop:NAME` for the globals' files, `node:NAME`
//! for Node's built-in modules, as Node names its own frames), with its
//! line numbers as written, as the body of `function (host, util, shared)`.
//!
//! `host` is the one native object ([`super::host_object`]), `util` the
//! formatting of `inspect.js`, `shared` what the files pass each other
//! (Node's error helpers, `process`, `fatal`, `define`).

use rquickjs::{Ctx, Function, Object, Value};

/// One of the binding's JavaScript files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsFile {
    /// Its name in stack traces.
    pub(crate) name: &'static str,
    /// Its source.
    pub(crate) source: &'static str,
}

/// Declares a [`JsFile`] from `js/NAME`, named `jsloop:NAME`.
macro_rules! js_file {
    ($name:literal) => {
        $crate::globals::loader::JsFile {
            name: concat!("jsloop:", $name),
            source: include_str!(concat!("js/", $name)),
        }
    };
}
pub(crate) use js_file;

/// Declares the [`JsFile`] of Node's built-in module `NAME` from
/// `js/node/NAME.js`, named `node:NAME`.
macro_rules! node_module {
    ($name:literal) => {
        $crate::globals::loader::JsFile {
            name: concat!("node:", $name),
            source: include_str!(concat!("js/node/", $name, ".js")),
        }
    };
}
pub(crate) use node_module;

/// What every file receives.
#[derive(Clone)]
pub(crate) struct Scope<'js> {
    pub(crate) host: Object<'js>,
    pub(crate) util: Value<'js>,
    pub(crate) shared: Object<'js>,
}

/// Evaluates `file` and calls it with the scope; returns what it returns.
///
/// # Errors
///
/// The engine's error if the file does not compile or throws.
pub(crate) fn load<'js>(
    ctx: &Ctx<'js>,
    file: JsFile,
    scope: &Scope<'js>,
) -> rquickjs::Result<Value<'js>> {
    let mut options = rquickjs::context::EvalOptions::default();
    options.filename = Some(file.name.to_owned());
    options.strict = false;
    // The wrapper shares line 1 with the file, so line numbers stay true.
    let f: Function = ctx.eval_with_options(
        format!("(function (host, util, shared) {{{}\n}})", file.source),
        options,
    )?;
    f.call((scope.host.clone(), scope.util.clone(), scope.shared.clone()))
}
