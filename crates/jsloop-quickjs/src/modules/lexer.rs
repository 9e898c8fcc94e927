//! The names a CommonJS module exports, found statically as Node's
//! cjs-module-lexer finds them for `import` (a subset of its rules):
//! `exports.x =`, `module.exports.x =`, `exports['x'] =`,
//! `Object.defineProperty(exports, 'x', …)` and the keys of a
//! `module.exports = { … }` object literal. Names found at run time are
//! not exports, as in Node.

/// Whether `source` has ES module syntax, as Node's detection looks for
/// it in a file no `"type"` claims: an `import` or `export` statement at
/// the start of a line, or `import.meta`.
pub(crate) fn has_module_syntax(source: &str) -> bool {
    source.contains("import.meta")
        || source.lines().any(|line| {
            let line = line.trim_start();
            let statement = |kw: &str| {
                line.strip_prefix(kw)
                    .is_some_and(|rest| rest.starts_with([' ', '{', '*', '"', '\'', '\t']))
            };
            (statement("import") && !line.starts_with("import(")) || statement("export")
        })
}

/// The specifiers a CommonJS module re-exports whole, as cjs-module-lexer
/// detects them: `module.exports = require('x')` and the transpilers'
/// `__exportStar(require('x'))` / `__export(require('x'))`.
pub(crate) fn reexports(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in [
        "module.exports = require(",
        "module.exports=require(",
        "__exportStar(require(",
        "__export(require(",
    ] {
        let mut rest = source;
        while let Some(at) = rest.find(prefix) {
            rest = &rest[at + prefix.len()..];
            let Some(q) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else {
                continue;
            };
            if let Some(end) = rest[1..].find(q) {
                let spec = rest[1..1 + end].to_owned();
                if !out.contains(&spec) {
                    out.push(spec);
                }
            }
        }
    }
    out
}

/// The detected export names, in first-seen order, without duplicates.
pub(crate) fn exports(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |n: &str| {
        if is_identifier_or_string(n) && !names.iter().any(|m: &String| m == n) {
            names.push(n.to_owned());
        }
    };
    for prefix in ["module.exports.", "exports."] {
        let mut rest = source;
        while let Some(at) = rest.find(prefix) {
            let before = &rest[..at];
            rest = &rest[at + prefix.len()..];
            if prefix == "exports." && before.ends_with("module.") {
                continue;
            }
            if before
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.')
            {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            let after = rest[name.len()..].trim_start();
            if !name.is_empty() && after.starts_with('=') && !after.starts_with("==") {
                add(&name);
            }
        }
    }
    for prefix in [
        "exports['",
        "exports[\"",
        "Object.defineProperty(exports, '",
        "Object.defineProperty(exports, \"",
        "Object.defineProperty(module.exports, '",
        "Object.defineProperty(module.exports, \"",
    ] {
        let quote = prefix.chars().last().unwrap_or('\'');
        let mut rest = source;
        while let Some(at) = rest.find(prefix) {
            rest = &rest[at + prefix.len()..];
            if let Some(end) = rest.find(quote) {
                add(&rest[..end]);
            }
        }
    }
    let mut rest = source;
    while let Some(at) = rest.find("module.exports") {
        rest = &rest[at + "module.exports".len()..];
        let after = rest.trim_start();
        let Some(obj) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if let Some(body) = obj.strip_prefix('{') {
            for key in literal_keys(body) {
                add(&key);
            }
        }
    }
    names
}

/// The keys of a `module.exports = { … }` literal, as cjs-module-lexer
/// reads them: `a` (shorthand), `a: b` and `'a': b` with a value that
/// starts with an identifier (`a: b.c(…)` exports `a`, then the scan
/// stops), spreads skipped; any other value ends the detection.
fn literal_keys(body: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("...") {
            let ident = identifier(after);
            if ident.is_empty() {
                break;
            }
            rest = after[ident.len()..].trim_start();
        } else {
            let (key, after) =
                if let Some(q) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') {
                    let Some(end) = rest[1..].find(q) else { break };
                    (rest[1..1 + end].to_owned(), &rest[end + 2..])
                } else {
                    let ident = identifier(rest);
                    if ident.is_empty() {
                        break;
                    }
                    (ident.to_owned(), &rest[ident.len()..])
                };
            let after = after.trim_start();
            if after.starts_with(',') || after.starts_with('}') {
                keys.push(key);
                rest = after;
            } else if let Some(value) = after.strip_prefix(':') {
                let value = value.trim_start();
                let ident = identifier(value);
                if ident.is_empty() {
                    break;
                }
                // A value that starts with an identifier exports the key;
                // anything after the identifier but `,`/`}` ends the scan.
                keys.push(key);
                let next = value[ident.len()..].trim_start();
                if !(next.starts_with(',') || next.starts_with('}')) {
                    break;
                }
                rest = next;
            } else {
                break;
            }
        }
        match rest.strip_prefix(',') {
            Some(r) => rest = r,
            None => break,
        }
    }
    keys
}

/// The identifier at the start of `s` (empty if none).
fn identifier(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(i, c)| {
            !(c.is_alphanumeric() || *c == '_' || *c == '$') || (*i == 0 && c.is_ascii_digit())
        })
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn is_identifier_or_string(n: &str) -> bool {
    !n.is_empty() && !n.contains(['\n', '\\'])
}

#[cfg(test)]
mod tests {
    use super::exports;

    #[test]
    fn finds_the_static_export_forms() {
        let src = "exports.a = 1; module.exports.b = 2; exports['c'] = 3;
            Object.defineProperty(exports, '__esModule', { value: true });
            if (x) exports.d == 4; const e = {}; e.exports.f = 5;";
        assert_eq!(exports(src), ["b", "a", "c", "__esModule"]);
    }

    #[test]
    fn detects_module_syntax_at_line_starts() {
        assert!(super::has_module_syntax("import x from 'y';"));
        assert!(super::has_module_syntax("  export const a = 1;"));
        assert!(super::has_module_syntax("console.log(import.meta.url)"));
        assert!(!super::has_module_syntax(
            "const m = await import('x');\nimport('y');"
        ));
        assert!(!super::has_module_syntax(
            "// import nothing\nrequire('x');"
        ));
    }

    #[test]
    fn finds_whole_reexports() {
        let src = "module.exports = require('./lib');\n__exportStar(require(\"./more\"), exports);";
        assert_eq!(super::reexports(src), ["./lib", "./more"]);
    }

    #[test]
    fn finds_the_keys_of_an_exported_object_literal() {
        let src = "module.exports = { one, ...rest, two: two, 'three': three, four: require('x'), five };";
        assert_eq!(exports(src), ["one", "two", "three", "four"]);
        assert_eq!(exports("module.exports = { a: b.c(), d };"), ["a"]);
        // A value that is not an identifier ends the detection (as Node).
        assert_eq!(exports("module.exports = { a, b: 2, c };"), ["a"]);
    }
}
