//! Node-shaped globals, one module per family; each owns both the
//! scheduling and the firing of its callbacks:
//!
//! | module | globals |
//! |---|---|
//! | [`timers`] | `setTimeout`, `setInterval`, `clearTimeout`, `Timeout` |
//! | [`immediates`] | `setImmediate`, `clearImmediate`, `Immediate` |
//! | [`ticks`] | `process.nextTick` (the loop's own tick queue) |
//! | [`microtasks`] | `queueMicrotask` (the engine's job FIFO) |
//! | [`process`] | `process`: events, exit codes, warnings, fatal errors |
//! | [`console`] | `console` and `util.inspect` formatting |
//! | [`web`] | `performance`, events, abort, `structuredClone`, base64, `crypto` |
//! | [`module`] | `require`, `module`, `node:module`, the built-in registry |
//! | [`builtins`] | Node's built-in modules (`js/node/*.js`), loaded on first use |
//!
//! The JavaScript halves (`js/*.js`) are loaded by [`loader`] with the one
//! native `host` object the families fill in, each on first use of what it
//! defines ([`units`]); they return the functions the Rust side calls,
//! read by name into [`Dispatch`].

pub(crate) mod builtins;
pub(crate) mod console;
pub(crate) mod immediates;
pub(crate) mod loader;
pub(crate) mod microtasks;
pub(crate) mod module;
pub(crate) mod node;
pub(crate) mod process;
pub(crate) mod ticks;
pub(crate) mod timers;
pub(crate) mod units;
pub(crate) mod web;

use std::cell::{Cell, RefCell};
use std::ffi::CStr;
use std::rc::{Rc, Weak};

use rquickjs::{qjs, Ctx, Function, Object, Value};

use crate::ffi::{Atoms, OwnedValue, SpareJob};
use crate::host::{Dispatch, Host};

pub(crate) use process::ProcessInfo;

/// Property names the raw functions read and write, by index.
pub(crate) mod name {
    pub(crate) const ON_TIMEOUT: usize = 0;
    pub(crate) const IDLE_TIMEOUT: usize = 1;
    pub(crate) const ID: usize = 2;
    pub(crate) const TIMER_ARGS: usize = 3;
    pub(crate) const REPEAT: usize = 4;
    pub(crate) const REFED: usize = 5;
}
const NAMES: [&CStr; 6] = [
    c"_onTimeout",
    c"_idleTimeout",
    c"_id",
    c"_timerArgs",
    c"_repeat",
    c"_refed",
];

/// What the raw functions reach through the context's slot.
pub(crate) struct Slot {
    pub(crate) host: Weak<Host>,
    pub(crate) atoms: Atoms<6>,
    /// `Timeout.prototype` and `Immediate.prototype`, once loaded.
    pub(crate) protos: RefCell<Option<[OwnedValue; 2]>>,
    /// Objects keeping the shapes of new timers alive ([`timers::shape_keepers`]).
    pub(crate) keepers: RefCell<Vec<OwnedValue>>,
    /// Whether JavaScript keeps timers by primitive id (then firing goes
    /// through `runTimer`, which forgets them).
    pub(crate) primitives: Cell<bool>,
    /// Which start-up files ran, and what they returned.
    pub(crate) units: units::State,
    /// Until the natives are needed: what they are made from.
    pub(crate) natives: RefCell<Option<Pending>>,
    /// Keeps the arena of `queueMicrotask`'s jobs from churning
    /// ([`microtasks`]).
    pub(crate) spare_job: SpareJob,
}

/// The slot of a context inside a raw call, and its live host.
///
/// # Safety
///
/// `ctx` is the live context a raw function was called with; the result
/// is not kept past the call.
pub(crate) unsafe fn slot<'a>(ctx: *mut qjs::JSContext) -> Option<(&'a Slot, Rc<Host>)> {
    // SAFETY: per the contract.
    let slot = unsafe { crate::ffi::slot::<Slot>(ctx) }?;
    let host = slot.host.upgrade()?;
    Some((slot, host))
}

/// The body of a raw `(id, flag)` function acting on the loop (inside
/// [`crate::ffi::raw_fn`]): `op` gets the loop, the id (if JavaScript
/// handed back a valid one) and the flag; returns its result as a boolean.
///
/// # Safety
///
/// As for a raw function: live context, `argc` live arguments.
pub(crate) unsafe fn loop_op(
    ctx: *mut qjs::JSContext,
    argc: std::ffi::c_int,
    argv: *mut qjs::JSValue,
    op: impl FnOnce(&jsloop::EventLoop, u64, bool) -> bool,
) -> qjs::JSValue {
    // SAFETY: per the contract.
    let (id, flag) = unsafe {
        (
            crate::ffi::number(crate::ffi::arg(argc, argv, 0)),
            qjs::JS_ToBool(ctx, crate::ffi::arg(argc, argv, 1)) > 0,
        )
    };
    // SAFETY: per the contract.
    let done = unsafe { slot(ctx) }
        .and_then(|(_, host)| host.lp.upgrade())
        .zip(timers::valid_id(id))
        .is_some_and(|(lp, id)| op(&lp, id, flag));
    crate::ffi::boolean(done)
}

/// A kept engine value (a callback or argument a loop callback owns).
pub(crate) type Kept = rquickjs::Persistent<Value<'static>>;

/// Calls `f` with `this` and kept arguments; `Err(Exception)` (pending)
/// if it threw.
pub(crate) fn call_kept<'js>(
    ctx: &Ctx<'js>,
    f: &Value<'js>,
    this: Option<&Value<'js>>,
    args: Vec<Kept>,
) -> rquickjs::Result<()> {
    let called = if args.is_empty() {
        crate::ffi::call(ctx, f, this, &[])
    } else {
        let args: Vec<Value> = args
            .into_iter()
            .map(|a| a.restore(ctx))
            .collect::<rquickjs::Result<_>>()?;
        crate::ffi::call(ctx, f, this, &args)
    };
    if called {
        Ok(())
    } else {
        Err(rquickjs::Error::Exception)
    }
}

