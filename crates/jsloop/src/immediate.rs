//! The immediate queue: callbacks for the check phase, in FIFO order.
//!
//! Only the loop thread touches it. Entries live in a slab found by id; the
//! FIFO holds `(key, id)` pairs, and a cleared immediate leaves its pair
//! behind as a stale one. The FIFO is compacted whenever stale pairs
//! outnumber live entries, so memory follows the live immediates.
//!
//! The queue is generic over its callback type `C`: it stores and hands
//! callbacks back, never calls them.

use std::collections::VecDeque;

use slab::Slab;

use crate::id::{IdMap, ImmediateId};

struct Entry<C> {
    id: ImmediateId,
    referenced: bool,
    callback: C,
}

pub(crate) struct ImmediateQueue<C> {
    entries: Slab<Entry<C>>,
    by_id: IdMap<usize>,
    fifo: VecDeque<(usize, ImmediateId)>,
    referenced: usize,
}

impl<C> Default for ImmediateQueue<C> {
    fn default() -> Self {
        Self {
            entries: Slab::new(),
            by_id: IdMap::default(),
            fifo: VecDeque::new(),
            referenced: 0,
        }
    }
}

impl<C> ImmediateQueue<C> {
    /// Queues `callback` at the back.
    pub(crate) fn push(&mut self, id: ImmediateId, callback: C) {
        let key = self.entries.insert(Entry {
            id,
            referenced: true,
            callback,
        });
        self.by_id.insert(id.as_u64(), key);
        self.fifo.push_back((key, id));
        self.referenced += 1;
    }

    /// Removes an immediate; returns its callback if it was pending.
    pub(crate) fn remove(&mut self, id: ImmediateId) -> Option<C> {
        let key = self.by_id.remove(&id.as_u64())?;
        let entry = self.entries.remove(key);
        if entry.referenced {
            self.referenced -= 1;
        }
        if self.fifo.len() > 2 * self.entries.len() + 64 {
            let entries = &self.entries;
            self.fifo
                .retain(|&(key, id)| entries.get(key).is_some_and(|e| e.id == id));
            if self.fifo.capacity() > 4 * self.fifo.len() + 64 {
                self.fifo.shrink_to(2 * self.fifo.len() + 64);
            }
        }
        Some(entry.callback)
    }

    /// Length of the FIFO, stale pairs included: the check phase pops at
    /// most this many, so immediates queued while it runs wait a turn.
    pub(crate) fn fifo_len(&self) -> usize {
        self.fifo.len()
    }

    /// Pops the front pair: `Some(None)` for a stale one, `None` when empty.
    pub(crate) fn pop(&mut self) -> Option<Option<C>> {
        let (key, id) = self.fifo.pop_front()?;
        if self.entries.get(key).is_some_and(|e| e.id == id) {
            Some(self.remove(id))
        } else {
            Some(None)
        }
    }

    /// Sets whether an immediate keeps the loop alive; false if there is none.
    pub(crate) fn set_ref(&mut self, id: ImmediateId, referenced: bool) -> bool {
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

    /// Whether an immediate keeps the loop alive (`None` if there is none).
    pub(crate) fn has_ref(&self, id: ImmediateId) -> Option<bool> {
        let &key = self.by_id.get(&id.as_u64())?;
        Some(self.entries[key].referenced)
    }

    /// Number of immediates that keep the loop alive.
    pub(crate) fn referenced(&self) -> usize {
        self.referenced
    }

    /// Number of pending immediates.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Removes every immediate and returns their callbacks, to drop outside any borrow.
    pub(crate) fn drain(&mut self) -> Vec<C> {
        self.by_id.clear();
        self.fifo.clear();
        self.referenced = 0;
        self.entries.drain().map(|e| e.callback).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::ImmediateQueue;
    use crate::id::ImmediateId;

    #[test]
    fn pops_in_fifo_order_skipping_cleared_ones() {
        let mut q = ImmediateQueue::default();
        for (n, name) in [(1, "a"), (2, "b"), (3, "c")] {
            q.push(ImmediateId::from_u64(n), name);
        }
        assert_eq!(q.remove(ImmediateId::from_u64(2)), Some("b"));
        assert_eq!(q.fifo_len(), 3, "the cleared pair stays, stale");
        assert_eq!(q.pop(), Some(Some("a")));
        assert_eq!(q.pop(), Some(None));
        assert_eq!(q.pop(), Some(Some("c")));
        assert_eq!(q.pop(), None);
        assert_eq!((q.len(), q.referenced()), (0, 0));
    }
}
