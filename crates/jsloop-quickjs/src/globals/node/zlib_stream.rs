//! Incremental compressors for `zlib`'s stream forms (`createGzip`,
//! `createDeflate`, `createDeflateRaw`, `createBrotliCompress`): each
//! write returns the compressed bytes produced so far, so output flows
//! while input does. Compressors live in a table on the loop thread, by id,
//! until their stream ends or is destroyed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

use flate2::Compression;
use rquickjs::{Ctx, Function, Object, TypedArray};

/// One compressor writing into its own output buffer.
enum Encoder {
    Gzip(flate2::write::GzEncoder<Vec<u8>>),
    Zlib(flate2::write::ZlibEncoder<Vec<u8>>),
    Raw(flate2::write::DeflateEncoder<Vec<u8>>),
    Brotli(Box<brotli::CompressorWriter<Vec<u8>>>),
}

impl Encoder {
    fn new(kind: &str, level: i32, quality: u32, lgwin: u32) -> Self {
        let level =
            u32::try_from(level).map_or(Compression::default(), |l| Compression::new(l.min(9)));
        match kind {
            "gzip" => Encoder::Gzip(
                flate2::GzBuilder::new()
                    .operating_system(3)
                    .write(Vec::new(), level),
            ),
            "deflate" => Encoder::Zlib(flate2::write::ZlibEncoder::new(Vec::new(), level)),
            "raw" => Encoder::Raw(flate2::write::DeflateEncoder::new(Vec::new(), level)),
            _ => Encoder::Brotli(Box::new(brotli::CompressorWriter::new(
                Vec::new(),
                4096,
                quality,
                lgwin,
            ))),
        }
    }

    /// Compresses `input` (and flushes if asked); returns the new output.
    fn write(&mut self, input: &[u8], flush: bool) -> std::io::Result<Vec<u8>> {
        fn step<W: Write>(w: &mut W, input: &[u8], flush: bool) -> std::io::Result<()> {
            w.write_all(input)?;
            if flush {
                w.flush()?;
            }
            Ok(())
        }
        match self {
            Encoder::Gzip(e) => {
                step(e, input, flush)?;
                Ok(std::mem::take(e.get_mut()))
            }
            Encoder::Zlib(e) => {
                step(e, input, flush)?;
                Ok(std::mem::take(e.get_mut()))
            }
            Encoder::Raw(e) => {
                step(e, input, flush)?;
                Ok(std::mem::take(e.get_mut()))
            }
            Encoder::Brotli(e) => {
                step(e.as_mut(), input, flush)?;
                Ok(std::mem::take(e.get_mut()))
            }
        }
    }

    /// Ends the stream; returns the last output.
    fn finish(self) -> std::io::Result<Vec<u8>> {
        match self {
            Encoder::Gzip(e) => e.finish(),
            Encoder::Zlib(e) => e.finish(),
            Encoder::Raw(e) => e.finish(),
            Encoder::Brotli(e) => Ok(e.into_inner()),
        }
    }
}

thread_local! {
    static ENCODERS: RefCell<(u32, HashMap<u32, Encoder>)> = RefCell::new((0, HashMap::new()));
}

fn copy_of(a: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: no JavaScript runs while the slice is alive.
    unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
}

fn io_error(e: std::io::Error) -> rquickjs::Error {
    rquickjs::Error::new_from_js_message("zlib", "Buffer", e.to_string())
}

/// `open(kind, level, quality, lgwin)`: a new compressor's id.
fn open(kind: String, level: i32, quality: u32, lgwin: u32) -> u32 {
    ENCODERS.with(|t| {
        let mut t = t.borrow_mut();
        t.0 = t.0.wrapping_add(1);
        let id = t.0;
        t.1.insert(id, Encoder::new(&kind, level, quality, lgwin));
        id
    })
}

/// `write(id, bytes, flush)`: the compressed bytes produced so far.
fn write<'js>(
    ctx: Ctx<'js>,
    id: u32,
    data: TypedArray<'js, u8>,
    flush: bool,
) -> rquickjs::Result<TypedArray<'js, u8>> {
    let input = copy_of(&data);
    let out = ENCODERS.with(|t| match t.borrow_mut().1.get_mut(&id) {
        Some(e) => e.write(&input, flush).map_err(io_error),
        None => Ok(Vec::new()),
    })?;
    TypedArray::new(ctx, out)
}

/// `end(id)`: the last bytes; the compressor is gone after.
fn end(ctx: Ctx<'_>, id: u32) -> rquickjs::Result<TypedArray<'_, u8>> {
    let encoder = ENCODERS.with(|t| t.borrow_mut().1.remove(&id));
    let out = match encoder {
        Some(e) => e.finish().map_err(io_error)?,
        None => Vec::new(),
    };
    TypedArray::new(ctx, out)
}

/// `close(id)`: drops a compressor (a destroyed stream).
fn close(id: u32) {
    ENCODERS.with(|t| t.borrow_mut().1.remove(&id));
}

/// Puts the incremental compressors on the host object as `host.zlibStream`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    o.set("open", Function::new(ctx.clone(), open)?)?;
    o.set("write", Function::new(ctx.clone(), write)?)?;
    o.set("end", Function::new(ctx.clone(), end)?)?;
    o.set("close", Function::new(ctx.clone(), close)?)?;
    host.set("zlibStream", o)
}

#[cfg(test)]
mod tests {
    use super::Encoder;
    use std::io::Read;

    #[test]
    fn output_comes_out_in_pieces_that_decompress_to_the_input() {
        for kind in ["gzip", "deflate", "raw", "brotli"] {
            let mut e = Encoder::new(kind, -1, 11, 22);
            let mut out = Vec::new();
            for i in 0..50 {
                let line = format!("line {i}\n").repeat(100);
                out.extend(e.write(line.as_bytes(), i % 10 == 0).unwrap());
            }
            out.extend(e.finish().unwrap());
            let mut back = Vec::new();
            match kind {
                "gzip" => flate2::read::GzDecoder::new(&out[..]).read_to_end(&mut back),
                "deflate" => flate2::read::ZlibDecoder::new(&out[..]).read_to_end(&mut back),
                "raw" => flate2::read::DeflateDecoder::new(&out[..]).read_to_end(&mut back),
                _ => brotli::Decompressor::new(&out[..], 4096).read_to_end(&mut back),
            }
            .unwrap();
            let want: String = (0..50).map(|i| format!("line {i}\n").repeat(100)).collect();
            assert_eq!(String::from_utf8(back).unwrap(), want, "{kind}");
        }
    }
}
