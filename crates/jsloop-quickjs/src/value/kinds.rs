//! The parts of [`JsValue`](super::JsValue) with a shape of their own:
//! [`BigInt`], [`TypedArray`], [`JsError`].

use std::fmt;

use super::JsValue;

/// A JavaScript `BigInt`, exactly: its decimal digits.
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::BigInt;
///
/// let b: BigInt = "-123456789012345678901234567890".parse().unwrap();
/// assert_eq!(b.to_i64(), None);
/// assert_eq!(BigInt::from(42i64).to_i64(), Some(42));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BigInt(String);

/// A string that is not a decimal integer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal integer: {0:?}")]
pub struct ParseBigIntError(String);

impl BigInt {
    /// The value, if it fits an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value, if it fits an `i128`.
    pub fn to_i128(&self) -> Option<i128> {
        self.0.parse().ok()
    }

    /// The value as the nearest `f64` (what `Number(big)` gives).
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// The decimal digits, with a leading `-` if negative.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// From digits JavaScript produced (trusted).
    pub(crate) fn from_digits(digits: String) -> Self {
        BigInt(digits)
    }
}

impl std::str::FromStr for BigInt {
    type Err = ParseBigIntError;

    /// Parses a decimal integer (an optional `-`, then digits).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseBigIntError(s.to_owned()));
        }
        let trimmed = digits.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        let negative = s.starts_with('-') && trimmed != "0";
        Ok(BigInt(format!(
            "{}{trimmed}",
            if negative { "-" } else { "" }
        )))
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! bigint_from {
    ($($t:ty),*) => {$(
        impl From<$t> for BigInt {
            fn from(n: $t) -> Self {
                BigInt(n.to_string())
            }
        }
    )*};
}
bigint_from!(i64, u64, i128, u128);

/// The element type of a typed array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TypedArrayKind {
    /// `Int8Array`.
    Int8,
    /// `Uint8Array` (and Node's `Buffer`).
    Uint8,
    /// `Uint8ClampedArray`.
    Uint8Clamped,
    /// `Int16Array`.
    Int16,
    /// `Uint16Array`.
    Uint16,
    /// `Int32Array`.
    Int32,
    /// `Uint32Array`.
    Uint32,
    /// `Float32Array`.
    Float32,
    /// `Float64Array`.
    Float64,
    /// `BigInt64Array`.
    BigInt64,
    /// `BigUint64Array`.
    BigUint64,
}

const KINDS: [(TypedArrayKind, &str, usize); 11] = [
    (TypedArrayKind::Int8, "Int8Array", 1),
    (TypedArrayKind::Uint8, "Uint8Array", 1),
    (TypedArrayKind::Uint8Clamped, "Uint8ClampedArray", 1),
    (TypedArrayKind::Int16, "Int16Array", 2),
    (TypedArrayKind::Uint16, "Uint16Array", 2),
    (TypedArrayKind::Int32, "Int32Array", 4),
    (TypedArrayKind::Uint32, "Uint32Array", 4),
    (TypedArrayKind::Float32, "Float32Array", 4),
    (TypedArrayKind::Float64, "Float64Array", 8),
    (TypedArrayKind::BigInt64, "BigInt64Array", 8),
    (TypedArrayKind::BigUint64, "BigUint64Array", 8),
];

impl TypedArrayKind {
    /// The JavaScript constructor's name (`"Uint8Array"`).
    pub fn name(self) -> &'static str {
        KINDS
            .iter()
            .find(|k| k.0 == self)
            .map_or("Uint8Array", |k| k.1)
    }

    /// Bytes per element.
    pub fn element_size(self) -> usize {
        KINDS.iter().find(|k| k.0 == self).map_or(1, |k| k.2)
    }

    pub(crate) fn from_name(name: &str) -> Option<Self> {
        KINDS.iter().find(|k| k.1 == name).map(|k| k.0)
    }
}

/// A typed array's kind and the bytes it views (native byte order).
///
/// Handed to JavaScript, bytes that are not a whole number of elements
/// throw a `RangeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedArray {
    /// The element type.
    pub kind: TypedArrayKind,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A JavaScript `Error` (or subclass) copied out: what Node prints of it.
///
/// # Examples
///
/// ```
/// use jsloop_quickjs::{JsError, JsValue, Runtime};
///
/// let rt = Runtime::new().unwrap();
/// let v = rt.eval("Object.assign(new RangeError('too far', { cause: 7 }), { code: 'E_FAR' })").unwrap();
/// let e = v.as_error().unwrap();
/// assert_eq!((e.name.as_str(), e.message.as_str()), ("RangeError", "too far"));
/// assert_eq!(e.cause, Some(JsValue::Number(7.0)));
/// assert_eq!(e.props, vec![("code".to_string(), JsValue::from("E_FAR"))]);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsError {
    /// `error.name` (`"TypeError"`).
    pub name: String,
    /// `error.message`.
    pub message: String,
    /// `error.stack`, when it is a string.
    pub stack: Option<String>,
    /// `error.cause`, when the error has one.
    pub cause: Option<JsValue>,
    /// The own enumerable properties (`code`, …), in order.
    pub props: Vec<(String, JsValue)>,
}

impl JsError {
    /// An error of class `name` (`"TypeError"`; an unknown name makes an
    /// `Error` with that `name`) with `message`.
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> Self {
        JsError {
            name: name.into(),
            message: message.into(),
            ..JsError::default()
        }
    }
}

impl fmt::Display for JsError {
    /// `name: message`, as `String(error)` gives.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name.is_empty(), self.message.is_empty()) {
            (_, true) => f.write_str(&self.name),
            (true, false) => f.write_str(&self.message),
            (false, false) => write!(f, "{}: {}", self.name, self.message),
        }
    }
}
