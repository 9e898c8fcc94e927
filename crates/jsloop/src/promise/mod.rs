//! Promises for Rust code on the loop, with JavaScript's semantics.
//!
//! A [`Promise`] belongs to the loop thread. Its reactions run as
//! microtasks, in registration order, never synchronously, also when
//! attached to a promise that has already settled. Rejections nobody
//! handles are reported at the end of the microtask checkpoint, as the
//! ECMAScript host hooks describe (see [`EventLoop::on_unhandled_rejection`]).
//!
//! Ground rules:
//! - A promise's state, its reactions and its tracking state live in its
//!   cell; the loop's only list holds promises that are rejected and not
//!   handled yet. Attaching a handler removes the entry; fulfilment never
//!   creates one.
//! - A cell's memory is reused: its shared pointer returns it to a
//!   bounded per-thread pool on the last drop, emptied when a loop drops.
//! - Reactions are detached from the cell before they run; no `RefCell`
//!   borrow is held while user code runs.
//! - A reaction keeps its derived promise alive, never the other way, so
//!   settled chains free themselves. A handler that captures the promise it
//!   is attached to forms a cycle until it runs (as it would in any
//!   reference-counted engine).
//!
//! # Examples
//!
//! ```
//! use std::cell::Cell;
//! use std::rc::Rc;
//! use jsloop::EventLoop;
//! use jsloop::promise::Promise;
//!
//! let lp = EventLoop::new();
//! let (p, resolver) = Promise::<u32>::new(&lp);
//! let seen = Rc::new(Cell::new(0));
//! let s = seen.clone();
//! p.then(|v| Ok(v * 2)).then(move |v| {
//!     s.set(v);
//!     Ok(())
//! });
//! resolver.resolve(21);
//! lp.run().unwrap();
//! assert_eq!(seen.get(), 42);
//! ```

mod cell_rc;
mod combinators;
mod future;
mod reason;
mod thread_safe;
mod tracker;

use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::task::Waker;

pub use crate::error::{AggregateError, BlockOnError, PromiseError};
pub use combinators::{all, all_settled, any, race};
pub(crate) use future::Spawner;
pub use reason::Reason;
pub(crate) use thread_safe::Resolvers;
pub use thread_safe::{promisify, SendResolver};
pub use tracker::Rejection;
pub(crate) use tracker::Tracker;

use crate::event_loop::{EventLoop, LocalHandle};
use crate::thunk::Thunk;
pub(crate) use cell_rc::release_pool;
use cell_rc::CellRc;
pub(crate) use reason::panic_message;
use reason::panic_reason;
use tracker::{Track, Tracked};

/// A reaction: the microtask that will run once the promise settles. It is
/// made once, when registered (inline when small, see [`Thunk`]), and moved
/// into the microtask queue as is.
type Reaction = Thunk;

/// The reactions and waiting futures of a pending promise, detached from
/// its state when it settles. Most promises have one reaction and no
/// waker, which is stored inline; more go to a boxed [`Waiters`], keeping
/// the cell small.
#[derive(Default)]
enum Reactions {
    #[default]
    None,
    One(Reaction),
    Many(Many),
}

/// The boxed [`Waiters`], dropped out of line so that dropping a cell
/// stays small.
#[derive(Default)]
struct Many(Box<Waiters>);

impl Drop for Many {
    #[inline(never)]
    fn drop(&mut self) {
        drop(std::mem::take(&mut *self.0));
    }
}

/// Reactions beyond the first, and the wakers of futures awaiting.
#[derive(Default)]
struct Waiters {
    reactions: Vec<Reaction>,
    wakers: Vec<Waker>,
}

impl Reactions {
    /// Queues the reactions in registration order, then wakes the futures.
    #[inline(always)]
    fn queue_on(self, lp: &EventLoop) {
        match self {
            Reactions::None => {}
            Reactions::One(r) => lp.push_job(r),
            Reactions::Many(mut m) => {
                let Waiters { reactions, wakers } = std::mem::take(&mut *m.0);
                reactions.into_iter().for_each(|r| lp.push_job(r));
                future::wake_all(lp, wakers);
            }
        }
    }
}

