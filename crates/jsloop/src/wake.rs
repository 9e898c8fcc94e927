//! The sleep/wake protocol between the loop and the threads that feed it.
//!
//! Ground rules:
//! - A producer first makes its change visible (a queued task, a released
//!   hold, a stop request), then calls [`Wake::notify`]: it sets `notified`
//!   and, only if the loop is asleep, makes the one syscall that wakes it.
//!   The `sleeping` flag is taken by swap, so concurrent producers coalesce
//!   into a single unpark.
//! - The loop calls [`Wake::consume`] *before* it inspects its inputs, and
//!   [`Wake::sleep`] after. `sleep` announces `sleeping` and re-reads
//!   `notified` (all `SeqCst`), so a notification between the inspection
//!   and the park is never lost: either the producer sees `sleeping` and
//!   unparks, or the loop sees `notified` and does not park.
//! - While the loop is busy no producer makes a syscall.

use std::time::{Duration, Instant};

use crate::sync::{self, AtomicBool, Condvar, Mutex, Ordering};

pub(crate) struct Wake {
    notified: AtomicBool,
    sleeping: AtomicBool,
    permit: Mutex<bool>,
    condvar: Condvar,
}

impl Wake {
    pub(crate) fn new() -> Self {
        Self {
            notified: AtomicBool::new(false),
            sleeping: AtomicBool::new(false),
            permit: Mutex::new(false),
            condvar: Condvar::new(),
        }
    }

    /// Tells the loop something changed; wakes it if it sleeps.
    ///
    /// A notification the loop has not consumed yet covers this change too
    /// (the loop inspects its inputs after consuming), so while the loop is
    /// busy a producer pays one plain load here.
    pub(crate) fn notify(&self) {
        if self.notified.load(Ordering::SeqCst) {
            return;
        }
        if !self.notified.swap(true, Ordering::SeqCst)
            && self.sleeping.load(Ordering::SeqCst)
            && self.sleeping.swap(false, Ordering::SeqCst)
        {
            *self.permit.lock() = true;
            self.condvar.notify_one();
        }
    }

    /// Takes the pending notification, if any (loop thread, before it
    /// inspects its inputs).
    pub(crate) fn consume(&self) -> bool {
        self.notified.swap(false, Ordering::SeqCst)
    }

    /// Whether a notification is pending (a cheap read for spinning).
    pub(crate) fn is_notified(&self) -> bool {
        self.notified.load(Ordering::Acquire)
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
        self.sleeping.store(true, Ordering::SeqCst);
        if !self.notified.load(Ordering::SeqCst) {
            let mut permit = self.permit.lock();
            if !*permit {
                permit = match timeout {
                    Some(t) => sync::wait_timeout(&self.condvar, permit, t),
                    None => sync::wait(&self.condvar, permit),
                };
            }
            *permit = false;
        }
        self.sleeping.store(false, Ordering::SeqCst);
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
