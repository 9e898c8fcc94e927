//! The natives of `node:net` (`js/node/net.js`), `node:dns`'s lookup and
//! `node:http`'s parser:
//! a table of handles (listeners and stream sockets) registered with the
//! loop's poller. Readiness is handled in Rust (accept, connect, read,
//! write, all non-blocking); what JavaScript must know is handed to one
//! dispatcher, `dispatch(id, kind, arg)`, inside [`Host::enter`], in the
//! poll phase as Node's socket callbacks are.
//!
//! Ground rules:
//! - A handle's state is never borrowed while JavaScript runs.
//! - The dispatcher is passed by JavaScript to the natives that register
//!   loop callbacks, and kept only by those callbacks: the loop drops
//!   them before the engine goes, so no engine value outlives it.
//! - Failures are returned or dispatched as negative errno values;
//!   `js/node/net.js` builds Node's errors from them (`errname`).

mod conn;
mod dns;
mod errno;
mod http;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{ErrorKind, Read};
use std::net::{IpAddr, SocketAddr};
use std::rc::{Rc, Weak};

use jsloop::mio::net::{TcpStream, UnixStream};
use jsloop::{EventLoop, Interest, Readiness};
use rquickjs::{Ctx, Function, IntoJs, Object, Persistent, TypedArray, Value};

use self::conn::{Conn, Handle, Stream};
use crate::host::Host;

/// What the dispatcher is told.
mod kind {
    /// A listener accepted a connection: the new handle's id.
    pub(super) const CONNECTION: i32 = 1;
    /// A connect finished: 0 or a negative errno.
    pub(super) const CONNECT: i32 = 2;
    /// Bytes read (a `Uint8Array`).
    pub(super) const DATA: i32 = 3;
    /// The peer ended its side.
    pub(super) const EOF: i32 = 4;
    /// A read failed: the negative errno.
    pub(super) const READ_ERROR: i32 = 5;
    /// Writing queued bytes failed: the negative errno.
    pub(super) const WRITE_ERROR: i32 = 6;
    /// Every queued byte was written.
    pub(super) const WRITTEN: i32 = 7;
    /// The handle is closed (close phase).
    pub(super) const CLOSE: i32 = 8;
    /// A shutdown finished.
    pub(super) const SHUTDOWN: i32 = 9;
}

/// Bytes read at most per chunk, as libuv's 64 KiB.
const CHUNK: usize = 64 * 1024;

/// What a dispatch carries.
enum Arg {
    Int(i32),
    Bytes(Vec<u8>),
}

/// The handle table.
struct Net {
    host: Weak<Host>,
    handles: RefCell<HashMap<u32, Rc<RefCell<Handle>>>>,
    next: Cell<u32>,
    /// Handles closed this turn, waiting for the close phase.
    closing: RefCell<Vec<Closing>>,
    /// The read buffer, allocated once (taken while a read runs).
    buf: Cell<Option<Box<[u8]>>>,
}

/// The JavaScript dispatcher, kept by loop callbacks.
type Dispatch = Persistent<Function<'static>>;

/// A handle closed this turn: its id and state (the dispatcher is kept
/// by the close-phase callback only, so no engine value outlives the loop).
/// A listener's is dropped at once (`None`).
type Closing = (u32, Option<Rc<RefCell<Handle>>>);

impl Net {
    fn get(&self, id: u32) -> Option<Rc<RefCell<Handle>>> {
        self.handles.borrow().get(&id).cloned()
    }

    fn insert(&self, h: Handle) -> u32 {
        let id = self.next.get() + 1;
        self.next.set(id);
        self.handles
            .borrow_mut()
            .insert(id, Rc::new(RefCell::new(h)));
        id
    }

    /// Calls the dispatcher (from a loop callback).
    fn emit(&self, d: &Dispatch, id: u32, kind: i32, arg: Arg) {
        let Some(host) = self.host.upgrade() else {
            return;
        };
        let f = d.clone();
        host.enter(|ctx| {
            let f = f.restore(ctx)?;
            let arg = match arg {
                Arg::Int(n) => n.into_js(ctx)?,
                Arg::Bytes(b) => TypedArray::new(ctx.clone(), b)?.into_js(ctx)?,
            };
            f.call::<_, ()>((id, kind, arg))
        });
    }

