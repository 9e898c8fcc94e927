//! A single-threaded event loop with JavaScript semantics.
//!
//! `jsloop` gives Rust programs the ordering JavaScript programs rely on:
//! timers, immediates, `nextTick`, microtasks, and safe submission from any
//! thread through a [`Handle`]. It has no JavaScript engine in it; the
//! `jsloop-quickjs` crate binds one to it.
//!
//! # One turn of the loop
//!
//! The turn follows Node and libuv:
//!
//! 1. **Timers**: timeouts and intervals whose deadline has passed run, the
//!    earliest deadline first and equal deadlines in scheduling order. The
//!    time is read once at the start of the turn and cached.
//! 2. **Poll**: tasks submitted on the loop thread, then one batch of tasks
//!    from other threads (what is queued when the phase takes it; later
//!    arrivals wait a turn, so producers cannot starve timers), then the
//!    callbacks of finished pool work ([`EventLoop::queue_work`]) and of
//!    signals that arrived (`EventLoop::on_signal`, Unix), then the
//!    readiness callbacks of registered I/O sources ([`EventLoop::register`])
//!    in the order the poller reports them. When nothing is runnable the
//!    loop sleeps in `mio::Poll` until the next timer, readiness or a
//!    wake-up from a [`Handle`] (a syscall only when the loop sleeps).
//!    With a [`VirtualClock`] it jumps to the deadline instead, unless
//!    real I/O or pool work is pending (see below).
//! 3. **Check**: the immediates queued before the phase began; immediates
//!    queued while it runs wait for the next turn.
//! 4. **Close**: close callbacks, among them those of closed registrations
//!    ([`EventLoop::close_io`]).
//!
//! After **every** callback, and once before the first turn, a microtask
//! checkpoint runs: the whole nextTick queue, then the whole microtask
//! queue (and an installed [`JobQueue`]), repeated while either has work.
//!
//! The loop exits by itself when nothing referenced is left: no referenced
//! timers or immediates, no queued tasks, no pending pool work, no
//! [`Hold`]s, no active referenced I/O registrations (signal callbacks
//! keep nothing alive).
//!
//! # I/O and the virtual clock
//!
//! Readiness is edge-triggered (mio's): a callback is called when its
//! source becomes ready and must read or write until `WouldBlock`; see
//! [`EventLoop::register`]. With a [`VirtualClock`] the loop jumps to the
//! next timer only when no active, referenced registration (and no
//! external work, such as a blocking-work pool's jobs) is pending;
//! otherwise it waits for readiness and virtual time stands still, so a
//! test's timers never overtake its real sockets. Unreferenced
//! registrations do not hold the clock back.
//!
//! # Examples
//!
//! ```
//! use std::cell::RefCell;
//! use std::rc::Rc;
//! use std::time::Duration;
//! use jsloop::EventLoop;
//!
//! let lp = EventLoop::new();
//! let log = Rc::new(RefCell::new(Vec::new()));
//! let l = log.clone();
//! lp.set_timeout(Duration::from_millis(1), move |lp| {
//!     l.borrow_mut().push("timeout");
//!     let l2 = l.clone();
//!     lp.set_immediate(move |_| l2.borrow_mut().push("immediate")).unwrap();
//!     let l3 = l.clone();
//!     lp.queue_microtask(move |_| l3.borrow_mut().push("microtask"));
//!     let l4 = l.clone();
//!     lp.next_tick(move |_| l4.borrow_mut().push("tick"));
//! })
//! .unwrap();
//! lp.run().unwrap();
//! assert_eq!(*log.borrow(), ["timeout", "tick", "microtask", "immediate"]);
//! ```
//!
//! # Panics in callbacks
//!
//! A panicking callback is caught; its bookkeeping is removed (a panicking
//! interval is cleared), the [`Builder::panic_hook`] is told, and the loop
//! goes on with the next callback.

#![deny(unsafe_code)]

mod clock;
mod error;
mod event_loop;
mod handle;
mod id;
mod immediate;
mod ingress;
mod io;
mod metrics;
mod microtask;
mod oneshot;
mod panic;
mod pool;
pub mod promise;
mod shared;
mod signal;
mod sync;
mod thunk;
mod timer;
mod wake;

pub use clock::{Clock, SystemClock, VirtualClock};
pub use error::{
    AggregateError, BlockOnError, CallError, IoError, PromiseError, RunError, ScheduleError,
    SubmitError,
};
pub use event_loop::{Builder, EventLoop, Exit, LocalHandle, Stats};
pub use handle::{Handle, Hold};
pub use id::{ImmediateId, TimerId, MAX_ID};
pub use io::{IoId, Readiness};
pub use metrics::histogram::Histogram;
pub use metrics::{DelayMonitor, Utilization};
pub use microtask::JobQueue;
/// The `mio` this loop polls with: register its sources (`mio::net`,
/// `mio::unix::SourceFd`) with [`EventLoop::register`].
pub use mio;
pub use mio::Interest;
pub use panic::{CallbackKind, PanicHook, PanicReport};
pub use pool::{QueueWorkError, WorkError, WorkId};
#[cfg(all(unix, not(loom)))]
pub use signal::{SignalError, SignalId};
