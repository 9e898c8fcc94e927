//! The timer queue: timeouts and intervals ordered by deadline.
//!
//! Only the loop thread touches it. As in Node, timers of one delay share
//! a FIFO list, and a binary heap orders the non-empty lists by their
//! head's deadline. A list's timers were scheduled at non-decreasing
//! times with the same delay, so it is sorted by deadline and firing walks
//! it in order; across lists, of equal deadlines the larger delay was
//! scheduled first, so equal deadlines run in scheduling order (where
//! `now + delay` saturates, a sequence number says). A list is freed when its last timer
//! goes (the latest such list is kept as a spare, for set-and-clear of one
//! delay).
//!
//! Entries live in a table a power of two long: a timer's slot is its
//! id's sequence number modulo the length, so an id finds its timer with
//! no index, and the stored id tells a stale one (its slot now holds
//! another timer) from the live one. The queue hands out the ids of
//! timers set on the loop thread, skipping the numbers whose slot is
//! taken; a timer from a handle (an id made elsewhere) takes the next
//! free slot and is found through a map of such ids. Growing doubles the
//! table: numbers distinct modulo the old length stay distinct modulo the
//! new one, so every entry has its slot free.
//!
//! The queue is generic over its callbacks (`O` for a timeout's, `R` for an
//! interval's): it stores and hands them back, never calls them.

use std::mem::ManuallyDrop;
use std::ops::{Index, IndexMut};

use crate::id::{IdMap, TimerId, MAX_SEQ};

/// The end of a list (no entry).
const NIL: u32 = u32::MAX;

/// The id of a free entry. Bit 0 marks ids made by handles, which are
/// looked up through the map, so no id looked up by slot matches it.
const VACANT: u64 = 1;

/// The table's length when it first grows.
const MIN_SLOTS: usize = 16;

/// A timer's callback: a timeout's runs once, an interval's many times.
pub(crate) enum Callback<O, R> {
    Once(O),
    Repeat(R),
}

/// Entry flags.
const HAS_CALLBACK: u8 = 1;
/// The stored callback (or the one running) is an interval's.
const REPEAT: u8 = 2;
/// The entry is linked into its list.
const SCHEDULED: u8 = 4;
const REFERENCED: u8 = 8;

/// A callback as stored: which field, if any, the entry's flags say.
union Stored<O, R> {
    once: ManuallyDrop<O>,
    repeat: ManuallyDrop<R>,
    none: (),
}

/// A timer, in 48 bytes with fat-pointer callbacks (a pending timer's
/// memory is mostly its entry).
struct Entry<O, R> {
    /// The timer's id number; `VACANT` for a free slot.
    id: u64,
    deadline: u64,
    stored: Stored<O, R>,
    /// The list of this timer's delay (kept while an interval runs).
    list: u32,
    prev: u32,
    next: u32,
    flags: u8,
}

impl<O, R> Entry<O, R> {
    const fn vacant() -> Self {
        Self {
            id: VACANT,
            deadline: 0,
            stored: Stored { none: () },
            list: NIL,
            prev: NIL,
            next: NIL,
            flags: 0,
        }
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Stores a callback in an entry that has none.
    #[inline]
    fn put(&mut self, callback: Callback<O, R>) {
        debug_assert!(!self.has(HAS_CALLBACK));
        match callback {
            Callback::Once(f) => {
                self.stored = Stored {
                    once: ManuallyDrop::new(f),
                };
                self.flags = self.flags & !REPEAT | HAS_CALLBACK;
            }
            Callback::Repeat(f) => {
                self.stored = Stored {
                    repeat: ManuallyDrop::new(f),
                };
                self.flags |= HAS_CALLBACK | REPEAT;
            }
        }
    }

    /// Takes the stored callback, if any.
    #[inline]
    #[allow(unsafe_code)]
    #[deny(clippy::undocumented_unsafe_blocks)]
    fn take(&mut self) -> Option<Callback<O, R>> {
        if !self.has(HAS_CALLBACK) {
            return None;
        }
        self.flags &= !HAS_CALLBACK;
        // SAFETY: `HAS_CALLBACK` was set, so `put` wrote the field that
        // `REPEAT` names and nothing took it since; the flag is cleared
        // first, so it is taken once.
        let callback = unsafe {
            if self.has(REPEAT) {
                Callback::Repeat(ManuallyDrop::take(&mut self.stored.repeat))
            } else {
                Callback::Once(ManuallyDrop::take(&mut self.stored.once))
            }
        };
        Some(callback)
    }
}

impl<O, R> Drop for Entry<O, R> {
    fn drop(&mut self) {
        drop(self.take());
    }
}

/// The timers of one delay, oldest first.
struct List {
    delay: u64,
    head: u32,
    tail: u32,
    /// Index of the list's heap slot while it has linked entries.
    pos: u32,
    /// Entries of this delay, linked or running.
    members: u32,
}

/// The lists by key: a vector whose vacant lists (delay 0; a timer's delay
/// is at least 1) are chained through their `head` for reuse.
struct Lists {
    items: Vec<List>,
    /// The first vacant list, or `NIL`.
    free: u32,
    live: usize,
}

impl Default for Lists {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            free: NIL,
            live: 0,
        }
    }
}

