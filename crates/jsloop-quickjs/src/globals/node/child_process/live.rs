//! `spawn`: a child watched by the loop. Its exit is a pidfd registered
//! for readiness, its output pipes are non-blocking registrations read in
//! the poll phase, its input pipe a write queue flushed on writability.
//!
//! Ground rules: the per-child state ([`Live`]) holds no engine value;
//! the JavaScript event callback is kept only by the loop's registration
//! callbacks, which the loop drops at its close (before the engine goes).
//! No `RefCell` borrow is held across a call into JavaScript.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::Child;
use std::rc::{Rc, Weak};

use jsloop::mio::unix::SourceFd;
use jsloop::{EventLoop, Interest, IoId};
use rquickjs::{Ctx, Function, IntoJs, Object, Persistent, TypedArray, Value};

use super::spawn::Spec;
use super::sys;
use crate::host::Host;

/// A registered descriptor.
struct Watched {
    fd: OwnedFd,
    io: IoId,
    /// Deregistered while the reader's buffer is full.
    paused: Cell<bool>,
}

impl Watched {
    fn new(fd: OwnedFd, io: IoId) -> Self {
        Self {
            fd,
            io,
            paused: Cell::new(false),
        }
    }
}

impl Watched {
    /// Stops watching and closes the descriptor.
    fn close(self, lp: &EventLoop) {
        let raw = self.fd.as_raw_fd();
        let _ = lp.close_io(self.io, &mut SourceFd(&raw), move |_| drop(self.fd));
    }
}

/// The child's standard input: a registration and what waits to be written.
struct Input {
    pipe: Watched,
    queue: VecDeque<Vec<u8>>,
    /// `end()` was called: close once the queue is written.
    ending: bool,
}

/// One running child.
struct Live {
    child: RefCell<Child>,
    exit: RefCell<Option<Watched>>,
    input: RefCell<Option<Input>>,
    outs: [RefCell<Option<Watched>>; 2],
}

type Table = Rc<RefCell<HashMap<u32, Rc<Live>>>>;
type Callback = Rc<Persistent<Function<'static>>>;

/// Calls the JavaScript event callback with `(kind, a, b)`.
fn emit<A, B>(host: &Weak<Host>, cb: &Callback, kind: &str, a: A, b: B)
where
    A: for<'js> IntoJs<'js>,
    B: for<'js> IntoJs<'js>,
{
    if let Some(host) = host.upgrade() {
        host.enter(|ctx| {
            let f = Persistent::clone(cb).restore(ctx)?;
            f.call::<_, ()>((kind, a, b))
        });
    }
}

/// Output bytes as a JavaScript value (the callback gets a Uint8Array).
struct Bytes(Vec<u8>);

impl<'js> IntoJs<'js> for Bytes {
    fn into_js(self, ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(TypedArray::new(ctx.clone(), self.0)?.into_value())
    }
}

/// Writes the queued input; returns an errno if the pipe failed, and
/// whether the queue went from full to empty.
fn flush(input: &mut Input) -> Result<bool, i32> {
    let had = !input.queue.is_empty();
    while let Some(front) = input.queue.front_mut() {
        match sys::write_some(input.pipe.fd.as_raw_fd(), front) {
            Ok(n) if n == front.len() => {
                input.queue.pop_front();
            }
            Ok(n) => {
                front.drain(..n);
                return Ok(false);
            }
            Err(e) => return Err(sys::errno_of(&e)),
        }
    }
    Ok(had)
}

