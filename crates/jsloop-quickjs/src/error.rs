//! Errors of the embedding API.

/// Why the runtime could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The QuickJS engine reported an error (out of memory, bad value).
    #[error("engine error: {0}")]
    Engine(#[from] rquickjs::Error),
    /// A script or module file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// JavaScript threw; the printed form of the exception.
    #[error("uncaught exception: {0}")]
    Exception(String),
    /// A value could not be converted between Rust and JavaScript.
    #[error("cannot convert the value: {0}")]
    Convert(#[from] crate::value::ConvertError),
    /// The runtime is exiting (`process.exit` ran); nothing more runs.
    #[error("the runtime is exiting")]
    Exiting,
    /// [`Runtime::run`](crate::Runtime::run) was called from inside the
    /// runtime (a host function or a loop callback).
    #[error("the runtime is already running")]
    Reentrant,
}
