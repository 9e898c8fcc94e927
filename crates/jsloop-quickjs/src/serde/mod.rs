//! `serde` support (feature `serde`): any `Serialize` type to a
//! [`JsValue`] and a [`JsValue`] to any `Deserialize` type, as `serde_v8`
//! does for V8.
//!
//! The mapping: integers and floats are numbers (an integer beyond
//! ±2^53 is a `BigInt`, exactly); `None` and `()` are `null`; sequences
//! and tuples are arrays; structs and maps with string keys are plain
//! objects, in order; maps with other keys are `Map`s; bytes are a
//! `Uint8Array`; an enum's unit variant is its name, any other variant
//! `{ Variant: value }`. Reading back accepts the same shapes, plus
//! `undefined` for `None`, `Set`s as sequences, a `BigInt` for an integer
//! that fits, and any typed array or `ArrayBuffer` for bytes.

mod de;
mod ser;

use crate::value::JsValue;

/// Why a value could not be serialized or deserialized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SerdeError(String);

impl ::serde::ser::Error for SerdeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerdeError(msg.to_string())
    }
}

impl ::serde::de::Error for SerdeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerdeError(msg.to_string())
    }
}

/// Serializes `value` into a [`JsValue`].
///
/// # Errors
///
/// [`SerdeError`] if `value`'s `Serialize` implementation fails.
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{from_value, to_value, JsValue, Runtime};
///
/// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
/// struct Order { id: u32, items: Vec<String>, note: Option<String> }
///
/// let rt = Runtime::new().unwrap();
/// rt.eval("globalThis.total = (o) => ({ ...o, id: o.id + 1, items: [...o.items, 'tea'] })").unwrap();
/// let order = Order { id: 1, items: vec!["bun".into()], note: None };
/// let back = rt.call_global("total", vec![to_value(&order).unwrap()]).unwrap();
/// let back: Order = from_value(back).unwrap();
/// assert_eq!(back, Order { id: 2, items: vec!["bun".into(), "tea".into()], note: None });
/// ```
pub fn to_value<T: ::serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, SerdeError> {
    value.serialize(ser::Serializer)
}

/// Deserializes a `T` from a [`JsValue`].
///
/// # Errors
///
/// [`SerdeError`] if the value does not have `T`'s shape (the message
/// names what was expected and what was found).
pub fn from_value<T: ::serde::de::DeserializeOwned>(value: JsValue) -> Result<T, SerdeError> {
    T::deserialize(value)
}
