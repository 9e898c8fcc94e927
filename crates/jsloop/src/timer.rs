//! The timer queue: timeouts and intervals ordered by deadline.
//!
//! Only the loop thread touches it. Entries live in a slab, found by id
//! through a map; a binary heap orders `(deadline, seq, key)` triples, so
//! equal deadlines run in scheduling order. A cleared or refreshed timer
//! leaves a stale triple in the heap (its `seq` no longer matches); the heap
//! is compacted whenever stale triples outnumber live entries, so memory
//! stays proportional to the live timers.
//!
//! The queue is generic over its callbacks (`O` for a timeout's, `R` for an
//! interval's): it stores and hands them back, never calls them.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use slab::Slab;

use crate::id::{IdMap, TimerId};

/// A timer's callback: a timeout's runs once, an interval's many times.
pub(crate) enum Callback<O, R> {
    Once(O),
    Repeat(R),
}

struct Entry<O, R> {
    id: TimerId,
    deadline: u64,
    /// Matches the heap triple that is this entry's current schedule.
    seq: u64,
    delay: u64,
    referenced: bool,
    /// Whether a live heap triple exists for this entry.
    scheduled: bool,
    /// `None` while the callback is running.
    callback: Option<Callback<O, R>>,
}

/// A due timer taken out of the queue to run.
pub(crate) struct Due<O, R> {
    pub(crate) id: TimerId,
    pub(crate) callback: Callback<O, R>,
}

pub(crate) struct TimerQueue<O, R> {
    entries: Slab<Entry<O, R>>,
    by_id: IdMap<usize>,
    heap: BinaryHeap<Reverse<(u64, u64, usize)>>,
    next_seq: u64,
    referenced: usize,
}

impl<O, R> Default for TimerQueue<O, R> {
    fn default() -> Self {
        Self {
            entries: Slab::new(),
            by_id: IdMap::default(),
            heap: BinaryHeap::new(),
            next_seq: 0,
            referenced: 0,
        }
    }
}

impl<O, R> TimerQueue<O, R> {
    /// Schedules `callback` to run `delay` ms after `now` (`delay` ≥ 1).
    pub(crate) fn insert(&mut self, id: TimerId, now: u64, delay: u64, callback: Callback<O, R>) {
        let seq = self.bump_seq();
        let deadline = now.saturating_add(delay);
        let key = self.entries.insert(Entry {
            id,
            deadline,
            seq,
            delay,
            referenced: true,
            scheduled: true,
            callback: Some(callback),
        });
        self.by_id.insert(id.as_u64(), key);
        self.heap.push(Reverse((deadline, seq, key)));
        self.referenced += 1;
    }

    /// Removes a timer; returns its callback (`None` inside if it is the
    /// interval now running), or `None` if no such timer exists.
    pub(crate) fn remove(&mut self, id: TimerId) -> Option<Option<Callback<O, R>>> {
        let key = self.by_id.remove(&id.as_u64())?;
        let entry = self.entries.remove(key);
        if entry.referenced {
            self.referenced -= 1;
        }
        self.compact_if_sparse();
        Some(entry.callback)
    }

    /// Takes the earliest timer due at `now`.
    ///
    /// Delays are at least 1 ms, so a timer scheduled while due timers run
    /// is never itself due in the same pass. A timeout leaves the queue; an
    /// interval stays, without callback and unscheduled, until
    /// [`TimerQueue::rearm`] puts it back.
    pub(crate) fn take_due(&mut self, now: u64) -> Option<Due<O, R>> {
        loop {
            let &Reverse((deadline, seq, key)) = self.heap.peek()?;
            if !self.is_live(seq, key) {
                self.heap.pop();
                continue;
            }
            if deadline > now {
                return None;
            }
            self.heap.pop();
            let entry = &mut self.entries[key];
            entry.scheduled = false;
            let id = entry.id;
            if let Some(Callback::Repeat(_)) = entry.callback {
                let callback = entry.callback.take()?;
                return Some(Due { id, callback });
            }
            let callback = self.remove(id).flatten()?;
            return Some(Due { id, callback });
        }
    }

    /// Gives a running interval its callback back and schedules its next
    /// run; drops the callback if the interval was cleared meanwhile.
    pub(crate) fn rearm(&mut self, id: TimerId, now: u64, callback: Callback<O, R>) {
        let Some(&key) = self.by_id.get(&id.as_u64()) else {
            return;
        };
        let entry = &mut self.entries[key];
        entry.callback = Some(callback);
        if !entry.scheduled {
            self.reschedule(key, now);
        }
    }

    /// Restarts a timer's countdown from `now`; false if there is none.
    pub(crate) fn refresh(&mut self, id: TimerId, now: u64) -> bool {
        match self.by_id.get(&id.as_u64()) {
            Some(&key) => {
                self.reschedule(key, now);
                self.compact_if_sparse();
                true
            }
            None => false,
        }
    }

