//! Engine strings to Rust strings without failing on lone surrogates.

use rquickjs::{qjs, Ctx, Value};

/// `value` converted with `String(value)` semantics for strings only: a
/// string's UTF-16 with each lone surrogate replaced by U+FFFD, as Node
/// prints it; `None` for a non-string.
pub(crate) fn to_string_lossy(ctx: &Ctx<'_>, value: &Value<'_>) -> Option<String> {
    if !value.is_string() {
        return None;
    }
    let raw = ctx.as_raw().as_ptr();
    let mut len = 0;
    // SAFETY: `raw` is live and locked, `value` a live string of it; the
    // returned buffer holds `len` bytes until JS_FreeCString.
    unsafe {
        let p = qjs::JS_ToCStringLen2(raw, &mut len, value.as_raw(), false);
        if p.is_null() {
            qjs::JS_FreeValue(raw, qjs::JS_GetException(raw));
            return None;
        }
        let bytes = std::slice::from_raw_parts(p.cast::<u8>(), len as usize);
        let s = from_wtf8_lossy(bytes);
        qjs::JS_FreeCString(raw, p);
        Some(s)
    }
}

/// Decodes the engine's WTF-8 (UTF-8 that may encode lone surrogates as
/// three bytes `ED A0..BF xx`): one U+FFFD per lone surrogate, and the
/// WHATWG replacement for any other invalid byte.
pub(crate) fn from_wtf8_lossy(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let surrogate = after.len() >= 3
                    && after[0] == 0xED
                    && (0xA0..=0xBF).contains(&after[1])
                    && (0x80..=0xBF).contains(&after[2]);
                let skip = if surrogate {
                    3
                } else {
                    e.error_len().unwrap_or(after.len())
                };
                out.push('\u{FFFD}');
                rest = &after[skip..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::from_wtf8_lossy;

    #[test]
    fn one_replacement_per_lone_surrogate() {
        // "a" + lone high surrogate D83D + "b" + lone low surrogate DE00.
        let bytes = b"a\xED\xA0\xBDb\xED\xB8\x80";
        assert_eq!(from_wtf8_lossy(bytes), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(from_wtf8_lossy("é😀".as_bytes()), "é😀");
        assert_eq!(from_wtf8_lossy(b"x\xFFy"), "x\u{FFFD}y");
    }
}
