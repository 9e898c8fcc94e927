//! One turn of the loop, phase by phase (see the crate docs).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use super::{EventLoop, Exit, TimerCallback};
use crate::io::IoId;
use crate::panic::{CallbackKind, PanicReport};
use crate::shared::Stop;
use crate::timer::Due;

/// Above this many slots an idle ingress buffer is shrunk back.
const BATCH_KEEP: usize = 1 << 16;

/// While other threads keep submitting, a batch smaller than this waits
/// for more ([`EventLoop::gather_ingress`]).
const GATHER: usize = 32;
/// How many looks at the queue in a row may find nothing new before a
/// gathering batch goes ahead, and how many looks it takes at most.
const GATHER_QUIET: u32 = 4;
const GATHER_LOOKS: u32 = 256;

/// Whether the poll phase may sleep when nothing is runnable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Poll {
    /// Sleep until the next timer or a wake-up ([`EventLoop::run`]).
    Wait,
    /// Never sleep ([`EventLoop::run_nowait`]).
    NoWait,
    /// Never sleep, and leave readiness alone (the drain of a shutdown
    /// runs accepted work only).
    Drain,
}

impl EventLoop {
    /// The phases of one turn, in order, each running its callbacks with
    /// a microtask checkpoint after every one; returns whether any ran.
    fn run_phases(&self, poll: Poll) -> bool {
        let mut ran = self.run_timers();
        ran |= self.run_poll(poll);
        ran |= self.run_check();
        ran |= self.run_closers();
        ran
    }

    /// What precedes the first turn: the time is read and a checkpoint
    /// runs; `Some` if the loop has already terminated.
    fn begin(&self) -> Option<Exit> {
        if let Some(exit) = self.core.exit.get() {
            return Some(exit);
        }
        self.update_time();
        self.checkpoint();
        None
    }

    pub(super) fn turns(&self, mut done: impl FnMut(&EventLoop) -> bool) -> Exit {
        if let Some(exit) = self.begin() {
            return exit;
        }
        loop {
            if let Some(exit) = self.finish_if_stopping() {
                return exit;
            }
            if done(self) {
                return Exit::Condition;
            }
            if !self.is_alive() {
                return Exit::Idle;
            }
            self.update_time();
            self.run_phases(Poll::Wait);
        }
    }

    pub(super) fn turn_nowait(&self) -> Exit {
        if let Some(exit) = self.begin().or_else(|| self.finish_if_stopping()) {
            return exit;
        }
        self.run_phases(Poll::NoWait);
        if let Some(exit) = self.finish_if_stopping() {
            return exit;
        }
        if self.is_alive() {
            Exit::Pending
        } else {
            Exit::Idle
        }
    }

    /// Calls `f`, catching a panic and reporting it to the hook; returns
    /// whether `f` returned normally.
    #[inline]
    pub(crate) fn invoke(&self, kind: CallbackKind, f: impl FnOnce(&EventLoop)) -> bool {
        match catch_unwind(AssertUnwindSafe(|| f(self))) {
            Ok(()) => true,
            Err(payload) => {
                let report = PanicReport { kind, payload };
                let hook = &self.core.panic_hook;
                let _ = catch_unwind(AssertUnwindSafe(|| hook(&report)));
                false
            }
        }
    }

    /// Runs the timers due at the turn's cached time.
    fn run_timers(&self) -> bool {
        let now = self.now();
        let mut ran = false;
        let mut deferred = false;
        while !self.closing() {
            let due = self.core.timers.borrow_mut().take_due(now);
            let Some(Due { id, callback }) = due else {
                break;
            };
            ran = true;
            self.core.defer_checkpoint.set(false);
            match callback {
                TimerCallback::Once(callback) => {
                    self.invoke(CallbackKind::Timeout, callback);
                }
                TimerCallback::Repeat(mut callback) => {
                    if self.invoke(CallbackKind::Interval, |lp| callback(lp)) {
                        let callback = TimerCallback::Repeat(callback);
                        self.core.timers.borrow_mut().rearm(id, now, callback);
                    } else {
                        let removed = self.core.timers.borrow_mut().remove(id);
                        drop((removed, callback));
                    }
                }
            }
            deferred = self.core.defer_checkpoint.replace(false);
            if !deferred {
                self.checkpoint();
            }
        }
        if deferred {
            self.checkpoint();
        }
        ran
    }

