//! A pool thread: takes queued work, runs it with panics caught, hands the
//! result to the loop and wakes it.

use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::thread::JoinHandle;
use std::time::Duration;

use super::queue::{Done, Queue, Work};
use super::WorkError;
use crate::promise::panic_message;
use crate::shared::Shared;
use crate::sync::Arc;

/// Starts worker number `index`.
pub(crate) fn spawn(
    index: usize,
    queue: Arc<Queue>,
    lp: Arc<Shared>,
    spin: Duration,
) -> io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name(format!("jsloop-pool-{index}"))
        .spawn(move || run(&queue, &lp, spin))
}

/// The worker's life: until the pool stops, run work and report it.
fn run(queue: &Queue, lp: &Shared, spin: Duration) {
    while let Some(Work { id, run }) = queue.next(spin) {
        let result = catch_unwind(AssertUnwindSafe(run))
            .map_err(|payload| WorkError::Panicked(panic_message(&*payload)));
        queue.finish(Done { id, result });
        lp.wake.notify();
    }
}
