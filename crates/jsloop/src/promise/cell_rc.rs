//! A single-threaded reference-counted pointer for promise cells whose
//! memory is reused: freed blocks go to a small per-thread pool, keyed by
//! size class, and the next cell of that class takes one from there instead
//! of calling the allocator.
//!
//! Ground rules:
//! - A block is in exactly one place: behind live [`CellRc`]s (count ≥ 1),
//!   in the pool's free list of its class, or returned to the allocator.
//! - Blocks of a class all have the class's layout ([`GRAIN`]-aligned,
//!   a multiple of [`GRAIN`] long), so any value of that class fits any of
//!   them. Larger or more aligned values bypass the pool.
//! - The pool holds at most [`POOL_BYTES`] per thread (all loops of the
//!   thread share it); it is emptied when any loop drops ([`release_pool`])
//!   and when the thread exits. A cell freed after a loop drop goes back to
//!   the pool; one freed after the thread's exit guard ran goes straight to
//!   the allocator.
//! - The pool is only touched through `Cell`s, never while a value is being
//!   dropped, so drops that free more cells nest freely.

#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::Cell;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::{self, NonNull};

/// Size-class granularity and the alignment of pooled blocks.
const GRAIN: usize = 16;
/// Number of size classes: blocks of up to `GRAIN * CLASSES` bytes.
const CLASSES: usize = 16;
/// Bytes the pool keeps per thread, across classes: about 3,000 cells of
/// a `Promise<u64>` (80 bytes), so a round of 1,000 create+then (2,000
/// cells) is served from it.
pub(crate) const POOL_BYTES: usize = 256 * 1024;

/// The size class of `layout`, if it is pooled.
const fn class_of(layout: Layout) -> Option<usize> {
    if layout.align() > GRAIN || layout.size() > GRAIN * CLASSES || layout.size() == 0 {
        return None;
    }
    Some(layout.size().div_ceil(GRAIN) - 1)
}

const fn class_size(class: usize) -> usize {
    (class + 1) * GRAIN
}

const fn class_layout(class: usize) -> Layout {
    match Layout::from_size_align(class_size(class), GRAIN) {
        Ok(layout) => layout,
        Err(_) => panic!("class layouts are valid"),
    }
}

/// A free block's first bytes: the next free block of its class.
struct Free {
    next: *mut Free,
}

/// Whether a thread's pool takes blocks: not before its [`Guard`] is
/// registered (on the first block given), nor once the guard dropped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Life {
    Unguarded,
    Guarded,
    Exited,
}

/// Free lists per size class. It has no destructor, so reaching it is a
/// plain thread-local access; its [`Guard`] empties it at thread exit.
struct Pool {
    heads: [Cell<*mut Free>; CLASSES],
    /// Bytes the pool may still take: [`POOL_BYTES`] minus those pooled
    /// while guarded, 0 otherwise, so that one comparison tells whether a
    /// block is kept.
    room: Cell<usize>,
    life: Cell<Life>,
}

impl Pool {
    const fn new() -> Self {
        Self {
            heads: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            room: Cell::new(0),
            life: Cell::new(Life::Unguarded),
        }
    }

    /// Registers the guard of an unguarded pool, which gives it its room;
    /// whether the pool may take a block of `class` now.
    #[cold]
    #[inline(never)]
    fn guard(&self, class: usize) -> bool {
        if GUARD.try_with(|_| ()).is_ok() {
            self.life.set(Life::Guarded);
            self.room.set(POOL_BYTES);
        }
        self.room.get() >= class_size(class)
    }

    /// A free block of `class`, or null.
    #[inline]
    fn take(&self, class: usize) -> *mut u8 {
        let head = self.heads[class].get();
        if !head.is_null() {
            // SAFETY: every block on a list is unused, of the class's layout,
            // and starts with the `Free` that `give` wrote.
            let next = unsafe { (*head).next };
            self.heads[class].set(next);
            self.room.set(self.room.get() + class_size(class));
        }
        head.cast()
    }

    /// Keeps `block` for reuse; false if the pool is full.
    ///
    /// # Safety
    ///
    /// `block` is unused, was allocated with `class_layout(class)`, and is
    /// given up by the caller.
    #[inline]
    unsafe fn give(&self, class: usize, block: *mut u8) -> bool {
        if self.room.get() < class_size(class)
            && (self.life.get() != Life::Unguarded || !self.guard(class))
        {
            return false;
        }
        let free = block.cast::<Free>();
        // SAFETY: the block is unused, at least GRAIN (≥ pointer) bytes and
        // GRAIN-aligned (the caller's contract), so a `Free` fits at its start.
        unsafe {
            free.write(Free {
                next: self.heads[class].get(),
            })
        };
        self.heads[class].set(free);
        self.room.set(self.room.get() - class_size(class));
        true
    }

    /// Returns every block to the allocator.
    fn clear(&self) {
        for class in 0..CLASSES {
            loop {
                let block = self.take(class);
                if block.is_null() {
                    break;
                }
                // SAFETY: pooled blocks of `class` were allocated with its layout
                // and are owned by the pool alone.
                unsafe { dealloc(block, class_layout(class)) };
            }
        }
    }
}

