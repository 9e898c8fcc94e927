//! Hot paths that allocate nothing per callback once the queues have grown.
//!
//! The counts are process-wide, so every measurement runs inside the one
//! test of this binary.

#[path = "support/alloc.rs"]
mod alloc;
#[path = "support/rounds.rs"]
mod rounds;

use std::cell::Cell;
use std::rc::Rc;

use jsloop::EventLoop;

use rounds::allocations;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

#[test]
fn small_microtasks_and_ticks_are_stored_inline() {
    let lp = EventLoop::new();
    let count = Rc::new(Cell::new(0u64));
    let c = count.clone();
    let microtasks = allocations(&lp, move |lp| {
        for _ in 0..1000 {
            let c = c.clone();
            lp.queue_microtask(move |_| c.set(c.get() + 1));
        }
    });
    let c = count.clone();
    let ticks = allocations(&lp, move |lp| {
        for _ in 0..1000 {
            let (c, d) = (c.clone(), c.clone());
            lp.next_tick(move |_| {
                c.set(c.get() + 1);
                drop(d);
            });
        }
    });
    assert_eq!((microtasks, ticks), (0, 0));
    assert!(count.get() > 2000);
}
