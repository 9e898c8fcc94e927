//! The natives of `process.stdin`, `stdout` and `stderr` (`js/stdio.js`).
//!
//! Standard input is read by one dedicated thread, started on the first
//! read: it reads a chunk only when JavaScript asks for one (the stream's
//! `_read`), so input is never consumed ahead of demand, and hands it to the
//! loop through the thread-safe [`jsloop::Handle`]. A blocking thread works
//! the same for every kind of stdin (pipe, terminal, regular file, which
//! readiness polling cannot watch) and leaves the file's flags as they are
//! (no `O_NONBLOCK` on a description the parent shares). While a read is
//! wanted, a [`Hold`] keeps the loop alive; `stdinStop` (a paused stdin)
//! drops it so the process can exit, as Node's `readStop` does.
//!
//! Standard output and error are written synchronously to files and
//! terminals; a pipe is made non-blocking and written asynchronously, as
//! libuv's: a write the pipe cannot take at once is queued (with console
//! output after it, in order) and finished when the pipe is writable, its
//! JavaScript callback called then (`EPIPE` when the reader is gone).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};

use jsloop::mio::unix::SourceFd;
use jsloop::{EventLoop, Hold, Interest, IoId};
use rquickjs::{Ctx, Function, JsLifetime, Object, TypedArray, Value};

use crate::host::Host;
use crate::output::{Stream, Written};

/// Bytes asked of the OS per read (as libuv's pipe reads).
const CHUNK: usize = 64 * 1024;

/// What the reader thread hands to the loop.
enum Delivery {
    Data(Vec<u8>),
    End,
    Error(String),
}

/// One runtime's stdin reader, on the loop thread.
struct Stdin {
    id: u64,
    host: Weak<Host>,
    /// Stopped (a paused stdin): a chunk read meanwhile waits here, as if
    /// not read yet, until the next read is asked for.
    stopped: bool,
    pending: Option<Delivery>,
    demand: Option<Sender<()>>,
    outstanding: bool,
    hold: Option<Hold>,
    ended: bool,
}

/// The JavaScript function chunks are delivered to, kept as the context's
/// userdata (dropped with the context, before the engine).
struct Receiver<'js>(Function<'js>);

// SAFETY: `Receiver` holds only a `Function<'js>`, whose lifetime is the
// `'js` it is changed to.
unsafe impl<'js> JsLifetime<'js> for Receiver<'js> {
    type Changed<'to> = Receiver<'to>;
}

/// The JavaScript function told of finished asynchronous writes,
/// `(fd, seq, errno)`, kept as the context's userdata.
struct WriteDone<'js>(Function<'js>);

// SAFETY: `WriteDone` holds only a `Function<'js>`, whose lifetime is the
// `'js` it is changed to.
unsafe impl<'js> JsLifetime<'js> for WriteDone<'js> {
    type Changed<'to> = WriteDone<'to>;
}

fn stream_of(fd: i32) -> Stream {
    if fd == 2 {
        Stream::Stderr
    } else {
        Stream::Stdout
    }
}

/// `stdioKind(fd)`: `'tty'`, `'pipe'` (a FIFO or socket) or `'file'`.
fn stdio_kind(fd: i32) -> &'static str {
    // SAFETY: isatty only reads the descriptor number.
    if unsafe { libc::isatty(fd) } == 1 {
        return "tty";
    }
    // SAFETY: an all-zero stat is valid; fstat fills it or fails.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid out pointer.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return "file";
    }
    match st.st_mode & libc::S_IFMT {
        libc::S_IFIFO | libc::S_IFSOCK => "pipe",
        _ => "file",
    }
}

/// When the pipe `fd` has room: writes what is queued, stops watching it
/// once empty, and tells JavaScript of the finished writes.
fn on_writable(lp: &EventLoop, host: &Weak<Host>, fd: i32) {
    let Some(host) = host.upgrade() else {
        return;
    };
    let (finished, empty) = host.output.drain(stream_of(fd));
    if empty {
        if let Some(id) = lp.current_io() {
            let _ = lp.deregister(id, &mut SourceFd(&fd));
        }
    }
    if finished.is_empty() {
        return;
    }
    host.enter(|ctx| {
        let Some(f) = ctx.userdata::<WriteDone>().map(|w| w.0.clone()) else {
            return Ok(());
        };
        for (seq, errno) in finished {
            f.call::<_, ()>((fd, seq as f64, errno))?;
        }
        Ok(())
    });
}

