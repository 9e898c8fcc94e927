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
pub(crate) const HOOK: &str = "jsloop.esm";

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
        attributes: Option<ImportAttributes<'js>>,
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
            Ok((path, format)) => {
                let path = path.display().to_string();
                check_attributes(ctx, attributes.as_ref(), &path, format)?;
                if !base.starts_with(REQUIRE_PREFIX) {
                    self.0.note_specifier(&path, name);
                }
                self.0.note_import(base, &path);
                Ok(path)
            }
            Err(f) => Err(throw(ctx, f.code, &f.message)),
        }
    }
}

/// The name prefix of the modules `require()` of an ES module compiles.
const REQUIRE_PREFIX: &str = "jsloop:require";

/// Node's checks of import attributes (`with { type: 'json' }`): only
/// `type` is known, only `json`, required for a JSON module and refused
/// for any other.
fn check_attributes(
    ctx: &Ctx<'_>,
    attributes: Option<&ImportAttributes<'_>>,
    path: &str,
    format: Format,
) -> Result<()> {
    let mut kind = None;
    if let Some(attributes) = attributes {
        for key in attributes.keys() {
            let key = key?;
            let value = attributes.get(&key)?.unwrap_or_default();
            if key != "type" {
                return Err(throw_type(
                    ctx,
                    "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED",
                    &format!("Import attribute \"{key}\" with value \"{value}\" is not supported"),
                ));
            }
            kind = Some(value);
        }
    }
    let url = file_url(path);
    match (kind.as_deref(), format) {
        (Some("json"), Format::Json) | (None, Format::Module | Format::CommonJs) => Ok(()),
        (None, Format::Json) => Err(throw_type(
            ctx,
            "ERR_IMPORT_ASSERTION_TYPE_MISSING",
            &format!("Module \"{url}\" needs an import attribute of type \"json\""),
        )),
        (Some("json"), _) => Err(throw_type(
            ctx,
            "ERR_IMPORT_ASSERTION_TYPE_FAILED",
            &format!("Module \"{url}\" is not of type \"json\""),
        )),
        (Some(other), _) => Err(throw_type(
            ctx,
            "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED",
            &format!("Import attribute type \"{other}\" is unsupported"),
        )),
    }
}

/// Node's words for a built-in jsloop does not have yet.
pub(crate) fn unsupported(name: &str) -> String {
    format!("The built-in module 'node:{name}' is not provided by jsloop yet")
}

/// Throws a Node-shaped error (`code` set) and returns the error to propagate.
fn throw(ctx: &Ctx<'_>, code: &str, message: &str) -> Error {
    throw_class(ctx, code, message, false)
}

/// As [`throw`], a `TypeError`.
fn throw_type(ctx: &Ctx<'_>, code: &str, message: &str) -> Error {
    throw_class(ctx, code, message, true)
}

fn throw_class(ctx: &Ctx<'_>, code: &str, message: &str, type_error: bool) -> Error {
    let made: Result<Object> = (|| {
        let e = if type_error {
            crate::host::js_type_error(ctx, message)?
        } else {
            crate::host::js_error(ctx, message)?
        };
        e.set("code", code)?;
        let name = if type_error { "TypeError" } else { "Error" };
        if let Ok(stack) = e.get::<_, String>("stack") {
            if let Some(rest) = stack.strip_prefix(&format!("{name}: ")) {
                e.set("stack", format!("{name} [{code}]: {rest}"))?;
            }
        }
        // What `js/errors.js`'s nodeError marks: inspect prints `[code]`.
        let key = rquickjs::Symbol::new_global(ctx.clone(), "jsloop.errorCode")?;
        e.prop(key, rquickjs::object::Property::from(code))?;
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
                self.declare_module(ctx, name, source)
            }
            Format::Json => {
                let source = self.0.read(path).map_err(|_| Error::new_loading(name))?;
                let literal = string_literal(&source);
                Module::declare(
                    ctx.clone(),
                    name,
                    format!("export default JSON.parse({literal});"),
                )
            }
            Format::CommonJs => {
                let source = self.0.read(path).map_err(|_| Error::new_loading(name))?;
                let parses = || crate::globals::module::parses_as_commonjs(ctx, &source, name);
                if self.0.detects_module(path, &source, parses) {
                    if let Some(pj) = self.0.typeless_warning(path) {
                        warn_typeless(ctx, name, &pj)?;
                    }
                    return self.declare_module(ctx, name, source);
                }
                let names = self.0.cjs_exports(path, &source);
                // The CommonJS loader reads the file again only if it is not
                // in its cache yet; hand it this text.
                hook_prime(ctx, name, &source)?;
                Module::declare(ctx.clone(), name, wrapper("commonjs", name, &names))
            }
        }
    }
}

impl EsmLoader {
    /// Compiles the ES module file `name` (noting whether it awaits at top
    /// level) and gives it `import.meta`.
    fn declare_module<'js>(
        &self,
        ctx: &Ctx<'js>,
        name: &str,
        source: String,
    ) -> Result<Module<'js, Declared>> {
        let source = self.0.note_declared(name, &source);
        let module = Module::declare(ctx.clone(), name, source)?;
        set_meta(ctx, &module, Path::new(name))?;
        Ok(module)
    }
}

/// Emits Node's MODULE_TYPELESS_PACKAGE_JSON warning for `file`, an ES
/// module by detection under `package_json`, which has no `"type"`.
///
/// # Errors
///
/// What `process.emitWarning` throws.
pub(crate) fn warn_typeless(ctx: &Ctx<'_>, file: &str, package_json: &Path) -> Result<()> {
    let url = file_url(file);
    let message = format!(
        "Module type of {url} is not specified and it doesn't parse as CommonJS.\nReparsing as ES module because module syntax was detected. This incurs a performance overhead.\nTo eliminate this warning, add \"type\": \"module\" to {}.",
        package_json.display()
    );
    let process: Object = ctx.globals().get("process")?;
    let warn: Function = process.get("emitWarning")?;
    let options = Object::new(ctx.clone())?;
    options.set("code", "MODULE_TYPELESS_PACKAGE_JSON")?;
    warn.call::<_, ()>((rquickjs::function::This(process), message.as_str(), options))
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
pub(crate) fn string_literal(text: &str) -> String {
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
        string_literal(kind),
        string_literal(name)
    );
    for (i, n) in names.iter().enumerate() {
        if n == "default" {
            continue;
        }
        src.push_str(&format!(
            "const v{i} = m == null ? undefined : m[{}];\nexport {{ v{i} as {} }};\n",
            string_literal(n),
            string_literal(n)
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
