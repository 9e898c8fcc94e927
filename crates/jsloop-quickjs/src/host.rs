//! The binding's state on the loop thread, and the job queue that drains
//! the engine's promise jobs at every microtask checkpoint.
//!
//! Ground rules:
//! - Everything here lives on the loop thread. Engine callbacks and loop
//!   callbacks hold only a `Weak<Host>`, so nothing keeps the engine alive
//!   from inside it.
//! - Every engine handle the binding keeps here (the dispatch table, the
//!   rejection events, the nextTick queue, the resolvers of host promises)
//!   is a `Persistent` released by [`Host::release`] before the engine
//!   runtime is dropped; the handles of pending timers and immediates live
//!   in the loop's callbacks, dropped when the runtime closes the loop.
//! - The engine's lock is taken only from loop callbacks (timers, ticks,
//!   immediates, the checkpoint), never from a native function JavaScript
//!   called, so it is never taken twice.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};
use std::time::Instant;

use jsloop::{EventLoop, JobQueue, LocalHandle};
use rquickjs::{Context, Ctx, Function, Object, Persistent, Value};

use crate::output::{Output, Stream};

/// The dispatch functions called on every timer, immediate and tick.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Dispatch {
    Timer = 0,
    CoerceDelay = 1,
    TickError = 2,
}

/// One report of the engine's rejection tracker.
type RejectionEvent = (bool, Persistent<Value<'static>>, Persistent<Value<'static>>);

