//! Where the loop's time comes from: the system's monotonic clock, or a
//! virtual clock that tests (and users) move by hand.

use std::time::{Duration, Instant};

use crate::sync::{Arc, AtomicU64, Ordering};

/// A monotonic source of milliseconds.
///
/// The loop reads it once per turn and caches the value, as libuv does.
pub trait Clock {
    /// Milliseconds since an arbitrary fixed origin; never decreases.
    fn now_ms(&self) -> u64;

    /// Time since the same origin, at the clock's finest resolution (for
    /// high-resolution timestamps); by default [`Clock::now_ms`].
    fn elapsed(&self) -> Duration {
        Duration::from_millis(self.now_ms())
    }

    /// Whether this clock is virtual: when the loop would sleep until a
    /// deadline it calls [`Clock::advance_to`] instead.
    fn is_virtual(&self) -> bool {
        false
    }

    /// Moves a virtual clock forward to `ms`; a real clock ignores it.
    fn advance_to(&self, _ms: u64) {}

    /// How long a real sleep must last for the clock to reach `ms`.
    fn until(&self, ms: u64) -> Duration {
        Duration::from_millis(ms.saturating_sub(self.now_ms()))
    }
}

/// The system's monotonic clock, counting from its creation.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose zero is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }

    /// The instant this clock counts from.
    pub fn origin(&self) -> Instant {
        self.origin
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        self.origin.elapsed().as_millis() as u64
    }

    fn elapsed(&self) -> Duration {
        self.origin.elapsed()
    }

    fn until(&self, ms: u64) -> Duration {
        (self.origin + Duration::from_millis(ms)).saturating_duration_since(Instant::now())
    }
}

/// A clock that moves only when told to, or when the loop would sleep.
///
/// Give it to [`Builder::clock`](crate::Builder::clock): when nothing is
/// runnable and a timer is pending, the loop jumps the clock to that timer's
/// deadline instead of sleeping, so an hour of timers runs in microseconds.
/// While real I/O is pending (an active, referenced registration) the loop
/// waits for it instead, and virtual time stands still meanwhile.
/// Clones share one time, and may be moved to other threads.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use jsloop::{EventLoop, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let lp = EventLoop::builder().clock(clock.clone()).build();
/// lp.set_timeout(Duration::from_secs(3600), |_| println!("an hour later"))
///     .unwrap();
/// lp.run();
/// assert_eq!(clock.now_ms(), 3_600_000);
/// ```
#[derive(Debug, Clone, Default)]
pub struct VirtualClock {
    ms: Arc<AtomicU64>,
}

impl VirtualClock {
    /// A virtual clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward by `by`, rounded down to whole milliseconds.
    pub fn advance(&self, by: Duration) {
        self.ms.fetch_add(by.as_millis() as u64, Ordering::Relaxed);
    }

    /// The current virtual time in milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.ms.load(Ordering::Relaxed)
    }
}

impl Clock for VirtualClock {
    fn now_ms(&self) -> u64 {
        VirtualClock::now_ms(self)
    }

    fn is_virtual(&self) -> bool {
        true
    }

    fn advance_to(&self, ms: u64) {
        self.ms.fetch_max(ms, Ordering::Relaxed);
    }

    fn until(&self, _ms: u64) -> Duration {
        Duration::ZERO
    }
}