impl Lists {
    /// Stores a new list; returns its key.
    fn insert(&mut self, list: List) -> usize {
        debug_assert_ne!(list.delay, 0);
        self.live += 1;
        if self.free == NIL {
            self.items.push(list);
            return self.items.len() - 1;
        }
        let key = self.free as usize;
        self.free = self.items[key].head;
        self.items[key] = list;
        key
    }

    /// Frees a live list; returns it.
    fn remove(&mut self, key: usize) -> List {
        let vacant = List {
            delay: 0,
            head: self.free,
            tail: NIL,
            pos: NIL,
            members: 0,
        };
        let gone = std::mem::replace(&mut self.items[key], vacant);
        debug_assert_ne!(gone.delay, 0, "a live list");
        self.free = key as u32;
        self.live -= 1;
        gone
    }

    /// Number of live lists.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.live
    }

    fn capacity(&self) -> usize {
        self.items.capacity()
    }

    /// The live lists.
    fn iter_mut(&mut self) -> impl Iterator<Item = &mut List> {
        self.items.iter_mut().filter(|l| l.delay != 0)
    }
}

impl Index<usize> for Lists {
    type Output = List;

    #[inline]
    fn index(&self, key: usize) -> &List {
        debug_assert_ne!(self.items[key].delay, 0, "a live list");
        &self.items[key]
    }
}

impl IndexMut<usize> for Lists {
    #[inline]
    fn index_mut(&mut self, key: usize) -> &mut List {
        debug_assert_ne!(self.items[key].delay, 0, "a live list");
        &mut self.items[key]
    }
}

/// A heap slot: a non-empty list keyed by its head.
#[derive(Clone, Copy)]
struct Slot {
    deadline: u64,
    /// Breaks ties of equal deadlines: see [`TimerQueue::tie`].
    tie: u64,
    list: u32,
}

impl Slot {
    fn before(&self, other: &Slot) -> bool {
        (self.deadline, self.tie) < (other.deadline, other.tie)
    }
}

/// A due timer taken out of the queue to run.
pub(crate) struct Due<O, R> {
    pub(crate) id: TimerId,
    pub(crate) callback: Callback<O, R>,
}

pub(crate) struct TimerQueue<O, R> {
    /// Slot `s` holds the timer whose home number is `s` modulo the
    /// length (a power of two, or 0).
    entries: Vec<Entry<O, R>>,
    len: usize,
    /// The next sequence number to try for a slot.
    next_id: u64,
    /// Ids made by handles to their home numbers.
    remote: IdMap<u64>,
    lists: Lists,
    by_delay: IdMap<u32>,
    heap: Vec<Slot>,
    /// The last list to lose its last timer, kept for the next timer of
    /// its delay (set-and-clear of one delay builds no list each time).
    /// At most one empty list is kept.
    spare: u32,
    /// The list joined last: a run of timers of one delay finds it
    /// without hashing (checked by delay, as its slot may be reused).
    recent: u32,
    /// Scheduling order of the timers whose deadline is `u64::MAX` (the
    /// sum saturated), by id: there a delay does not tell the order.
    never: IdMap<u64>,
    next_seq: u64,
    referenced: usize,
    /// Lists with a scheduled timer (their heap slots are not stale).
    scheduled_lists: usize,
    /// 7/8 of the table's length: it grows before holding more timers.
    grow_at: usize,
    /// Set once a table may exceed 64 slots: [`TimerQueue::shrink`] is
    /// due when the last timer goes.
    large: bool,
}

impl<O, R> Default for TimerQueue<O, R> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            len: 0,
            next_id: 1,
            remote: IdMap::default(),
            lists: Lists::default(),
            by_delay: IdMap::default(),
            heap: Vec::new(),
            spare: NIL,
            recent: NIL,
            never: IdMap::default(),
            next_seq: 0,
            referenced: 0,
            scheduled_lists: 0,
            large: false,
            grow_at: 0,
        }
    }
}

/// A slab key as stored in links.
///
/// # Panics
///
/// With 2^32 - 1 delays pending at once (hundreds of gigabytes).
fn key32(key: usize) -> u32 {
    u32::try_from(key)
        .ok()
        .filter(|&k| k != NIL)
        .expect("fewer than 2^32 - 1 pending delays")
}

impl<O, R> TimerQueue<O, R> {
    /// The id the next timer set on the loop thread gets (its slot is
    /// free), or `None` once every such id has been handed out.
    #[inline]
    pub(crate) fn reserve(&mut self) -> Option<TimerId> {
        let seq = self.vacancy();
        (seq <= MAX_SEQ).then(|| TimerId::local(seq))
    }

