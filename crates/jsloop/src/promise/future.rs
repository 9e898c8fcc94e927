//! Promises as futures, futures as promises, and `async` Rust on the loop.
//!
//! Ground rules: spawned futures live in the loop's [`Spawner`] slab; a
//! future is taken out of its slot while it is polled (no borrow is held
//! while user code runs). Wakers are `Send`: a wake-up from any thread goes
//! through the loop's ingress as a task that polls the slot, except while
//! a promise of the same loop wakes its waiters ([`wake_all`]): then the
//! poll is queued as a microtask, so `promise.await` resumes in the same
//! checkpoint, as `await` does in JavaScript. A stale wake (the slot was
//! reused) only causes a spurious poll, which futures allow. A waker's
//! `queued` flag (an atomic of the `sync` facade, like the waker's `Arc`)
//! coalesces its wake-ups: it is set by the first wake and cleared just
//! before the poll that wake queued.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use slab::Slab;

use super::{panic_reason, Promise, Reason, State};
use crate::error::BlockOnError;
use crate::event_loop::{EventLoop, Exit, LocalHandle};
use crate::handle::Handle;
use crate::sync::{self, Arc, AtomicBool, Ordering, WakerState};

type LocalFuture = Pin<Box<dyn Future<Output = ()>>>;

/// Where `block_on` finds the output.
type Slot<T> = Rc<RefCell<Option<Result<T, BlockOnError>>>>;

struct Task {
    future: Option<LocalFuture>,
    on_panic: Option<Box<dyn FnOnce(Reason)>>,
}

/// The futures spawned on a loop.
#[derive(Default)]
pub(crate) struct Spawner {
    tasks: RefCell<Slab<Task>>,
}

impl Spawner {
    /// Number of spawned futures not finished yet.
    pub(crate) fn len(&self) -> usize {
        self.tasks.borrow().len()
    }

    /// Drops every spawned future (loop close), outside the borrow.
    pub(crate) fn clear(&self) {
        let tasks = std::mem::take(&mut *self.tasks.borrow_mut());
        drop(tasks);
    }
}

thread_local! {
    /// The loop whose promise is waking its waiters on this thread right now.
    static WAKING: RefCell<Option<LocalHandle>> = const { RefCell::new(None) };
}

/// Restores the previous [`WAKING`] loop, also on unwind.
struct WakingGuard(Option<LocalHandle>);

impl Drop for WakingGuard {
    fn drop(&mut self) {
        let prev = self.0.take();
        let _ = WAKING.try_with(|w| w.replace(prev));
    }
}

/// Wakes the waiters of a promise of `lp` that just settled, on the loop
/// thread: tasks spawned on `lp` are polled as a microtask; any other
/// waker wakes as usual.
pub(crate) fn wake_all(lp: &EventLoop, wakers: Vec<Waker>) {
    if wakers.is_empty() {
        return;
    }
    let _guard = WakingGuard(WAKING.with(|w| w.replace(Some(lp.local_handle()))));
    for waker in wakers {
        waker.wake();
    }
}

struct TaskWaker {
    handle: Handle,
    key: usize,
    queued: AtomicBool,
}

/// Queues a poll of the waker's task: as a microtask while a promise of
/// its loop wakes its waiters on this thread, through the ingress otherwise.
fn wake_task(waker: &Arc<WakerState<TaskWaker>>) {
    if waker.queued.swap(true, Ordering::AcqRel) {
        return;
    }
    let local = WAKING
        .try_with(|w| w.borrow().as_ref().and_then(LocalHandle::upgrade))
        .ok()
        .flatten()
        .filter(|lp| Arc::ptr_eq(&lp.core.shared, &waker.handle.shared));
    let me = waker.clone();
    let poll = move |lp: &EventLoop| {
        me.queued.store(false, Ordering::Release);
        lp.poll_spawned(me.key);
    };
    match local {
        Some(lp) => lp.queue_microtask(poll),
        None => {
            let _ = waker.handle.submit(poll);
        }
    }
}

