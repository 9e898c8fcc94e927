//! The loop side of `MessagePort` (`js/node/internal/messaging.js`).
//!
//! A message is delivered by a task of the poll phase (where node's
//! `uv_async_t` wake-ups run), a port's `'close'` event by a callback of
//! the close phase, and one [`jsloop::Hold`] keeps the loop alive while
//! any port is referenced and receiving.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use rquickjs::{Ctx, Function, Object, Persistent};

use crate::host::Host;

/// A JavaScript callback kept for a loop callback.
type Kept = Persistent<Function<'static>>;

/// What the natives share: the host and the hold, if taken.
struct Ports {
    host: Weak<Host>,
    hold: RefCell<Option<jsloop::Hold>>,
}

impl Ports {
    /// Calls `f` with no arguments inside the runtime (an exception goes
    /// to the runtime's uncaught-error path).
    fn call(&self, f: Kept) {
        if let Some(host) = self.host.upgrade() {
            host.enter(|ctx| f.restore(ctx)?.call::<_, ()>(()));
        }
    }

    fn event_loop(&self) -> Option<jsloop::EventLoop> {
        self.host.upgrade()?.lp.upgrade()
    }
}

/// Puts `messaging` on the host object: `post(f)` runs `f` in a poll-phase
/// task, `closed(f)` in the close phase, `hold(on)` takes or drops the
/// hold; each returns whether the loop accepted it.
///
/// # Errors
///
/// The engine's error (out of memory).
pub(crate) fn natives<'js>(
    ctx: &Ctx<'js>,
    o: &Object<'js>,
    host: &Rc<Host>,
) -> rquickjs::Result<()> {
    let ports = Rc::new(Ports {
        host: Rc::downgrade(host),
        hold: RefCell::new(None),
    });
    let m = Object::new(ctx.clone())?;
    let p = ports.clone();
    m.set(
        "post",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, f: Function<'js>| {
            let Some(lp) = p.event_loop() else {
                return false;
            };
            let f = Persistent::save(&ctx, f);
            let me = p.clone();
            lp.submit(move |_| me.call(f)).is_ok()
        })?,
    )?;
    let p = ports.clone();
    m.set(
        "closed",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, f: Function<'js>| {
            let Some(lp) = p.event_loop() else {
                return false;
            };
            let f = Persistent::save(&ctx, f);
            let me = p.clone();
            lp.queue_close(move |_| me.call(f)).is_ok()
        })?,
    )?;
    let p = ports;
    m.set(
        "hold",
        Function::new(ctx.clone(), move |on: bool| {
            let hold = if on {
                p.event_loop().and_then(|lp| lp.handle().hold().ok())
            } else {
                None
            };
            let taken = hold.is_some();
            let old = p.hold.replace(hold);
            drop(old);
            taken
        })?,
    )?;
    o.set("messaging", m)
}
