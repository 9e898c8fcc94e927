//! The loop thread's wait for readiness, and the wake-up other threads
//! send it.
//!
//! Ground rules:
//! - [`Poller`] belongs to the loop thread: only it polls, and sources are
//!   registered through its registry from that thread only.
//! - [`Unparker`] is `Send + Sync`; [`Wake`](crate::wake::Wake) calls
//!   [`Unparker::unpark`] only when it finds the loop sleeping, so this is
//!   the one place a producer makes a syscall.
//! - An unpark that lands while the loop is not parked is kept: the next
//!   park returns at once (a spurious wake-up, never a lost one).
//! - Under `cfg(loom)` the park is a condition variable from `crate::sync`
//!   (loom cannot see a syscall), so the models check the wake protocol
//!   itself; readiness is not polled in that build.

use std::io;
use std::time::Duration;

use mio::{Events, Poll, Registry, Token};

use super::Readiness;
#[cfg(loom)]
use crate::sync::{self, Arc, Condvar, Mutex};

/// The token of the waker's own event, which no registration uses.
pub(crate) const WAKE_TOKEN: Token = Token(usize::MAX);

/// Events taken from the OS per poll; more wait for the next one.
const EVENTS: usize = 256;

/// The loop thread's side: it parks here until readiness, an unpark or a
/// timeout.
pub(crate) struct Poller {
    poll: Poll,
    events: Events,
    #[cfg(loom)]
    parker: Arc<Parker>,
}

/// The side any thread may hold: ends the loop's park.
pub(crate) struct Unparker {
    #[cfg(not(loom))]
    waker: mio::Waker,
    #[cfg(loom)]
    parker: Arc<Parker>,
}

impl Poller {
    /// A poller and the unparker that wakes it.
    ///
    /// # Errors
    ///
    /// The OS refused the poll instance or the waker (out of descriptors).
    pub(crate) fn new() -> io::Result<(Self, Unparker)> {
        let poll = Poll::new()?;
        #[cfg(not(loom))]
        let unparker = Unparker {
            waker: mio::Waker::new(poll.registry(), WAKE_TOKEN)?,
        };
        #[cfg(loom)]
        let parker = Arc::new(Parker {
            permit: Mutex::new(false),
            condvar: Condvar::new(),
        });
        #[cfg(loom)]
        let unparker = Unparker {
            parker: parker.clone(),
        };
        let poller = Self {
            poll,
            events: Events::with_capacity(EVENTS),
            #[cfg(loom)]
            parker,
        };
        Ok((poller, unparker))
    }

    /// Where sources are registered.
    pub(crate) fn registry(&self) -> &Registry {
        self.poll.registry()
    }

    /// Blocks until readiness, an unpark or `timeout` (`None`: no limit;
    /// zero: just look), and appends what became ready to `ready`.
    pub(crate) fn poll(&mut self, timeout: Option<Duration>, ready: &mut Vec<(Token, Readiness)>) {
        #[cfg(loom)]
        if timeout != Some(Duration::ZERO) {
            self.parker.park(timeout);
            return;
        }
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            // A signal interrupted the wait: as good as a wake-up.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return,
            Err(e) => panic!("polling for readiness failed: {e}"),
        }
        let events = self.events.iter().filter(|e| e.token() != WAKE_TOKEN);
        ready.extend(events.map(|e| (e.token(), Readiness::from_event(e))));
    }
}

impl Unparker {
    /// Ends the loop's current or next park.
    pub(crate) fn unpark(&self) {
        #[cfg(not(loom))]
        if let Err(e) = self.waker.wake() {
            // Writing to the loop's eventfd cannot fail while it is open;
            // if it did, the loop would sleep out its timeout.
            debug_assert!(false, "waking the loop failed: {e}");
        }
        #[cfg(loom)]
        self.parker.unpark();
    }
}

/// Under loom: a permit and a condition variable in place of the eventfd.
#[cfg(loom)]
struct Parker {
    permit: Mutex<bool>,
    condvar: Condvar,
}

#[cfg(loom)]
impl Parker {
    fn park(&self, timeout: Option<Duration>) {
        let mut permit = self.permit.lock();
        if !*permit {
            permit = match timeout {
                Some(t) => sync::wait_timeout(&self.condvar, permit, t),
                None => sync::wait(&self.condvar, permit),
            };
        }
        *permit = false;
    }

    fn unpark(&self) {
        *self.permit.lock() = true;
        self.condvar.notify_one();
    }
}