/// A promise's state, with the pending reactions inline (one flat enum, so
/// that matching and dropping it read one tag).
///
/// The variants that usually need no drop come first, so that dropping a
/// cell tests one range.
enum State<T> {
    /// Pending, with no reaction.
    Pending,
    Fulfilled(T),
    /// Pending, with one reaction and no future awaiting.
    PendingOne(Reaction),
    /// Pending, with more reactions or futures awaiting.
    PendingMany(Many),
    Rejected(Reason),
}

impl<T> State<T> {
    fn is_pending(&self) -> bool {
        matches!(
            self,
            State::Pending | State::PendingOne(_) | State::PendingMany(_)
        )
    }

    /// Adds the reaction running `f`, made where it is stored; gives `f`
    /// back if settled.
    #[inline(always)]
    fn push_new<F: FnOnce(&EventLoop) + 'static>(&mut self, f: F) -> Result<(), F> {
        match self {
            State::Pending => {
                // The old state holds nothing to drop.
                std::mem::forget(std::mem::replace(self, State::PendingOne(Thunk::new(f))));
            }
            State::PendingMany(m) => m.0.reactions.push(Thunk::new(f)),
            State::PendingOne(_) => self.many().reactions.push(Thunk::new(f)),
            State::Fulfilled(_) | State::Rejected(_) => return Err(f),
        }
        Ok(())
    }

    /// The boxed form of a pending state, made on first need (the inline
    /// reaction first).
    #[cold]
    #[inline(never)]
    fn many(&mut self) -> &mut Waiters {
        if !matches!(self, State::PendingMany(_)) {
            let mut m = Many::default();
            if let State::PendingOne(first) = std::mem::replace(self, State::Pending) {
                m.0.reactions.push(first);
            }
            *self = State::PendingMany(m);
        }
        match self {
            State::PendingMany(m) => &mut m.0,
            _ => unreachable!("made boxed above"),
        }
    }

    /// Registers a future's waker (once per task) on a pending state.
    fn add_waker(&mut self, waker: &Waker) {
        let wakers = &mut self.many().wakers;
        if !wakers.iter().any(|w| w.will_wake(waker)) {
            wakers.push(waker.clone());
        }
    }

    /// Whether pending with reactions or futures awaiting.
    fn has_reactions(&self) -> bool {
        matches!(self, State::PendingOne(_) | State::PendingMany(_))
    }

    /// The reactions of a pending state, detached (leaving it `Pending`);
    /// `None` if settled.
    fn take_reactions(&mut self) -> Option<Reactions> {
        if !self.is_pending() {
            return None;
        }
        Some(match std::mem::replace(self, State::Pending) {
            State::PendingOne(r) => Reactions::One(r),
            State::PendingMany(m) => Reactions::Many(m),
            _ => Reactions::None,
        })
    }
}

pub(crate) struct PromiseCell<T> {
    lp: LocalHandle,
    state: RefCell<State<T>>,
    track: Cell<Track>,
}

/// A JavaScript-style promise for Rust code on the loop thread.
///
/// Cheap to clone (clones share one state). `T: Clone` because every
/// reaction receives the value.
pub struct Promise<T> {
    cell: CellRc<PromiseCell<T>>,
}

impl<T> Clone for Promise<T> {
    fn clone(&self) -> Self {
        Self {
            cell: self.cell.clone(),
        }
    }
}

impl<T> fmt::Debug for Promise<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &*self.cell.state.borrow() {
            State::Pending | State::PendingOne(_) | State::PendingMany(_) => "pending",
            State::Fulfilled(_) => "fulfilled",
            State::Rejected(_) => "rejected",
        };
        write!(f, "Promise {{ <{state}> }}")
    }
}

impl<T> fmt::Display for Promise<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[object Promise]")
    }
}