    /// Registers a stream socket under a new id.
    fn add_stream(
        self: &Rc<Self>,
        lp: &EventLoop,
        d: &Dispatch,
        conn: Conn,
        connecting: bool,
    ) -> Result<u32, i32> {
        let id = self.insert(Handle::Stream(Box::new(Stream::new(conn, connecting))));
        let h = self.get(id).ok_or(-libc::EBADF)?;
        let me = self.clone();
        let d = d.clone();
        let mut guard = h.borrow_mut();
        let Handle::Stream(s) = &mut *guard else {
            return Err(-libc::EBADF);
        };
        let registered = lp.register(
            s.conn.source(),
            Interest::READABLE | Interest::WRITABLE,
            move |lp, r| me.on_stream(lp, &d, id, r),
        );
        match registered {
            Ok(io) => {
                s.io = Some(io);
                Ok(id)
            }
            Err(_) => {
                drop(guard);
                self.handles.borrow_mut().remove(&id);
                Err(-libc::EBADF)
            }
        }
    }

    /// Runs `f` on the stream `id` (not across JavaScript).
    fn with_stream<R>(&self, id: u32, f: impl FnOnce(&mut Stream) -> R) -> Option<R> {
        let h = self.get(id)?;
        let mut guard = h.borrow_mut();
        match &mut *guard {
            Handle::Stream(s) => Some(f(s)),
            Handle::Listener(..) => None,
        }
    }

    /// A stream's readiness.
    fn on_stream(self: &Rc<Self>, lp: &EventLoop, d: &Dispatch, id: u32, r: Readiness) {
        let connected = self.with_stream(id, |s| {
            if !s.connecting {
                return None;
            }
            let status = s.connect_status();
            if status.is_some() {
                s.connecting = false;
            }
            Some(status)
        });
        match connected {
            None => return,
            Some(Some(Some(status))) => {
                self.emit(d, id, kind::CONNECT, Arg::Int(status));
                if status != 0 {
                    return;
                }
            }
            Some(Some(None)) => return,
            Some(None) => {}
        }
        if r.is_writable() || r.is_write_closed() || r.is_error() {
            let flushed = self.with_stream(id, |s| (!s.unsent.is_empty()).then(|| s.flush()));
            match flushed {
                Some(Some(Ok(true))) => self.emit(d, id, kind::WRITTEN, Arg::Int(0)),
                Some(Some(Err(e))) => {
                    self.emit(d, id, kind::WRITE_ERROR, Arg::Int(-conn::errno(&e)));
                }
                _ => {}
            }
        }
        if r.is_readable() || r.is_read_closed() || r.is_error() {
            let _ = self.with_stream(id, |s| s.pending = true);
            self.read(lp, d, id, r.is_read_closed());
        }
    }

    /// Reads while JavaScript wants data and the socket has some.
    fn read(self: &Rc<Self>, _lp: &EventLoop, d: &Dispatch, id: u32, read_closed: bool) {
        let mut buf = self
            .buf
            .take()
            .unwrap_or_else(|| vec![0u8; CHUNK].into_boxed_slice());
        self.read_into(d, id, read_closed, &mut buf);
        self.buf.set(Some(buf));
    }