/// Starts the child and its registrations; returns its pid.
fn start(
    lp: &EventLoop,
    host: &Weak<Host>,
    table: &Table,
    id: u32,
    spec: &Spec,
    cb: &Callback,
) -> Result<u32, i32> {
    let mut child = spec.spawn().map_err(|e| sys::errno_of(&e))?;
    let pid = child.id();
    let Some(pidfd) = sys::pidfd_open(pid) else {
        sys::kill(pid, libc::SIGKILL);
        let _ = child.wait();
        return Err(-libc::ENOSYS);
    };
    let stdin = child.stdin.take().map(OwnedFd::from);
    let outs = [
        child.stdout.take().map(OwnedFd::from),
        child.stderr.take().map(OwnedFd::from),
    ];
    let live = Rc::new(Live {
        child: RefCell::new(child),
        exit: RefCell::new(None),
        input: RefCell::new(None),
        outs: [RefCell::new(None), RefCell::new(None)],
    });
    table.borrow_mut().insert(id, live.clone());
    let forget = {
        let (table, live) = (Rc::downgrade(table), Rc::downgrade(&live));
        move || {
            let (Some(table), Some(live)) = (table.upgrade(), live.upgrade()) else {
                return;
            };
            let idle = live.exit.borrow().is_none()
                && live.input.borrow().is_none()
                && live.outs.iter().all(|o| o.borrow().is_none());
            if idle {
                table.borrow_mut().remove(&id);
            }
        }
    };
    let forget: Rc<dyn Fn()> = Rc::new(forget);

    // The exit.
    let raw = pidfd.as_raw_fd();
    let (l, h, c, f) = (
        Rc::downgrade(&live),
        host.clone(),
        cb.clone(),
        forget.clone(),
    );
    let io = lp
        .register(&mut SourceFd(&raw), Interest::READABLE, move |lp, _| {
            let Some(live) = l.upgrade() else { return };
            let Ok(Some(status)) = live.child.borrow_mut().try_wait() else {
                return;
            };
            if let Some(w) = live.exit.borrow_mut().take() {
                w.close(lp);
            }
            emit(&h, &c, "exit", status.code(), status.signal());
            f();
        })
        .map_err(|_| -libc::EINVAL)?;
    *live.exit.borrow_mut() = Some(Watched::new(pidfd, io));

    // The output pipes.
    for (i, fd) in outs.into_iter().enumerate() {
        let Some(fd) = fd else { continue };
        sys::set_nonblocking(fd.as_raw_fd());
        let raw = fd.as_raw_fd();
        let reader = Rc::new(Reader {
            live: Rc::downgrade(&live),
            index: i,
            host: host.clone(),
            cb: cb.clone(),
            forget: forget.clone(),
        });
        let io = lp
            .register(&mut SourceFd(&raw), Interest::READABLE, move |lp, _| {
                reader.pump(lp);
            })
            .map_err(|_| -libc::EINVAL)?;
        *live.outs[i].borrow_mut() = Some(Watched::new(fd, io));
    }

    // The input pipe.
    if let Some(fd) = stdin {
        sys::set_nonblocking(fd.as_raw_fd());
        let raw = fd.as_raw_fd();
        let (l, h, c, f) = (
            Rc::downgrade(&live),
            host.clone(),
            cb.clone(),
            forget.clone(),
        );
        let io = lp
            .register(&mut SourceFd(&raw), Interest::WRITABLE, move |lp, _| {
                let Some(live) = l.upgrade() else { return };
                let flushed = live.input.borrow_mut().as_mut().map(flush);
                match flushed {
                    Some(Ok(drained)) => {
                        close_if_ended(lp, &live);
                        if drained {
                            emit(&h, &c, "drain", 0, ());
                        }
                    }
                    Some(Err(errno)) => {
                        if let Some(input) = live.input.borrow_mut().take() {
                            input.pipe.close(lp);
                        }
                        emit(&h, &c, "error", 0, errno);
                    }
                    None => {}
                }
                f();
            })
            .map_err(|_| -libc::EINVAL)?;
        // Unreferenced: a child's open stdin does not keep the loop alive
        // by itself (its exit registration does).
        lp.unref_io(io);
        *live.input.borrow_mut() = Some(Input {
            pipe: Watched::new(fd, io),
            queue: VecDeque::new(),
            ending: false,
        });
    }
    Ok(pid)
}

