//! The natives of `node:buffer` (`js/node/buffer.js`): encoding strings
//! into bytes and bytes into strings, searching and comparing, working on
//! a `Uint8Array`'s own memory (one copy from or into an engine string).
//!
//! Ground rules: a byte slice taken from a typed array lives only until
//! the next engine call that may run JavaScript or allocate; every
//! function below takes its strings first and its slices last.

mod codec;

use std::cmp::Ordering;
use std::ffi::c_int;

use rquickjs::{qjs, Ctx, Object};

use self::codec::Encoding;
use crate::ffi::{self, raw_fn, RawFn};

/// Calls `f` with the engine's WTF-8 bytes of string `v`; `None` after an
/// exception (left pending).
///
/// # Safety
///
/// `ctx` is live and `v` a live value of it.
unsafe fn with_bytes<R>(
    ctx: *mut qjs::JSContext,
    v: qjs::JSValue,
    f: impl FnOnce(&[u8]) -> R,
) -> Option<R> {
    let mut len = 0;
    // SAFETY: per the contract; the buffer holds `len` bytes until freed.
    unsafe {
        let p = qjs::JS_ToCStringLen2(ctx, &mut len, v, false);
        if p.is_null() {
            return None;
        }
        let r = f(std::slice::from_raw_parts(p.cast::<u8>(), len as usize));
        qjs::JS_FreeCString(ctx, p);
        Some(r)
    }
}

/// Calls `f` with the UTF-16 code units of string `v`; `None` after an
/// exception (left pending).
///
/// # Safety
///
/// As for [`with_bytes`].
unsafe fn with_units<R>(
    ctx: *mut qjs::JSContext,
    v: qjs::JSValue,
    f: impl FnOnce(&[u16]) -> R,
) -> Option<R> {
    let mut len = 0;
    // SAFETY: per the contract; the buffer holds `len` units until freed.
    unsafe {
        let p = qjs::JS_ToCStringLenUTF16(ctx, &mut len, v);
        if p.is_null() {
            return None;
        }
        let r = f(std::slice::from_raw_parts(p, len as usize));
        qjs::JS_FreeCStringUTF16(ctx, p);
        Some(r)
    }
}

/// The bytes of Uint8Array `v` (none if its buffer is detached); `None`
/// after an exception (pending).
///
/// # Safety
///
/// `ctx` is live and `v` a live value of it; the slice is used before any
/// other engine call.
unsafe fn bytes_of<'a>(ctx: *mut qjs::JSContext, v: qjs::JSValue) -> Option<&'a mut [u8]> {
    let mut len = 0;
    // SAFETY: per the contract; the engine returns the view's data.
    unsafe {
        let p = qjs::JS_GetUint8Array(ctx, &mut len, v);
        if p.is_null() {
            if !qjs::JS_HasException(ctx) {
                return Some(&mut []);
            }
            let kind = qjs::JS_GetTypedArrayType(v);
            let uint8 = [
                qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8,
                qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C,
            ];
            if uint8.iter().any(|&k| k as c_int == kind) {
                // A view of a detached buffer: no bytes, as Node sees it.
                qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
                return Some(&mut []);
            }
            return None;
        }
        Some(std::slice::from_raw_parts_mut(p, len as usize))
    }
}

/// The encoding argument `i`.
///
/// # Safety
///
/// `argv` holds `argc` live values.
unsafe fn encoding(argc: c_int, argv: *mut qjs::JSValue, i: c_int) -> Encoding {
    // SAFETY: per the contract.
    let n = ffi::number(unsafe { ffi::arg(argc, argv, i) });
    n.and_then(Encoding::from_code).unwrap_or(Encoding::Utf8)
}

/// The integer argument `i`, clamped to `0..=max` (`dflt` if not a number).
///
/// # Safety
///
/// `argv` holds `argc` live values.
unsafe fn index(argc: c_int, argv: *mut qjs::JSValue, i: c_int, dflt: usize, max: usize) -> usize {
    // SAFETY: per the contract.
    match ffi::number(unsafe { ffi::arg(argc, argv, i) }) {
        Some(n) if n.is_nan() || n <= 0.0 => 0,
        Some(n) => (n as usize).min(max),
        None => dflt.min(max),
    }
}