/// Empties the thread's pool at thread exit and stops it taking blocks.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        POOL.with(|p| {
            p.life.set(Life::Exited);
            p.clear();
            p.room.set(0);
        });
    }
}

thread_local! {
    static POOL: Pool = const { Pool::new() };
    static GUARD: Guard = const { Guard };
}

/// Returns this thread's pooled blocks to the allocator (a loop drops).
pub(crate) fn release_pool() {
    POOL.with(Pool::clear);
}

/// Bytes pooled on this thread.
#[cfg(test)]
fn pooled_bytes() -> usize {
    POOL.with(|p| match p.life.get() {
        Life::Guarded => POOL_BYTES - p.room.get(),
        Life::Unguarded | Life::Exited => 0,
    })
}

#[repr(C)]
struct Inner<T> {
    count: Cell<usize>,
    value: T,
}

/// A `!Send` shared pointer like `Rc<T>` (no weak references) whose block
/// is reused through the per-thread pool.
pub(crate) struct CellRc<T> {
    ptr: NonNull<Inner<T>>,
    _owns: PhantomData<Inner<T>>,
}

impl<T> CellRc<T> {
    const CLASS: Option<usize> = class_of(Layout::new::<Inner<T>>());
    const LAYOUT: Layout = match Self::CLASS {
        Some(class) => class_layout(class),
        None => Layout::new::<Inner<T>>(),
    };

    /// A new pointer holding `value` (count 1).
    #[cfg(test)]
    pub(crate) fn new(value: T) -> Self {
        Self::new_with(move || value)
    }

    /// A new pointer holding the value `make` returns, written straight
    /// into the block (count 1), so it is built in place rather than on the
    /// stack and copied. If `make` panics, the block is freed as a dropped
    /// cell's is.
    #[inline]
    pub(crate) fn new_with(make: impl FnOnce() -> T) -> Self {
        let block = Self::alloc_block().cast::<Inner<T>>();
        // Frees the block (holding no value yet) if `make` unwinds.
        let unused = FreeBlock(block);
        let value = make();
        std::mem::forget(unused);
        // SAFETY: the block is unused and has `LAYOUT`, at least as large
        // and as aligned as `Inner<T>` (`class_of` checks both).
        unsafe {
            block.as_ptr().write(Inner {
                count: Cell::new(1),
                value,
            });
        }
        Self {
            ptr: block,
            _owns: PhantomData,
        }
    }

    /// Whether this is the only pointer to its value.
    #[inline]
    pub(crate) fn is_unique(this: &Self) -> bool {
        this.inner().count.get() == 1
    }

    /// Whether both point to the same value.
    #[inline]
    pub(crate) fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.ptr == b.ptr
    }

    #[inline]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: the block stays initialised while any pointer (self) lives.
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    fn alloc_block() -> NonNull<u8> {
        if let Some(class) = Self::CLASS {
            if let Some(block) = POOL.with(|p| NonNull::new(p.take(class))) {
                return block;
            }
        }
        // SAFETY: `LAYOUT` has a non-zero size (it holds the count).
        let block = unsafe { alloc(Self::LAYOUT) };
        NonNull::new(block).unwrap_or_else(|| handle_alloc_error(Self::LAYOUT))
    }
}

