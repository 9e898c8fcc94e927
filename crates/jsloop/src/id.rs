//! Identifiers of timers and immediates, and the counters that make them.
//!
//! Timers (timeouts and intervals) and immediates are numbered in two
//! disjoint spaces: an id is a distinct type per space, and as numbers the
//! spaces never meet either (bit 1 tells the kind), so even an id rebuilt
//! from the other kind's number matches nothing. Bit 0 tells where an id
//! was made (set: through a [`Handle`](crate::Handle) on another thread).
//! Ids stay at most [`MAX_ID`]; the counters never wrap and never hand out
//! a number twice. Timer ids made on the loop thread come from the timer
//! queue instead, which may skip numbers (they still only increase): the
//! low bits of the sequence number name the timer's slot.

use std::cell::Cell;

use crate::sync::{AtomicU64, Ordering};

/// The largest id ever handed out: 2^53 - 1, JavaScript's `MAX_SAFE_INTEGER`.
pub const MAX_ID: u64 = (1 << 53) - 1;

/// Numbers one origin can hand out for one kind before exhaustion.
pub(crate) const MAX_SEQ: u64 = MAX_ID >> 2;

/// Which space an id belongs to (bit 1 of the number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Timer = 0,
    Immediate = 2,
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u64);

        impl $name {
            /// The id as a number, at most [`MAX_ID`].
            pub fn as_u64(self) -> u64 {
                self.0
            }

            /// Rebuilds an id from its number (for ids that crossed a
            /// language or thread boundary). An unknown number is harmless:
            /// clearing it cancels nothing.
            pub fn from_u64(n: u64) -> Self {
                Self(n)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

id_type!(
    /// The id of a timeout or interval.
    TimerId
);
id_type!(
    /// The id of an immediate.
    ImmediateId
);

impl TimerId {
    /// The id of sequence number `seq` made on the loop thread.
    pub(crate) fn local(seq: u64) -> Self {
        Self(seq << 2 | Kind::Timer as u64)
    }
}

impl ImmediateId {
    /// Whether the id was made through a `Handle` (bit 0 set).
    pub(crate) fn is_remote(self) -> bool {
        self.0 & 1 == 1
    }
}

/// Hands out sequence numbers on the loop thread.
#[derive(Debug)]
pub(crate) struct LocalCounter {
    kind: Kind,
    next: Cell<u64>,
}

impl LocalCounter {
    pub(crate) fn new(kind: Kind) -> Self {
        Self::starting_at(kind, 1)
    }

    pub(crate) fn starting_at(kind: Kind, first: u64) -> Self {
        Self {
            kind,
            next: Cell::new(first),
        }
    }

    /// The next id with bit 0 clear, or `None` once every one has been
    /// handed out.
    pub(crate) fn next(&self) -> Option<u64> {
        let seq = self.next.get();
        if seq > MAX_SEQ {
            return None;
        }
        self.next.set(seq + 1);
        Some(seq << 2 | self.kind as u64)
    }
}

/// Hands out sequence numbers to any thread.
#[derive(Debug)]
pub(crate) struct SharedCounter {
    kind: Kind,
    next: AtomicU64,
}

impl SharedCounter {
    pub(crate) fn new(kind: Kind) -> Self {
        Self::starting_at(kind, 1)
    }

    pub(crate) fn starting_at(kind: Kind, first: u64) -> Self {
        Self {
            kind,
            next: AtomicU64::new(first),
        }
    }

    /// The next id with bit 0 set, or `None` once every one has been
    /// handed out.
    pub(crate) fn next(&self) -> Option<u64> {
        let seq = self
            .next
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |s| {
                (s <= MAX_SEQ).then_some(s + 1)
            })
            .ok()?;
        Some(seq << 2 | self.kind as u64 | 1)
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn local_ids_stop_at_the_limit() {
        let c = LocalCounter::starting_at(Kind::Immediate, MAX_SEQ);
        assert_eq!(c.next(), Some(MAX_ID - 1));
        assert_eq!(c.next(), None);
        assert_eq!(c.next(), None);
    }

    #[test]
    fn shared_ids_stop_at_the_limit() {
        let c = SharedCounter::starting_at(Kind::Immediate, MAX_SEQ);
        assert_eq!(c.next(), Some(MAX_ID));
        assert_eq!(c.next(), None);
    }

    #[test]
    fn kinds_and_origins_never_share_a_number() {
        let lt = LocalCounter::new(Kind::Timer).next().unwrap();
        let li = LocalCounter::new(Kind::Immediate).next().unwrap();
        let rt = SharedCounter::new(Kind::Timer).next().unwrap();
        let ri = SharedCounter::new(Kind::Immediate).next().unwrap();
        let all = [lt, li, rt, ri];
        for (i, a) in all.iter().enumerate() {
            assert_eq!(*a & 3, i as u64 % 2 * 2 + i as u64 / 2);
        }
    }

    #[test]
    fn ids_are_never_reused() {
        let c = LocalCounter::new(Kind::Timer);
        let a = c.next().unwrap();
        let b = c.next().unwrap();
        assert!(b > a && a > 0);
    }
}

/// A hasher for ids: they are unique integers, so one folded multiply
/// spreads them over both the low bits (bucket index) and the high bits
/// (control byte) that the hash table uses.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, n: u64) {
        let wide = u128::from(n ^ self.0) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (wide >> 64) as u64 ^ wide as u64;
    }
}

/// A map keyed by id numbers.
pub(crate) type IdMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;
