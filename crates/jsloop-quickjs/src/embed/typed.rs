//! Typed arguments of host functions: [`FromArg`] for one value,
//! [`FromArgs`] for the whole list, with Node's `ERR_INVALID_ARG_TYPE`
//! when a value does not fit.

use crate::value::{BigInt, JsValue};

/// A Rust type a host function argument converts to.
pub trait FromArg: Sized {
    /// What Node names the expected type (`"number"`, `"string"`).
    const EXPECTED: &'static str;

    /// The argument as `Self`, or `None` if it is of another type.
    fn from_arg(value: &JsValue) -> Option<Self>;
}

impl FromArg for f64 {
    const EXPECTED: &'static str = "number";
    fn from_arg(value: &JsValue) -> Option<Self> {
        value.as_f64()
    }
}

impl FromArg for String {
    const EXPECTED: &'static str = "string";
    fn from_arg(value: &JsValue) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl FromArg for bool {
    const EXPECTED: &'static str = "boolean";
    fn from_arg(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

impl FromArg for BigInt {
    const EXPECTED: &'static str = "bigint";
    fn from_arg(value: &JsValue) -> Option<Self> {
        value.as_bigint().cloned()
    }
}

impl FromArg for JsValue {
    const EXPECTED: &'static str = "any";
    fn from_arg(value: &JsValue) -> Option<Self> {
        Some(value.clone())
    }
}

/// `undefined` and `null` are `None`.
impl<T: FromArg> FromArg for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_arg(value: &JsValue) -> Option<Self> {
        if value.is_nullish() {
            return Some(None);
        }
        T::from_arg(value).map(Some)
    }
}

/// The argument list of a typed host function: a tuple of [`FromArg`]
/// types (missing arguments are `undefined`).
pub trait FromArgs: Sized {
    /// Converts `args`; `names` name the parameters in errors.
    ///
    /// # Errors
    ///
    /// Node's `ERR_INVALID_ARG_TYPE` message for the first argument that
    /// does not fit.
    fn from_args(args: &[JsValue], names: &[&str]) -> Result<Self, String>;
}

fn arg<T: FromArg>(args: &[JsValue], names: &[&str], i: usize) -> Result<T, String> {
    let value = args.get(i).unwrap_or(&JsValue::Undefined);
    T::from_arg(value).ok_or_else(|| {
        let name = names
            .get(i)
            .map_or_else(|| format!("argument {}", i + 1), |n| n.to_string());
        invalid_arg_type(&name, T::EXPECTED, value)
    })
}

macro_rules! tuple_args {
    ($($t:ident $i:tt),*) => {
        impl<$($t: FromArg),*> FromArgs for ($($t,)*) {
            #[allow(unused_variables)]
            fn from_args(args: &[JsValue], names: &[&str]) -> Result<Self, String> {
                Ok(($(arg::<$t>(args, names, $i)?,)*))
            }
        }
    };
}
tuple_args!();
tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);

/// Node's message: `The "name" argument must be of type number. Received
/// type string ('x')`.
fn invalid_arg_type(name: &str, expected: &str, value: &JsValue) -> String {
    let received = match value {
        JsValue::Undefined => " Received undefined".to_owned(),
        JsValue::Null => " Received null".to_owned(),
        JsValue::Function(_) => " Received function".to_owned(),
        JsValue::Bool(_) | JsValue::Number(_) | JsValue::BigInt(_) | JsValue::String(_) => {
            let mut shown = match value {
                JsValue::Bool(b) => b.to_string(),
                JsValue::Number(n) => number(*n),
                JsValue::BigInt(b) => format!("{b}n"),
                JsValue::String(s) => format!("'{s}'"),
                _ => String::new(),
            };
            if shown.chars().count() > 28 {
                shown = format!("{}...", shown.chars().take(25).collect::<String>());
            }
            format!(" Received type {} ({shown})", value.type_of())
        }
        JsValue::Symbol(_) => " Received type symbol".to_owned(),
        other => format!(" Received an instance of {}", class_of(other)),
    };
    let subject = if name.starts_with("argument ") {
        format!("The {name}")
    } else {
        format!("The \"{name}\" argument")
    };
    format!("{subject} must be of type {expected}.{received}")
}

/// A number as JavaScript prints it.
fn number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == n.trunc() && n.abs() < 1e21 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

fn class_of(value: &JsValue) -> &'static str {
    match value {
        JsValue::Array(_) => "Array",
        JsValue::Map(_) => "Map",
        JsValue::Set(_) => "Set",
        JsValue::Date(_) => "Date",
        JsValue::ArrayBuffer(_) => "ArrayBuffer",
        JsValue::TypedArray(t) => t.kind.name(),
        JsValue::Error(_) => "Error",
        JsValue::Promise(_) => "Promise",
        _ => "Object",
    }
}
