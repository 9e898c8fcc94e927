//! Calling JavaScript from Rust: evaluate, call a global or a kept
//! function, read a kept object, and await what comes back.

use std::future::Future;

use jsloop::promise::BlockOnError;
use rquickjs::{Ctx, Value};

use super::Runtime;
use crate::embed::{catch, settle_into, Handle, JsFuture};
use crate::error::Error;
use crate::value::{Converted, JsValue};

impl Runtime {
    /// Evaluates `source` as a global script and copies its value out (a
    /// promise comes back as a [`JsValue::Promise`] handle: see
    /// [`Runtime::eval_await`]). The exception, if any, is returned rather
    /// than reported. Works from inside a host function of this runtime
    /// too.
    ///
    /// # Errors
    ///
    /// [`Error::Exception`] with what the script threw; [`Error::Convert`]
    /// if the value cannot be copied.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{Error, JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// assert_eq!(rt.eval("[1, 'a']").unwrap(), JsValue::from(vec![JsValue::from(1), "a".into()]));
    /// let Err(Error::Exception(e)) = rt.eval("throw new TypeError('nope')") else { panic!() };
    /// assert_eq!((e.name(), e.message()), (Some("TypeError"), Some("nope")));
    /// ```
    pub fn eval(&self, source: &str) -> Result<JsValue, Error> {
        self.host.with_ctx(|ctx| {
            let r = self.host.budgeted(|| ctx.eval::<Value, _>(source));
            let v = r.map_err(|e| catch(ctx, &self.host.embed, e))?;
            self.copy(ctx, &v)
        })
    }

    /// Calls the global function `name` with `args` and copies its result.
    /// Works from inside a host function of this runtime too.
    ///
    /// # Errors
    ///
    /// [`Error::NotAFunction`] if the global is not a function;
    /// [`Error::Exception`] if it throws; [`Error::Convert`] if an
    /// argument or the result cannot be converted.
    pub fn call_global(&self, name: &str, args: Vec<JsValue>) -> Result<JsValue, Error> {
        self.host.with_ctx(|ctx| {
            let f = global_function(ctx, name, self)?;
            let v = self.invoke(ctx, f, args)?;
            self.copy(ctx, &v)
        })
    }

    /// Calls a kept function with `args` and copies its result.
    ///
    /// # Errors
    ///
    /// [`Error::Handle`] if the handle is not a function of this runtime;
    /// otherwise as [`Runtime::call_global`].
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// let JsValue::Function(add) = rt.eval("(a, b) => a + b").unwrap() else { panic!() };
    /// assert_eq!(rt.call(&add, vec![2.into(), 3.into()]).unwrap(), JsValue::from(5));
    /// ```
    pub fn call(&self, function: &Handle, args: Vec<JsValue>) -> Result<JsValue, Error> {
        self.host.with_ctx(|ctx| {
            let f = self.restore(ctx, function)?;
            let v = self.invoke(ctx, f, args)?;
            self.copy(ctx, &v)
        })
    }

    /// Reads the property `key` of a kept object (or function).
    ///
    /// # Errors
    ///
    /// [`Error::Handle`] if the handle is not an object of this runtime;
    /// [`Error::Exception`] if a getter throws.
    pub fn get(&self, object: &Handle, key: &str) -> Result<JsValue, Error> {
        self.host.with_ctx(|ctx| {
            let v = self.restore(ctx, object)?;
            let Some(o) = v.as_object() else {
                return Err(Error::Handle("the value is not an object"));
            };
            let r = self.host.budgeted(|| o.get::<_, Value>(key));
            let v = r.map_err(|e| catch(ctx, &self.host.embed, e))?;
            self.copy(ctx, &v)
        })
    }

