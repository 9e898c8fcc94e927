//! The JavaScript functions the Rust side calls, read once by name from
//! what the globals files return, and kept typed.

use rquickjs::{Ctx, Function, Object, Persistent};

/// A kept JavaScript function.
pub(crate) type JsFn = Persistent<Function<'static>>;

/// The Rust→JavaScript half of the binding's contract.
pub(crate) struct Dispatch {
    /// `fatal(error, fromPromise)`: an exception nothing caught goes to
    /// `uncaughtException` listeners, or is printed and ends the process.
    pub(crate) fatal: JsFn,
    /// `rejections(events)`: the engine tracker's reports since the last
    /// checkpoint, flat `[handled, promise, reason, ...]`.
    pub(crate) rejections: JsFn,
    /// `beforeExit()`: emits `beforeExit` with the exit code so far.
    pub(crate) before_exit: JsFn,
    /// `exit()`: emits `exit` on a natural end; returns the exit code.
    pub(crate) exit: JsFn,
    /// `coerceDelay(after)`: Node's coercion of a timer delay that is not
    /// a number in range, with its overflow warning.
    pub(crate) coerce_delay: JsFn,
    /// `callbackError(value)`: Node's `ERR_INVALID_ARG_TYPE` for a
    /// callback that is not a function.
    pub(crate) callback_error: JsFn,
    /// `runTimer(timeout)`: fires a timer while some timer is kept by
    /// primitive id (JavaScript must forget it).
    pub(crate) run_timer: JsFn,
    /// `runMain(fn, filename)`: runs the main script's compiled CommonJS
    /// wrapper as the main module (`require.main === module`).
    pub(crate) run_main: JsFn,
    /// `preload(specifier)`: `node -r`, from the working directory.
    pub(crate) preload: JsFn,
    /// `importPreload(specifier, done)`: `node --import`, from the working
    /// directory; calls `done()` once the import settled.
    pub(crate) import_preload: JsFn,
    /// `registerNative(name, exports)`: a Rust module in the registry.
    pub(crate) register_native: JsFn,
    /// `markWrapper(fn, file, source)`: a script's CommonJS wrapper (its
    /// frames are V8's `Object.<anonymous>`) and source (for columns).
    pub(crate) mark_wrapper: JsFn,
    /// `mainModule(promise)`: watches the main ES module's evaluation
    /// (exit code 13 if it never settles).
    pub(crate) main_module: JsFn,
}

impl Dispatch {
    /// Reads the contract's functions from `table`.
    ///
    /// # Errors
    ///
    /// A conversion error naming a missing entry.
    pub(crate) fn from_table<'js>(ctx: &Ctx<'js>, table: &Object<'js>) -> rquickjs::Result<Self> {
        let get = |name: &str| -> rquickjs::Result<JsFn> {
            let f: Function = table.get(name)?;
            Ok(Persistent::save(ctx, f))
        };
        Ok(Self {
            fatal: get("fatal")?,
            rejections: get("rejections")?,
            before_exit: get("beforeExit")?,
            exit: get("exit")?,
            coerce_delay: get("coerceDelay")?,
            callback_error: get("callbackError")?,
            run_timer: get("runTimer")?,
            main_module: get("mainModule")?,
            mark_wrapper: get("markWrapper")?,
            run_main: get("runMain")?,
            register_native: get("registerNative")?,
            preload: get("preload")?,
            import_preload: get("importPreload")?,
        })
    }
}
