//! [`EventLoop`]: the owner of the loop, and everything scheduled on it.

mod builder;
mod io;
mod phases;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::{Rc, Weak};
use std::time::Duration;

pub use builder::Builder;

use crate::clock::Clock;
use crate::error::{RunError, ScheduleError, SubmitError};
use crate::handle::Handle;
use crate::id::{ImmediateId, Kind, LocalCounter, TimerId};
use crate::immediate::ImmediateQueue;
use crate::ingress::Task;
use crate::io::{IoId, Poller, Readiness, Registrations};
use crate::metrics::IdleTime;
use crate::microtask::{Job, JobQueue, Microtasks};
use crate::panic::PanicHook;
use crate::pool::Pool;
use crate::promise::{Rejection, Resolvers, Spawner, Tracker};
use crate::shared::{Shared, Stop};
use crate::signal::Listeners;
use crate::sync::{Arc, Ordering};
use crate::thunk::Thunk;
use crate::timer::{self, TimerQueue};

/// Why [`EventLoop::run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing referenced was left to do (auto-exit); the loop can run again.
    Idle,
    /// The condition of [`EventLoop::run_until`] held.
    Condition,
    /// A graceful shutdown completed; the loop has terminated.
    Shutdown,
    /// The loop was closed; it has terminated.
    Closed,
    /// [`EventLoop::run_nowait`] ran one turn and referenced work remains.
    Pending,
}

/// A timer's callback on this loop: a timeout's runs once, an interval's
/// many times. (A zero-sized closure boxes without allocating.)
pub(crate) type TimerCallback = timer::Callback<Job, Interval>;

/// An interval's callback.
type Interval = Box<dyn FnMut(&EventLoop)>;

/// State only the loop thread touches.
pub(crate) struct Core {
    pub(crate) shared: Arc<Shared>,
    clock: Box<dyn Clock>,
    now: Cell<u64>,
    immediate_ids: LocalCounter,
    timers: RefCell<TimerQueue<Job, Interval>>,
    immediates: RefCell<ImmediateQueue<Job>>,
    pub(crate) microtasks: Microtasks,
    pub(crate) rejections: Tracker,
    pub(crate) spawner: Spawner,
    /// Promises waiting for a [`SendResolver`](crate::promise::SendResolver).
    pub(crate) resolvers: Resolvers,
    tasks: RefCell<VecDeque<Job>>,
    closers: RefCell<Vec<Job>>,
    batch: RefCell<Vec<Task>>,
    /// Whether tasks from other threads arrived while the last batch ran.
    streaming: Cell<bool>,
    poller: RefCell<Poller>,
    /// Readiness registrations.
    io: Registrations,
    /// The registration whose callback runs, if one does.
    current_io: Cell<Option<IoId>>,
    /// What the last poll found ready, before its callbacks run.
    ready: RefCell<Vec<(mio::Token, Readiness)>>,
    panic_hook: PanicHook,
    pub(crate) in_checkpoint: Cell<bool>,
    /// Set by [`EventLoop::defer_checkpoint`] during a timer or immediate.
    pub(crate) defer_checkpoint: Cell<bool>,
    running: Cell<bool>,
    exit: Cell<Option<Exit>>,
    spin: Duration,
    pub(crate) pool: Pool,
    pub(crate) signals: Listeners,
    pub(crate) idle_time: IdleTime,
}

impl Drop for Core {
    fn drop(&mut self) {
        let refused = self.shared.ingress.close();
        drop(refused);
        self.shared.terminate();
    }
}

/// A single-threaded event loop with JavaScript semantics.
///
/// It is `!Send`: it and everything scheduled on it belong to the thread
/// that made it. Other threads reach it through a [`Handle`]. Callbacks
/// receive `&EventLoop`, so they can schedule more work without keeping
/// the loop alive by reference.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use jsloop::EventLoop;
///
/// let lp = EventLoop::new();
/// lp.set_timeout(Duration::from_millis(1), |lp| {
///     lp.set_immediate(|_| println!("immediate")).unwrap();
///     lp.next_tick(|_| println!("tick"));
///     println!("timeout");
/// })
/// .unwrap();
/// lp.run().unwrap(); // timeout, tick, immediate
/// ```
pub struct EventLoop {
    pub(crate) core: Rc<Core>,
}

