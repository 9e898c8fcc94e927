//! ES modules through the engine's loader: specifiers resolve as Node's
//! `import` does ([`Modules::resolve`] with the `import` conditions, after
//! the built-ins); CommonJS and built-in modules are wrapped in a small
//! generated module whose `default` is `module.exports` (or the built-in)
//! plus the statically detected names; every file module gets Node's
//! `import.meta` (`url`, `filename`, `dirname`, `resolve`).

use std::path::Path;
use std::rc::Rc;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Function, Module, Object, Result};

use super::builtins::{self, Builtin};
use super::{Format, Modules};

/// The global symbol under which `js/module.js` hands generated modules
/// their values: `globalThis[Symbol.for(KEY)](kind, name)`.
const HOOK: &str = "jsloop.esm";

/// The module-name prefix of registered native modules.
const NATIVE: &str = "jsloop:native:";

/// Resolves `import` specifiers.
pub(crate) struct EsmResolver(pub(crate) Rc<Modules>);

impl Resolver for EsmResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        if self.0.is_native(name) {
            return Ok(format!("{NATIVE}{name}"));
        }
        if let Some(builtin) = builtins::lookup(name) {
            return match builtin {
                Builtin::Provided(n) => Ok(format!("node:{n}")),
                Builtin::Unsupported(n) => Err(throw(
                    ctx,
                    "ERR_JSLOOP_UNSUPPORTED_BUILTIN",
                    &unsupported(&n),
                )),
                Builtin::Unknown(n) => Err(throw(
                    ctx,
                    "ERR_UNKNOWN_BUILTIN_MODULE",
                    &format!("No such built-in module: {n}"),
                )),
            };
        }
        let name = name.strip_prefix("file://").unwrap_or(name);
        let dir = Path::new(base).parent().unwrap_or(Path::new("/"));
        match self.0.resolve(name, dir, Some(base)) {
            Ok((path, _)) => {
                let path = path.display().to_string();
                self.0.note_specifier(&path, name);
                Ok(path)
            }
            Err(f) => Err(throw(ctx, f.code, &f.message)),
        }
    }
}

/// Node's words for a built-in jsloop does not have yet.
pub(crate) fn unsupported(name: &str) -> String {
    format!("The built-in module 'node:{name}' is not provided by jsloop yet")
}

/// Throws a Node-shaped error (`code` set) and returns the error to propagate.
fn throw(ctx: &Ctx<'_>, code: &str, message: &str) -> Error {
    let made: Result<Object> = (|| {
        let e = crate::host::js_error(ctx, message)?;
        e.set("code", code)?;
        Ok(e.into_object())
    })();
    match made {
        Ok(e) => ctx.throw(e.into_value()),
        Err(e) => e,
    }
}

/// Loads resolved modules.
pub(crate) struct EsmLoader(pub(crate) Rc<Modules>);

impl Loader for EsmLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        if let Some(native) = name.strip_prefix(NATIVE) {
            let keys = hook_keys(ctx, "native", native)?;
            return Module::declare(ctx.clone(), name, wrapper("native", native, &keys));
        }
        if let Some(builtin) = name.strip_prefix("node:") {
            let keys = hook_keys(ctx, "builtin", builtin)?;
            return Module::declare(ctx.clone(), name, wrapper("builtin", builtin, &keys));
        }
        let path = Path::new(name);
        match self.0.format_of(path) {
            Format::Module => {
                let source = self.0.read(path).map_err(|_| Error::new_loading(name))?;
                let module = Module::declare(ctx.clone(), name, source)?;
                set_meta(ctx, &module, path)?;
                Ok(module)
            }
            Format::Json => {
                let source = self.0.read(path).map_err(|_| Error::new_loading(name))?;
                let literal = serde_literal(&source);
                Module::declare(
                    ctx.clone(),
                    name,
                    format!("export default JSON.parse({literal});"),
                )
            }
            Format::CommonJs => {
                let source = self.0.read(path).map_err(|_| Error::new_loading(name))?;
                let names = self.0.cjs_exports(path, &source);
                // The CommonJS loader reads the file again only if it is not
                // in its cache yet; hand it this text.
                hook_prime(ctx, name, &source)?;
                Module::declare(ctx.clone(), name, wrapper("commonjs", name, &names))
            }
        }
    }
}

/// Gives a file module Node's `import.meta`.
pub(crate) fn set_meta<'js>(
    ctx: &Ctx<'js>,
    module: &Module<'js, Declared>,
    path: &Path,
) -> Result<()> {
    let meta = module.meta()?;
    let file = path.display().to_string();
    meta.set("url", file_url(&file))?;
    meta.set("filename", file.as_str())?;
    meta.set(
        "dirname",
        path.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    )?;
    let hook: Function = ctx
        .globals()
        .get(rquickjs::Symbol::new_global(ctx.clone(), HOOK)?)?;
    let resolve: Function = hook.call(("meta-resolve", file.as_str()))?;
    meta.set("resolve", resolve)?;
    Ok(())
}

/// `file://` URL of an absolute path (percent-encoding what URLs must).
pub(crate) fn file_url(path: &str) -> String {
    let mut out = String::from("file://");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'/'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A JavaScript string literal of `text`.
fn serde_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The source of a generated module: `default` and the named exports of
/// the value `js/module.js` gives for (`kind`, `name`).
fn wrapper(kind: &str, name: &str, names: &[String]) -> String {
    let mut src = format!(
        "const m = globalThis[Symbol.for('{HOOK}')]({}, {});\nexport default m;\n",
        serde_literal(kind),
        serde_literal(name)
    );
    for (i, n) in names.iter().enumerate() {
        if n == "default" {
            continue;
        }
        src.push_str(&format!(
            "const v{i} = m == null ? undefined : m[{}];\nexport {{ v{i} as {} }};\n",
            serde_literal(n),
            serde_literal(n)
        ));
    }
    src
}

/// The export names of a built-in, from `js/module.js`.
fn hook_keys(ctx: &Ctx<'_>, kind: &str, name: &str) -> Result<Vec<String>> {
    let hook: Function = ctx
        .globals()
        .get(rquickjs::Symbol::new_global(ctx.clone(), HOOK)?)?;
    hook.call((format!("{kind}-keys"), name))
}

/// Hands `js/module.js` the source of a CommonJS file about to be imported.
fn hook_prime(ctx: &Ctx<'_>, name: &str, source: &str) -> Result<()> {
    let hook: Function = ctx
        .globals()
        .get(rquickjs::Symbol::new_global(ctx.clone(), HOOK)?)?;
    hook.call::<_, ()>(("prime", name, source))
}
