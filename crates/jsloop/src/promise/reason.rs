//! Why a promise was rejected: [`Reason`], any value, kept by identity.

use std::any::Any;
use std::fmt;
use std::rc::Rc;

use crate::error::PromiseError;

/// A rejection reason: any value, shared, compared by identity.
///
/// Like a JavaScript rejection reason it can be anything: an error, a
/// string, a number, even a promise. It is never unwrapped: rejecting with a
/// promise keeps that very promise as the reason ([`Reason::ptr_eq`],
/// [`Reason::downcast_ref`]). Values that implement `Display` print
/// through it; others print as `<opaque reason>`.
///
/// # Examples
///
/// ```
/// use jsloop::promise::Reason;
///
/// let r = Reason::new("disk full");
/// assert_eq!(r.to_string(), "disk full");
/// assert_eq!(r.downcast_ref::<&str>(), Some(&"disk full"));
/// ```
#[derive(Clone)]
pub struct Reason {
    value: Rc<dyn Any>,
    display: fn(&dyn Any, &mut fmt::Formatter<'_>) -> fmt::Result,
}

fn display_as<T: fmt::Display + 'static>(v: &dyn Any, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match v.downcast_ref::<T>() {
        Some(v) => fmt::Display::fmt(v, f),
        None => f.write_str("<opaque reason>"),
    }
}

fn display_opaque(_: &dyn Any, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("<opaque reason>")
}

impl Reason {
    /// A reason holding a printable value.
    pub fn new<T: fmt::Display + 'static>(value: T) -> Self {
        Self {
            value: Rc::new(value),
            display: display_as::<T>,
        }
    }

    /// A reason holding any value, printed as `<opaque reason>`.
    pub fn opaque<T: 'static>(value: T) -> Self {
        Self {
            value: Rc::new(value),
            display: display_opaque,
        }
    }

    /// The held value, if it is a `T`.
    pub fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.value.downcast_ref()
    }

    /// Whether the held value is a `T`.
    pub fn is<T: 'static>(&self) -> bool {
        self.value.is::<T>()
    }

    /// Whether two reasons hold the very same value (identity, not equality).
    pub fn ptr_eq(a: &Reason, b: &Reason) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&a.value), Rc::as_ptr(&b.value))
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.display)(&*self.value, f)
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Reason({self})")
    }
}

/// The message of a caught panic payload.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(non-string payload)".to_string())
}

/// Turns a caught panic payload into a reason.
pub(crate) fn panic_reason(payload: Box<dyn Any + Send>) -> Reason {
    Reason::new(PromiseError::Panicked(panic_message(&*payload)))
}
