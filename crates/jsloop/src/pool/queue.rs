//! The queues between the loop thread and the pool's workers.
//!
//! Ground rules:
//! - `work` holds what is queued and not started; a worker pops under the
//!   lock and runs the work after releasing it. Cancelling removes an entry
//!   under the same lock, so exactly one of "started" and "cancelled"
//!   happens to each piece of work.
//! - `parked` counts workers blocked on `ready`; it changes only under the
//!   `work` lock, and a push wakes one worker only if one is parked, so a
//!   push never misses a parked worker and never makes a syscall when all
//!   workers are busy or spinning.
//! - `queued` mirrors the length of `work` for spinning workers; it is a
//!   hint only, every decision is made under the lock.
//! - At most one worker spins at a time (`spinning`, taken by
//!   compare-and-swap), so idle workers never crowd the loop off the CPU.
//!   A push skips the wake-up while a worker spins: the spinner clears
//!   `spinning` before it takes the lock to look at `work`, and the pusher
//!   reads `spinning` under that lock, so one of them sees the other. A
//!   worker that takes work and leaves more behind wakes a parked worker
//!   (unless one spins), so work that piled up while one worker spun still
//!   spreads over the pool.
//! - `done` holds finished (or cancelled) work for the loop; a worker pushes
//!   there and only then calls the loop's `Wake::notify`, so the loop, which
//!   consumes notifications before it looks, never misses one.
//! - No two of these locks are ever held at once, and no user code (work,
//!   result or callback destructors included) runs under either.

use std::any::Any;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::WorkError;
use crate::sync::{self, AtomicBool, AtomicUsize, Condvar, Mutex, Ordering};

/// What a piece of work returns, type-erased.
pub(crate) type Output = Box<dyn Any + Send>;

/// A piece of work, type-erased.
pub(crate) type Run = Box<dyn FnOnce() -> Output + Send>;

/// Queued work and its id.
pub(crate) struct Work {
    pub(crate) id: u64,
    pub(crate) run: Run,
}

/// A finished (or cancelled) piece of work on its way to the loop.
pub(crate) struct Done {
    pub(crate) id: u64,
    pub(crate) result: Result<Output, WorkError>,
}

struct State {
    work: VecDeque<Work>,
    parked: usize,
    stopping: bool,
}

pub(crate) struct Queue {
    state: Mutex<State>,
    ready: Condvar,
    queued: AtomicUsize,
    spinning: AtomicBool,
    done: Mutex<Vec<Done>>,
}

impl Queue {
    pub(crate) fn new() -> Self {
        Self {
            state: Mutex::new(State {
                work: VecDeque::new(),
                parked: 0,
                stopping: false,
            }),
            ready: Condvar::new(),
            queued: AtomicUsize::new(0),
            spinning: AtomicBool::new(false),
            done: Mutex::new(Vec::new()),
        }
    }

    /// Queues work; wakes a parked worker if there is one.
    pub(crate) fn push(&self, work: Work) {
        let mut state = self.state.lock();
        state.work.push_back(work);
        self.queued.fetch_add(1, Ordering::Release);
        let wake = state.parked > 0 && !self.spinning.load(Ordering::SeqCst);
        drop(state);
        if wake {
            self.ready.notify_one();
        }
    }

    /// Removes queued work that has not started; `None` if it has (or
    /// never existed).
    pub(crate) fn cancel(&self, id: u64) -> Option<Work> {
        let mut state = self.state.lock();
        let at = state.work.iter().position(|w| w.id == id)?;
        let work = state.work.remove(at);
        self.queued.fetch_sub(1, Ordering::Release);
        work
    }

    /// The next work for a worker: spins up to `spin` for some, then parks;
    /// `None` once the pool stops.
    pub(crate) fn next(&self, spin: Duration) -> Option<Work> {
        let mut spun = false;
        loop {
            let mut state = self.state.lock();
            if let Some(work) = state.work.pop_front() {
                self.queued.fetch_sub(1, Ordering::Release);
                let more = !state.work.is_empty()
                    && state.parked > 0
                    && !self.spinning.load(Ordering::SeqCst);
                drop(state);
                if more {
                    self.ready.notify_one();
                }
                return Some(work);
            }
            if state.stopping {
                return None;
            }
            if !spun && !spin.is_zero() && self.start_spinning() {
                drop(state);
                spun = true;
                self.spin(spin);
                self.spinning.store(false, Ordering::SeqCst);
                continue;
            }
            state.parked += 1;
            let mut state = sync::wait(&self.ready, state);
            state.parked -= 1;
            drop(state);
            spun = false;
        }
    }

    /// Becomes the one spinning worker, if none is.
    fn start_spinning(&self) -> bool {
        self.spinning
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// Spins (with growing pauses) until work is queued or `limit` passes.
    fn spin(&self, limit: Duration) {
        let start = Instant::now();
        let mut round = 0u32;
        while self.queued.load(Ordering::Acquire) == 0 && start.elapsed() < limit {
            for _ in 0..(1u32 << round.min(6)) {
                sync::spin_hint();
            }
            round += 1;
        }
    }

    /// Makes every worker return from [`Queue::next`] once the queue is
    /// empty; returns the queued work, for the caller to drop unlocked.
    pub(crate) fn stop(&self) -> VecDeque<Work> {
        let mut state = self.state.lock();
        state.stopping = true;
        let work = std::mem::take(&mut state.work);
        self.queued.store(0, Ordering::Release);
        drop(state);
        self.ready.notify_all();
        work
    }

    /// Number of queued, unstarted pieces of work.
    pub(crate) fn len(&self) -> usize {
        self.state.lock().work.len()
    }

    /// Hands a result to the loop (the caller then notifies it).
    pub(crate) fn finish(&self, done: Done) {
        self.done.lock().push(done);
    }

    /// Swaps the finished work into `batch` (which must be empty).
    pub(crate) fn take_done(&self, batch: &mut Vec<Done>) {
        debug_assert!(batch.is_empty());
        std::mem::swap(&mut *self.done.lock(), batch);
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::sync::Arc;

    fn work(id: u64) -> Work {
        Work {
            id,
            run: Box::new(move || Box::new(id) as Output),
        }
    }

    /// Work that piled up while a worker spun (no wake-up sent) still
    /// reaches a parked worker: the spinner wakes one when it takes work
    /// and leaves some behind.
    #[test]
    fn work_left_behind_by_a_spinner_wakes_a_parked_worker() {
        let queue = Arc::new(Queue::new());
        let (tx, rx) = mpsc::channel();
        let q = queue.clone();
        let parked = std::thread::spawn(move || {
            let got = q.next(Duration::ZERO).map(|w| w.id);
            tx.send(got).unwrap();
        });
        while queue.state.lock().parked == 0 {
            std::thread::yield_now();
        }
        // Act as the spinning worker: the pushes wake nobody.
        assert!(queue.start_spinning());
        queue.push(work(1));
        queue.push(work(2));
        queue.spinning.store(false, Ordering::SeqCst);
        assert_eq!(queue.next(Duration::ZERO).map(|w| w.id), Some(1));
        let other = rx.recv_timeout(Duration::from_secs(60));
        assert_eq!(other, Ok(Some(2)), "the parked worker was never woken");
        parked.join().unwrap();
        assert!(queue.stop().is_empty());
    }
}