    /// Runs local tasks and a batch of ingress tasks, then the readiness
    /// callbacks of what the poller reports; with [`Poll::Wait`], when
    /// nothing was runnable, sleeps in the poller until the next timer,
    /// readiness or a wake-up and then runs what woke it.
    fn run_poll(&self, poll: Poll) -> bool {
        let wake = &self.core.shared.wake;
        wake.consume();
        let mut ran = self.run_tasks();
        ran |= self.run_ingress();
        ran |= self.run_work_done();
        ran |= self.run_signals();
        if ran || poll != Poll::Wait || self.closing() {
            if poll != Poll::Drain {
                ran |= self.poll_io_now();
            }
            return ran;
        }
        let next = self.core.timers.borrow_mut().next_deadline();
        if self.must_not_block() {
            return ran | self.poll_io_now();
        }
        let clock = &self.core.clock;
        let idle = self.idle_begin();
        let timeout = match next {
            Some(deadline) if clock.is_virtual() => {
                if self.external_pending() {
                    // Virtual time stands still while real I/O is awaited.
                    None
                } else {
                    if !wake.is_notified() && self.core.shared.ingress.is_empty() {
                        clock.advance_to(deadline);
                    }
                    self.idle_end(idle);
                    return ran | self.poll_io_now();
                }
            }
            Some(deadline) => Some(clock.until(deadline)),
            None => None,
        };
        // Readiness is seen only by polling: with sources registered the
        // loop polls at once instead of spinning on the wake word.
        let spin = if self.io_active() {
            Duration::ZERO
        } else {
            self.core.spin
        };
        let parked = self.sleep_in_poller(timeout, spin);
        self.idle_end(idle);
        wake.consume();
        ran = self.run_ingress() | self.run_work_done() | self.run_signals();
        if !parked {
            ran |= self.poll_io_now();
        } else {
            ran |= self.run_io();
        }
        ran
    }

    /// Sleeps in the poller (the wake protocol's park) until `timeout`,
    /// readiness or a wake-up, spinning for up to `spin` first; returns
    /// whether it parked (readiness it saw waits in `ready`).
    pub(crate) fn sleep_in_poller(&self, timeout: Option<Duration>, spin: Duration) -> bool {
        let ingress = &self.core.shared.ingress;
        if ingress.arm() {
            ingress.disarm();
            return false;
        }
        let mut poller = self.core.poller.borrow_mut();
        let mut ready = self.core.ready.borrow_mut();
        let parked = self
            .core
            .shared
            .wake
            .sleep(timeout, spin, |t| poller.poll(t, &mut ready));
        ingress.disarm();
        parked
    }

    /// Looks for readiness without blocking (only when sources are
    /// registered: no syscall otherwise) and runs its callbacks.
    fn poll_io_now(&self) -> bool {
        if self.io_active() {
            let mut ready = self.core.ready.borrow_mut();
            self.core
                .poller
                .borrow_mut()
                .poll(Some(Duration::ZERO), &mut ready);
        }
        self.run_io()
    }

    /// Whether sources are registered with the poller.
    fn io_active(&self) -> bool {
        self.core.io.active() > 0
    }

    /// Whether external work is in flight (active referenced
    /// registrations, pool work): a virtual clock waits for it rather
    /// than jump.
    fn external_pending(&self) -> bool {
        self.core.io.alive() > 0
            || self.core.shared.external_pending() > 0
            || self.core.pool.pending() > 0
    }

    /// Runs the readiness callbacks of what the last poll found, in the
    /// order the poller reported them, a checkpoint after each.
    fn run_io(&self) -> bool {
        let mut ready = std::mem::take(&mut *self.core.ready.borrow_mut());
        let mut ran = false;
        for (token, readiness) in ready.drain(..) {
            if self.closing() {
                break;
            }
            let id = IoId::from_token(token);
            let Some(mut callback) = self.core.io.take_callback(id) else {
                continue;
            };
            ran = true;
            self.core.current_io.set(Some(id));
            self.invoke(CallbackKind::Io, |lp| callback(lp, readiness));
            self.core.current_io.set(None);
            let closed = self.core.io.put_back(id, callback);
            drop(closed);
            self.checkpoint();
        }
        ready.clear();
        let mut slot = self.core.ready.borrow_mut();
        if slot.is_empty() {
            *slot = ready;
        }
        ran
    }

    /// Whether the poll phase must return without sleeping.
    fn must_not_block(&self) -> bool {
        let core = &self.core;
        core.immediates.borrow().len() > 0
            || !core.tasks.borrow().is_empty()
            || !core.closers.borrow().is_empty()
            || !core.microtasks.is_empty()
            || self.stop() != Stop::Running
            || !self.is_alive()
    }

    /// Runs the loop-thread tasks queued before this call.
    fn run_tasks(&self) -> bool {
        let batch = std::mem::take(&mut *self.core.tasks.borrow_mut());
        if batch.is_empty() {
            return false;
        }
        for task in batch {
            if self.closing() {
                break;
            }
            self.invoke(CallbackKind::Task, task);
            self.checkpoint();
        }
        true
    }

