//! The binding's state on the loop thread: the engine, the exit state,
//! the JavaScript functions the Rust side calls, and the one guard every
//! call from the loop into the engine goes through.
//!
//! Ground rules:
//! - Everything here lives on the loop thread. Engine callbacks and loop
//!   callbacks hold only a `Weak<Host>`, so nothing keeps the engine alive
//!   from inside it.
//! - Every engine handle kept here (the dispatch functions, the rejection
//!   events) is released by [`Host::release`] before the engine is
//!   dropped; the handles of pending timers, immediates and ticks live in
//!   the loop's callbacks, dropped when the runtime closes the loop.
//! - No `RefCell` borrow is held while JavaScript runs: functions are
//!   cloned out of [`Dispatch`] first.

mod dispatch;
mod exit;
mod guard;
mod jobs;
mod work;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use jsloop::{EventLoop, LocalHandle};
use rquickjs::{Context, Ctx, Exception, Persistent, Value};

pub(crate) use dispatch::{Dispatch, Entry};
pub(crate) use jobs::EngineJobs;

use crate::modules::Modules;
use crate::output::{Output, Stream};
use crate::runtime::PanicHook;

/// One report of the engine's rejection tracker.
type RejectionEvent = (bool, Persistent<Value<'static>>, Persistent<Value<'static>>);

pub(crate) struct Host {
    /// This host, weakly, for callbacks made from a `&Host`.
    pub(crate) me: Weak<Host>,
    pub(crate) lp: LocalHandle,
    pub(crate) context: Context,
    pub(crate) engine: rquickjs::Runtime,
    pub(crate) output: Output,
    /// The runtime's modules (resolution, permissions, reads).
    pub(crate) modules: Rc<Modules>,
    /// Wall-clock milliseconds at the loop clock's zero.
    pub(crate) time_origin: f64,
    /// When the runtime first ran its loop (loop clock), if it did.
    pub(crate) loop_start: Cell<Option<Duration>>,
    /// When the runtime's loop last ended (loop clock), if it did.
    pub(crate) loop_exit: Cell<Option<Duration>>,
    /// The CPU-time budget of one entry into JavaScript, if limited.
    cpu_limit: Option<Duration>,
    /// Told about panics caught in host functions.
    pub(crate) panic_hook: PanicHook,
    /// When the outermost running entry began (loop clock), if any.
    entered: Cell<Option<Duration>>,
    /// Whether a due interrupt waited for a script frame once.
    interrupt_waited: Cell<bool>,
    /// How many entries are running (nested calls count once).
    depth: Cell<u32>,
    /// The context, raw, while the engine is locked by a running call.
    locked: Cell<Option<*mut rquickjs::qjs::JSContext>>,
    /// Whether the engine's memory is lent to Rust (no JavaScript may run).
    lent: Cell<bool>,
    /// The context, raw (one per runtime), for job runs that lock the
    /// engine themselves.
    raw: *mut rquickjs::qjs::JSContext,
    dispatch: RefCell<Option<Rc<Dispatch>>>,
    /// The embedding API's handles and helpers.
    pub(crate) embed: crate::embed::State,
    events: RefCell<Vec<RejectionEvent>>,
    /// The callbacks of JavaScript ticks queued on the loop, in order: the
    /// loop's tick for each pops the front one (and may run the next ones
    /// in the same entry), so its closure stays small.
    pub(crate) ticks: crate::globals::ticks::Ticks,
    exit: Cell<Option<i32>>,
    /// Whether `process.exit` ends the runtime (else only the run).
    pub(crate) exit_ends_runtime: Cell<bool>,
    /// Whether the runtime is done for good (its loop closed).
    closed: Cell<bool>,
    /// Woken when a run ends early, for a `block_on` waiting on it.
    run_waker: RefCell<Option<std::task::Waker>>,
}