pub(crate) struct Host {
    /// This host, weakly, for callbacks made from a `&Host`.
    pub(crate) me: Weak<Host>,
    pub(crate) lp: LocalHandle,
    pub(crate) context: Context,
    pub(crate) engine: rquickjs::Runtime,
    pub(crate) output: Output,
    pub(crate) started: Instant,
    /// When the current entry into JavaScript began (for the CPU limit).
    pub(crate) entered: Cell<Option<Instant>>,
    /// Whether a CPU limit is set (else `entered` is not kept).
    pub(crate) cpu_limited: Cell<bool>,
    dispatch: RefCell<Option<Persistent<Object<'static>>>>,
    /// The hot dispatch functions, cached (indexed by [`Dispatch`]).
    fast: RefCell<[Option<Persistent<Value<'static>>>; 3]>,
    /// Whether a loop nextTick that drains [`Host::ticks`] is queued.
    pub(crate) tick_queued: Cell<bool>,
    /// Whether JavaScript keeps timers by primitive id (then firing goes
    /// through `runTimer`, which forgets them).
    pub(crate) primitives: Cell<bool>,
    /// `process.nextTick` callbacks and their arguments, in order.
    pub(crate) ticks: RefCell<VecDeque<Tick>>,
    events: RefCell<Vec<RejectionEvent>>,
    exit: Cell<Option<i32>>,
    /// Promises returned by async host functions, by id: (resolve, reject).
    pub(crate) settlers: RefCell<HashMap<u64, Settlers>>,
    pub(crate) next_settler: Cell<u64>,
}

/// A queued `process.nextTick` callback and its arguments.
pub(crate) type Tick = (Persistent<Value<'static>>, Vec<Persistent<Value<'static>>>);

/// The resolve and reject functions of a pending host promise.
pub(crate) type Settlers = (Persistent<Function<'static>>, Persistent<Function<'static>>);

impl Host {
    pub(crate) fn new(
        lp: &EventLoop,
        context: Context,
        engine: rquickjs::Runtime,
        output: Output,
    ) -> Rc<Self> {
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            lp: lp.local_handle(),
            context,
            engine,
            output,
            started: Instant::now(),
            entered: Cell::new(None),
            cpu_limited: Cell::new(false),
            dispatch: RefCell::new(None),
            fast: RefCell::new([None, None, None]),
            tick_queued: Cell::new(false),
            ticks: RefCell::new(VecDeque::new()),
            primitives: Cell::new(false),
            events: RefCell::new(Vec::new()),
            exit: Cell::new(None),
            settlers: RefCell::new(HashMap::new()),
            next_settler: Cell::new(0),
        })
    }

    pub(crate) fn set_dispatch<'js>(
        &self,
        ctx: &Ctx<'js>,
        dispatch: Object<'js>,
    ) -> rquickjs::Result<()> {
        let mut fast = self.fast.borrow_mut();
        for (i, name) in ["runTimer", "coerceDelay", "tickError"].iter().enumerate() {
            let f: Value = dispatch.get(*name)?;
            fast[i] = Some(Persistent::save(ctx, f));
        }
        let timeout: Value = dispatch.get("timeoutProto")?;
        let immediate: Value = dispatch.get("immediateProto")?;
        crate::ffi::set_prototypes(ctx, &timeout, &immediate);
        let old = self.dispatch.replace(Some(Persistent::save(ctx, dispatch)));
        drop(old);
        Ok(())
    }

    /// The exit code, once `process.exit` (or a fatal error) ran.
    pub(crate) fn exit_code(&self) -> Option<i32> {
        self.exit.get()
    }

    /// Marks the runtime exiting with `code` and stops the loop at once.
    pub(crate) fn set_exit(&self, code: i32) {
        if self.exit.get().is_none() {
            self.exit.set(Some(code));
        }
        if let Some(lp) = self.lp.upgrade() {
            lp.close();
        }
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

    /// Releases every engine handle (before the engine is dropped).
    pub(crate) fn release(&self) {
        let dispatch = self.dispatch.borrow_mut().take();
        let fast = std::mem::take(&mut *self.fast.borrow_mut());
        drop(fast);
        let events = std::mem::take(&mut *self.events.borrow_mut());
        let settlers = std::mem::take(&mut *self.settlers.borrow_mut());
        let ticks = std::mem::take(&mut *self.ticks.borrow_mut());
        drop((dispatch, events, settlers, ticks));
    }

    /// Calls a cached dispatch function with one engine object (a
    /// `Timeout` or `Immediate`), or none.
    pub(crate) fn run(&self, which: Dispatch, target: Option<&Persistent<Value<'static>>>) {
        if self.exit.get().is_some() {
            return;
        }
        let Some(f) = self.fast.borrow()[which as usize].clone() else {
            return;
        };
        if self.cpu_limited.get() {
            self.entered.set(Some(Instant::now()));
        }
        self.context.with(|ctx| {
            let Ok(f) = f.restore(&ctx) else {
                return;
            };
            let target = target.and_then(|t| t.clone().restore(&ctx).ok());
            let args = target.as_slice();
            if !crate::ffi::call(&ctx, &f, None, args) {
                let exception = ctx.catch();
                if self.exit.get().is_none() {
                    self.report_escaped(&ctx, exception);
                }
            }
        });
    }

    /// Fires a timer: a `plain` one (no extra arguments) while no timer
    /// is kept by primitive id is called straight from here, with `this`
    /// = its `Timeout`; any other goes through JavaScript's `runTimer`.
    pub(crate) fn run_timer(&self, target: &Persistent<Value<'static>>, repeat: bool, plain: bool) {
        if !plain || self.primitives.get() {
            return self.run(Dispatch::Timer, Some(target));
        }
        if self.exit.get().is_some() {
            return;
        }
        if self.cpu_limited.get() {
            self.entered.set(Some(Instant::now()));
        }
        self.context.with(|ctx| {
            let Ok(this) = target.clone().restore(&ctx) else {
                return;
            };
            let Some(f) = crate::ffi::timer_callback(&ctx, &this, !repeat) else {
                return;
            };
            if !crate::ffi::call(&ctx, &f, Some(&this), &[]) {
                let exception = ctx.catch();
                self.fatal(&ctx, exception);
            }
        });
    }

    /// Runs every queued `process.nextTick` callback, those queued while
    /// it runs included, as Node drains its tick queue before microtasks.
    pub(crate) fn drain_ticks(&self) {
        if self.cpu_limited.get() {
            self.entered.set(Some(Instant::now()));
        }
        self.context.with(|ctx| {
            while self.exit.get().is_none() {
                let next = self.ticks.borrow_mut().pop_front();
                let Some((f, args)) = next else {
                    break;
                };
                let Ok(f) = f.restore(&ctx) else {
                    continue;
                };
                let args: Vec<Value> = args
                    .into_iter()
                    .filter_map(|a| a.restore(&ctx).ok())
                    .collect();
                if !crate::ffi::call(&ctx, &f, None, &args) {
                    let exception = ctx.catch();
                    self.fatal(&ctx, exception);
                }
            }
        });
        self.tick_queued.set(false);
    }

    /// Node's error for a `process.nextTick` callback that is not a
    /// function; `None` if making it threw (the exception is pending).
    pub(crate) fn tick_error<'js>(
        &self,
        ctx: &Ctx<'js>,
        callback: Value<'js>,
    ) -> Option<Value<'js>> {
        let f = self.fast.borrow()[Dispatch::TickError as usize].clone()?;
        let f: Function = f.restore(ctx).ok()?.into_function()?;
        f.call((callback,)).ok()
    }

    /// Node's coercion of a timer delay that is not a number in range
    /// (and its overflow warning); `None` if it threw (pending).
    pub(crate) fn coerce_delay<'js>(&self, ctx: &Ctx<'js>, after: Value<'js>) -> Option<f64> {
        let f = self.fast.borrow()[Dispatch::CoerceDelay as usize].clone()?;
        let f: Function = f.restore(ctx).ok()?.into_function()?;
        f.call((after,)).ok()
    }

    /// Runs an immediate: marks its object fired (`_id = 0`), then calls
    /// the callback with `this` = the object.
    pub(crate) fn run_immediate(
        &self,
        target: Persistent<Value<'static>>,
        f: Persistent<Value<'static>>,
        args: Vec<Persistent<Value<'static>>>,
    ) {
        if self.exit.get().is_some() {
            return;
        }
        if self.cpu_limited.get() {
            self.entered.set(Some(Instant::now()));
        }
        self.context.with(|ctx| {
            let (Ok(this), Ok(f)) = (target.restore(&ctx), f.restore(&ctx)) else {
                return;
            };
            crate::ffi::clear_id(&ctx, &this);
            let args: Vec<Value> = args
                .into_iter()
                .filter_map(|a| a.restore(&ctx).ok())
                .collect();
            if !crate::ffi::call(&ctx, &f, Some(&this), &args) {
                let exception = ctx.catch();
                self.fatal(&ctx, exception);
            }
        });
    }

    /// Calls `dispatch[name](args)` inside the engine; an exception that
    /// escapes (only the uncatchable exit signal can) is dropped.
    pub(crate) fn call<A>(&self, name: &str, args: A)
    where
        A: for<'js> rquickjs::function::IntoArgs<'js>,
    {
        if self.exit.get().is_some() {
            return;
        }
        let Some(dispatch) = self.dispatch.borrow().clone() else {
            return;
        };
        if self.cpu_limited.get() {
            self.entered.set(Some(Instant::now()));
        }
        self.context.with(|ctx| {
            let result: rquickjs::Result<()> = (|| {
                let table = dispatch.restore(&ctx)?;
                let f: Function = table.get(name)?;
                f.call::<_, ()>(args)
            })();
            if result.is_err() {
                let exception = ctx.catch();
                if self.exit.get().is_none() {
                    self.report_escaped(&ctx, exception);
                }
            }
        });
    }

    /// An exception escaped the dispatch table itself: print and exit 1.
    fn report_escaped<'js>(&self, ctx: &Ctx<'js>, exception: Value<'js>) {
        let text = crate::globals::describe(ctx, exception);
        self.output.write(Stream::Stderr, &format!("{text}\n"));
        self.set_exit(1);
    }

    /// Hands an exception to `uncaughtException` (or the fatal path).
    pub(crate) fn fatal<'js>(&self, ctx: &Ctx<'js>, exception: Value<'js>) {
        if self.exit.get().is_some() {
            return;
        }
        let Some(dispatch) = self.dispatch.borrow().clone() else {
            return;
        };
        let result: rquickjs::Result<()> = (|| {
            let table = dispatch.restore(ctx)?;
            let f: Function = table.get("fatal")?;
            f.call::<_, ()>((exception.clone(),))
        })();
        if result.is_err() {
            let escaped = ctx.catch();
            if self.exit.get().is_none() {
                self.report_escaped(ctx, escaped);
            }
        }
    }

    /// Runs `beforeExit` listeners; returns the exit code so far.
    pub(crate) fn before_exit(&self) {
        self.call("beforeExit", ());
    }

    /// Runs `exit` listeners (once) and returns the final exit code.
    pub(crate) fn finish(&self) -> i32 {
        if let Some(code) = self.exit.get() {
            return code;
        }
        let Some(dispatch) = self.dispatch.borrow().clone() else {
            return 0;
        };
        let code = self.context.with(|ctx| {
            let r: rquickjs::Result<i32> = (|| {
                let table = dispatch.restore(&ctx)?;
                let f: Function = table.get("exit")?;
                f.call(())
            })();
            match r {
                Ok(code) => code,
                Err(_) => {
                    let _ = ctx.catch();
                    self.exit.get().unwrap_or(1)
                }
            }
        });
        // As Node when the loop runs dry: promise jobs and microtasks that
        // `exit` listeners queued still run (nextTicks and timers do not).
        while self.exit.get().is_none() {
            match self.engine.execute_pending_job() {
                Ok(true) => {}
                Ok(false) => break,
                Err(job) => job.0.with(|ctx| drop(ctx.catch())),
            }
        }
        let code = self.exit.get().unwrap_or(code);
        self.exit.set(Some(code));
        code
    }
}

