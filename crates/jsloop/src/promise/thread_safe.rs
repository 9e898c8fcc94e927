//! Settling promises from other threads: [`SendResolver`] and [`promisify`].
//!
//! The promise and its [`Resolver`] stay on the loop thread, in the loop's
//! [`Resolvers`] registry keyed by number; the `Send` half carries only the key, a [`Handle`] and
//! a [`Hold`] (so the loop waits for it), and sends the outcome through the
//! ingress queue to be applied on the loop thread.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::reason::panic_message;
use super::{Promise, PromiseError, Reason};
use crate::event_loop::EventLoop;
use crate::handle::{Handle, Hold};
use crate::id::IdMap;

/// A registered resolver: `resolve` is a `Box<dyn FnOnce(T)>`, type-erased.
struct Entry {
    resolve: Box<dyn Any>,
    reject: Box<dyn FnOnce(Reason)>,
}

/// The registry of resolvers waiting for a `SendResolver` on another
/// thread; the loop's `Core` owns it, and only the loop thread touches it.
#[derive(Default)]
pub(crate) struct Resolvers {
    entries: RefCell<IdMap<Entry>>,
    next: Cell<u64>,
}

impl Resolvers {
    /// Number of resolvers waiting.
    pub(crate) fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// Drops every waiting resolver (loop close), outside the borrow.
    pub(crate) fn clear(&self) {
        let all = std::mem::take(&mut *self.entries.borrow_mut());
        drop(all);
    }

    /// Registers `entry` under a new key.
    fn insert(&self, entry: Entry) -> u64 {
        let key = self.next.get();
        self.next.set(key + 1);
        self.entries.borrow_mut().insert(key, entry);
        key
    }

    /// Takes the entry of `key` out, if it is still waiting.
    fn remove(&self, key: u64) -> Option<Entry> {
        self.entries.borrow_mut().remove(&key)
    }
}

/// An outcome built on the loop thread (a `Reason` is not `Send`).
type Outcome<T> = Result<T, Box<dyn FnOnce() -> Reason + Send>>;

/// Settles a loop promise from any thread; `Send` when `T: Send`.
///
/// It keeps the loop alive until it is used or dropped; dropped unused, it
/// rejects the promise with [`PromiseError::ResolverDropped`].
pub struct SendResolver<T> {
    handle: Handle,
    key: u64,
    hold: Option<Hold>,
    _value: PhantomData<fn(T)>,
}

impl<T> fmt::Debug for SendResolver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendResolver")
            .field("key", &self.key)
            .finish()
    }
}

impl<T: Clone + Send + 'static> Promise<T> {
    /// A pending promise and a resolver that can settle it from any thread.
    ///
    /// # Examples
    ///
    /// ```
    /// use jsloop::EventLoop;
    /// use jsloop::promise::Promise;
    ///
    /// let lp = EventLoop::new();
    /// let (p, resolver) = Promise::<u32>::new_send(&lp);
    /// std::thread::spawn(move || resolver.resolve(7));
    /// lp.run().unwrap();
    /// assert_eq!(p.outcome().unwrap().unwrap(), 7);
    /// ```
    pub fn new_send(lp: &EventLoop) -> (Promise<T>, SendResolver<T>) {
        let (promise, resolver) = Promise::new(lp);
        let shared = std::rc::Rc::new(RefCell::new(Some(resolver)));
        let s2 = shared.clone();
        let resolve: Box<dyn FnOnce(T)> = Box::new(move |v| {
            if let Some(r) = shared.borrow_mut().take() {
                r.resolve(v);
            }
        });
        let entry = Entry {
            resolve: Box::new(resolve),
            reject: Box::new(move |reason| {
                if let Some(r) = s2.borrow_mut().take() {
                    r.reject(reason);
                }
            }),
        };
        let key = lp.core.resolvers.insert(entry);
        let handle = lp.handle();
        let hold = handle.hold().ok();
        (
            promise,
            SendResolver {
                handle,
                key,
                hold,
                _value: PhantomData,
            },
        )
    }
}

impl<T: Clone + Send + 'static> SendResolver<T> {
    /// Fulfils the promise with `value` (on the loop thread, soon).
    pub fn resolve(mut self, value: T) {
        self.send(Ok(value));
    }

    /// Rejects the promise with `error`, which becomes the [`Reason`].
    pub fn reject<E: fmt::Display + Send + 'static>(mut self, error: E) {
        self.send(Err(Box::new(move || Reason::new(error))));
    }

    fn send(&mut self, outcome: Outcome<T>) {
        let Some(hold) = self.hold.take() else {
            return;
        };
        let key = self.key;
        let _ = self.handle.submit(move |lp: &EventLoop| {
            let entry = lp.core.resolvers.remove(key);
            let Some(entry) = entry else {
                return;
            };
            match outcome {
                Ok(v) => {
                    if let Ok(resolve) = entry.resolve.downcast::<Box<dyn FnOnce(T)>>() {
                        resolve(v);
                    }
                }
                Err(make) => (entry.reject)(make()),
            }
        });
        drop(hold);
    }
}

impl<T> Drop for SendResolver<T> {
    fn drop(&mut self) {
        let Some(hold) = self.hold.take() else {
            return;
        };
        let key = self.key;
        let _ = self.handle.submit(move |lp: &EventLoop| {
            let entry = lp.core.resolvers.remove(key);
            if let Some(entry) = entry {
                (entry.reject)(Reason::new(PromiseError::ResolverDropped));
            }
        });
        drop(hold);
    }
}

/// Runs `work` on a new thread and settles a loop promise with its result:
/// `Ok` fulfils, `Err` rejects, a panic rejects with
/// [`PromiseError::Panicked`]. The loop stays alive until it is done.
///
/// # Examples
///
/// ```
/// use jsloop::EventLoop;
/// use jsloop::promise::promisify;
///
/// let lp = EventLoop::new();
/// let p = promisify(&lp, || Ok::<_, String>((1..=10u32).sum::<u32>()));
/// lp.run().unwrap();
/// assert_eq!(p.outcome().unwrap().unwrap(), 55);
/// ```
pub fn promisify<T, E, F>(lp: &EventLoop, work: F) -> Promise<T>
where
    T: Clone + Send + 'static,
    E: fmt::Display + Send + 'static,
    F: FnOnce() -> Result<T, E> + Send + 'static,
{
    let (promise, resolver) = Promise::new_send(lp);
    std::thread::spawn(move || match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(v)) => resolver.resolve(v),
        Ok(Err(e)) => resolver.reject(e),
        Err(payload) => resolver.reject(PromiseError::Panicked(panic_message(&*payload))),
    });
    promise
}