/// What a handler settles its derived promise with.
pub enum Settle<T> {
    /// Fulfil with a value.
    Value(T),
    /// Adopt another promise's outcome (as returning a promise from a
    /// JavaScript handler does: two microtask hops later).
    Adopt(Promise<T>),
    /// Reject with a reason.
    Reject(Reason),
}

impl<T> From<Result<T, Reason>> for Settle<T> {
    fn from(r: Result<T, Reason>) -> Self {
        match r {
            Ok(v) => Settle::Value(v),
            Err(e) => Settle::Reject(e),
        }
    }
}

/// Settles its promise once: resolve, reject, or adopt another promise.
///
/// Dropping it unused leaves the promise pending, as in JavaScript.
pub struct Resolver<T> {
    /// Taken out when the resolver settles, so its drop has nothing left
    /// to check.
    cell: Option<CellRc<PromiseCell<T>>>,
}

impl<T> Resolver<T> {
    #[inline(always)]
    fn cell(&self) -> &CellRc<PromiseCell<T>> {
        match &self.cell {
            Some(cell) => cell,
            None => unreachable!("a resolver holds its cell until it settles"),
        }
    }

    /// The cell, taken out; the emptied resolver is not dropped (its drop
    /// would have nothing to do).
    #[inline(always)]
    fn into_cell(self) -> CellRc<PromiseCell<T>> {
        let mut this = std::mem::ManuallyDrop::new(self);
        match this.cell.take() {
            Some(cell) => cell,
            None => unreachable!("a resolver holds its cell until it settles"),
        }
    }
}

impl<T> fmt::Debug for Resolver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Resolver")
    }
}