    /// Sets whether a timer keeps the loop alive; false if there is none.
    pub(crate) fn set_ref(&mut self, id: TimerId, referenced: bool) -> bool {
        let Some(&key) = self.by_id.get(&id.as_u64()) else {
            return false;
        };
        let entry = &mut self.entries[key];
        if entry.referenced != referenced {
            entry.referenced = referenced;
            if referenced {
                self.referenced += 1;
            } else {
                self.referenced -= 1;
            }
        }
        true
    }

    /// Whether a timer keeps the loop alive (`None` if there is no such timer).
    pub(crate) fn has_ref(&self, id: TimerId) -> Option<bool> {
        let &key = self.by_id.get(&id.as_u64())?;
        Some(self.entries[key].referenced)
    }

    /// Whether a timer with this id is pending.
    pub(crate) fn contains(&self, id: TimerId) -> bool {
        self.by_id.contains_key(&id.as_u64())
    }

    /// The earliest deadline of a scheduled timer.
    pub(crate) fn next_deadline(&mut self) -> Option<u64> {
        loop {
            let &Reverse((deadline, seq, key)) = self.heap.peek()?;
            if self.is_live(seq, key) {
                return Some(deadline);
            }
            self.heap.pop();
        }
    }

    /// Number of timers that keep the loop alive.
    pub(crate) fn referenced(&self) -> usize {
        self.referenced
    }

    /// Number of pending timers.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Number of heap slots, stale ones included (for leak tests).
    pub(crate) fn heap_len(&self) -> usize {
        self.heap.len()
    }

    /// Removes every timer and returns their callbacks, to drop outside any borrow.
    pub(crate) fn drain(&mut self) -> Vec<Callback<O, R>> {
        self.by_id.clear();
        self.heap.clear();
        self.referenced = 0;
        self.entries.drain().filter_map(|e| e.callback).collect()
    }

    fn reschedule(&mut self, key: usize, now: u64) {
        let seq = self.bump_seq();
        let entry = &mut self.entries[key];
        entry.seq = seq;
        entry.deadline = now.saturating_add(entry.delay);
        entry.scheduled = true;
        self.heap.push(Reverse((entry.deadline, seq, key)));
    }

    fn is_live(&self, seq: u64, key: usize) -> bool {
        self.entries
            .get(key)
            .is_some_and(|e| e.seq == seq && e.scheduled)
    }

    fn bump_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    fn compact_if_sparse(&mut self) {
        if self.entries.is_empty() {
            // Every slot left is stale.
            self.heap.clear();
        } else if self.heap.len() > 2 * self.entries.len() + 64 {
            let entries = &self.entries;
            self.heap.retain(|Reverse((_, seq, key))| {
                entries
                    .get(*key)
                    .is_some_and(|e| e.seq == *seq && e.scheduled)
            });
            if self.heap.capacity() > 4 * self.heap.len() + 64 {
                self.heap.shrink_to(2 * self.heap.len() + 64);
            }
        }
        if self.entries.is_empty() && self.entries.capacity() > 64 {
            self.entries.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Callback, Due, TimerQueue};
    use crate::id::TimerId;

    type Queue = TimerQueue<&'static str, &'static str>;

    fn due(q: &mut Queue, now: u64) -> Option<(u64, &'static str)> {
        q.take_due(now).map(|Due { id, callback }| match callback {
            Callback::Once(name) | Callback::Repeat(name) => (id.as_u64(), name),
        })
    }

    #[test]
    fn equal_deadlines_run_in_scheduling_order() {
        let mut q = Queue::default();
        q.insert(TimerId::from_u64(1), 0, 5, Callback::Once("a"));
        q.insert(TimerId::from_u64(2), 0, 3, Callback::Once("b"));
        q.insert(TimerId::from_u64(3), 2, 3, Callback::Once("c"));
        assert_eq!(due(&mut q, 4), Some((2, "b")));
        assert_eq!(due(&mut q, 4), None);
        assert_eq!(due(&mut q, 5), Some((1, "a")));
        assert_eq!(due(&mut q, 5), Some((3, "c")));
        assert_eq!(q.len(), 0);
    }

    #[test]
    fn an_interval_stays_until_cleared() {
        let mut q = Queue::default();
        let id = TimerId::from_u64(1);
        q.insert(id, 0, 2, Callback::Repeat("tick"));
        let Some(Due { callback, .. }) = q.take_due(2) else {
            panic!("the interval is due");
        };
        assert!(q.contains(id), "a running interval keeps its entry");
        q.rearm(id, 2, callback);
        assert_eq!(q.next_deadline(), Some(4));
        assert!(matches!(q.remove(id), Some(Some(Callback::Repeat("tick")))));
        assert_eq!(q.next_deadline(), None);
        assert_eq!(q.heap_len(), 0);
    }
}
