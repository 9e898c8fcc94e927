//! [`Exception`]: what JavaScript threw, copied out for Rust.

use std::fmt;

use rquickjs::{Ctx, Value};

use super::State;
use crate::error::Error;
use crate::value::{JsError, JsValue};

/// A JavaScript exception: the thrown value, and what Node prints for it
/// (its `Display`): an error's stack and properties, a string as it is,
/// anything else as `util.inspect` shows it.
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{Error, Runtime};
///
/// let rt = Runtime::new().unwrap();
/// let Err(Error::Exception(e)) = rt.eval("null.x") else { panic!() };
/// assert_eq!(e.name(), Some("TypeError"));
/// assert!(e.to_string().starts_with("TypeError: "));
///
/// let Err(Error::Exception(e)) = rt.eval("throw 'plain'") else { panic!() };
/// assert_eq!((e.name(), e.to_string().as_str()), (None, "plain"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    value: JsValue,
    printed: String,
}

impl Exception {
    /// The thrown value (a [`JsValue::Error`] for an `Error`).
    pub fn value(&self) -> &JsValue {
        &self.value
    }

    /// The thrown value, taken.
    pub fn into_value(self) -> JsValue {
        self.value
    }

    /// The error, if an `Error` (or subclass) was thrown.
    pub fn error(&self) -> Option<&JsError> {
        self.value.as_error()
    }

    /// The error's `name` (`"TypeError"`), if an `Error` was thrown.
    pub fn name(&self) -> Option<&str> {
        self.error().map(|e| e.name.as_str())
    }

    /// The error's `message`, if an `Error` was thrown.
    pub fn message(&self) -> Option<&str> {
        self.error().map(|e| e.message.as_str())
    }

    /// The error's `stack`, if an `Error` with one was thrown.
    pub fn stack(&self) -> Option<&str> {
        self.error().and_then(|e| e.stack.as_deref())
    }

    /// The error's `cause`, if it has one.
    pub fn cause(&self) -> Option<&JsValue> {
        self.error().and_then(|e| e.cause.as_ref())
    }

    /// Copies a thrown engine value out.
    pub(crate) fn from_thrown<'js>(ctx: &Ctx<'js>, state: &State, thrown: Value<'js>) -> Self {
        let value = match JsValue::from_js(ctx, &thrown, state) {
            Ok(v) => v,
            Err(_) => match thrown.as_object() {
                Some(_) => JsValue::Instance(state.handles.keep(ctx, thrown.clone())),
                None => JsValue::Undefined,
            },
        };
        let printed = match crate::ffi::to_string_lossy(ctx, &thrown) {
            Some(s) => s,
            None => crate::globals::describe(ctx, thrown),
        };
        Exception { value, printed }
    }
}

impl fmt::Display for Exception {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed)
    }
}

impl std::error::Error for Exception {}

/// An engine error as the embedding API's error: a JavaScript exception
/// is caught and copied out.
pub(crate) fn catch(ctx: &Ctx<'_>, state: &State, error: rquickjs::Error) -> Error {
    match error {
        rquickjs::Error::Exception => {
            Error::Exception(Exception::from_thrown(ctx, state, ctx.catch()))
        }
        other => Error::engine(&other),
    }
}
