//! `all`, `race`, `all_settled` and `any`, with JavaScript's results for
//! empty inputs and JavaScript's microtask timing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{AggregateError, Promise, Reason, Resolver};
use crate::event_loop::EventLoop;

/// Shared state of one combinator call.
struct Gather<T, R> {
    slots: RefCell<Vec<Option<T>>>,
    remaining: Cell<usize>,
    resolver: RefCell<Option<Resolver<R>>>,
}

impl<T, R: Clone + 'static> Gather<T, R> {
    fn new(n: usize, resolver: Resolver<R>) -> Rc<Self> {
        Rc::new(Self {
            slots: RefCell::new((0..n).map(|_| None).collect()),
            remaining: Cell::new(n),
            resolver: RefCell::new(Some(resolver)),
        })
    }

    /// Stores slot `i`; returns every slot once all are filled.
    fn fill(&self, i: usize, value: T) -> Option<Vec<T>> {
        self.slots.borrow_mut()[i] = Some(value);
        self.remaining.set(self.remaining.get() - 1);
        if self.remaining.get() > 0 {
            return None;
        }
        let slots = std::mem::take(&mut *self.slots.borrow_mut());
        Some(slots.into_iter().flatten().collect())
    }

    fn take_resolver(&self) -> Option<Resolver<R>> {
        self.resolver.borrow_mut().take()
    }
}

/// Fulfils with every value in input order once all fulfil; rejects with
/// the first rejection. `all([])` fulfils with an empty vector.
///
/// # Examples
///
/// ```
/// use jsloop::EventLoop;
/// use jsloop::promise::{all, Promise};
///
/// let lp = EventLoop::new();
/// let p = all(&lp, vec![Promise::resolved(&lp, 1), Promise::resolved(&lp, 2)]);
/// lp.run().unwrap();
/// assert_eq!(p.outcome().unwrap().unwrap(), vec![1, 2]);
/// ```
pub fn all<T: Clone + 'static>(lp: &EventLoop, promises: Vec<Promise<T>>) -> Promise<Vec<T>> {
    let (result, resolver) = Promise::new(lp);
    if promises.is_empty() {
        resolver.resolve(Vec::new());
        return result;
    }
    let gather = Gather::new(promises.len(), resolver);
    for (i, p) in promises.into_iter().enumerate() {
        let g = gather.clone();
        p.react(move |_, outcome| match outcome {
            Ok(v) => {
                if let Some(values) = g.fill(i, v) {
                    if let Some(r) = g.take_resolver() {
                        r.resolve(values);
                    }
                }
            }
            Err(e) => {
                if let Some(r) = g.take_resolver() {
                    r.reject(e);
                }
            }
        });
    }
    result
}

/// Fulfils with every outcome in input order once all settle.
/// `all_settled([])` fulfils with an empty vector.
pub fn all_settled<T: Clone + 'static>(
    lp: &EventLoop,
    promises: Vec<Promise<T>>,
) -> Promise<Vec<Result<T, Reason>>> {
    let (result, resolver) = Promise::new(lp);
    if promises.is_empty() {
        resolver.resolve(Vec::new());
        return result;
    }
    let gather = Gather::new(promises.len(), resolver);
    for (i, p) in promises.into_iter().enumerate() {
        let g = gather.clone();
        p.react(move |_, outcome| {
            if let Some(outcomes) = g.fill(i, outcome) {
                if let Some(r) = g.take_resolver() {
                    r.resolve(outcomes);
                }
            }
        });
    }
    result
}

/// Settles as the first input to settle. `race([])` stays pending forever.
pub fn race<T: Clone + 'static>(lp: &EventLoop, promises: Vec<Promise<T>>) -> Promise<T> {
    let (result, resolver) = Promise::new(lp);
    let resolver = Rc::new(RefCell::new(Some(resolver)));
    for p in promises {
        let r = resolver.clone();
        p.react(move |_, outcome| {
            let taken = r.borrow_mut().take();
            if let Some(r) = taken {
                match outcome {
                    Ok(v) => r.resolve(v),
                    Err(e) => r.reject(e),
                }
            }
        });
    }
    result
}

/// Fulfils as the first input to fulfil; rejects with an
/// [`AggregateError`] holding every reason in input order once all reject.
/// `any([])` rejects with an empty aggregate.
pub fn any<T: Clone + 'static>(lp: &EventLoop, promises: Vec<Promise<T>>) -> Promise<T> {
    let (result, resolver) = Promise::new(lp);
    if promises.is_empty() {
        resolver.reject(Reason::new(AggregateError { errors: Vec::new() }));
        return result;
    }
    let gather: Rc<Gather<Reason, T>> = Gather::new(promises.len(), resolver);
    for (i, p) in promises.into_iter().enumerate() {
        let g = gather.clone();
        p.react(move |_, outcome| match outcome {
            Ok(v) => {
                if let Some(r) = g.take_resolver() {
                    r.resolve(v);
                }
            }
            Err(e) => {
                if let Some(errors) = g.fill(i, e) {
                    if let Some(r) = g.take_resolver() {
                        r.reject(Reason::new(AggregateError { errors }));
                    }
                }
            }
        });
    }
    result
}
