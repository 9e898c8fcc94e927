//! `--env-file=FILE`: the variables of node 20's `.env` parser
//! ([`jsloop_quickjs::parse_env`]); later files win, and variables already
//! in the environment are never replaced.

use crate::args::EnvFile;

/// Why the env files could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum EnvFileError {
    /// A file given with `--env-file` that cannot be read (node: exit 9).
    #[error("{0}: not found")]
    NotFound(String),
}

/// The variables of `files`, in order, later ones replacing earlier ones.
/// A missing `--env-file-if-exists` file is reported on stderr, as node
/// does, and skipped.
///
/// # Errors
///
/// [`EnvFileError::NotFound`] for a missing `--env-file`.
pub(crate) fn load(files: &[EnvFile]) -> Result<Vec<(String, String)>, EnvFileError> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for file in files {
        let shown = file.path.display().to_string();
        let Ok(bytes) = std::fs::read(&file.path) else {
            if file.optional {
                eprintln!("{shown} not found. Continuing without it.");
                continue;
            }
            return Err(EnvFileError::NotFound(shown));
        };
        for (key, value) in parse(&String::from_utf8_lossy(&bytes)) {
            vars.retain(|(k, _)| *k != key);
            vars.push((key, value));
        }
    }
    Ok(vars)
}

/// Sets `vars` in this process's environment, except those already set.
/// Call it before any other thread starts (the runtime copies the
/// environment when it is built).
pub(crate) fn apply(vars: &[(String, String)]) {
    for (key, value) in vars {
        if !key.is_empty() && !key.contains(['\0', '=']) && std::env::var_os(key).is_none() {
            std::env::set_var(key, value);
        }
    }
}

/// The variables of an env file's text, as node's parser reads them
/// (one parser for `--env-file`, `util.parseEnv` and
/// `process.loadEnvFile`: [`jsloop_quickjs::parse_env`]).
pub(crate) fn parse(text: &str) -> Vec<(String, String)> {
    jsloop_quickjs::parse_env(text).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, key: &str) -> Option<String> {
        parse(text)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    // Each expectation is what `node --env-file=F -p 'process.env.K'`
    // (v20.20.2) gave for the same file.
    #[test]
    fn node_20_reads_these_lines_so() {
        let text =
            "# comment\nA=1\nexport B=two\nC='single # not comment'\nD=\"double\\nnewline\"\n\
                    E=unquoted # trailing comment\n  F  =  spaced  \nG=`back`\nH=\"multi\nline\"\n\
                    I=\nJ\nK=a=b\nL=\"unterminated\nM=after\n";
        assert_eq!(get(text, "A").as_deref(), Some("1"));
        assert_eq!(get(text, "B").as_deref(), Some("two"));
        assert_eq!(get(text, "C").as_deref(), Some("single # not comment"));
        assert_eq!(get(text, "D").as_deref(), Some("double\nnewline"));
        assert_eq!(get(text, "E").as_deref(), Some("unquoted"));
        assert_eq!(get(text, "F").as_deref(), Some("spaced"));
        assert_eq!(get(text, "G").as_deref(), Some("back"));
        assert_eq!(get(text, "H").as_deref(), Some("multi\nline"));
        assert_eq!(get(text, "I").as_deref(), Some(""));
        assert_eq!(get(text, "J"), None);
        assert_eq!(get(text, "K"), None);
        assert_eq!(get(text, "L").as_deref(), Some("\"unterminated"));
        assert_eq!(get(text, "M").as_deref(), Some("after"));
    }

    #[test]
    fn node_20_quirks() {
        let text = "A=first\nA=second\nN='it''s'\nO=\"a \\\"q\\\" b\"\nP=x\\ny\nexport   Q = q\n\
                    R=\"  padded  \"\n#S=commented\nT='multi\nsingle'\n";
        assert_eq!(get(text, "A").as_deref(), Some("second"));
        assert_eq!(get(text, "N").as_deref(), Some("it"));
        assert_eq!(get(text, "O").as_deref(), Some("a \\"));
        assert_eq!(get(text, "P").as_deref(), Some("x\\ny"));
        assert_eq!(get(text, "Q"), None);
        assert_eq!(get(text, "R").as_deref(), Some("  padded  "));
        assert_eq!(get(text, "S"), None);
        assert_eq!(get(text, "T").as_deref(), Some("multi\nsingle"));
    }
}
