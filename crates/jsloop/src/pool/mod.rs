//! The blocking-work pool (libuv's thread pool): `Send` work runs on pool
//! threads, its result comes back to a loop-thread callback in the poll
//! phase, followed by a microtask checkpoint.
//!
//! Ground rules:
//! - The loop thread owns the callbacks (`callbacks`, keyed by work id) and
//!   the threads; workers see only the [`Queue`] and the loop's wake-up.
//! - A piece of work is *pending* from [`EventLoop::queue_work`] until its
//!   callback is taken to run (or dropped by a close); pending work keeps
//!   the loop alive, whether queued, running or finished but undelivered.
//! - Threads start on the first submission (as libuv's) and are joined when
//!   the loop terminates or is dropped.

mod queue;
pub(crate) mod size;
mod worker;

use std::cell::{Cell, RefCell};
use std::fmt;
use std::io;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::event_loop::EventLoop;
use crate::id::IdMap;
use crate::panic::CallbackKind;
use crate::sync::Arc;
use queue::{Done, Output, Queue, Work};

/// Why a piece of work handed its callback no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkError {
    /// [`EventLoop::cancel_work`] removed it before it started (libuv's
    /// `UV_ECANCELED`).
    #[error("work was cancelled before it started")]
    Cancelled,
    /// The work panicked; the panic message.
    #[error("work panicked: {0}")]
    Panicked(String),
}

/// Why [`EventLoop::queue_work`] did not take the work; the work and its
/// callback are handed back.
#[derive(thiserror::Error)]
pub enum QueueWorkError<T> {
    /// The loop has terminated or is closing.
    #[error("event loop is no longer accepting work")]
    Closed(T),
    /// No pool thread could be started.
    #[error("cannot start a pool thread: {1}")]
    Spawn(T, #[source] io::Error),
}

impl<T> QueueWorkError<T> {
    /// Returns the work and callback that were not queued.
    pub fn into_inner(self) -> T {
        match self {
            Self::Closed(t) | Self::Spawn(t, _) => t,
        }
    }
}

impl<T> fmt::Debug for QueueWorkError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Closed(_) => f.write_str("Closed(..)"),
            Self::Spawn(_, e) => write!(f, "Spawn(.., {e:?})"),
        }
    }
}

/// The id of a piece of work queued with [`EventLoop::queue_work`]; ids
/// are never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkId(u64);

/// A work callback, type-erased: it downcasts the output itself.
type Callback = Box<dyn FnOnce(&EventLoop, Result<Output, WorkError>)>;

/// The running threads and the queue they share with the loop.
struct Started {
    queue: Arc<Queue>,
    threads: Vec<JoinHandle<()>>,
}

/// The loop thread's side of the pool (a field of the loop's `Core`).
pub(crate) struct Pool {
    configured: Option<usize>,
    spin: Duration,
    started: RefCell<Option<Started>>,
    callbacks: RefCell<IdMap<Callback>>,
    next_id: Cell<u64>,
    batch: RefCell<Vec<Done>>,
}

impl Pool {
    /// A pool of `configured` threads (`None`: from the environment),
    /// whose workers spin up to `spin` before parking.
    pub(crate) fn new(configured: Option<usize>, spin: Duration) -> Self {
        Self {
            configured,
            spin,
            started: RefCell::new(None),
            callbacks: RefCell::default(),
            next_id: Cell::new(0),
            batch: RefCell::default(),
        }
    }

    /// Work whose callback has not run yet (it keeps the loop alive).
    #[inline]
    pub(crate) fn pending(&self) -> usize {
        self.callbacks.borrow().len()
    }

    /// Work queued and not started yet.
    pub(crate) fn queued(&self) -> usize {
        self.started.borrow().as_ref().map_or(0, |s| s.queue.len())
    }

    /// The number of threads the pool runs (or will run).
    pub(crate) fn size(&self) -> usize {
        match &*self.started.borrow() {
            Some(s) => s.threads.len(),
            None => size::resolve(self.configured),
        }
    }

