//! The natives of `node:tls` (`js/node/tls.js`): TLS as a byte-level
//! state machine over rustls. The JavaScript half carries the encrypted
//! bytes over any stream: it feeds what arrives and sends what comes back.

mod cert;
mod config;
mod verify;

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

use rquickjs::{Ctx, Function, IntoJs, Object, TypedArray, Value};
use rustls::pki_types::ServerName;
use rustls::{ClientConnection, Connection, ServerConnection};

use config::Options;
use verify::Slot;

struct Conn {
    tls: Connection,
    slot: Slot,
}

thread_local! {
    static CONNS: RefCell<(u32, HashMap<u32, Conn>)> = RefCell::new((0, HashMap::new()));
}

fn copy_of(a: &TypedArray<'_, u8>) -> Vec<u8> {
    // SAFETY: no JavaScript runs while the slice is alive.
    unsafe { a.as_bytes() }.unwrap_or_default().to_vec()
}

fn throw(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match crate::host::js_error(ctx, message) {
        Ok(e) => e.throw(),
        Err(e) => e,
    }
}

fn options(o: &Object<'_>) -> rquickjs::Result<Options> {
    Ok(Options {
        ca: o.get("ca")?,
        cert: o.get("cert")?,
        key: o.get("key")?,
        alpn: o.get::<_, Option<Vec<String>>>("alpn")?.unwrap_or_default(),
        min_version: o
            .get::<_, Option<String>>("minVersion")?
            .unwrap_or_default(),
        max_version: o
            .get::<_, Option<String>>("maxVersion")?
            .unwrap_or_default(),
        request_cert: o.get::<_, Option<bool>>("requestCert")?.unwrap_or(false),
    })
}

/// `open(isServer, options)`: a new connection's id. A client's options
/// carry `servername` (a host name for SNI, or an address).
fn open(ctx: Ctx<'_>, server: bool, o: Object<'_>) -> rquickjs::Result<u32> {
    let opts = options(&o)?;
    let slot: Slot = Arc::new(Mutex::new(None));
    let mut tls: Connection = if server {
        let config =
            config::server(&opts, slot.clone()).map_err(|e| throw(&ctx, &e.to_string()))?;
        ServerConnection::new(Arc::new(config))
            .map_err(|e| throw(&ctx, &e.to_string()))?
            .into()
    } else {
        let config =
            config::client(&opts, slot.clone()).map_err(|e| throw(&ctx, &e.to_string()))?;
        let host: String = o
            .get::<_, Option<String>>("servername")?
            .unwrap_or_default();
        let name = ServerName::try_from(host.clone())
            .or_else(|_| ServerName::try_from("localhost".to_owned()))
            .map_err(|e| throw(&ctx, &e.to_string()))?;
        ClientConnection::new(Arc::new(config), name)
            .map_err(|e| throw(&ctx, &e.to_string()))?
            .into()
    };
    // Each write's ciphertext is handed over at once, and plaintext written
    // before the handshake waits for it: the stream above bounds the buffer.
    tls.set_buffer_limit(None);
    Ok(CONNS.with(|t| {
        let mut t = t.borrow_mut();
        t.0 = t.0.wrapping_add(1);
        let id = t.0;
        t.1.insert(id, Conn { tls, slot });
        id
    }))
}

/// The ciphertext rustls wants sent.
fn pending(tls: &mut Connection) -> Vec<u8> {
    let mut out = Vec::new();
    while tls.wants_write() {
        if tls.write_tls(&mut out).is_err() {
            break;
        }
    }
    out
}

/// What one feed produced.
#[derive(Default)]
struct Fed {
    plaintext: Vec<u8>,
    out: Vec<u8>,
    error: Option<String>,
    closed: bool,
    handshaking: bool,
}

fn feed_conn(c: &mut Conn, mut input: &[u8]) -> Fed {
    let mut fed = Fed::default();
    while !input.is_empty() && fed.error.is_none() {
        match c.tls.read_tls(&mut input) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                fed.error = Some(e.to_string());
                break;
            }
        }
        if let Err(e) = c.tls.process_new_packets() {
            fed.error = Some(e.to_string());
        }
        let mut buf = [0u8; 16384];
        loop {
            match c.tls.reader().read(&mut buf) {
                Ok(0) => {
                    fed.closed = true;
                    break;
                }
                Ok(n) => fed.plaintext.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => {
                    if fed.error.is_none() && e.kind() != ErrorKind::UnexpectedEof {
                        fed.error = Some(e.to_string());
                    }
                    fed.closed = true;
                    break;
                }
            }
        }
    }
    fed.out = pending(&mut c.tls);
    fed.handshaking = c.tls.is_handshaking();
    fed
}

/// `feed(id, ciphertext)`: `{plaintext, out, handshaking, closed, error}`
/// (`closed`: the peer sent close_notify; `error`: the handshake or a
/// record failed, `out` then holds the alert).
fn feed<'js>(ctx: Ctx<'js>, id: u32, data: TypedArray<'js, u8>) -> rquickjs::Result<Object<'js>> {
    let input = copy_of(&data);
    let fed = CONNS.with(|t| t.borrow_mut().1.get_mut(&id).map(|c| feed_conn(c, &input)));
    let fed = fed.unwrap_or_default();
    let o = Object::new(ctx.clone())?;
    o.set("plaintext", TypedArray::new(ctx.clone(), fed.plaintext)?)?;
    o.set("out", TypedArray::new(ctx.clone(), fed.out)?)?;
    o.set("handshaking", fed.handshaking)?;
    o.set("closed", fed.closed)?;
    o.set("error", fed.error)?;
    Ok(o)
}