impl Host {
    pub(crate) fn new(
        lp: &EventLoop,
        context: Context,
        engine: rquickjs::Runtime,
        output: Output,
        modules: Rc<Modules>,
        cpu_limit: Option<Duration>,
        panic_hook: PanicHook,
    ) -> Rc<Self> {
        let wall = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        let time_origin = wall - lp.hrtime().as_secs_f64() * 1000.0;
        let raw = context.with(|ctx| ctx.as_raw().as_ptr());
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            lp: lp.local_handle(),
            context,
            engine,
            output,
            modules,
            time_origin,
            loop_start: Cell::new(None),
            loop_exit: Cell::new(None),
            cpu_limit,
            panic_hook,
            entered: Cell::new(None),
            interrupt_waited: Cell::new(false),
            depth: Cell::new(0),
            locked: Cell::new(None),
            lent: Cell::new(false),
            raw,
            dispatch: RefCell::new(None),
            embed: crate::embed::State::default(),
            events: RefCell::new(Vec::new()),
            ticks: crate::globals::ticks::Ticks::default(),
            exit: Cell::new(None),
            exit_ends_runtime: Cell::new(true),
            closed: Cell::new(false),
            run_waker: RefCell::new(None),
        })
    }

    /// The loop clock's reading now (not the turn's cached time), since
    /// its zero: the one time source of every JavaScript time API.
    pub(crate) fn now(&self) -> Duration {
        self.lp.upgrade().map_or(Duration::ZERO, |lp| lp.hrtime())
    }

    /// Whether the running entry has used up its CPU-time budget (asked
    /// by the engine's interrupt handler).
    pub(crate) fn over_budget(&self) -> bool {
        match (self.cpu_limit, self.entered.get()) {
            (Some(limit), Some(start)) => self.now().saturating_sub(start) > limit,
            _ => false,
        }
    }

    /// The engine's interrupt check: over budget, and JavaScript running
    /// (so the error has the frames it was stopped in). An interrupt due
    /// at a call no script frame is under (a job's first call) waits one
    /// check; the engine checks every few thousand calls.
    pub(crate) fn interrupt_now(&self) -> bool {
        if !self.over_budget() {
            return false;
        }
        // SAFETY: the engine calls its interrupt handler with the runtime
        // locked, inside a call on this context; the atom is freed here.
        let framed = unsafe {
            let atom = rquickjs::qjs::JS_GetScriptOrModuleName(self.raw, 0);
            rquickjs::qjs::JS_FreeAtom(self.raw, atom);
            atom != 0 // JS_ATOM_NULL: no script frame
        };
        if framed || self.interrupt_waited.replace(false) {
            return true;
        }
        self.interrupt_waited.set(true);
        false
    }

    pub(crate) fn set_dispatch(&self, dispatch: Dispatch) {
        let old = self.dispatch.replace(Some(Rc::new(dispatch)));
        drop(old);
    }

    /// The JavaScript functions the Rust side calls, once installed.
    pub(crate) fn dispatch(&self) -> Option<Rc<Dispatch>> {
        self.dispatch.borrow().clone()
    }

    /// The exit code, once `process.exit` (or a fatal error) ran.
    pub(crate) fn exit_code(&self) -> Option<i32> {
        self.exit.get()
    }

    /// `process.exit(code)`: ends the runtime (its loop closes at once),
    /// or only the run where the embedder chose so.
    pub(crate) fn set_exit(&self, code: i32) {
        if !self.exit_ends_runtime.get() {
            self.end_run(code);
            return;
        }
        if self.exit.get().is_none() {
            self.exit.set(Some(code));
        }
        self.closed.set(true);
        if let Some(lp) = self.lp.upgrade() {
            lp.close();
        }
    }

    /// Ends the run with `code` (an uncaught error): no more JavaScript
    /// runs in it, the loop stops after its turn; the runtime stays.
    pub(crate) fn end_run(&self, code: i32) {
        if self.exit.get().is_none() {
            self.exit.set(Some(code));
        }
        let waker = self.run_waker.borrow_mut().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Whether the runtime is done for good (`process.exit` closed it).
    pub(crate) fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// Wakes `waker` when the run ends early.
    pub(crate) fn wake_on_run_end(&self, waker: &std::task::Waker) {
        *self.run_waker.borrow_mut() = Some(waker.clone());
    }

    /// Records one call of the engine's rejection tracker.
    pub(crate) fn track<'js>(
        &self,
        ctx: &Ctx<'js>,
        promise: Value<'js>,
        reason: Value<'js>,
        handled: bool,
    ) {
        let promise = Persistent::save(ctx, promise);
        let reason = Persistent::save(ctx, reason);
        self.events.borrow_mut().push((handled, promise, reason));
    }

    /// Writes an error report the JavaScript side could not print.
    pub(crate) fn write_error(&self, text: &str) {
        self.output.write(Stream::Stderr, &format!("{text}\n"));
    }

    /// Releases every engine handle (before the engine is dropped).
    pub(crate) fn release(&self) {
        let dispatch = self.dispatch.borrow_mut().take();
        let events = std::mem::take(&mut *self.events.borrow_mut());
        drop((dispatch, events));
        self.ticks.clear();
        self.embed.release();
    }
}

/// `new Error(message)` made from Rust, its `stack` in V8's shape: the
/// engine captures the stack before the message is set, so the first line
/// would read `Error` alone.
pub(crate) fn js_error<'js>(ctx: &Ctx<'js>, message: &str) -> rquickjs::Result<Exception<'js>> {
    let e = Exception::from_message(ctx.clone(), message)?;
    set_stack_header(ctx, &e, "Error", message)?;
    Ok(e)
}

/// As [`js_error`], a `TypeError`.
pub(crate) fn js_type_error<'js>(
    ctx: &Ctx<'js>,
    message: &str,
) -> rquickjs::Result<Exception<'js>> {
    let class: rquickjs::function::Constructor = ctx.globals().get("TypeError")?;
    let e: Exception = class.construct((message,))?;
    set_stack_header(ctx, &e, "TypeError", message)?;
    Ok(e)
}

fn set_stack_header<'js>(
    ctx: &Ctx<'js>,
    e: &Exception<'js>,
    name: &str,
    message: &str,
) -> rquickjs::Result<()> {
    match e.get::<_, String>("stack") {
        Ok(stack) if !message.is_empty() => {
            let frames = stack.strip_prefix(name);
            if let Some(frames) = frames.filter(|f| f.is_empty() || f.starts_with('\n')) {
                e.set("stack", format!("{name}: {message}{frames}"))?;
            }
        }
        Ok(_) => {}
        // Not a string (a user's `Error.prepareStackTrace`): left as it is.
        Err(_) => drop(ctx.catch()),
    }
    Ok(())
}
