//! The end of a run, as Node ends a process: `beforeExit`, then `exit`
//! listeners, then the microtasks a natural exit still runs.

use super::{Entry, Host};

impl Host {
    /// Runs `beforeExit` listeners (none if `process` never loaded).
    pub(crate) fn before_exit(&self) {
        let Some(dispatch) = self.dispatch() else {
            return;
        };
        self.enter(|ctx| match dispatch.loaded(ctx, Entry::BeforeExit) {
            Some(f) => f.call::<_, ()>(()),
            None => Ok(()),
        });
    }

    /// Runs `exit` listeners (once per run) and returns the run's exit
    /// code. After a natural end (no `process.exit`, no uncaught error)
    /// the runtime stays usable for another run. If `process` never
    /// loaded there are no listeners and the code is 0.
    pub(crate) fn finish(&self) -> i32 {
        if let Some(code) = self.exit.get() {
            return code;
        }
        let Some(dispatch) = self.dispatch() else {
            return 0;
        };
        let exit = |reset: bool| {
            self.enter(|ctx| match dispatch.loaded(ctx, Entry::Exit) {
                Some(f) => f.call::<_, i32>((reset,)),
                None => Ok(0),
            })
        };
        let code = exit(false);
        // As Node when the loop runs dry: promise jobs and microtasks that
        // `exit` listeners queued still run (nextTicks and timers do not).
        self.drain_jobs();
        match (self.exit.get(), code) {
            (Some(code), _) => code,
            // A natural end: the runtime may run again, with its own
            // `beforeExit`/`exit` events and exit code.
            (None, Some(code)) => {
                exit(true);
                code
            }
            (None, None) => {
                self.exit.set(Some(1));
                1
            }
        }
    }

    /// Readies a runtime whose run ended early (an uncaught error, or
    /// `process.exit` where it ends only the run) for the next run: a
    /// fresh exit code and `exit` event. Nothing if the runtime closed.
    pub(crate) fn next_run(&self) {
        if self.closed.get() || self.exit.get().is_none() {
            return;
        }
        self.exit.set(None);
        let Some(dispatch) = self.dispatch() else {
            return;
        };
        self.enter(|ctx| match dispatch.loaded(ctx, Entry::Exit) {
            Some(f) => f.call::<_, i32>((true,)),
            None => Ok(0),
        });
    }

    /// Whether the engine is locked by a running call (a host function is
    /// calling back into its runtime).
    pub(crate) fn is_locked(&self) -> bool {
        self.locked.get().is_some()
    }
}
