//! The engine's allocator: a fatal heap limit, as V8's, and the
//! collection [`schedule`].
//!
//! QuickJS's own memory limit makes the failing allocation return null,
//! which becomes a catchable `InternalError: out of memory`: a script can
//! catch it and go on allocating, and QuickJS is not written to survive
//! every failed allocation. Node ends the process instead. So the engine
//! runs on [`HeapAllocator`], which counts every byte it hands out and,
//! with a limit set, ends the process from inside the allocation.
//!
//! # Implementation notes
//!
//! - QuickJS collects cycles only when its allocated size passes a
//!   threshold, so with a large live set the next collection may fall
//!   beyond the limit. As V8 collects before giving up, the allocator asks
//!   for a collection (the threshold set to 0: QuickJS collects at its
//!   next object allocation) each time the heap grows into a band closer
//!   to the limit: past 1/2, 3/4, 7/8, … of it. A band is re-armed only
//!   once the heap falls two bands lower, so a heap hovering at a band's
//!   edge does not collect at every crossing.
//! - QuickJS serves blocks of up to 512 bytes from 4 KiB arenas and frees
//!   an arena as soon as its last block is freed. When every arena of a
//!   size class is full, a queue that holds one block at a time (a chain of
//!   `queueMicrotask` jobs) makes and frees an arena every other job: the
//!   allocator keeps a few freed arenas, so that costs no trip to the
//!   global allocator, and counts the arenas it hands out on its thread
//!   ([`arenas_made`]) so that the queue can pin a spare block in a new
//!   arena (`globals::microtasks`), which breaks the cycle.
//! - The allocator is only ever called on the engine's thread, with the
//!   engine locked; its counters are plain cells.

mod schedule;

use std::alloc::{self, Layout};
use std::cell::Cell;
use std::io::Write;
use std::ptr;
use std::rc::Rc;

use rquickjs::allocator::Allocator;
use rquickjs::qjs;

use schedule::Schedule;

/// The line node prints when V8 reaches its heap limit.
pub(crate) const FATAL_MESSAGE: &str =
    "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory";

/// Every block is aligned like `malloc`'s (16 bytes) and starts with a
/// header of that size holding its usable size.
const ALIGN: usize = 16;
const HEADER: usize = ALIGN;

/// The bands past which a collection is asked for (1/2, 3/4, … of the
/// limit); the last is within 1/65536 of it.
const BANDS: u32 = 16;

/// What the allocator and the runtime share.
#[derive(Debug)]
struct Heap {
    /// Bytes handed out, headers included.
    used: Cell<usize>,
    limit: usize,
    /// The band of the last collection asked for.
    band: Cell<u32>,
    /// The engine, once made, to ask it for a collection.
    runtime: Cell<*mut qjs::JSRuntime>,
    schedule: Schedule,
}

impl Heap {
    /// The band `used` falls in: 0 below half the limit, `k` past
    /// `limit - limit / 2^k`.
    fn band_of(&self, used: usize) -> u32 {
        let left = self.limit.saturating_sub(used);
        if left == 0 {
            return BANDS;
        }
        // left <= limit / 2^k  <=>  k <= log2(limit / left)
        (self.limit / left).ilog2().min(BANDS)
    }

    /// Counts `bytes` more, ending the process past the limit, and
    /// keeps the collection schedule.
    fn grow(&self, bytes: usize) {
        let used = self.used.get().saturating_add(bytes);
        if used > self.limit {
            fatal();
        }
        self.used.set(used);
        let rt = self.runtime.get();
        if rt.is_null() {
            return;
        }
        // SAFETY: `rt` is the live engine this allocator serves (set after
        // it was made; the allocator dies with it), and reading or setting
        // the threshold only touches a field.
        let now = unsafe { qjs::JS_GetGCThreshold(rt) };
        let next = self
            .schedule
            .observe(usize::try_from(now).unwrap_or(usize::MAX));
        let band = self.band_of(used);
        let next = if band > self.band.get() {
            self.band.set(band);
            self.schedule.set(0);
            Some(0)
        } else {
            next
        };
        if let Some(next) = next {
            // SAFETY: as above.
            unsafe { qjs::JS_SetGCThreshold(rt, next as _) };
        }
    }

