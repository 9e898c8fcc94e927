//! The JavaScript functions the Rust side calls, by name from what the
//! globals files return: each read (and its file loaded) on first use,
//! then kept typed.

use std::cell::RefCell;

use rquickjs::{Ctx, Function, Persistent};

/// A kept JavaScript function.
pub(crate) type JsFn = Persistent<Function<'static>>;

/// The Rust→JavaScript half of the binding's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// `fatal(error, fromPromise)`: an exception nothing caught goes to
    /// `uncaughtException` listeners, or is printed and ends the process.
    Fatal,
    /// `rejections(events)`: the engine tracker's reports since the last
    /// checkpoint, flat `[handled, promise, reason, ...]`.
    Rejections,
    /// `beforeExit()`: emits `beforeExit` with the exit code so far.
    BeforeExit,
    /// `exit(reset)`: emits `exit` on a natural end; returns the exit code.
    Exit,
    /// `coerceDelay(after)`: Node's coercion of a timer delay that is not
    /// a number in range, with its overflow warning.
    CoerceDelay,
    /// `callbackError(value)`: Node's `ERR_INVALID_ARG_TYPE` for a
    /// callback that is not a function.
    CallbackError,
    /// `runTimer(timeout)`: fires a timer while some timer is kept by
    /// primitive id (JavaScript must forget it).
    RunTimer,
    /// `clearTimeout(timer)` in JavaScript: what the native one leaves to
    /// it (ids, timers kept by primitive id).
    ClearTimeout,
    /// `unenrolled(timeout)`: forgets a cleared timer's primitive id.
    Unenrolled,
    /// `runMain(fn, filename)`: runs the main script's compiled CommonJS
    /// wrapper as the main module (`require.main === module`).
    RunMain,
    /// `preload(specifier)`: `node -r`, from the working directory.
    Preload,
    /// `importPreload(specifier, done)`: `node --import`, from the working
    /// directory; calls `done()` once the import settled.
    ImportPreload,
    /// `registerNative(name, exports)`: a Rust module in the registry.
    RegisterNative,
    /// `markWrapper(fn, file, source)`: a script's CommonJS wrapper (its
    /// frames are V8's `Object.<anonymous>`) and source (for columns).
    MarkWrapper,
    /// `mainModule(promise)`: watches the main ES module's evaluation
    /// (exit code 13 if it never settles).
    MainModule,
}

impl Entry {
    const COUNT: usize = 15;

    /// Its name in what the files return.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Fatal => "fatal",
            Self::Rejections => "rejections",
            Self::BeforeExit => "beforeExit",
            Self::Exit => "exit",
            Self::CoerceDelay => "coerceDelay",
            Self::CallbackError => "callbackError",
            Self::RunTimer => "runTimer",
            Self::ClearTimeout => "clearTimeout",
            Self::Unenrolled => "unenrolled",
            Self::RunMain => "runMain",
            Self::Preload => "preload",
            Self::ImportPreload => "importPreload",
            Self::RegisterNative => "registerNative",
            Self::MarkWrapper => "markWrapper",
            Self::MainModule => "mainModule",
        }
    }
}

/// The contract's functions read so far.
#[derive(Default)]
pub(crate) struct Dispatch {
    kept: RefCell<[Option<JsFn>; Entry::COUNT]>,
}

impl Dispatch {
    /// The function of `entry`, its file loaded first if it was not.
    ///
    /// # Errors
    ///
    /// The engine's error if the file throws, or a conversion error if it
    /// does not define the entry.
    pub(crate) fn get<'js>(&self, ctx: &Ctx<'js>, entry: Entry) -> rquickjs::Result<Function<'js>> {
        let kept = self.kept.borrow()[entry as usize].clone();
        if let Some(f) = kept {
            return f.restore(ctx);
        }
        let f: Function = crate::globals::units::export(ctx, entry.name())?;
        self.kept.borrow_mut()[entry as usize] = Some(Persistent::save(ctx, f.clone()));
        Ok(f)
    }

    /// The function of `entry` if its file is loaded; `None` if it never
    /// was (then nothing it would act on exists: no listener, no exit code).
    pub(crate) fn loaded<'js>(&self, ctx: &Ctx<'js>, entry: Entry) -> Option<Function<'js>> {
        if !crate::globals::units::is_exported(ctx, entry.name()) {
            return None;
        }
        self.get(ctx, entry).ok()
    }
}