impl<T> Clone for CellRc<T> {
    #[inline]
    fn clone(&self) -> Self {
        let count = &self.inner().count;
        let n = count.get().wrapping_add(1);
        if n == 0 {
            std::process::abort();
        }
        count.set(n);
        Self {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Deref for CellRc<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.inner().value
    }
}

/// Frees a block whose value is dropped (also if that drop unwinds) or
/// was never written.
struct FreeBlock<T>(NonNull<Inner<T>>);

impl<T> Drop for FreeBlock<T> {
    #[inline]
    fn drop(&mut self) {
        let block = self.0.as_ptr().cast::<u8>();
        if let Some(class) = CellRc::<T>::CLASS {
            // SAFETY: the value is dropped (or was never written) and no
            // pointer to the block remains; it was allocated with
            // `class_layout(class)` (`LAYOUT`).
            if POOL.with(|p| unsafe { p.give(class, block) }) {
                return;
            }
        }
        // SAFETY: as above; the block was allocated with `LAYOUT`.
        unsafe { dealloc(block, CellRc::<T>::LAYOUT) };
    }
}

impl<T> CellRc<T> {
    /// The last pointer dropped: drops the value and frees the block.
    #[inline(never)]
    fn drop_slow(&mut self) {
        let free = FreeBlock(self.ptr);
        // SAFETY: this is the last pointer: the value is initialised and
        // nothing reads it again; `free` releases the block afterwards.
        unsafe { ptr::drop_in_place(&raw mut (*self.ptr.as_ptr()).value) };
        drop(free);
    }
}

impl<T> Drop for CellRc<T> {
    #[inline]
    fn drop(&mut self) {
        let count = &self.inner().count;
        let n = count.get() - 1;
        count.set(n);
        if n == 0 {
            self.drop_slow();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// Counts its drops.
    struct Probe(Rc<Cell<usize>>);

    impl Drop for Probe {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn drops_the_value_exactly_once_on_the_last_drop() {
        let drops = Rc::new(Cell::new(0));
        let a = CellRc::new(Probe(drops.clone()));
        let b = a.clone();
        assert!(CellRc::ptr_eq(&a, &b));
        drop(a);
        assert_eq!(drops.get(), 0);
        drop(b);
        assert_eq!(drops.get(), 1);
    }

    #[test]
    fn a_freed_block_is_reused_by_the_next_cell_of_its_class() {
        release_pool();
        let a = CellRc::new([1u64; 5]);
        let addr = a.ptr.as_ptr() as usize;
        drop(a);
        assert_eq!(pooled_bytes(), 48);
        // Another type of the same size class takes the same block.
        let b = CellRc::new((7u32, [2u64; 4]));
        assert_eq!(b.ptr.as_ptr() as usize, addr);
        assert_eq!(pooled_bytes(), 0);
        assert_eq!(b.0, 7);
        release_pool();
    }

    #[test]
    fn the_pool_stays_bounded() {
        release_pool();
        let cells: Vec<_> = (0..2 * POOL_BYTES / 64)
            .map(|i| CellRc::new([i; 7]))
            .collect();
        drop(cells);
        assert_eq!(pooled_bytes(), POOL_BYTES);
        release_pool();
        assert_eq!(pooled_bytes(), 0);
    }

    #[test]
    fn large_and_overaligned_values_bypass_the_pool() {
        #[repr(align(64))]
        struct Aligned(u8);
        release_pool();
        drop(CellRc::new([0u8; 1024]));
        let a = CellRc::new(Aligned(3));
        assert_eq!(a.ptr.as_ptr() as usize % 64, 0);
        assert_eq!(a.0, 3);
        drop(a);
        assert_eq!(pooled_bytes(), 0);
    }

    #[test]
    fn a_value_whose_drop_frees_more_cells_nests() {
        struct Chain {
            _next: Option<CellRc<Chain>>,
            drops: Rc<Cell<usize>>,
        }
        impl Drop for Chain {
            fn drop(&mut self) {
                self.drops.set(self.drops.get() + 1);
            }
        }
        let drops = Rc::new(Cell::new(0));
        let mut head = CellRc::new(Chain {
            _next: None,
            drops: drops.clone(),
        });
        for _ in 0..100 {
            head = CellRc::new(Chain {
                _next: Some(head),
                drops: drops.clone(),
            });
        }
        drop(head);
        assert_eq!(drops.get(), 101);
    }

    #[test]
    fn a_panicking_constructor_gives_the_block_back() {
        release_pool();
        let r = std::panic::catch_unwind(|| {
            CellRc::<[u64; 5]>::new_with(|| panic!("no value"));
        });
        assert!(r.is_err());
        assert_eq!(pooled_bytes(), 48, "the unused block went to the pool");
        let a = CellRc::new([3u64; 5]);
        assert_eq!(pooled_bytes(), 0, "and is reused");
        assert_eq!(a[4], 3);
        drop(a);
        release_pool();
    }

    #[test]
    fn a_panicking_drop_still_frees_the_block() {
        struct Bomb;
        impl Drop for Bomb {
            fn drop(&mut self) {
                panic!("bomb");
            }
        }
        release_pool();
        let a = CellRc::new((Bomb, 0u64));
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(a)));
        assert!(r.is_err());
        assert_eq!(
            pooled_bytes(),
            16 * (Layout::new::<Inner<(Bomb, u64)>>().size().div_ceil(16))
        );
        release_pool();
    }

    #[test]
    fn promises_outliving_their_loop_free_after_it() {
        use crate::promise::Promise;
        use crate::EventLoop;
        let lp = EventLoop::new();
        let (p, r) = Promise::<u64>::new(&lp);
        let derived = p.then(|v| Ok(v + 1));
        drop(Promise::<u64>::resolved(&lp, 1));
        assert!(pooled_bytes() > 0);
        drop(lp);
        // The loop's drop emptied the pool; the survivors still work and free.
        assert_eq!(pooled_bytes(), 0);
        r.resolve(1);
        assert!(derived.is_pending());
        drop((p, derived));
        assert!(pooled_bytes() > 0);
        release_pool();
    }

    #[test]
    fn a_cell_dropped_during_thread_teardown_is_freed() {
        // Whether it drops before or after the pool's own destructor, the
        // block goes back to the pool or to the allocator.
        struct Late(Cell<Option<CellRc<u64>>>);
        thread_local! { static LATE: Late = const { Late(Cell::new(None)) }; }
        impl Drop for Late {
            fn drop(&mut self) {
                drop(self.0.take());
            }
        }
        std::thread::spawn(|| {
            POOL.with(|_| ());
            LATE.with(|l| l.0.set(Some(CellRc::new(5))));
        })
        .join()
        .unwrap();
    }
}