impl fmt::Debug for EventLoop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventLoop")
            .field("now", &self.now())
            .field("stats", &self.stats())
            .finish()
    }
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}

/// A weak, `!Send` reference to an [`EventLoop`], for code on the loop
/// thread that cannot receive `&EventLoop` (such as engine callbacks).
#[derive(Clone)]
pub struct LocalHandle {
    core: Weak<Core>,
}

impl fmt::Debug for LocalHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LocalHandle")
    }
}

impl LocalHandle {
    /// The loop, if it still exists.
    #[inline]
    pub fn upgrade(&self) -> Option<EventLoop> {
        self.core.upgrade().map(|core| EventLoop { core })
    }
}

/// Counts of the loop's bookkeeping, for leak checks and diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// Pending timeouts and intervals.
    pub timers: usize,
    /// Slots in the timer heap: one per delay with a scheduled timer
    /// (the stale slots of delays emptied by clearing, kept for a while,
    /// are not counted).
    pub timer_slots: usize,
    /// Pending immediates.
    pub immediates: usize,
    /// Slots in the immediate FIFO, stale ones included.
    pub immediate_slots: usize,
    /// Tasks submitted on the loop thread, not yet run.
    pub tasks: usize,
    /// Tasks from other threads, not yet run.
    pub ingress: usize,
    /// Immediates from other threads neither run nor cleared.
    pub remote_immediates: usize,
    /// Queued nextTick callbacks.
    pub ticks: usize,
    /// Queued microtasks.
    pub microtasks: usize,
    /// Queued close callbacks.
    pub closers: usize,
    /// Readiness registrations not closed yet (active or not).
    pub registrations: usize,
    /// Rejected promises with no handler, not reported yet.
    pub unhandled_rejections: usize,
    /// Late-handled rejections not reported yet.
    pub late_rejections: usize,
    /// Spawned futures not finished yet.
    pub futures: usize,
    /// Pool work queued and not started yet.
    pub work_queued: usize,
    /// Pool work whose callback has not run yet (queued, running or done).
    pub work_pending: usize,
    /// Registered signal callbacks (they keep nothing alive).
    pub signals: usize,
    /// Promises waiting for a [`SendResolver`](crate::promise::SendResolver).
    pub send_resolvers: usize,
    /// Wake syscalls producers made since the loop was built: only a
    /// producer that finds the loop asleep makes one.
    pub wake_syscalls: u64,
}

/// Converts a delay to whole milliseconds, rounding up, at least 1.
#[inline]
fn delay_ms(delay: Duration) -> u64 {
    // Whole seconds are whole milliseconds: only the sub-second part rounds
    // (no 128-bit division on the timer path).
    let secs = delay.as_secs();
    let sub = u64::from(delay.subsec_nanos().div_ceil(1_000_000));
    if secs < 1 << 50 {
        // No overflow: 2^50 * 1000 + 1000 < 2^64.
        return (secs * 1000 + sub).max(1);
    }
    secs.checked_mul(1000)
        .and_then(|ms| ms.checked_add(sub))
        .unwrap_or(u64::MAX)
}

impl EventLoop {
    /// A loop on the system clock with the default panic hook.
    ///
    /// # Panics
    ///
    /// If the OS refuses a poller (out of file descriptors); see
    /// [`Builder::try_build`].
    pub fn new() -> Self {
        Builder::new().build()
    }

    /// A builder to choose the clock, panic hook and spin time.
    pub fn builder() -> Builder {
        Builder::new()
    }