/// A new ArrayBuffer holding a copy of `bytes`.
///
/// # Safety
///
/// `ctx` is live.
unsafe fn array_buffer(ctx: *mut qjs::JSContext, bytes: &[u8]) -> qjs::JSValue {
    // SAFETY: per the contract; the engine copies `bytes`.
    unsafe { qjs::JS_NewArrayBufferCopy(ctx, bytes.as_ptr(), bytes.len() as qjs::size_t) }
}

/// A new string from UTF-8 `bytes`.
///
/// # Safety
///
/// `ctx` is live.
unsafe fn string(ctx: *mut qjs::JSContext, bytes: &[u8]) -> qjs::JSValue {
    // SAFETY: per the contract; the engine copies `bytes`.
    unsafe { qjs::JS_NewStringLen(ctx, bytes.as_ptr().cast(), bytes.len() as qjs::size_t) }
}

/// The bytes of a string in a non-UTF-8 encoding.
///
/// # Safety
///
/// As for [`with_bytes`].
unsafe fn encode(ctx: *mut qjs::JSContext, s: qjs::JSValue, enc: Encoding) -> Option<Vec<u8>> {
    // SAFETY: per the contract.
    unsafe {
        match enc {
            Encoding::Utf8 => with_bytes(ctx, s, |b| {
                let mut v = b.to_vec();
                codec::replace_surrogates(&mut v);
                v
            }),
            Encoding::Hex => with_bytes(ctx, s, codec::hex_decode),
            Encoding::Base64 => with_bytes(ctx, s, |b| codec::base64_decode(b, false)),
            Encoding::Base64url => with_bytes(ctx, s, |b| codec::base64_decode(b, true)),
            Encoding::Utf16le => with_units(ctx, s, codec::utf16le_encode),
            Encoding::Latin1 | Encoding::Ascii => with_units(ctx, s, codec::latin1_encode),
        }
    }
}

raw_fn!(
/// `fromString(string, encoding)`: a new ArrayBuffer of the encoded bytes.
from_string, |ctx, argc, argv| {
    let s = ffi::arg(argc, argv, 0);
    match encoding(argc, argv, 1) {
        Encoding::Utf8 => {
            let ab = with_bytes(ctx, s, |b| (array_buffer(ctx, b), memchr::memchr(0xED, b).is_some()));
            match ab {
                Some((ab, true)) if !qjs::JS_IsException(ab) => {
                    let mut len = 0;
                    let p = qjs::JS_GetArrayBuffer(ctx, &mut len, ab);
                    if !p.is_null() {
                        codec::replace_surrogates(std::slice::from_raw_parts_mut(p, len as usize));
                    }
                    ab
                }
                Some((ab, _)) => ab,
                None => ffi::exception(),
            }
        }
        enc => match encode(ctx, s, enc) {
            Some(v) => array_buffer(ctx, &v),
            None => ffi::exception(),
        },
    }
});

raw_fn!(
/// `byteLengthUtf8(string)`: the length of its UTF-8 form.
byte_length_utf8, |ctx, argc, argv| {
    match with_bytes(ctx, ffi::arg(argc, argv, 0), <[u8]>::len) {
        Some(n) => ffi::new_number(ctx, n as f64),
        None => ffi::exception(),
    }
});

raw_fn!(
/// `toString(view, encoding, start, end)`: the bytes `start..end` decoded.
to_string, |ctx, argc, argv| {
    let enc = encoding(argc, argv, 1);
    let Some(all) = bytes_of(ctx, ffi::arg(argc, argv, 0)) else {
        return ffi::exception();
    };
    let end = index(argc, argv, 3, all.len(), all.len());
    let start = index(argc, argv, 2, 0, end);
    let b = &all[start..end];
    match enc {
        Encoding::Utf8 => string(ctx, codec::utf8_decode(b).as_bytes()),
        Encoding::Latin1 if b.is_ascii() => string(ctx, b),
        Encoding::Latin1 => string(ctx, codec::latin1_decode(b).as_bytes()),
        Encoding::Ascii => string(ctx, &codec::ascii_decode(b)),
        Encoding::Hex => string(ctx, &codec::hex_encode(b)),
        Encoding::Base64 => string(ctx, codec::base64_encode(b, false).as_bytes()),
        Encoding::Base64url => string(ctx, codec::base64_encode(b, true).as_bytes()),
        Encoding::Utf16le => {
            let units = codec::utf16le_decode(b);
            qjs::JS_NewStringUTF16(ctx, units.as_ptr(), units.len() as qjs::size_t)
        }
    }
});