    fn shrink(&self, bytes: usize) {
        let used = self.used.get().saturating_sub(bytes);
        self.used.set(used);
        let band = self.band_of(used);
        if band + 2 <= self.band.get() {
            self.band.set(band);
        }
    }
}

/// Ends the process as node does at its heap limit.
fn fatal() -> ! {
    let _ = std::io::stdout().flush();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\n{FATAL_MESSAGE}");
    let _ = err.flush();
    std::process::abort()
}

/// The engine's side of its allocator, kept by the runtime builder until
/// the engine exists.
#[derive(Debug, Clone)]
pub(crate) struct EngineHeap(Rc<Heap>);

impl EngineHeap {
    /// A heap that ends the process past `limit` bytes (`None`: never),
    /// collected on the widened [`schedule`] if `widen`, else on QuickJS's.
    pub(crate) fn new(limit: Option<usize>, widen: bool) -> Self {
        Self(Rc::new(Heap {
            used: Cell::new(0),
            limit: limit.unwrap_or(usize::MAX),
            band: Cell::new(0),
            runtime: Cell::new(ptr::null_mut()),
            schedule: Schedule::new(widen),
        }))
    }

    /// The allocator to make the engine with.
    pub(crate) fn allocator(&self) -> HeapAllocator {
        HeapAllocator::new(self.0.clone())
    }

    /// Tells the allocator which engine to ask for collections.
    pub(crate) fn attach(&self, ctx: &rquickjs::Ctx<'_>) {
        // SAFETY: `ctx` is a live context; its runtime outlives it.
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        // SAFETY: as above.
        let threshold = unsafe { qjs::JS_GetGCThreshold(rt) };
        self.0
            .schedule
            .set(usize::try_from(threshold).unwrap_or(usize::MAX));
        self.0.runtime.set(rt);
    }

    /// The collections the engine has run on its own schedule so far.
    #[cfg(test)]
    pub(crate) fn collections(&self) -> u64 {
        self.0.schedule.collections()
    }
}

/// The size of QuickJS's arenas, and the smallest request for one (its
/// header and the unused tail of an arena of 512-byte blocks).
const ARENA: usize = 4096;
const ARENA_MIN: usize = ARENA - 576;

/// How many freed arenas are kept for reuse.
const ARENA_CACHE: usize = 4;

thread_local! {
    /// Arena blocks handed out on this thread, by every engine on it.
    static ARENAS_MADE: Cell<u64> = const { Cell::new(0) };
}

/// How many arena blocks the engines' allocators have handed out on this
/// thread so far: a change across a call means the engine made a new
/// arena in it (engines allocate only on their own thread).
pub(crate) fn arenas_made() -> u64 {
    ARENAS_MADE.with(Cell::get)
}

/// Allocates for QuickJS from Rust's global allocator, counting bytes
/// against an [`EngineHeap`].
pub(crate) struct HeapAllocator {
    heap: Rc<Heap>,
    /// Freed arena blocks (bases, header included), last freed first.
    arenas: [*mut u8; ARENA_CACHE],
    cached: usize,
}

impl HeapAllocator {
    fn new(heap: Rc<Heap>) -> Self {
        Self {
            heap,
            arenas: [ptr::null_mut(); ARENA_CACHE],
            cached: 0,
        }
    }

    /// The layout of a block of `size` usable bytes (rounded up; every
    /// arena request to a whole arena), or `None` if it cannot exist.
    fn layout(size: usize) -> Option<(Layout, usize)> {
        let usable = if (ARENA_MIN..=ARENA).contains(&size) {
            ARENA
        } else {
            size.checked_add(ALIGN - 1)? & !(ALIGN - 1)
        };
        let layout = Layout::from_size_align(usable.checked_add(HEADER)?, ALIGN).ok()?;
        Some((layout, usable))
    }

    /// # Safety
    ///
    /// `base` is a block just allocated with room for `usable` bytes.
    unsafe fn finish(base: *mut u8, usable: usize) -> *mut u8 {
        // SAFETY: the block starts with a header, aligned for `usize`.
        unsafe {
            base.cast::<usize>().write(usable);
            base.add(HEADER)
        }
    }

    /// # Safety
    ///
    /// `ptr` came from this allocator and is live.
    unsafe fn header(ptr: *mut u8) -> (*mut u8, usize) {
        // SAFETY: `ptr` is `HEADER` bytes into a block starting with its
        // usable size.
        unsafe {
            let base = ptr.sub(HEADER);
            (base, base.cast::<usize>().read())
        }
    }