/// The reads per turn from one output pipe before the loop's other
/// callbacks get their turn (libuv reads 32 times 64 KiB).
const READS_PER_TURN: usize = 16;

/// Reads one output pipe of a child into JavaScript.
struct Reader {
    live: Weak<Live>,
    /// 0 for stdout, 1 for stderr.
    index: usize,
    host: Weak<Host>,
    cb: Callback,
    forget: Rc<dyn Fn()>,
}

impl Reader {
    /// Reads what the pipe has (a bounded amount: the rest in an
    /// immediate), hands it to JavaScript, and closes the pipe at its end.
    fn pump(self: &Rc<Self>, lp: &EventLoop) {
        let Some(live) = self.live.upgrade() else {
            return;
        };
        let i = self.index;
        let mut buf = Vec::new();
        let state = match &*live.outs[i].borrow() {
            Some(w) if !w.paused.get() => {
                sys::read_some(w.fd.as_raw_fd(), &mut buf, READS_PER_TURN)
            }
            _ => return,
        };
        if !buf.is_empty() {
            emit(&self.host, &self.cb, "data", i + 1, Bytes(buf));
        }
        match state {
            sys::ReadState::Ended => {
                let taken = live.outs[i].borrow_mut().take();
                if let Some(w) = taken {
                    w.close(lp);
                }
                emit(&self.host, &self.cb, "end", i + 1, ());
                (self.forget)();
            }
            sys::ReadState::More => {
                let again = self.clone();
                let _ = lp.set_immediate(move |lp| again.pump(lp));
            }
            sys::ReadState::Drained => {}
        }
    }
}

/// Closes the input once `end()` was called and everything is written.
fn close_if_ended(lp: &EventLoop, live: &Live) {
    let done = live
        .input
        .borrow()
        .as_ref()
        .is_some_and(|i| i.ending && i.queue.is_empty());
    if done {
        if let Some(input) = live.input.borrow_mut().take() {
            input.pipe.close(lp);
        }
    }
}

