//! What happens when a callback panics: the loop catches it, drops the
//! callback's bookkeeping, tells a hook, and goes on with the next one.

use std::any::Any;
use std::fmt;

/// Which kind of callback panicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallbackKind {
    /// A one-shot timer.
    Timeout,
    /// A repeating timer (it is cleared by the panic).
    Interval,
    /// An immediate.
    Immediate,
    /// A microtask.
    Microtask,
    /// A nextTick callback.
    NextTick,
    /// A task submitted on the loop thread or through a `Handle`.
    Task,
    /// A close callback.
    Close,
    /// A readiness callback of a registered I/O source.
    Io,
    /// The callback of pool work ([`EventLoop::queue_work`](crate::EventLoop::queue_work)).
    Work,
    /// A signal callback ([`EventLoop::on_signal`](crate::EventLoop::on_signal)).
    Signal,
    /// A function an embedder exposed to an engine on the loop (the
    /// binding catches it and reports it here).
    HostFunction,
}

impl fmt::Display for CallbackKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Timeout => "timeout",
            Self::Interval => "interval",
            Self::Immediate => "immediate",
            Self::Microtask => "microtask",
            Self::NextTick => "next tick",
            Self::Task => "task",
            Self::Close => "close",
            Self::Io => "i/o",
            Self::Work => "work",
            Self::Signal => "signal",
            Self::HostFunction => "host function",
        })
    }
}

/// A caught panic, as given to the panic hook.
pub struct PanicReport {
    /// The kind of callback that panicked.
    pub kind: CallbackKind,
    /// The panic payload, as `catch_unwind` returned it.
    pub payload: Box<dyn Any + Send>,
}

impl PanicReport {
    /// The panic message, when the payload is a string.
    pub fn message(&self) -> Option<&str> {
        self.payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| self.payload.downcast_ref::<String>().map(String::as_str))
    }
}

impl fmt::Debug for PanicReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PanicReport")
            .field("kind", &self.kind)
            .field("message", &self.message())
            .finish()
    }
}

/// The hook called with every caught panic.
pub type PanicHook = Box<dyn Fn(&PanicReport)>;

/// The default hook: one line on stderr.
pub(crate) fn default_hook(report: &PanicReport) {
    eprintln!(
        "jsloop: {} callback panicked: {}",
        report.kind,
        report.message().unwrap_or("(non-string payload)")
    );
}
