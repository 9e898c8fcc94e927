//! Timer ids to slab keys: a Robin Hood table with linear probing.
//!
//! The home slot of an id is its sequence number (the bits above the two
//! low ones) times 2^64 / φ, top bits kept (Fibonacci hashing): ids handed
//! out one after another spread evenly over the table, so a block of
//! long-lived timers never forms a run that the ids of a later lap would
//! have to shift (an identity hash did that: 100k pending timers made each
//! insert move up to 100k slots). Robin Hood order keeps probe lengths
//! even, lets a lookup stop early, and lets removal shift the run back
//! instead of leaving tombstones.

/// No id: ids handed out by a loop are never 0.
const EMPTY: u64 = 0;

#[derive(Clone, Copy)]
struct Slot {
    id: u64,
    key: u32,
}

impl Slot {
    const EMPTY: Slot = Slot { id: EMPTY, key: 0 };
}

/// A map from timer id numbers to slab keys.
#[derive(Default)]
pub(super) struct IdIndex {
    /// A power of two long, or empty.
    slots: Vec<Slot>,
    len: usize,
    /// log2 of the slot count.
    bits: u32,
}

impl IdIndex {
    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    #[inline]
    fn home(&self, id: u64) -> usize {
        let seq = id >> 2;
        (seq.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize
    }

    /// How far `pos` lies past the home slot of `id`.
    #[inline]
    fn dist(&self, id: u64, pos: usize) -> usize {
        pos.wrapping_sub(self.home(id)) & self.mask()
    }

    /// The slot holding `id`.
    #[inline]
    fn find(&self, id: u64) -> Option<usize> {
        if id == EMPTY || self.len == 0 {
            return None;
        }
        let mask = self.mask();
        let mut pos = self.home(id);
        let mut d = 0;
        loop {
            let slot = self.slots[pos];
            if slot.id == id {
                return Some(pos);
            }
            if slot.id == EMPTY || self.dist(slot.id, pos) < d {
                return None;
            }
            pos = (pos + 1) & mask;
            d += 1;
        }
    }

    /// The key of `id`.
    #[inline]
    pub(super) fn get(&self, id: u64) -> Option<u32> {
        self.find(id).map(|pos| self.slots[pos].key)
    }

    /// Whether `id` is present.
    #[inline]
    pub(super) fn contains(&self, id: u64) -> bool {
        self.find(id).is_some()
    }

    /// Adds `id`, which is not present and not 0.
    #[inline]
    pub(super) fn insert(&mut self, id: u64, key: u32) {
        debug_assert!(id != EMPTY && !self.contains(id));
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        self.len += 1;
        self.place(Slot { id, key });
    }

    /// Puts a slot in its Robin Hood place; a slot is free.
    #[inline]
    fn place(&mut self, mut slot: Slot) {
        let mask = self.mask();
        let mut pos = self.home(slot.id);
        let mut d = 0;
        loop {
            let here = self.slots[pos];
            if here.id == EMPTY {
                self.slots[pos] = slot;
                return;
            }
            let here_d = self.dist(here.id, pos);
            if here_d < d {
                self.slots[pos] = slot;
                slot = here;
                d = here_d;
            }
            pos = (pos + 1) & mask;
            d += 1;
        }
    }

    /// Removes `id`; returns its key.
    #[inline]
    pub(super) fn remove(&mut self, id: u64) -> Option<u32> {
        let mut pos = self.find(id)?;
        let key = self.slots[pos].key;
        let mask = self.mask();
        loop {
            let next = (pos + 1) & mask;
            let slot = self.slots[next];
            if slot.id == EMPTY || self.dist(slot.id, next) == 0 {
                break;
            }
            self.slots[pos] = slot;
            pos = next;
        }
        self.slots[pos] = Slot::EMPTY;
        self.len -= 1;
        Some(key)
    }

    /// Doubles the table (at least 16 slots) and re-places every id.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::EMPTY; len]);
        self.bits = len.trailing_zeros();
        for slot in old {
            if slot.id != EMPTY {
                self.place(slot);
            }
        }
    }

    /// Empties the table, returning its memory.
    pub(super) fn clear(&mut self) {
        *self = Self::default();
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The table's slot count.
    pub(super) fn capacity(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::IdIndex;

    fn check(ops: &[(bool, u64)]) {
        let mut index = IdIndex::default();
        let mut model = HashMap::new();
        for (n, &(add, id)) in ops.iter().enumerate() {
            if add && !model.contains_key(&id) {
                index.insert(id, n as u32);
                model.insert(id, n as u32);
            } else {
                assert_eq!(index.remove(id), model.remove(&id));
            }
            assert_eq!(index.len(), model.len());
        }
        for (&id, &key) in &model {
            assert_eq!(index.get(id), Some(key));
        }
        assert_eq!(index.get(0), None);
    }

    proptest! {
        /// Ids few and close, so they collide and runs wrap the table.
        #[test]
        fn agrees_with_a_map(ops in prop::collection::vec((any::<bool>(), 1u64..200), 0..400)) {
            check(&ops);
        }

        /// Ids spread over the whole range.
        #[test]
        fn agrees_with_a_map_on_spread_ids(ops in prop::collection::vec((any::<bool>(), 1u64..u64::MAX), 0..400)) {
            check(&ops);
        }
    }

    /// The longest distance of an id from its home slot.
    fn longest_probe(index: &IdIndex) -> usize {
        (0..index.slots.len())
            .filter(|&pos| index.slots[pos].id != 0)
            .map(|pos| index.dist(index.slots[pos].id, pos))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn long_lived_ids_do_not_make_later_ids_probe_far() {
        let mut index = IdIndex::default();
        for seq in 1..=100_000u64 {
            index.insert(seq << 2, 0);
        }
        let mut seq = 100_000u64;
        for _ in 0..200 {
            let batch: Vec<u64> = (0..1000)
                .map(|_| {
                    seq += 1;
                    seq << 2
                })
                .collect();
            for &id in &batch {
                index.insert(id, 1);
            }
            assert!(
                longest_probe(&index) < 64,
                "probe {}",
                longest_probe(&index)
            );
            for id in batch {
                assert_eq!(index.remove(id), Some(1));
            }
        }
        assert_eq!(index.len(), 100_000);
    }
}
