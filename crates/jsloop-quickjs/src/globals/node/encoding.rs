//! The byte work of `TextEncoder` and `TextDecoder` (`js/encoding.js`):
//! UTF-8 through `std` (whose `Utf8Error` gives the WHATWG "maximal
//! subpart" replacement), UTF-16 and Latin-1 by hand.

use rquickjs::{Array, Ctx, Function, Object, TypedArray, Value};

/// What a decode produced: the text (`None`: invalid data under `fatal`)
/// and how many trailing bytes wait for the next chunk.
#[derive(Debug, PartialEq)]
struct Decoded {
    text: Option<String>,
    kept: usize,
}

/// Decodes UTF-8; with `stream`, an incomplete sequence at the end is kept.
fn utf8(bytes: &[u8], fatal: bool, stream: bool) -> Decoded {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return Decoded {
                    text: Some(out),
                    kept: 0,
                };
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                match e.error_len() {
                    None if stream => {
                        return Decoded {
                            text: Some(out),
                            kept: bad.len(),
                        };
                    }
                    _ if fatal => {
                        return Decoded {
                            text: None,
                            kept: 0,
                        }
                    }
                    None => {
                        out.push('\u{FFFD}');
                        return Decoded {
                            text: Some(out),
                            kept: 0,
                        };
                    }
                    Some(n) => {
                        out.push('\u{FFFD}');
                        rest = &bad[n..];
                    }
                }
            }
        }
    }
}

/// Decodes UTF-16 (little-endian unless `be`); with `stream`, an odd byte
/// or a lead surrogate at the end is kept.
fn utf16(bytes: &[u8], be: bool, fatal: bool, stream: bool) -> Decoded {
    let mut units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        })
        .collect();
    let mut kept = bytes.len() % 2;
    if stream && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
        units.pop();
        kept += 2;
    }
    let mut out = String::with_capacity(units.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) if fatal => {
                return Decoded {
                    text: None,
                    kept: 0,
                }
            }
            Err(_) => out.push('\u{FFFD}'),
        }
    }
    if kept % 2 == 1 && !stream {
        if fatal {
            return Decoded {
                text: None,
                kept: 0,
            };
        }
        out.push('\u{FFFD}');
        kept = 0;
    }
    Decoded {
        text: Some(out),
        kept,
    }
}

/// Decodes the WHATWG label family `windows-1252` as node 20 does: each
/// byte is the code point of the same value (ISO-8859-1, never invalid).
fn latin1(bytes: &[u8]) -> Decoded {
    let text = bytes.iter().map(|&b| char::from(b)).collect();
    Decoded {
        text: Some(text),
        kept: 0,
    }
}

/// `decode(encoding, bytes, fatal, stream)`: `[text, kept]`, `text` null
/// for invalid data under `fatal`.
fn decode<'js>(
    ctx: Ctx<'js>,
    encoding: String,
    bytes: TypedArray<'js, u8>,
    fatal: bool,
    stream: bool,
) -> rquickjs::Result<Array<'js>> {
    // SAFETY: no JavaScript runs while `data` is borrowed (the decoders
    // are plain Rust); a detached buffer reads as empty.
    let data: &[u8] = unsafe { bytes.as_bytes() }.unwrap_or_default();
    let d = match encoding.as_str() {
        "utf-16le" => utf16(data, false, fatal, stream),
        "utf-16be" => utf16(data, true, fatal, stream),
        "windows-1252" => latin1(data),
        _ => utf8(data, fatal, stream),
    };
    let arr = Array::new(ctx.clone())?;
    match d.text {
        Some(t) => arr.set(0, t)?,
        None => arr.set(0, Value::new_null(ctx))?,
    }
    arr.set(1, d.kept)?;
    Ok(arr)
}

/// The UTF-8 bytes of a string (lone surrogates as U+FFFD).
fn encode<'js>(ctx: Ctx<'js>, s: Value<'js>) -> rquickjs::Result<TypedArray<'js, u8>> {
    let s = crate::ffi::to_string_lossy(&ctx, &s).unwrap_or_default();
    TypedArray::new(ctx, s.into_bytes())
}

/// The longest prefix of `s` whose UTF-8 fits in `cap` bytes, whole
/// characters only, with the UTF-16 units it covers.
fn fitting(s: &str, cap: usize) -> (&str, usize) {
    let mut end = 0;
    let mut read = 0;
    for c in s.chars() {
        if end + c.len_utf8() > cap {
            break;
        }
        end += c.len_utf8();
        read += c.len_utf16();
    }
    (&s[..end], read)
}

/// `encodeInto(string, capacity)`: `[bytes, read]`.
fn encode_into<'js>(ctx: Ctx<'js>, s: Value<'js>, cap: f64) -> rquickjs::Result<Array<'js>> {
    let s = crate::ffi::to_string_lossy(&ctx, &s).unwrap_or_default();
    let cap = if cap.is_finite() && cap > 0.0 {
        cap as usize
    } else {
        0
    };
    let (head, read) = fitting(&s, cap);
    let arr = Array::new(ctx.clone())?;
    arr.set(0, TypedArray::<u8>::new_copy(ctx, head.as_bytes())?)?;
    arr.set(1, read)?;
    Ok(arr)
}

/// Puts `textDecode`, `textEncode` and `textEncodeInto` on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    host.set("textDecode", Function::new(ctx.clone(), decode)?)?;
    host.set("textEncode", Function::new(ctx.clone(), encode)?)?;
    host.set("textEncodeInto", Function::new(ctx.clone(), encode_into)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> String {
        d.text.unwrap()
    }

    #[test]
    fn utf8_replaces_maximal_subparts() {
        assert_eq!(text(utf8(b"a\xF0\x9F\x98b", false, false)), "a\u{FFFD}b");
        assert_eq!(text(utf8(b"\xC0\x80", false, false)), "\u{FFFD}\u{FFFD}");
        assert_eq!(utf8(b"a\xFF", true, false).text, None);
    }

    #[test]
    fn utf8_stream_keeps_an_incomplete_tail() {
        let d = utf8(b"a\xE2\x82", false, true);
        assert_eq!((d.text.as_deref(), d.kept), (Some("a"), 2));
        assert_eq!(text(utf8(b"a\xE2\x82", false, false)), "a\u{FFFD}");
    }

    #[test]
    fn utf16_pairs_and_lone_surrogates() {
        assert_eq!(
            text(utf16(&[0x3D, 0xD8, 0x00, 0xDE], false, false, false)),
            "\u{1F600}"
        );
        assert_eq!(
            text(utf16(&[0xD8, 0x3D, 0xDE, 0x00], true, false, false)),
            "\u{1F600}"
        );
        assert_eq!(text(utf16(&[0x3D, 0xD8], false, false, false)), "\u{FFFD}");
        assert_eq!(utf16(&[0x3D, 0xD8], false, false, true).kept, 2);
        assert_eq!(text(utf16(&[0x41], false, false, false)), "\u{FFFD}");
    }

    #[test]
    fn latin1_keeps_the_c1_range_as_node() {
        assert_eq!(text(latin1(&[0x80, 0xE9, 0x9F])), "\u{80}\u{E9}\u{9F}");
    }

    #[test]
    fn encode_into_stops_at_a_whole_character() {
        assert_eq!(fitting("a\u{20AC}b", 3), ("a", 1));
        assert_eq!(fitting("\u{1F600}x", 4), ("\u{1F600}", 2));
    }
}
