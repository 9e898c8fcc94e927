//! Signal callbacks on the loop thread.
//!
//! Ground rules:
//! - The loop thread owns its callbacks; the process-wide [`registry`]
//!   knows only which loop listens to which signal.
//! - A signal joins the loop's `pending` list and wakes it; the poll phase
//!   takes the list and runs the callbacks of each signal that arrived, in
//!   the order the signals arrived and, for one signal, in registration
//!   order, each followed by a checkpoint. Two arrivals of one signal
//!   before the loop looks run its callbacks once.
//! - A registration does not keep the loop alive by itself.

use std::cell::{Cell, RefCell};
use std::io;
use std::rc::Rc;

use super::registry::{self, Target};
use crate::event_loop::EventLoop;
use crate::panic::CallbackKind;
use crate::sync::Arc;

/// Why [`EventLoop::on_signal`] could not listen to a signal.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignalError {
    /// The signal is unknown, or one that cannot be handled (SIGKILL,
    /// SIGSTOP, SIGILL, SIGFPE, SIGSEGV).
    #[error("signal {0} cannot be handled")]
    Unsupported(i32),
    /// Installing the handler or starting its thread failed.
    #[error("cannot listen to signal: {0}")]
    Io(#[from] io::Error),
}

/// A registration made by [`EventLoop::on_signal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SignalId(u64);

type Callback = Rc<RefCell<dyn FnMut(&EventLoop, i32)>>;

/// The loop thread's signal callbacks (a field of the loop's `Core`).
#[derive(Default)]
pub(crate) struct Listeners {
    /// Whether a callback was ever registered (a cheap test for the poll
    /// phase).
    active: Cell<bool>,
    target: RefCell<Option<Arc<Target>>>,
    /// In registration order (ids rise): (id, signal, callback).
    callbacks: RefCell<Vec<(u64, i32, Callback)>>,
    next_id: Cell<u64>,
}

impl Listeners {
    /// Number of registered callbacks.
    pub(crate) fn len(&self) -> usize {
        self.callbacks.borrow().len()
    }

    fn listens(&self, signal: i32) -> bool {
        self.callbacks.borrow().iter().any(|(_, s, _)| *s == signal)
    }
}

impl Drop for Listeners {
    fn drop(&mut self) {
        let Some(target) = self.target.get_mut().take() else {
            return;
        };
        let mut signals: Vec<i32> = self
            .callbacks
            .get_mut()
            .iter()
            .map(|(_, s, _)| *s)
            .collect();
        signals.sort_unstable();
        signals.dedup();
        for signal in signals {
            registry::remove(signal, &target);
        }
    }
}

/// Whether `signal` can get a callback.
fn supported(signal: i32) -> bool {
    (1..64).contains(&signal)
        && !signal_hook::consts::FORBIDDEN.contains(&signal)
        && signal_hook::low_level::signal_name(signal).is_some()
}

impl EventLoop {
    /// Runs `callback` in the poll phase each time the process receives
    /// `signal` (a `libc::SIG*` number), followed by a microtask checkpoint.
    ///
    /// Signals run in the order they arrived, the callbacks of one signal
    /// in registration order; arrivals of one signal before the loop looks
    /// are coalesced. A registration does not
    /// keep the loop alive by itself (as Node's signal listeners). While
    /// any loop of the process listens to a signal its default action is
    /// replaced; once the last callback for it is removed, the signal acts
    /// as its default disposition again (SIGINT terminates the process).
    ///
    /// Signals are read by one process-wide thread, started with the first
    /// registration and joined after the last one goes.
    ///
    /// # Errors
    ///
    /// [`SignalError::Unsupported`] for unknown signals and for SIGKILL,
    /// SIGSTOP, SIGILL, SIGFPE and SIGSEGV; [`SignalError::Io`] if the
    /// handler or its thread could not be set up.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use jsloop::EventLoop;
    /// use signal_hook::consts::SIGUSR2;
    ///
    /// let lp = EventLoop::new();
    /// let hold = Rc::new(Cell::new(Some(lp.handle().hold().unwrap())));
    /// let h = hold.clone();
    /// let id = lp.on_signal(SIGUSR2, move |_, signal| {
    ///     assert_eq!(signal, SIGUSR2);
    ///     h.take(); // the loop may exit now
    /// })
    /// .unwrap();
    /// signal_hook::low_level::raise(SIGUSR2).unwrap();
    /// lp.run().unwrap();
    /// assert!(lp.remove_signal(id));
    /// ```
    pub fn on_signal<F>(&self, signal: i32, callback: F) -> Result<SignalId, SignalError>
    where
        F: FnMut(&EventLoop, i32) + 'static,
    {
        if !supported(signal) {
            return Err(SignalError::Unsupported(signal));
        }
        let listeners = &self.core.signals;
        let target = listeners
            .target
            .borrow_mut()
            .get_or_insert_with(|| Arc::new(Target::new(self.core.shared.clone())))
            .clone();
        if !listeners.listens(signal) {
            registry::add(signal, &target)?;
        }
        let id = listeners.next_id.get();
        listeners.next_id.set(id + 1);
        listeners.active.set(true);
        let callback: Callback = Rc::new(RefCell::new(callback));
        listeners
            .callbacks
            .borrow_mut()
            .push((id, signal, callback));
        Ok(SignalId(id))
    }

