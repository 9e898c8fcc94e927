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
        HeapAllocator(self.0.clone())
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

/// Allocates for QuickJS from Rust's global allocator, counting bytes
/// against an [`EngineHeap`].
pub(crate) struct HeapAllocator(Rc<Heap>);

impl HeapAllocator {
    /// The layout of a block of `size` usable bytes (rounded up), or `None`
    /// if it cannot exist.
    fn layout(size: usize) -> Option<(Layout, usize)> {
        let usable = size.checked_add(ALIGN - 1)? & !(ALIGN - 1);
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
        self.0.grow(layout.size());
        // SAFETY: `layout` has a non-zero size (it includes the header).
        let base = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        if base.is_null() {
            self.0.shrink(layout.size());
            return ptr::null_mut();
        }
        // SAFETY: `base` was just allocated with room for the header.
        unsafe { Self::finish(base, usable) }
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
        self.0.shrink(size);
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
            self.0.grow(new_layout.size() - old_size);
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
                self.0.shrink(new_layout.size() - old_size);
            }
            return ptr::null_mut();
        }
        if new_layout.size() < old_size {
            self.0.shrink(old_size - new_layout.size());
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
