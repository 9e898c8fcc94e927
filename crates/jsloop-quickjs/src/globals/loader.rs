//! The one loader of the binding's own JavaScript: each file is evaluated
//! under its own name (`jsloop:NAME` for the globals' files, `node:NAME`
//! for Node's built-in modules, as Node names its own frames), with its
//! line numbers as written, as the body of `function (host, util, shared)`.
//!
//! `host` is the one native object ([`super::host_object`]), `util` the
//! formatting of `inspect.js`, `shared` what the files pass each other
//! (Node's error helpers, `process`, `fatal`, `define`).
//!
//! Each file is compiled once per process: the first runtime to load it
//! keeps its QuickJS bytecode (with source and line numbers), every later
//! runtime reads that instead of parsing (about a tenth of the cost). A
//! file added to the lists works with no extra step.

use std::sync::{Arc, Mutex, PoisonError};

use rquickjs::{Ctx, Function, Object, Value};

use crate::ffi::bytecode;

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

/// The compiled files of this process, by name: bytecode written by the
/// first runtime that loaded each, read back by every later one (reading
/// costs a fraction of compiling; the bytes keep source and line numbers).
static COMPILED: Mutex<Vec<Compiled>> = Mutex::new(Vec::new());

/// A file's name and its bytecode.
type Compiled = (&'static str, Arc<[u8]>);

fn compiled(name: &str) -> Option<Arc<[u8]>> {
    let compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
    compiled
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| bytes.clone())
}

/// The wrapper function of `file`: read from this process's bytecode, or
/// compiled (and its bytecode kept for the next runtime).
fn wrapper<'js>(ctx: &Ctx<'js>, file: JsFile) -> rquickjs::Result<Value<'js>> {
    if let Some(bytes) = compiled(file.name) {
        return bytecode::read(ctx, &bytes);
    }
    // The wrapper shares line 1 with the file, so line numbers stay true.
    let source = format!("(function (host, util, shared) {{{}\n}})", file.source);
    let f = bytecode::compile(ctx, &source, file.name)?;
    if let Some(bytes) = bytecode::write(ctx, &f) {
        let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
        if !compiled.iter().any(|(n, _)| *n == file.name) {
            compiled.push((file.name, bytes.into()));
        }
    }
    Ok(f)
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
    let f: Function = bytecode::run(ctx, wrapper(ctx, file)?)?.get()?;
    f.call((scope.host.clone(), scope.util.clone(), scope.shared.clone()))
}

#[cfg(test)]
mod tests {
    use crate::{JsValue, Runtime};

    /// A stack through two of the binding's files, and a function's source.
    const PROBE: &str = "(() => { try { atob() } catch (e) { return [e.stack, String(atob)] } })()";

    #[test]
    fn later_runtimes_read_the_bytecode_with_the_same_traces_and_source() {
        let first = Runtime::new().unwrap().eval(PROBE).unwrap();
        assert!(super::compiled("jsloop:encoding.js").is_some());
        let second = Runtime::new().unwrap().eval(PROBE).unwrap();
        assert_eq!(first, second);
        let JsValue::Array(parts) = &first else {
            panic!("{first:?}")
        };
        let stack = parts[0].as_str().unwrap_or_default();
        assert!(stack.contains("(jsloop:encoding.js:"), "{stack}");
        let source = parts[1].as_str().unwrap_or_default();
        assert!(source.starts_with("function atob(input) {"), "{source}");
    }
}