    /// [`Net::read`] with its buffer.
    fn read_into(&self, d: &Dispatch, id: u32, read_closed: bool, buf: &mut [u8]) {
        loop {
            let got = self.with_stream(id, |s| {
                if !s.reading || !s.pending {
                    return None;
                }
                loop {
                    match s.conn.read(buf) {
                        Ok(n) => {
                            if n == 0 || (n < buf.len() && !read_closed) {
                                s.pending = false;
                            }
                            if n == 0 {
                                s.reading = false;
                            }
                            return Some(Ok(n));
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {
                            s.pending = false;
                            return None;
                        }
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(e) => {
                            s.pending = false;
                            s.reading = false;
                            return Some(Err(conn::errno(&e)));
                        }
                    }
                }
            });
            match got.flatten() {
                None => return,
                Some(Ok(0)) => return self.emit(d, id, kind::EOF, Arg::Int(0)),
                Some(Ok(n)) => self.emit(d, id, kind::DATA, Arg::Bytes(buf[..n].to_vec())),
                Some(Err(e)) => return self.emit(d, id, kind::READ_ERROR, Arg::Int(-e)),
            }
        }
    }

    /// A listener's readiness: accepts every pending connection.
    fn on_listener(self: &Rc<Self>, lp: &EventLoop, d: &Dispatch, id: u32) {
        loop {
            let Some(h) = self.get(id) else { return };
            let accepted = match &*h.borrow() {
                Handle::Listener(l, _) => l.accept(),
                Handle::Stream(_) => return,
            };
            match accepted {
                Ok(Some(conn)) => {
                    if let Conn::Tcp(s) = &conn {
                        let _ = s.set_nodelay(true);
                    }
                    if let Ok(new) = self.add_stream(lp, d, conn, false) {
                        self.emit(d, id, kind::CONNECTION, Arg::Int(new as i32));
                    }
                }
                Ok(None) | Err(_) => return,
            }
        }
    }

    /// Closes a handle: deregisters it and dispatches `CLOSE` in the
    /// close phase; a stream's socket is closed then, a listener's at
    /// once. As libuv's, the handles closed in one turn are reported
    /// last-closed first.
    fn close(self: &Rc<Self>, lp: &EventLoop, d: Dispatch, id: u32) -> bool {
        let Some(h) = self.handles.borrow_mut().remove(&id) else {
            return false;
        };
        let mut guard = h.borrow_mut();
        let listener = matches!(&*guard, Handle::Listener(..));
        let closed = match &mut *guard {
            Handle::Listener(l, Some(io)) => lp.close_io(*io, l.source(), |_| ()).is_ok(),
            Handle::Stream(s) => match s.io {
                Some(io) => lp.close_io(io, s.conn.source(), |_| ()).is_ok(),
                None => false,
            },
            Handle::Listener(_, None) => false,
        };
        drop(guard);
        if !closed {
            return false;
        }
        // A listener stops taking connections at once (libuv closes its
        // fd in uv_close): a connect right after server.close() is refused.
        let kept = if listener {
            drop(h);
            None
        } else {
            Some(h)
        };
        let first = self.closing.borrow().is_empty();
        self.closing.borrow_mut().push((id, kept));
        if first {
            let me = self.clone();
            let _ = lp.queue_close(move |_| me.report_closed(&d));
        }
        true
    }

    /// Dispatches `CLOSE` for the handles closed this turn, newest first.
    fn report_closed(&self, d: &Dispatch) {
        loop {
            let next = self.closing.borrow_mut().pop();
            let Some((id, h)) = next else { return };
            drop(h);
            self.emit(d, id, kind::CLOSE, Arg::Int(0));
        }
    }
}

/// The loop of the host, if the runtime may use the network at all
/// (`js/node/net.js` checks each host first and reports the denial).
fn event_loop(net: &Net) -> Option<EventLoop> {
    let host = net.host.upgrade()?;
    if !host.modules.permissions().net_enabled() {
        return None;
    }
    host.lp.upgrade()
}

/// A TCP address from JavaScript's host and port.
fn socket_addr(host: &str, port: u16) -> Option<SocketAddr> {
    let ip: IpAddr = host.parse().ok()?;
    Some(SocketAddr::new(ip, port))
}

/// `[address, port, family]` of a TCP address.
fn addr_js<'js>(ctx: &Ctx<'js>, a: Option<SocketAddr>) -> rquickjs::Result<Value<'js>> {
    let Some(a) = a else {
        return Ok(Value::new_undefined(ctx.clone()));
    };
    let family = if a.is_ipv4() { "IPv4" } else { "IPv6" };
    let arr = rquickjs::Array::new(ctx.clone())?;
    arr.set(0, a.ip().to_string())?;
    arr.set(1, a.port())?;
    arr.set(2, family)?;
    arr.into_js(ctx)
}