/// Puts the natives of running children on the host object:
/// `cpSpawn(options, onEvent)` → `[id, pid]` or a negative errno,
/// `cpWrite(id, bytes)` → 1 written, 0 queued, or a negative errno,
/// `cpEnd(id)`, `cpClose(id, 0 | 1 | 2)` (closes the input pipe at once,
/// or stops reading an output pipe and closes it), `cpFlow(id, 1 | 2, on)`
/// (stops or restarts reading an output pipe: the reader's backpressure),
/// `cpRef(id, on)`.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(super) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let table: Table = Rc::default();
    let next = Rc::new(Cell::new(1u32));
    let weak = Rc::downgrade(host);
    let (w, t) = (weak.clone(), table.clone());
    o.set(
        "cpSpawn",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  opts: Object<'js>,
                  cb: Function<'js>|
                  -> rquickjs::Result<Value<'js>> {
                let spec = Spec::from_js(&opts)?;
                let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) else {
                    return (-libc::EINVAL).into_js(&ctx);
                };
                let id = next.get();
                next.set(id.wrapping_add(1).max(1));
                let cb: Callback = Rc::new(Persistent::save(&ctx, cb));
                match start(&lp, &w, &t, id, &spec, &cb) {
                    Ok(pid) => vec![id, pid].into_js(&ctx),
                    Err(errno) => {
                        if let Some(live) = t.borrow_mut().remove(&id) {
                            release(&lp, &live);
                        }
                        errno.into_js(&ctx)
                    }
                }
            },
        )?,
    )?;
    let (w, t) = (weak.clone(), table.clone());
    o.set(
        "cpWrite",
        Function::new(
            ctx.clone(),
            move |id: u32, data: TypedArray<'js, u8>| -> i32 {
                let Some(live) = t.borrow().get(&id).cloned() else {
                    return -libc::EPIPE;
                };
                // SAFETY: the bytes are copied before any JavaScript runs.
                let bytes = unsafe { data.as_bytes() }.unwrap_or_default().to_vec();
                let flushed = {
                    let mut input = live.input.borrow_mut();
                    let Some(input) = input.as_mut() else {
                        return -libc::EPIPE;
                    };
                    input.queue.push_back(bytes);
                    flush(input).map(|_| input.queue.is_empty())
                };
                match flushed {
                    Ok(true) => 1,
                    Ok(false) => 0,
                    Err(errno) => {
                        let input = live.input.borrow_mut().take();
                        if let (Some(input), Some(lp)) =
                            (input, w.upgrade().and_then(|h| h.lp.upgrade()))
                        {
                            input.pipe.close(&lp);
                        }
                        errno
                    }
                }
            },
        )?,
    )?;
    let (w, t) = (weak.clone(), table.clone());
    o.set(
        "cpEnd",
        Function::new(ctx.clone(), move |id: u32| {
            let Some(live) = t.borrow().get(&id).cloned() else {
                return;
            };
            if let Some(input) = live.input.borrow_mut().as_mut() {
                input.ending = true;
            }
            if let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) {
                close_if_ended(&lp, &live);
            }
        })?,
    )?;
    let (w, t) = (weak.clone(), table.clone());
    o.set(
        "cpClose",
        Function::new(ctx.clone(), move |id: u32, index: usize| {
            let Some(live) = t.borrow().get(&id).cloned() else {
                return;
            };
            let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) else {
                return;
            };
            if index == 0 {
                let input = live.input.borrow_mut().take();
                if let Some(input) = input {
                    input.pipe.close(&lp);
                }
                return;
            }
            let Some(out) = live.outs.get(index.wrapping_sub(1)) else {
                return;
            };
            let taken = out.borrow_mut().take();
            if let Some(w) = taken {
                w.close(&lp);
            }
        })?,
    )?;
    let (w, t) = (weak.clone(), table.clone());
    o.set(
        "cpFlow",
        Function::new(ctx.clone(), move |id: u32, index: usize, on: bool| {
            let Some(live) = t.borrow().get(&id).cloned() else {
                return;
            };
            let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) else {
                return;
            };
            let Some(out) = live.outs.get(index.wrapping_sub(1)) else {
                return;
            };
            let out = out.borrow();
            let Some(w) = out.as_ref().filter(|w| w.paused.get() == on) else {
                return;
            };
            let raw = w.fd.as_raw_fd();
            let changed = if on {
                lp.reregister(w.io, &mut SourceFd(&raw), Interest::READABLE)
            } else {
                lp.deregister(w.io, &mut SourceFd(&raw))
            };
            if changed.is_ok() {
                w.paused.set(!on);
            }
        })?,
    )?;
    let (w, t) = (weak, table);
    o.set(
        "cpRef",
        Function::new(ctx.clone(), move |id: u32, on: bool| {
            let Some(live) = t.borrow().get(&id).cloned() else {
                return;
            };
            let Some(lp) = w.upgrade().and_then(|h| h.lp.upgrade()) else {
                return;
            };
            let io = live.exit.borrow().as_ref().map(|e| e.io);
            if let Some(io) = io {
                if on {
                    lp.ref_io(io);
                } else {
                    lp.unref_io(io);
                }
            }
        })?,
    )?;
    Ok(())
}

/// Closes every registration of a child that failed to start fully.
fn release(lp: &EventLoop, live: &Live) {
    if let Some(w) = live.exit.borrow_mut().take() {
        w.close(lp);
    }
    if let Some(i) = live.input.borrow_mut().take() {
        i.pipe.close(lp);
    }
    for o in &live.outs {
        if let Some(w) = o.borrow_mut().take() {
            w.close(lp);
        }
    }
}
