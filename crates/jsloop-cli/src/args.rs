//! The command line, parsed as node 20 parses its own: options up to the
//! first positional argument (the script, or `-` for standard input), then
//! everything after it goes to the script's `process.argv`. `JSLOOP_OPTIONS`
//! is read as node reads `NODE_OPTIONS`: its options come first, and only
//! the options allowed there may appear in it.
//!
//! `run` and `eval` as the first positional argument are jsloop's own
//! subcommands: `jsloop run [--module] FILE [ARGS]`, `jsloop eval CODE`.

use std::path::PathBuf;

/// The environment variable read as node reads `NODE_OPTIONS`.
pub(crate) const ENV_OPTIONS: &str = "JSLOOP_OPTIONS";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub(crate) enum Action {
    /// Print the usage.
    Help,
    /// Print the version.
    Version,
    /// Run JavaScript.
    Run(Invocation),
}

/// A run: where the code comes from, the options, and the script's arguments.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Invocation {
    /// Where the code comes from.
    pub(crate) entry: Entry,
    /// Print the completion value (`-p`).
    pub(crate) print: bool,
    /// `--input-type=module`: string and stdin input is an ES module.
    pub(crate) module_input: bool,
    /// `--module` (jsloop's own): the file is an ES module.
    pub(crate) module_file: bool,
    /// `--env-file`/`--env-file-if-exists`, in order.
    pub(crate) env_files: Vec<EnvFile>,
    /// `--max-old-space-size`, in MiB.
    pub(crate) max_old_space_size: Option<u64>,
    /// `-r`/`--require` preloads, in order.
    pub(crate) preloads: Vec<String>,
    /// `--import` preloads, in order (after the `-r` ones, as node).
    pub(crate) imports: Vec<String>,
    /// What the script sees in `process.argv` after the executable (and
    /// the script's path, for a file).
    pub(crate) args: Vec<String>,
}

/// Where the code comes from.
#[derive(Debug, Default, PartialEq)]
pub(crate) enum Entry {
    /// A script file.
    File(PathBuf),
    /// `-e`/`-p`/`jsloop eval`: code on the command line.
    Eval(String),
    /// Standard input: `-`, or no script at all.
    #[default]
    Stdin,
}

/// An `--env-file` option.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnvFile {
    /// The file.
    pub(crate) path: PathBuf,
    /// `--env-file-if-exists`: a missing file is only a warning.
    pub(crate) optional: bool,
}

/// Why the command line was refused (node exits 9 for all of these).
#[derive(Debug, PartialEq, thiserror::Error)]
pub(crate) enum UsageError {
    /// An option jsloop does not know.
    #[error("bad option: {0}")]
    BadOption(String),
    /// An option without its value.
    #[error("{0} requires an argument")]
    MissingValue(String),
    /// An option `JSLOOP_OPTIONS` may not hold.
    #[error("{0} is not allowed in {ENV_OPTIONS}")]
    NotAllowedInEnv(String),
    /// A `"` in `JSLOOP_OPTIONS` that is never closed.
    #[error("invalid value for {ENV_OPTIONS} (unterminated string)")]
    UnterminatedString,
    /// A `\` ending `JSLOOP_OPTIONS` inside a string.
    #[error("invalid value for {ENV_OPTIONS} (invalid escape)")]
    InvalidEscape,
    /// `--input-type` other than `module` or `commonjs`.
    #[error("--input-type must be \"module\" or \"commonjs\"")]
    InputType,
    /// `--max-old-space-size` that is not a number of MiB.
    #[error("illegal value for flag {flag}: {value}")]
    HeapSize {
        /// The option as given.
        flag: String,
        /// Its value.
        value: String,
    },
}

/// Parses the command line (without the executable) after the options of
/// `JSLOOP_OPTIONS` (`env`), as node does with `NODE_OPTIONS`.
///
/// # Errors
///
/// The [`UsageError`] node would exit 9 for.
pub(crate) fn parse(env: Option<&str>, args: &[String]) -> Result<Action, UsageError> {
    let mut parser = Parser::default();
    if let Some(env) = env {
        let tokens = split_env_options(env)?;
        let mut tokens = tokens.iter().peekable();
        while let Some(token) = tokens.next() {
            parser.option(token, &mut tokens, true)?;
        }
    }
    parser.command_line(args)
}

