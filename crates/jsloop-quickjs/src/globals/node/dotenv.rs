//! The `.env` parser of Node 20 (`util.parseEnv`, and the one
//! `process.loadEnvFile` must use): `KEY=value` lines, `export ` prefixes,
//! `#` comments, single, double (with `\n` expanded) and backtick quotes,
//! values spanning lines inside quotes. Node's quirks are kept: every `\r`
//! is dropped, a line without `=` joins the next key, a line starting with
//! `=` ends the parse, and keys come out in byte order.

use std::collections::BTreeMap;

use rquickjs::{Ctx, Function, Object};

/// `s` without leading and trailing spaces (only U+0020).
fn trim_spaces(s: &str) -> &str {
    s.trim_matches(' ')
}

/// Node's key trimming: a key of spaces only becomes the character before
/// it in the text (Node's string view slides back one character), or "".
fn trim_key(text: &str, start: usize, end: usize) -> &str {
    let key = &text[start..end];
    if key.is_empty() || !key.bytes().all(|b| b == b' ') {
        return trim_spaces(key);
    }
    match text[..start].chars().next_back() {
        Some(c) if c != ' ' => &text[start - c.len_utf8()..start],
        _ => "",
    }
}

/// Parses `.env` text into its variables.
///
/// # Examples
///
/// ```
/// let vars = jsloop_quickjs::parse_env("export A=1\nB=\"x\\ny\" # note\n");
/// assert_eq!(vars["A"], "1");
/// assert_eq!(vars["B"], "x\ny");
/// ```
pub fn parse(input: &str) -> BTreeMap<String, String> {
    let text: String = input.chars().filter(|c| *c != '\r').collect();
    let mut store = BTreeMap::new();
    let trimmed = trim_spaces(&text);
    // The unparsed rest is text[pos..end].
    let mut pos = text.len() - text.trim_start_matches(' ').len();
    let end = pos + trimmed.len();
    while pos < end {
        let content = &text[pos..end];
        // Blank lines and comment lines (the last line has nothing after it).
        if content.starts_with(['\n', '#']) {
            if let Some(n) = content.find('\n') {
                pos += n + 1;
                continue;
            }
        }
        let Some(equal) = content.find('=') else {
            break;
        };
        let mut key = trim_key(&text, pos, pos + equal);
        if key.is_empty() {
            break;
        }
        if let Some(rest) = key.strip_prefix("export ") {
            key = rest;
        }
        let key = key.to_owned();
        pos += equal + 1;
        pos += text[pos..end].len() - text[pos..end].trim_start_matches(' ').len();
        let content = &text[pos..end];
        let Some(quote) = content.chars().next() else {
            store.insert(key, String::new());
            break;
        };
        if matches!(quote, '"' | '\'' | '`') {
            match content[1..].find(quote).map(|i| i + 1) {
                Some(close) => {
                    let inner = &content[1..close];
                    let value = if quote == '"' {
                        inner.replace("\\n", "\n")
                    } else {
                        inner.to_owned()
                    };
                    store.insert(key, value);
                    // Double quotes skip past the newline, the others stop on it.
                    pos = match content[close + 1..].find('\n') {
                        Some(n) if quote == '"' => pos + close + 1 + n + 1,
                        Some(n) => pos + close + 1 + n,
                        None => end,
                    };
                }
                // Unterminated: the rest of the line, quote included; on
                // the last line, nothing, and the parse goes on from the quote.
                None => {
                    if let Some(n) = content.find('\n') {
                        store.insert(key, content[..n].to_owned());
                        pos += n;
                    }
                }
            }
            continue;
        }
        let (line, next) = match content.find('\n') {
            Some(n) => (&content[..n], pos + n),
            None => (content, end),
        };
        let value = line.find('#').map_or(line, |h| &line[..h]);
        store.insert(key, trim_spaces(value).to_owned());
        pos = next;
    }
    store
}

/// `parseEnv(content)`: a plain object of the variables, keys in byte order.
fn parse_env<'js>(ctx: Ctx<'js>, content: String) -> rquickjs::Result<Object<'js>> {
    let out = Object::new(ctx)?;
    for (key, value) in parse(&content) {
        out.set(key, value)?;
    }
    Ok(out)
}

/// Puts `parseEnv(content)` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("parseEnv", Function::new(ctx.clone(), parse_env)?)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn pairs(s: &str) -> Vec<(String, String)> {
        parse(s).into_iter().collect()
    }

    fn kv(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn lines_quotes_and_comments() {
        assert_eq!(
            pairs("export A=1 # c\nB=\"x\\ny\"\nC='a\nb'\nD=`q`"),
            kv(&[("A", "1"), ("B", "x\ny"), ("C", "a\nb"), ("D", "q")])
        );
    }

    #[test]
    fn node_quirks() {
        assert_eq!(pairs("NOEQ\nA=1"), kv(&[("NOEQ\nA", "1")]));
        assert_eq!(pairs("=x\nA=1"), kv(&[]));
        assert_eq!(pairs("A=1\rB=2"), kv(&[("A", "1B=2")]));
        assert_eq!(pairs("A=\"x\nB=2"), kv(&[("A", "\"x"), ("B", "2")]));
        assert_eq!(pairs("A=\"x"), kv(&[]));
        assert_eq!(pairs("A='x' B=2"), kv(&[("A", "x")]));
        assert_eq!(pairs("A=1\n#c=1"), kv(&[("#c", "1"), ("A", "1")]));
        assert_eq!(pairs("n ='x=n#c"), kv(&[("'x", "n")]));
        assert_eq!(pairs("\n =1\nB=2"), kv(&[("\n", "1"), ("B", "2")]));
    }
}