    /// Schedules `callback` to run `delay` ms after `now` (`delay` ≥ 1),
    /// under an id from [`TimerQueue::reserve`] just before or made by a
    /// handle.
    #[inline(always)]
    pub(crate) fn insert(&mut self, id: TimerId, now: u64, delay: u64, callback: Callback<O, R>) {
        let id = id.as_u64();
        debug_assert_ne!(id, VACANT, "handle ids start at 5");
        // The common case, a local id joining the list joined last, makes
        // no call but a last, cold one (no registers to save).
        let recent = self.recent;
        if id & 1 == 0 {
            if let Some(list) = self.lists.items.get_mut(recent as usize) {
                // A vacant list's delay, 0, matches no timer's.
                if list.delay == delay {
                    list.members += 1;
                    if recent == self.spare {
                        self.spare = NIL;
                    }
                    debug_assert_eq!(id >> 2, self.next_id, "a reserved id");
                    return self.place(id, id >> 2, recent, now, callback);
                }
            }
        }
        self.insert_slow(id, now, delay, callback);
    }

    /// [`TimerQueue::insert`] of a handle's id or into another list.
    #[inline(never)]
    fn insert_slow(&mut self, id: u64, now: u64, delay: u64, callback: Callback<O, R>) {
        let home = if id & 1 == 0 {
            debug_assert_eq!(id >> 2, self.next_id, "a reserved id");
            id >> 2
        } else {
            self.remote_insert(id)
        };
        // `insert` found the recent list of another delay (or did not look).
        let list = self.list_of(delay);
        self.recent = list;
        if list == self.spare {
            self.spare = NIL;
        }
        self.lists[list as usize].members += 1;
        self.place(id, home, list, now, callback);
    }

    /// Stores and links timer `id` in the slot of `home`, in `list_key`,
    /// which it has joined: as `schedule`, with the entry and list at hand.
    #[inline(always)]
    fn place(&mut self, id: u64, home: u64, list_key: u32, now: u64, callback: Callback<O, R>) {
        self.next_id = home + 1;
        let key = home as usize & (self.entries.len() - 1);
        let list = &mut self.lists[list_key as usize];
        let delay = list.delay;
        let deadline = now.saturating_add(delay);
        let entry = &mut self.entries[key];
        debug_assert_eq!(entry.id, VACANT);
        entry.id = id;
        entry.list = list_key;
        entry.flags = REFERENCED | SCHEDULED;
        entry.put(callback);
        entry.deadline = deadline;
        entry.prev = list.tail;
        entry.next = NIL;
        let tail = std::mem::replace(&mut list.tail, key as u32);
        let push = if tail == NIL {
            list.head = key as u32;
            self.scheduled_lists += 1;
            list.pos == NIL
        } else {
            self.entries[tail as usize].next = key as u32;
            false
        };
        self.len += 1;
        self.referenced += 1;
        self.linked(id, deadline, delay, list_key, push);
    }

    /// Gives a timer made by a handle the next free slot.
    #[cold]
    fn remote_insert(&mut self, id: u64) -> u64 {
        let home = self.vacancy();
        self.remote.insert(id, home);
        home
    }

    /// Removes a timer; returns its callback (`None` inside if it is the
    /// interval now running), or `None` if no such timer exists.
    #[inline]
    pub(crate) fn remove(&mut self, id: TimerId) -> Option<Option<Callback<O, R>>> {
        let key = self.find(id)?;
        Some(self.remove_key(key))
    }

    /// Takes the earliest timer due at `now`.
    ///
    /// Delays are at least 1 ms, so a timer scheduled while due timers run
    /// is never itself due in the same pass. A timeout leaves the queue; an
    /// interval stays, without callback and unscheduled, until
    /// [`TimerQueue::rearm`] puts it back.
    pub(crate) fn take_due(&mut self, now: u64) -> Option<Due<O, R>> {
        self.settle();
        let top = *self.heap.first()?;
        if top.deadline > now {
            return None;
        }
        // Unlink the list's head (its `prev` is `NIL`).
        let list = &mut self.lists[top.list as usize];
        let key = list.head as usize;
        let entry = &mut self.entries[key];
        let (next, raw_id, never) = (entry.next, entry.id, entry.deadline == u64::MAX);
        entry.next = NIL;
        entry.flags &= !SCHEDULED;
        let repeat = entry.has(REPEAT);
        list.head = next;
        if next == NIL {
            list.tail = NIL;
            self.scheduled_lists -= 1;
        } else {
            self.entries[next as usize].prev = NIL;
        }
        if never {
            self.never_remove(raw_id);
        }
        // The top is this list's slot: re-key it now, as `settle` would.
        if next == NIL {
            self.pop_top();
        } else {
            self.rekey_top(next);
        }
        let id = TimerId::from_u64(raw_id);
        let callback = if repeat {
            self.entries[key].take()?
        } else {
            self.free_unlinked(key)?
        };
        Some(Due { id, callback })
    }

    /// Gives a running interval its callback back and schedules its next
    /// run; drops the callback if the interval was cleared meanwhile.
    pub(crate) fn rearm(&mut self, id: TimerId, now: u64, callback: Callback<O, R>) {
        let Some(key) = self.find(id) else {
            return;
        };
        let entry = &mut self.entries[key];
        drop(entry.take());
        entry.put(callback);
        if !entry.has(SCHEDULED) {
            self.schedule(key, now);
        }
    }

