//! The natives of the CommonJS loader (`js/module.js`): resolution,
//! reading and compiling, over the runtime's [`Modules`].

use std::path::Path;
use std::rc::Rc;

use rquickjs::{Array, Ctx, Function, Object, Value};

use crate::host::Host;
use crate::modules::builtins::{self, Builtin};
use crate::modules::Modules;

/// The CommonJS wrapper (Node's module wrapper), on lines of its own
/// numbered -1 and 0 (QuickJS takes a first line of 0 for "unset"), so
/// the module keeps its own line and column numbers.
const CJS_PREFIX: &str = "\n(function (exports, require, module, __filename, __dirname) {\n";

/// Compiles `source` as a CommonJS module named `filename`: its wrapper
/// function, known to the stack formatter (`Object.<anonymous>` frames,
/// V8's columns).
///
/// # Errors
///
/// [`rquickjs::Error::Exception`] (a `SyntaxError`, pending) if it does
/// not compile.
pub(crate) fn compile<'js>(
    ctx: &Ctx<'js>,
    host: &Host,
    source: &str,
    filename: &str,
) -> rquickjs::Result<Function<'js>> {
    let wrapped = format!("{CJS_PREFIX}{source}\n}})");
    let f: Function = crate::ffi::eval_script(ctx, &wrapped, filename, -1)?.get()?;
    if let Some(dispatch) = host.dispatch() {
        let mark: Function = dispatch.mark_wrapper.clone().restore(ctx)?;
        mark.call::<_, ()>((f.clone(), filename, source))?;
    }
    Ok(f)
}

/// Puts the module natives on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let modules = host.modules.clone();
    o.set(
        "resolveModule",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, specifier: String, from: String, importer: Option<String>| {
                resolve(&ctx, &modules, &specifier, &from, importer.as_deref())
            },
        )?,
    )?;
    let modules = host.modules.clone();
    o.set(
        "readModule",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, path: String| -> rquickjs::Result<String> {
                modules.read(Path::new(&path)).map_err(|e| {
                    let message = format!("cannot read module '{path}': {e}");
                    match crate::host::js_error(&ctx, &message) {
                        Ok(e) => e.throw(),
                        Err(e) => e,
                    }
                })
            },
        )?,
    )?;
    let weak = Rc::downgrade(host);
    o.set(
        "compileCommonJs",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, source: String, filename: String| {
                let Some(host) = weak.upgrade() else {
                    return Err(rquickjs::Error::Unknown);
                };
                compile(&ctx, &host, &source, &filename)
            },
        )?,
    )?;
    let names = Array::new(ctx.clone())?;
    for (i, n) in builtins::NODE_BUILTINS.iter().enumerate() {
        names.set(i, *n)?;
    }
    o.set("builtinNames", names)?;
    Ok(())
}

/// `resolveModule(specifier, fromDir, importer)`: `['builtin', name]`,
/// `['unsupported', name]`, `['unknown', specifier]`, `[format, path]` or
/// `['error', code, message]`.
fn resolve<'js>(
    ctx: &Ctx<'js>,
    modules: &Modules,
    specifier: &str,
    from: &str,
    importer: Option<&str>,
) -> rquickjs::Result<Value<'js>> {
    let list = Array::new(ctx.clone())?;
    let push = |items: &[&str]| -> rquickjs::Result<()> {
        for (i, s) in items.iter().enumerate() {
            list.set(i, *s)?;
        }
        Ok(())
    };
    match builtins::lookup(specifier) {
        Some(Builtin::Provided(n)) => push(&["builtin", &n])?,
        Some(Builtin::Unsupported(n)) => push(&["unsupported", &n])?,
        Some(Builtin::Unknown(n)) => push(&["unknown", &n])?,
        None => match modules.resolve(specifier, Path::new(from), importer) {
            Ok((path, format)) => push(&[format.as_str(), &path.display().to_string()])?,
            Err(f) => push(&["error", f.code, &f.message])?,
        },
    }
    Ok(list.into_value())
}
