//! The table of readiness registrations: sources the poller watches for
//! the loop, each with its callback.
//!
//! Ground rules:
//! - Loop thread only: plain `Cell`/`RefCell`, no lock. The table is never
//!   borrowed while user code runs: a callback is taken out of its entry
//!   to run and put back after, unless the registration was closed
//!   meanwhile (then whoever finds it gone drops it, outside the borrow).
//! - Ids are never reused, so an event already taken for a registration
//!   closed since (a stale token) matches nothing.
//! - `active` counts entries registered with the poller; `alive` those of
//!   them that are referenced (what keeps `run` going, as an active,
//!   referenced libuv handle).

use std::cell::{Cell, RefCell};
use std::fmt;

use crate::event_loop::EventLoop;
use crate::id::IdMap;
use crate::io::Readiness;

/// The id of a readiness registration, from
/// [`EventLoop::register`](crate::EventLoop::register). Never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IoId(u64);

impl IoId {
    /// The id as a number.
    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// The poller token events for this registration carry.
    pub(crate) fn token(self) -> mio::Token {
        mio::Token(self.0 as usize)
    }

    /// The registration an event's token names.
    pub(crate) fn from_token(token: mio::Token) -> Self {
        Self(token.0 as u64)
    }
}

impl fmt::Display for IoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A readiness callback.
pub(crate) type IoCallback = Box<dyn FnMut(&EventLoop, Readiness)>;

struct Entry {
    /// `None` while the callback runs.
    callback: Option<IoCallback>,
    /// Registered with the poller (not deregistered since).
    active: bool,
    referenced: bool,
}

impl Entry {
    fn alive(&self) -> bool {
        self.active && self.referenced
    }
}

#[derive(Default)]
pub(crate) struct Registrations {
    entries: RefCell<IdMap<Entry>>,
    last: Cell<u64>,
    active: Cell<usize>,
    alive: Cell<usize>,
}

impl Registrations {
    /// The id the next registration will get (ids start at 1; the waker's
    /// token, `usize::MAX`, is never reached).
    pub(crate) fn next_id(&self) -> IoId {
        IoId(self.last.get() + 1)
    }

    /// Records an active, referenced registration under `id` (from
    /// [`Registrations::next_id`], once the poller accepted the source).
    pub(crate) fn insert(&self, id: IoId, callback: IoCallback) {
        self.last.set(id.0);
        let entry = Entry {
            callback: Some(callback),
            active: true,
            referenced: true,
        };
        self.entries.borrow_mut().insert(id.0, entry);
        self.count(true, true, 1);
    }

    /// Whether the registration exists, and if so whether it is active.
    pub(crate) fn is_active(&self, id: IoId) -> Option<bool> {
        self.entries.borrow().get(&id.0).map(|e| e.active)
    }

    /// Marks a registration active or not; returns whether it exists.
    pub(crate) fn set_active(&self, id: IoId, active: bool) -> bool {
        self.update(id, |e| e.active = active)
    }

    /// Makes a registration keep the loop alive or not; returns whether
    /// it exists.
    pub(crate) fn set_ref(&self, id: IoId, referenced: bool) -> bool {
        self.update(id, |e| e.referenced = referenced)
    }

    /// Whether a registration keeps the loop alive; `None` if unknown.
    pub(crate) fn has_ref(&self, id: IoId) -> Option<bool> {
        self.entries.borrow().get(&id.0).map(|e| e.referenced)
    }

    /// Removes a registration; its callback (if not running) is returned
    /// to be dropped outside the borrow.
    pub(crate) fn remove(&self, id: IoId) -> Option<Option<IoCallback>> {
        let entry = self.entries.borrow_mut().remove(&id.0)?;
        self.count(entry.active, entry.alive(), -1);
        Some(entry.callback)
    }

    /// Takes the callback of an active registration out to run it.
    pub(crate) fn take_callback(&self, id: IoId) -> Option<IoCallback> {
        let mut entries = self.entries.borrow_mut();
        let entry = entries.get_mut(&id.0).filter(|e| e.active)?;
        entry.callback.take()
    }

    /// Puts a callback back after it ran; hands it back if its
    /// registration was closed meanwhile.
    pub(crate) fn put_back(&self, id: IoId, callback: IoCallback) -> Option<IoCallback> {
        match self.entries.borrow_mut().get_mut(&id.0) {
            Some(entry) => {
                entry.callback = Some(callback);
                None
            }
            None => Some(callback),
        }
    }

    /// Removes every registration; the callbacks are returned to be
    /// dropped outside the borrow.
    pub(crate) fn drain(&self) -> Vec<IoCallback> {
        let entries = std::mem::take(&mut *self.entries.borrow_mut());
        self.active.set(0);
        self.alive.set(0);
        entries.into_values().filter_map(|e| e.callback).collect()
    }

    /// Registrations in the table.
    pub(crate) fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// Registrations the poller watches.
    pub(crate) fn active(&self) -> usize {
        self.active.get()
    }

    /// Active, referenced registrations: what keeps the loop alive.
    pub(crate) fn alive(&self) -> usize {
        self.alive.get()
    }

    fn update(&self, id: IoId, change: impl FnOnce(&mut Entry)) -> bool {
        let mut entries = self.entries.borrow_mut();
        let Some(entry) = entries.get_mut(&id.0) else {
            return false;
        };
        let (active, alive) = (entry.active, entry.alive());
        change(entry);
        let (now_active, now_alive) = (entry.active, entry.alive());
        drop(entries);
        self.count(active, alive, -1);
        self.count(now_active, now_alive, 1);
        true
    }

    fn count(&self, active: bool, alive: bool, by: isize) {
        if active {
            self.active.set(self.active.get().wrapping_add_signed(by));
        }
        if alive {
            self.alive.set(self.alive.get().wrapping_add_signed(by));
        }
    }
}