impl EventLoop {
    /// Runs `future` on the loop thread; its output fulfils the returned
    /// promise (a panic rejects it). It is first polled as a microtask;
    /// wake-ups (from any thread) poll it in the poll phase.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::EventLoop;
    /// use jsloop::promise::Promise;
    ///
    /// let lp = EventLoop::new();
    /// let (p, r) = Promise::<u8>::new(&lp);
    /// let sum = lp.spawn_local(async move { p.await.unwrap() + 1 });
    /// r.resolve(41);
    /// lp.run().unwrap();
    /// assert_eq!(sum.outcome().unwrap().unwrap(), 42);
    /// ```
    pub fn spawn_local<F>(&self, future: F) -> Promise<F::Output>
    where
        F: Future + 'static,
        F::Output: Clone + 'static,
    {
        let (promise, resolver) = Promise::new(self);
        let slot = Rc::new(RefCell::new(Some(resolver)));
        let s2 = slot.clone();
        self.spawn_task(
            Box::pin(async move {
                let value = future.await;
                if let Some(r) = slot.borrow_mut().take() {
                    r.resolve(value);
                }
            }),
            Box::new(move |reason| {
                if let Some(r) = s2.borrow_mut().take() {
                    r.reject(reason);
                }
            }),
        );
        promise
    }

    /// Runs the loop until `future` completes, and returns its output.
    ///
    /// # Errors
    ///
    /// [`BlockOnError::Stalled`] if the loop ran out of work first,
    /// [`BlockOnError::Terminated`] after a shutdown or close,
    /// [`BlockOnError::Panicked`] if the future panicked,
    /// [`BlockOnError::Reentrant`] from inside a loop callback.
    pub fn block_on<F>(&self, future: F) -> Result<F::Output, BlockOnError>
    where
        F: Future + 'static,
    {
        let out: Slot<F::Output> = Rc::default();
        let (o1, o2) = (out.clone(), out.clone());
        self.spawn_task(
            Box::pin(async move {
                let value = future.await;
                *o1.borrow_mut() = Some(Ok(value));
            }),
            Box::new(move |reason| {
                *o2.borrow_mut() = Some(Err(BlockOnError::Panicked(reason.to_string())));
            }),
        );
        let exit = self
            .run_until(|_| out.borrow().is_some())
            .map_err(|_| BlockOnError::Reentrant)?;
        let taken = out.borrow_mut().take();
        match (taken, exit) {
            (Some(result), _) => result,
            (None, Exit::Shutdown | Exit::Closed) => Err(BlockOnError::Terminated),
            (None, _) => Err(BlockOnError::Stalled),
        }
    }

    fn spawn_task(&self, future: LocalFuture, on_panic: Box<dyn FnOnce(Reason)>) {
        let key = self.core.spawner.tasks.borrow_mut().insert(Task {
            future: Some(future),
            on_panic: Some(on_panic),
        });
        // First poll as a microtask, as an async function runs up to its
        // first `await` before the caller's checkpoint reports rejections.
        self.queue_microtask(move |lp| lp.poll_spawned(key));
    }

    pub(crate) fn poll_spawned(&self, key: usize) {
        let future = {
            let mut tasks = self.core.spawner.tasks.borrow_mut();
            tasks.get_mut(key).and_then(|t| t.future.take())
        };
        let Some(mut future) = future else {
            return;
        };
        let task = TaskWaker {
            handle: self.handle(),
            key,
            queued: AtomicBool::new(false),
        };
        let waker = sync::waker(task, wake_task);
        let mut cx = Context::from_waker(&waker);
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))) {
            Ok(Poll::Pending) => {
                if let Some(task) = self.core.spawner.tasks.borrow_mut().get_mut(key) {
                    task.future = Some(future);
                }
            }
            Ok(Poll::Ready(())) => {
                let task = self.core.spawner.tasks.borrow_mut().try_remove(key);
                drop((task, future));
            }
            Err(payload) => {
                let task = self.core.spawner.tasks.borrow_mut().try_remove(key);
                drop(future);
                if let Some(on_panic) = task.and_then(|mut t| t.on_panic.take()) {
                    on_panic(panic_reason(payload));
                }
            }
        }
    }
}

impl<T: Clone + 'static> Promise<T> {
    /// A promise settled by `future`'s result once it completes on the loop.
    pub fn from_future<F>(lp: &EventLoop, future: F) -> Promise<T>
    where
        F: Future<Output = Result<T, Reason>> + 'static,
    {
        lp.spawn_local(future).then(|r| r)
    }
}

/// Awaiting a promise attaches a handler (as `await` does in JavaScript):
/// a rejection it delivers is not reported as unhandled.
impl<T: Clone + 'static> Future for Promise<T> {
    type Output = Result<T, Reason>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.mark_handled();
        let mut state = self.cell.state.borrow_mut();
        match &mut *state {
            State::Pending | State::PendingOne(_) | State::PendingMany(_) => {
                state.add_waker(cx.waker());
                Poll::Pending
            }
            State::Fulfilled(v) => Poll::Ready(Ok(v.clone())),
            State::Rejected(e) => Poll::Ready(Err(e.clone())),
        }
    }
}
