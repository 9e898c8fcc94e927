//! The answer of one worker call: a one-value channel whose receiver is
//! a `Send` future, and the worker's end for calls it never answered.
//!
//! Ground rules: a [`Slot`]'s fields change only under its lock; the
//! sender wakes the receiver after unlocking. A sender dropped unused
//! marks the slot `abandoned`: the worker thread is ending, so the
//! receiver waits for [`Shared::end`] (recorded before the thread exits)
//! and reports it.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::error::Error;
use crate::value::JsValue;

/// How a worker thread ended.
#[derive(Debug, Clone)]
pub(crate) enum End {
    /// Shut down or terminated, or the loop ran dry; the run's exit code.
    Finished(i32),
    /// The script ended the runtime (`process.exit`).
    Exited(i32),
    /// The thread panicked.
    Panicked(String),
}

impl End {
    fn error(&self) -> Error {
        match self {
            End::Finished(_) => Error::Closed,
            End::Exited(code) => Error::WorkerExited { code: *code },
            End::Panicked(message) => Error::Panicked(message.clone()),
        }
    }
}

/// What a worker and its calls share.
#[derive(Default)]
pub(crate) struct Shared {
    /// Calls sent and not answered yet.
    pub(crate) in_flight: AtomicUsize,
    end: Mutex<EndState>,
}

#[derive(Default)]
struct EndState {
    end: Option<End>,
    waiters: Vec<Waker>,
}

impl Shared {
    /// Records how the thread ended and wakes the calls waiting for it.
    pub(crate) fn set_end(&self, end: End) {
        let waiters = match self.end.lock() {
            Ok(mut state) => {
                state.end.get_or_insert(end);
                std::mem::take(&mut state.waiters)
            }
            Err(_) => return,
        };
        waiters.into_iter().for_each(Waker::wake);
    }

    /// How the thread ended, if it did.
    pub(crate) fn end(&self) -> Option<End> {
        self.end.lock().ok().and_then(|state| state.end.clone())
    }

    /// The end, or `None` after registering `waker` for it.
    fn end_or_wait(&self, waker: &Waker) -> Option<End> {
        let mut state = self.end.lock().ok()?;
        if state.end.is_none() {
            state.waiters.push(waker.clone());
        }
        state.end.clone()
    }
}

type Outcome = Result<JsValue, Error>;

#[derive(Default)]
struct Slot {
    value: Option<Outcome>,
    abandoned: bool,
    waker: Option<Waker>,
}

/// Sends the answer of one call (from the worker thread).
pub(crate) struct Sender {
    slot: Arc<Mutex<Slot>>,
    shared: Arc<Shared>,
    sent: bool,
}

impl Sender {
    pub(crate) fn send(mut self, outcome: Outcome) {
        self.finish(Some(outcome));
    }

    fn finish(&mut self, outcome: Option<Outcome>) {
        if self.sent {
            return;
        }
        self.sent = true;
        self.shared.in_flight.fetch_sub(1, Ordering::AcqRel);
        let waker = match self.slot.lock() {
            Ok(mut slot) => {
                match outcome {
                    Some(o) => slot.value = Some(o),
                    None => slot.abandoned = true,
                }
                slot.waker.take()
            }
            Err(_) => None,
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        self.finish(None);
    }
}

/// The answer of a [`Worker`](crate::Worker) call: a `Send` future usable
/// from any executor.
///
/// # Errors
///
/// Resolves to the call's error, or to how the worker ended if it ended
/// first: [`Error::WorkerExited`], [`Error::Panicked`], [`Error::Closed`].
#[must_use = "a future does nothing unless awaited"]
pub struct WorkerCall {
    slot: Arc<Mutex<Slot>>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for WorkerCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerCall").finish_non_exhaustive()
    }
}

/// A call's sender and receiver, counted in flight.
pub(crate) fn channel(shared: &Arc<Shared>) -> (Sender, WorkerCall) {
    shared.in_flight.fetch_add(1, Ordering::AcqRel);
    let slot = Arc::new(Mutex::new(Slot::default()));
    let sender = Sender {
        slot: slot.clone(),
        shared: shared.clone(),
        sent: false,
    };
    (
        sender,
        WorkerCall {
            slot,
            shared: shared.clone(),
        },
    )
}

impl Future for WorkerCall {
    type Output = Outcome;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let abandoned = {
            let Ok(mut slot) = self.slot.lock() else {
                return Poll::Ready(Err(Error::Closed));
            };
            if let Some(v) = slot.value.take() {
                return Poll::Ready(v);
            }
            if !slot.abandoned {
                slot.waker = Some(cx.waker().clone());
            }
            slot.abandoned
        };
        if !abandoned {
            return Poll::Pending;
        }
        match self.shared.end_or_wait(cx.waker()) {
            Some(end) => Poll::Ready(Err(end.error())),
            None => Poll::Pending,
        }
    }
}
