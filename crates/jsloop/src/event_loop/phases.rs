//! One turn of the loop, phase by phase (see the crate docs).

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::{EventLoop, Exit, TimerCallback};
use crate::panic::{CallbackKind, PanicReport};
use crate::shared::Stop;
use crate::timer::Due;

/// Above this many slots an idle ingress buffer is shrunk back.
const BATCH_KEEP: usize = 1 << 16;

/// Whether the poll phase may sleep when nothing is runnable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Poll {
    /// Sleep until the next timer or a wake-up ([`EventLoop::run`]).
    Wait,
    /// Never sleep ([`EventLoop::run_nowait`], and the drain of a shutdown).
    NoWait,
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

    /// Runs local tasks and a batch of ingress tasks; with [`Poll::Wait`],
    /// when nothing was runnable, sleeps until the next timer or a wake-up
    /// and then runs the batch that woke it.
    fn run_poll(&self, poll: Poll) -> bool {
        let wake = &self.core.shared.wake;
        wake.consume();
        let mut ran = self.run_tasks();
        ran |= self.run_ingress();
        ran |= self.run_work_done();
        ran |= self.run_signals();
        if ran || poll == Poll::NoWait || self.closing() {
            return ran;
        }
        let next = self.core.timers.borrow_mut().next_deadline();
        if self.must_not_block() {
            return ran;
        }
        let clock = &self.core.clock;
        let idle = self.idle_begin();
        match next {
            Some(deadline) if clock.is_virtual() => {
                if !wake.is_notified() {
                    clock.advance_to(deadline);
                }
                self.idle_end(idle);
                return ran;
            }
            Some(deadline) => wake.sleep(Some(clock.until(deadline)), self.core.spin),
            None => wake.sleep(None, self.core.spin),
        }
        self.idle_end(idle);
        wake.consume();
        self.run_ingress() | self.run_work_done() | self.run_signals()
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

    /// Runs one batch of tasks from other threads.
    fn run_ingress(&self) -> bool {
        let mut batch = std::mem::take(&mut *self.core.batch.borrow_mut());
        self.core.shared.ingress.take(&mut batch);
        if batch.is_empty() {
            *self.core.batch.borrow_mut() = batch;
            return false;
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
    /// (their timer phase finds nothing: no timer can be set any more)
    /// until no accepted task, immediate or close callback is left.
    fn drain(&self) {
        let timers = self.core.timers.borrow_mut().drain();
        drop(timers);
        self.checkpoint();
        while !self.closing() && (self.run_phases(Poll::NoWait) || self.wait_for_work()) {}
        let timers = self.core.timers.borrow_mut().drain();
        drop(timers);
    }

    /// Immediate close: drops everything queued, unrun.
    fn discard(&self) {
        let core = &self.core;
        let refused = core.shared.ingress.close();
        let timers = core.timers.borrow_mut().drain();
        let immediates = core.immediates.borrow_mut().drain();
        let tasks = std::mem::take(&mut *core.tasks.borrow_mut());
        let closers = std::mem::take(&mut *core.closers.borrow_mut());
        core.microtasks.clear();
        core.rejections.clear();
        core.spawner.clear();
        core.resolvers.clear();
        drop((refused, timers, immediates, tasks, closers));
    }
}
