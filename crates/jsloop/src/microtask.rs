//! The microtask checkpoint: the nextTick queue, the microtask queue, and
//! an optional external job queue (a JavaScript engine's promise jobs).
//!
//! A checkpoint runs after every callback: it drains the whole nextTick
//! queue, then the whole microtask queue, then the external jobs, and
//! repeats while any of them has work; then it reports unhandled promise
//! rejections (the loop's own, then the job queue's), which may queue more
//! work, so it checks again.
//!
//! A queue drains a batch at a time: the checkpoint swaps the queue's
//! buffer for an empty one and runs the batch without borrowing the queue
//! per callback. Callbacks queued meanwhile land in the fresh buffer, so
//! they run after the batch, as FIFO order wants; the checkpoint then takes
//! them as the next batch. The batch's callbacks not yet started still
//! count as queued (`Microtasks::len`).

use std::cell::{Cell, RefCell};
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

    /// Whether the queue has no job and nothing to report, so a checkpoint
    /// may skip it. The default, `false`, always asks [`JobQueue::run_jobs`].
    fn is_idle(&self) -> bool {
        false
    }
}

/// A FIFO queue of thunks, drained a batch at a time.
#[derive(Default)]
pub(crate) struct Queue {
    items: RefCell<Vec<Thunk>>,
    /// Callbacks of the running batch not started yet.
    batch_left: Cell<usize>,
    /// An empty buffer with the capacity of the last batch, swapped in
    /// when the next batch is taken.
    spare: Cell<Vec<Thunk>>,
}

impl Queue {
    #[inline(always)]
    pub(crate) fn push(&self, thunk: Thunk) {
        self.items.borrow_mut().push(thunk);
    }

    /// Pushes the thunk `make` returns, made after the buffer has room
    /// (its growth out of line), so it is written straight into its slot.
    #[inline(always)]
    pub(crate) fn push_with(&self, make: impl FnOnce() -> Thunk) {
        crate::thunk::push_with(&mut self.items.borrow_mut(), make);
    }

    /// Queued callbacks, the running batch's unstarted ones included.
    pub(crate) fn len(&self) -> usize {
        self.items.borrow().len() + self.batch_left.get()
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.items.borrow().is_empty() && self.batch_left.get() == 0
    }

    /// Takes every queued callback, leaving the spare buffer in place.
    fn take_batch(&self) -> Vec<Thunk> {
        let spare = self.spare.take();
        std::mem::replace(&mut *self.items.borrow_mut(), spare)
    }

    /// Runs the queue's callbacks in order until it is empty; false if the
    /// loop began closing, with the callbacks not run left queued.
    #[inline]
    fn drain(&self, lp: &EventLoop, kind: CallbackKind) -> bool {
        self.items.borrow().is_empty() || self.drain_some(lp, kind)
    }

    /// [`Queue::drain`] of a queue with callbacks.
    #[inline(never)]
    fn drain_some(&self, lp: &EventLoop, kind: CallbackKind) -> bool {
        loop {
            // A lone callback (a promise chain's usual case) is popped
            // without the batch's buffer swaps.
            let lone = {
                let mut items = self.items.borrow_mut();
                match items.len() {
                    0 => return true,
                    1 => items.pop(),
                    _ => None,
                }
            };
            if let Some(thunk) = lone {
                lp.invoke(kind, |lp| thunk.run(lp));
                if lp.closing() {
                    return false;
                }
                continue;
            }
            let mut batch = self.take_batch();
            let mut it = batch.drain(..);
            while let Some(thunk) = it.next() {
                self.batch_left.set(it.len());
                lp.invoke(kind, |lp| thunk.run(lp));
                if lp.closing() {
                    let rest: Vec<Thunk> = it.collect();
                    self.batch_left.set(0);
                    let mut items = self.items.borrow_mut();
                    let newer = std::mem::replace(&mut *items, rest);
                    items.extend(newer);
                    return false;
                }
            }
            drop(it);
            self.batch_left.set(0);
            // The larger buffer goes back to the queue, so a steady load
            // never grows a buffer again.
            let mut items = self.items.borrow_mut();
            if items.capacity() < batch.capacity() {
                std::mem::swap(&mut *items, &mut batch);
                // `batch` now holds what was queued during the run.
                items.append(&mut batch);
            }
            drop(items);
            self.spare.set(batch);
        }
    }

