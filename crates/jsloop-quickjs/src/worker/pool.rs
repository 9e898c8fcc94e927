//! [`WorkerPool`]: N workers, one loop each (Node's cluster way to use a
//! machine's cores), each call going to the worker with the fewest calls
//! in flight.

use std::sync::Arc;

use super::{Worker, WorkerCall};
use crate::error::Error;
use crate::runtime::Runtime;
use crate::value::JsValue;

/// Workers built alike, sharing the calls: each goes to the worker with
/// the fewest calls in flight (the first such on a tie).
///
/// `Send + Sync`: share it between tasks behind an `Arc`.
#[derive(Debug)]
pub struct WorkerPool {
    workers: Vec<Worker>,
}

impl WorkerPool {
    /// Starts `n` workers (at least one); `build(i)` builds worker `i`'s
    /// runtime on its thread.
    ///
    /// # Errors
    ///
    /// The first error a worker's build gave (the workers started are shut
    /// down).
    pub fn spawn<F>(n: usize, build: F) -> Result<WorkerPool, Error>
    where
        F: Fn(usize) -> Result<Runtime, Error> + Send + Sync + 'static,
    {
        let build = Arc::new(build);
        let mut workers = Vec::with_capacity(n.max(1));
        for i in 0..n.max(1) {
            let b = build.clone();
            match Worker::spawn(move || b(i)) {
                Ok(w) => workers.push(w),
                Err(e) => {
                    workers.into_iter().for_each(Worker::terminate_now);
                    return Err(e);
                }
            }
        }
        Ok(WorkerPool { workers })
    }

    /// The workers, in the order they were built.
    pub fn workers(&self) -> &[Worker] {
        &self.workers
    }

    /// The worker with the fewest calls in flight.
    fn pick(&self) -> &Worker {
        self.workers
            .iter()
            .min_by_key(|w| w.in_flight())
            .expect("a pool has at least one worker")
    }

    /// Evaluates `source` on the least busy worker.
    pub fn eval(&self, source: impl Into<String>) -> WorkerCall {
        self.pick().eval(source)
    }

    /// Calls the global function `name` on the least busy worker.
    pub fn call(&self, name: impl Into<String>, args: Vec<JsValue>) -> WorkerCall {
        self.pick().call(name, args)
    }

    /// Shuts every worker down gracefully; their exit codes.
    ///
    /// # Errors
    ///
    /// [`Error::Panicked`] if a worker thread panicked.
    pub fn shutdown(self) -> Result<Vec<i32>, Error> {
        self.workers.into_iter().map(Worker::shutdown).collect()
    }
}

impl Worker {
    fn terminate_now(self) {
        self.terminate();
    }
}
