//! The natives of `node:zlib` (`js/node/zlib.js`): gzip, zlib and raw
//! deflate through `flate2` (its Rust backend, `miniz_oxide`) and brotli
//! through the pure-Rust `brotli` crate, whole buffers at a time.
//!
//! A failed decompression returns a string naming the failure (`"header"`,
//! `"eof"`, `"data"`, `"check"`); the JavaScript half makes Node's error.

use std::io::Write;

use flate2::{Compression, Decompress, FlushDecompress, Status};
use rquickjs::{Ctx, Function, IntoJs, Object, TypedArray, Value};

/// Why a decompression failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fail {
    /// The zlib or gzip header is wrong.
    Header,
    /// The input ends before the stream does.
    Eof,
    /// The compressed data is corrupt.
    Data,
    /// The checksum does not match.
    Check,
    /// The stream needs a preset dictionary.
    Dictionary,
}

impl Fail {
    pub(super) fn name(self) -> &'static str {
        match self {
            Fail::Header => "header",
            Fail::Eof => "eof",
            Fail::Data => "data",
            Fail::Check => "check",
            Fail::Dictionary => "dictionary",
        }
    }
}

/// Copies the bytes of `a` (empty if detached).
fn copy_of(a: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: no JavaScript runs while the slice is alive.
    unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
}

/// Inflates one raw deflate stream from `data`; returns the output and
/// the bytes read.
fn inflate_raw(data: &[u8]) -> Result<(Vec<u8>, usize), Fail> {
    let mut d = Decompress::new(false);
    let mut out = Vec::with_capacity(data.len().saturating_mul(2).max(64));
    loop {
        let (i, o) = (d.total_in(), d.total_out());
        let start = usize::try_from(i).map_err(|_| Fail::Data)?;
        let status = d
            .decompress_vec(&data[start..], &mut out, FlushDecompress::None)
            .map_err(|_| Fail::Data)?;
        if status == Status::StreamEnd {
            let read = usize::try_from(d.total_in()).map_err(|_| Fail::Data)?;
            return Ok((out, read));
        }
        let progressed = d.total_in() != i || d.total_out() != o;
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64));
        } else if !progressed {
            return Err(Fail::Eof);
        }
    }
}

/// The Adler-32 checksum of `data`.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// Inflates one zlib-wrapped stream from `data`.
fn inflate_zlib(data: &[u8]) -> Result<Vec<u8>, Fail> {
    match data {
        [] | [_] => return Err(Fail::Eof),
        [cmf, flg, ..]
            if cmf & 0x0f != 8 || (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 != 0 =>
        {
            return Err(Fail::Header)
        }
        [_, flg, ..] if flg & 0x20 != 0 => return Err(Fail::Dictionary),
        _ => {}
    }
    let (out, read) = inflate_raw(&data[2..])?;
    let Some(t) = data.get(2 + read..2 + read + 4) else {
        return Err(Fail::Eof);
    };
    if u32::from_be_bytes([t[0], t[1], t[2], t[3]]) != adler32(&out) {
        return Err(Fail::Check);
    }
    Ok(out)
}

/// Gunzips every member of `data`.
fn gunzip(mut data: &[u8]) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::new();
    loop {
        let body = gzip_header(data)?;
        let (bytes, read) = inflate_raw(&data[body..])?;
        let trailer = body + read;
        let Some(t) = data.get(trailer..trailer + 8) else {
            return Err(Fail::Eof);
        };
        let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
        #[allow(clippy::cast_possible_truncation)]
        if crc != crc32fast::hash(&bytes) || size != bytes.len() as u32 {
            return Err(Fail::Check);
        }
        out.extend_from_slice(&bytes);
        data = &data[trailer + 8..];
        if data.first() != Some(&0x1f) {
            return Ok(out);
        }
    }
}

