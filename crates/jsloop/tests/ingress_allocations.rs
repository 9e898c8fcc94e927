//! Tasks sent from other threads are stored inline in the ingress queue:
//! no allocation per task, at most one per block of slots.
//!
//! The counts are process-wide, so every measurement runs inside the one
//! test of this binary.

#[path = "support/alloc.rs"]
mod alloc;
#[path = "support/rounds.rs"]
mod rounds;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use jsloop::EventLoop;

use rounds::allocations;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

#[test]
fn handle_tasks_capturing_an_arc_are_stored_inline() {
    let lp = EventLoop::new();
    let handle = lp.handle();
    let done = Arc::new(AtomicU64::new(0));
    let submit = |n: usize| {
        for _ in 0..n {
            let d = done.clone();
            handle
                .submit(move |_| {
                    d.fetch_add(1, Ordering::Relaxed);
                })
                .unwrap();
        }
    };
    // The loop keeps up (a few tasks per turn): emptied blocks are reused.
    let steady = allocations(&lp, |lp| {
        for _ in 0..100 {
            submit(10);
            lp.run_nowait().unwrap();
        }
    });
    // A burst of 1000 before the loop runs: one block per 31 tasks.
    let burst = allocations(&lp, |_| submit(1000));
    assert_eq!(steady, 0);
    assert!(burst <= 1000 / 31 + 1, "{burst} allocations for 1000 tasks");
    assert_eq!(done.load(Ordering::Relaxed), 4000);
}