/// `stdioAsync(fd, done)`: makes the pipe `fd` asynchronous; `done(fd,
/// seq, errno)` hears of queued writes finishing. False when it cannot be.
fn make_async<'js>(ctx: &Ctx<'js>, host: &Weak<Host>, fd: i32, done: Function<'js>) -> bool {
    let Some(strong) = host.upgrade() else {
        return false;
    };
    let Some(lp) = strong.lp.upgrade() else {
        return false;
    };
    if fd != 1 && fd != 2 {
        return false;
    }
    if ctx.userdata::<WriteDone>().is_none() {
        // Fails only while the userdata is borrowed, which nothing here leaves it.
        let _ = ctx.store_userdata(WriteDone(done));
    }
    if strong.output.is_captured() {
        return false;
    }
    let h = host.clone();
    let Ok(io) = lp.register(&mut SourceFd(&fd), Interest::WRITABLE, move |lp, _| {
        on_writable(lp, &h, fd);
    }) else {
        return false;
    };
    // Watched (and keeping the loop alive) only while writes are queued.
    let _ = lp.deregister(io, &mut SourceFd(&fd));
    let h = host.clone();
    let wake = move || watch(&h, io, fd);
    strong.output.make_async(stream_of(fd), Rc::new(wake))
}

/// Starts watching the pipe `fd` (registered as `io`) for room.
fn watch(host: &Weak<Host>, io: IoId, fd: i32) {
    if let Some(lp) = host.upgrade().and_then(|h| h.lp.upgrade()) {
        let _ = lp.reregister(io, &mut SourceFd(&fd), Interest::WRITABLE);
    }
}

/// `stdioWrite(fd, chunk, seq)` on an asynchronous pipe: 0 written, 1
/// queued (`done` is called later with `seq`), or a negative errno.
fn write_async<'js>(
    ctx: &Ctx<'js>,
    host: &Weak<Host>,
    fd: i32,
    chunk: &Value<'js>,
    seq: f64,
) -> i32 {
    let Some(host) = host.upgrade() else {
        return -libc::EBADF;
    };
    let bytes = if chunk.is_string() {
        crate::ffi::to_string_lossy(ctx, chunk)
            .unwrap_or_default()
            .into_bytes()
    } else {
        match TypedArray::<u8>::from_value(chunk.clone()) {
            // SAFETY: no JavaScript runs while the slice is alive.
            Ok(a) => unsafe { a.as_bytes() }
                .map(<[u8]>::to_vec)
                .unwrap_or_default(),
            Err(_) => return -libc::EINVAL,
        }
    };
    match host.output.write_async(stream_of(fd), bytes, seq as u64) {
        Written::Done => 0,
        Written::Queued => 1,
        Written::Failed(errno) => -errno,
    }
}

