//! State shared between the loop and its [`Handle`](crate::Handle)s.
//!
//! Ground rules:
//! - Everything here is `Send + Sync`; the loop owns no lock while it runs
//!   user code, and no two of these locks are ever held at once.
//! - `stop` moves only forward ([`Stop`] levels, raised by `fetch_max`):
//!   running → shutdown requested → close requested. `terminated` is set once, after the loop dropped or ran its
//!   last callback.
//! - A `remote_immediates` entry exists from the moment a `Handle` hands
//!   out an immediate id until the loop claims it to run or someone clears
//!   it; whoever removes the entry decides, so exactly one of "ran" and
//!   "cleared" happens.

use crate::id::{IdMap, Kind, SharedCounter};
use crate::ingress::{Ingress, Runnable};
use crate::io::Unparker;
use crate::sync::{self, AtomicBool, AtomicU8, AtomicUsize, Condvar, Mutex, Ordering};
use crate::wake::Wake;

/// How far the loop has been asked to stop; levels only rise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Stop {
    /// No stop requested.
    Running = 0,
    /// Graceful shutdown requested: drain accepted work, then stop.
    Shutdown = 1,
    /// Immediate close requested: discard queued work, stop.
    Close = 2,
}

impl Stop {
    /// The level stored as `value` by [`Shared::request_stop`].
    fn from_u8(value: u8) -> Self {
        match value {
            0 => Stop::Running,
            1 => Stop::Shutdown,
            _ => Stop::Close,
        }
    }
}

pub(crate) struct Shared {
    pub(crate) ingress: Ingress,
    pub(crate) wake: Wake,
    pub(crate) timer_ids: SharedCounter,
    pub(crate) immediate_ids: SharedCounter,
    pub(crate) remote_immediates: Mutex<IdMap<()>>,
    /// Live [`Hold`](crate::Hold)s: in-flight work that keeps the loop alive.
    pub(crate) holds: AtomicUsize,
    /// External work in flight (blocking work on a pool, a child process)
    /// that will report back through the poll phase: it keeps the loop
    /// alive, and a virtual clock waits for it instead of jumping to the
    /// next timer. See [`Shared::external_begin`].
    external: AtomicUsize,
    stop: AtomicU8,
    terminated: AtomicBool,
    terminated_lock: Mutex<bool>,
    terminated_cv: Condvar,
}

impl Shared {
    pub(crate) fn new(unparker: Unparker) -> Self {
        Self {
            ingress: Ingress::new(),
            wake: Wake::new(unparker),
            timer_ids: SharedCounter::new(Kind::Timer),
            immediate_ids: SharedCounter::new(Kind::Immediate),
            remote_immediates: Mutex::new(IdMap::default()),
            holds: AtomicUsize::new(0),
            external: AtomicUsize::new(0),
            stop: AtomicU8::new(Stop::Running as u8),
            terminated: AtomicBool::new(false),
            terminated_lock: Mutex::new(false),
            terminated_cv: Condvar::new(),
        }
    }

    /// Queues a task, waking the loop if it may be asleep; hands the task
    /// back once the loop stopped accepting.
    pub(crate) fn push<R: Runnable>(&self, task: R) -> Result<(), R> {
        if self.ingress.push(task)? {
            self.wake.notify();
        }
        Ok(())
    }

    /// Counts one more piece of pending external work (the hook a pool
    /// of blocking work calls when it accepts a job).
    #[allow(dead_code)] // The blocking-work pool is its first user.
    pub(crate) fn external_begin(&self) {
        self.external.fetch_add(1, Ordering::SeqCst);
    }

    /// Counts one piece of external work done, from any thread, and wakes
    /// the loop so it looks again at whether to jump or exit.
    #[allow(dead_code)] // The blocking-work pool is its first user.
    pub(crate) fn external_end(&self) {
        self.external.fetch_sub(1, Ordering::SeqCst);
        self.wake.notify();
    }

    /// Pending external work, see [`Shared::external_begin`].
    pub(crate) fn external_pending(&self) -> usize {
        self.external.load(Ordering::SeqCst)
    }

    /// Requests a stop of at least `level` and wakes the loop.
    pub(crate) fn request_stop(&self, level: Stop) {
        self.stop.fetch_max(level as u8, Ordering::SeqCst);
        if level == Stop::Shutdown {
            self.ingress.stop_accepting();
        }
        self.wake.notify();
    }

    /// The strongest stop requested so far.
    #[inline]
    pub(crate) fn stop(&self) -> Stop {
        Stop::from_u8(self.stop.load(Ordering::Acquire))
    }

    /// Claims a remote immediate for running or clearing; true for the one
    /// caller that finds it still pending.
    pub(crate) fn claim_immediate(&self, id: u64) -> bool {
        self.remote_immediates.lock().remove(&id).is_some()
    }

    /// Marks the loop terminated and wakes every waiter.
    pub(crate) fn terminate(&self) {
        self.remote_immediates.lock().clear();
        *self.terminated_lock.lock() = true;
        self.terminated.store(true, Ordering::Release);
        self.terminated_cv.notify_all();
    }

    #[inline]
    pub(crate) fn is_terminated(&self) -> bool {
        self.terminated.load(Ordering::Acquire)
    }

    /// Blocks until [`Shared::terminate`] ran.
    pub(crate) fn wait_terminated(&self) {
        if self.is_terminated() {
            return;
        }
        let mut done = self.terminated_lock.lock();
        while !*done {
            done = sync::wait(&self.terminated_cv, done);
        }
    }
}
