//! `--env-file=FILE`: `KEY=VALUE` lines read as node 20 reads them
//! (`src/node_dotenv.cc`, the parser without a regular expression).
//!
//! Blank lines and `#` lines are skipped; a line without `=` is skipped
//! up to the next `=` (so it swallows the following key, as in node);
//! `export ` before a key is dropped; a value in `"…"` may span lines and
//! has `\n` expanded, one in `'…'` or `` `…` `` is taken as it is, an
//! unquoted one ends at `#` and is trimmed; a quote never closed keeps
//! the rest of the line, quote included. Later keys win; variables
//! already in the environment are never replaced.

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

/// The `KEY=VALUE` pairs of an env file's text, in file order (a repeated
/// key appears again; the last one wins).
pub(crate) fn parse(text: &str) -> Vec<(String, String)> {
    let text = text.replace('\r', "");
    let mut out = Vec::new();
    let mut content = trim_spaces(&text);
    while !content.is_empty() {
        if content.starts_with(['\n', '#']) {
            if let Some(newline) = content.find('\n') {
                content = &content[newline + 1..];
                continue;
            }
        }
        let Some(equal) = content.find('=') else {
            content = after_newline(content, 0);
            continue;
        };
        let mut key = trim_spaces(&content[..equal]);
        content = trim_spaces(&content[equal + 1..]);
        if key.is_empty() {
            break;
        }
        if let Some(rest) = key.strip_prefix("export ") {
            key = rest;
        }
        let key = key.to_string();
        let Some(first) = content.chars().next() else {
            out.push((key, String::new()));
            break;
        };
        if matches!(first, '"' | '\'' | '`') {
            match content[1..].find(first).map(|i| i + 1) {
                Some(close) => {
                    let inner = &content[1..close];
                    let value = if first == '"' {
                        inner.replace("\\n", "\n")
                    } else {
                        inner.to_string()
                    };
                    out.push((key, value));
                    content = after_newline(content, close + 1);
                }
                // Never closed: the rest of the line, quote included; on
                // the last line node keeps nothing and reads on from the quote.
                None => {
                    if let Some(newline) = content.find('\n') {
                        out.push((key, content[..newline].to_string()));
                        content = &content[newline + 1..];
                    }
                }
            }
            continue;
        }
        let line_end = content.find('\n').unwrap_or(content.len());
        let line = &content[..line_end];
        let value = line.find('#').map_or(line, |hash| &line[..hash]);
        out.push((key, trim_spaces(value).to_string()));
        content = after_newline(content, 0);
    }
    out
}

/// `text` without its leading and trailing spaces (spaces only, as node).
fn trim_spaces(text: &str) -> &str {
    text.trim_matches(' ')
}

/// What follows the first newline at or after `from` (nothing if none).
fn after_newline(content: &str, from: usize) -> &str {
    content[from..]
        .find('\n')
        .map_or("", |i| &content[from + i + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, key: &str) -> Option<String> {
        parse(text)
            .into_iter()
            .rev()
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