    /// The queue, starting the threads first if need be.
    fn queue(&self, lp: &EventLoop) -> io::Result<Arc<Queue>> {
        if let Some(s) = &*self.started.borrow() {
            return Ok(s.queue.clone());
        }
        let queue = Arc::new(Queue::new());
        let mut threads = Vec::new();
        let mut error = None;
        for index in 0..size::resolve(self.configured) {
            let shared = lp.core.shared.clone();
            match worker::spawn(index, queue.clone(), shared, self.spin) {
                Ok(thread) => threads.push(thread),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        if threads.is_empty() {
            return Err(error.unwrap_or_else(|| io::Error::other("no pool thread")));
        }
        *self.started.borrow_mut() = Some(Started {
            queue: queue.clone(),
            threads,
        });
        Ok(queue)
    }

    /// Stops the threads and joins them, dropping queued work, undelivered
    /// results and every pending callback, unrun.
    pub(crate) fn terminate(&self) {
        let started = self.started.borrow_mut().take();
        if let Some(Started { queue, threads }) = started {
            let queued = queue.stop();
            drop(queued);
            for thread in threads {
                let _ = thread.join();
            }
            let mut done = Vec::new();
            queue.take_done(&mut done);
            drop(done);
        }
        let callbacks = std::mem::take(&mut *self.callbacks.borrow_mut());
        drop(callbacks);
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.terminate();
    }
}

impl EventLoop {
    /// Runs `work` on the loop's thread pool, then `done` on the loop
    /// thread, in the poll phase, with its output (followed by a microtask
    /// checkpoint), as libuv's `uv_queue_work`.
    ///
    /// Pending work keeps [`EventLoop::run`] alive. The pool's threads start
    /// on the first call: as many as [`Builder::threadpool_size`] says, or
    /// the `JSLOOP_THREADPOOL_SIZE` environment variable, or 4. On
    /// [`EventLoop::close`] queued work is dropped unstarted and every
    /// pending `done` is dropped unrun (as the loop's other queued
    /// callbacks); [`EventLoop::shutdown`] waits for all pending work and
    /// runs its callbacks. Either way the threads are joined, so a close
    /// waits for work already running.
    ///
    /// `done` gets [`WorkError::Cancelled`] after [`EventLoop::cancel_work`]
    /// and [`WorkError::Panicked`] if `work` panicked.
    ///
    /// [`Builder::threadpool_size`]: crate::Builder::threadpool_size
    ///
    /// # Errors
    ///
    /// [`QueueWorkError::Closed`] once the loop has terminated or is
    /// closing; [`QueueWorkError::Spawn`] if no pool thread could start.
    /// Both hand `(work, done)` back.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::new();
    /// let sum = Rc::new(Cell::new(0));
    /// let s = sum.clone();
    /// lp.queue_work(|| (1..=10).sum::<u64>(), move |_, result| s.set(result.unwrap()))
    ///     .unwrap();
    /// lp.run().unwrap();
    /// assert_eq!(sum.get(), 55);
    /// ```
    pub fn queue_work<W, T, D>(&self, work: W, done: D) -> Result<WorkId, QueueWorkError<(W, D)>>
    where
        W: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
        D: FnOnce(&EventLoop, Result<T, WorkError>) + 'static,
    {
        if self.core.shared.is_terminated() || self.closing() {
            return Err(QueueWorkError::Closed((work, done)));
        }
        let pool = &self.core.pool;
        let queue = match pool.queue(self) {
            Ok(queue) => queue,
            Err(e) => return Err(QueueWorkError::Spawn((work, done), e)),
        };
        let id = pool.next_id.get();
        pool.next_id.set(id + 1);
        let callback: Callback = Box::new(move |lp, result| {
            let result = result.map(|output| match output.downcast::<T>() {
                Ok(value) => *value,
                Err(_) => unreachable!("work output is downcast to the type it returned"),
            });
            done(lp, result)
        });
        pool.callbacks.borrow_mut().insert(id, callback);
        let run = Box::new(move || Box::new(work()) as Output);
        queue.push(Work { id, run });
        Ok(WorkId(id))
    }

    /// Cancels work that has not started yet (libuv's `uv_cancel`): its
    /// callback then gets [`WorkError::Cancelled`] in the poll phase.
    /// Returns whether it was cancelled; work already running or finished,
    /// and unknown ids, are left alone.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::mpsc;
    /// use jsloop::{EventLoop, WorkError};
    ///
    /// let lp = EventLoop::builder().threadpool_size(1).build();
    /// let (tx, rx) = mpsc::channel::<()>();
    /// // The single thread waits in the first work until the channel closes.
    /// lp.queue_work(move || rx.recv().ok(), |_, _| ()).unwrap();
    /// let second = lp.queue_work(|| 42, |_, r| assert_eq!(r, Err(WorkError::Cancelled)))
    ///     .unwrap();
    /// assert!(lp.cancel_work(second));
    /// drop(tx);
    /// lp.run().unwrap();
    /// ```
    pub fn cancel_work(&self, id: WorkId) -> bool {
        let queue = match &*self.core.pool.started.borrow() {
            Some(s) => s.queue.clone(),
            None => return false,
        };
        let Some(work) = queue.cancel(id.0) else {
            return false;
        };
        drop(work);
        queue.finish(Done {
            id: id.0,
            result: Err(WorkError::Cancelled),
        });
        self.core.shared.wake.notify();
        true
    }

    /// The number of threads the pool runs (once started) or will start.
    pub fn threadpool_size(&self) -> usize {
        self.core.pool.size()
    }

    /// Runs the callbacks of the work finished before this call (poll
    /// phase); returns whether any ran.
    #[inline]
    pub(crate) fn run_work_done(&self) -> bool {
        self.core.pool.pending() > 0 && self.deliver_work()
    }

    /// [`EventLoop::run_work_done`] with work pending (kept out of line,
    /// off the poll phase's hot path).
    #[inline(never)]
    fn deliver_work(&self) -> bool {
        let pool = &self.core.pool;
        let queue = match &*pool.started.borrow() {
            Some(s) => s.queue.clone(),
            None => return false,
        };
        let mut batch = std::mem::take(&mut *pool.batch.borrow_mut());
        queue.take_done(&mut batch);
        if batch.is_empty() {
            *pool.batch.borrow_mut() = batch;
            return false;
        }
        let mut finished = batch.drain(..);
        for Done { id, result } in finished.by_ref() {
            let callback = pool.callbacks.borrow_mut().remove(&id);
            if let Some(callback) = callback {
                self.invoke(CallbackKind::Work, |lp| callback(lp, result));
                self.checkpoint();
            }
            if self.closing() {
                break;
            }
        }
        drop(finished);
        *pool.batch.borrow_mut() = batch;
        true
    }

    /// During a graceful shutdown: waits for pending pool work to report
    /// back; returns whether there was any to wait for.
    pub(crate) fn wait_for_work(&self) -> bool {
        if self.core.pool.pending() == 0 || self.closing() {
            return false;
        }
        self.sleep_in_poller(None, self.core.pool.spin);
        true
    }
}