thread_local! {
    /// Readers by id: a delivery from the thread names its reader by id
    /// (the closure it sends must be `Send`).
    static READERS: RefCell<HashMap<u64, Weak<RefCell<Stdin>>>> = RefCell::new(HashMap::new());
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Reads stdin on demand until end of input, an error, or the loop is gone.
fn reader(id: u64, handle: jsloop::Handle, demand: std::sync::mpsc::Receiver<()>) {
    let mut buf = vec![0u8; CHUNK];
    while demand.recv().is_ok() {
        let delivery = loop {
            match std::io::stdin().lock().read(&mut buf) {
                Ok(0) => break Delivery::End,
                Ok(n) => break Delivery::Data(buf[..n].to_vec()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // Non-blocking when stdin shares its description with an
                // asynchronous stdout (one socket for both): wait for input.
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let mut p = libc::pollfd {
                        fd: 0,
                        events: libc::POLLIN,
                        revents: 0,
                    };
                    // SAFETY: one valid pollfd.
                    unsafe { libc::poll(&mut p, 1, -1) };
                    continue;
                }
                // A closed stdin reads as empty, as Node's (it opens
                // /dev/null in its place).
                Err(e) if e.raw_os_error() == Some(libc::EBADF) => break Delivery::End,
                Err(e) => break Delivery::Error(e.to_string()),
            }
        };
        let last = !matches!(delivery, Delivery::Data(_));
        if handle.submit(move |_| deliver(id, delivery)).is_err() || last {
            return;
        }
    }
}

/// On the loop thread: passes a chunk (a Uint8Array), `null` for the end,
/// or `(null, message)` to the JavaScript callback.
fn deliver(id: u64, delivery: Delivery) {
    let Some(state) = READERS.with(|r| r.borrow().get(&id).and_then(Weak::upgrade)) else {
        return;
    };
    let host = {
        let mut s = state.borrow_mut();
        s.outstanding = false;
        s.hold = None;
        if s.stopped {
            s.pending = Some(delivery);
            return;
        }
        if !matches!(delivery, Delivery::Data(_)) {
            s.ended = true;
            s.demand = None;
        }
        s.host.upgrade()
    };
    let Some(host) = host else {
        return;
    };
    host.enter(|ctx| {
        let Some(f) = ctx.userdata::<Receiver>().map(|r| r.0.clone()) else {
            return Ok(());
        };
        match delivery {
            Delivery::Data(bytes) => f.call::<_, ()>((TypedArray::<u8>::new(ctx.clone(), bytes)?,)),
            Delivery::End => f.call::<_, ()>((Value::new_null(ctx.clone()),)),
            Delivery::Error(message) => f.call::<_, ()>((Value::new_null(ctx.clone()), message)),
        }
    });
}

/// `stdinRead(callback)`: asks for the next chunk (one read at a time) and
/// keeps the loop alive until it comes.
fn read_more<'js>(ctx: &Ctx<'js>, state: &Rc<RefCell<Stdin>>, callback: Function<'js>) {
    let mut s = state.borrow_mut();
    if s.ended {
        return;
    }
    if ctx.userdata::<Receiver>().is_none() {
        // Fails only while the userdata is borrowed, which nothing here leaves it.
        let _ = ctx.store_userdata(Receiver(callback));
    }
    let Some(lp) = s.host.upgrade().and_then(|h| h.lp.upgrade()) else {
        return;
    };
    let handle = lp.handle();
    s.stopped = false;
    if s.hold.is_none() {
        s.hold = handle.hold().ok();
    }
    if s.outstanding {
        return;
    }
    let id = s.id;
    if let Some(delivery) = s.pending.take() {
        s.outstanding = true;
        if handle.submit(move |_| deliver(id, delivery)).is_err() {
            s.hold = None;
        }
        return;
    }
    if s.demand.is_none() {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("jsloop-stdin".into())
            .spawn(move || reader(id, handle, rx));
        if spawned.is_err() {
            s.hold = None;
            return;
        }
        s.demand = Some(tx);
    }
    if let Some(demand) = &s.demand {
        s.outstanding = demand.send(()).is_ok();
    }
}

/// Puts `writeBytes(fd, bytes)`, `stdioKind(fd)`, `stdioAsync(fd, done)`,
/// `stdioWrite(fd, chunk, seq)`, `stdinRead(callback)` and `stdinStop()`
/// on the host object.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let h = Rc::downgrade(host);
    o.set(
        "writeBytes",
        Function::new(ctx.clone(), move |fd: i32, bytes: TypedArray<'js, u8>| {
            let Some(host) = h.upgrade() else {
                return;
            };
            let stream = if fd == 2 {
                Stream::Stderr
            } else {
                Stream::Stdout
            };
            // SAFETY: no JavaScript runs while the slice is alive.
            if let Some(b) = unsafe { bytes.as_bytes() } {
                host.output.write_bytes(stream, b);
            }
        })?,
    )?;
    o.set("stdioKind", Function::new(ctx.clone(), stdio_kind)?)?;
    let h = Rc::downgrade(host);
    o.set(
        "stdioAsync",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, fd: i32, done: Function<'js>| make_async(&ctx, &h, fd, done),
        )?,
    )?;
    let h = Rc::downgrade(host);
    o.set(
        "stdioWrite",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, fd: i32, chunk: Value<'js>, seq: f64| {
                write_async(&ctx, &h, fd, &chunk, seq)
            },
        )?,
    )?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let state = Rc::new(RefCell::new(Stdin {
        id,
        host: Rc::downgrade(host),
        stopped: false,
        pending: None,
        demand: None,
        outstanding: false,
        hold: None,
        ended: false,
    }));
    READERS.with(|r| r.borrow_mut().insert(id, Rc::downgrade(&state)));
    let reading = state.clone();
    o.set(
        "stdinRead",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, callback: Function<'js>| {
                read_more(&ctx, &reading, callback);
            },
        )?,
    )?;
    o.set(
        "stdinStop",
        Function::new(ctx.clone(), move || {
            let mut s = state.borrow_mut();
            s.hold = None;
            s.stopped = true;
        })?,
    )?;
    Ok(())
}
