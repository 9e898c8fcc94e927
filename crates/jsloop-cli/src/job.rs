//! What a run starts on the runtime: a script file, or code from the
//! command line (`[eval]`) or standard input (`[stdin]`), with
//! `process.argv` as node gives it for each.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use jsloop_quickjs::{Error, Runtime};

use crate::args::{Entry, Invocation};

/// Why a run cannot start.
#[derive(Debug, thiserror::Error)]
pub(crate) enum JobError {
    /// `-p` with `--input-type=module` (node's `ERR_EVAL_ESM_CANNOT_PRINT`).
    #[error("--print cannot be used with ESM input")]
    EsmCannotPrint,
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    /// Nothing to run, and standard input is a terminal.
    #[error("no script given (jsloop has no REPL): use jsloop FILE, jsloop -e CODE, or pipe a script to jsloop")]
    NoScript,
}

impl JobError {
    /// The process's exit code for it (node's where node has one).
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            JobError::EsmCannotPrint | JobError::Stdin(_) => 1,
            JobError::NoScript => 9,
        }
    }
}

/// What to start.
#[derive(Debug)]
pub(crate) enum Job {
    /// A file: a script, or an ES module.
    File {
        /// The file as given.
        path: PathBuf,
        /// Run it as an ES module.
        module: bool,
    },
    /// Code not in a file, run as an ES module (`--input-type=module`)
    /// named `name` in the working directory, as node names it.
    Module {
        /// `[eval1]` or `[stdin]`.
        name: &'static str,
        /// The code.
        source: String,
    },
    /// Code not in a file, run as a script named `name`.
    Script {
        /// `[eval]` or `[stdin]`, as in node's stack traces.
        name: &'static str,
        /// The code.
        source: String,
        /// `-p`: print the completion value.
        print: bool,
    },
}

impl Job {
    /// The job of `run`; reads standard input if the code comes from it.
    ///
    /// # Errors
    ///
    /// A [`JobError`].
    pub(crate) fn new(run: &Invocation) -> Result<Job, JobError> {
        let (name, source) = match &run.entry {
            Entry::File(path) => {
                let module = run.module_file || path.extension().is_some_and(|e| e == "mjs");
                return Ok(Job::File {
                    path: path.clone(),
                    module,
                });
            }
            Entry::Eval(code) => ("[eval]", code.clone()),
            Entry::Stdin => {
                let dash = run.args.first().is_some_and(|a| a == "-");
                if !dash && std::io::stdin().is_terminal() {
                    return Err(JobError::NoScript);
                }
                ("[stdin]", String::new())
            }
        };
        if run.module_input && run.print {
            return Err(JobError::EsmCannotPrint);
        }
        let source = if name == "[stdin]" {
            read_stdin().map_err(JobError::Stdin)?
        } else {
            source
        };
        if run.module_input {
            let name = if name == "[eval]" { "[eval1]" } else { name };
            return Ok(Job::Module { name, source });
        }
        Ok(Job::Script {
            name,
            source,
            print: run.print,
        })
    }

    /// `process.argv`: the executable, the script's path for a file, then
    /// the arguments (which start with `-` when it was given).
    pub(crate) fn argv(&self, exe: String, args: &[String]) -> Vec<String> {
        let mut argv = vec![exe];
        if let Job::File { path, .. } = self {
            argv.push(Runtime::script_path(path).display().to_string());
        }
        argv.extend(args.iter().cloned());
        argv
    }

    /// Starts the job on `rt` (then [`Runtime::run`] runs it).
    ///
    /// # Errors
    ///
    /// As [`Runtime::run_file`], [`Runtime::run_module`] and
    /// [`Runtime::run_script`].
    pub(crate) fn start(&self, rt: &Runtime) -> Result<(), Error> {
        match self {
            Job::File { path, module: true } => rt.run_module(path),
            Job::File {
                path,
                module: false,
            } => rt.run_file(path),
            Job::Module { name, source } => {
                let cwd = std::env::current_dir().unwrap_or_default();
                rt.run_module_source(&cwd.join(name).display().to_string(), source)
            }
            Job::Script {
                name,
                source,
                print: false,
            } => rt.run_script(name, source),
            Job::Script {
                name,
                source,
                print: true,
            } => rt.run_script(name, &print_script(source)),
        }
    }
}

/// Standard input as source text (invalid UTF-8 as U+FFFD, a `#!` line
/// blanked so that lines keep their numbers).
fn read_stdin() -> std::io::Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(match text.strip_prefix("#!") {
        Some(rest) => rest.find('\n').map_or("", |i| &rest[i..]).to_string(),
        None => text.to_string(),
    })
}

/// A script that runs `source` as global code and prints its completion
/// value with `console.log` right after, as `node -p` does. Node's `-e`
/// globals (`module`, `exports`, `require`, `__filename`, `__dirname`) are
/// set first.
///
/// The runtime has no call that keeps a script's completion value, so
/// `source` goes through an indirect `eval`: its line and column numbers
/// are its own, but stack traces name it `<input>`.
fn print_script(source: &str) -> String {
    format!(
        "globalThis.module = module; globalThis.exports = exports; globalThis.require = require; \
         globalThis.__filename = __filename; globalThis.__dirname = '.'; \
         console.log((0, eval)({}));",
        js_string(source)
    )
}

/// `text` as a JavaScript string literal.
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_what_javascript_needs() {
        assert_eq!(
            js_string("a\"b\\c\nd\u{2028}\u{1}"),
            r#""a\"b\\c\nd\u2028\u0001""#
        );
    }
}
