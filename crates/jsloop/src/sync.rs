//! Every synchronisation primitive the crate uses, from one place.
//!
//! Under `cfg(loom)` the primitives come from `loom`, so the models in
//! `tests/loom.rs` check the real code. With the `lock-order` feature the
//! locks are `tracing-mutex` locks, which panic when two locks are ever taken
//! in opposite orders. Nothing else in the crate names `std::sync` directly.

#[cfg(loom)]
pub(crate) use loom::sync::{
    atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering},
    Arc,
};
#[cfg(not(loom))]
pub(crate) use std::sync::{
    atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering},
    Arc,
};

#[cfg(loom)]
use loom::sync as locks;
#[cfg(all(not(loom), not(feature = "lock-order")))]
use std::sync as locks;
#[cfg(all(not(loom), feature = "lock-order"))]
use tracing_mutex::stdsync::tracing as locks;

pub(crate) use locks::{Condvar, MutexGuard};

/// Spin-loop hint (a `yield_now` under loom, so models make progress).
#[inline]
pub(crate) fn spin_hint() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::hint::spin_loop();
}

/// A mutual-exclusion lock that ignores poisoning.
///
/// No user code ever runs under one of our locks, so a panic cannot leave
/// the protected data half-written.
pub(crate) struct Mutex<T>(locks::Mutex<T>);

impl<T> Mutex<T> {
    /// Creates an unlocked mutex.
    pub(crate) fn new(value: T) -> Self {
        Self(locks::Mutex::new(value))
    }

    /// Locks, ignoring poison.
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Blocks on `condvar` until notified, ignoring poison.
pub(crate) fn wait<'a, T>(condvar: &Condvar, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    condvar.wait(guard).unwrap_or_else(|e| e.into_inner())
}

/// Blocks on `condvar` until notified or `timeout` passes, ignoring poison.
#[cfg(not(loom))]
pub(crate) fn wait_timeout<'a, T>(
    condvar: &Condvar,
    guard: MutexGuard<'a, T>,
    timeout: std::time::Duration,
) -> MutexGuard<'a, T> {
    match condvar.wait_timeout(guard, timeout) {
        Ok((g, _)) => g,
        Err(e) => e.into_inner().0,
    }
}

/// Under loom time does not pass: a timed wait is an untimed one.
#[cfg(loom)]
pub(crate) fn wait_timeout<'a, T>(
    condvar: &Condvar,
    guard: MutexGuard<'a, T>,
    _timeout: std::time::Duration,
) -> MutexGuard<'a, T> {
    wait(condvar, guard)
}
