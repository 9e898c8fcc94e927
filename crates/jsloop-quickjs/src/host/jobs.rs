//! The engine's job queue as the loop's [`JobQueue`]: drained at every
//! microtask checkpoint (one CPU-budgeted entry), then the engine's
//! rejection reports handed to JavaScript.

use std::rc::Weak;

use jsloop::{EventLoop, JobQueue};

use super::{Entry, Host};

impl Host {
    /// Runs the engine's pending jobs (promise reactions, `queueMicrotask`)
    /// until none is left or the runtime exits, as one CPU-budgeted entry;
    /// a job's exception goes to the fatal path. Returns whether any ran.
    pub(crate) fn drain_jobs(&self) -> bool {
        let mut ran = false;
        self.budgeted(|| {
            while self.exit.get().is_none() {
                self.locked.set(Some(self.raw));
                let job = self.engine.execute_pending_job();
                self.locked.set(None);
                match job {
                    Ok(true) => ran = true,
                    Ok(false) => break,
                    Err(job) => {
                        ran = true;
                        job.0.with(|ctx| {
                            self.locked.set(Some(self.raw));
                            let exception = ctx.catch();
                            self.fatal(&ctx, exception, false);
                            self.locked.set(None);
                        });
                    }
                }
            }
        });
        ran
    }
}

/// The engine's job queue, drained at every microtask checkpoint.
pub(crate) struct EngineJobs(pub(crate) Weak<Host>);

impl JobQueue for EngineJobs {
    fn run_jobs(&self, _lp: &EventLoop) -> bool {
        let Some(host) = self.0.upgrade() else {
            return false;
        };
        if host.locked.get().is_some() {
            // A nested call (a host function running the loop's work) never
            // drains the queue under the running job.
            return false;
        }
        host.drain_jobs()
    }

    fn is_idle(&self) -> bool {
        let Some(host) = self.0.upgrade() else {
            return true;
        };
        // Inside a running job the engine is locked: `run_jobs` decides.
        host.locked.get().is_none()
            && !host.engine.is_job_pending()
            && host.events.borrow().is_empty()
    }

    fn checkpoint_end(&self, _lp: &EventLoop) -> bool {
        let Some(host) = self.0.upgrade() else {
            return false;
        };
        let events = std::mem::take(&mut *host.events.borrow_mut());
        if events.is_empty() || host.exit.get().is_some() {
            return false;
        }
        let Some(dispatch) = host.dispatch() else {
            return false;
        };
        host.enter(|ctx| {
            let mut events = events
                .into_iter()
                .map(|(handled, promise, reason)| Ok((handled, promise.restore(ctx)?, reason)))
                .collect::<rquickjs::Result<Vec<_>>>()?;
            if dispatch.loaded(ctx, Entry::Rejections).is_none() && all_handled(&events) {
                // Nothing was reported before (`process` never loaded) and
                // every rejection found its handler: nothing to tell.
                return Ok(());
            }
            let list = rquickjs::Array::new(ctx.clone())?;
            let mut i = 0;
            for (handled, promise, reason) in events.drain(..) {
                list.set(i, handled)?;
                list.set(i + 1, promise)?;
                list.set(i + 2, reason.restore(ctx)?)?;
                i += 3;
            }
            let f = dispatch.get(ctx, Entry::Rejections)?;
            f.call::<_, ()>((list,))
        });
        true
    }
}

/// Whether each promise reported unhandled is reported handled after.
fn all_handled<R>(events: &[(bool, rquickjs::Value<'_>, R)]) -> bool {
    let mut pending: Vec<&rquickjs::Value<'_>> = Vec::new();
    for (handled, promise, _) in events {
        if !handled {
            pending.push(promise);
        } else if let Some(i) = pending.iter().rposition(|p| *p == promise) {
            pending.swap_remove(i);
        }
    }
    pending.is_empty()
}
