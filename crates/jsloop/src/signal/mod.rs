//! Unix signals delivered to loop callbacks (as Node's `process.on('SIGINT')`
//! and libuv's `uv_signal_t`), through signal-hook: [`EventLoop::on_signal`].
//! Elsewhere (and under loom) the loop has no signal support and nothing is
//! ever pending.

#[cfg(all(unix, not(loom)))]
mod listen;
#[cfg(all(unix, not(loom)))]
mod registry;

#[cfg(all(unix, not(loom)))]
pub(crate) use listen::Listeners;
#[cfg(all(unix, not(loom)))]
pub use listen::{SignalError, SignalId};

#[cfg(not(all(unix, not(loom))))]
use crate::event_loop::EventLoop;

/// No signal support: no callbacks.
#[cfg(not(all(unix, not(loom))))]
#[derive(Default)]
pub(crate) struct Listeners;

#[cfg(not(all(unix, not(loom))))]
impl Listeners {
    pub(crate) fn len(&self) -> usize {
        0
    }
}

#[cfg(not(all(unix, not(loom))))]
impl EventLoop {
    pub(crate) fn run_signals(&self) -> bool {
        false
    }
}
