//! From the process's arguments and environment to what to do: the
//! options of `JSLOOP_OPTIONS` (from the environment, else from an env
//! file, as node takes `NODE_OPTIONS`), then the command line; the env
//! files' variables go into the environment the runtime copies.

use crate::args::{self, Action, UsageError, ENV_OPTIONS};
use crate::env_file::{self, EnvFileError};

/// Why the command line was refused (exit code 9, as node).
#[derive(Debug, thiserror::Error)]
pub(crate) enum SetupError {
    /// Bad usage.
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// A missing env file.
    #[error(transparent)]
    EnvFile(#[from] EnvFileError),
}

/// What `args` (without the executable) ask for, with the env files'
/// variables set in this process's environment.
///
/// # Errors
///
/// A [`SetupError`].
pub(crate) fn action(args: &[String]) -> Result<Action, SetupError> {
    let first = args::parse(None, args)?;
    let vars = match &first {
        Action::Run(run) => env_file::load(&run.env_files)?,
        Action::Help | Action::Version => Vec::new(),
    };
    let from_file = vars
        .iter()
        .rev()
        .find(|(k, _)| k == ENV_OPTIONS)
        .map(|(_, v)| v.clone());
    let options = std::env::var(ENV_OPTIONS).ok().or(from_file);
    let action = args::parse(options.as_deref(), args)?;
    env_file::apply(&vars);
    Ok(action)
}
