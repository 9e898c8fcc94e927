//! The sleep/wake protocol between the loop and the threads that feed it.
//!
//! Ground rules:
//! - One atomic word holds two flags: `NOTIFIED` (something changed since
//!   the loop last looked) and `SLEEPING` (the loop is parked or about to
//!   park). Every access is a read-modify-write of that one word, so all of
//!   them are totally ordered and each one sees the latest value: no
//!   store-then-load race between two locations is left to fences.
//! - A producer first makes its change visible (a queued task, a released
//!   hold, a stop request), then calls [`Wake::notify`]: it sets
//!   `NOTIFIED`, and only the producer that finds the loop `SLEEPING` and
//!   not yet notified makes the syscall that wakes it. Concurrent producers
//!   coalesce into that one unpark.
//! - The loop calls [`Wake::consume`] *before* it inspects its inputs and
//!   [`Wake::sleep`] after. `sleep` sets `SLEEPING` and parks only if
//!   `NOTIFIED` was clear at that instant, so a change made after the
//!   inspection is never missed. While the loop is busy, no producer makes
//!   a syscall.

use std::time::{Duration, Instant};

use crate::sync::{self, AtomicU8, Condvar, Mutex, Ordering};

/// Something changed since the loop last consumed notifications.
const NOTIFIED: u8 = 1;
/// The loop is parked, or committed to parking.
const SLEEPING: u8 = 2;

pub(crate) struct Wake {
    state: AtomicU8,
    permit: Mutex<bool>,
    condvar: Condvar,
}

impl Wake {
    pub(crate) fn new() -> Self {
        Self {
            state: AtomicU8::new(0),
            permit: Mutex::new(false),
            condvar: Condvar::new(),
        }
    }

    /// Tells the loop something changed; wakes it if it sleeps.
    pub(crate) fn notify(&self) {
        let prev = self.state.fetch_or(NOTIFIED, Ordering::AcqRel);
        if prev == SLEEPING {
            *self.permit.lock() = true;
            self.condvar.notify_one();
        }
    }

    /// Takes the pending notification, if any (loop thread, before it
    /// inspects its inputs).
    pub(crate) fn consume(&self) -> bool {
        self.state.fetch_and(!NOTIFIED, Ordering::AcqRel) & NOTIFIED != 0
    }

    /// Whether a notification is pending (a cheap read for spinning).
    pub(crate) fn is_notified(&self) -> bool {
        self.state.load(Ordering::Acquire) & NOTIFIED != 0
    }

    /// Waits until notified or `timeout` passes (`None`: no time limit),
    /// spinning for up to `spin` first. Returns at once if a notification
    /// is already pending.
    pub(crate) fn sleep(&self, timeout: Option<Duration>, spin: Duration) {
        let spin = timeout.map_or(spin, |t| t.min(spin));
        if !spin.is_zero() && self.spin(spin) {
            return;
        }
        if timeout.is_some_and(|t| t <= spin) {
            return;
        }
        let timeout = timeout.map(|t| t - spin);
        let prev = self.state.fetch_or(SLEEPING, Ordering::AcqRel);
        if prev & NOTIFIED == 0 {
            let mut permit = self.permit.lock();
            if !*permit {
                permit = match timeout {
                    Some(t) => sync::wait_timeout(&self.condvar, permit, t),
                    None => sync::wait(&self.condvar, permit),
                };
            }
            *permit = false;
        }
        self.state.fetch_and(!SLEEPING, Ordering::AcqRel);
    }

    /// Spins (with growing pauses) until notified or `limit` passes.
    fn spin(&self, limit: Duration) -> bool {
        let start = Instant::now();
        let mut round = 0u32;
        loop {
            if self.is_notified() {
                return true;
            }
            if start.elapsed() >= limit {
                return false;
            }
            for _ in 0..(1u32 << round.min(6)) {
                sync::spin_hint();
            }
            round += 1;
        }
    }
}
