//! [`JsFuture`]: a Rust future of a JavaScript result, settled by the
//! runtime's loop when the promise it waits for settles.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use jsloop::promise::{Promise, Resolver};
use rquickjs::{Ctx, Function, Value};

use super::Exception;
use crate::error::Error;
use crate::host::Host;
use crate::value::{ConvertError, JsValue};

/// Why a promise a [`JsFuture`] waits for did not give a value.
#[derive(Debug, Clone)]
enum Failure {
    Rejected(Exception),
    Convert(ConvertError),
}

type Outcome = Result<JsValue, Failure>;

/// The result of a JavaScript evaluation or call, once the promise it
/// returned settles (at once for any other value).
///
/// Nothing moves while nobody runs the loop: await it inside the loop
/// (a future given to [`Runtime::block_on`](crate::Runtime::block_on)),
/// or use the blocking forms such as
/// [`Runtime::eval_await`](crate::Runtime::eval_await). It is not `Send`:
/// it belongs to the runtime's thread.
///
/// # Errors
///
/// Resolves to [`Error::Exception`] when the promise rejects,
/// [`Error::Convert`] when its value cannot be copied, [`Error::Closed`]
/// when the runtime closed first.
#[must_use = "a future does nothing unless awaited"]
pub struct JsFuture(State);

enum State {
    Ready(Option<Result<JsValue, Error>>),
    Waiting(Promise<Outcome>),
}

impl std::fmt::Debug for JsFuture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ready = matches!(self.0, State::Ready(_));
        f.debug_struct("JsFuture").field("ready", &ready).finish()
    }
}

impl JsFuture {
    /// A future already resolved to `result`.
    pub(crate) fn ready(result: Result<JsValue, Error>) -> Self {
        JsFuture(State::Ready(Some(result)))
    }
}

impl Future for JsFuture {
    type Output = Result<JsValue, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.0 {
            State::Ready(result) => Poll::Ready(result.take().unwrap_or(Err(Error::Closed))),
            State::Waiting(promise) => match Pin::new(promise).poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(Ok(v))) => Poll::Ready(Ok(v)),
                Poll::Ready(Ok(Err(Failure::Rejected(e)))) => Poll::Ready(Err(Error::Exception(e))),
                Poll::Ready(Ok(Err(Failure::Convert(e)))) => Poll::Ready(Err(Error::Convert(e))),
                Poll::Ready(Err(_)) => Poll::Ready(Err(Error::Closed)),
            },
        }
    }
}

/// A future of `value`: its settled value if it is a promise (a handler
/// is attached, so a rejection is not reported as unhandled), else
/// `value` copied at once.
pub(crate) fn settle_into<'js>(ctx: &Ctx<'js>, host: &Rc<Host>, value: Value<'js>) -> JsFuture {
    if !value.is_promise() {
        return JsFuture::ready(JsValue::from_js(ctx, &value, &host.embed).map_err(Error::Convert));
    }
    let Some(lp) = host.lp.upgrade() else {
        return JsFuture::ready(Err(Error::Closed));
    };
    let (promise, resolver) = Promise::<Outcome>::new(&lp);
    let slot = Rc::new(Cell::new(Some(resolver)));
    let attached = attach(ctx, host, &slot, value);
    if let Err(e) = attached {
        slot.take();
        return JsFuture::ready(Err(super::catch(ctx, &host.embed, e)));
    }
    JsFuture(State::Waiting(promise))
}

type Slot = Rc<Cell<Option<Resolver<Outcome>>>>;

/// Calls the intrinsic `promise.then(onFulfilled, onRejected)`.
fn attach<'js>(
    ctx: &Ctx<'js>,
    strong: &Rc<Host>,
    slot: &Slot,
    promise: Value<'js>,
) -> rquickjs::Result<()> {
    let host: Weak<Host> = Rc::downgrade(strong);
    let (h1, s1, s2) = (host.clone(), slot.clone(), slot.clone());
    let fulfilled = Function::new(ctx.clone(), move |ctx: Ctx<'js>, v: Value<'js>| {
        let (Some(host), Some(r)) = (h1.upgrade(), s1.take()) else {
            return;
        };
        r.resolve(JsValue::from_js(&ctx, &v, &host.embed).map_err(Failure::Convert));
    })?;
    let rejected = Function::new(ctx.clone(), move |ctx: Ctx<'js>, v: Value<'js>| {
        let (Some(host), Some(r)) = (host.upgrade(), s2.take()) else {
            return;
        };
        r.resolve(Err(Failure::Rejected(Exception::from_thrown(
            &ctx,
            &host.embed,
            v,
        ))));
    })?;
    let then = strong.embed.helper(ctx, "then")?;
    then.call::<_, ()>((promise, fulfilled, rejected))
}