    /// Restarts a timer's countdown from `now`; false if there is none.
    pub(crate) fn refresh(&mut self, id: TimerId, now: u64) -> bool {
        let Some(key) = self.find(id) else {
            return false;
        };
        if self.entries[key].has(SCHEDULED) {
            self.unlink(key);
        }
        self.schedule(key, now);
        true
    }

    /// Sets whether a timer keeps the loop alive; false if there is none.
    pub(crate) fn set_ref(&mut self, id: TimerId, referenced: bool) -> bool {
        let Some(key) = self.find(id) else {
            return false;
        };
        let entry = &mut self.entries[key];
        if entry.has(REFERENCED) != referenced {
            entry.flags ^= REFERENCED;
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
        let key = self.find(id)?;
        Some(self.entries[key].has(REFERENCED))
    }

    /// Whether a timer with this id is pending.
    pub(crate) fn contains(&self, id: TimerId) -> bool {
        self.find(id).is_some()
    }

    /// The earliest deadline of a scheduled timer.
    pub(crate) fn next_deadline(&mut self) -> Option<u64> {
        self.settle();
        self.heap.first().map(|slot| slot.deadline)
    }

    /// Number of timers that keep the loop alive.
    pub(crate) fn referenced(&self) -> usize {
        self.referenced
    }

    /// Number of pending timers.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Number of delays with a scheduled timer: heap slots that are not
    /// stale. (Stale slots, of lists emptied by clearing, stay fewer than
    /// twice the pending timers plus 64.)
    pub(crate) fn heap_len(&self) -> usize {
        self.scheduled_lists
    }

    /// Removes every timer and returns their callbacks, to drop outside any borrow.
    pub(crate) fn drain(&mut self) -> Vec<Callback<O, R>> {
        self.remote = IdMap::default();
        self.never = IdMap::default();
        self.heap = Vec::new();
        self.lists = Lists::default();
        self.by_delay = IdMap::default();
        self.spare = NIL;
        self.recent = NIL;
        self.referenced = 0;
        self.scheduled_lists = 0;
        self.large = false;
        self.grow_at = 0;
        self.len = 0;
        std::mem::take(&mut self.entries)
            .into_iter()
            .filter_map(|mut e| e.take())
            .collect()
    }

    /// Makes every id of the loop thread handed out (for tests).
    #[cfg(test)]
    pub(crate) fn exhaust_ids(&mut self) {
        self.next_id = MAX_SEQ + 1;
    }

    /// The slot of a pending timer.
    #[inline]
    fn find(&self, id: TimerId) -> Option<usize> {
        let id = id.as_u64();
        let home = if id & 1 == 0 {
            id >> 2
        } else {
            self.remote_home(id)?
        };
        let key = home as usize & self.entries.len().wrapping_sub(1);
        let entry = self.entries.get(key)?;
        (entry.id == id).then_some(key)
    }

    /// The home number of a timer made by a handle.
    #[cold]
    fn remote_home(&self, id: u64) -> Option<u64> {
        self.remote.get(&id).copied()
    }

    /// The first number at or after `next_id` whose slot is free, growing
    /// the table first if it is 7/8 full.
    #[inline]
    fn vacancy(&mut self) -> u64 {
        if self.len >= self.grow_at {
            self.grow();
        }
        let mask = self.entries.len() - 1;
        let mut seq = self.next_id;
        while self.entries[seq as usize & mask].id != VACANT {
            seq += 1;
        }
        self.next_id = seq;
        seq
    }

    /// The number whose low bits name an occupied entry's slot.
    fn home(&self, id: u64) -> u64 {
        if id & 1 == 0 {
            id >> 2
        } else {
            self.remote[&id]
        }
    }

    /// Doubles the table (to at least `MIN_SLOTS`), moving each entry to
    /// its slot in the new length and its links with it.
    ///
    /// # Panics
    ///
    /// Past 2^31 slots (over a hundred gigabytes of timers).
    #[cold]
    fn grow(&mut self) {
        let len = (self.entries.len() * 2).max(MIN_SLOTS);
        assert!(len <= 1 << 31, "fewer than 2^31 pending timers");
        let mask = len - 1;
        let moved: Vec<u32> = self
            .entries
            .iter()
            .map(|e| {
                if e.id == VACANT {
                    NIL
                } else {
                    (self.home(e.id) as usize & mask) as u32
                }
            })
            .collect();
        let relink = |key: u32| if key == NIL { NIL } else { moved[key as usize] };
        let mut entries: Vec<Entry<O, R>> = Vec::with_capacity(len);
        entries.resize_with(len, Entry::vacant);
        for (old, mut entry) in std::mem::take(&mut self.entries).into_iter().enumerate() {
            if entry.id != VACANT {
                entry.prev = relink(entry.prev);
                entry.next = relink(entry.next);
                entries[moved[old] as usize] = entry;
            }
        }
        for list in self.lists.iter_mut() {
            list.head = relink(list.head);
            list.tail = relink(list.tail);
        }
        self.entries = entries;
        self.grow_at = len / 8 * 7;
        self.large |= len > 64;
    }

    /// The list of `delay` found by hashing, made if missing.
    #[inline]
    fn list_of(&mut self, delay: u64) -> u32 {
        let lists = &mut self.lists;
        let list = *self.by_delay.entry(delay).or_insert_with(|| {
            key32(lists.insert(List {
                delay,
                head: NIL,
                tail: NIL,
                pos: NIL,
                members: 0,
            }))
        });
        self.large |= self.lists.capacity() > 64;
        list
    }

    /// Drops a member from a list; a list left empty and out of the heap
    /// is released.
    #[inline]
    fn leave_list(&mut self, list: u32) {
        let l = &mut self.lists[list as usize];
        l.members -= 1;
        if l.members == 0 && l.pos == NIL {
            self.release_list(list);
        }
    }

    /// Keeps an empty list out of the heap as the spare, freeing the
    /// previous spare.
    fn release_list(&mut self, list: u32) {
        let old = std::mem::replace(&mut self.spare, list);
        if old != NIL {
            let gone = self.lists.remove(old as usize);
            self.by_delay.remove(&gone.delay);
        }
    }

    /// Frees an entry; returns its callback.
    #[inline(always)]
    fn remove_key(&mut self, key: usize) -> Option<Callback<O, R>> {
        let entry = &mut self.entries[key];
        let id = std::mem::replace(&mut entry.id, VACANT);
        let callback = entry.take();
        let flags = std::mem::replace(&mut entry.flags, 0);
        // The links are left stale: the slot is free.
        let (prev, next, list) = (entry.prev, entry.next, entry.list);
        let never = entry.deadline == u64::MAX;
        if id & 1 == 1 {
            self.remote_remove(id);
        }
        if flags & SCHEDULED != 0 {
            if never {
                self.never_remove(id);
            }
            self.detach(prev, next, list);
        }
        self.referenced -= usize::from(flags & REFERENCED != 0);
        self.len -= 1;
        self.leave_list(list);
        if self.len == 0 && self.large {
            self.shrink();
        }
        callback
    }

    /// Frees an entry that is not linked; returns its callback.
    #[inline(always)]
    fn free_unlinked(&mut self, key: usize) -> Option<Callback<O, R>> {
        let entry = &mut self.entries[key];
        debug_assert!(!entry.has(SCHEDULED));
        let id = std::mem::replace(&mut entry.id, VACANT);
        let callback = entry.take();
        let flags = std::mem::replace(&mut entry.flags, 0);
        let list = entry.list;
        if id & 1 == 1 {
            self.remote_remove(id);
        }
        self.referenced -= usize::from(flags & REFERENCED != 0);
        self.len -= 1;
        self.leave_list(list);
        if self.len == 0 && self.large {
            self.shrink();
        }
        callback
    }

    #[cold]
    fn remote_remove(&mut self, id: u64) {
        self.remote.remove(&id);
    }

    #[cold]
    fn never_remove(&mut self, id: u64) {
        self.never.remove(&id);
    }

    /// Sets an unlinked entry's deadline from `now` and appends it to its
    /// list: the latest deadline of that delay so far.
    #[inline]
    fn schedule(&mut self, key: usize, now: u64) {
        let entries = &mut self.entries;
        let entry = &mut entries[key];
        let (id, list_key) = (entry.id, entry.list);
        let list = &mut self.lists[list_key as usize];
        let delay = list.delay;
        let deadline = now.saturating_add(delay);
        entry.deadline = deadline;
        entry.flags |= SCHEDULED;
        entry.prev = list.tail;
        entry.next = NIL;
        let tail = std::mem::replace(&mut list.tail, key as u32);
        // A list that kept its slot while empty keys it by an earlier
        // head (time only moves forward): `settle` re-keys it.
        let mut push = false;
        if tail == NIL {
            list.head = key as u32;
            self.scheduled_lists += 1;
            push = list.pos == NIL;
        } else {
            entries[tail as usize].next = key as u32;
        }
        self.linked(id, deadline, delay, list_key, push);
    }

    /// Finishes linking timer `id` into the list `list` of `delay`: numbers
    /// it if its deadline saturated, and gives the list a heap slot if
    /// `push` (it was empty and had none).
    #[inline(always)]
    fn linked(&mut self, id: u64, deadline: u64, delay: u64, list: u32, push: bool) {
        if push || deadline == u64::MAX {
            self.linked_slow(id, deadline, delay, list, push);
        }
    }

    #[cold]
    fn linked_slow(&mut self, id: u64, deadline: u64, delay: u64, list: u32, push: bool) {
        let tie = if deadline == u64::MAX {
            self.never_insert(id)
        } else {
            u64::MAX - delay
        };
        if push {
            self.heap_push(Slot {
                deadline,
                tie,
                list,
            });
        }
    }

    /// Numbers a timer whose deadline saturated, in scheduling order.
    #[cold]
    fn never_insert(&mut self, id: u64) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.never.insert(id, seq);
        seq
    }

