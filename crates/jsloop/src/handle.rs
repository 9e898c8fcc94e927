//! [`Handle`]: the way into the loop from any thread, and [`Hold`].

use std::fmt;
use std::time::Duration;

use crate::error::{CallError, ScheduleError, SubmitError};
use crate::event_loop::{EventLoop, TimerCallback};
use crate::id::{ImmediateId, TimerId};
use crate::ingress::Runnable;
use crate::oneshot;
use crate::panic::CallbackKind;
use crate::shared::{Shared, Stop};
use crate::sync::{Arc, Ordering};

/// A `Send + Sync + Clone` handle to an [`EventLoop`], for other threads.
///
/// Tasks sent through it run on the loop thread, in the poll phase, in the
/// order they were accepted. Once the loop shuts down, closes or is
/// dropped, submissions fail and hand the task back unrun.
///
/// # Examples
///
/// ```
/// use jsloop::EventLoop;
///
/// let lp = EventLoop::new();
/// let handle = lp.handle();
/// let hold = handle.hold().unwrap();
/// let worker = std::thread::spawn(move || {
///     let answer = handle.call(|_| 6 * 7).unwrap();
///     drop(hold);
///     answer
/// });
/// lp.run().unwrap();
/// assert_eq!(worker.join().unwrap(), 42);
/// ```
#[derive(Clone)]
pub struct Handle {
    pub(crate) shared: Arc<Shared>,
    pub(crate) spin: Duration,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("terminated", &self.is_terminated())
            .finish()
    }
}

impl Handle {
    /// Sends `task` to run once on the loop thread.
    ///
    /// # Errors
    ///
    /// [`SubmitError`] holding the task, unrun, once the loop stopped
    /// accepting work (shutdown, close, or dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// # use jsloop::EventLoop;
    /// let lp = EventLoop::new();
    /// lp.handle().submit(|_| println!("on the loop")).unwrap();
    /// lp.run().unwrap();
    /// ```
    pub fn submit<F>(&self, task: F) -> Result<(), SubmitError<F>>
    where
        F: FnOnce(&EventLoop) + Send + 'static,
    {
        self.shared.push(task).map_err(SubmitError)
    }

    /// Sends many tasks as one queue entry and at most one wake-up; they
    /// run one after the other, a microtask checkpoint after each.
    ///
    /// # Errors
    ///
    /// [`SubmitError`] holding every task, unrun, once the loop stopped
    /// accepting work.
    pub fn submit_batch<I, F>(&self, tasks: I) -> Result<(), SubmitError<Vec<F>>>
    where
        I: IntoIterator<Item = F>,
        F: FnOnce(&EventLoop) + Send + 'static,
    {
        self.shared
            .push(Batch(tasks.into_iter().collect()))
            .map_err(|batch| SubmitError(batch.0))
    }

