//! A one-value channel whose receiver spins briefly before it blocks.
//!
//! Ground rules: the value and the `closed`/`waiting` flags change only
//! under `state`'s lock; the receiver spins on the lock-free `ready` flag
//! first, because waking a parked thread costs tens of microseconds on a
//! small VM while a spinning one sees the value within nanoseconds. The
//! sender notifies the condvar only when the receiver said it waits.

use std::time::{Duration, Instant};

use crate::sync::{self, Arc, AtomicBool, Condvar, Mutex, Ordering};

struct State<T> {
    value: Option<T>,
    closed: bool,
    waiting: bool,
}

struct Slot<T> {
    ready: AtomicBool,
    state: Mutex<State<T>>,
    condvar: Condvar,
}

/// Sends the value; dropping it unsent wakes the receiver with `None`.
pub(crate) struct Sender<T> {
    slot: Option<Arc<Slot<T>>>,
}

/// Receives the value.
pub(crate) struct Receiver<T> {
    slot: Arc<Slot<T>>,
}

pub(crate) fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Slot {
        ready: AtomicBool::new(false),
        state: Mutex::new(State {
            value: None,
            closed: false,
            waiting: false,
        }),
        condvar: Condvar::new(),
    });
    (
        Sender {
            slot: Some(slot.clone()),
        },
        Receiver { slot },
    )
}

impl<T> Sender<T> {
    pub(crate) fn send(mut self, value: T) {
        if let Some(slot) = self.slot.take() {
            Self::finish(&slot, Some(value));
        }
    }

    fn finish(slot: &Slot<T>, value: Option<T>) {
        let waiting = {
            let mut state = slot.state.lock();
            state.value = value;
            state.closed = true;
            state.waiting
        };
        slot.ready.store(true, Ordering::Release);
        if waiting {
            slot.condvar.notify_one();
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            Self::finish(&slot, None);
        }
    }
}

impl<T> Receiver<T> {
    /// Waits for the value; `None` if the sender was dropped unsent.
    pub(crate) fn recv(self, spin: Duration) -> Option<T> {
        let start = Instant::now();
        let mut round = 0u32;
        while !self.slot.ready.load(Ordering::Acquire) && start.elapsed() < spin {
            for _ in 0..(1u32 << round.min(6)) {
                sync::spin_hint();
            }
            round += 1;
        }
        let mut state = self.slot.state.lock();
        while !state.closed {
            state.waiting = true;
            state = sync::wait(&self.slot.condvar, state);
        }
        state.value.take()
    }
}