impl<T: Clone + 'static> Promise<T> {
    /// A pending promise and the resolver that settles it.
    pub fn new(lp: &EventLoop) -> (Self, Resolver<T>) {
        Self::pending(lp.local_handle())
    }

    fn pending(lp: LocalHandle) -> (Self, Resolver<T>) {
        let cell = CellRc::new_with(|| PromiseCell {
            lp,
            state: RefCell::new(State::Pending),
            track: Cell::new(Track::NONE),
        });
        (Self { cell: cell.clone() }, Resolver { cell: Some(cell) })
    }

    /// A promise already fulfilled with `value`.
    pub fn resolved(lp: &EventLoop, value: T) -> Self {
        let (p, r) = Self::new(lp);
        r.resolve(value);
        p
    }

    /// A promise already rejected with `reason` (which is kept as is,
    /// never unwrapped, even when it holds a promise).
    pub fn rejected(lp: &EventLoop, reason: Reason) -> Self {
        let (p, r) = Self::new(lp);
        r.reject(reason);
        p
    }

    /// JavaScript's `Promise.resolve(p)` for a promise: `p` itself.
    pub fn resolve_promise(p: &Promise<T>) -> Self {
        p.clone()
    }

    /// Whether two promises are the same promise.
    pub fn ptr_eq(a: &Promise<T>, b: &Promise<T>) -> bool {
        CellRc::ptr_eq(&a.cell, &b.cell)
    }

    /// Whether the promise is still pending.
    pub fn is_pending(&self) -> bool {
        self.cell.state.borrow().is_pending()
    }

    /// The outcome, if settled.
    pub fn outcome(&self) -> Option<Result<T, Reason>> {
        match &*self.cell.state.borrow() {
            State::Pending | State::PendingOne(_) | State::PendingMany(_) => None,
            State::Fulfilled(v) => Some(Ok(v.clone())),
            State::Rejected(e) => Some(Err(e.clone())),
        }
    }

    /// Runs `on_fulfilled` with the value; a rejection passes through.
    /// The handler's `Err` (or panic) rejects the derived promise.
    pub fn then<U: Clone + 'static>(
        &self,
        on_fulfilled: impl FnOnce(T) -> Result<U, Reason> + 'static,
    ) -> Promise<U> {
        self.chain(move |v| on_fulfilled(v).into(), Settle::Reject)
    }

    /// Runs `on_fulfilled` and adopts the promise it returns.
    pub fn then_promise<U: Clone + 'static>(
        &self,
        on_fulfilled: impl FnOnce(T) -> Promise<U> + 'static,
    ) -> Promise<U> {
        self.chain(move |v| Settle::Adopt(on_fulfilled(v)), Settle::Reject)
    }

    /// Runs one of two handlers, as JavaScript's `then(onFulfilled, onRejected)`.
    pub fn then_or<U: Clone + 'static>(
        &self,
        on_fulfilled: impl FnOnce(T) -> Result<U, Reason> + 'static,
        on_rejected: impl FnOnce(Reason) -> Result<U, Reason> + 'static,
    ) -> Promise<U> {
        self.chain(
            move |v| on_fulfilled(v).into(),
            move |e| on_rejected(e).into(),
        )
    }

    /// Runs `on_rejected` with the reason; a value passes through.
    pub fn catch(
        &self,
        on_rejected: impl FnOnce(Reason) -> Result<T, Reason> + 'static,
    ) -> Promise<T> {
        self.chain(Settle::Value, move |e| on_rejected(e).into())
    }

    /// Runs `on_finally` either way; the outcome passes through unless the
    /// handler fails (or panics), whose reason then replaces it. Takes the
    /// same microtask hops as JavaScript's `finally`.
    pub fn finally(&self, on_finally: impl FnOnce() -> Result<(), Reason> + 'static) -> Promise<T> {
        let handler = Rc::new(Cell::new(Some(on_finally)));
        let h2 = handler.clone();
        let lp = self.cell.lp.clone();
        let lp2 = lp.clone();
        self.chain(
            move |v| finally_step(&lp, &handler, Ok(v)),
            move |e| finally_step(&lp2, &h2, Err(e)),
        )
    }

    /// Attaches handlers that settle a new, derived promise.
    #[inline]
    pub fn chain<U: Clone + 'static>(
        &self,
        on_fulfilled: impl FnOnce(T) -> Settle<U> + 'static,
        on_rejected: impl FnOnce(Reason) -> Settle<U> + 'static,
    ) -> Promise<U> {
        let (derived, resolver) = Promise::pending(self.cell.lp.clone());
        self.react(move |lp, outcome| {
            let settle = catch_unwind(AssertUnwindSafe(move || match outcome {
                Ok(v) => on_fulfilled(v),
                Err(e) => on_rejected(e),
            }))
            .unwrap_or_else(|payload| Settle::Reject(panic_reason(payload)));
            resolver.settle_on(lp, settle);
        });
        derived
    }

    /// Registers `f` to run as a microtask with the outcome once settled,
    /// marking the promise handled.
    #[inline(always)]
    fn react(&self, f: impl FnOnce(&EventLoop, Result<T, Reason>) + 'static) {
        self.mark_handled();
        let cell = self.cell.clone();
        // Made into a thunk only where it is stored, so it is not copied.
        let run = move |lp: &EventLoop| f(lp, cell.settled_outcome());
        let pushed = self.cell.state.borrow_mut().push_new(run);
        if let Err(run) = pushed {
            self.react_settled(run);
        }
    }

    /// [`Promise::react`] on a settled promise: queues `run` at once.
    #[inline(never)]
    fn react_settled(&self, run: impl FnOnce(&EventLoop) + 'static) {
        if let Some(lp) = self.cell.lp.upgrade() {
            // After termination the reaction comes back and is dropped.
            let _ = lp.push_job_with(run, Thunk::new);
        }
    }

    /// A handler arrived: forget a pending report, or announce a late handling.
    #[inline]
    fn mark_handled(&self) {
        if self.cell.track.get().is_quiet() {
            self.cell.track.set(Track::HANDLED);
        } else {
            self.mark_handled_rejected();
        }
    }

    /// [`Promise::mark_handled`] of a rejected promise not handled yet.
    #[cold]
    fn mark_handled_rejected(&self) {
        let track = self.cell.track.replace(Track::HANDLED);
        if let Some(key) = track.pending_key() {
            if let Some(lp) = self.cell.lp.upgrade() {
                lp.core.rejections.forget(key);
            }
        } else if track == Track::REPORTED {
            let reason = match &*self.cell.state.borrow() {
                State::Rejected(e) => e.clone(),
                _ => unreachable!("only a rejected promise is reported"),
            };
            if let Some(lp) = self.cell.lp.upgrade() {
                lp.core.rejections.handled_later(self.clone(), reason);
            }
        }
    }
}