/// Puts the `net` natives on the host object as `host.net`.
///
/// # Errors
///
/// The engine's error (out of memory).
#[allow(clippy::too_many_lines)]
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let net = Rc::new(Net {
        host: Rc::downgrade(host),
        handles: RefCell::new(HashMap::new()),
        next: Cell::new(0),
        closing: RefCell::new(Vec::new()),
        buf: Cell::new(None),
    });
    let n = Object::new(ctx.clone())?;
    let c = ctx.clone();
    let func = |n: &Object<'js>, name: &str, f: Function<'js>| n.set(name, f);

    // allowed(host): whether the permissions let scripts reach `host`.
    let me = net.clone();
    func(
        &n,
        "allowed",
        Function::new(c.clone(), move |name: String| {
            me.host
                .upgrade()
                .is_some_and(|h| h.modules.permissions().may_reach(&name))
        })?,
    )?;

    func(
        &n,
        "errname",
        Function::new(c.clone(), |e: i32| {
            let (code, text) = errno::describe(e.abs());
            vec![code.to_string(), text.to_string()]
        })?,
    )?;

    // listen(dispatch, host, port, backlog) or listen(dispatch, null, 0, backlog, path) → id or -errno.
    let me = net.clone();
    func(
        &n,
        "listen",
        Function::new(
            c.clone(),
            move |ctx: Ctx<'js>,
                  d: Function<'js>,
                  host: Option<String>,
                  port: u16,
                  backlog: i32,
                  path: Option<String>|
                  -> i32 {
                let d = Persistent::save(&ctx, d);
                let Some(lp) = event_loop(&me) else {
                    return -libc::EBADF;
                };
                let made = match (&path, host) {
                    (Some(p), _) => conn::listen_unix(p, backlog),
                    (None, Some(h)) => match socket_addr(&h, port) {
                        Some(a) => conn::listen_tcp(a, backlog),
                        None => return -libc::EINVAL,
                    },
                    (None, None) => conn::listen_tcp(
                        SocketAddr::new("::".parse().unwrap_or(IpAddr::from([0, 0, 0, 0])), port),
                        backlog,
                    )
                    .or_else(|_| {
                        conn::listen_tcp(SocketAddr::new(IpAddr::from([0, 0, 0, 0]), port), backlog)
                    }),
                };
                let l = match made {
                    Ok(l) => l,
                    Err(e) => return -conn::errno(&e),
                };
                let id = me.insert(Handle::Listener(l, None));
                let Some(h) = me.get(id) else {
                    return -libc::EBADF;
                };
                let mut guard = h.borrow_mut();
                let Handle::Listener(l, io) = &mut *guard else {
                    return -libc::EBADF;
                };
                let m = me.clone();
                match lp.register(l.source(), Interest::READABLE, move |lp, _| {
                    m.on_listener(lp, &d, id)
                }) {
                    Ok(i) => {
                        *io = Some(i);
                        id as i32
                    }
                    Err(_) => {
                        drop(guard);
                        me.handles.borrow_mut().remove(&id);
                        -libc::EBADF
                    }
                }
            },
        )?,
    )?;

    // connect(dispatch, host, port) or connect(dispatch, null, 0, path) → id or -errno.
    let me = net.clone();
    func(
        &n,
        "connect",
        Function::new(
            c.clone(),
            move |ctx: Ctx<'js>,
                  d: Function<'js>,
                  host: Option<String>,
                  port: u16,
                  path: Option<String>|
                  -> i32 {
                let d = Persistent::save(&ctx, d);
                let Some(lp) = event_loop(&me) else {
                    return -libc::EBADF;
                };
                let made = match (path, host) {
                    (Some(p), _) => UnixStream::connect(p).map(Conn::Unix),
                    (None, Some(h)) => match socket_addr(&h, port) {
                        Some(a) => TcpStream::connect(a).map(Conn::Tcp),
                        None => return -libc::EINVAL,
                    },
                    (None, None) => return -libc::EINVAL,
                };
                match made {
                    Ok(conn) => me
                        .add_stream(&lp, &d, conn, true)
                        .map_or_else(|e| e, |id| id as i32),
                    Err(e) => -conn::errno(&e),
                }
            },
        )?,
    )?;

    // write(id, bytes) → 0 written, 1 queued (WRITTEN follows), -errno.
    let me = net.clone();
    func(
        &n,
        "write",
        Function::new(
            c.clone(),
            move |id: u32, data: TypedArray<'js, u8>| -> i32 {
                // SAFETY: no JavaScript runs while the slice is alive.
                let bytes = unsafe { data.as_bytes() }.unwrap_or_default();
                me.with_stream(id, |s| {
                    let queued = !s.unsent.is_empty();
                    s.unsent.extend_from_slice(bytes);
                    if queued || s.connecting {
                        return 1;
                    }
                    match s.flush() {
                        Ok(true) => 0,
                        Ok(false) => 1,
                        Err(e) => -conn::errno(&e),
                    }
                })
                .unwrap_or(-libc::EBADF)
            },
        )?,
    )?;

    // shutdown(id, dispatch) → 0 (SHUTDOWN follows in the next poll phase,
    // before its I/O, as libuv's pending callbacks) or -errno.
    let me = net.clone();
    func(
        &n,
        "shutdown",
        Function::new(
            c.clone(),
            move |ctx: Ctx<'js>, id: u32, d: Function<'js>| -> i32 {
                let Some(lp) = event_loop(&me) else {
                    return -libc::EBADF;
                };
                let done = me.with_stream(id, |s| match s.conn.shutdown() {
                    Ok(()) => 0,
                    Err(e) if e.kind() == ErrorKind::NotConnected => 0,
                    Err(e) => -conn::errno(&e),
                });
                let status = done.unwrap_or(-libc::EBADF);
                if status == 0 {
                    let m = me.clone();
                    let d = Persistent::save(&ctx, d);
                    let _ = lp.submit(move |_| m.emit(&d, id, kind::SHUTDOWN, Arg::Int(0)));
                }
                status
            },
        )?,
    )?;

    let me = net.clone();
    func(
        &n,
        "readStart",
        Function::new(
            c.clone(),
            move |ctx: Ctx<'js>, id: u32, d: Function<'js>| {
                let schedule = me.with_stream(id, |s| {
                    s.reading = true;
                    let go = s.pending && !s.scheduled;
                    s.scheduled |= go;
                    go
                });
                if schedule == Some(true) {
                    if let Some(lp) = event_loop(&me) {
                        let m = me.clone();
                        let d = Persistent::save(&ctx, d);
                        let _ = lp.submit(move |lp| {
                            let _ = m.with_stream(id, |s| s.scheduled = false);
                            m.read(lp, &d, id, false);
                        });
                    }
                }
            },
        )?,
    )?;

    let me = net.clone();
    func(
        &n,
        "readStop",
        Function::new(c.clone(), move |id: u32| {
            let _ = me.with_stream(id, |s| s.reading = false);
        })?,
    )?;

    let me = net.clone();
    func(
        &n,
        "close",
        Function::new(
            c.clone(),
            move |ctx: Ctx<'js>, id: u32, d: Function<'js>| -> bool {
                let d = Persistent::save(&ctx, d);
                event_loop(&me).is_some_and(|lp| me.close(&lp, d, id))
            },
        )?,
    )?;

    let me = net.clone();
    func(
        &n,
        "ref",
        Function::new(c.clone(), move |id: u32, on: bool| {
            let Some(lp) = event_loop(&me) else { return };
            let Some(h) = me.get(id) else { return };
            let io = match &*h.borrow() {
                Handle::Listener(_, io) => *io,
                Handle::Stream(s) => s.io,
            };
            if let Some(io) = io {
                if on {
                    lp.ref_io(io);
                } else {
                    lp.unref_io(io);
                }
            }
        })?,
    )?;

    // address(id, peer) → [address, port, family] or undefined.
    let me = net.clone();
    func(
        &n,
        "address",
        Function::new(c.clone(), move |ctx: Ctx<'js>, id: u32, peer: bool| {
            let a = me.get(id).and_then(|h| match &*h.borrow() {
                Handle::Listener(l, _) => l.addr(),
                Handle::Stream(s) => s.conn.addr(peer),
            });
            addr_js(&ctx, a)
        })?,
    )?;

    let me = net.clone();
    func(
        &n,
        "setNoDelay",
        Function::new(c.clone(), move |id: u32, on: bool| {
            let _ = me.with_stream(id, |s| {
                conn::set_opt(
                    s.conn.fd(),
                    libc::IPPROTO_TCP,
                    libc::TCP_NODELAY,
                    i32::from(on),
                )
            });
        })?,
    )?;

    // setLinger0(id): the close that follows resets the connection (RST).
    let me = net.clone();
    func(
        &n,
        "setLinger0",
        Function::new(c.clone(), move |id: u32| {
            let _ = me.with_stream(id, |s| conn::set_linger0(s.conn.fd()));
        })?,
    )?;

    let me = net.clone();
    func(
        &n,
        "setKeepAlive",
        Function::new(c.clone(), move |id: u32, on: bool, secs: i32| {
            let _ = me.with_stream(id, |s| {
                let fd = s.conn.fd();
                conn::set_opt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, i32::from(on));
                if on && secs > 0 {
                    conn::set_opt(fd, libc::IPPROTO_TCP, libc::TCP_KEEPIDLE, secs);
                }
            });
        })?,
    )?;

    dns::natives(ctx, &n, host)?;
    http::natives(ctx, &n)?;
    o.set("net", n)
}
