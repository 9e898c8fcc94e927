//! [`JsValue`]: an owned, `Send` copy of a JavaScript value, for Rust
//! functions exposed to scripts, results of calls into JavaScript and
//! values crossing threads.
//!
//! # Implementation notes
//!
//! Both directions walk the value with an explicit stack, never by
//! recursion, so no input can overflow the thread's stack. Copying out of
//! JavaScript is bounded three ways: depth ([`JsValue::MAX_DEPTH`]), the size of the
//! copy ([`JsValue::MAX_BYTES`], checked against an array's `length` before any
//! element is read, so a sparse `length = 2**32 - 1` costs nothing), and
//! cycles (an object that contains itself is an error). An object reached
//! twice without a cycle (`{a: o, b: o}`) is copied at each place, as
//! `JSON.stringify` does; the byte budget stops a shared structure whose
//! copy would grow exponentially. A too-deep [`JsValue`] handed to
//! JavaScript is taken apart with a work list too, so dropping it cannot
//! overflow the stack either.

mod accessors;
mod from_js;
mod into_js;
mod kinds;

pub use kinds::{BigInt, JsError, ParseBigIntError, TypedArray, TypedArrayKind};

pub(crate) use into_js::Converted;

use rquickjs::{CaughtError, Ctx, Exception};

use crate::embed::Handle;

/// An owned JavaScript value: data is copied, what cannot be copied
/// (functions, promises, symbols, class instances) is kept as a
/// [`Handle`].
///
/// Strings are UTF-8: a lone surrogate in a JavaScript string becomes
/// U+FFFD (as `TextEncoder` does), so such a string does not round-trip.
/// Plain objects (whose prototype is `Object.prototype` or `null`) keep
/// their own enumerable string keys in order; other objects are
/// [`JsValue::Instance`] handles. Values coming from JavaScript are at most
/// [`JsValue::MAX_DEPTH`] levels deep and [`JsValue::MAX_BYTES`] large, and
/// never cyclic ([`ConvertError`] otherwise).
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{JsValue, Runtime};
///
/// let rt = Runtime::new().unwrap();
/// let v = rt.eval("({ n: 1.5, tags: new Set(['a']), big: 2n ** 70n, at: new Date(0) })").unwrap();
/// assert_eq!(v.get("n").and_then(JsValue::as_f64), Some(1.5));
/// assert_eq!(v.get("tags"), Some(&JsValue::Set(vec!["a".into()])));
/// assert_eq!(v.get("big").and_then(JsValue::as_bigint).unwrap().to_string(), "1180591620717411303424");
/// assert_eq!(v.get("at"), Some(&JsValue::Date(0.0)));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub enum JsValue {
    /// `undefined`.
    #[default]
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A `BigInt`, exactly.
    BigInt(BigInt),
    /// A string (lone surrogates replaced by U+FFFD).
    String(String),
    /// An array (holes become `Undefined`).
    Array(Vec<JsValue>),
    /// A plain object's own enumerable string-keyed properties, in order.
    Object(Vec<(String, JsValue)>),
    /// A `Map`'s entries, in insertion order.
    Map(Vec<(JsValue, JsValue)>),
    /// A `Set`'s values, in insertion order.
    Set(Vec<JsValue>),
    /// A `Date`, as milliseconds since the epoch (`NaN` for an invalid date).
    Date(f64),
    /// An `ArrayBuffer`'s bytes.
    ArrayBuffer(Vec<u8>),
    /// A typed array (a `Buffer` is a `Uint8Array`): its kind and the
    /// bytes it views.
    TypedArray(TypedArray),
    /// An `Error` (or a subclass): name, message, stack, cause and own
    /// enumerable properties.
    Error(Box<JsError>),
    /// A function.
    Function(Handle),
    /// A promise; await it with [`Runtime::await_promise`](crate::Runtime::await_promise).
    Promise(Handle),
    /// A symbol.
    Symbol(Handle),
    /// Any other object (a class instance, a `RegExp`, a `DataView`…).
    Instance(Handle),
}

/// Why a value could not be converted between Rust and JavaScript.
///
/// In JavaScript (a host function's arguments or result), `TooDeep` and
/// `TooLarge` are thrown as a `RangeError`, `Cyclic` and `ForeignHandle`
/// as a `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// Arrays and objects nest deeper than [`JsValue::MAX_DEPTH`].
    #[error("value nested deeper than {limit} levels")]
    TooDeep {
        /// The depth limit.
        limit: usize,
    },
    /// The copy would take more than [`JsValue::MAX_BYTES`].
    #[error("value larger than {limit} bytes")]
    TooLarge {
        /// The size limit in bytes.
        limit: usize,
    },
    /// An object contains itself.
    #[error("value contains a cycle")]
    Cyclic,
    /// A [`Handle`] of another runtime, or of one that is gone.
    #[error("the handle belongs to another runtime")]
    ForeignHandle,
    /// Reading the value threw (a getter, a proxy trap); the printed
    /// exception.
    #[error("reading the value threw: {0}")]
    Exception(String),
}

impl ConvertError {
    /// Throws this error in `ctx` as the JavaScript error of its kind.
    pub(crate) fn throw(&self, ctx: &Ctx<'_>) -> rquickjs::Error {
        let message = self.to_string();
        match self {
            ConvertError::TooDeep { .. } | ConvertError::TooLarge { .. } => {
                Exception::throw_range(ctx, &message)
            }
            ConvertError::Cyclic | ConvertError::ForeignHandle => {
                Exception::throw_type(ctx, &message)
            }
            ConvertError::Exception(_) => match crate::host::js_error(ctx, &message) {
                Ok(e) => e.throw(),
                Err(e) => e,
            },
        }
    }

    fn engine(ctx: &Ctx<'_>, e: rquickjs::Error) -> Self {
        ConvertError::Exception(CaughtError::from_error(ctx, e).to_string())
    }
}

impl JsValue {
    /// How deeply arrays and objects may nest in a converted value.
    pub const MAX_DEPTH: usize = 1000;

    /// The most bytes a copy out of JavaScript may take (64 MiB): each
    /// value counts `size_of::<JsValue>()`, each string, key and byte
    /// array its length too.
    pub const MAX_BYTES: usize = 64 << 20;
}

/// Drops values with a work list: a deep [`JsValue`]'s own drop recurses
/// once per level.
fn dispose(values: impl IntoIterator<Item = JsValue>) {
    let mut work: Vec<JsValue> = values.into_iter().collect();
    while let Some(value) = work.pop() {
        match value {
            JsValue::Array(items) | JsValue::Set(items) => work.extend(items),
            JsValue::Object(props) => work.extend(props.into_iter().map(|(_, v)| v)),
            JsValue::Map(entries) => {
                for (k, v) in entries {
                    work.push(k);
                    work.push(v);
                }
            }
            JsValue::Error(e) => {
                let JsError { cause, props, .. } = *e;
                work.extend(cause);
                work.extend(props.into_iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}
