//! I/O on the loop: the poller the poll phase sleeps in, the sources
//! registered with it, and the readiness it reports.
//!
//! - `poller.rs`: [`Poller`] (the loop thread's `mio::Poll`) and
//!   [`Unparker`] (the `mio::Waker` other threads wake it with).
//! - `registration.rs`: [`Registrations`], the table of sources and their
//!   callbacks, and [`IoId`].
//! - `readiness.rs`: [`Readiness`], what a readiness callback is told.
//!
//! The public API is on [`EventLoop`](crate::EventLoop)
//! (`event_loop/io.rs`); the dispatch is in the poll phase
//! (`event_loop/phases.rs`).

mod poller;
mod readiness;
mod registration;

pub(crate) use poller::{Poller, Unparker};
pub use readiness::Readiness;
pub use registration::IoId;
pub(crate) use registration::Registrations;
