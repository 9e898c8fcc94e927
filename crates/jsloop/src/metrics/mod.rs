//! Loop metrics, as Node's `perf_hooks`: the event-loop delay histogram
//! ([`DelayMonitor`]) and the loop's utilization ([`Utilization`]: time
//! idle in the poll phase's sleep vs active). Both are off by default; off,
//! they cost the loop one flag test per sleep.

mod delay;
pub(crate) mod histogram;

use std::cell::Cell;
use std::time::Duration;

pub use delay::DelayMonitor;

use crate::event_loop::EventLoop;

/// The loop's idle-time account (a field of the loop's `Core`).
pub(crate) struct IdleTime {
    enabled: bool,
    /// The clock's reading when tracking began.
    origin: Cell<Duration>,
    idle: Cell<Duration>,
}

impl IdleTime {
    pub(crate) fn new(enabled: bool) -> Self {
        Self {
            enabled,
            origin: Cell::new(Duration::ZERO),
            idle: Cell::new(Duration::ZERO),
        }
    }

    /// Starts the account at `now` (when the loop is built).
    pub(crate) fn start(&self, now: Duration) {
        self.origin.set(now);
    }
}

/// How the loop spent its time since it was built, as Node's
/// `performance.eventLoopUtilization()`: `idle` is the time spent waiting
/// for work in the poll phase (a virtual clock's jumps included), `active`
/// the rest. Turn it on with [`Builder::track_idle_time`].
///
/// [`Builder::track_idle_time`]: crate::Builder::track_idle_time
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use jsloop::{EventLoop, VirtualClock};
///
/// let clock = VirtualClock::new();
/// let lp = EventLoop::builder().clock(clock.clone()).track_idle_time(true).build();
/// let c = clock.clone();
/// lp.set_timeout(Duration::from_millis(30), move |_| c.advance(Duration::from_millis(10)))
///     .unwrap();
/// lp.run().unwrap();
/// let u = lp.utilization().unwrap();
/// assert_eq!((u.idle(), u.active()), (Duration::from_millis(30), Duration::from_millis(10)));
/// assert_eq!(u.utilization(), 0.25);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Utilization {
    idle: Duration,
    active: Duration,
}

impl Utilization {
    /// Time spent waiting for work.
    pub fn idle(&self) -> Duration {
        self.idle
    }

    /// Time spent on anything else.
    pub fn active(&self) -> Duration {
        self.active
    }

    /// `active / (idle + active)`, 0 when no time passed.
    pub fn utilization(&self) -> f64 {
        let total = (self.idle + self.active).as_secs_f64();
        if total == 0.0 {
            0.0
        } else {
            self.active.as_secs_f64() / total
        }
    }

    /// The time between `earlier` and this reading (Node's
    /// `eventLoopUtilization(now, earlier)`).
    pub fn since(&self, earlier: &Utilization) -> Utilization {
        Utilization {
            idle: self.idle.saturating_sub(earlier.idle),
            active: self.active.saturating_sub(earlier.active),
        }
    }
}

impl EventLoop {
    /// How the loop spent its time since it was built; `None` unless
    /// [`Builder::track_idle_time`](crate::Builder::track_idle_time) turned
    /// the account on.
    pub fn utilization(&self) -> Option<Utilization> {
        let account = &self.core.idle_time;
        if !account.enabled {
            return None;
        }
        let idle = account.idle.get();
        let total = self.hrtime().saturating_sub(account.origin.get());
        Some(Utilization {
            idle,
            active: total.saturating_sub(idle),
        })
    }

    /// Where the poll phase starts waiting: the clock's reading, if the
    /// idle time is tracked.
    #[inline]
    pub(crate) fn idle_begin(&self) -> Option<Duration> {
        if self.core.idle_time.enabled {
            Some(self.hrtime())
        } else {
            None
        }
    }

    /// Where the poll phase stops waiting: adds the wait to the idle time.
    #[inline]
    pub(crate) fn idle_end(&self, began: Option<Duration>) {
        if let Some(began) = began {
            let idle = &self.core.idle_time.idle;
            idle.set(idle.get() + self.hrtime().saturating_sub(began));
        }
    }
}
