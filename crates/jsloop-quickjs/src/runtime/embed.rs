//! Rust functions exposed to JavaScript, sync and async, and the
//! [`Settler`] that settles an async one's promise from any thread (a
//! core [`SendResolver`] underneath).

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::{Rc, Weak};

use jsloop::promise::{Promise, PromiseError, SendResolver};
use jsloop::{CallbackKind, PanicReport};
use rquickjs::{Ctx, Function, Persistent, Value};

use super::Runtime;
use crate::embed::FromArgs;
use crate::error::Error;
use crate::host::{js_error, Host};
use crate::value::JsValue;

impl Runtime {
    /// Exposes a Rust function to JavaScript as the global `name`. It gets
    /// the arguments as [`JsValue`]s; `Err(message)` throws an `Error`. A
    /// panic in it throws an `Error` where JavaScript called it and goes to
    /// the panic hook ([`Builder::panic_hook`](crate::Builder::panic_hook)).
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// rt.register_fn("twice", |args| match args.first().and_then(JsValue::as_f64) {
    ///     Some(n) => Ok(JsValue::from(n * 2.0)),
    ///     None => Err("twice wants a number".into()),
    /// })
    /// .unwrap();
    /// assert_eq!(rt.eval("twice(21)").unwrap(), JsValue::from(42));
    /// ```
    pub fn register_fn<F>(&self, name: &str, f: F) -> Result<(), Error>
    where
        F: Fn(Vec<JsValue>) -> Result<JsValue, String> + 'static,
    {
        let f: Rc<SyncHostFn> = Rc::new(move |args| f(args).map_err(HostError::Message));
        self.define_sync(name, f)
    }

    /// Exposes a Rust function with typed arguments: a tuple of
    /// [`FromArg`](crate::FromArg) types (`f64`, `String`, `bool`, [`BigInt`](crate::BigInt),
    /// [`JsValue`], `Option<T>`), named by `params` in errors. An argument of
    /// the wrong type throws Node's `TypeError` with code
    /// `ERR_INVALID_ARG_TYPE` before `f` runs; `Err(message)` throws an
    /// `Error`.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop_quickjs::{JsValue, Runtime};
    ///
    /// let rt = Runtime::new().unwrap();
    /// rt.register_typed_fn("repeat", &["text", "times"], |(s, n): (String, f64)| {
    ///     Ok(s.repeat(n as usize))
    /// })
    /// .unwrap();
    /// assert_eq!(rt.eval("repeat('ab', 2)").unwrap(), JsValue::from("abab"));
    /// let e = rt.eval("try { repeat(1, 2) } catch (e) { e.code + ': ' + e.message }").unwrap();
    /// assert_eq!(
    ///     e,
    ///     JsValue::from("ERR_INVALID_ARG_TYPE: The \"text\" argument must be of type string. Received type number (1)")
    /// );
    /// ```
    pub fn register_typed_fn<A, R, F>(&self, name: &str, params: &[&str], f: F) -> Result<(), Error>
    where
        A: FromArgs,
        R: Into<JsValue>,
        F: Fn(A) -> Result<R, String> + 'static,
    {
        self.define_sync(name, typed(params, f))
    }

    fn define_sync(&self, name: &str, f: Rc<SyncHostFn>) -> Result<(), Error> {
        let weak = Rc::downgrade(&self.host);
        let owned = name.to_owned();
        self.host.with_ctx(|ctx| {
            let func = sync_fn(ctx, weak, owned, f)?;
            func.set_name(name)?;
            ctx.globals().set(name, func)
        })?;
        Ok(())
    }

    /// Exposes an asynchronous Rust function: the JavaScript call returns a
    /// promise; `f` gets the arguments and a [`Settler`] that resolves or
    /// rejects it later, from any thread. The loop stays alive until then.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    pub fn register_async_fn<F>(&self, name: &str, f: F) -> Result<(), Error>
    where
        F: Fn(Vec<JsValue>, Settler) + 'static,
    {
        let f = Rc::new(f);
        let weak = Rc::downgrade(&self.host);
        let owned = name.to_owned();
        self.host.with_ctx(|ctx| {
            let func = async_fn(ctx, weak, owned, f)?;
            func.set_name(name)?;
            ctx.globals().set(name, func)
        })?;
        Ok(())
    }
}

/// A sync host function over a typed one: arguments converted by `A`.
pub(crate) fn typed<A, R, F>(params: &[&str], f: F) -> Rc<SyncHostFn>
where
    A: FromArgs,
    R: Into<JsValue>,
    F: Fn(A) -> Result<R, String> + 'static,
{
    let params: Vec<String> = params.iter().map(|p| p.to_string()).collect();
    Rc::new(move |args| {
        let names: Vec<&str> = params.iter().map(String::as_str).collect();
        let typed = A::from_args(&args, &names).map_err(HostError::ArgType)?;
        f(typed).map(Into::into).map_err(HostError::Message)
    })
}

/// Settles the promise an async host function returned, from any thread.
///
/// Dropped unused, it rejects the promise with an `Error`.
#[derive(Debug)]
pub struct Settler(SendResolver<Outcome>);

/// What a settler sends: the value, or the message of the `Error`.
type Outcome = Result<JsValue, String>;

impl Settler {
    /// Fulfils the promise with `value`.
    pub fn resolve(self, value: JsValue) {
        self.0.resolve(Ok(value));
    }

    /// Rejects the promise with `new Error(message)`.
    pub fn reject(self, message: impl Into<String>) {
        self.0.resolve(Err(message.into()));
    }
}

