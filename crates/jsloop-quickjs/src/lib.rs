//! QuickJS bound to the jsloop event loop: JavaScript with Node's timing.
//!
//! A [`Runtime`] owns a QuickJS engine (through `rquickjs`) and a
//! [`jsloop::EventLoop`] on the current thread, and gives scripts Node's
//! globals: `setTimeout`/`setInterval`/`setImmediate` returning
//! `Timeout`/`Immediate` objects, `queueMicrotask`, `process.nextTick`,
//! `process` events (`unhandledRejection`, `rejectionHandled`,
//! `uncaughtException`, `beforeExit`, `exit`), `console` with
//! `util.inspect` formatting, `performance`, `AbortController`,
//! `EventTarget`, `structuredClone`, `atob`/`btoa` and `crypto`.
//!
//! # How a checkpoint interleaves
//!
//! QuickJS keeps promise jobs in one FIFO queue of its own. The runtime
//! plugs it into the loop's microtask checkpoint as a [`jsloop::JobQueue`]:
//! after every callback the loop runs all `process.nextTick` callbacks,
//! then the engine's jobs (promise reactions and `queueMicrotask`, in one
//! FIFO) until none are left, and repeats; then it reports unhandled
//! rejections, exactly as Node's `processTicksAndRejections` does.
//!
//! # Embedding
//!
//! - Values cross as [`JsValue`]: numbers, `BigInt`s, strings, arrays,
//!   plain objects (ordered), `Map`, `Set`, `Date`, `ArrayBuffer`, typed
//!   arrays and errors are copied; functions, promises, symbols and other
//!   objects come back as [`Handle`]s to use later ([`Runtime::call`],
//!   [`Runtime::get`], [`Runtime::await_promise`]).
//! - What JavaScript throws comes back as [`Error::Exception`]: an
//!   [`Exception`] with the thrown value, its class, message, stack and
//!   cause, printed as Node prints it.
//! - A promise is awaited from Rust with a [`JsFuture`]
//!   ([`Runtime::eval_async`], [`Runtime::call_global_async`],
//!   [`Runtime::call_async`]), completed by the runtime's own loop:
//!   [`Runtime::block_on`], or the blocking [`Runtime::eval_await`] and
//!   [`Runtime::call_global_await`]. Timers, ticks, I/O and host functions
//!   settled from other threads keep running meanwhile.
//! - A runtime runs again after a run ended, naturally or by an uncaught
//!   error; `process.exit` ends it (see [the lifecycle](Runtime#lifecycle)).
//! - Host functions take typed arguments ([`Runtime::register_typed_fn`]):
//!   a mismatch throws Node's `ERR_INVALID_ARG_TYPE`.
//! - For async Rust (tokio or any executor): a [`Worker`] runs a runtime
//!   on its own thread behind a `Send + Sync` handle whose calls are `Send`
//!   futures; a [`WorkerPool`] sends each call to the least busy of N
//!   workers (see `examples/worker_pool.rs`).
//!
//! A Rust async function, called by JavaScript with Node's timing, and the
//! result back in Rust, in 11 lines:
//!
//! ```
//! use jsloop_quickjs::{JsValue, Runtime};
//!
//! let rt = Runtime::new().unwrap();
//! rt.register_async_fn("fetchScore", |args, settler| {
//!     let who = args.first().and_then(JsValue::as_str).unwrap_or("").to_owned();
//!     std::thread::spawn(move || settler.resolve(JsValue::from(who.len() as f64 * 10.0)));
//! })
//! .unwrap();
//! let v = rt.eval_await("(async () => { await new Promise((ok) => setTimeout(ok, 5)); return fetchScore('ann') })()");
//! assert_eq!(v.unwrap(), JsValue::from(30));
//! ```
//!
//! # Guide: one example per task
//!
//! A sync Rust function (typed arguments) and a value back:
//!
//! ```
//! use jsloop_quickjs::{JsValue, Runtime};
//!
//! let rt = Runtime::new().unwrap();
//! rt.register_typed_fn("add", &["a", "b"], |(a, b): (f64, f64)| Ok(a + b)).unwrap();
//! assert_eq!(rt.eval("add(2, 3) * 2").unwrap(), JsValue::from(10));
//! ```
//!
//! Awaiting a promise (driven by the runtime's loop: timers run):
//!
//! ```
//! use jsloop_quickjs::{JsValue, Runtime};
//!
//! let rt = Runtime::new().unwrap();
//! let p = rt.eval("new Promise((ok) => setTimeout(ok, 5, 'late'))").unwrap();
//! let JsValue::Promise(p) = p else { panic!("not a promise") };
//! let later = rt.await_promise(&p);
//! assert_eq!(rt.block_on(later).unwrap().unwrap(), JsValue::from("late"));
//! ```
//!
//! Keeping a callback and calling it later:
//!
//! ```
//! use jsloop_quickjs::{JsValue, Runtime};
//!
//! let rt = Runtime::new().unwrap();
//! let JsValue::Function(f) = rt.eval("(n) => n * 2").unwrap() else { panic!() };
//! rt.eval("globalThis.unrelated = 1").unwrap();
//! assert_eq!(rt.call(&f, vec![JsValue::from(21)]).unwrap(), JsValue::from(42));
//! ```
//!
//! A native module (`require` and `import` find it):
//!
//! ```
//! use jsloop_quickjs::{NativeModule, Output, Runtime, Stream};
//!
//! let out = Output::capture();
//! let rt = Runtime::builder().output(out.clone()).build().unwrap();
//! let module = NativeModule::new()
//!     .value("version", "1.0")
//!     .typed_function("shout", &["text"], |(s,): (String,)| Ok(s.to_uppercase()));
//! rt.register_module("greeter", module).unwrap();
//! rt.run_script("main.js", "const g = require('greeter'); console.log(g.shout('hi'), g.version)")
//!     .unwrap();
//! assert_eq!(rt.run().unwrap(), 0);
//! assert_eq!(out.captured(Stream::Stdout), "HI 1.0\n");
//! ```
//!
//! A worker serving tokio tasks (the library needs no tokio):
//!
//! ```
//! use jsloop_quickjs::{JsValue, Runtime, Worker};
//!
//! let worker = Worker::spawn(|| {
//!     let rt = Runtime::new()?;
//!     rt.eval("globalThis.slow = (n) => new Promise((ok) => setTimeout(ok, 5, n + 1))")?;
//!     Ok(rt)
//! })
//! .unwrap();
//! let tokio = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let v = tokio.block_on(async { worker.call("slow", vec![JsValue::from(1)]).await });
//! assert_eq!(v.unwrap(), JsValue::from(2));
//! assert_eq!(worker.shutdown().unwrap(), 0);
//! ```
//!
//! # Implementation notes
//!
//! - A timer's or immediate's JavaScript side (its `Timeout`/`Immediate`
//!   object, callback, arguments) is owned by the loop's own callback for
//!   it, as engine handles: clearing the timer drops them, no id map.
//!   `process.nextTick` callbacks wait in a queue on the Rust side, drained
//!   by one loop nextTick.
//! - The hottest globals (`setTimeout`, `setInterval`, `setImmediate`,
//!   their clearing, `process.nextTick`, `queueMicrotask`'s enqueue) are
//!   raw QuickJS functions, and firing calls the engine directly: rquickjs's
//!   generic function trampoline cost more than the work.
//! - Dropping a [`Runtime`] closes its loop (dropping every pending
//!   callback and the handles they own) and releases what the binding
//!   keeps before the engine goes: QuickJS aborts if an object outlives it.
//!
//! # Examples
//!
//! ```
//! use jsloop_quickjs::{Output, Runtime, Stream};
//!
//! let out = Output::capture();
//! let rt = Runtime::builder().output(out.clone()).build().unwrap();
//! rt.run_script(
//!     "order.js",
//!     "setImmediate(() => console.log('immediate'));
//!      Promise.resolve().then(() => console.log('promise'));
//!      process.nextTick(() => console.log('tick'));",
//! )
//! .unwrap();
//! assert_eq!(rt.run().unwrap(), 0);
//! assert_eq!(out.captured(Stream::Stdout), "tick\npromise\nimmediate\n");
//! ```

#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

mod embed;
mod error;
mod ffi;
mod globals;
mod heap;
mod host;
mod modules;
mod output;
mod runtime;
#[cfg(feature = "serde")]
mod serde;
mod value;
mod worker;

#[cfg(feature = "serde")]
pub use crate::serde::{from_value, to_value, SerdeError};
pub use embed::{FromArg, FromArgs, Handle, JsFuture};
pub use error::{EngineError, Error, Exception};
pub use globals::node::dotenv::parse as parse_env;
pub use modules::Permissions;
pub use output::{Output, Stream};
pub use runtime::{Builder, NativeModule, Runtime, Settler};
pub use value::{
    BigInt, ConvertError, JsError, JsValue, ParseBigIntError, TypedArray, TypedArrayKind,
};
pub use worker::{Worker, WorkerCall, WorkerPool};
