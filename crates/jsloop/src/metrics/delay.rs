//! [`DelayMonitor`]: the event-loop delay histogram, as Node's
//! `perf_hooks.monitorEventLoopDelay`.
//!
//! As in Node, an unreferenced interval timer fires every `resolution`, and
//! each firing records the time since the previous one (so an idle loop
//! records about `resolution`, and a callback that blocks the loop for 50 ms
//! shows up as a sample about 50 ms longer). The first firing after
//! [`DelayMonitor::enable`] only starts the clock.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use super::histogram::Histogram;
use crate::event_loop::{EventLoop, LocalHandle};
use crate::id::TimerId;

#[derive(Default)]
struct State {
    histogram: Histogram,
    /// The clock's reading at the previous firing.
    last: Option<Duration>,
    timer: Option<TimerId>,
}

/// Samples the loop's delay into a [`Histogram`]; see
/// [`EventLoop::monitor_delay`]. Dropping it disables it.
pub struct DelayMonitor {
    lp: LocalHandle,
    resolution: Duration,
    state: Rc<RefCell<State>>,
}

impl fmt::Debug for DelayMonitor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DelayMonitor")
            .field("resolution", &self.resolution)
            .field("enabled", &self.is_enabled())
            .finish()
    }
}

impl EventLoop {
    /// A disabled event-loop delay monitor sampling every `resolution`
    /// (rounded up to whole milliseconds, at least 1 ms; Node's default is
    /// 10 ms). Its timer is unreferenced: it never keeps the loop alive.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use jsloop::{EventLoop, VirtualClock};
    ///
    /// let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    /// let monitor = lp.monitor_delay(Duration::from_millis(10));
    /// assert!(monitor.enable());
    /// lp.set_timeout(Duration::from_millis(100), |_| ()).unwrap();
    /// lp.run().unwrap();
    /// let h = monitor.histogram();
    /// assert_eq!(h.count(), 9); // firings at 10..=100 ms, the first starts the clock
    /// assert_eq!(h.min(), Some(10_000_000));
    /// ```
    pub fn monitor_delay(&self, resolution: Duration) -> DelayMonitor {
        DelayMonitor {
            lp: self.local_handle(),
            resolution,
            state: Rc::default(),
        }
    }
}

impl DelayMonitor {
    /// Starts sampling; returns false if it already was, or if the loop is
    /// gone or no longer takes timers.
    pub fn enable(&self) -> bool {
        if self.state.borrow().timer.is_some() {
            return false;
        }
        let Some(lp) = self.lp.upgrade() else {
            return false;
        };
        let state = self.state.clone();
        let sample = move |lp: &EventLoop| {
            let now = lp.hrtime();
            let mut state = state.borrow_mut();
            if let Some(last) = state.last.replace(now) {
                let delay = now.saturating_sub(last).as_nanos();
                state
                    .histogram
                    .record(u64::try_from(delay).unwrap_or(u64::MAX));
            }
        };
        let Ok(id) = lp.set_interval(self.resolution, sample) else {
            return false;
        };
        lp.unref_timer(id);
        let mut state = self.state.borrow_mut();
        state.timer = Some(id);
        state.last = None;
        true
    }

    /// Stops sampling (the histogram is kept); returns false if it was not
    /// enabled.
    pub fn disable(&self) -> bool {
        let Some(id) = self.state.borrow_mut().timer.take() else {
            return false;
        };
        if let Some(lp) = self.lp.upgrade() {
            lp.clear_timer(id);
        }
        true
    }

    /// Whether it is sampling.
    pub fn is_enabled(&self) -> bool {
        self.state.borrow().timer.is_some()
    }

    /// The sampling interval asked for.
    pub fn resolution(&self) -> Duration {
        self.resolution
    }

    /// A copy of the delays recorded so far, in nanoseconds.
    pub fn histogram(&self) -> Histogram {
        self.state.borrow().histogram.clone()
    }

    /// Forgets the delays recorded so far.
    pub fn reset(&self) {
        self.state.borrow_mut().histogram.reset();
    }
}

impl Drop for DelayMonitor {
    fn drop(&mut self) {
        self.disable();
    }
}