pub(crate) type SyncHostFn = dyn Fn(Vec<JsValue>) -> Result<JsValue, HostError>;

/// Why a sync host function failed.
pub(crate) enum HostError {
    /// Thrown as `new Error(message)`.
    Message(String),
    /// Thrown as Node's `ERR_INVALID_ARG_TYPE` `TypeError`.
    ArgType(String),
}

/// Node's `ERR_INVALID_ARG_TYPE` error with `message`.
fn arg_type_error<'js>(
    ctx: &Ctx<'js>,
    message: &str,
) -> rquickjs::Result<rquickjs::Exception<'js>> {
    let e = crate::host::js_type_error(ctx, message)?;
    e.set("code", "ERR_INVALID_ARG_TYPE")?;
    if let Ok(stack) = e.get::<_, String>("stack") {
        if let Some(rest) = stack.strip_prefix("TypeError:") {
            e.set("stack", format!("TypeError [ERR_INVALID_ARG_TYPE]:{rest}"))?;
        }
    }
    Ok(e)
}
pub(crate) type AsyncHostFn = dyn Fn(Vec<JsValue>, Settler);

/// Runs a host function, catching a panic: reported to the hook, thrown
/// as an `Error` at the call site.
fn guarded<'js, R>(
    ctx: &Ctx<'js>,
    host: &Weak<Host>,
    name: &str,
    f: impl FnOnce() -> R,
) -> rquickjs::Result<R> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => Ok(r),
        Err(payload) => {
            let message = crate::ffi::panic_message(&*payload);
            if let Some(host) = host.upgrade() {
                let report = PanicReport {
                    kind: CallbackKind::HostFunction,
                    payload,
                };
                let hook = host.panic_hook.clone();
                let _ = catch_unwind(AssertUnwindSafe(|| hook(&report)));
            }
            let message = format!("host function '{name}' panicked: {message}");
            Err(js_error(ctx, &message)?.throw())
        }
    }
}

pub(crate) fn sync_fn<'js>(
    ctx: &Ctx<'js>,
    host: Weak<Host>,
    name: String,
    f: Rc<SyncHostFn>,
) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let Some(strong) = host.upgrade() else {
                return Ok(Value::new_undefined(ctx.clone()));
            };
            let args = copy_args(&ctx, &strong, &args.0)?;
            match guarded(&ctx, &host, &name, || f(args))? {
                Ok(v) => v.into_js(&ctx, &strong.embed).map_err(|e| e.throw(&ctx)),
                Err(HostError::Message(message)) => Err(js_error(&ctx, &message)?.throw()),
                Err(HostError::ArgType(message)) => Err(arg_type_error(&ctx, &message)?.throw()),
            }
        },
    )
}

pub(crate) fn async_fn<'js>(
    ctx: &Ctx<'js>,
    host: Weak<Host>,
    name: String,
    f: Rc<AsyncHostFn>,
) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let Some(strong) = host.upgrade() else {
                return Ok(Value::new_undefined(ctx.clone()));
            };
            let args = copy_args(&ctx, &strong, &args.0)?;
            let (promise, resolve, reject) = ctx.promise()?;
            let Some(lp) = host.upgrade().and_then(|h| h.lp.upgrade()) else {
                return Ok(promise.into_value());
            };
            let (settled, resolver) = Promise::<Outcome>::new_send(&lp);
            let both = Rc::new(Cell::new(Some((
                Persistent::save(&ctx, resolve),
                Persistent::save(&ctx, reject),
            ))));
            let (h1, h2, b2) = (host.clone(), host.clone(), both.clone());
            settled.then_or(
                move |outcome| {
                    settle(&h1, &both, outcome);
                    Ok(())
                },
                move |reason| {
                    let message = match reason.downcast_ref::<PromiseError>() {
                        Some(PromiseError::ResolverDropped) => {
                            "async host function dropped its settler".to_owned()
                        }
                        _ => reason.to_string(),
                    };
                    settle(&h2, &b2, Err(message));
                    Ok(())
                },
            );
            guarded(&ctx, &host, &name, || f(args, Settler(resolver)))?;
            Ok(promise.into_value())
        },
    )
}

/// Copies a host function's arguments out (a conversion error is thrown).
fn copy_args<'js>(
    ctx: &Ctx<'js>,
    host: &Host,
    args: &[Value<'js>],
) -> rquickjs::Result<Vec<JsValue>> {
    let copied: Result<_, _> = args
        .iter()
        .map(|v| JsValue::from_js(ctx, v, &host.embed))
        .collect();
    copied.map_err(|e| e.throw(ctx))
}

/// The resolve and reject functions of a host promise, until it settles.
type Settlers = Rc<Cell<Option<(Persistent<Function<'static>>, Persistent<Function<'static>>)>>>;

/// On the loop thread: calls the kept resolve or reject function.
fn settle(host: &Weak<Host>, both: &Settlers, outcome: Outcome) {
    let (Some(host), Some((resolve, reject))) = (host.upgrade(), both.take()) else {
        return;
    };
    host.enter(|ctx| match outcome {
        Ok(v) => {
            let v = v.into_js(ctx, &host.embed).map_err(|e| e.throw(ctx))?;
            resolve.restore(ctx)?.call::<_, ()>((v,))
        }
        Err(message) => {
            let error = js_error(ctx, &message)?;
            reject.restore(ctx)?.call::<_, ()>((error,))
        }
    });
}
