//! Every error type of the crate: the loop's API and its promises.

use std::fmt;

use crate::promise::Reason;

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

/// Why a timer or immediate could not be scheduled; the callback is
/// handed back, unrun (`T = ()` where nothing was handed over).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use jsloop::{EventLoop, ScheduleError};
///
/// let lp = EventLoop::new();
/// lp.close();
/// lp.run().unwrap();
/// let err = lp.set_timeout(Duration::from_millis(1), |_| ()).unwrap_err();
/// assert!(matches!(err, ScheduleError::Closed(_)));
/// let _callback = err.into_inner();
/// ```
#[derive(Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError<T = ()> {
    /// Every id below 2^53 has been handed out; ids are never reused.
    #[error("ids exhausted: no id below 2^53 is left")]
    IdsExhausted(T),
    /// The loop has terminated or is shutting down.
    #[error("event loop is no longer accepting work")]
    Closed(T),
}

impl<T> ScheduleError<T> {
    /// Returns the callback that was not scheduled.
    pub fn into_inner(self) -> T {
        match self {
            Self::IdsExhausted(t) | Self::Closed(t) => t,
        }
    }
}

impl ScheduleError {
    /// The same error, handing back `value`.
    pub(crate) fn with<T>(self, value: T) -> ScheduleError<T> {
        match self {
            Self::IdsExhausted(()) => ScheduleError::IdsExhausted(value),
            Self::Closed(()) => ScheduleError::Closed(value),
        }
    }
}

impl<T> fmt::Debug for ScheduleError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::IdsExhausted(_) => "IdsExhausted(..)",
            Self::Closed(_) => "Closed(..)",
        })
    }
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

/// Why a readiness registration could not be made or changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// No registration has this id (closed, or never made on this loop).
    #[error("no such registration")]
    NotFound,
    /// The loop is shutting down, closing or has terminated.
    #[error("event loop is no longer accepting work")]
    Closed,
    /// The poller refused the source.
    #[error("poller refused the source: {0}")]
    Os(#[from] std::io::Error),
}

/// Why [`EventLoop::run`](crate::EventLoop::run) could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// `run` was called from inside one of the loop's own callbacks.
    #[error("event loop is already running")]
    Reentrant,
}

/// Why [`EventLoop::block_on`](crate::EventLoop::block_on) returned no output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockOnError {
    /// The loop ran out of work while the future was still pending.
    #[error("event loop went idle before the future completed")]
    Stalled,
    /// The loop shut down or closed first.
    #[error("event loop terminated before the future completed")]
    Terminated,
    /// The future panicked; the panic message.
    #[error("future panicked: {0}")]
    Panicked(String),
    /// `block_on` was called from inside a loop callback.
    #[error("event loop is already running")]
    Reentrant,
}

/// Errors the promise machinery itself rejects with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PromiseError {
    /// A promise was resolved with itself.
    #[error("chaining cycle detected for promise")]
    ChainingCycle,
    /// A handler panicked; the message of the panic.
    #[error("handler panicked: {0}")]
    Panicked(String),
    /// A thread-safe resolver was dropped without settling its promise.
    #[error("resolver dropped without settling the promise")]
    ResolverDropped,
}

/// All inputs of [`any`](crate::promise::any) rejected: every reason, in
/// input order.
#[derive(Debug, Clone)]
pub struct AggregateError {
    /// The reasons, in input order.
    pub errors: Vec<Reason>,
}

impl fmt::Display for AggregateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("all promises were rejected")
    }
}

impl std::error::Error for AggregateError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Messages are lowercase, and the core names no JavaScript error
    /// class: mapping to those is the binding's business.
    #[test]
    fn messages_are_lowercase_and_engine_neutral() {
        let messages = [
            SubmitError(()).to_string(),
            ScheduleError::IdsExhausted(()).to_string(),
            ScheduleError::Closed(()).to_string(),
            CallError::Rejected.to_string(),
            CallError::Dropped.to_string(),
            RunError::Reentrant.to_string(),
            IoError::NotFound.to_string(),
            IoError::Closed.to_string(),
            IoError::Os(std::io::Error::other("gone")).to_string(),
            BlockOnError::Stalled.to_string(),
            BlockOnError::Terminated.to_string(),
            BlockOnError::Panicked("boom".into()).to_string(),
            BlockOnError::Reentrant.to_string(),
            PromiseError::ChainingCycle.to_string(),
            PromiseError::Panicked("boom".into()).to_string(),
            PromiseError::ResolverDropped.to_string(),
            AggregateError { errors: Vec::new() }.to_string(),
        ];
        for message in messages {
            assert!(message.starts_with(char::is_lowercase), "{message}");
            assert!(!message.contains("Error"), "{message}");
        }
    }
}