fn finally_step<T: Clone + 'static, F: FnOnce() -> Result<(), Reason>>(
    lp: &LocalHandle,
    handler: &Cell<Option<F>>,
    outcome: Result<T, Reason>,
) -> Settle<T> {
    let Some(f) = handler.take() else {
        return outcome.into();
    };
    if let Err(e) = f() {
        return Settle::Reject(e);
    }
    let Some(lp) = lp.upgrade() else {
        return outcome.into();
    };
    // JavaScript: PromiseResolve(onFinally()).then(() => value / throw reason),
    // adopted by the derived promise.
    let done = Promise::resolved(&lp, ());
    Settle::Adopt(done.chain(move |()| outcome.into(), Settle::Reject))
}

impl<T: Clone + 'static> Resolver<T> {
    /// Fulfils the promise with `value`.
    pub fn resolve(self, value: T) {
        if let Some(lp) = self.cell().lp.upgrade() {
            self.fulfil::<true>(&lp, value);
        }
    }

    /// Rejects the promise with `reason`, kept as is.
    pub fn reject(self, reason: Reason) {
        self.settle(Settle::Reject(reason));
    }

    /// Makes the promise follow `other` (rejects with a chaining-cycle
    /// error if `other` is this very promise).
    pub fn adopt(self, other: Promise<T>) {
        self.settle(Settle::Adopt(other));
    }

    /// Settles the promise as `settle` says.
    pub fn settle(self, settle: Settle<T>) {
        if let Some(lp) = self.cell().lp.upgrade() {
            self.settle_on(&lp, settle);
        }
    }

    #[inline(always)]
    fn settle_on(self, lp: &EventLoop, settle: Settle<T>) {
        match settle {
            Settle::Value(v) => self.fulfil::<false>(lp, v),
            Settle::Reject(e) => self.reject_now(lp, e),
            Settle::Adopt(other) => self.adopt_on(lp, other),
        }
    }

    #[inline(never)]
    fn adopt_on(self, lp: &EventLoop, other: Promise<T>) {
        if CellRc::ptr_eq(&other.cell, self.cell()) {
            self.reject_now(lp, Reason::new(PromiseError::ChainingCycle));
            return;
        }
        // NewPromiseResolveThenableJob: subscribe one microtask later.
        lp.queue_microtask(move |_| {
            other.react(move |lp, outcome| self.finish(lp, outcome));
        });
    }

    #[inline]
    fn finish(self, lp: &EventLoop, outcome: Result<T, Reason>) {
        match outcome {
            Ok(value) => self.fulfil::<false>(lp, value),
            Err(reason) => self.reject_now(lp, reason),
        }
    }

    /// Writes the value in place and queues the reactions taken out.
    /// `BY_USER` when user code resolves: a reaction may have been stored
    /// just before (see [`Thunk::take_fresh`]). Otherwise a reaction
    /// settles its derived promise, which often nobody holds any more.
    #[inline(always)]
    fn fulfil<const BY_USER: bool>(self, lp: &EventLoop, value: T) {
        let cell = self.into_cell();
        if !BY_USER && CellRc::is_unique(&cell) {
            // Nothing else holds the promise (its reactions and awaiting
            // futures would; a dropped future's waker needs no wake): the
            // value is never observed, and fulfilment is not tracked.
            return;
        }
        {
            let mut state = cell.state.borrow_mut();
            if let State::PendingOne(r) = &mut *state {
                // The usual case: one reaction, moved from the cell straight
                // into the queue (no user code runs in between).
                let take = if BY_USER {
                    Thunk::take_fresh
                } else {
                    Thunk::take
                };
                if lp.push_job_with(r, take).is_ok() {
                    // The old state holds only the emptied thunk.
                    std::mem::forget(std::mem::replace(&mut *state, State::Fulfilled(value)));
                    return;
                }
            } else if let State::Pending = &*state {
                // No reaction (a chain's last link): the old state holds
                // nothing to drop or queue.
                std::mem::forget(std::mem::replace(&mut *state, State::Fulfilled(value)));
                return;
            }
        }
        fulfil_rest(&cell, lp, value);
    }

    /// Rejects in place and tracks the rejection if nothing handles it yet.
    #[inline(never)]
    fn reject_now(self, lp: &EventLoop, reason: Reason) {
        let cell = self.into_cell();
        let reactions = {
            let mut state = cell.state.borrow_mut();
            let Some(reactions) = state.take_reactions() else {
                return;
            };
            *state = State::Rejected(reason.clone());
            reactions
        };
        if cell.track.get() == Track::NONE {
            let promise = Promise { cell: cell.clone() };
            let key = lp.core.rejections.add(Box::new(promise), reason);
            cell.track.set(Track::pending(key));
        }
        reactions.queue_on(lp);
    }
}