    /// Takes a linked entry out of its list.
    #[inline(always)]
    fn unlink(&mut self, key: usize) {
        let entry = &mut self.entries[key];
        entry.flags &= !SCHEDULED;
        let (prev, next, list, id) = (entry.prev, entry.next, entry.list, entry.id);
        entry.prev = NIL;
        entry.next = NIL;
        if entry.deadline == u64::MAX {
            self.never_remove(id);
        }
        self.detach(prev, next, list);
    }

    /// Joins an entry's neighbours `prev` and `next` in `list`. The
    /// list's heap slot stays as it is, keyed by its old head: no later
    /// than the new one, it is re-keyed (or dropped, the list being empty)
    /// when it reaches the top.
    #[inline]
    fn detach(&mut self, prev: u32, next: u32, list: u32) {
        let l = &mut self.lists[list as usize];
        if prev == NIL {
            l.head = next;
        } else {
            self.entries[prev as usize].next = next;
        }
        if next == NIL {
            l.tail = prev;
        } else {
            self.entries[next as usize].prev = prev;
        }
        if prev == NIL && next == NIL {
            self.scheduled_lists -= 1;
        }
    }

    /// Brings the heap's top up to date: drops the slots of lists left
    /// empty and re-keys the slot of a list whose head changed, until the
    /// top is exact. Every slot's key is no later than its list's head, so
    /// an exact top is the earliest head of all.
    #[inline]
    fn settle(&mut self) {
        if let Some(top) = self.heap.first() {
            let head = self.lists[top.list as usize].head;
            if head != NIL && self.is_key(head, top) {
                return;
            }
            self.settle_slow();
        }
    }