/// `JSLOOP_OPTIONS` split into arguments as node splits `NODE_OPTIONS`:
/// at spaces, except inside `"…"`, where `\` escapes the next character.
///
/// # Errors
///
/// [`UsageError::UnterminatedString`], [`UsageError::InvalidEscape`].
pub(crate) fn split_env_options(text: &str) -> Result<Vec<String>, UsageError> {
    let mut out: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut fresh = true;
    let mut chars = text.chars();
    while let Some(mut c) = chars.next() {
        if c == '\\' && quoted {
            c = chars.next().ok_or(UsageError::InvalidEscape)?;
        } else if c == ' ' && !quoted {
            fresh = true;
            continue;
        } else if c == '"' {
            quoted = !quoted;
            continue;
        }
        match out.last_mut() {
            Some(last) if !fresh => last.push(c),
            _ => out.push(c.to_string()),
        }
        fresh = false;
    }
    if quoted {
        return Err(UsageError::UnterminatedString);
    }
    Ok(out)
}

/// The arguments left to parse.
type Tokens<'a> = std::iter::Peekable<std::slice::Iter<'a, String>>;

/// The options seen so far.
#[derive(Debug, Default)]
struct Parser {
    run: Invocation,
    eval: Option<String>,
    help: bool,
    version: bool,
}

impl Parser {
    fn command_line(mut self, args: &[String]) -> Result<Action, UsageError> {
        let mut tokens = args.iter().peekable();
        let mut subcommand = None;
        let mut positional = None;
        while let Some(token) = tokens.next() {
            if token == "--" {
                positional = tokens.next().cloned();
                break;
            }
            if token.starts_with('-') && token != "-" {
                self.option(token, &mut tokens, false)?;
                continue;
            }
            if subcommand.is_none() && self.eval.is_none() && (token == "run" || token == "eval") {
                subcommand = Some(token.clone());
                continue;
            }
            positional = Some(token.clone());
            break;
        }
        let rest: Vec<String> = tokens.cloned().collect();
        if self.help {
            return Ok(Action::Help);
        }
        if self.version {
            return Ok(Action::Version);
        }
        let mut run = self.run;
        run.entry = match (subcommand.as_deref(), self.eval, positional) {
            (Some("eval"), None, Some(code)) => {
                run.args = rest;
                Entry::Eval(code)
            }
            (Some("eval"), None, None) => return Err(UsageError::MissingValue("eval".into())),
            (Some("run"), None, None) => return Err(UsageError::MissingValue("run".into())),
            (_, Some(code), positional) => {
                run.args = positional.into_iter().chain(rest).collect();
                Entry::Eval(code)
            }
            (_, None, Some(dash)) if dash == "-" => {
                run.args = std::iter::once(dash).chain(rest).collect();
                Entry::Stdin
            }
            (_, None, Some(file)) => {
                run.args = rest;
                Entry::File(PathBuf::from(file))
            }
            (_, None, None) => Entry::Stdin,
        };
        Ok(Action::Run(run))
    }