    fn allocate(&mut self, size: usize, zeroed: bool) -> *mut u8 {
        let Some((layout, usable)) = Self::layout(size) else {
            return ptr::null_mut();
        };
        self.heap.grow(layout.size());
        if usable == ARENA {
            ARENAS_MADE.with(|made| made.set(made.get() + 1));
        }
        if usable == ARENA && self.cached > 0 {
            self.cached -= 1;
            let base = self.arenas[self.cached];
            // SAFETY: a cached block is a live arena block whose header
            // still holds its usable size.
            unsafe {
                if zeroed {
                    base.add(HEADER).write_bytes(0, ARENA);
                }
                return base.add(HEADER);
            }
        }
        // SAFETY: `layout` has a non-zero size (it includes the header).
        let base = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        if base.is_null() {
            self.heap.shrink(layout.size());
            return ptr::null_mut();
        }
        // SAFETY: `base` was just allocated with room for the header.
        unsafe { Self::finish(base, usable) }
    }
}

impl Drop for HeapAllocator {
    fn drop(&mut self) {
        let layout = Layout::from_size_align(ARENA + HEADER, ALIGN).expect("an arena's layout");
        for &base in &self.arenas[..self.cached] {
            // SAFETY: a cached block was allocated with this layout and is
            // owned by the cache alone.
            unsafe { alloc::dealloc(base, layout) };
        }
    }
}

