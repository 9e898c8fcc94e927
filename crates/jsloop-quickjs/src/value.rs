//! [`JsValue`]: an owned, `Send` copy of a JavaScript value, for Rust
//! functions exposed to scripts and for results crossing threads.

use rquickjs::{Array, Ctx, IntoJs, Object, Value};

/// An owned JavaScript value (data only: functions and symbols become
/// `Undefined`).
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// A string.
    String(String),
    /// An array.
    Array(Vec<JsValue>),
    /// A plain object's own enumerable string-keyed properties, in order.
    Object(Vec<(String, JsValue)>),
}

impl JsValue {
    /// Copies an engine value (depth-limited to 64 to survive cycles).
    pub(crate) fn from_js(value: &Value<'_>) -> Self {
        Self::copy(value, 64)
    }

    fn copy(value: &Value<'_>, depth: u32) -> Self {
        if value.is_undefined() {
            JsValue::Undefined
        } else if value.is_null() {
            JsValue::Null
        } else if let Some(b) = value.as_bool() {
            JsValue::Bool(b)
        } else if let Some(n) = value.as_number() {
            JsValue::Number(n)
        } else if let Some(s) = value.as_string() {
            JsValue::String(s.to_string().unwrap_or_default())
        } else if depth == 0 {
            JsValue::Undefined
        } else if let Some(a) = value.as_array() {
            JsValue::Array(
                a.iter::<Value>()
                    .map(|v| v.map_or(JsValue::Undefined, |v| Self::copy(&v, depth - 1)))
                    .collect(),
            )
        } else if let Some(o) = value.as_object() {
            if value.is_function() {
                return JsValue::Undefined;
            }
            JsValue::Object(
                o.props::<String, Value>()
                    .filter_map(Result::ok)
                    .map(|(k, v)| (k, Self::copy(&v, depth - 1)))
                    .collect(),
            )
        } else {
            JsValue::Undefined
        }
    }
}

impl<'js> IntoJs<'js> for JsValue {
    fn into_js(self, ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(match self {
            JsValue::Undefined => Value::new_undefined(ctx.clone()),
            JsValue::Null => Value::new_null(ctx.clone()),
            JsValue::Bool(b) => Value::new_bool(ctx.clone(), b),
            JsValue::Number(n) => Value::new_number(ctx.clone(), n),
            JsValue::String(s) => s.into_js(ctx)?,
            JsValue::Array(items) => {
                let a = Array::new(ctx.clone())?;
                for (i, v) in items.into_iter().enumerate() {
                    a.set(i, v)?;
                }
                a.into_value()
            }
            JsValue::Object(props) => {
                let o = Object::new(ctx.clone())?;
                for (k, v) in props {
                    o.set(k, v)?;
                }
                o.into_value()
            }
        })
    }
}

impl From<f64> for JsValue {
    fn from(n: f64) -> Self {
        JsValue::Number(n)
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
