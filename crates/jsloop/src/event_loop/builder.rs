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
    threadpool_size: Option<usize>,
    track_idle_time: bool,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("spin", &self.spin)
            .field("threadpool_size", &self.threadpool_size)
            .field("track_idle_time", &self.track_idle_time)
            .finish()
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
            threadpool_size: None,
            track_idle_time: false,
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

    /// How many threads run [`EventLoop::queue_work`] work, clamped to
    /// `1..=1024` as libuv does. Unset, the `JSLOOP_THREADPOOL_SIZE`
    /// environment variable decides (read when the pool starts; a value that
    /// is not a whole number gives the default), else 4.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::EventLoop;
    ///
    /// let lp = EventLoop::builder().threadpool_size(0).build();
    /// assert_eq!(lp.threadpool_size(), 1);
    /// ```
    pub fn threadpool_size(mut self, threads: usize) -> Self {
        self.threadpool_size = Some(threads);
        self
    }

    /// Whether the loop accounts the time it waits for work in the poll
    /// phase, for [`EventLoop::utilization`] (off by default, as libuv's
    /// `UV_METRICS_IDLE_TIME`).
    pub fn track_idle_time(mut self, on: bool) -> Self {
        self.track_idle_time = on;
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
        EventLoop::from_parts(
            self.clock,
            self.panic_hook,
            self.spin,
            self.threadpool_size,
            self.track_idle_time,
        )
    }
}
