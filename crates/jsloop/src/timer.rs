//! The timer queue: timeouts and intervals ordered by deadline.
//!
//! Only the loop thread touches it. Entries live in a slab, found by id
//! through a map; a binary heap orders `(deadline, seq, key)` triples, so
//! equal deadlines run in scheduling order. A cleared or refreshed timer
//! leaves a stale triple in the heap (its `seq` no longer matches); the heap
//! is compacted whenever stale triples outnumber live entries, so memory
//! stays proportional to the live timers.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use slab::Slab;

use crate::event_loop::EventLoop;
use crate::id::{IdMap, TimerId};

/// A timer's callback: a timeout's runs once, an interval's many times.
/// (A zero-sized closure boxes without allocating.)
pub(crate) enum TimerCallback {
    Once(Box<dyn FnOnce(&EventLoop)>),
    Repeat(Box<dyn FnMut(&EventLoop)>),
}

struct Entry {
    id: TimerId,
    deadline: u64,
    /// Matches the heap triple that is this entry's current schedule.
    seq: u64,
    delay: u64,
    referenced: bool,
    /// Whether a live heap triple exists for this entry.
    scheduled: bool,
    /// `None` while the callback is running.
    callback: Option<TimerCallback>,
}

/// A due timer taken out of the queue to run.
pub(crate) struct Due {
    pub(crate) id: TimerId,
    pub(crate) callback: TimerCallback,
}

#[derive(Default)]
pub(crate) struct TimerQueue {
    entries: Slab<Entry>,
    by_id: IdMap<usize>,
    heap: BinaryHeap<Reverse<(u64, u64, usize)>>,
    next_seq: u64,
    referenced: usize,
}

impl TimerQueue {
    /// Schedules `callback` to run `delay` ms after `now` (`delay` ≥ 1).
    pub(crate) fn insert(&mut self, id: TimerId, now: u64, delay: u64, callback: TimerCallback) {
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
    pub(crate) fn remove(&mut self, id: TimerId) -> Option<Option<TimerCallback>> {
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
    pub(crate) fn take_due(&mut self, now: u64) -> Option<Due> {
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
            if let Some(TimerCallback::Repeat(_)) = entry.callback {
                let callback = entry.callback.take()?;
                return Some(Due { id, callback });
            }
            let callback = self.remove(id).flatten()?;
            return Some(Due { id, callback });
        }
    }

    /// Gives a running interval its callback back and schedules its next
    /// run; drops the callback if the interval was cleared meanwhile.
    pub(crate) fn rearm(&mut self, id: TimerId, now: u64, callback: TimerCallback) {
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
    pub(crate) fn drain(&mut self) -> Vec<TimerCallback> {
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