    /// Evaluates `source`; the future resolves when the promise it returns
    /// settles (at once for any other value). Run the loop to get there:
    /// [`Runtime::block_on`], or [`Runtime::eval_await`].
    pub fn eval_async(&self, source: &str) -> JsFuture {
        self.future_of(|ctx| {
            let r = self.host.budgeted(|| ctx.eval::<Value, _>(source));
            r.map_err(|e| catch(ctx, &self.host.embed, e))
        })
    }

    /// Calls the global function `name`; the future resolves when the
    /// promise it returns settles.
    pub fn call_global_async(&self, name: &str, args: Vec<JsValue>) -> JsFuture {
        self.future_of(|ctx| {
            let f = global_function(ctx, name, self)?;
            self.invoke(ctx, f, args)
        })
    }

    /// Calls a kept function; the future resolves when the promise it
    /// returns settles.
    pub fn call_async(&self, function: &Handle, args: Vec<JsValue>) -> JsFuture {
        self.future_of(|ctx| {
            let f = self.restore(ctx, function)?;
            self.invoke(ctx, f, args)
        })
    }

    /// Imports the ES module `specifier` (resolved as a dynamic `import()`
    /// in a script: from the working directory, files as the
    /// [`Permissions`](crate::Permissions) allow); the future resolves to
    /// its namespace, an object of its exports (functions as handles).
    pub fn import_async(&self, specifier: &str) -> JsFuture {
        self.future_of(|ctx| {
            let embed = &self.host.embed;
            let import = embed
                .helper(ctx, "importModule")
                .map_err(|e| catch(ctx, embed, e))?;
            self.invoke(ctx, import.into_value(), vec![specifier.into()])
        })
    }

    /// A future of a kept promise's value.
    pub fn await_promise(&self, promise: &Handle) -> JsFuture {
        self.future_of(|ctx| self.restore(ctx, promise))
    }

