//! The ingress queue: the one way work enters the loop from other threads.
//!
//! Ground rules:
//! - Producers push under the lock; the loop swaps the whole vector out
//!   under the lock and runs the batch after releasing it, so tasks that
//!   arrive meanwhile wait for the next batch (producers cannot starve
//!   timers) and no task ever runs under the lock.
//! - `accepting` changes only under the lock, so a push either lands
//!   before the loop stops accepting (and will run, or be dropped by an
//!   explicit close) or is refused and handed back: never silently lost.

use std::any::Any;

use crate::event_loop::EventLoop;
use crate::sync::Mutex;

/// A boxed task that can be run once, or unboxed back into its closure.
pub(crate) trait Runnable: Send {
    fn run(self: Box<Self>, lp: &EventLoop);
    fn into_any(self: Box<Self>) -> Box<dyn Any + Send>;
}

impl<F: FnOnce(&EventLoop) + Send + 'static> Runnable for F {
    fn run(self: Box<Self>, lp: &EventLoop) {
        (*self)(lp)
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any + Send> {
        self
    }
}

/// A task sent to the loop from another thread.
pub(crate) type Task = Box<dyn Runnable>;

/// Unboxes a refused task back into the closure it was made from.
pub(crate) fn unbox<F: 'static>(task: Task) -> F {
    match task.into_any().downcast::<F>() {
        Ok(f) => *f,
        Err(_) => unreachable!("a task is unboxed as the type it was boxed from"),
    }
}

struct State {
    tasks: Vec<Task>,
    accepting: bool,
}

pub(crate) struct Ingress {
    state: Mutex<State>,
}

impl Ingress {
    pub(crate) fn new() -> Self {
        Self {
            state: Mutex::new(State {
                tasks: Vec::new(),
                accepting: true,
            }),
        }
    }

    /// Queues a task, or hands it back once the loop stopped accepting.
    pub(crate) fn push(&self, task: Task) -> Result<(), Task> {
        let mut state = self.state.lock();
        if !state.accepting {
            return Err(task);
        }
        state.tasks.push(task);
        Ok(())
    }

    /// Queues every task of `tasks` under one lock, or hands them all back.
    pub(crate) fn push_all(&self, tasks: Vec<Task>) -> Result<(), Vec<Task>> {
        let mut state = self.state.lock();
        if !state.accepting {
            return Err(tasks);
        }
        if state.tasks.is_empty() && state.tasks.capacity() < tasks.len() {
            state.tasks = tasks;
        } else {
            state.tasks.extend(tasks);
        }
        Ok(())
    }

    /// Swaps the queued tasks into `batch` (which must be empty), so its
    /// capacity is reused by the producers.
    pub(crate) fn take(&self, batch: &mut Vec<Task>) {
        debug_assert!(batch.is_empty());
        let mut state = self.state.lock();
        std::mem::swap(&mut state.tasks, batch);
    }

    /// Whether any task is queued.
    pub(crate) fn is_empty(&self) -> bool {
        self.state.lock().tasks.is_empty()
    }

    /// Refuses every later push; queued tasks stay to be run.
    pub(crate) fn stop_accepting(&self) {
        self.state.lock().accepting = false;
    }

    /// Refuses every later push and returns the queued tasks, to be dropped
    /// by the caller outside the lock (their destructors are user code).
    pub(crate) fn close(&self) -> Vec<Task> {
        let mut state = self.state.lock();
        state.accepting = false;
        std::mem::take(&mut state.tasks)
    }

    /// Number of queued tasks.
    pub(crate) fn len(&self) -> usize {
        self.state.lock().tasks.len()
    }
}