    fn from_parts(
        clock: Box<dyn Clock>,
        panic_hook: PanicHook,
        spin: Duration,
        threadpool_size: Option<usize>,
        track_idle_time: bool,
    ) -> std::io::Result<Self> {
        let (poller, unparker) = Poller::new()?;
        let now = clock.now_ms();
        let idle_time = IdleTime::new(track_idle_time);
        idle_time.start(clock.elapsed());
        Ok(Self {
            core: Rc::new(Core {
                shared: Arc::new(Shared::new(unparker)),
                clock,
                now: Cell::new(now),
                immediate_ids: LocalCounter::new(Kind::Immediate),
                timers: RefCell::default(),
                immediates: RefCell::default(),
                microtasks: Microtasks::default(),
                rejections: Tracker::default(),
                spawner: Spawner::default(),
                resolvers: Resolvers::default(),
                tasks: RefCell::default(),
                closers: RefCell::default(),
                batch: RefCell::default(),
                streaming: Cell::new(false),
                poller: RefCell::new(poller),
                io: Registrations::default(),
                current_io: Cell::new(None),
                ready: RefCell::default(),
                panic_hook,
                in_checkpoint: Cell::new(false),
                defer_checkpoint: Cell::new(false),
                running: Cell::new(false),
                exit: Cell::new(None),
                spin,
                pool: Pool::new(threadpool_size, spin),
                signals: Listeners::default(),
                idle_time,
            }),
        })
    }

    /// A handle for other threads.
    pub fn handle(&self) -> Handle {
        Handle {
            shared: self.core.shared.clone(),
            spin: self.core.spin,
        }
    }

    /// A weak handle for this thread.
    #[inline]
    pub fn local_handle(&self) -> LocalHandle {
        LocalHandle {
            core: Rc::downgrade(&self.core),
        }
    }

    /// The loop's time in milliseconds, as cached at the start of the turn.
    pub fn now(&self) -> u64 {
        self.core.now.get()
    }

    /// The clock's reading now (not the turn's cached time), at its finest
    /// resolution, from the same origin as [`EventLoop::now`]: what
    /// high-resolution timestamps (`performance.now()`) are made from.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use jsloop::{EventLoop, VirtualClock};
    ///
    /// let clock = VirtualClock::new();
    /// let lp = EventLoop::builder().clock(clock.clone()).build();
    /// clock.advance(Duration::from_millis(5));
    /// assert_eq!(lp.hrtime(), Duration::from_millis(5));
    /// ```
    pub fn hrtime(&self) -> Duration {
        self.core.clock.elapsed()
    }

    /// Re-reads the clock into the cached time.
    pub fn update_time(&self) {
        self.core.now.set(self.core.clock.now_ms());
    }

    /// Runs until nothing referenced is left, or a shutdown or close.
    ///
    /// # Errors
    ///
    /// [`RunError::Reentrant`] when called from one of this loop's callbacks.
    pub fn run(&self) -> Result<Exit, RunError> {
        self.run_until(|_| false)
    }