    /// Drops every queued callback (outside the borrow).
    fn clear(&self) {
        let items = std::mem::take(&mut *self.items.borrow_mut());
        drop(items);
    }
}

#[derive(Default)]
pub(crate) struct Microtasks {
    pub(crate) ticks: Queue,
    /// nextTick callbacks ever queued ([`EventLoop::tick_count`]).
    pub(crate) tick_count: Cell<u64>,
    pub(crate) jobs: Queue,
    pub(crate) external: RefCell<Option<Rc<dyn JobQueue>>>,
}

impl Microtasks {
    pub(crate) fn is_empty(&self) -> bool {
        self.ticks.is_empty() && self.jobs.is_empty()
    }

    /// Whether a checkpoint would find nothing to run in any queue.
    #[inline]
    fn is_idle(&self) -> bool {
        self.is_empty()
            && self
                .external
                .borrow()
                .as_ref()
                .is_none_or(|queue| queue.is_idle())
    }

    /// Drops every queued callback (outside the borrows).
    pub(crate) fn clear(&self) {
        self.ticks.clear();
        self.jobs.clear();
    }
}

impl EventLoop {
    /// Runs a microtask checkpoint; a nested call (from inside a
    /// checkpoint callback) returns at once.
    #[inline]
    pub(crate) fn checkpoint(&self) {
        let core = &self.core;
        // Most callbacks queue nothing: then a checkpoint has nothing to
        // run and nothing to report.
        if core.microtasks.is_idle() && core.rejections.is_quiet() {
            return;
        }
        self.checkpoint_busy();
    }

    /// [`EventLoop::checkpoint`] with work queued or rejections to report.
    #[inline(never)]
    fn checkpoint_busy(&self) {
        let core = &self.core;
        if self.closing() || core.in_checkpoint.replace(true) {
            return;
        }
        let queues = &core.microtasks;
        loop {
            if !queues.ticks.drain(self, CallbackKind::NextTick)
                || !queues.jobs.drain(self, CallbackKind::Microtask)
            {
                core.in_checkpoint.set(false);
                return;
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

#[cfg(all(test, not(loom)))]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use crate::{EventLoop, Exit};

    #[test]
    fn a_running_batch_counts_its_unstarted_callbacks() {
        let lp = EventLoop::new();
        let seen = Rc::new(RefCell::new(Vec::new()));
        for _ in 0..3 {
            let s = seen.clone();
            lp.next_tick(move |lp| {
                lp.next_tick(|_| ());
                let stats = lp.stats();
                s.borrow_mut().push((stats.ticks, lp.is_alive()));
            });
        }
        lp.run().unwrap();
        assert_eq!(*seen.borrow(), [(3, true), (3, true), (3, true)]);
    }

    #[test]
    fn after_the_loop_exits_microtasks_and_reactions_are_dropped_unqueued() {
        use crate::promise::Promise;
        let lp = EventLoop::new();
        let (p, r) = Promise::<u8>::new(&lp);
        let token = Rc::new(());
        let t = token.clone();
        let _derived = p.then(move |v| {
            drop(t);
            Ok(v)
        });
        lp.close();
        assert_eq!(lp.run(), Ok(Exit::Closed));
        let t = token.clone();
        lp.queue_microtask(move |_| drop(t));
        let t = token.clone();
        lp.next_tick(move |_| drop(t));
        r.resolve(1);
        assert_eq!(Rc::strong_count(&token), 1, "dropped, not queued");
        assert_eq!(lp.stats().microtasks, 0);
        assert_eq!(lp.stats().ticks, 0);
    }

    #[test]
    fn close_in_a_batch_leaves_the_rest_unrun_and_drops_it() {
        let lp = EventLoop::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        let token = Rc::new(());
        for name in ["a", "b", "c", "d"] {
            let (l, t) = (log.clone(), token.clone());
            lp.queue_microtask(move |lp| {
                l.borrow_mut().push(name);
                lp.queue_microtask(move |_| drop(t));
                if name == "b" {
                    lp.close();
                }
            });
        }
        assert_eq!(lp.run(), Ok(Exit::Closed));
        assert_eq!(*log.borrow(), ["a", "b"]);
        assert_eq!(Rc::strong_count(&token), 1, "unrun callbacks are dropped");
        assert_eq!(lp.stats(), crate::Stats::default());
    }
}