    /// Lets producers that kept submitting while the last batch ran get
    /// ahead before a small batch runs: waits (spinning, looking at the
    /// queue's length) while tasks keep arriving, until [`GATHER`] are
    /// in hand, [`GATHER_QUIET`] looks in a row find nothing new or
    /// [`GATHER_LOOKS`] looks were taken, then takes what came.
    ///
    /// A loop that takes a few tasks at a time stays right behind the
    /// producer, so the queue's cache lines (and whatever the tasks share
    /// with it) cross between cores every few tasks: measured at 5.5
    /// tasks per batch and ~4× the cost per task of batches of 50–100.
    /// A lone request finds no task arriving while it runs, so it never
    /// waits here.
    fn gather_ingress(&self, batch: &mut Vec<crate::ingress::Task>) {
        let ingress = &self.core.shared.ingress;
        let mut seen = ingress.len();
        let mut quiet = 0;
        let mut looks = 0;
        while batch.len() + seen < GATHER && quiet < GATHER_QUIET && looks < GATHER_LOOKS {
            for _ in 0..8 {
                crate::sync::spin_hint();
            }
            looks += 1;
            let now = ingress.len();
            if now == seen {
                quiet += 1;
            } else {
                seen = now;
                quiet = 0;
            }
        }
        ingress.take(batch);
    }

    /// Runs one batch of tasks from other threads.
    fn run_ingress(&self) -> bool {
        let mut batch = std::mem::take(&mut *self.core.batch.borrow_mut());
        let ingress = &self.core.shared.ingress;
        ingress.take(&mut batch);
        if batch.is_empty() {
            *self.core.batch.borrow_mut() = batch;
            self.core.streaming.set(false);
            return false;
        }
        if self.core.streaming.get() && batch.len() < GATHER && !self.core.spin.is_zero() {
            self.gather_ingress(&mut batch);
        }
        let mut tasks = batch.drain(..);
        for task in tasks.by_ref() {
            self.invoke(CallbackKind::Task, |lp| task.run(lp));
            self.checkpoint();
            if self.closing() {
                break;
            }
        }
        drop(tasks);
        self.core.streaming.set(!ingress.is_empty());
        if batch.capacity() > BATCH_KEEP {
            batch.shrink_to(BATCH_KEEP / 16);
        }
        *self.core.batch.borrow_mut() = batch;
        true
    }

    /// Runs the immediates queued before the phase began.
    fn run_check(&self) -> bool {
        let mut ran = false;
        let mut deferred = false;
        let queued = self.core.immediates.borrow().fifo_len();
        for _ in 0..queued {
            if self.closing() {
                break;
            }
            let next = self.core.immediates.borrow_mut().pop();
            match next {
                None => break,
                Some(None) => {}
                Some(Some(callback)) => {
                    ran = true;
                    self.core.defer_checkpoint.set(false);
                    self.invoke(CallbackKind::Immediate, callback);
                    deferred = self.core.defer_checkpoint.replace(false);
                    if !deferred {
                        self.checkpoint();
                    }
                }
            }
        }
        if deferred {
            self.checkpoint();
        }
        ran
    }

    /// Runs the close callbacks queued before the phase began.
    fn run_closers(&self) -> bool {
        let closers = std::mem::take(&mut *self.core.closers.borrow_mut());
        if closers.is_empty() {
            return false;
        }
        for closer in closers {
            if self.closing() {
                break;
            }
            self.invoke(CallbackKind::Close, closer);
            self.checkpoint();
        }
        true
    }

    /// Completes a requested shutdown or close; returns how the loop ended.
    fn finish_if_stopping(&self) -> Option<Exit> {
        let exit = match self.stop() {
            Stop::Running => return None,
            Stop::Shutdown => {
                self.drain();
                if self.closing() {
                    self.discard();
                    Exit::Closed
                } else {
                    Exit::Shutdown
                }
            }
            Stop::Close => {
                self.discard();
                Exit::Closed
            }
        };
        self.core.pool.terminate();
        self.core.exit.set(Some(exit));
        self.core.shared.terminate();
        Some(exit)
    }

    /// Graceful shutdown: drops timers, then runs turns that never sleep
    /// nor poll for readiness (their timer phase finds nothing: no timer
    /// can be set any more) until no accepted task, immediate or close
    /// callback is left; then drops the registrations.
    fn drain(&self) {
        let timers = self.core.timers.borrow_mut().drain();
        drop(timers);
        self.checkpoint();
        while !self.closing() && (self.run_phases(Poll::Drain) || self.wait_for_work()) {}
        let timers = self.core.timers.borrow_mut().drain();
        let registrations = self.core.io.drain();
        drop((timers, registrations));
    }

    /// Immediate close: drops everything queued, unrun.
    fn discard(&self) {
        let core = &self.core;
        let refused = core.shared.ingress.close();
        let timers = core.timers.borrow_mut().drain();
        let immediates = core.immediates.borrow_mut().drain();
        let tasks = std::mem::take(&mut *core.tasks.borrow_mut());
        let closers = std::mem::take(&mut *core.closers.borrow_mut());
        let registrations = core.io.drain();
        core.microtasks.clear();
        core.rejections.clear();
        core.spawner.clear();
        core.resolvers.clear();
        drop((refused, timers, immediates, tasks, closers, registrations));
    }
}
