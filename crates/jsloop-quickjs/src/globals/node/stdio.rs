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

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};

use jsloop::Hold;
use rquickjs::{Ctx, Function, JsLifetime, Object, TypedArray, Value};

use crate::host::Host;
use crate::output::Stream;

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

/// Puts `writeBytes(fd, bytes)`, `stdinRead(callback)` and `stdinStop()`
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
