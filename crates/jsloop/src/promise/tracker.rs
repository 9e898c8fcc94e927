//! Unhandled-rejection tracking, as the ECMAScript host hooks describe.
//!
//! Ground rules (loop thread only):
//! - `pending` holds exactly the promises that are rejected and have no
//!   handler yet, in rejection order. A handler arriving before the
//!   checkpoint's report removes the entry silently.
//! - The report at the end of a checkpoint empties `pending`, marking each
//!   promise reported (that state lives in the promise). A handler arriving
//!   later queues a "handled after all" event, reported once at the end of
//!   a later checkpoint.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use super::Reason;
use crate::event_loop::EventLoop;

/// Where a promise stands in rejection tracking, in one word: neither
/// handled nor rejected yet ([`Track::NONE`]), reported as unhandled with a
/// handler still possible ([`Track::REPORTED`]), handled ([`Track::HANDLED`]),
/// or rejected with no handler, holding the key of its `pending` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Track(u64);

impl Track {
    pub(crate) const NONE: Track = Track(0);
    pub(crate) const REPORTED: Track = Track(1);
    pub(crate) const HANDLED: Track = Track(2);
    /// The first word of a pending entry's key.
    const FIRST_KEY: u64 = 3;

    /// Rejected with no handler, with the key of its `pending` entry.
    pub(crate) fn pending(key: u64) -> Track {
        Track(key + Self::FIRST_KEY)
    }

    /// The key of the `pending` entry, if rejected with no handler.
    pub(crate) fn pending_key(self) -> Option<u64> {
        self.0.checked_sub(Self::FIRST_KEY)
    }

    /// Neither rejected-and-unhandled nor reported: a handler arriving
    /// needs no bookkeeping.
    #[inline]
    pub(crate) fn is_quiet(self) -> bool {
        self == Self::NONE || self == Self::HANDLED
    }
}

/// The tracking side of a promise, type-erased.
pub(crate) trait Tracked {
    fn mark_reported(&self);
    /// The promise as [`Rejection::promise_any`] hands it out.
    fn into_any(self: Box<Self>) -> Rc<dyn Any>;
}

/// An unhandled (or late-handled) rejection, as given to the hooks.
pub struct Rejection {
    /// The rejection reason, as the promise holds it.
    pub reason: Reason,
    promise: Rc<dyn Any>,
}

impl Rejection {
    /// The promise, type-erased; see [`Promise::from_rejection`](super::Promise::from_rejection).
    pub fn promise_any(&self) -> Rc<dyn Any> {
        self.promise.clone()
    }
}

impl fmt::Debug for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rejection")
            .field("reason", &self.reason)
            .finish_non_exhaustive()
    }
}

type Hook = Rc<dyn Fn(&EventLoop, &Rejection)>;

struct Entry {
    promise: Box<dyn Tracked>,
    reason: Reason,
}

#[derive(Default)]
pub(crate) struct Tracker {
    pending: RefCell<BTreeMap<u64, Entry>>,
    late: RefCell<Vec<(Rc<dyn Any>, Reason)>>,
    next: Cell<u64>,
    on_unhandled: RefCell<Option<Hook>>,
    on_handled: RefCell<Option<Hook>>,
}

impl Tracker {
    /// Records a rejected, unhandled promise; returns its key.
    pub(crate) fn add(&self, promise: Box<dyn Tracked>, reason: Reason) -> u64 {
        let key = self.next.get();
        self.next.set(key + 1);
        let entry = Entry { promise, reason };
        self.pending.borrow_mut().insert(key, entry);
        key
    }

    /// A handler arrived before the report: forget the entry.
    pub(crate) fn forget(&self, key: u64) {
        let removed = self.pending.borrow_mut().remove(&key);
        drop(removed);
    }

    /// A handler arrived after the report: queue the late event.
    pub(crate) fn handled_later<P: Tracked + 'static>(&self, promise: P, reason: Reason) {
        self.late
            .borrow_mut()
            .push((Box::new(promise).into_any(), reason));
    }

    pub(crate) fn set_unhandled_hook(&self, hook: Option<Hook>) {
        let old = self.on_unhandled.replace(hook);
        drop(old);
    }

    pub(crate) fn set_handled_hook(&self, hook: Option<Hook>) {
        let old = self.on_handled.replace(hook);
        drop(old);
    }

    /// Number of rejected promises waiting for a handler or the report.
    pub(crate) fn pending_len(&self) -> usize {
        self.pending.borrow().len()
    }

    /// Number of late-handling events waiting for the report.
    pub(crate) fn late_len(&self) -> usize {
        self.late.borrow().len()
    }

    /// Whether [`Tracker::report`] would find nothing to report.
    #[inline]
    pub(crate) fn is_quiet(&self) -> bool {
        self.pending.borrow().is_empty() && self.late.borrow().is_empty()
    }

    /// End of a checkpoint: reports what is still unhandled, then what was
    /// handled late. Returns whether any hook ran (it may have queued work).
    pub(crate) fn report(&self, lp: &EventLoop) -> bool {
        if self.is_quiet() {
            return false;
        }
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        let late = std::mem::take(&mut *self.late.borrow_mut());
        if pending.is_empty() && late.is_empty() {
            return false;
        }
        let on_unhandled = self.on_unhandled.borrow().clone();
        for (_, entry) in pending {
            entry.promise.mark_reported();
            let rejection = Rejection {
                reason: entry.reason,
                promise: entry.promise.into_any(),
            };
            lp.invoke(
                crate::panic::CallbackKind::Microtask,
                |lp| match &on_unhandled {
                    Some(hook) => hook(lp, &rejection),
                    None => eprintln!("jsloop: unhandled promise rejection: {}", rejection.reason),
                },
            );
        }
        let on_handled = self.on_handled.borrow().clone();
        for (promise, reason) in late {
            let rejection = Rejection { reason, promise };
            lp.invoke(
                crate::panic::CallbackKind::Microtask,
                |lp| match &on_handled {
                    Some(hook) => hook(lp, &rejection),
                    None => eprintln!(
                        "jsloop: promise rejection was handled asynchronously: {}",
                        rejection.reason
                    ),
                },
            );
        }
        true
    }

    /// Drops every entry (loop close).
    pub(crate) fn clear(&self) {
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        let late = std::mem::take(&mut *self.late.borrow_mut());
        drop((pending, late));
    }
}

/// A loop drops: the promise cells' pool returns its memory.
impl Drop for Tracker {
    fn drop(&mut self) {
        super::release_pool();
    }
}