// SAFETY: blocks are at least `size` bytes, aligned to 16, and
// `usable_size` reads the size written in front of each.
unsafe impl Allocator for HeapAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        self.allocate(size, false)
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        match count.checked_mul(size) {
            Some(total) => self.allocate(total, true),
            None => ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        // SAFETY: the caller hands back a live block of this allocator.
        let (base, usable) = unsafe { Self::header(ptr) };
        let size = usable + HEADER;
        self.heap.shrink(size);
        if usable == ARENA && self.cached < ARENA_CACHE {
            self.arenas[self.cached] = base;
            self.cached += 1;
            return;
        }
        // SAFETY: `base` was allocated with this layout.
        unsafe { alloc::dealloc(base, Layout::from_size_align_unchecked(size, ALIGN)) };
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        let Some((new_layout, new_usable)) = Self::layout(new_size) else {
            return ptr::null_mut();
        };
        // SAFETY: the caller hands back a live block of this allocator.
        let (base, usable) = unsafe { Self::header(ptr) };
        let old_size = usable + HEADER;
        if new_layout.size() > old_size {
            self.heap.grow(new_layout.size() - old_size);
        }
        // SAFETY: `base` was allocated with the old layout; the new size is
        // non-zero and fits a `Layout` (checked above).
        let moved = unsafe {
            alloc::realloc(
                base,
                Layout::from_size_align_unchecked(old_size, ALIGN),
                new_layout.size(),
            )
        };
        if moved.is_null() {
            if new_layout.size() > old_size {
                self.heap.shrink(new_layout.size() - old_size);
            }
            return ptr::null_mut();
        }
        if new_layout.size() < old_size {
            self.heap.shrink(old_size - new_layout.size());
        }
        // SAFETY: `moved` has room for the header and `new_usable` bytes.
        unsafe { Self::finish(moved, new_usable) }
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: the caller hands a live block of this allocator.
        unsafe { Self::header(ptr).1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_halve_the_distance_to_the_limit() {
        let heap = EngineHeap::new(Some(1 << 20), true).0;
        assert_eq!(heap.band_of(0), 0);
        assert_eq!(heap.band_of((1 << 19) - 1), 0);
        assert_eq!(heap.band_of(1 << 19), 1);
        assert_eq!(heap.band_of(3 << 18), 2);
        assert_eq!(heap.band_of(1 << 20), BANDS);
    }

    #[test]
    fn blocks_are_counted_and_uncounted() {
        let limit = EngineHeap::new(Some(1 << 20), true);
        let mut a = limit.allocator();
        let p = a.alloc(100);
        assert!(!p.is_null());
        // SAFETY: `p` is a live block of `a`.
        assert_eq!(unsafe { HeapAllocator::usable_size(p) }, 112);
        assert_eq!(limit.0.used.get(), 112 + HEADER);
        // SAFETY: as above; `q` replaces `p`.
        let q = unsafe { a.realloc(p, 1000) };
        assert_eq!(limit.0.used.get(), 1008 + HEADER);
        // SAFETY: `q` is a live block of `a`.
        unsafe { a.dealloc(q) };
        assert_eq!(limit.0.used.get(), 0);
    }

    #[test]
    fn freed_arenas_are_reused_and_still_counted() {
        let limit = EngineHeap::new(Some(1 << 20), true);
        let mut a = limit.allocator();
        let first = a.alloc(ARENA - 40);
        // SAFETY: `first` is a live block of `a`.
        assert_eq!(unsafe { HeapAllocator::usable_size(first) }, ARENA);
        assert_eq!(limit.0.used.get(), ARENA + HEADER);
        // SAFETY: as above.
        unsafe { a.dealloc(first) };
        assert_eq!(limit.0.used.get(), 0);
        // Another size class's arena: the same block, zeroed when asked.
        let again = a.calloc(1, ARENA - 300);
        assert_eq!(again, first);
        // SAFETY: `again` is a live block of `ARENA` bytes.
        assert!(unsafe { std::slice::from_raw_parts(again, ARENA) }
            .iter()
            .all(|&b| b == 0));
        assert_eq!(limit.0.used.get(), ARENA + HEADER);
        // SAFETY: as above.
        unsafe { a.dealloc(again) };
        // Blocks outside the arena sizes are not kept.
        let small = a.alloc(100);
        assert_ne!(small, first);
        // SAFETY: `small` is a live block of `a`.
        unsafe { a.dealloc(small) };
        assert_eq!(limit.0.used.get(), 0);
    }

    #[test]
    fn at_most_a_few_freed_arenas_are_kept() {
        let heap = EngineHeap::new(None, true);
        let mut a = heap.allocator();
        let blocks: Vec<_> = (0..ARENA_CACHE + 2).map(|_| a.alloc(ARENA)).collect();
        for &b in &blocks {
            // SAFETY: each is a live block of `a`.
            unsafe { a.dealloc(b) };
        }
        assert_eq!(a.cached, ARENA_CACHE);
        // The last freed comes back first, and is counted as made.
        let made = arenas_made();
        let again = a.alloc(ARENA);
        assert_eq!(arenas_made(), made + 1);
        assert_eq!(again, blocks[ARENA_CACHE - 1]);
        // SAFETY: `again` is a live block of `a`.
        unsafe { a.dealloc(again) };
    }

    /// Runs `script` on an engine allocating from `heap`.
    fn run(heap: &EngineHeap, script: &str) {
        let engine = rquickjs::Runtime::new_with_alloc(heap.allocator()).unwrap();
        let context = rquickjs::Context::full(&engine).unwrap();
        context.with(|ctx| {
            heap.attach(&ctx);
            ctx.eval::<(), _>(script).unwrap();
        });
    }

    const GROWING: &str = "const a = []; for (let i = 0; i < 200000; i++) a.push({ i });";

    #[test]
    fn a_heap_growing_with_live_data_is_collected_less_often() {
        let widened = EngineHeap::new(None, true);
        run(&widened, GROWING);
        let quickjs = EngineHeap::new(None, false);
        run(&quickjs, GROWING);
        assert!(widened.collections() > 0);
        assert!(
            widened.collections() < quickjs.collections(),
            "widened {} vs QuickJS's {}",
            widened.collections(),
            quickjs.collections()
        );
    }

    #[test]
    fn cyclic_garbage_is_still_collected_on_the_widened_schedule() {
        let heap = EngineHeap::new(None, true);
        let engine = rquickjs::Runtime::new_with_alloc(heap.allocator()).unwrap();
        let context = rquickjs::Context::full(&engine).unwrap();
        context.with(|ctx| {
            heap.attach(&ctx);
            ctx.eval::<(), _>("for (let i = 0; i < 300000; i++) { const o = { i }; o.self = o; }")
                .unwrap();
            // 300,000 cycles hold tens of MB if never collected.
            assert!(heap.0.used.get() < 8 << 20, "{} bytes", heap.0.used.get());
        });
        assert!(heap.collections() > 0);
    }
}
