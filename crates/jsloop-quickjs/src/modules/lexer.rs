//! The names a CommonJS module exports, found statically as Node's
//! cjs-module-lexer finds them for `import` (a subset of its rules):
//! `exports.x =`, `module.exports.x =`, `exports['x'] =`,
//! `Object.defineProperty(exports, 'x', …)` and the keys of a
//! `module.exports = { … }` object literal. Names found at run time are
//! not exports, as in Node.

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
            if before.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
                continue;
            }
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
            let after = rest[name.len()..].trim_start();
            if !name.is_empty() && after.starts_with('=') && !after.starts_with("==") {
                add(&name);
            }
        }
    }
    for prefix in ["exports['", "exports[\"", "Object.defineProperty(exports, '", "Object.defineProperty(exports, \"", "Object.defineProperty(module.exports, '", "Object.defineProperty(module.exports, \""] {
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

/// The top-level keys of an object literal's body (up to its closing brace).
fn literal_keys(body: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut at_key = true;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' | '[' | '(' => {
                depth += 1;
                at_key = false;
            }
            '}' | ']' | ')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            ',' if depth == 0 => at_key = true,
            '\'' | '"' | '`' => {
                let end = body[i + 1..].find(c).map_or(body.len(), |e| i + 1 + e);
                if at_key && depth == 0 && c != '`' {
                    keys.push(body[i + 1..end].to_owned());
                    at_key = false;
                }
                while chars.peek().is_some_and(|(j, _)| *j <= end) {
                    chars.next();
                }
            }
            c if at_key && depth == 0 && (c.is_alphabetic() || c == '_' || c == '$') => {
                let name: String = body[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
                let len = name.len();
                if !(name == "get" || name == "set" || name == "async") || body[i + len..].trim_start().starts_with([':', ',', '(', '}']) {
                    keys.push(name);
                    at_key = false;
                }
                for _ in 1..len {
                    chars.next();
                }
            }
            '.' if at_key && depth == 0 => at_key = false,
            _ => {}
        }
    }
    keys
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
    fn finds_the_keys_of_an_exported_object_literal() {
        let src = "module.exports = { one, two: 2, 'three': 3, four() {}, five: { nested: 1 }, ...rest };";
        assert_eq!(exports(src), ["one", "two", "three", "four", "five"]);
    }
}
