//! Every synchronisation primitive the crate uses, from one place.
//!
//! Under `cfg(loom)` the primitives come from `loom`, so the models in
//! `tests/loom.rs` check the real code. With the `lock-order` feature the
//! locks are `tracing-mutex` locks, which panic when two locks are ever taken
//! in opposite orders. Nothing else in the crate names `std::sync` directly.
//!
//! Wakers are made here too ([`waker`]): `std::task::Wake` is implemented
//! only for std's `Arc`. Without loom the facade's `Arc` is std's and the
//! waker is that very `Arc`; under loom the loom `Arc` (whose count loom
//! checks) sits inside one std `Arc` that only keeps it alive.

#[cfg(loom)]
pub(crate) use loom::cell::UnsafeCell;
#[cfg(loom)]
pub(crate) use loom::sync::{
    atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicU8, AtomicUsize, Ordering},
    Arc,
};
#[cfg(not(loom))]
pub(crate) use std::sync::{
    atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicU8, AtomicUsize, Ordering},
    Arc,
};

/// `std`'s `UnsafeCell` with loom's access API, so code written for the
/// loom cell (which checks every access in the models) runs unchanged.
#[cfg(not(loom))]
pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

#[cfg(not(loom))]
impl<T> UnsafeCell<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(std::cell::UnsafeCell::new(value))
    }

    /// Calls `f` with a raw pointer to the contents.
    #[inline]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}

#[cfg(loom)]
use loom::sync as locks;
#[cfg(all(not(loom), not(feature = "lock-order")))]
use std::sync as locks;
#[cfg(all(not(loom), feature = "lock-order"))]
use tracing_mutex::stdsync::tracing as locks;

pub(crate) use locks::{Condvar, MutexGuard};

/// A waker's state, and what waking it does (see [`waker`]).
pub(crate) struct WakerState<S> {
    state: S,
    wake: fn(&Arc<WakerState<S>>),
}

impl<S> std::ops::Deref for WakerState<S> {
    type Target = S;

    fn deref(&self) -> &S {
        &self.state
    }
}

/// A waker holding `state` in the facade's `Arc`; every wake-up, from any
/// thread, calls `wake` with that `Arc`.
pub(crate) fn waker<S: Send + Sync + 'static>(
    state: S,
    wake: fn(&Arc<WakerState<S>>),
) -> std::task::Waker {
    let state = Arc::new(WakerState { state, wake });
    #[cfg(not(loom))]
    return std::task::Waker::from(state);
    #[cfg(loom)]
    return std::task::Waker::from(std::sync::Arc::new(LoomWaker(state)));
}

#[cfg(not(loom))]
impl<S: Send + Sync + 'static> std::task::Wake for WakerState<S> {
    fn wake(self: Arc<Self>) {
        (self.wake)(&self);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        (self.wake)(self);
    }
}

/// Under loom: the std `Arc` a `Waker` needs, around loom's.
#[cfg(loom)]
struct LoomWaker<S>(Arc<WakerState<S>>);

#[cfg(loom)]
impl<S: Send + Sync + 'static> std::task::Wake for LoomWaker<S> {
    fn wake(self: std::sync::Arc<Self>) {
        (self.0.wake)(&self.0);
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        (self.0.wake)(&self.0);
    }
}

/// Spin-loop hint (a `yield_now` under loom, so models make progress).
#[inline]
pub(crate) fn spin_hint() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::hint::spin_loop();
}

/// Lets other threads run (a `yield_now` of loom's under loom).
#[inline]
pub(crate) fn yield_now() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::thread::yield_now();
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

/// Under loom time does not pass: a timed wait is an untimed one.
#[cfg(loom)]
pub(crate) fn wait_timeout<'a, T>(
    condvar: &Condvar,
    guard: MutexGuard<'a, T>,
    _timeout: std::time::Duration,
) -> MutexGuard<'a, T> {
    wait(condvar, guard)
}
