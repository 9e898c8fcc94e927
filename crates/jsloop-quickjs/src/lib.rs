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
//! assert_eq!(rt.run(), 0);
//! assert_eq!(out.captured(Stream::Stdout), "tick\npromise\nimmediate\n");
//! ```

#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

mod error;
mod ffi;
mod globals;
mod host;
mod modules;
mod output;
mod runtime;
mod unwind;
mod value;

pub use error::Error;
pub use output::{Output, Stream};
pub use runtime::{Builder, Runtime, Settler};
pub use value::JsValue;