    #[cold]
    fn settle_slow(&mut self) {
        while let Some(&top) = self.heap.first() {
            let head = self.lists[top.list as usize].head;
            if head == NIL {
                self.pop_top();
                continue;
            }
            if self.is_key(head, &top) {
                return;
            }
            self.rekey_top(head);
        }
    }

    /// What orders a scheduled entry after the heads of equal deadline:
    /// with deadlines of `now + delay` (`now` never decreasing), the larger
    /// delay was scheduled first (one list per delay, FIFO within it);
    /// where the sum saturated, the scheduling order kept in `never`.
    #[inline]
    fn tie(&self, key: u32) -> u64 {
        let entry = &self.entries[key as usize];
        if entry.deadline == u64::MAX {
            self.never[&entry.id]
        } else {
            u64::MAX - self.lists[entry.list as usize].delay
        }
    }

    /// Whether a slot's key is the entry's own (below `u64::MAX`, a
    /// list's tie is its delay's: only the deadline can differ).
    #[inline]
    fn is_key(&self, key: u32, slot: &Slot) -> bool {
        self.entries[key as usize].deadline == slot.deadline
            && (slot.deadline != u64::MAX || self.tie(key) == slot.tie)
    }

    /// Keys the top slot by `head`, its list's head, and sinks it.
    #[inline]
    fn rekey_top(&mut self, head: u32) {
        let deadline = self.entries[head as usize].deadline;
        self.heap[0].deadline = deadline;
        if deadline == u64::MAX {
            self.heap[0].tie = self.tie(head);
        }
        self.sift_down(0);
    }

    /// Removes the top slot, of a list left empty.
    fn pop_top(&mut self) {
        let gone = self.heap.swap_remove(0).list;
        if !self.heap.is_empty() {
            self.sift_down(0);
        }
        let l = &mut self.lists[gone as usize];
        l.pos = NIL;
        if l.members == 0 {
            self.release_list(gone);
        }
    }

    /// Drops the slots of empty lists, once they make up half the heap.
    #[cold]
    fn compact(&mut self) {
        let slots = std::mem::take(&mut self.heap);
        for slot in slots {
            let l = &mut self.lists[slot.list as usize];
            if l.head != NIL {
                self.heap.push(slot);
                continue;
            }
            l.pos = NIL;
            if l.members == 0 {
                self.release_list(slot.list);
            }
        }
        for pos in (0..self.heap.len() / 2).rev() {
            self.sift_down(pos);
        }
        for pos in 0..self.heap.len() {
            self.set_pos(pos);
        }
    }

    #[inline]
    fn heap_push(&mut self, slot: Slot) {
        if self.heap.len() >= 2 * self.len + 62 {
            self.compact();
        }
        self.heap.push(slot);
        self.large |= self.heap.capacity() > 64;
        self.sift_up(self.heap.len() - 1);
    }

    #[inline]
    fn sift_up(&mut self, mut pos: usize) {
        let slot = self.heap[pos];
        while pos > 0 {
            let parent = (pos - 1) / 2;
            if !slot.before(&self.heap[parent]) {
                break;
            }
            self.heap[pos] = self.heap[parent];
            self.set_pos(pos);
            pos = parent;
        }
        self.heap[pos] = slot;
        self.set_pos(pos);
    }

    fn sift_down(&mut self, mut pos: usize) {
        let slot = self.heap[pos];
        let len = self.heap.len();
        loop {
            let left = 2 * pos + 1;
            if left >= len {
                break;
            }
            let right = left + 1;
            let child = if right < len && self.heap[right].before(&self.heap[left]) {
                right
            } else {
                left
            };
            if !self.heap[child].before(&slot) {
                break;
            }
            self.heap[pos] = self.heap[child];
            self.set_pos(pos);
            pos = child;
        }
        self.heap[pos] = slot;
        self.set_pos(pos);
    }

