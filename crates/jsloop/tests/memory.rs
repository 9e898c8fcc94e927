//! Cancelled work releases its memory: live bytes stay flat.
//!
//! The loop runs on the test's thread, so the bytes counted are that
//! thread's own: the harness's main thread still allocates at times while
//! the test runs (900 bytes, seen in 4 of 30 runs with process-wide counts).

#[path = "support/alloc.rs"]
mod alloc;

use std::time::Duration;

use jsloop::{EventLoop, VirtualClock};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

const HOUR: Duration = Duration::from_secs(3600);

/// Runs `op` `n` times after a warm-up and returns the growth in live bytes.
fn growth(n: usize, mut op: impl FnMut()) -> isize {
    for _ in 0..10_000 {
        op();
    }
    let before = alloc::thread_live_bytes();
    for _ in 0..n {
        op();
    }
    alloc::thread_live_bytes() - before
}

fn a_million_timer_set_and_clear_pairs_leave_memory_flat() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    // A long-lived timer keeps the heap non-empty, as in a real program.
    let keep = lp.set_timeout(HOUR * 2, |_| ()).unwrap();
    let grew = growth(1_000_000, || {
        let id = lp.set_timeout(HOUR, |_| ()).unwrap();
        assert!(lp.clear_timer(id));
    });
    assert_eq!(grew, 0, "live bytes grew by {grew}");
    let stats = lp.stats();
    assert_eq!(stats.timers, 1);
    assert!(stats.timer_slots <= 2 * stats.timers + 64, "{stats:?}");
    lp.clear_timer(keep);
}

fn interleaved_timers_are_compacted() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let live: Vec<_> = (0..1000)
        .map(|_| lp.set_timeout(HOUR, |_| ()).unwrap())
        .collect();
    let grew = growth(1_000_000, || {
        let id = lp.set_timeout(HOUR, |_| ()).unwrap();
        lp.refresh_timer(live[id.as_u64() as usize % live.len()]);
        assert!(lp.clear_timer(id));
    });
    // Refreshes and clears unlink timers from their delay's list at once;
    // the queue's capacity moves within a bound set by the live count (1000
    // timers), not by the 1,000,000 operations: a leak would be megabytes.
    assert!(grew.abs() < 128 * 1024, "live bytes grew by {grew}");
    assert!(lp.stats().timer_slots <= 2 * 1000 + 64);
}

fn a_million_immediate_set_and_clear_pairs_leave_memory_flat() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let grew = growth(1_000_000, || {
        let id = lp.set_immediate(|_| ()).unwrap();
        assert!(lp.clear_immediate(id));
    });
    assert_eq!(grew, 0, "live bytes grew by {grew}");
    assert!(lp.stats().immediate_slots <= 64);
}

fn running_work_leaves_memory_flat() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let handle = lp.handle();
    let grew = growth(20_000, || {
        lp.set_timeout(Duration::from_millis(1), |lp| {
            lp.next_tick(|lp| lp.queue_microtask(|_| ()));
        })
        .unwrap();
        lp.set_immediate(|_| ()).unwrap();
        handle.submit(|_| ()).unwrap();
        handle.set_immediate(|_| ()).unwrap();
        lp.run().unwrap();
    });
    // The ingress and immediate buffers keep their capacity; nothing grows
    // with the number of rounds.
    assert_eq!(grew, 0, "live bytes grew by {grew}");
    assert_eq!(lp.stats(), jsloop::Stats::default());
}

#[test]
fn cancelled_and_finished_work_leaves_memory_flat() {
    a_million_timer_set_and_clear_pairs_leave_memory_flat();
    interleaved_timers_are_compacted();
    a_million_immediate_set_and_clear_pairs_leave_memory_flat();
    running_work_leaves_memory_flat();
}
