//! A run-once callback stored inline when it is small.
//!
//! The microtask and nextTick queues hold [`Thunk`]s: a closure of up to
//! three words (such as one capturing an `Rc` or two) lives in the queue
//! slot itself, so queueing it allocates nothing once the queue has grown;
//! a larger closure is boxed, as a `Box<dyn FnOnce>` would be.
//!
//! The one module of the core with `unsafe`: type erasure of an inline
//! value needs raw reads and writes. Every block states why it is sound.

#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use std::marker::PhantomData;
use std::mem::{align_of, size_of, ManuallyDrop, MaybeUninit};
use std::ptr;

use crate::event_loop::EventLoop;
use crate::microtask::Job;

/// Inline storage: three words, word-aligned.
type Slot = MaybeUninit<[usize; 3]>;

/// What a thunk knows of its closure's type.
struct VTable {
    /// Moves the closure out of the slot and runs it.
    call: unsafe fn(*mut Slot, &EventLoop),
    /// Drops the closure in the slot.
    drop: unsafe fn(*mut Slot),
}

/// A `FnOnce(&EventLoop)` stored inline when it fits in [`Slot`].
pub(crate) struct Thunk {
    slot: Slot,
    vtable: &'static VTable,
    /// Closures are neither `Send` nor `Sync`.
    _closure: PhantomData<Job>,
}

/// Whether `F` fits the slot by size and alignment.
const fn fits<F>() -> bool {
    size_of::<F>() <= size_of::<Slot>() && align_of::<F>() <= align_of::<Slot>()
}

struct Table<F>(PhantomData<F>);

/// The vtable of `F`.
fn vtable_of<F: FnOnce(&EventLoop)>(_: &F) -> &'static VTable {
    &Table::<F>::VTABLE
}

impl<F: FnOnce(&EventLoop)> Table<F> {
    const VTABLE: VTable = VTable {
        call: call::<F>,
        drop: drop_slot::<F>,
    };
}

/// # Safety
///
/// `slot` holds an initialized `F`, which the caller never uses again.
unsafe fn call<F: FnOnce(&EventLoop)>(slot: *mut Slot, lp: &EventLoop) {
    // SAFETY: the caller guarantees an initialized `F` it gives up; `fits`
    // made the slot large and aligned enough for it.
    let f = unsafe { ptr::read(slot.cast::<F>()) };
    f(lp);
}

/// # Safety
///
/// `slot` holds an initialized `F`, which the caller never uses again.
unsafe fn drop_slot<F>(slot: *mut Slot) {
    // SAFETY: as in `call`; the value is dropped in place exactly once.
    unsafe { ptr::drop_in_place(slot.cast::<F>()) }
}