    /// Removes a signal callback; returns whether it was registered. The
    /// last callback for a signal gives the signal its default action back.
    pub fn remove_signal(&self, id: SignalId) -> bool {
        let listeners = &self.core.signals;
        let removed = {
            let mut callbacks = listeners.callbacks.borrow_mut();
            let at = callbacks.iter().position(|(i, _, _)| *i == id.0);
            at.map(|at| callbacks.remove(at))
        };
        let Some((_, signal, callback)) = removed else {
            return false;
        };
        drop(callback);
        if !listeners.listens(signal) {
            if let Some(target) = &*listeners.target.borrow() {
                registry::remove(signal, target);
            }
        }
        true
    }

    /// Runs the callbacks of the signals that arrived (poll phase);
    /// returns whether any ran.
    #[inline]
    pub(crate) fn run_signals(&self) -> bool {
        self.core.signals.active.get() && self.deliver_signals()
    }

    /// [`EventLoop::run_signals`] once a signal was registered (kept out of
    /// line, off the poll phase's hot path).
    #[inline(never)]
    fn deliver_signals(&self) -> bool {
        let listeners = &self.core.signals;
        let pending = match &*listeners.target.borrow() {
            Some(target) => target.take(),
            None => return false,
        };
        let mut ran = false;
        for signal in pending {
            let due: Vec<(u64, Callback)> = listeners
                .callbacks
                .borrow()
                .iter()
                .filter(|(_, s, _)| *s == signal)
                .map(|(id, _, cb)| (*id, cb.clone()))
                .collect();
            for (id, callback) in due {
                if self.closing() {
                    return ran;
                }
                if !listeners
                    .callbacks
                    .borrow()
                    .iter()
                    .any(|(i, _, _)| *i == id)
                {
                    continue;
                }
                ran = true;
                self.invoke(CallbackKind::Signal, |lp| {
                    (callback.borrow_mut())(lp, signal)
                });
                self.checkpoint();
            }
        }
        ran
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use signal_hook::consts::{SIGUSR1, SIGUSR2};

    use super::registry;
    use crate::event_loop::EventLoop;

    #[test]
    fn signals_run_in_arrival_order_and_coalesce() {
        let lp = EventLoop::new();
        let seen = Rc::new(RefCell::new(Vec::new()));
        let ids: Vec<_> = [SIGUSR1, SIGUSR2]
            .into_iter()
            .map(|signal| {
                let seen = seen.clone();
                lp.on_signal(signal, move |_, s| seen.borrow_mut().push(s))
                    .unwrap()
            })
            .collect();
        // As the forwarding thread does when SIGUSR2 arrives before SIGUSR1.
        registry::forward(SIGUSR2);
        registry::forward(SIGUSR1);
        registry::forward(SIGUSR2);
        assert!(lp.run_signals());
        assert_eq!(*seen.borrow(), [SIGUSR2, SIGUSR1]);
        assert!(!lp.run_signals(), "nothing pending any more");
        for id in ids {
            assert!(lp.remove_signal(id));
        }
    }
}