/// [`Resolver::fulfil`] of a promise with several reactions or futures
/// awaiting (or already settled, or of a terminated loop).
#[inline(never)]
fn fulfil_rest<T>(cell: &PromiseCell<T>, lp: &EventLoop, value: T) {
    let reactions = {
        let mut state = cell.state.borrow_mut();
        let Some(reactions) = state.take_reactions() else {
            return;
        };
        // The old state is `Pending`: nothing to drop.
        std::mem::forget(std::mem::replace(&mut *state, State::Fulfilled(value)));
        reactions
    };
    reactions.queue_on(lp);
}

impl<T: Clone> PromiseCell<T> {
    /// The outcome of a settled promise (reactions run only after settling).
    fn settled_outcome(&self) -> Result<T, Reason> {
        match &*self.state.borrow() {
            State::Fulfilled(v) => Ok(v.clone()),
            State::Rejected(e) => Err(e.clone()),
            State::Pending | State::PendingOne(_) | State::PendingMany(_) => {
                unreachable!("reactions are queued only once settled")
            }
        }
    }
}

/// A resolver dropped unused leaves its promise pending forever: its
/// reactions can never run, so they are released now (they hold the
/// promise, so keeping them would be a reference cycle).
impl<T> Drop for Resolver<T> {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(cell) = &self.cell {
            let pending_with_reactions = cell.state.borrow().has_reactions();
            if pending_with_reactions {
                release_reactions(cell);
            }
        }
    }
}

/// Drops the reactions of a promise whose resolver was dropped unused
/// (outside the borrow: they may drop promises).
#[inline(never)]
fn release_reactions<T>(cell: &PromiseCell<T>) {
    let detached = cell.state.borrow_mut().take_reactions();
    drop(detached);
}

impl<T: Clone + 'static> Tracked for Promise<T> {
    fn mark_reported(&self) {
        if self.cell.track.get().pending_key().is_some() {
            self.cell.track.set(Track::REPORTED);
        }
    }

    fn into_any(self: Box<Self>) -> Rc<dyn std::any::Any> {
        Rc::new(*self)
    }
}

impl<T: Clone + 'static> Promise<T> {
    /// Recovers a typed promise from a [`Rejection`]'s type-erased one.
    pub fn from_rejection(rejection: &Rejection) -> Option<Promise<T>> {
        rejection
            .promise_any()
            .downcast::<Promise<T>>()
            .ok()
            .map(|p| (*p).clone())
    }
}
