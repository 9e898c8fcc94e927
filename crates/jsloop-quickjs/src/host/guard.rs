//! The one guard around every call from the loop into the engine: it
//! reuses the engine lock when the call is nested, accounts CPU time for
//! the entry, and routes an exception the call leaves behind (to
//! `uncaughtException` listeners or the fatal path). The loop runs the
//! microtask checkpoint after each of its callbacks.

use std::cell::Cell;

use rquickjs::{Ctx, Value};

use super::{Entry, Host};

impl Host {
    /// Runs `f` inside the engine: the guarded way in for loop callbacks.
    /// Returns `None` if the runtime is exiting or `f` threw (the exception
    /// has been routed).
    pub(crate) fn enter<R>(&self, f: impl FnOnce(&Ctx<'_>) -> rquickjs::Result<R>) -> Option<R> {
        if self.exit.get().is_some() {
            return None;
        }
        self.with_ctx(|ctx| match self.budgeted(|| f(ctx)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.route(ctx, e);
                None
            }
        })
    }

    /// Runs `f` with the engine locked: inside a call already running (a
    /// host function calling back into its runtime) it reuses that lock
    /// instead of taking it twice.
    ///
    /// # Panics
    ///
    /// If the engine's memory is lent ([`Host::lend`]).
    pub(crate) fn with_ctx<R>(&self, f: impl FnOnce(&Ctx<'_>) -> R) -> R {
        assert!(
            !self.lent.get(),
            "the runtime was used while it lent its bytes (Runtime::with_bytes)"
        );
        if let Some(raw) = self.locked.get() {
            // SAFETY: `raw` is this runtime's context, locked by an outer
            // call on this thread that is still running (it clears the
            // cell when it returns).
            let ctx = unsafe { crate::ffi::ctx_of(raw) };
            return f(&ctx);
        }
        self.context.with(|ctx| {
            self.locked.set(Some(ctx.as_raw().as_ptr()));
            let _unlock = Unlock(&self.locked);
            f(&ctx)
        })
    }

    /// Runs `f` (inside [`Host::with_ctx`], so the engine stays locked and
    /// its job queue undrained) with every entry into the engine refused:
    /// `f` may hold the engine's memory.
    pub(crate) fn lend<R>(&self, f: impl FnOnce() -> R) -> R {
        struct Return<'a>(&'a Cell<bool>);
        impl Drop for Return<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        self.lent.set(true);
        let _return = Return(&self.lent);
        f()
    }

    /// Runs `f` as (part of) an entry into JavaScript for the CPU limit:
    /// the budget starts with the outermost entry and ends with it.
    pub(crate) fn budgeted<R>(&self, f: impl FnOnce() -> R) -> R {
        if self.cpu_limit.is_none() {
            return f();
        }
        let depth = self.depth.get();
        if depth == 0 {
            self.entered.set(Some(self.now()));
        }
        self.depth.set(depth + 1);
        struct Leave<'a>(&'a Host);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                let depth = self.0.depth.get() - 1;
                self.0.depth.set(depth);
                if depth == 0 {
                    self.0.entered.set(None);
                }
            }
        }
        let _leave = Leave(self);
        f()
    }

    /// Starts a fresh CPU budget for the running entry (before reporting
    /// an exception, which is JavaScript too, or the next callback the
    /// entry runs).
    #[inline]
    pub(crate) fn restart_budget(&self) {
        if self.entered.get().is_some() {
            self.entered.set(Some(self.now()));
        }
    }

    /// Turns an error of a call into the exception value and routes it.
    pub(crate) fn route(&self, ctx: &Ctx<'_>, error: rquickjs::Error) {
        let exception = match error {
            rquickjs::Error::Exception => ctx.catch(),
            other => match super::js_error(ctx, &other.to_string()) {
                Ok(e) => e.into_value(),
                Err(_) => ctx.catch(),
            },
        };
        self.fatal(ctx, exception, false);
    }

    /// Hands an exception nothing caught to `uncaughtException` listeners,
    /// or prints it and ends the run, as Node ends the process. An exception
    /// escaping that (a listener threw) is printed and ends with code 7.
    pub(crate) fn fatal<'js>(&self, ctx: &Ctx<'js>, exception: Value<'js>, from_promise: bool) {
        if self.exit.get().is_some() {
            return;
        }
        let Some(dispatch) = self.dispatch() else {
            self.report_escaped(ctx, exception, 1);
            return;
        };
        self.restart_budget();
        let called = dispatch
            .get(ctx, Entry::Fatal)
            .and_then(|f| f.call::<_, ()>((exception, from_promise)));
        if called.is_ok() && self.exit.get().is_none() {
            // Handled by a listener: as Node, the next timer or immediate of
            // the phase runs before the ticks the listener queued.
            if let Some(lp) = self.lp.upgrade() {
                lp.defer_checkpoint();
            }
        }
        if let Err(e) = called {
            let escaped = match e {
                rquickjs::Error::Exception => ctx.catch(),
                other => rquickjs::String::from_str(ctx.clone(), &other.to_string())
                    .map_or_else(|_| ctx.catch(), |s| s.into_value()),
            };
            if self.exit.get().is_none() {
                self.report_escaped(ctx, escaped, 7);
            }
        }
    }

    /// Prints an exception the JavaScript error path could not handle
    /// (Node's `util.inspect` of it, or what printing it threw) and ends
    /// the run.
    pub(crate) fn report_escaped<'js>(&self, ctx: &Ctx<'js>, value: Value<'js>, code: i32) {
        let text = crate::globals::describe(ctx, value);
        self.write_error(&text);
        self.end_run(code);
    }
}

/// Clears the "engine locked" mark when the outermost call returns.
struct Unlock<'a>(&'a std::cell::Cell<Option<*mut rquickjs::qjs::JSContext>>);

impl Drop for Unlock<'_> {
    fn drop(&mut self) {
        self.0.set(None);
    }
}