impl Thunk {
    /// Stores `f` inline if it fits, boxed otherwise.
    #[inline]
    pub(crate) fn new<F: FnOnce(&EventLoop) + 'static>(f: F) -> Self {
        if fits::<F>() {
            Self::inline(f)
        } else {
            Self::inline(Box::new(f))
        }
    }

    /// Stores `f` in the slot.
    ///
    /// # Panics
    ///
    /// If `F` does not fit ([`Thunk::new`] never lets that happen; the
    /// check folds away).
    #[inline]
    fn inline<F: FnOnce(&EventLoop) + 'static>(f: F) -> Self {
        assert!(fits::<F>(), "a thunk's closure fits its slot");
        let mut slot = Slot::uninit();
        // SAFETY: the slot is large and aligned enough for `F` (asserted
        // above) and uninitialized, so nothing is overwritten.
        unsafe { ptr::write(slot.as_mut_ptr().cast::<F>(), f) };
        Self {
            slot,
            vtable: &Table::<F>::VTABLE,
            _closure: PhantomData,
        }
    }

    /// Moves the closure out, leaving a thunk that does nothing.
    #[inline(always)]
    pub(crate) fn take(&mut self) -> Thunk {
        std::mem::replace(self, Thunk::inline(|_: &EventLoop| ()))
    }

    /// [`Thunk::take`] of a thunk stored just before (a reaction registered,
    /// then its promise resolved at once). Its word-sized stores are still
    /// in the store buffer; they forward to word-sized loads, whereas the
    /// wider loads of a plain move, each spanning two of them, wait until
    /// they reach the cache. The copy it makes is word-sized too, so it is
    /// for a thunk that is not read again at once.
    #[inline(always)]
    pub(crate) fn take_fresh(&mut self) -> Thunk {
        let words = (&raw const self.slot).cast::<MaybeUninit<usize>>();
        // SAFETY: the slot is three words, each copied as is (possibly
        // uninitialized, which `MaybeUninit` allows); volatile, so that the
        // reads are not merged into wider ones.
        let slot = unsafe {
            let mut slot = Slot::uninit();
            let to = slot.as_mut_ptr().cast::<MaybeUninit<usize>>();
            for i in 0..3 {
                to.add(i).write(words.add(i).read_volatile());
            }
            slot
        };
        let taken = Thunk {
            slot,
            vtable: self.vtable,
            _closure: PhantomData,
        };
        // The closure now belongs to `taken`; a no-op's is left in place.
        self.vtable = vtable_of(&|_: &EventLoop| ());
        taken
    }

    /// Runs the closure, consuming it.
    #[inline]
    pub(crate) fn run(self, lp: &EventLoop) {
        let mut this = ManuallyDrop::new(self);
        // SAFETY: the slot holds the closure `vtable` was made for; `this`
        // is never dropped, so the closure moved out is not dropped again.
        unsafe { (this.vtable.call)(&mut this.slot, lp) }
    }
}

/// Pushes the thunk `make` returns onto `queue`, made after the buffer has
/// room (its growth out of line) and written straight into its slot.
#[inline(always)]
pub(crate) fn push_with(queue: &mut Vec<Thunk>, make: impl FnOnce() -> Thunk) {
    queue.reserve(1);
    let len = queue.len();
    queue.spare_capacity_mut()[0].write(make());
    // SAFETY: the slot at `len` (within capacity: reserved above) was just
    // written; if `make` unwinds, the length is left as it was.
    unsafe { queue.set_len(len + 1) };
}

impl Drop for Thunk {
    fn drop(&mut self) {
        // SAFETY: a thunk not run still holds its closure; this is the only
        // drop of it.
        unsafe { (self.vtable.drop)(&mut self.slot) }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::Thunk;
    use crate::EventLoop;

    #[test]
    fn small_and_large_closures_run_once_and_drop_once() {
        let lp = EventLoop::new();
        let hits = Rc::new(Cell::new(0));
        let (h, big) = (hits.clone(), [7u64; 8]);
        let small = Thunk::new(move |_| h.set(h.get() + 1));
        let h = hits.clone();
        let large = Thunk::new(move |_| h.set(h.get() + big.iter().sum::<u64>() as i32));
        small.run(&lp);
        large.run(&lp);
        assert_eq!(hits.get(), 57);
        let h = hits.clone();
        let unrun = Thunk::new(move |_| drop(h));
        assert_eq!(Rc::strong_count(&hits), 2);
        drop(unrun);
        assert_eq!(Rc::strong_count(&hits), 1);
    }

    #[test]
    fn a_taken_thunk_keeps_the_closure_and_leaves_a_no_op() {
        let lp = EventLoop::new();
        let hits = Rc::new(Cell::new(0));
        let h = hits.clone();
        let mut emptied = Thunk::new(move |_| h.set(h.get() + 1));
        let taken = emptied.take();
        emptied.run(&lp);
        assert_eq!((hits.get(), Rc::strong_count(&hits)), (0, 2));
        taken.run(&lp);
        assert_eq!((hits.get(), Rc::strong_count(&hits)), (1, 1));
    }
}
