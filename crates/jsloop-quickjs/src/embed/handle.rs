//! [`Handle`]: a JavaScript value kept for Rust (a function, a promise, a
//! symbol, a class instance), by id in its runtime's table.
//!
//! Ground rules:
//! - The engine values live only in the runtime's [`Handles`] table, on
//!   the loop thread; a [`Handle`] holds an id and an `Arc` of the table's
//!   [`Shared`] part, so it is `Send + Sync` and never touches the engine.
//! - Dropping the last clone of a handle (on any thread) queues its id in
//!   [`Shared::dropped`]; the loop thread frees queued ids the next time it
//!   uses the table. Once the runtime released its table (`closed`), the
//!   ids are discarded: a handle outliving its runtime frees nothing.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rquickjs::{Ctx, Persistent, Value};

/// A JavaScript value that cannot be copied into Rust, kept alive for
/// later use: pass it to [`Runtime::call`](crate::Runtime::call),
/// [`Runtime::get`](crate::Runtime::get),
/// [`Runtime::await_promise`](crate::Runtime::await_promise), or back
/// into JavaScript inside a [`JsValue`](crate::JsValue).
///
/// Cloning shares the same value; equal handles are clones of each other.
/// It may be dropped on any thread, and after its runtime is gone.
///
/// # Examples
///
/// Keep a callback a script registered, and call it later from Rust:
///
/// ```
/// use std::cell::RefCell;
/// use std::rc::Rc;
/// use jsloop_quickjs::{JsValue, Runtime};
///
/// let rt = Runtime::new().unwrap();
/// let kept = Rc::new(RefCell::new(None));
/// let k = kept.clone();
/// rt.register_fn("onEvent", move |args| {
///     *k.borrow_mut() = args.into_iter().next();
///     Ok(JsValue::Undefined)
/// })
/// .unwrap();
/// rt.run_script("main.js", "let seen = 0; onEvent((n) => (seen += n))").unwrap();
/// rt.run().unwrap();
/// let Some(JsValue::Function(callback)) = kept.borrow_mut().take() else { panic!() };
/// rt.call(&callback, vec![2.into()]).unwrap();
/// assert_eq!(rt.call(&callback, vec![3.into()]).unwrap(), JsValue::from(5));
/// ```
#[derive(Clone)]
pub struct Handle(Arc<Inner>);

struct Inner {
    id: u64,
    shared: Arc<Shared>,
}

/// The part of a runtime's table handles share.
#[derive(Default)]
pub(crate) struct Shared {
    /// Ids whose last handle was dropped, not freed yet.
    dropped: Mutex<Vec<u64>>,
    /// Set once the runtime released its table.
    closed: AtomicBool,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if self.shared.closed.load(Ordering::Acquire) {
            return;
        }
        if let Ok(mut dropped) = self.shared.dropped.lock() {
            dropped.push(self.id);
        }
    }
}

impl Handle {
    /// Whether `other` is a clone of this handle.
    pub fn ptr_eq(&self, other: &Handle) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for Handle {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other)
    }
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handle({})", self.0.id)
    }
}

/// A runtime's kept values, on the loop thread.
#[derive(Default)]
pub(crate) struct Handles {
    shared: Arc<Shared>,
    values: RefCell<HashMap<u64, Persistent<Value<'static>>>>,
    next: Cell<u64>,
}

impl Handles {
    /// Keeps `value` and returns a new handle to it.
    pub(crate) fn keep<'js>(&self, ctx: &Ctx<'js>, value: Value<'js>) -> Handle {
        self.collect();
        let id = self.next.get();
        self.next.set(id + 1);
        let kept = Persistent::save(ctx, value);
        self.values.borrow_mut().insert(id, kept);
        Handle(Arc::new(Inner {
            id,
            shared: self.shared.clone(),
        }))
    }

    /// The value `handle` keeps, if it belongs to this table.
    pub(crate) fn value<'js>(&self, ctx: &Ctx<'js>, handle: &Handle) -> Option<Value<'js>> {
        if !Arc::ptr_eq(&handle.0.shared, &self.shared) {
            return None;
        }
        let kept = self.values.borrow().get(&handle.0.id).cloned()?;
        kept.restore(ctx).ok()
    }

    /// Frees the values whose handles were all dropped.
    fn collect(&self) {
        let ids = match self.shared.dropped.lock() {
            Ok(mut dropped) => std::mem::take(&mut *dropped),
            Err(_) => return,
        };
        if ids.is_empty() {
            return;
        }
        let freed: Vec<_> = {
            let mut values = self.values.borrow_mut();
            ids.iter().filter_map(|id| values.remove(id)).collect()
        };
        drop(freed);
    }

    /// Drops every kept value (before the engine goes); later drops of
    /// handles are ignored.
    pub(crate) fn release(&self) {
        self.shared.closed.store(true, Ordering::Release);
        let values = std::mem::take(&mut *self.values.borrow_mut());
        drop(values);
        if let Ok(mut dropped) = self.shared.dropped.lock() {
            dropped.clear();
        }
    }
}
