//! The errors of the loop's public API.

use std::fmt;

/// A task could not be submitted because the loop has terminated or is
/// shutting down. The task is handed back, unrun.
#[derive(thiserror::Error)]
#[error("event loop is no longer accepting work")]
pub struct SubmitError<T>(pub T);

impl<T> SubmitError<T> {
    /// Returns the task that was not accepted.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for SubmitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubmitError(..)")
    }
}

/// Why a timer or immediate could not be scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// Every id below 2^53 has been handed out; ids are never reused.
    #[error("ids exhausted: no id below 2^53 is left")]
    IdsExhausted,
    /// The loop has terminated or is shutting down.
    #[error("event loop is no longer accepting work")]
    Closed,
}

/// Why [`Handle::call`](crate::Handle::call) returned no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The loop no longer accepts work.
    #[error("event loop is no longer accepting work")]
    Rejected,
    /// The task was dropped unrun (the loop closed) or panicked.
    #[error("task was dropped before it produced a result")]
    Dropped,
}

/// Why [`EventLoop::run`](crate::EventLoop::run) could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// `run` was called from inside one of the loop's own callbacks.
    #[error("event loop is already running")]
    Reentrant,
}
