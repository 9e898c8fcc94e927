//! [`Task`]: a run-once callback for the loop, stored without a heap
//! allocation when it is small.
//!
//! Ground rules:
//! - A value of at most [`INLINE_WORDS`] words, aligned to at most a word,
//!   is moved into the task's own buffer; a larger one is boxed and the
//!   box pointer is stored instead. Either way the task is a fixed-size
//!   value that the ingress queue keeps in its slots.
//! - `call` knows the stored type: given the loop it moves the value out
//!   and runs it, given nothing it moves it out and drops it. It is
//!   called exactly once per task (by [`Task::run`] or by `Drop`).

// Inline task storage and the lock-free queue need raw pointers; each
// unsafe block says why it holds.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use std::mem::{ManuallyDrop, MaybeUninit};

use crate::event_loop::EventLoop;

/// Words of inline storage: a closure capturing up to four pointers
/// (an `Arc`, a sender, a small struct) needs no allocation.
pub(crate) const INLINE_WORDS: usize = 4;

type Buffer = [usize; INLINE_WORDS];

/// Work sent to the loop from another thread.
pub(crate) trait Runnable: Send + 'static {
    /// Runs on the loop thread.
    fn run(self, lp: &EventLoop);
}

impl<F: FnOnce(&EventLoop) + Send + 'static> Runnable for F {
    fn run(self, lp: &EventLoop) {
        self(lp)
    }
}

/// A type-erased [`Runnable`], inline when small.
pub(crate) struct Task {
    data: MaybeUninit<Buffer>,
    /// Moves the value out of `data`, then runs it (`Some`) or drops it.
    call: unsafe fn(*mut Buffer, Option<&EventLoop>),
}

// SAFETY: a `Task` is only made from a `Runnable`, which is `Send`; the
// buffer holds that value (or a `Box` of it) and nothing else.
unsafe impl Send for Task {}

impl Task {
    /// Wraps `value`, inline if it fits.
    pub(crate) fn new<R: Runnable>(value: R) -> Self {
        if fits::<R>() {
            let mut data = MaybeUninit::<Buffer>::uninit();
            // SAFETY: `fits` checked that `R` is no larger and no more
            // aligned than the buffer, so the write is in bounds and
            // aligned; `call_inline::<R>` reads it back as `R`.
            unsafe { data.as_mut_ptr().cast::<R>().write(value) };
            Self {
                data,
                call: call_inline::<R>,
            }
        } else {
            let mut data = MaybeUninit::<Buffer>::uninit();
            // SAFETY: a `Box` is one word, which fits the buffer;
            // `call_boxed::<R>` reads it back as `Box<R>`.
            unsafe { data.as_mut_ptr().cast::<Box<R>>().write(Box::new(value)) };
            Self {
                data,
                call: call_boxed::<R>,
            }
        }
    }

    /// Runs the task on the loop thread.
    pub(crate) fn run(self, lp: &EventLoop) {
        let mut task = ManuallyDrop::new(self);
        // SAFETY: `data` holds the value `call` was made for, and this is
        // the one call (`ManuallyDrop` keeps `Drop` from calling again).
        unsafe { (task.call)(task.data.as_mut_ptr(), Some(lp)) }
    }

    /// Whether a value of type `R` is stored without an allocation.
    #[cfg(test)]
    pub(crate) fn is_inline<R>() -> bool {
        fits::<R>()
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        // SAFETY: `data` holds the value `call` was made for, and a task
        // that ran never reaches `Drop` (see `run`).
        unsafe { (self.call)(self.data.as_mut_ptr(), None) }
    }
}

const fn fits<R>() -> bool {
    std::mem::size_of::<R>() <= std::mem::size_of::<Buffer>()
        && std::mem::align_of::<R>() <= std::mem::align_of::<Buffer>()
}

/// # Safety
///
/// `data` holds an initialised `R` that is not used again.
unsafe fn call_inline<R: Runnable>(data: *mut Buffer, lp: Option<&EventLoop>) {
    // SAFETY: the caller's contract.
    let value = unsafe { data.cast::<R>().read() };
    if let Some(lp) = lp {
        value.run(lp);
    }
}

/// # Safety
///
/// `data` holds an initialised `Box<R>` that is not used again.
unsafe fn call_boxed<R: Runnable>(data: *mut Buffer, lp: Option<&EventLoop>) {
    // SAFETY: the caller's contract.
    let value = unsafe { data.cast::<Box<R>>().read() };
    if let Some(lp) = lp {
        (*value).run(lp);
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::{Task, INLINE_WORDS};

    struct Count(Arc<AtomicUsize>);

    impl Drop for Count {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn small_closures_are_inline_and_large_ones_boxed() {
        let arc = Arc::new(());
        let small = move |_: &crate::EventLoop| drop(arc);
        fn inline_of<T>(_: &T) -> bool {
            Task::is_inline::<T>()
        }
        assert!(inline_of(&small));
        let big = [0u64; INLINE_WORDS + 1];
        let large = move |_: &crate::EventLoop| assert_eq!(big[0], 0);
        assert!(!inline_of(&large));
    }

    #[test]
    fn an_unrun_task_drops_its_captures_once() {
        let drops = Arc::new(AtomicUsize::new(0));
        let count = Count(drops.clone());
        drop(Task::new(move |_: &crate::EventLoop| drop(count)));
        assert_eq!(drops.load(Ordering::SeqCst), 1);
        let count = Count(drops.clone());
        let big = [0u64; INLINE_WORDS + 3];
        drop(Task::new(move |_: &crate::EventLoop| drop((count, big))));
        assert_eq!(drops.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn run_moves_the_value_out_and_drops_it_once() {
        let lp = crate::EventLoop::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let ran = Arc::new(AtomicUsize::new(0));
        let (count, r) = (Count(drops.clone()), ran.clone());
        let big = [7u64; INLINE_WORDS + 2];
        let task = Task::new(move |_: &crate::EventLoop| {
            let _keep = &count;
            r.fetch_add(big.iter().sum::<u64>() as usize, Ordering::SeqCst);
        });
        task.run(&lp);
        assert_eq!(ran.load(Ordering::SeqCst), 7 * (INLINE_WORDS + 2));
        assert_eq!(drops.load(Ordering::SeqCst), 1);
    }
}
