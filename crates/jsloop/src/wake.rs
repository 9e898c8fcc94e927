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
//!   not yet notified makes the syscall that wakes it (an eventfd write
//!   through [`Unparker`], counted in `syscalls`). Concurrent producers
//!   coalesce into that one unpark.
//! - The loop calls [`Wake::consume`] *before* it inspects its inputs and
//!   [`Wake::sleep`] after. `sleep` sets `SLEEPING` and parks (in the
//!   poller, where readiness ends the park too) only if `NOTIFIED` was
//!   clear at that instant, so a change made after the inspection is never
//!   missed. While the loop is busy, no producer makes a syscall.

use std::time::{Duration, Instant};

use crate::io::Unparker;
use crate::sync::{self, AtomicU64, AtomicU8, Ordering};

/// Something changed since the loop last consumed notifications.
const NOTIFIED: u8 = 1;
/// The loop is parked, or committed to parking.
const SLEEPING: u8 = 2;

pub(crate) struct Wake {
    state: AtomicU8,
    unparker: Unparker,
    /// Unparks made (wake syscalls), for [`Stats`](crate::Stats).
    syscalls: AtomicU64,
}

impl Wake {
    pub(crate) fn new(unparker: Unparker) -> Self {
        Self {
            state: AtomicU8::new(0),
            unparker,
            syscalls: AtomicU64::new(0),
        }
    }

    /// Tells the loop something changed; wakes it if it sleeps.
    pub(crate) fn notify(&self) {
        let prev = self.state.fetch_or(NOTIFIED, Ordering::AcqRel);
        if prev == SLEEPING {
            self.syscalls.fetch_add(1, Ordering::Relaxed);
            self.unparker.unpark();
        }
    }

    /// How many wake syscalls producers have made.
    pub(crate) fn syscalls(&self) -> u64 {
        self.syscalls.load(Ordering::Relaxed)
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
    /// spinning for up to `spin` first, then calling `park` with the time
    /// left (it blocks until that passes or [`Unparker::unpark`]; it may
    /// return early). Returns at once if a notification is already
    /// pending; returns whether `park` was called.
    pub(crate) fn sleep(
        &self,
        timeout: Option<Duration>,
        spin: Duration,
        park: impl FnOnce(Option<Duration>),
    ) -> bool {
        let spin = timeout.map_or(spin, |t| t.min(spin));
        if !spin.is_zero() && self.spin(spin) {
            return false;
        }
        if timeout.is_some_and(|t| t <= spin) {
            return false;
        }
        let timeout = timeout.map(|t| t - spin);
        let prev = self.state.fetch_or(SLEEPING, Ordering::AcqRel);
        let parked = prev & NOTIFIED == 0;
        if parked {
            park(timeout);
        }
        self.state.fetch_and(!SLEEPING, Ordering::AcqRel);
        parked
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
