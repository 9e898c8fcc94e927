//! The natives of the CommonJS loader (`js/module.js`): resolution,
//! reading and compiling, over the runtime's [`Modules`].

use std::path::Path;
use std::rc::Rc;

use rquickjs::promise::PromiseState;
use rquickjs::{Array, Ctx, Function, Object, Value};

use crate::ffi::RawModule;
use crate::modules::esm::string_literal;

use crate::host::{Entry, Host};
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
        let mark: Function = dispatch.get(ctx, Entry::MarkWrapper)?;
        mark.call::<_, ()>((f.clone(), filename, source))?;
    }
    Ok(f)
}

/// Whether `source` compiles as a CommonJS module (nothing runs).
pub(crate) fn parses_as_commonjs(ctx: &Ctx<'_>, source: &str, filename: &str) -> bool {
    let wrapped = format!("{CJS_PREFIX}{source}\n}})");
    let ok = crate::ffi::eval_script(ctx, &wrapped, filename, -1).is_ok();
    if !ok {
        drop(ctx.catch());
    }
    ok
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
    let modules = host.modules.clone();
    o.set(
        "requireEsm",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, filename: String, active: Vec<String>| {
                require_esm(&ctx, &modules, &filename, &active)
            },
        )?,
    )?;
    o.set(
        "esmFacade",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, filename: String| {
            facade(&ctx, &filename)
        })?,
    )?;
    let modules = host.modules.clone();
    o.set(
        "moduleEvaluated",
        Function::new(ctx.clone(), move |filename: String| {
            modules.note_evaluated(&filename);
        })?,
    )?;
    let modules = host.modules.clone();
    o.set(
        "detectsModule",
        Function::new(ctx.clone(), move |filename: String, source: String| {
            let path = Path::new(&filename);
            // Called when it did not compile as CommonJS.
            let detected = modules.detects_module(path, &source, || false);
            if detected {
                modules.keep_text(path, source);
            }
            detected
        })?,
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

/// How deep [`require_esm`] looks for modules running on the stack.
const STACK_LEVELS: isize = 128;

/// `requireEsm(filename, active)`: `require()` of the ES module
/// `filename`, as node 20.20 does it, synchronously: its graph is loaded,
/// then refused if it reaches a module still running (`active`: the
/// CommonJS files the ES module loader is running, plus the unfinished ES
/// modules on the stack) — `['cycle']`, or `['cycle', specifier,
/// importer]` when an import new to the graph reached it — or if a module of it awaits at
/// top level — `['async']` —, else evaluated: `['ok', namespace]`, or
/// `['rejected', reason, promise]` if it threw.
fn require_esm<'js>(
    ctx: &Ctx<'js>,
    modules: &Modules,
    filename: &str,
    active: &[String],
) -> rquickjs::Result<Value<'js>> {
    let list = Array::new(ctx.clone())?;
    let loaded_before = modules.is_unfinished(filename);
    let name = format!("jsloop:require:{filename}");
    let source = format!(
        "import * as ns from {};\nexport {{ ns }};\n",
        string_literal(filename)
    );
    let module = RawModule::compile(ctx, &name, &source)?.load_imports()?;
    let graph = modules.graph(filename);
    let mut running: Vec<String> = active.to_vec();
    for level in 0..STACK_LEVELS {
        if let Some(atom) = ctx.script_or_module_name(level) {
            let file = atom.to_string()?;
            if modules.is_unfinished(&file) {
                running.push(file);
            }
        }
    }
    if graph.iter().any(|m| running.contains(m)) {
        list.set(0, "cycle")?;
        if !loaded_before {
            if let Some((specifier, importer)) = modules.import_of(&graph, &running) {
                list.set(1, specifier)?;
                list.set(2, importer)?;
            }
        }
        return Ok(list.into_value());
    }
    if modules.awaits_in(&graph).is_some() {
        list.set(0, "async")?;
        return Ok(list.into_value());
    }
    let promise = module.evaluate()?;
    let Some(p) = promise.as_promise() else {
        return Err(rquickjs::Error::Unknown);
    };
    match p.state() {
        PromiseState::Pending => list.set(0, "async")?,
        PromiseState::Resolved => {
            list.set(0, "ok")?;
            list.set(1, module.namespace()?.get::<_, Value>("ns")?)?;
        }
        PromiseState::Rejected => {
            let reason = match p.result::<Value>() {
                Some(Err(rquickjs::Error::Exception)) => ctx.catch(),
                _ => Value::new_undefined(ctx.clone()),
            };
            list.set(0, "rejected")?;
            list.set(1, reason)?;
            list.set(2, promise.clone())?;
        }
    }
    Ok(list.into_value())
}

/// The namespace node 20.20 gives `require()` of an ES module that has a
/// default export and no `__esModule` one: its exports plus
/// `__esModule: true` (the module is evaluated already).
fn facade<'js>(ctx: &Ctx<'js>, filename: &str) -> rquickjs::Result<Object<'js>> {
    let name = format!("jsloop:require-facade:{filename}");
    let target = string_literal(filename);
    let source = format!(
        "export * from {target};\nexport {{ default }} from {target};\nexport const __esModule = true;\n"
    );
    let module = RawModule::compile(ctx, &name, &source)?.load_imports()?;
    module.evaluate()?;
    module.namespace()
}
