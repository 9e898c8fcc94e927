//! The end of a run, as Node ends a process: `beforeExit`, then `exit`
//! listeners, then the microtasks a natural exit still runs.

use rquickjs::Function;

use super::Host;

impl Host {
    /// Runs `beforeExit` listeners.
    pub(crate) fn before_exit(&self) {
        let Some(dispatch) = self.dispatch() else {
            return;
        };
        self.enter(|ctx| {
            let f: Function = dispatch.before_exit.clone().restore(ctx)?;
            f.call::<_, ()>(())
        });
    }

    /// Runs `exit` listeners (once) and returns the final exit code.
    pub(crate) fn finish(&self) -> i32 {
        if let Some(code) = self.exit.get() {
            return code;
        }
        let Some(dispatch) = self.dispatch() else {
            return 0;
        };
        let code = self.enter(|ctx| {
            let f: Function = dispatch.exit.clone().restore(ctx)?;
            f.call::<_, i32>(())
        });
        // As Node when the loop runs dry: promise jobs and microtasks that
        // `exit` listeners queued still run (nextTicks and timers do not).
        self.drain_jobs();
        let code = self.exit.get().or(code).unwrap_or(1);
        self.exit.set(Some(code));
        code
    }

    /// Whether the engine is locked by a running call (a host function is
    /// calling back into its runtime).
    pub(crate) fn is_locked(&self) -> bool {
        self.locked.get().is_some()
    }
}
