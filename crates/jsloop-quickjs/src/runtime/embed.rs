//! Rust functions exposed to JavaScript, sync and async, and the
//! [`Settler`] that settles an async one's promise from any thread.

use std::rc::{Rc, Weak};

use jsloop::{EventLoop, Handle, Hold};
use rquickjs::{Ctx, Function, Persistent, Value};

use super::{Runtime, HOSTS};
use crate::error::Error;
use crate::host::Host;
use crate::value::JsValue;

impl Runtime {
    /// Exposes a Rust function to JavaScript as the global `name`. It gets
    /// the arguments as [`JsValue`]s; `Err(message)` throws an `Error`.
    ///
    /// # Errors
    ///
    /// [`Error::Engine`] if the global cannot be defined.
    pub fn register_fn<F>(&self, name: &str, f: F) -> Result<(), Error>
    where
        F: Fn(Vec<JsValue>) -> Result<JsValue, String> + 'static,
    {
        let f = Rc::new(f);
        self.context.with(|ctx| {
            let func = sync_fn(&ctx, f)?;
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
        let (runtime, handle) = (self.id, self.lp.handle());
        self.context.with(|ctx| {
            let func = async_fn(&ctx, weak, runtime, handle, f)?;
            func.set_name(name)?;
            ctx.globals().set(name, func)
        })?;
        Ok(())
    }
}

/// Settles the promise an async host function returned, from any thread.
///
/// Dropped unused, it rejects the promise with an `Error`.
#[derive(Debug)]
pub struct Settler {
    handle: Handle,
    hold: Option<Hold>,
    runtime: u64,
    key: u64,
}

impl Settler {
    /// Fulfils the promise with `value`.
    pub fn resolve(mut self, value: JsValue) {
        self.send(Ok(value));
    }

    /// Rejects the promise with `new Error(message)`.
    pub fn reject(mut self, message: impl Into<String>) {
        self.send(Err(message.into()));
    }

    fn send(&mut self, outcome: Result<JsValue, String>) {
        let Some(hold) = self.hold.take() else {
            return;
        };
        let (runtime, key) = (self.runtime, self.key);
        let _ = self
            .handle
            .submit(move |_: &EventLoop| settle(runtime, key, outcome));
        drop(hold);
    }
}

impl Drop for Settler {
    fn drop(&mut self) {
        self.send(Err("async host function dropped its settler".into()));
    }
}

/// On the loop thread: calls the stored resolve or reject function.
fn settle(runtime: u64, key: u64, outcome: Result<JsValue, String>) {
    let Some(host) = HOSTS.with(|h| h.borrow().get(&runtime).and_then(Weak::upgrade)) else {
        return;
    };
    let Some((resolve, reject)) = host.settlers.borrow_mut().remove(&key) else {
        return;
    };
    host.context.with(|ctx| {
        let r: rquickjs::Result<()> = (|| match outcome {
            Ok(v) => resolve.restore(&ctx)?.call((v,)),
            Err(message) => {
                let error = rquickjs::Exception::from_message(ctx.clone(), &message)?;
                reject.restore(&ctx)?.call((error,))
            }
        })();
        if r.is_err() {
            let _ = ctx.catch();
        }
    });
}

type SyncHostFn = dyn Fn(Vec<JsValue>) -> Result<JsValue, String>;
type AsyncHostFn = dyn Fn(Vec<JsValue>, Settler);

fn sync_fn<'js>(ctx: &Ctx<'js>, f: Rc<SyncHostFn>) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let args: Result<_, _> = args.0.iter().map(|v| JsValue::from_js(&ctx, v)).collect();
            match f(args.map_err(|e| e.throw(&ctx))?) {
                Ok(v) => rquickjs::IntoJs::into_js(v, &ctx),
                Err(message) => Err(rquickjs::Exception::throw_message(&ctx, &message)),
            }
        },
    )
}

fn async_fn<'js>(
    ctx: &Ctx<'js>,
    weak: Weak<Host>,
    runtime: u64,
    handle: Handle,
    f: Rc<AsyncHostFn>,
) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let args: Result<_, _> = args.0.iter().map(|v| JsValue::from_js(&ctx, v)).collect();
            let args = args.map_err(|e| e.throw(&ctx))?;
            let (promise, resolve, reject) = ctx.promise()?;
            let Some(host) = weak.upgrade() else {
                return Ok(promise.into_value());
            };
            let key = host.next_settler.get();
            host.next_settler.set(key + 1);
            host.settlers.borrow_mut().insert(
                key,
                (
                    Persistent::save(&ctx, resolve),
                    Persistent::save(&ctx, reject),
                ),
            );
            let settler = Settler {
                handle: handle.clone(),
                hold: handle.hold().ok(),
                runtime,
                key,
            };
            f(args, settler);
            Ok(promise.into_value())
        },
    )
}
