//! A million promises created and settled leave live memory where it
//! started and the tracking list empty.
//!
//! Live bytes are the test thread's own (the loop's thread), blind to the
//! harness's main thread, which may still allocate while the test runs.

#[path = "support/alloc.rs"]
mod alloc;

use jsloop::promise::{self, Promise, Reason};
use jsloop::{EventLoop, Stats, VirtualClock};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

fn round(lp: &EventLoop, i: u32) {
    let (p, r) = Promise::<u32>::new(lp);
    let derived = p.then(|v| Ok(v + 1)).finally(|| Ok(()));
    if i.is_multiple_of(3) {
        // Rejected and handled in the same checkpoint.
        let rejected = Promise::<u32>::rejected(lp, Reason::new("x"));
        rejected.catch(|_| Ok(0));
    }
    if i.is_multiple_of(5) {
        let both = promise::all(lp, vec![derived.clone(), Promise::resolved(lp, i)]);
        both.then(|v| Ok(v.len()));
    }
    r.resolve(i);
}

#[test]
fn a_million_promises_leave_memory_flat() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    lp.on_unhandled_rejection(|_, r| panic!("unexpected unhandled rejection: {}", r.reason));
    // Warm up the queues' buffers.
    for i in 0..10_000 {
        round(&lp, i);
        if i.is_multiple_of(100) {
            lp.run().unwrap();
        }
    }
    lp.run().unwrap();
    let before = alloc::thread_live_bytes();
    for i in 0..1_000_000 {
        round(&lp, i);
        if i.is_multiple_of(100) {
            lp.run().unwrap();
        }
    }
    lp.run().unwrap();
    let grew = alloc::thread_live_bytes() - before;
    assert_eq!(grew, 0, "live bytes grew by {grew}");
    assert_eq!(lp.stats(), Stats::default());
}