/// `write(id, plaintext)`: the ciphertext to send (buffered by rustls
/// until the handshake is done).
fn write<'js>(ctx: Ctx<'js>, id: u32, data: TypedArray<'js, u8>) -> rquickjs::Result<Value<'js>> {
    let input = copy_of(&data);
    let out = CONNS.with(|t| {
        let mut t = t.borrow_mut();
        let Some(c) = t.1.get_mut(&id) else {
            return Vec::new();
        };
        let _ = c.tls.writer().write_all(&input);
        pending(&mut c.tls)
    });
    TypedArray::new(ctx.clone(), out)?.into_js(&ctx)
}

/// `flush(id)`: the ciphertext waiting to be sent (the client's hello).
fn flush(ctx: Ctx<'_>, id: u32) -> rquickjs::Result<Value<'_>> {
    let out = CONNS.with(|t| t.borrow_mut().1.get_mut(&id).map(|c| pending(&mut c.tls)));
    TypedArray::new(ctx.clone(), out.unwrap_or_default())?.into_js(&ctx)
}

/// `end(id)`: close_notify's ciphertext.
fn end(ctx: Ctx<'_>, id: u32) -> rquickjs::Result<Value<'_>> {
    let out = CONNS.with(|t| {
        t.borrow_mut().1.get_mut(&id).map(|c| {
            c.tls.send_close_notify();
            pending(&mut c.tls)
        })
    });
    TypedArray::new(ctx.clone(), out.unwrap_or_default())?.into_js(&ctx)
}

/// `close(id)`: drops a connection.
fn close(id: u32) {
    CONNS.with(|t| t.borrow_mut().1.remove(&id));
}

/// `info(id)`: `{protocol, alpn, cipher, servername, peerCerts, verifyError}`
/// once the handshake is done (`verifyError`: `[code, message]`).
fn info(ctx: Ctx<'_>, id: u32) -> rquickjs::Result<Value<'_>> {
    CONNS.with(|t| {
        let t = t.borrow();
        let Some(c) = t.1.get(&id) else {
            return Ok(Value::new_undefined(ctx.clone()));
        };
        let o = Object::new(ctx.clone())?;
        let protocol = c
            .tls
            .protocol_version()
            .and_then(|v| v.as_str())
            .map(|s| s.replace("TLSv1_", "TLSv1."));
        o.set("protocol", protocol)?;
        let alpn = c
            .tls
            .alpn_protocol()
            .map(|a| String::from_utf8_lossy(a).into_owned());
        o.set("alpn", alpn)?;
        let cipher = c
            .tls
            .negotiated_cipher_suite()
            .and_then(|s| s.suite().as_str())
            .map(str::to_owned);
        o.set("cipher", cipher)?;
        if let Connection::Server(s) = &c.tls {
            o.set("servername", s.server_name())?;
        }
        let certs: Vec<TypedArray<'_, u8>> = c
            .tls
            .peer_certificates()
            .unwrap_or_default()
            .iter()
            .map(|d| TypedArray::new(ctx.clone(), d.as_ref().to_vec()))
            .collect::<rquickjs::Result<_>>()?;
        o.set("peerCerts", certs)?;
        let failure = *c.slot.lock().unwrap_or_else(PoisonError::into_inner);
        o.set("verifyError", failure.map(|(code, msg)| vec![code, msg]))?;
        o.into_js(&ctx)
    })
}

/// `certInfo(der)`: the certificate as Node's object, or undefined.
fn cert_info<'js>(ctx: Ctx<'js>, der: TypedArray<'js, u8>) -> rquickjs::Result<Value<'js>> {
    let bytes = copy_of(&der);
    match cert::info(&ctx, &bytes)? {
        Some(o) => o.into_js(&ctx),
        None => Ok(Value::new_undefined(ctx.clone())),
    }
}

/// `rootCertificates()`: the system's roots as PEM strings.
fn root_certificates() -> Vec<String> {
    use base64::Engine as _;
    config::system_roots()
        .iter()
        .map(|c| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(c.as_ref());
            let body: Vec<&str> = b64
                .as_bytes()
                .chunks(64)
                .map(|l| std::str::from_utf8(l).unwrap_or_default())
                .collect();
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----",
                body.join("\n")
            )
        })
        .collect()
}

/// Puts the TLS natives on the host object as `host.tls`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let o = Object::new(ctx.clone())?;
    o.set("open", Function::new(ctx.clone(), open)?)?;
    o.set("feed", Function::new(ctx.clone(), feed)?)?;
    o.set("write", Function::new(ctx.clone(), write)?)?;
    o.set("flush", Function::new(ctx.clone(), flush)?)?;
    o.set("end", Function::new(ctx.clone(), end)?)?;
    o.set("close", Function::new(ctx.clone(), close)?)?;
    o.set("info", Function::new(ctx.clone(), info)?)?;
    o.set("certInfo", Function::new(ctx.clone(), cert_info)?)?;
    o.set(
        "rootCertificates",
        Function::new(ctx.clone(), root_certificates)?,
    )?;
    host.set("tls", o)
}