    /// Runs the loop (timers, ticks, I/O, host functions settled from
    /// other threads) until `future` completes, and returns its output.
    /// The end-of-run events (`beforeExit`, `exit`) belong to
    /// [`Runtime::run`], not to this.
    ///
    /// # Errors
    ///
    /// [`Error::Stalled`] if the loop ran out of work first;
    /// [`Error::Exiting`] if the run ended early (before or meanwhile: an
    /// uncaught error, `process.exit`); [`Error::Closed`] if the runtime
    /// closed meanwhile;
    /// [`Error::Panicked`] if the future panicked; [`Error::Reentrant`]
    /// from inside the runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// rt.eval("globalThis.later = (v) => new Promise((ok) => setTimeout(ok, 5, v))").unwrap();
    /// let future = rt.call_global_async("later", vec!["done".into()]);
    /// assert_eq!(rt.block_on(future).unwrap().unwrap(), JsValue::from("done"));
    /// ```
    pub fn block_on<F: Future + 'static>(&self, future: F) -> Result<F::Output, Error> {
        if self.host.is_locked() {
            return Err(Error::Reentrant);
        }
        if self.host.exit_code().is_some() {
            return Err(Error::Exiting);
        }
        // Ends with the run: an uncaught error stops JavaScript, so the
        // awaited promise may never settle.
        let host = self.host.clone();
        let mut future = Box::pin(future);
        let guarded = std::future::poll_fn(move |cx| {
            if host.exit_code().is_some() {
                return std::task::Poll::Ready(None);
            }
            host.wake_on_run_end(cx.waker());
            future.as_mut().poll(cx).map(Some)
        });
        let out = self.lp.block_on(guarded).map_err(|e| match e {
            BlockOnError::Stalled => Error::Stalled,
            BlockOnError::Panicked(message) => Error::Panicked(message),
            BlockOnError::Reentrant => Error::Reentrant,
            _ => Error::Closed,
        })?;
        out.ok_or(Error::Exiting)
    }

    /// Evaluates `source` and runs the loop until the promise it returns
    /// settles: [`Runtime::eval_async`] and [`Runtime::block_on`] in one.
    ///
    /// # Errors
    ///
    /// As [`Runtime::eval`] and [`Runtime::block_on`].
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// let v = rt.eval_await("(async () => { await new Promise((ok) => setTimeout(ok, 10)); return 42 })()");
    /// assert_eq!(v.unwrap(), JsValue::from(42));
    /// ```
    pub fn eval_await(&self, source: &str) -> Result<JsValue, Error> {
        let future = self.eval_async(source);
        self.block_on(future)?
    }

    /// Calls the global function `name` and runs the loop until the
    /// promise it returns settles.
    ///
    /// # Errors
    ///
    /// As [`Runtime::call_global`] and [`Runtime::block_on`].
    pub fn call_global_await(&self, name: &str, args: Vec<JsValue>) -> Result<JsValue, Error> {
        let future = self.call_global_async(name, args);
        self.block_on(future)?
    }

    /// Whether the runtime is done for good (`process.exit` closed it).
    pub(crate) fn has_exited(&self) -> bool {
        self.host.is_closed()
    }

    /// A future of what `f` gives.
    fn future_of(
        &self,
        f: impl for<'js> FnOnce(&Ctx<'js>) -> Result<Value<'js>, Error>,
    ) -> JsFuture {
        self.host.with_ctx(|ctx| match f(ctx) {
            Ok(v) => settle_into(ctx, &self.host, v),
            Err(e) => JsFuture::ready(Err(e)),
        })
    }

    /// Calls `f` (checked to be a function) with `args`.
    fn invoke<'js>(
        &self,
        ctx: &Ctx<'js>,
        f: Value<'js>,
        args: Vec<JsValue>,
    ) -> Result<Value<'js>, Error> {
        let Some(f) = f.into_function() else {
            return Err(Error::Handle("the value is not a function"));
        };
        let embed = &self.host.embed;
        let mut a = rquickjs::function::Args::new(ctx.clone(), args.len());
        for v in args {
            let v = v.into_js(ctx, embed).map_err(|e| match e {
                Converted::Limit(e) => Error::Convert(e),
                Converted::Engine(e) => catch(ctx, embed, e),
            })?;
            a.push_arg(v).map_err(|e| catch(ctx, embed, e))?;
        }
        let r = self.host.budgeted(|| f.call_arg::<Value>(a));
        r.map_err(|e| catch(ctx, embed, e))
    }

    /// Copies `v` out.
    fn copy<'js>(&self, ctx: &Ctx<'js>, v: &Value<'js>) -> Result<JsValue, Error> {
        Ok(JsValue::from_js(ctx, v, &self.host.embed)?)
    }

    /// The value a handle keeps.
    fn restore<'js>(&self, ctx: &Ctx<'js>, handle: &Handle) -> Result<Value<'js>, Error> {
        self.host
            .embed
            .handles
            .value(ctx, handle)
            .ok_or(Error::Handle("it belongs to another runtime"))
    }
}

/// The global function `name`.
fn global_function<'js>(ctx: &Ctx<'js>, name: &str, rt: &Runtime) -> Result<Value<'js>, Error> {
    let v: Value = ctx
        .globals()
        .get(name)
        .map_err(|e| catch(ctx, &rt.host.embed, e))?;
    if v.is_function() {
        return Ok(v);
    }
    Err(Error::NotAFunction {
        name: name.to_owned(),
        found: found(&v),
    })
}

/// What a value is, for errors (`"a string"`, `"an object"`).
pub(super) fn found(v: &Value<'_>) -> &'static str {
    match v.type_of() {
        rquickjs::Type::Uninitialized | rquickjs::Type::Undefined => "undefined",
        rquickjs::Type::Null => "null",
        rquickjs::Type::Bool => "a boolean",
        rquickjs::Type::Int | rquickjs::Type::Float => "a number",
        rquickjs::Type::String => "a string",
        rquickjs::Type::Symbol => "a symbol",
        rquickjs::Type::BigInt => "a bigint",
        _ => "an object",
    }
}