    /// Runs `f` on the loop thread and waits for its result.
    ///
    /// The wait spins briefly before it blocks, so a round trip to an idle
    /// loop costs well under a microsecond rather than two thread wake-ups.
    ///
    /// # Errors
    ///
    /// [`CallError::Rejected`] if the loop no longer accepts work;
    /// [`CallError::Dropped`] if the task was discarded unrun (close) or
    /// panicked.
    ///
    /// # Panics
    ///
    /// Deadlocks are not detected: calling it on the loop's own thread
    /// while the loop waits for this call never returns.
    pub fn call<F, R>(&self, f: F) -> Result<R, CallError>
    where
        F: FnOnce(&EventLoop) -> R + Send + 'static,
        R: Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        self.submit(move |lp| tx.send(f(lp)))
            .map_err(|_| CallError::Rejected)?;
        rx.recv(self.spin).ok_or(CallError::Dropped)
    }

    /// Schedules `callback` on the loop after `delay` (at least 1 ms),
    /// counted from when the loop receives the request.
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] once the loop stopped accepting work;
    /// [`ScheduleError::IdsExhausted`] after 2^52 timers from handles.
    /// Either holds the callback, unrun.
    pub fn set_timeout<F>(&self, delay: Duration, callback: F) -> Result<TimerId, ScheduleError<F>>
    where
        F: FnOnce(&EventLoop) + Send + 'static,
    {
        self.schedule_timer(delay, callback, |f| TimerCallback::Once(Box::new(f)))
    }

    /// Schedules `callback` to run every `period` (at least 1 ms).
    ///
    /// # Errors
    ///
    /// As [`Handle::set_timeout`].
    pub fn set_interval<F>(
        &self,
        period: Duration,
        callback: F,
    ) -> Result<TimerId, ScheduleError<F>>
    where
        F: FnMut(&EventLoop) + Send + 'static,
    {
        self.schedule_timer(period, callback, |f| TimerCallback::Repeat(Box::new(f)))
    }

    /// Hands out an id now; the loop inserts the timer when it gets the task.
    fn schedule_timer<F>(
        &self,
        delay: Duration,
        callback: F,
        make: fn(F) -> TimerCallback,
    ) -> Result<TimerId, ScheduleError<F>>
    where
        F: Send + 'static,
    {
        let Some(id) = self.shared.timer_ids.next() else {
            return Err(ScheduleError::IdsExhausted(callback));
        };
        let id = TimerId::from_u64(id);
        let task = NewTimer {
            id,
            delay,
            callback,
            make,
        };
        self.shared
            .push(task)
            .map_err(|task| ScheduleError::Closed(task.callback))?;
        Ok(id)
    }

    /// Asks the loop to clear a timer; requests from one thread are applied
    /// in order, so a clear after a set from the same thread always wins.
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] once the loop stopped accepting work.
    pub fn clear_timer(&self, id: TimerId) -> Result<(), ScheduleError> {
        self.shared
            .push(move |lp: &EventLoop| {
                lp.clear_timer(id);
            })
            .map_err(|_| ScheduleError::Closed(()))
    }

    /// Queues `callback` for the loop's check phase.
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] once the loop stopped accepting work;
    /// [`ScheduleError::IdsExhausted`] after 2^52 immediates from handles.
    /// Either holds the callback, unrun.
    pub fn set_immediate<F>(&self, callback: F) -> Result<ImmediateId, ScheduleError<F>>
    where
        F: FnOnce(&EventLoop) + Send + 'static,
    {
        let Some(id) = self.shared.immediate_ids.next() else {
            return Err(ScheduleError::IdsExhausted(callback));
        };
        let id = ImmediateId::from_u64(id);
        self.shared.remote_immediates.lock().insert(id.as_u64(), ());
        let pushed = self.shared.push(NewImmediate { id, callback });
        if let Err(task) = pushed {
            self.shared.claim_immediate(id.as_u64());
            return Err(ScheduleError::Closed(task.callback));
        }
        Ok(id)
    }

    /// Cancels an immediate made by [`Handle::set_immediate`].
    ///
    /// Returns true if and only if this call prevented the callback from
    /// starting; it never waits for a running callback. Ids of immediates
    /// set on the loop thread ([`EventLoop::set_immediate`]) can only be
    /// cleared there: for those, and for unknown ids, it returns false.
    pub fn clear_immediate(&self, id: ImmediateId) -> bool {
        id.is_remote() && self.shared.claim_immediate(id.as_u64())
    }

    /// Keeps the loop from exiting by itself until the returned [`Hold`]
    /// is dropped: for work in flight elsewhere that will report back.
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] if the loop has terminated.
    pub fn hold(&self) -> Result<Hold, ScheduleError> {
        if self.shared.is_terminated() {
            return Err(ScheduleError::Closed(()));
        }
        self.shared.holds.fetch_add(1, Ordering::SeqCst);
        Ok(Hold {
            shared: self.shared.clone(),
        })
    }

    /// Graceful shutdown: refuse new work, run what was accepted (tasks,
    /// immediates, microtasks), drop pending timers, then stop.
    pub fn shutdown(&self) {
        self.shared.request_stop(Stop::Shutdown);
    }

    /// Immediate close: stop after the running callback, dropping all
    /// queued work unrun.
    pub fn close(&self) {
        self.shared.request_stop(Stop::Close);
    }

    /// Blocks until the loop has terminated (after a shutdown or close
    /// completed, or the loop was dropped).
    pub fn wait(&self) {
        self.shared.wait_terminated();
    }

    /// Whether the loop has terminated.
    pub fn is_terminated(&self) -> bool {
        self.shared.is_terminated()
    }
}

/// Keeps its loop alive while it exists; see [`Handle::hold`].
pub struct Hold {
    shared: Arc<Shared>,
}

impl fmt::Debug for Hold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hold")
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.shared.holds.fetch_sub(1, Ordering::SeqCst);
        self.shared.wake.notify();
    }
}

/// A timer from a handle on its way to the loop; refused, it is handed
/// back with its callback.
struct NewTimer<F> {
    id: TimerId,
    delay: Duration,
    callback: F,
    make: fn(F) -> TimerCallback,
}

impl<F: Send + 'static> Runnable for NewTimer<F> {
    fn run(self, lp: &EventLoop) {
        let NewTimer {
            id,
            delay,
            callback,
            make,
        } = self;
        lp.insert_timer(id, delay, make(callback));
    }
}

/// An immediate from a handle on its way to the loop; refused, it is
/// handed back with its callback.
struct NewImmediate<F> {
    id: ImmediateId,
    callback: F,
}

impl<F: FnOnce(&EventLoop) + Send + 'static> Runnable for NewImmediate<F> {
    fn run(self, lp: &EventLoop) {
        lp.push_remote_immediate(self.id, Box::new(self.callback));
    }
}

/// The tasks of [`Handle::submit_batch`]: one queue entry, run as
/// separate callbacks (a panic in one does not skip the next).
struct Batch<F>(Vec<F>);

impl<F: FnOnce(&EventLoop) + Send + 'static> Runnable for Batch<F> {
    fn run(self, lp: &EventLoop) {
        for task in self.0 {
            lp.invoke(CallbackKind::Task, task);
            lp.checkpoint();
            if lp.closing() {
                break;
            }
        }
    }
}
