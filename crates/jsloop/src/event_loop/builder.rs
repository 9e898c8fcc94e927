//! [`Builder`]: how an [`EventLoop`] is configured.

use std::fmt;
use std::io;
use std::time::Duration;

use super::EventLoop;
use crate::clock::{Clock, SystemClock};
use crate::panic::{default_hook, PanicHook, PanicReport};

/// How long the loop spins before it parks, by default.
const DEFAULT_SPIN: Duration = Duration::from_micros(50);

/// Configures an [`EventLoop`].
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use jsloop::{EventLoop, VirtualClock};
///
/// let lp = EventLoop::builder()
///     .clock(VirtualClock::new())
///     .panic_hook(|report| eprintln!("caught: {:?}", report.message()))
///     .spin(Duration::ZERO)
///     .build();
/// # drop(lp);
/// ```
pub struct Builder {
    clock: Box<dyn Clock>,
    panic_hook: PanicHook,
    spin: Duration,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder").field("spin", &self.spin).finish()
    }
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// The defaults: system clock, panics reported on stderr, 50 µs spin.
    pub fn new() -> Self {
        Self {
            clock: Box::new(SystemClock::new()),
            panic_hook: Box::new(default_hook),
            spin: DEFAULT_SPIN,
        }
    }

    /// The clock timers run on, e.g. a [`VirtualClock`](crate::VirtualClock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The hook told about every panic a callback raised (the loop itself
    /// catches them and goes on).
    pub fn panic_hook(mut self, hook: impl Fn(&PanicReport) + 'static) -> Self {
        self.panic_hook = Box::new(hook);
        self
    }

    /// How long the loop (and [`Handle::call`](crate::Handle::call)) spins
    /// for new work before parking the thread. Spinning makes cross-thread
    /// hand-offs fast; it costs up to this much CPU each time the loop goes
    /// idle, never while it waits for a timer due sooner. While I/O sources
    /// are registered the loop does not spin: only a poll sees readiness.
    pub fn spin(mut self, spin: Duration) -> Self {
        self.spin = spin;
        self
    }

    /// Builds the loop on the current thread.
    ///
    /// # Panics
    ///
    /// If the OS refuses the loop's poller (out of file descriptors); use
    /// [`Builder::try_build`] to get the error instead.
    pub fn build(self) -> EventLoop {
        match self.try_build() {
            Ok(lp) => lp,
            Err(e) => panic!("creating the event loop's poller failed: {e}"),
        }
    }

    /// Builds the loop on the current thread.
    ///
    /// # Errors
    ///
    /// The OS refused the poller (`epoll`/`kqueue`) or its waker, as when
    /// the process is out of file descriptors.
    ///
    /// # Examples
    ///
    /// ```
    /// let lp = jsloop::EventLoop::builder().try_build()?;
    /// # drop(lp);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn try_build(self) -> io::Result<EventLoop> {
        EventLoop::from_parts(self.clock, self.panic_hook, self.spin)
    }
}
