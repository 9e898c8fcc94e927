//! A counting global allocator for leak tests.
//!
//! Include it with `#[path = "support/alloc.rs"] mod alloc;` in a test
//! binary and declare `#[global_allocator] static A: alloc::Counting = alloc::Counting;`.
//! Counts are per thread: the harness's main thread allocates at times
//! while a test runs, and tests in one binary run on threads of their own.

#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Allocation calls made by this thread.
    static THREAD_ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Bytes this thread allocated minus bytes it freed.
    static THREAD_LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
}

/// Adds `delta` to the calling thread's live bytes.
fn count_bytes(delta: isize) {
    // A thread being torn down may allocate after its locals are gone.
    let _ = THREAD_LIVE_BYTES.try_with(|n| n.set(n.get() + delta));
}

/// Counts one allocation call for the calling thread.
fn count_call() {
    // A thread being torn down may allocate after its locals are gone.
    let _ = THREAD_ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

/// The system allocator, counting live bytes and allocation calls.
pub(crate) struct Counting;

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counters are thread-locals, never allocating.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours, forwarded.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count_bytes(layout.size() as isize);
            count_call();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours, forwarded.
        unsafe { System.dealloc(ptr, layout) };
        count_bytes(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as ours, forwarded.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count_bytes(new_size as isize - layout.size() as isize);
            count_call();
        }
        p
    }
}

/// Bytes the calling thread allocated minus those it freed: blind to the
/// test harness's own threads (and to any thread the code under test
/// starts).
pub(crate) fn thread_live_bytes() -> isize {
    THREAD_LIVE_BYTES.with(Cell::get)
}

/// Allocation calls so far by the calling thread (allocs and reallocs):
/// blind to the test harness's own threads.
pub(crate) fn thread_allocations() -> usize {
    THREAD_ALLOCATIONS.with(Cell::get)
}