    /// Runs until `done` returns true (checked between turns), nothing
    /// referenced is left, or a shutdown or close.
    ///
    /// # Errors
    ///
    /// [`RunError::Reentrant`] when called from one of this loop's callbacks.
    pub fn run_until(&self, done: impl FnMut(&EventLoop) -> bool) -> Result<Exit, RunError> {
        if self.core.running.replace(true) {
            return Err(RunError::Reentrant);
        }
        struct Reset<'a>(&'a Cell<bool>);
        impl Drop for Reset<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        let _reset = Reset(&self.core.running);
        Ok(self.turns(done))
    }

    /// Runs one turn without sleeping (libuv's `UV_RUN_NOWAIT`): due
    /// timers, queued tasks, a batch from other threads, the immediates
    /// queued before the check phase, close callbacks. A virtual clock is
    /// not moved.
    ///
    /// # Errors
    ///
    /// [`RunError::Reentrant`] when called from one of this loop's callbacks.
    pub fn run_nowait(&self) -> Result<Exit, RunError> {
        if self.core.running.replace(true) {
            return Err(RunError::Reentrant);
        }
        let exit = self.turn_nowait();
        self.core.running.set(false);
        Ok(exit)
    }

    /// Queues `task` for the poll phase of this or the next turn.
    ///
    /// # Errors
    ///
    /// [`SubmitError`] holding the task once the loop has terminated.
    #[inline]
    pub fn submit<F>(&self, task: F) -> Result<(), SubmitError<F>>
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        if self.core.shared.is_terminated() || self.stop() == Stop::Close {
            return Err(SubmitError(task));
        }
        self.core.tasks.borrow_mut().push_back(Box::new(task));
        Ok(())
    }

    /// Runs `callback` once after `delay` (rounded up to whole
    /// milliseconds, at least 1 ms, as in Node).
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] once a shutdown or close began;
    /// [`ScheduleError::IdsExhausted`] after 2^52 timers. Either holds
    /// the callback, unrun.
    #[inline]
    pub fn set_timeout<F>(&self, delay: Duration, callback: F) -> Result<TimerId, ScheduleError<F>>
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        self.set_timer(delay, callback, |f| TimerCallback::Once(Box::new(f)))
    }

    /// Runs `callback` every `period` (at least 1 ms) until cleared; the
    /// id stays the same for the interval's whole life.
    ///
    /// # Errors
    ///
    /// As [`EventLoop::set_timeout`].
    #[inline]
    pub fn set_interval<F>(
        &self,
        period: Duration,
        callback: F,
    ) -> Result<TimerId, ScheduleError<F>>
    where
        F: FnMut(&EventLoop) + 'static,
    {
        self.set_timer(period, callback, |f| TimerCallback::Repeat(Box::new(f)))
    }

    /// Sets a timer on the loop thread: the queue hands out its id.
    #[inline]
    fn set_timer<F>(
        &self,
        delay: Duration,
        callback: F,
        make: impl FnOnce(F) -> TimerCallback,
    ) -> Result<TimerId, ScheduleError<F>> {
        if let Err(e) = self.accepting_timers() {
            return Err(e.with(callback));
        }
        let now = self.now();
        let mut timers = self.core.timers.borrow_mut();
        let Some(id) = timers.reserve() else {
            return Err(ScheduleError::IdsExhausted(callback));
        };
        timers.insert(id, now, delay_ms(delay), make(callback));
        Ok(id)
    }

    /// Whether timers can still be set.
    #[inline]
    fn accepting_timers(&self) -> Result<(), ScheduleError> {
        // A live loop terminates only once a stop was requested (in
        // `finish_if_stopping`), and the stop level never falls: one load.
        if self.core.shared.stop() != Stop::Running {
            return Err(ScheduleError::Closed(()));
        }
        Ok(())
    }

    /// Inserts a timer with an id already handed out (also for handles).
    pub(crate) fn insert_timer(&self, id: TimerId, delay: Duration, callback: TimerCallback) {
        if self.stop() != Stop::Running {
            drop(callback);
            return;
        }
        let now = self.now();
        self.core
            .timers
            .borrow_mut()
            .insert(id, now, delay_ms(delay), callback);
    }

    /// Cancels a timeout or interval (also from inside its own callback);
    /// returns whether one was pending. Unknown ids cancel nothing.
    #[inline]
    pub fn clear_timer(&self, id: TimerId) -> bool {
        let removed = self.core.timers.borrow_mut().remove(id);
        removed.is_some()
    }

    /// Restarts a timer's countdown from now with its original delay;
    /// returns whether the timer exists.
    pub fn refresh_timer(&self, id: TimerId) -> bool {
        self.core.timers.borrow_mut().refresh(id, self.now())
    }

    /// Makes a timer keep the loop alive again; returns whether it exists.
    pub fn ref_timer(&self, id: TimerId) -> bool {
        self.core.timers.borrow_mut().set_ref(id, true)
    }

    /// Stops a timer from keeping the loop alive (it still fires if the
    /// loop runs anyway); returns whether it exists.
    pub fn unref_timer(&self, id: TimerId) -> bool {
        self.core.timers.borrow_mut().set_ref(id, false)
    }

    /// Whether a pending timer keeps the loop alive; `None` if no such timer.
    pub fn timer_has_ref(&self, id: TimerId) -> Option<bool> {
        self.core.timers.borrow().has_ref(id)
    }

    /// Whether a timeout or interval with this id is pending.
    pub fn has_timer(&self, id: TimerId) -> bool {
        self.core.timers.borrow().contains(id)
    }

    /// Queues `callback` for the check phase. Immediates queued while the
    /// check phase runs wait for the next turn.
    ///
    /// # Errors
    ///
    /// [`ScheduleError::Closed`] once the loop has terminated;
    /// [`ScheduleError::IdsExhausted`] after 2^52 immediates. Either holds
    /// the callback, unrun.
    #[inline]
    pub fn set_immediate<F>(&self, callback: F) -> Result<ImmediateId, ScheduleError<F>>
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        if self.stop() == Stop::Close || self.core.shared.is_terminated() {
            return Err(ScheduleError::Closed(callback));
        }
        let Some(id) = self.core.immediate_ids.next() else {
            return Err(ScheduleError::IdsExhausted(callback));
        };
        let id = ImmediateId::from_u64(id);
        self.core
            .immediates
            .borrow_mut()
            .push(id, Box::new(callback));
        Ok(id)
    }

    /// Queues an immediate that came from a handle; it runs only if the
    /// loop claims it before a handle clears it.
    pub(crate) fn push_remote_immediate(
        &self,
        id: ImmediateId,
        callback: Box<dyn FnOnce(&EventLoop) + Send>,
    ) {
        let wrapped: Job = Box::new(move |lp: &EventLoop| {
            if lp.core.shared.claim_immediate(id.as_u64()) {
                callback(lp)
            }
        });
        self.core.immediates.borrow_mut().push(id, wrapped);
    }

    /// Cancels an immediate; returns whether it was pending. Unknown ids
    /// (timer ids among them) cancel nothing.
    pub fn clear_immediate(&self, id: ImmediateId) -> bool {
        if id.is_remote() {
            let claimed = self.core.shared.claim_immediate(id.as_u64());
            let removed = self.core.immediates.borrow_mut().remove(id);
            drop(removed);
            return claimed;
        }
        let removed = self.core.immediates.borrow_mut().remove(id);
        removed.is_some()
    }

    /// Makes an immediate keep the loop alive again; returns whether it exists.
    pub fn ref_immediate(&self, id: ImmediateId) -> bool {
        self.core.immediates.borrow_mut().set_ref(id, true)
    }

    /// Stops an immediate from keeping the loop alive; returns whether it exists.
    pub fn unref_immediate(&self, id: ImmediateId) -> bool {
        self.core.immediates.borrow_mut().set_ref(id, false)
    }

    /// Whether a pending immediate keeps the loop alive; `None` if no such immediate.
    pub fn immediate_has_ref(&self, id: ImmediateId) -> Option<bool> {
        self.core.immediates.borrow().has_ref(id)
    }

    /// Queues a microtask (the queue promise reactions use). After
    /// termination the callback is dropped unrun.
    #[inline]
    pub fn queue_microtask<F>(&self, callback: F)
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        // The loop thread's view of `Shared::is_terminated`: set just
        // before it (the other call is the core's drop), never reset.
        if self.core.exit.get().is_some() {
            return;
        }
        self.core.microtasks.jobs.push(Thunk::new(callback));
    }

    /// Queues a microtask already made a thunk (promise reactions).
    #[inline(always)]
    pub(crate) fn push_job(&self, job: Thunk) {
        // As in `queue_microtask`: `exit` is set just before termination.
        if self.core.exit.get().is_none() {
            self.core.microtasks.jobs.push(job);
        }
    }

    /// Queues the microtask `make(arg)` returns, made once the queue has
    /// room for it (so it is moved straight into its slot). After
    /// termination `make` is not called and `arg` comes back.
    #[inline(always)]
    pub(crate) fn push_job_with<A>(&self, arg: A, make: impl FnOnce(A) -> Thunk) -> Result<(), A> {
        // As in `queue_microtask`: `exit` is set just before termination.
        if self.core.exit.get().is_some() {
            return Err(arg);
        }
        self.core.microtasks.jobs.push_with(|| make(arg));
        Ok(())
    }

    /// Queues a nextTick callback: the whole nextTick queue runs before
    /// the microtask queue at every checkpoint. After termination the
    /// callback is dropped unrun.
    #[inline]
    pub fn next_tick<F>(&self, callback: F)
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        // As in `queue_microtask`: `exit` is set just before termination.
        if self.core.exit.get().is_some() {
            return;
        }
        let queues = &self.core.microtasks;
        queues.tick_count.set(queues.tick_count.get() + 1);
        queues.ticks.push(Thunk::new(callback));
    }

    /// Skips the microtask checkpoint after the running timer or immediate
    /// callback: the next callback of the same phase runs first, and the
    /// checkpoint after it (or at the end of the phase) covers both. Node
    /// does this after an uncaught exception a listener handled. Called
    /// from any other callback, it does nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::new();
    /// let log = Rc::new(RefCell::new(Vec::new()));
    /// let (a, b) = (log.clone(), log.clone());
    /// lp.set_immediate(move |lp| {
    ///     let t = a.clone();
    ///     lp.next_tick(move |_| t.borrow_mut().push("tick"));
    ///     lp.defer_checkpoint();
    /// })
    /// .unwrap();
    /// lp.set_immediate(move |_| b.borrow_mut().push("second immediate")).unwrap();
    /// lp.run().unwrap();
    /// assert_eq!(*log.borrow(), ["second immediate", "tick"]);
    /// ```
    pub fn defer_checkpoint(&self) {
        self.core.defer_checkpoint.set(true);
    }

    /// Queues a callback for the close phase of the current turn.
    ///
    /// # Errors
    ///
    /// [`SubmitError`] holding the callback once the loop has terminated.
    pub fn queue_close<F>(&self, callback: F) -> Result<(), SubmitError<F>>
    where
        F: FnOnce(&EventLoop) + 'static,
    {
        if self.core.shared.is_terminated() || self.stop() == Stop::Close {
            return Err(SubmitError(callback));
        }
        self.core.closers.borrow_mut().push(Box::new(callback));
        Ok(())
    }

    /// Sets the hook told, at the end of a microtask checkpoint, about each
    /// promise rejected with no handler (default: a line on stderr).
    pub fn on_unhandled_rejection(&self, hook: impl Fn(&EventLoop, &Rejection) + 'static) {
        self.core.rejections.set_unhandled_hook(Some(Rc::new(hook)));
    }

    /// Sets the hook told when a handler arrives for a rejection already
    /// reported as unhandled (default: a line on stderr).
    pub fn on_rejection_handled(&self, hook: impl Fn(&EventLoop, &Rejection) + 'static) {
        self.core.rejections.set_handled_hook(Some(Rc::new(hook)));
    }

    /// Installs (or removes) the external job queue drained at every
    /// microtask checkpoint.
    pub fn set_job_queue(&self, queue: Option<Rc<dyn JobQueue>>) {
        let old = self.core.microtasks.external.replace(queue);
        drop(old);
    }

    /// Graceful shutdown: refuse new work from handles and new timers, run
    /// what was accepted, drop pending timers, then stop.
    pub fn shutdown(&self) {
        self.core.shared.request_stop(Stop::Shutdown);
    }

    /// Immediate close: stop after the running callback, dropping all
    /// queued work unrun.
    pub fn close(&self) {
        self.core.shared.request_stop(Stop::Close);
    }

    /// Whether a close was requested (here or through a [`Handle`]): the
    /// loop runs no further callback. An embedder that runs several
    /// callbacks of its own inside one loop callback stops when it is set.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::new();
    /// assert!(!lp.is_closing());
    /// lp.close();
    /// assert!(lp.is_closing());
    /// ```
    #[inline]
    pub fn is_closing(&self) -> bool {
        self.closing()
    }

    /// Whether anything referenced is left: timers, immediates, tasks,
    /// close callbacks, queued microtasks, holds, pool work, or active
    /// referenced readiness registrations.
    pub fn is_alive(&self) -> bool {
        let core = &self.core;
        core.timers.borrow().referenced() > 0
            || core.io.alive() > 0
            || core.immediates.borrow().referenced() > 0
            || !core.tasks.borrow().is_empty()
            || !core.closers.borrow().is_empty()
            || !core.microtasks.is_empty()
            || core.shared.holds.load(Ordering::SeqCst) > 0
            || core.shared.external_pending() > 0
            || !core.shared.ingress.is_empty()
            || core.pool.pending() > 0
    }

    /// How many nextTick callbacks were ever queued on this loop: a count
    /// that only grows (callbacks refused after termination not counted).
    /// An embedder that runs a batch of its own callbacks behind one
    /// nextTick reads it just after queuing that tick; while it is
    /// unchanged no other tick was queued since, so a callback added to
    /// the batch keeps its place in the queue.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::new();
    /// lp.next_tick(|_| {});
    /// let after_mine = lp.tick_count();
    /// assert_eq!(lp.tick_count(), after_mine, "nothing queued since");
    /// lp.next_tick(|_| {});
    /// assert_eq!(lp.tick_count(), after_mine + 1);
    /// lp.run().unwrap();
    /// assert_eq!(lp.tick_count(), after_mine + 1, "running does not count");
    /// ```
    #[inline]
    pub fn tick_count(&self) -> u64 {
        self.core.microtasks.tick_count.get()
    }

    /// Counts of the loop's bookkeeping.
    pub fn stats(&self) -> Stats {
        let core = &self.core;
        let timers = core.timers.borrow();
        let immediates = core.immediates.borrow();
        Stats {
            timers: timers.len(),
            timer_slots: timers.heap_len(),
            immediates: immediates.len(),
            immediate_slots: immediates.fifo_len(),
            tasks: core.tasks.borrow().len(),
            ingress: core.shared.ingress.len(),
            remote_immediates: core.shared.remote_immediates.lock().len(),
            ticks: core.microtasks.ticks.len(),
            microtasks: core.microtasks.jobs.len(),
            closers: core.closers.borrow().len(),
            registrations: core.io.len(),
            unhandled_rejections: core.rejections.pending_len(),
            late_rejections: core.rejections.late_len(),
            futures: core.spawner.len(),
            work_queued: core.pool.queued(),
            work_pending: core.pool.pending(),
            signals: core.signals.len(),
            send_resolvers: core.resolvers.len(),
            wake_syscalls: core.shared.wake.syscalls(),
        }
    }

    fn stop(&self) -> Stop {
        self.core.shared.stop()
    }

    pub(crate) fn closing(&self) -> bool {
        self.stop() == Stop::Close
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::rc::Rc;
    use std::time::Duration;

    use super::EventLoop;
    use crate::error::ScheduleError;
    use crate::id::{Kind, LocalCounter, MAX_ID};

    #[test]
    fn delays_round_up_to_whole_milliseconds() {
        let old = |d: Duration| {
            u64::try_from(d.as_nanos().div_ceil(1_000_000))
                .unwrap_or(u64::MAX)
                .max(1)
        };
        for d in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_nanos(999_999),
            Duration::from_millis(1),
            Duration::from_nanos(1_000_001),
            Duration::new(3, 999_999_999),
            Duration::new((1 << 50) - 1, 999_999_999),
            Duration::new(1 << 50, 1),
            Duration::new(u64::MAX / 1000, 807_000_000),
            Duration::new(u64::MAX / 1000, 807_000_001),
            Duration::new(u64::MAX / 1000 + 1, 0),
            Duration::MAX,
        ] {
            assert_eq!(super::delay_ms(d), old(d), "{d:?}");
        }
    }

    #[test]
    fn exhausted_ids_hand_the_callback_back() {
        let mut lp = EventLoop::new();
        let core = Rc::get_mut(&mut lp.core).unwrap();
        core.timers.get_mut().exhaust_ids();
        core.immediate_ids = LocalCounter::starting_at(Kind::Immediate, (MAX_ID >> 2) + 1);
        let captured = Rc::new(());
        let c = captured.clone();
        let err = lp
            .set_timeout(Duration::from_millis(1), move |_| drop(c))
            .unwrap_err();
        assert!(matches!(err, ScheduleError::IdsExhausted(_)));
        err.into_inner()(&lp);
        let c = captured.clone();
        let err = lp.set_immediate(move |_| drop(c)).unwrap_err();
        assert!(matches!(err, ScheduleError::IdsExhausted(_)));
        assert_eq!(Rc::strong_count(&captured), 2, "handed back, not dropped");
        err.into_inner()(&lp);
        assert_eq!(Rc::strong_count(&captured), 1);
    }
}