/// The length of the gzip header at the start of `d`.
pub(super) fn gzip_header(d: &[u8]) -> Result<usize, Fail> {
    let need = |n: usize| if d.len() < n { Err(Fail::Eof) } else { Ok(()) };
    need(1)?;
    if d[0] != 0x1f {
        return Err(Fail::Header);
    }
    need(2)?;
    if d[1] != 0x8b {
        return Err(Fail::Header);
    }
    need(10)?;
    if d[2] != 8 {
        return Err(Fail::Data);
    }
    let flags = d[3];
    let mut at = 10;
    if flags & 4 != 0 {
        need(at + 2)?;
        at += 2 + usize::from(u16::from_le_bytes([d[at], d[at + 1]]));
    }
    for bit in [8, 16] {
        if flags & bit != 0 {
            let end = d.get(at..).and_then(|r| r.iter().position(|&b| b == 0));
            at += end.ok_or(Fail::Eof)? + 1;
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    need(at)?;
    Ok(at)
}

/// `compress(kind, bytes, level)`: `kind` is `gzip`, `deflate` or `raw`;
/// `level` is 0–9 or -1 for the default.
fn compress<'js>(
    ctx: Ctx<'js>,
    kind: String,
    data: TypedArray<'js, u8>,
    level: i32,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let input = copy_of(&data);
    let level = u32::try_from(level).map_or(Compression::default(), |l| Compression::new(l.min(9)));
    let out = match kind.as_str() {
        "gzip" => {
            let mut e = flate2::GzBuilder::new()
                .operating_system(3)
                .write(Vec::new(), level);
            e.write_all(&input).and_then(|()| e.finish())
        }
        "deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
            e.write_all(&input).and_then(|()| e.finish())
        }
        _ => {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), level);
            e.write_all(&input).and_then(|()| e.finish())
        }
    };
    let out =
        out.map_err(|e| rquickjs::Error::new_from_js_message("zlib", "Buffer", e.to_string()))?;
    TypedArray::new(ctx, out)
}

/// `decompress(kind, bytes)`: `kind` is `gzip`, `deflate`, `raw` or
/// `unzip` (gzip or zlib by the header); the bytes or the failure's name.
fn decompress<'js>(
    ctx: Ctx<'js>,
    kind: String,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Value<'js>> {
    let input = copy_of(&data);
    let gzip = kind == "gzip" || (kind == "unzip" && input.first() == Some(&0x1f));
    let result = if gzip {
        gunzip(&input)
    } else if kind == "raw" {
        inflate_raw(&input).map(|(b, _)| b)
    } else {
        inflate_zlib(&input)
    };
    match result {
        Ok(b) => TypedArray::new(ctx.clone(), b)?.into_js(&ctx),
        Err(f) => f.name().into_js(&ctx),
    }
}

/// `brotliCompress(bytes, quality, lgwin)`.
fn brotli_compress<'js>(
    ctx: Ctx<'js>,
    data: TypedArray<'js, u8>,
    quality: i32,
    lgwin: i32,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let input = copy_of(&data);
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut input.as_slice(), &mut out, &params)
        .map_err(|e| rquickjs::Error::new_from_js_message("brotli", "Buffer", e.to_string()))?;
    TypedArray::new(ctx, out)
}

/// `brotliDecompress(bytes)`: the bytes or the failure's name.
fn brotli_decompress<'js>(
    ctx: Ctx<'js>,
    data: TypedArray<'js, u8>,
) -> rquickjs::Result<Value<'js>> {
    let input = copy_of(&data);
    let mut out = Vec::new();
    match brotli::BrotliDecompress(&mut input.as_slice(), &mut out) {
        Ok(()) => TypedArray::new(ctx.clone(), out)?.into_js(&ctx),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => "eof".into_js(&ctx),
        Err(_) => "brotli".into_js(&ctx),
    }
}

/// `crc32(bytes, value)`: the CRC-32 of `bytes` continuing from `value`.
fn crc32(data: TypedArray<'_, u8>, value: u32) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(value);
    // SAFETY: no JavaScript runs while the slice is alive.
    h.update(unsafe { data.as_bytes() }.unwrap_or_default());
    h.finalize()
}

/// Puts the `zlib` natives on the host object as `host.zlib`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    o.set("compress", Function::new(ctx.clone(), compress)?)?;
    o.set("decompress", Function::new(ctx.clone(), decompress)?)?;
    o.set(
        "brotliCompress",
        Function::new(ctx.clone(), brotli_compress)?,
    )?;
    o.set(
        "brotliDecompress",
        Function::new(ctx.clone(), brotli_decompress)?,
    )?;
    o.set("crc32", Function::new(ctx.clone(), crc32)?)?;
    host.set("zlib", o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_and_bad_headers_are_told_apart() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(b"hello hello hello").unwrap();
        let z = e.finish().unwrap();
        assert_eq!(inflate_zlib(&z).unwrap(), b"hello hello hello");
        assert_eq!(inflate_zlib(&z[..5]), Err(Fail::Eof));
        assert_eq!(inflate_zlib(b"hello"), Err(Fail::Header));
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(gunzip(b"hello"), Err(Fail::Header));
    }
}