/// Installs every global on the context and gives the host its dispatch.
///
/// # Errors
///
/// The engine's error if a file does not load (out of memory).
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    info: &ProcessInfo,
) -> rquickjs::Result<()> {
    crate::ffi::attach(
        ctx,
        Slot {
            host: Rc::downgrade(host),
            atoms: Atoms::new(ctx, NAMES),
            protos: RefCell::new(None),
            keepers: RefCell::new(Vec::new()),
            primitives: Cell::new(false),
            units: units::State::default(),
            natives: RefCell::new(None),
            spare_job: SpareJob::new(),
        },
    );
    let obj = Object::new(ctx.clone())?;
    timers::natives(ctx, &obj)?;
    immediates::natives(ctx, &obj)?;
    obj.set(
        "loadUnit",
        Function::new(ctx.clone(), |ctx: Ctx<'_>, unit: usize| {
            units::require(&ctx, unit)
        })?,
    )?;
    obj.set(
        "utilObject",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            console::util(&ctx, &units::host(&ctx)?)
        })?,
    )?;
    if let Some(slot) = slot_of(ctx) {
        slot.natives.replace(Some(Pending {
            info: info.clone(),
            booted: host.now().as_secs_f64() * 1000.0,
        }));
        units::start(ctx, slot, obj.clone())?;
    }
    host.set_dispatch(Dispatch::default());
    Ok(())
}

/// What the natives not needed to build a runtime wait for.
pub(crate) struct Pending {
    info: ProcessInfo,
    /// `performance.nodeTiming.bootstrapComplete`: when the runtime was built.
    booted: f64,
}

/// Puts the natives of every family but the timers on `obj` (the host
/// object) the first time a start-up file after the eager ones, or
/// `inspect.js`, is about to run.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn ready_natives<'js>(
    ctx: &Ctx<'js>,
    slot: &Slot,
    obj: &Object<'js>,
) -> rquickjs::Result<()> {
    let Some(Pending { info, booted }) = slot.natives.take() else {
        return Ok(());
    };
    let Some(host) = slot.host.upgrade() else {
        return Ok(());
    };
    let host = &host;
    let info = &info;
    process::natives(ctx, obj, host, info)?;
    ticks::natives(ctx, obj)?;
    microtasks::natives(ctx, obj)?;
    console::natives(ctx, obj, host)?;
    web::natives(ctx, obj)?;
    module::natives(ctx, obj, host)?;
    builtins::natives(ctx, obj)?;
    node::buffer::natives(ctx, obj)?;
    node::assert::natives(ctx, obj)?;
    node::encoding::natives(ctx, obj)?;
    node::util::natives(ctx, obj)?;
    node::uv_errors::natives(ctx, obj)?;
    node::dotenv::natives(ctx, obj)?;
    node::url::natives(ctx, obj)?;
    node::os::natives(ctx, obj)?;
    node::crypto::natives(ctx, obj, host)?;
    node::zlib::natives(ctx, obj)?;
    node::perf_hooks::natives(ctx, obj, host)?;
    node::fs::natives(ctx, obj, host)?;
    node::proc::natives(ctx, obj, host)?;
    node::child_process::natives(ctx, obj, host)?;
    node::zlib_stream::natives(ctx, obj)?;
    node::stdio::natives(ctx, obj, host)?;
    node::tty::natives(ctx, obj)?;
    node::messaging::natives(ctx, obj, host)?;
    node::tls::natives(ctx, obj)?;
    node::net::natives(ctx, obj, host)?;
    let perf: Object = obj.get("perf")?;
    perf.set("bootstrapComplete", booted)?;
    Ok(())
}

/// Loads the timers' file if `Timeout.prototype` is not made yet (the
/// first timer or immediate).
///
/// # Errors
///
/// The engine's error if the file throws (pending).
pub(crate) fn ready_protos(ctx: &Ctx<'_>, slot: &Slot) -> rquickjs::Result<()> {
    let made = slot.protos.borrow().is_some();
    if made {
        return Ok(());
    }
    units::require(ctx, units::TIMERS)
}

pub(crate) fn slot_of<'a>(ctx: &Ctx<'_>) -> Option<&'a Slot> {
    // SAFETY: `ctx` is live and locked; the reference is used at once.
    unsafe { crate::ffi::slot::<Slot>(ctx.as_raw().as_ptr()) }
}

/// Releases what [`install`] put in the context's slot (before the engine
/// is dropped).
pub(crate) fn uninstall(ctx: &Ctx<'_>) {
    let raw = ctx.as_raw().as_ptr();
    if let Some(slot) = slot_of(ctx) {
        // SAFETY: `raw` is the live context that made the atoms and owns the
        // prototypes' references; the slot is detached right after.
        unsafe {
            slot.atoms.free(raw);
            for proto in slot.protos.take().into_iter().flatten() {
                proto.free(raw);
            }
            for keeper in slot.keepers.take() {
                keeper.free(raw);
            }
            slot.spare_job.release(raw);
        }
    }
    crate::ffi::detach(ctx);
}

/// A last-resort description of an exception, for errors that escaped the
/// JavaScript error reporting itself: Node's `util.inspect` of the value.
pub(crate) fn describe<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> String {
    if units::host(ctx)
        .and_then(|host| console::util(ctx, &host))
        .is_err()
    {
        let _ = ctx.catch();
    }
    console::inspect(ctx, value)
}
