//! Blocking work for natives: a `Send` closure runs on the loop's pool
//! ([`jsloop::EventLoop::queue_work`]), then its plain-Rust result is
//! turned into JavaScript on the loop thread and handed to a JavaScript
//! callback through [`Host::enter`] (so its exception is routed as any
//! callback's, and the loop's microtask checkpoint runs after it, as
//! after an I/O callback in Node).
//!
//! Ground rules:
//! - The work closure sees no engine value: it takes owned Rust data and
//!   returns owned Rust data. Only the completion touches the engine.
//! - Pending work keeps the loop alive (the core counts it).
//! - A work panic is reported as an uncaught `Error` naming it; the
//!   callback is not called.
//!
//! Any native may use it (`fs` does): validate and copy the arguments,
//! call [`Host::queue_js_work`], and return.

use rquickjs::{Ctx, Function, Persistent};

use super::Host;

impl Host {
    /// Runs `work` on the pool; when it is done, runs `complete` with its
    /// result and `callback` on the loop thread, inside the engine.
    ///
    /// # Errors
    ///
    /// A JavaScript `Error` if the loop no longer takes work (it is closing)
    /// or no pool thread can be started.
    ///
    /// # Examples
    ///
    /// ```ignore
    /// host.queue_js_work(&ctx, callback, move || std::fs::read(path).ok(), |ctx, bytes, cb| {
    ///     cb.call::<_, ()>((bytes.map(|b| b.len()),))
    /// })?;
    /// ```
    pub(crate) fn queue_js_work<'js, T, W, C>(
        &self,
        ctx: &Ctx<'js>,
        callback: Function<'js>,
        work: W,
        complete: C,
    ) -> rquickjs::Result<()>
    where
        W: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
        C: for<'a> FnOnce(&Ctx<'a>, T, Function<'a>) -> rquickjs::Result<()> + 'static,
    {
        let Some(lp) = self.lp.upgrade() else {
            return Err(throw(ctx, "event loop is closed"));
        };
        let callback = Persistent::save(ctx, callback);
        let me = self.me.clone();
        let queued = lp.queue_work(work, move |_, result| {
            let Some(host) = me.upgrade() else {
                return;
            };
            host.enter(|ctx| {
                let f = callback.restore(ctx)?;
                match result {
                    Ok(value) => complete(ctx, value, f),
                    Err(e) => Err(throw(ctx, &e.to_string())),
                }
            });
        });
        match queued {
            Ok(_) => Ok(()),
            Err(e) => Err(throw(ctx, &e.to_string())),
        }
    }
}

/// Throws `new Error(message)` and returns the pending-exception marker.
fn throw(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match super::js_error(ctx, message) {
        Ok(e) => ctx.throw(e.into_value()),
        Err(e) => e,
    }
}