    #[inline]
    fn set_pos(&mut self, pos: usize) {
        let list = self.heap[pos].list;
        self.lists[list as usize].pos = pos as u32;
    }

    /// Returns the tables' memory once no timer is left, if they grew
    /// large.
    #[cold]
    fn shrink(&mut self) {
        if self.entries.len() > 64 {
            self.entries = Vec::new();
            self.grow_at = 0;
            self.remote = IdMap::default();
            self.never = IdMap::default();
        }
        if self.heap.capacity() > 64 || self.lists.capacity() > 64 {
            self.heap = Vec::new();
            self.lists = Lists::default();
            self.by_delay = IdMap::default();
            self.spare = NIL;
            self.recent = NIL;
        }
        self.large = false;
    }
}

#[cfg(test)]
mod tests {
    use super::{Callback, Due, TimerQueue};
    use crate::id::TimerId;

    type Queue = TimerQueue<&'static str, &'static str>;

    fn due(q: &mut Queue, now: u64) -> Option<(TimerId, &'static str)> {
        q.take_due(now).map(|Due { id, callback }| match callback {
            Callback::Once(name) | Callback::Repeat(name) => (id, name),
        })
    }

    fn set(
        q: &mut Queue,
        now: u64,
        delay: u64,
        callback: Callback<&'static str, &'static str>,
    ) -> TimerId {
        let id = q.reserve().unwrap();
        q.insert(id, now, delay, callback);
        id
    }

    #[test]
    fn equal_deadlines_run_in_scheduling_order() {
        let mut q = Queue::default();
        let a = set(&mut q, 0, 5, Callback::Once("a"));
        let b = set(&mut q, 0, 3, Callback::Once("b"));
        let c = set(&mut q, 2, 3, Callback::Once("c"));
        assert_eq!(due(&mut q, 4), Some((b, "b")));
        assert_eq!(due(&mut q, 4), None);
        assert_eq!(due(&mut q, 5), Some((a, "a")));
        assert_eq!(due(&mut q, 5), Some((c, "c")));
        assert_eq!(q.len(), 0);
    }

