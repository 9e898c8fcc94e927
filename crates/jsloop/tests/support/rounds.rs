//! Allocation calls per round of work, for the allocation tests (include
//! beside `alloc.rs`, whose counting allocator it reads).

use jsloop::EventLoop;

use super::alloc;

/// Allocation calls made by this thread in one round of `round` after a
/// warm-up round (the harness's threads may allocate meanwhile).
pub(crate) fn allocations(lp: &EventLoop, round: impl Fn(&EventLoop)) -> usize {
    round(lp);
    lp.run().unwrap();
    let before = alloc::thread_allocations();
    round(lp);
    lp.run().unwrap();
    alloc::thread_allocations() - before
}