/// The engine's job queue, drained at every microtask checkpoint.
pub(crate) struct EngineJobs(pub(crate) Weak<Host>);

impl JobQueue for EngineJobs {
    fn run_jobs(&self, _lp: &EventLoop) -> bool {
        let Some(host) = self.0.upgrade() else {
            return false;
        };
        let mut ran = false;
        while host.exit.get().is_none() {
            match host.engine.execute_pending_job() {
                Ok(true) => ran = true,
                Ok(false) => break,
                Err(job) => {
                    ran = true;
                    job.0.with(|ctx| {
                        let exception = ctx.catch();
                        host.fatal(&ctx, exception);
                    });
                }
            }
        }
        ran
    }

    fn checkpoint_end(&self, _lp: &EventLoop) -> bool {
        let Some(host) = self.0.upgrade() else {
            return false;
        };
        let events = std::mem::take(&mut *host.events.borrow_mut());
        if events.is_empty() || host.exit.get().is_some() {
            return false;
        }
        let Some(dispatch) = host.dispatch.borrow().clone() else {
            return false;
        };
        host.context.with(|ctx| {
            let r: rquickjs::Result<()> = (|| {
                let list = rquickjs::Array::new(ctx.clone())?;
                let mut i = 0;
                for (handled, promise, reason) in events {
                    list.set(i, handled)?;
                    list.set(i + 1, promise.restore(&ctx)?)?;
                    list.set(i + 2, reason.restore(&ctx)?)?;
                    i += 3;
                }
                let table = dispatch.restore(&ctx)?;
                let f: Function = table.get("rejections")?;
                f.call::<_, ()>((list,))
            })();
            if r.is_err() {
                let escaped = ctx.catch();
                if host.exit.get().is_none() {
                    host.report_escaped(&ctx, escaped);
                }
            }
        });
        true
    }
}
