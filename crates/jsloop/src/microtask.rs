//! The microtask checkpoint: the nextTick queue, the microtask queue, and
//! an optional external job queue (a JavaScript engine's promise jobs).
//!
//! A checkpoint runs after every callback: it drains the whole nextTick
//! queue, then the whole microtask queue, then the external jobs, and
//! repeats while any of them has work; then it reports unhandled promise
//! rejections (the loop's own, then the job queue's), which may queue more
//! work, so it checks again.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::event_loop::EventLoop;
use crate::panic::CallbackKind;
use crate::thunk::Thunk;

/// A callback run once on the loop thread.
pub(crate) type Job = Box<dyn FnOnce(&EventLoop)>;

/// An external queue of jobs drained at every microtask checkpoint.
///
/// A JavaScript engine keeps its promise jobs in a queue of its own; it
/// plugs that queue in here so the jobs interleave with nextTick callbacks
/// exactly as in Node. Install one with [`EventLoop::set_job_queue`].
pub trait JobQueue {
    /// Runs jobs until the queue is empty; returns whether any ran.
    fn run_jobs(&self, lp: &EventLoop) -> bool;

    /// Called when every queue is empty at the end of a checkpoint, to
    /// report what the checkpoint settled (such as unhandled rejections).
    /// Returns whether it may have queued more work.
    fn checkpoint_end(&self, _lp: &EventLoop) -> bool {
        false
    }
}

#[derive(Default)]
pub(crate) struct Microtasks {
    pub(crate) ticks: RefCell<VecDeque<Thunk>>,
    pub(crate) jobs: RefCell<VecDeque<Thunk>>,
    pub(crate) external: RefCell<Option<Rc<dyn JobQueue>>>,
}

impl Microtasks {
    pub(crate) fn is_empty(&self) -> bool {
        self.ticks.borrow().is_empty() && self.jobs.borrow().is_empty()
    }

    /// Drops every queued callback (outside the borrows).
    pub(crate) fn clear(&self) {
        let ticks = std::mem::take(&mut *self.ticks.borrow_mut());
        let jobs = std::mem::take(&mut *self.jobs.borrow_mut());
        drop((ticks, jobs));
    }
}

impl EventLoop {
    /// Runs a microtask checkpoint; a nested call (from inside a
    /// checkpoint callback) returns at once.
    pub(crate) fn checkpoint(&self) {
        let core = &self.core;
        if self.closing() || core.in_checkpoint.replace(true) {
            return;
        }
        let queues = &core.microtasks;
        loop {
            while let Some(tick) = pop(&queues.ticks) {
                self.invoke(CallbackKind::NextTick, |lp| tick.run(lp));
                if self.closing() {
                    core.in_checkpoint.set(false);
                    return;
                }
            }
            while let Some(job) = pop(&queues.jobs) {
                self.invoke(CallbackKind::Microtask, |lp| job.run(lp));
                if self.closing() {
                    core.in_checkpoint.set(false);
                    return;
                }
            }
            let external = queues.external.borrow().clone();
            if external.as_ref().is_some_and(|q| q.run_jobs(self)) || !queues.is_empty() {
                continue;
            }
            let mut more = core.rejections.report(self);
            more |= external.is_some_and(|q| q.checkpoint_end(self));
            if !more && queues.is_empty() {
                break;
            }
        }
        core.in_checkpoint.set(false);
    }
}

fn pop(queue: &RefCell<VecDeque<Thunk>>) -> Option<Thunk> {
    queue.borrow_mut().pop_front()
}
