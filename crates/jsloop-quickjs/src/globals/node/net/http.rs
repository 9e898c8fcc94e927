//! `node:http`'s parser natives: HTTP/1 message heads parsed by
//! `httparse`; body framing and the state machine are in
//! `js/node/http.js`.

use rquickjs::{Array, Ctx, Function, IntoJs, Object, TypedArray, Value};

/// Headers parsed at most per message (node's default limit is 2000
/// bytes of lines, not a count; 100 covers real traffic).
const MAX_HEADERS: usize = 128;

/// A parse failure's code, as node's `HPE_*` names.
fn failure(e: httparse::Error) -> &'static str {
    match e {
        httparse::Error::HeaderName => "HPE_INVALID_HEADER_TOKEN",
        httparse::Error::HeaderValue => "HPE_INVALID_HEADER_TOKEN",
        httparse::Error::NewLine => "HPE_LF_EXPECTED",
        httparse::Error::Status => "HPE_INVALID_STATUS",
        httparse::Error::Token => "HPE_INVALID_METHOD",
        httparse::Error::TooManyHeaders => "HPE_HEADER_OVERFLOW",
        httparse::Error::Version => "HPE_INVALID_VERSION",
    }
}

/// The raw headers as `[name, value, ...]`.
fn raw_headers<'js>(
    ctx: &Ctx<'js>,
    headers: &[httparse::Header<'_>],
) -> rquickjs::Result<Array<'js>> {
    let arr = Array::new(ctx.clone())?;
    for (i, h) in headers.iter().enumerate() {
        arr.set(2 * i, h.name)?;
        arr.set(2 * i + 1, String::from_utf8_lossy(h.value).as_ref())?;
    }
    Ok(arr)
}

/// `parseHead(bytes, isRequest)`: `null` while incomplete; the error code
/// string if invalid; else `[consumed, minorVersion, rawHeaders, method,
/// url]` for a request, `[consumed, minorVersion, rawHeaders, status,
/// reason]` for a response.
fn parse_head<'js>(
    ctx: Ctx<'js>,
    data: TypedArray<'js, u8>,
    request: bool,
) -> rquickjs::Result<Value<'js>> {
    // SAFETY: no JavaScript runs while the slice is alive.
    let bytes = unsafe { data.as_bytes() }.unwrap_or_default();
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let out = Array::new(ctx.clone())?;
    if request {
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(bytes) {
            Ok(httparse::Status::Complete(n)) => {
                out.set(0, n)?;
                out.set(1, req.version.unwrap_or(1))?;
                out.set(2, raw_headers(&ctx, req.headers)?)?;
                out.set(3, req.method.unwrap_or(""))?;
                out.set(4, req.path.unwrap_or(""))?;
            }
            Ok(httparse::Status::Partial) => return Ok(Value::new_null(ctx)),
            Err(e) => return failure(e).into_js(&ctx),
        }
    } else {
        let mut res = httparse::Response::new(&mut headers);
        match res.parse(bytes) {
            Ok(httparse::Status::Complete(n)) => {
                out.set(0, n)?;
                out.set(1, res.version.unwrap_or(1))?;
                out.set(2, raw_headers(&ctx, res.headers)?)?;
                out.set(3, res.code.unwrap_or(0))?;
                out.set(4, res.reason.unwrap_or(""))?;
            }
            Ok(httparse::Status::Partial) => return Ok(Value::new_null(ctx)),
            Err(e) => return failure(e).into_js(&ctx),
        }
    }
    out.into_js(&ctx)
}

/// `chunkSize(bytes)`: `null` while incomplete, `-1` if invalid, else
/// `[consumed, size]` of a chunked body's size line.
fn chunk_size<'js>(ctx: Ctx<'js>, data: TypedArray<'js, u8>) -> rquickjs::Result<Value<'js>> {
    // SAFETY: no JavaScript runs while the slice is alive.
    let bytes = unsafe { data.as_bytes() }.unwrap_or_default();
    match httparse::parse_chunk_size(bytes) {
        Ok(httparse::Status::Complete((n, size))) => {
            #[allow(clippy::cast_precision_loss)]
            let size = size as f64;
            let arr = Array::new(ctx.clone())?;
            arr.set(0, n)?;
            arr.set(1, size)?;
            arr.into_js(&ctx)
        }
        Ok(httparse::Status::Partial) => Ok(Value::new_null(ctx)),
        Err(_) => (-1).into_js(&ctx),
    }
}

/// Puts `parseHead` and `chunkSize` on `host.net`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set("parseHead", Function::new(ctx.clone(), parse_head)?)?;
    n.set("chunkSize", Function::new(ctx.clone(), chunk_size)?)?;
    Ok(())
}
