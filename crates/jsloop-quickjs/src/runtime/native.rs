//! [`NativeModule`]: a module written in Rust that scripts load with
//! `require('name')` and `import … from 'name'`, from the runtime's
//! registry of modules (looked up before Node's built-ins and files).

use std::rc::Rc;

use rquickjs::{Function, Object};

use super::embed::{async_fn, sync_fn, typed, AsyncHostFn, HostError, SyncHostFn};
use super::{Runtime, Settler};
use crate::embed::FromArgs;
use crate::error::Error;
use crate::host::Entry;
use crate::value::JsValue;

/// One export of a native module.
enum Export {
    Value(JsValue),
    Function(Rc<SyncHostFn>),
    Async(Rc<AsyncHostFn>),
}

/// A module written in Rust: named values and functions (sync, or async
/// returning a promise settled by a [`Settler`]).
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{JsValue, NativeModule, Output, Runtime, Stream};
///
/// let out = Output::capture();
/// let rt = Runtime::builder().output(out.clone()).build().unwrap();
/// let m = NativeModule::new()
///     .value("version", JsValue::from(2.0))
///     .function("double", |args| match args.first() {
///         Some(JsValue::Number(n)) => Ok(JsValue::Number(n * 2.0)),
///         _ => Err("a number, please".into()),
///     });
/// rt.register_module("calc", m).unwrap();
/// rt.run_script("main.js", "const c = require('calc'); console.log(c.version, c.double(21))")
///     .unwrap();
/// rt.run().unwrap();
/// assert_eq!(out.captured(Stream::Stdout), "2 42\n");
/// ```
#[derive(Default)]
pub struct NativeModule {
    exports: Vec<(String, Export)>,
}

impl std::fmt::Debug for NativeModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.exports.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("NativeModule")
            .field("exports", &names)
            .finish()
    }
}

impl NativeModule {
    /// A module with no exports yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Exports a value.
    pub fn value(mut self, name: &str, value: impl Into<JsValue>) -> Self {
        self.exports
            .push((name.to_owned(), Export::Value(value.into())));
        self
    }

    /// Exports a function, as [`Runtime::register_fn`] makes them.
    pub fn function<F>(mut self, name: &str, f: F) -> Self
    where
        F: Fn(Vec<JsValue>) -> Result<JsValue, String> + 'static,
    {
        self.exports.push((
            name.to_owned(),
            Export::Function(Rc::new(move |args| f(args).map_err(HostError::Message))),
        ));
        self
    }

    /// Exports a function with typed arguments, as
    /// [`Runtime::register_typed_fn`] makes them (a mismatch throws Node's
    /// `ERR_INVALID_ARG_TYPE`).
    pub fn typed_function<A, R, F>(mut self, name: &str, params: &[&str], f: F) -> Self
    where
        A: FromArgs,
        R: Into<JsValue>,
        F: Fn(A) -> Result<R, String> + 'static,
    {
        self.exports
            .push((name.to_owned(), Export::Function(typed(params, f))));
        self
    }

    /// Exports an async function, as [`Runtime::register_async_fn`] makes
    /// them.
    pub fn async_function<F>(mut self, name: &str, f: F) -> Self
    where
        F: Fn(Vec<JsValue>, Settler) + 'static,
    {
        self.exports
            .push((name.to_owned(), Export::Async(Rc::new(f))));
        self
    }
}

impl Runtime {
    /// Registers `module` under `name`: `require(name)` and `import …
    /// from name` load it (before Node's built-ins and files), whatever the
    /// [`Permissions`](crate::Permissions).
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the module object cannot be made.
    pub fn register_module(&self, name: &str, module: NativeModule) -> Result<(), Error> {
        let weak = Rc::downgrade(&self.host);
        self.host.with_ctx(|ctx| -> rquickjs::Result<()> {
            let obj = Object::new(ctx.clone())?;
            for (key, export) in module.exports {
                match export {
                    Export::Value(v) => {
                        let v = v.into_js(ctx, &self.host.embed).map_err(|e| e.throw(ctx))?;
                        obj.set(key.as_str(), v)?
                    }
                    Export::Function(f) => {
                        let func = sync_fn(ctx, weak.clone(), key.clone(), f)?;
                        func.set_name(key.as_str())?;
                        obj.set(key.as_str(), func)?;
                    }
                    Export::Async(f) => {
                        let func = async_fn(ctx, weak.clone(), key.clone(), f)?;
                        func.set_name(key.as_str())?;
                        obj.set(key.as_str(), func)?;
                    }
                }
            }
            let dispatch = self.host.dispatch().ok_or(rquickjs::Error::Unknown)?;
            let register: Function = dispatch.get(ctx, Entry::RegisterNative)?;
            register.call::<_, ()>((name, obj))?;
            self.host.modules.register_native(name);
            Ok(())
        })?;
        Ok(())
    }
}
