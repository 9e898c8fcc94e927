//! Errors of the embedding API.

pub use crate::embed::Exception;

/// Why the runtime could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The QuickJS engine failed (out of memory, a value it cannot make).
    #[error("engine error: {0}")]
    Engine(EngineError),
    /// A script or module file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// JavaScript threw (or a promise rejected); prints as Node prints
    /// the exception.
    #[error("{0}")]
    Exception(Exception),
    /// A value could not be converted between Rust and JavaScript.
    #[error("cannot convert the value: {0}")]
    Convert(#[from] crate::value::ConvertError),
    /// The global called is not a function.
    #[error("{name} is not a function (it is {found})")]
    NotAFunction {
        /// The global's name.
        name: String,
        /// What `typeof` says of it.
        found: &'static str,
    },
    /// [`Runtime::with_bytes`](crate::Runtime::with_bytes) got a value
    /// that holds no bytes.
    #[error("the value is not an ArrayBuffer or typed array (it is {found})")]
    NotBytes {
        /// What `typeof` says of it (`"an object"` for other objects).
        found: &'static str,
    },
    /// A [`Handle`](crate::Handle) was used where it cannot be: it belongs
    /// to another runtime, or its value is not of the kind asked for.
    #[error("the handle cannot be used here: {0}")]
    Handle(&'static str),
    /// The loop ran out of work before the awaited promise settled.
    #[error("the loop ran out of work before the promise settled")]
    Stalled,
    /// The runtime closed (it exited, or was dropped) before the awaited
    /// promise settled.
    #[error("the runtime closed before the promise settled")]
    Closed,
    /// A Rust future driven by the loop panicked.
    #[error("the future panicked: {0}")]
    Panicked(String),
    /// A [`Worker`](crate::Worker)'s script ended its process
    /// (`process.exit`, or an uncaught error) before answering.
    #[error("the worker exited with code {code}")]
    WorkerExited {
        /// The exit code.
        code: i32,
    },
    /// The run ended early (an uncaught error, `process.exit`): nothing
    /// more runs until [`Runtime::run`](crate::Runtime::run) returns its
    /// exit code; for good if `process.exit` closed the runtime.
    #[error("the runtime is exiting")]
    Exiting,
    /// [`Runtime::run`](crate::Runtime::run) was called from inside the
    /// runtime (a host function or a loop callback).
    #[error("the runtime is already running")]
    Reentrant,
}

/// What the engine said when it failed for a reason other than a
/// JavaScript exception.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EngineError(String);

impl Error {
    /// An engine failure, without its internals' types.
    pub(crate) fn engine(e: &rquickjs::Error) -> Self {
        Error::Engine(EngineError(e.to_string()))
    }
}

impl From<rquickjs::Error> for Error {
    fn from(e: rquickjs::Error) -> Self {
        Error::engine(&e)
    }
}

impl From<Exception> for Error {
    fn from(e: Exception) -> Self {
        Error::Exception(e)
    }
}