raw_fn!(
/// `write(view, string, encoding, offset, length)`: writes what fits of
/// the encoded string (whole characters for UTF-8 and UTF-16) at
/// `offset`; returns the number of bytes written.
write, |ctx, argc, argv| {
    let enc = encoding(argc, argv, 2);
    let Some(bytes) = encode(ctx, ffi::arg(argc, argv, 1), enc) else {
        return ffi::exception();
    };
    let Some(all) = bytes_of(ctx, ffi::arg(argc, argv, 0)) else {
        return ffi::exception();
    };
    let offset = index(argc, argv, 3, 0, all.len());
    let room = index(argc, argv, 4, all.len(), all.len() - offset);
    let n = match enc {
        Encoding::Utf8 => codec::utf8_boundary(&bytes, room),
        Encoding::Utf16le => bytes.len().min(room & !1),
        _ => bytes.len().min(room),
    };
    all[offset..offset + n].copy_from_slice(&bytes[..n]);
    ffi::new_number(ctx, n as f64)
});

raw_fn!(
/// `indexOf(view, needle, from, last)`: the first (or, if `last`, the
/// final) position at or after (before) `from` where the bytes of
/// `needle` occur, or -1.
index_of, |ctx, argc, argv| {
    let Some(needle) = bytes_of(ctx, ffi::arg(argc, argv, 1)).map(|n| n.to_vec()) else {
        return ffi::exception();
    };
    let Some(hay) = bytes_of(ctx, ffi::arg(argc, argv, 0)) else {
        return ffi::exception();
    };
    let last = qjs::JS_ToBool(ctx, ffi::arg(argc, argv, 3)) > 0;
    let from = index(argc, argv, 2, 0, hay.len());
    let found = if last {
        let end = (from + needle.len()).min(hay.len());
        memchr::memmem::rfind(&hay[..end], &needle)
    } else {
        memchr::memmem::find(&hay[from..], &needle).map(|i| i + from)
    };
    ffi::new_number(ctx, found.map_or(-1.0, |i| i as f64))
});

raw_fn!(
/// `compare(a, b)`: -1, 0 or 1 as the bytes of `a` sort before, with or
/// after those of `b`.
compare, |ctx, argc, argv| {
    let Some(a) = bytes_of(ctx, ffi::arg(argc, argv, 0)).map(|a| a.to_vec()) else {
        return ffi::exception();
    };
    let Some(b) = bytes_of(ctx, ffi::arg(argc, argv, 1)) else {
        return ffi::exception();
    };
    let order = match a.as_slice().cmp(b) {
        Ordering::Less => -1.0,
        Ordering::Equal => 0.0,
        Ordering::Greater => 1.0,
    };
    ffi::new_number(ctx, order)
});

/// Puts `buffer` (`fromString`, `byteLengthUtf8`, `toString`, `write`,
/// `indexOf`, `compare`) on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    let fns: [(&str, RawFn, &'static std::ffi::CStr, c_int); 6] = [
        ("fromString", from_string, c"fromString", 2),
        ("byteLengthUtf8", byte_length_utf8, c"byteLengthUtf8", 1),
        ("toString", to_string, c"toString", 4),
        ("write", write, c"write", 5),
        ("indexOf", index_of, c"indexOf", 4),
        ("compare", compare, c"compare", 2),
    ];
    for (key, f, name, length) in fns {
        o.set(key, ffi::function(ctx, f, name, length)?)?;
    }
    host.set("buffer", o)
}
