//! The immediate queue: callbacks for the check phase, in FIFO order.
//!
//! Only the loop thread touches it. Entries live in a slab found by id; the
//! FIFO holds `(key, id)` pairs, and a cleared immediate leaves its pair
//! behind as a stale one. The FIFO is compacted whenever stale pairs
//! outnumber live entries, so memory follows the live immediates.

use std::collections::VecDeque;

use slab::Slab;

use crate::event_loop::EventLoop;
use crate::id::{IdMap, ImmediateId};

/// An immediate's callback.
pub(crate) type ImmediateCallback = Box<dyn FnOnce(&EventLoop)>;

struct Entry {
    id: ImmediateId,
    referenced: bool,
    callback: ImmediateCallback,
}

#[derive(Default)]
pub(crate) struct ImmediateQueue {
    entries: Slab<Entry>,
    by_id: IdMap<usize>,
    fifo: VecDeque<(usize, ImmediateId)>,
    referenced: usize,
}

impl ImmediateQueue {
    /// Queues `callback` at the back.
    pub(crate) fn push(&mut self, id: ImmediateId, callback: ImmediateCallback) {
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
    pub(crate) fn remove(&mut self, id: ImmediateId) -> Option<ImmediateCallback> {
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
    pub(crate) fn pop(&mut self) -> Option<Option<ImmediateCallback>> {
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
    pub(crate) fn drain(&mut self) -> Vec<ImmediateCallback> {
        self.by_id.clear();
        self.fifo.clear();
        self.referenced = 0;
        self.entries.drain().map(|e| e.callback).collect()
    }
}
