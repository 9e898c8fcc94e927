//! Incremental compressors and decompressors for `zlib`'s stream forms
//! (`createGzip`, `createGunzip`, deflate, raw deflate, unzip and brotli):
//! each write returns the bytes produced so far, so output flows while
//! input does. They live in a table on the loop thread, by id, until their
//! stream ends or is destroyed. A failed decompression returns the
//! failure's name, as the buffer forms do.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;

use flate2::Compression;
use rquickjs::{Ctx, Function, IntoJs, Object, TypedArray, Value};

use super::zlib::Fail;
use super::zlib_inflate::Inflater;

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

/// A brotli decompressor writing into its own output buffer.
struct BrotliInflater(Box<brotli::DecompressorWriter<Vec<u8>>>);

impl BrotliInflater {
    fn write(&mut self, input: &[u8]) -> Result<Vec<u8>, Fail> {
        self.0.write_all(input).map_err(|_| Fail::Data)?;
        Ok(std::mem::take(self.0.get_mut()))
    }

    fn finish(mut self) -> Result<Vec<u8>, Fail> {
        // Corrupt data fails in a write; failing here, it ended early.
        match self.0.close() {
            Ok(()) => Ok(std::mem::take(self.0.get_mut())),
            Err(_) => Err(Fail::Eof),
        }
    }
}

enum Codec {
    Encoder(Encoder),
    Inflater(Inflater),
    Brotli(BrotliInflater),
}

thread_local! {
    static CODECS: RefCell<(u32, HashMap<u32, Codec>)> = RefCell::new((0, HashMap::new()));
}

fn insert(codec: Codec) -> u32 {
    CODECS.with(|t| {
        let mut t = t.borrow_mut();
        t.0 = t.0.wrapping_add(1);
        let id = t.0;
        t.1.insert(id, codec);
        id
    })
}

/// Bytes as a Uint8Array, or a failure's name (brotli's data failure is
/// named `brotli`, as the buffer form names it).
fn bytes_or_failure<'js>(
    ctx: &Ctx<'js>,
    result: Result<Vec<u8>, Fail>,
    brotli: bool,
) -> rquickjs::Result<Value<'js>> {
    match result {
        Ok(b) => TypedArray::new(ctx.clone(), b)?.into_js(ctx),
        Err(Fail::Data) if brotli => "brotli".into_js(ctx),
        Err(f) => f.name().into_js(ctx),
    }
}

fn copy_of(a: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: no JavaScript runs while the slice is alive.
    unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
}

fn io_error(e: std::io::Error) -> rquickjs::Error {
    rquickjs::Error::new_from_js_message("zlib", "Buffer", e.to_string())
}

/// `open(kind, level, quality, lgwin)`: a new compressor's id (`kind`:
/// `gzip`, `deflate`, `raw` or `brotli`).
fn open(kind: String, level: i32, quality: u32, lgwin: u32) -> u32 {
    insert(Codec::Encoder(Encoder::new(&kind, level, quality, lgwin)))
}

/// `openInflate(kind)`: a new decompressor's id (`kind`: `gzip`,
/// `deflate`, `raw`, `unzip` or `brotli`).
fn open_inflate(kind: String) -> u32 {
    if kind == "brotli" {
        insert(Codec::Brotli(BrotliInflater(Box::new(
            brotli::DecompressorWriter::new(Vec::new(), 4096),
        ))))
    } else {
        insert(Codec::Inflater(Inflater::new(&kind)))
    }
}

/// `write(id, bytes, flush)`: the bytes produced so far, or a failure's name.
fn write<'js>(
    ctx: Ctx<'js>,
    id: u32,
    data: TypedArray<'js, u8>,
    flush: bool,
) -> rquickjs::Result<Value<'js>> {
    let input = copy_of(&data);
    let (result, brotli) = CODECS.with(|t| match t.borrow_mut().1.get_mut(&id) {
        Some(Codec::Encoder(e)) => (e.write(&input, flush).map(Ok).map_err(io_error), false),
        Some(Codec::Inflater(d)) => (Ok(d.write(&input)), false),
        Some(Codec::Brotli(d)) => (Ok(d.write(&input)), true),
        None => (Ok(Ok(Vec::new())), false),
    });
    bytes_or_failure(&ctx, result?, brotli)
}

/// `end(id)`: the last bytes, or a failure's name; the codec is gone after.
fn end(ctx: Ctx<'_>, id: u32) -> rquickjs::Result<Value<'_>> {
    let codec = CODECS.with(|t| t.borrow_mut().1.remove(&id));
    let (result, brotli) = match codec {
        Some(Codec::Encoder(e)) => (Ok(e.finish().map_err(io_error)?), false),
        Some(Codec::Inflater(d)) => (d.finish().map(|()| Vec::new()), false),
        Some(Codec::Brotli(d)) => (d.finish(), true),
        None => (Ok(Vec::new()), false),
    };
    bytes_or_failure(&ctx, result, brotli)
}

/// `close(id)`: drops a codec (a destroyed stream).
fn close(id: u32) {
    CODECS.with(|t| t.borrow_mut().1.remove(&id));
}

/// Puts the incremental compressors on the host object as `host.zlibStream`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    o.set("open", Function::new(ctx.clone(), open)?)?;
    o.set("openInflate", Function::new(ctx.clone(), open_inflate)?)?;
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
