//! A promise reaction with small handlers is stored inline: `then` makes
//! one allocation (the derived promise), none for the reaction.
//!
//! The calls counted are the test thread's own (the loop's thread).

#[path = "support/alloc.rs"]
mod alloc;

use jsloop::promise::Promise;
use jsloop::EventLoop;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

const LINKS: usize = 1000;

/// Allocation calls of a chain of `LINKS` `then`s and its run.
fn chain(lp: &EventLoop) -> usize {
    let before = alloc::thread_allocations();
    let (head, resolver) = Promise::<u64>::new(lp);
    let mut p = head;
    for _ in 0..LINKS {
        p = p.then(|v| Ok(v + 1));
    }
    resolver.resolve(0);
    lp.run().unwrap();
    assert!(matches!(p.outcome(), Some(Ok(n)) if n == LINKS as u64));
    alloc::thread_allocations() - before
}

#[test]
fn then_allocates_once_per_link() {
    let lp = EventLoop::new();
    chain(&lp);
    let calls = chain(&lp);
    // At most the derived promise per link, and the head promise (cells
    // freed by the first chain are reused).
    assert!(calls <= LINKS + 1, "{calls} allocations");
}
