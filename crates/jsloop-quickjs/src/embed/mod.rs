//! What the embedding API keeps per runtime: the table of [`Handle`]s and
//! the binding's own JavaScript helpers for values the engine API does not
//! reach (`Map` entries, `Date` time, `BigInt` digits, typed array bytes).
//!
//! Ground rules: the state lives in the [`Host`](crate::host::Host), on
//! the loop thread; [`State::release`] drops every engine value it keeps
//! before the engine goes.

mod exception;
mod future;
mod handle;
mod typed;

use std::cell::RefCell;

use rquickjs::{Ctx, Function, Object, Persistent};

pub(crate) use exception::catch;
pub use exception::Exception;
pub(crate) use future::settle_into;
pub use future::JsFuture;
pub use handle::Handle;
pub(crate) use handle::Handles;
pub use typed::{FromArg, FromArgs};

/// The embedding state of one runtime.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) handles: Handles,
    helpers: RefCell<Option<Persistent<Object<'static>>>>,
}

impl State {
    /// The helper function `name`, made on first use.
    pub(crate) fn helper<'js>(
        &self,
        ctx: &Ctx<'js>,
        name: &str,
    ) -> rquickjs::Result<Function<'js>> {
        let kept = self.helpers.borrow().clone();
        let helpers = match kept {
            Some(kept) => kept.restore(ctx)?,
            None => {
                let made: Object = ctx.eval(include_str!("helpers.js"))?;
                *self.helpers.borrow_mut() = Some(Persistent::save(ctx, made.clone()));
                made
            }
        };
        helpers.get(name)
    }

    /// Drops every engine value kept (before the engine is dropped).
    pub(crate) fn release(&self) {
        self.handles.release();
        let helpers = self.helpers.borrow_mut().take();
        drop(helpers);
    }
}