    /// One option (`token`), taking its value from `rest` when it needs
    /// one; `env`: it comes from `JSLOOP_OPTIONS`.
    fn option(&mut self, token: &str, rest: &mut Tokens<'_>, env: bool) -> Result<(), UsageError> {
        let (name, inline) = match token.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (token, None),
        };
        let shown = if inline.is_some() {
            format!("{name}=")
        } else {
            name.to_string()
        };
        let allowed_in_env = matches!(
            name,
            "--input-type" | "--max-old-space-size" | "--max_old_space_size"
        );
        if env && !allowed_in_env {
            return Err(UsageError::NotAllowedInEnv(shown));
        }
        let value = |rest: &mut Tokens<'_>| {
            inline
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| UsageError::MissingValue(name.to_string()))
        };
        match name {
            "-e" | "--eval" => self.eval = Some(value(rest)?),
            "-pe" => {
                self.run.print = true;
                self.eval = Some(value(rest)?);
            }
            "-p" | "--print" => {
                self.run.print = true;
                if inline.is_none() && rest.peek().is_some_and(|next| !next.starts_with('-')) {
                    self.eval = rest.next().cloned();
                }
            }
            "--input-type" => {
                self.run.module_input = match value(rest)?.as_str() {
                    "module" => true,
                    "commonjs" => false,
                    _ => return Err(UsageError::InputType),
                }
            }
            "--env-file" | "--env-file-if-exists" => self.run.env_files.push(EnvFile {
                path: PathBuf::from(value(rest)?),
                optional: name == "--env-file-if-exists",
            }),
            "--max-old-space-size" | "--max_old_space_size" => {
                let v = value(rest)?;
                let mb = v.parse().map_err(|_| UsageError::HeapSize {
                    flag: name.to_string(),
                    value: v.clone(),
                })?;
                self.run.max_old_space_size = Some(mb);
            }
            "--module" => self.run.module_file = true,
            "-h" | "--help" => self.help = true,
            "-v" | "--version" => self.version = true,
            "-r" | "--require" => {
                let v = value(rest)?;
                self.run.preloads.push(v);
            }
            "--import" => {
                let v = value(rest)?;
                self.run.imports.push(v);
            }
            _ => return Err(UsageError::BadOption(token.to_string())),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(env: Option<&str>, args: &[&str]) -> Result<Invocation, UsageError> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(env, &args)? {
            Action::Run(run) => Ok(run),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn print_takes_the_next_argument_as_code_unless_it_is_an_option() {
        let r = run(None, &["-p", "1+1", "a"]).unwrap();
        assert_eq!(
            (r.entry, r.print, r.args),
            (Entry::Eval("1+1".into()), true, vec!["a".into()])
        );
        let r = run(None, &["-p", "-", "a"]).unwrap();
        assert_eq!(
            (r.entry, r.print, r.args),
            (Entry::Stdin, true, vec!["-".into(), "a".into()])
        );
        let r = run(None, &["-p", "-e", "2"]).unwrap();
        assert_eq!((r.entry, r.print), (Entry::Eval("2".into()), true));
    }

    #[test]
    fn options_end_at_the_first_positional_argument() {
        let r = run(None, &["-e", "x", "a", "--foo"]).unwrap();
        assert_eq!(r.args, ["a", "--foo"]);
        let r = run(None, &["f.js", "-e", "x"]).unwrap();
        assert_eq!(
            (r.entry, r.args),
            (Entry::File("f.js".into()), vec!["-e".into(), "x".into()])
        );
        let r = run(None, &["--", "-e"]).unwrap();
        assert_eq!(r.entry, Entry::File("-e".into()));
        let r = run(None, &["-e", "x", "--", "a"]).unwrap();
        assert_eq!(r.args, ["a"]);
        assert_eq!(
            run(None, &["-e", "1", "--foo"]),
            Err(UsageError::BadOption("--foo".into()))
        );
    }

    #[test]
    fn the_last_eval_wins() {
        let r = run(None, &["-e", "1", "--eval=2"]).unwrap();
        assert_eq!(r.entry, Entry::Eval("2".into()));
    }

    #[test]
    fn subcommands_stay() {
        let r = run(
            None,
            &["run", "--module", "--max-old-space-size=16", "f", "a"],
        )
        .unwrap();
        assert_eq!(r.entry, Entry::File("f".into()));
        assert!(r.module_file);
        assert_eq!(r.max_old_space_size, Some(16));
        assert_eq!(r.args, ["a"]);
        let r = run(None, &["eval", "--max_old_space_size", "8", "code"]).unwrap();
        assert_eq!(
            (r.entry, r.max_old_space_size),
            (Entry::Eval("code".into()), Some(8))
        );
    }

    #[test]
    fn env_options_come_first_and_only_allowed_ones() {
        let r = run(
            Some("--max-old-space-size=8"),
            &["--max-old-space-size=9", "f"],
        )
        .unwrap();
        assert_eq!(r.max_old_space_size, Some(9));
        let r = run(Some("--input-type=module"), &["-e", "1"]).unwrap();
        assert!(r.module_input);
        assert_eq!(
            run(Some("-e 1"), &[]),
            Err(UsageError::NotAllowedInEnv("-e".into()))
        );
        assert_eq!(
            run(Some("--env-file=x"), &[]),
            Err(UsageError::NotAllowedInEnv("--env-file=".into()))
        );
    }

    #[test]
    fn env_options_split_as_node_options() {
        assert_eq!(
            split_env_options("  a \"b c\"d \"e\\\"f\"").unwrap(),
            ["a", "b cd", "e\"f"]
        );
        assert_eq!(
            split_env_options("\"a"),
            Err(UsageError::UnterminatedString)
        );
        assert_eq!(split_env_options("\"a\\"), Err(UsageError::InvalidEscape));
    }
}
