//! Reading a [`JsValue`] without a `match`, and making one from Rust
//! values.

use super::{BigInt, JsError, JsValue, TypedArray};
use crate::embed::Handle;

impl JsValue {
    /// Whether this is `undefined` or `null`.
    pub fn is_nullish(&self) -> bool {
        matches!(self, JsValue::Undefined | JsValue::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            JsValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The `BigInt`, if this is one.
    pub fn as_bigint(&self) -> Option<&BigInt> {
        match self {
            JsValue::BigInt(b) => Some(b),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items of an array or set.
    pub fn as_array(&self) -> Option<&[JsValue]> {
        match self {
            JsValue::Array(items) | JsValue::Set(items) => Some(items),
            _ => None,
        }
    }

    /// A plain object's properties, in order.
    pub fn as_object(&self) -> Option<&[(String, JsValue)]> {
        match self {
            JsValue::Object(props) => Some(props),
            _ => None,
        }
    }

    /// The property `key` of a plain object, the entry of a `Map` whose key
    /// is the string `key`, or the own property `key` of an error.
    pub fn get(&self, key: &str) -> Option<&JsValue> {
        let props = match self {
            JsValue::Object(props) => props,
            JsValue::Error(e) => &e.props,
            JsValue::Map(entries) => {
                return entries
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(key))
                    .map(|(_, v)| v)
            }
            _ => return None,
        };
        props.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The item at `index` of an array or set.
    pub fn at(&self, index: usize) -> Option<&JsValue> {
        self.as_array().and_then(|items| items.get(index))
    }

    /// The bytes of an `ArrayBuffer` or typed array.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            JsValue::ArrayBuffer(bytes) | JsValue::TypedArray(TypedArray { bytes, .. }) => {
                Some(bytes)
            }
            _ => None,
        }
    }

    /// The error, if this is one.
    pub fn as_error(&self) -> Option<&JsError> {
        match self {
            JsValue::Error(e) => Some(e),
            _ => None,
        }
    }

    /// The handle of a function, promise, symbol or other object.
    pub fn as_handle(&self) -> Option<&Handle> {
        match self {
            JsValue::Function(h)
            | JsValue::Promise(h)
            | JsValue::Symbol(h)
            | JsValue::Instance(h) => Some(h),
            _ => None,
        }
    }

    /// What `typeof` says of the value.
    pub fn type_of(&self) -> &'static str {
        match self {
            JsValue::Undefined => "undefined",
            JsValue::Bool(_) => "boolean",
            JsValue::Number(_) => "number",
            JsValue::BigInt(_) => "bigint",
            JsValue::String(_) => "string",
            JsValue::Function(_) => "function",
            JsValue::Symbol(_) => "symbol",
            _ => "object",
        }
    }
}

impl From<f64> for JsValue {
    fn from(n: f64) -> Self {
        JsValue::Number(n)
    }
}

impl From<i32> for JsValue {
    fn from(n: i32) -> Self {
        JsValue::Number(n.into())
    }
}

impl From<u32> for JsValue {
    fn from(n: u32) -> Self {
        JsValue::Number(n.into())
    }
}

impl From<&str> for JsValue {
    fn from(s: &str) -> Self {
        JsValue::String(s.to_string())
    }
}

impl From<String> for JsValue {
    fn from(s: String) -> Self {
        JsValue::String(s)
    }
}

impl From<bool> for JsValue {
    fn from(b: bool) -> Self {
        JsValue::Bool(b)
    }
}

impl From<BigInt> for JsValue {
    fn from(b: BigInt) -> Self {
        JsValue::BigInt(b)
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> Self {
        JsValue::Error(Box::new(e))
    }
}

impl From<TypedArray> for JsValue {
    fn from(t: TypedArray) -> Self {
        JsValue::TypedArray(t)
    }
}

impl<T: Into<JsValue>> From<Vec<T>> for JsValue {
    fn from(items: Vec<T>) -> Self {
        JsValue::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<JsValue>> From<Option<T>> for JsValue {
    /// `None` is `null`.
    fn from(v: Option<T>) -> Self {
        v.map_or(JsValue::Null, Into::into)
    }
}
