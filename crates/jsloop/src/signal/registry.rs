//! The process-wide side of signal handling: which loops listen to which
//! signal, the thread that forwards signals to them, and the emulation of
//! each signal's default action while no loop listens.
//!
//! Ground rules:
//! - Signal handlers are signal-hook's own: a write to its self-pipe (and,
//!   for the default emulation, an atomic load). Nothing of ours runs in a
//!   signal handler; the forwarding thread reads the pipe and does the rest
//!   as ordinary code: it appends the signal to each listening loop's
//!   `pending` list (once: arrivals the loop has not seen yet coalesce),
//!   raises its `any` flag, then notifies the loop's wake-up (the order the
//!   loop's consume-then-look protocol needs).
//! - Everything here changes under the one `REGISTRY` lock; the forwarding
//!   thread takes it too, and may take a loop's wake-up lock under it, never
//!   the other way round. The thread is joined after the lock is released.
//! - signal-hook never gives a signal back to the OS once it handled it
//!   (unregistering leaves the disposition as "ignored", and resetting it
//!   makes later registrations silently dead). So the first registration of
//!   a signal also registers, for the process's life, signal-hook's
//!   conditional default emulation; its flag is set while no loop listens
//!   to the signal, so the signal then acts as if its disposition were the
//!   default one (SIGINT terminates, SIGWINCH is ignored...).

use std::io;
use std::sync::OnceLock;
use std::thread::JoinHandle;

use signal_hook::iterator::{Handle as IterHandle, Signals};

use crate::shared::Shared;
use crate::sync::{Arc, AtomicBool, Mutex, Ordering};

/// Where a loop receives its signals.
pub(crate) struct Target {
    /// The signals that arrived since the loop last looked, in the order
    /// they first arrived (as Node runs them).
    pub(crate) pending: Mutex<Vec<i32>>,
    /// Set when `pending` gained a signal: the loop's lock-free look.
    pub(crate) any: AtomicBool,
    pub(crate) shared: Arc<Shared>,
}

impl Target {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self {
            pending: Mutex::new(Vec::new()),
            any: AtomicBool::new(false),
            shared,
        }
    }

    /// Takes the signals that arrived, in arrival order.
    pub(crate) fn take(&self) -> Vec<i32> {
        if !self.any.swap(false, Ordering::AcqRel) {
            return Vec::new();
        }
        std::mem::take(&mut *self.pending.lock())
    }
}

/// The forwarding thread and the handle that stops it.
struct Forwarder {
    handle: IterHandle,
    thread: JoinHandle<()>,
}

#[derive(Default)]
struct Registry {
    /// (signal, loop) pairs, one per loop listening to that signal.
    listeners: Vec<(i32, Arc<Target>)>,
    /// Per signal ever registered: "no loop listens, act as the default".
    defaults: Vec<(i32, Arc<AtomicBool>)>,
    forwarder: Option<Forwarder>,
}

static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();

fn registry() -> &'static Mutex<Registry> {
    REGISTRY.get_or_init(|| Mutex::new(Registry::default()))
}

/// Makes `target` receive `signal`.
pub(crate) fn add(signal: i32, target: &Arc<Target>) -> io::Result<()> {
    let mut reg = registry().lock();
    let default = match reg.defaults.iter().find(|(s, _)| *s == signal) {
        Some((_, flag)) => flag.clone(),
        None => {
            let flag = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register_conditional_default(signal, flag.clone())?;
            reg.defaults.push((signal, flag.clone()));
            flag
        }
    };
    if reg.forwarder.is_none() {
        reg.forwarder = Some(start()?);
    }
    if let Some(forwarder) = &reg.forwarder {
        forwarder.handle.add_signal(signal)?;
    }
    default.store(false, Ordering::SeqCst);
    reg.listeners.push((signal, target.clone()));
    Ok(())
}

/// Stops `target` receiving `signal`; the last listener of a signal gives
/// it its default action back, the last listener of all stops the thread.
pub(crate) fn remove(signal: i32, target: &Arc<Target>) {
    let mut reg = registry().lock();
    reg.listeners
        .retain(|(s, t)| !(*s == signal && Arc::ptr_eq(t, target)));
    if !reg.listeners.iter().any(|(s, _)| *s == signal) {
        if let Some((_, flag)) = reg.defaults.iter().find(|(s, _)| *s == signal) {
            flag.store(true, Ordering::SeqCst);
        }
    }
    let stopped = if reg.listeners.is_empty() {
        reg.forwarder.take()
    } else {
        None
    };
    drop(reg);
    if let Some(Forwarder { handle, thread }) = stopped {
        handle.close();
        let _ = thread.join();
    }
}

/// Starts the forwarding thread, watching no signal yet.
fn start() -> io::Result<Forwarder> {
    let mut signals = Signals::new(std::iter::empty::<i32>())?;
    let handle = signals.handle();
    let thread = std::thread::Builder::new()
        .name("jsloop-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                forward(signal);
            }
        })?;
    Ok(Forwarder { handle, thread })
}

/// Marks `signal` pending on every loop listening to it and wakes them.
pub(crate) fn forward(signal: i32) {
    let reg = registry().lock();
    for (s, target) in &reg.listeners {
        if *s == signal {
            {
                let mut pending = target.pending.lock();
                if !pending.contains(&signal) {
                    pending.push(signal);
                }
            }
            target.any.store(true, Ordering::Release);
            target.shared.wake.notify();
        }
    }
}
