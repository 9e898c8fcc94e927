//! When the engine collects cycles: QuickJS's schedule, widened while the
//! heap grows with live data.
//!
//! QuickJS collects once its heap passes a threshold and then sets the
//! next one to 1.5 times what survived. A heap that grows with live data
//! (a long promise chain, a large array of objects) is then scanned again
//! and again for nothing: growing to `F` bytes costs scans of 2 to 3 `F`
//! in all, depending on where the last threshold falls. After a
//! collection that freed less than an eighth of the heap, the next
//! threshold is twice what survived instead (scans of 1 to 2 `F`); a
//! collection that finds garbage goes back to QuickJS's 1.5. Garbage
//! without cycles is freed at once by reference counting either way; only
//! cyclic garbage can wait longer, after a collection that found little.
//!
//! QuickJS does not announce its collections: one shows as a threshold
//! other than the one last seen, checked at each allocation the engine
//! asks its allocator for (new arenas and large blocks), which comes long
//! before the heap has grown the half it needs for the next collection.

use std::cell::Cell;

/// A collection freed less than `1 / UNPRODUCTIVE` of the heap: widen.
const UNPRODUCTIVE: usize = 8;

/// The collection schedule of one engine.
#[derive(Debug)]
pub(super) struct Schedule {
    /// Whether to widen (off when the embedder set a threshold).
    widen: bool,
    /// The engine's threshold as last seen or set; 0 when a collection
    /// was asked for at once (the heap at that collection is unknown).
    seen: Cell<usize>,
    /// Collections noticed.
    collections: Cell<u64>,
}

impl Schedule {
    pub(super) fn new(widen: bool) -> Self {
        Self {
            widen,
            seen: Cell::new(0),
            collections: Cell::new(0),
        }
    }

    /// Records a threshold set from outside QuickJS's own schedule.
    pub(super) fn set(&self, threshold: usize) {
        self.seen.set(threshold);
    }

    /// Looks at the engine's threshold `now`; returns the threshold to set
    /// instead, if any.
    pub(super) fn observe(&self, now: usize) -> Option<usize> {
        let before = self.seen.replace(now);
        if now == before {
            return None;
        }
        self.collections.set(self.collections.get() + 1);
        if !self.widen {
            return None;
        }
        let next = widened(before, now)?;
        self.seen.set(next);
        Some(next)
    }

    #[cfg(test)]
    pub(super) fn collections(&self) -> u64 {
        self.collections.get()
    }
}

/// The threshold after a collection that started at a heap of `before`
/// bytes and after which QuickJS set `after` (1.5 times the survivors),
/// if the collection freed too little to keep QuickJS's.
fn widened(before: usize, after: usize) -> Option<usize> {
    if before == 0 || after == usize::MAX {
        return None;
    }
    let live = after / 3 * 2;
    (live > before - before / UNPRODUCTIVE).then(|| live.saturating_mul(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_that_frees_little_doubles_the_survivors() {
        // 1,000,000 bytes before, 990,000 live: QuickJS sets 1,485,000.
        assert_eq!(widened(1_000_000, 1_485_000), Some(1_980_000));
    }

    #[test]
    fn a_collection_that_finds_garbage_keeps_quickjs_threshold() {
        // 1,000,000 before, 600,000 live.
        assert_eq!(widened(1_000_000, 900_000), None);
    }

    #[test]
    fn unknown_starts_and_disabled_collection_are_left_alone() {
        assert_eq!(widened(0, 1_485_000), None);
        assert_eq!(widened(1_000_000, usize::MAX), None);
    }

    #[test]
    fn only_a_changed_threshold_counts_as_a_collection() {
        let s = Schedule::new(true);
        s.set(1_000_000);
        assert_eq!(s.observe(1_000_000), None);
        assert_eq!(s.collections(), 0);
        assert_eq!(s.observe(1_485_000), Some(1_980_000));
        assert_eq!(s.observe(1_980_000), None);
        assert_eq!(s.collections(), 1);
    }

    #[test]
    fn an_embedder_threshold_keeps_quickjs_schedule() {
        let s = Schedule::new(false);
        s.set(1_000_000);
        assert_eq!(s.observe(1_485_000), None);
        assert_eq!(s.collections(), 1);
    }
}