    #[test]
    fn an_interval_stays_until_cleared() {
        let mut q = Queue::default();
        let id = set(&mut q, 0, 2, Callback::Repeat("tick"));
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

    #[test]
    fn clearing_a_list_head_rekeys_the_list() {
        let mut q = Queue::default();
        let a = set(&mut q, 0, 10, Callback::Once("a"));
        let b = set(&mut q, 5, 10, Callback::Once("b"));
        let c = set(&mut q, 0, 12, Callback::Once("c"));
        assert!(q.remove(a).is_some());
        assert_eq!(q.next_deadline(), Some(12));
        assert_eq!(due(&mut q, 12), Some((c, "c")));
        assert_eq!(due(&mut q, 14), None);
        assert_eq!(due(&mut q, 15), Some((b, "b")));
        assert_eq!(q.next_deadline(), None);
        assert_eq!((q.heap.len(), q.lists.len(), q.by_delay.len()), (0, 1, 1));
    }

    #[test]
    fn at_most_one_empty_list_is_kept() {
        let mut q = Queue::default();
        for delay in 1..100 {
            let id = set(&mut q, 0, delay, Callback::Once("x"));
            assert!(q.remove(id).is_some());
        }
        // Emptied lists keep their slots until the heap is half stale.
        assert!(q.heap.len() <= 64, "{}", q.heap.len());
        assert!(q.lists.len() <= q.heap.len() + 1);
        assert_eq!(q.next_deadline(), None);
        assert_eq!((q.lists.len(), q.by_delay.len(), q.heap.len()), (1, 1, 0));
    }

    #[test]
    fn saturated_deadlines_run_in_scheduling_order() {
        let mut q = Queue::default();
        let a = set(&mut q, 10, u64::MAX - 5, Callback::Once("a"));
        let b = set(&mut q, 20, u64::MAX, Callback::Once("b"));
        let c = set(&mut q, 20, u64::MAX - 20, Callback::Once("c"));
        let d = set(&mut q, 20, u64::MAX - 21, Callback::Once("d"));
        assert!(q.refresh(a, 30));
        assert_eq!(due(&mut q, u64::MAX - 1), Some((d, "d")));
        assert_eq!(due(&mut q, u64::MAX), Some((b, "b")));
        assert_eq!(due(&mut q, u64::MAX), Some((c, "c")));
        assert_eq!(due(&mut q, u64::MAX), Some((a, "a")));
        assert!(q.never.is_empty());
    }

    #[test]
    fn an_entry_of_boxed_callbacks_is_48_bytes() {
        type Boxed = super::Entry<Box<dyn FnOnce()>, Box<dyn FnMut()>>;
        assert_eq!(std::mem::size_of::<Boxed>(), 48);
    }

    #[test]
    fn callbacks_are_dropped_once_wherever_the_timer_ends() {
        use std::rc::Rc;
        let witness = Rc::new(());
        let mut q: TimerQueue<Rc<()>, Rc<()>> = TimerQueue::default();
        for i in 0..40u64 {
            let callback = if i % 2 == 0 {
                Callback::Once(witness.clone())
            } else {
                Callback::Repeat(witness.clone())
            };
            let id = q.reserve().unwrap();
            q.insert(id, 0, 1 + i % 3, callback);
            if i % 5 == 0 {
                drop(q.remove(id));
            }
        }
        let due = q.take_due(1).unwrap();
        drop(due);
        assert_eq!(Rc::strong_count(&witness), 1 + 40 - 8 - 1);
        drop(q);
        assert_eq!(Rc::strong_count(&witness), 1);
    }

    #[test]
    fn stale_slots_stay_under_twice_the_pending_timers() {
        let mut q = Queue::default();
        let keep: Vec<TimerId> = (0..100)
            .map(|d| set(&mut q, 0, 1000 + d, Callback::Once("k")))
            .collect();
        for delay in 1..100_000 {
            let id = set(&mut q, 0, delay, Callback::Once("x"));
            assert!(q.remove(id).is_some());
            assert!(q.heap.len() <= 2 * q.len() + 64, "{} slots", q.heap.len());
            assert!(q.lists.len() <= q.heap.len() + 1);
        }
        assert_eq!(q.heap_len(), 100);
        for id in keep {
            assert!(q.remove(id).is_some());
        }
        assert_eq!(q.heap_len(), 0);
    }

    #[test]
    fn the_last_clear_returns_a_large_heap_with_a_small_table() {
        let mut q = Queue::default();
        let keep: Vec<TimerId> = (0..50)
            .map(|d| set(&mut q, 0, 1000 + d, Callback::Once("k")))
            .collect();
        for delay in 1..100 {
            let id = set(&mut q, 0, delay, Callback::Once("x"));
            assert!(q.remove(id).is_some());
        }
        assert!(q.entries.len() <= 64 && q.heap.capacity() > 64);
        for id in keep {
            assert!(q.remove(id).is_some());
        }
        assert_eq!((q.heap.capacity(), q.lists.capacity()), (0, 0));
    }

    #[test]
    fn the_last_clear_returns_a_large_table() {
        let mut q = Queue::default();
        let ids: Vec<TimerId> = (0..100)
            .map(|_| set(&mut q, 0, 5, Callback::Once("x")))
            .collect();
        assert!(q.entries.len() > 64 && q.heap.capacity() <= 64);
        for id in ids {
            assert!(q.remove(id).is_some());
        }
        assert_eq!(q.entries.len(), 0);
    }

    #[test]
    fn a_stale_id_finds_nothing_once_its_slot_is_reused() {
        let mut q = Queue::default();
        let old = set(&mut q, 0, 5, Callback::Once("old"));
        assert!(q.remove(old).is_some());
        // Set and clear until a new timer sits in the old one's slot.
        let slot = q.find(old);
        assert_eq!(slot, None);
        let new = loop {
            let id = set(&mut q, 0, 5, Callback::Once("new"));
            assert!(id > old);
            if q.find(id) == Some((old.as_u64() >> 2) as usize & 15) {
                break id;
            }
            assert!(q.remove(id).is_some());
        };
        assert!(!q.contains(old));
        assert!(q.remove(old).is_none());
        assert!(!q.refresh(old, 1));
        assert!(!q.set_ref(old, false));
        assert_eq!(q.has_ref(new), Some(true));
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn taken_slots_are_skipped_and_ids_only_increase() {
        let mut q = Queue::default();
        let keep: Vec<TimerId> = (0..10)
            .map(|_| set(&mut q, 0, 7, Callback::Once("k")))
            .collect();
        let mut last = *keep.last().unwrap();
        for _ in 0..100 {
            let id = set(&mut q, 0, 3, Callback::Once("x"));
            assert!(id > last);
            last = id;
            assert!(q.remove(id).is_some());
        }
        assert!(keep.iter().all(|&id| q.contains(id)));
        assert_eq!(q.len(), 10);
    }

    #[test]
    fn growing_keeps_order_links_and_handle_ids() {
        let mut q = Queue::default();
        let mut want = Vec::new();
        for i in 0..1000u64 {
            let id = if i % 3 == 0 {
                let id = TimerId::from_u64((i + 1) << 2 | 1);
                q.insert(id, 0, 1 + i % 7, Callback::Once("h"));
                id
            } else {
                set(&mut q, 0, 1 + i % 7, Callback::Once("l"))
            };
            want.push((1 + i % 7, i, id));
        }
        for &(_, i, id) in &want {
            if i % 5 == 0 {
                assert!(q.remove(id).is_some());
            }
        }
        want.retain(|&(_, i, _)| i % 5 != 0);
        want.sort();
        let got: Vec<TimerId> = std::iter::from_fn(|| due(&mut q, 10).map(|(id, _)| id)).collect();
        assert_eq!(got, want.iter().map(|&(.., id)| id).collect::<Vec<_>>());
        assert_eq!((q.len(), q.entries.len(), q.remote.len()), (0, 0, 0));
    }
}
