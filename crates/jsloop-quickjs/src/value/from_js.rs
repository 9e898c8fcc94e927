//! Copying a value out of JavaScript, with an explicit stack.

use std::collections::HashSet;
use std::mem::size_of;

use rquickjs::object::ObjectIter;
use rquickjs::{Array, Ctx, Object, TypedArray as QjsTypedArray, Value};

use super::{dispose, BigInt, ConvertError, JsError, JsValue, TypedArray, TypedArrayKind};
use crate::embed::State;

/// Bytes a value's slot costs against [`JsValue::MAX_BYTES`].
const SLOT: usize = size_of::<JsValue>();
/// Bytes an object property's slot costs (its key and value).
const PROPERTY: usize = size_of::<(String, JsValue)>();

/// What a list frame makes of its children.
enum ListKind {
    /// Children are `key, value, key, value…`.
    Map,
    Set,
    /// Children are the cause (if any), then the property values.
    Error {
        error: JsError,
        has_cause: bool,
        keys: Vec<String>,
    },
}

/// A container being copied out of JavaScript.
enum Frame<'js> {
    Array {
        source: Object<'js>,
        len: u32,
        items: Vec<JsValue>,
    },
    Object {
        source: Object<'js>,
        props: ObjectIter<'js, String, Value<'js>>,
        key: Option<String>,
        items: Vec<(String, JsValue)>,
    },
    List {
        source: Object<'js>,
        kind: ListKind,
        children: std::vec::IntoIter<Value<'js>>,
        items: Vec<JsValue>,
    },
}

impl<'js> Frame<'js> {
    fn source(&self) -> &Object<'js> {
        match self {
            Frame::Array { source, .. }
            | Frame::Object { source, .. }
            | Frame::List { source, .. } => source,
        }
    }

    /// Stores the copy of the child last handed out.
    fn accept(&mut self, value: JsValue) {
        match self {
            Frame::Array { items, .. } | Frame::List { items, .. } => items.push(value),
            Frame::Object { key, items, .. } => items.push((key.take().unwrap_or_default(), value)),
        }
    }

    /// The next child to copy, or `None` when all are copied.
    fn next_child(
        &mut self,
        ctx: &Ctx<'js>,
        budget: &mut Budget,
    ) -> Result<Option<Value<'js>>, ConvertError> {
        match self {
            Frame::Array { source, len, items } => {
                let i = items.len();
                if i >= *len as usize {
                    return Ok(None);
                }
                let value = source
                    .get::<_, Value>(i as u32)
                    .map_err(|e| ConvertError::engine(ctx, e))?;
                Ok(Some(value))
            }
            Frame::Object { props, key, .. } => match props.next() {
                None => Ok(None),
                Some(Err(e)) => Err(ConvertError::engine(ctx, e)),
                Some(Ok((k, v))) => {
                    budget.charge(PROPERTY - SLOT + k.len())?;
                    *key = Some(k);
                    Ok(Some(v))
                }
            },
            Frame::List { children, .. } => Ok(children.next()),
        }
    }

    fn finish(self) -> JsValue {
        match self {
            Frame::Array { items, .. } => JsValue::Array(items),
            Frame::Object { items, .. } => JsValue::Object(items),
            Frame::List { kind, items, .. } => match kind {
                ListKind::Set => JsValue::Set(items),
                ListKind::Map => {
                    let mut entries = Vec::with_capacity(items.len() / 2);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        entries.push((k, v));
                    }
                    JsValue::Map(entries)
                }
                ListKind::Error {
                    mut error,
                    has_cause,
                    keys,
                } => {
                    let mut it = items.into_iter();
                    if has_cause {
                        error.cause = it.next();
                    }
                    error.props = keys.into_iter().zip(it).collect();
                    JsValue::Error(Box::new(error))
                }
            },
        }
    }
}

/// What is left of [`JsValue::MAX_BYTES`].
struct Budget(usize);

impl Budget {
    fn charge(&mut self, bytes: usize) -> Result<(), ConvertError> {
        self.0 = self.0.checked_sub(bytes).ok_or(ConvertError::TooLarge {
            limit: JsValue::MAX_BYTES,
        })?;
        Ok(())
    }
}

/// A value classified: copied already, or a container to walk.
#[allow(clippy::large_enum_variant)] // short-lived, one at a time
enum Visit<'js> {
    Leaf(JsValue),
    Frame(Frame<'js>),
}

impl JsValue {
    /// Copies an engine value out of JavaScript; what cannot be copied is
    /// kept in `state`'s handles.
    ///
    /// # Errors
    ///
    /// [`ConvertError`] if the value is too deep, too large or cyclic, or
    /// reading it threw.
    pub(crate) fn from_js<'js>(
        ctx: &Ctx<'js>,
        value: &Value<'js>,
        state: &State,
    ) -> Result<Self, ConvertError> {
        let mut budget = Budget(JsValue::MAX_BYTES);
        let mut stack: Vec<Frame<'js>> = Vec::new();
        let mut ancestors: HashSet<Value<'js>> = HashSet::new();
        let mut next = Some(value.clone());
        let result = loop {
            let mut done = None;
            if let Some(value) = next.take() {
                match visit(ctx, value, &mut budget, state) {
                    Err(e) => break Err(e),
                    Ok(Visit::Leaf(v)) => done = Some(v),
                    Ok(Visit::Frame(frame)) => {
                        if stack.len() >= JsValue::MAX_DEPTH {
                            break Err(ConvertError::TooDeep {
                                limit: JsValue::MAX_DEPTH,
                            });
                        }
                        if !ancestors.insert(frame.source().clone().into_value()) {
                            break Err(ConvertError::Cyclic);
                        }
                        stack.push(frame);
                    }
                }
            }
            // Hand finished values up until a frame has another child.
            let step = loop {
                if let Some(v) = done.take() {
                    match stack.last_mut() {
                        None => break Ok(Some(v)),
                        Some(top) => top.accept(v),
                    }
                }
                let Some(top) = stack.last_mut() else {
                    unreachable!("a frame was pushed or a value finished")
                };
                match top.next_child(ctx, &mut budget) {
                    Err(e) => break Err(e),
                    Ok(Some(child)) => {
                        next = Some(child);
                        break Ok(None);
                    }
                    Ok(None) => {
                        let frame = stack.pop().expect("the top frame");
                        ancestors.remove(&frame.source().clone().into_value());
                        done = Some(frame.finish());
                    }
                }
            };
            match step {
                Err(e) => break Err(e),
                Ok(Some(v)) => break Ok(v),
                Ok(None) => {}
            }
        };
        if result.is_err() {
            dispose(stack.into_iter().map(Frame::finish));
        }
        result
    }
}

/// Calls the helper `name` with `arg`.
fn helper<'js, R: rquickjs::FromJs<'js>>(
    ctx: &Ctx<'js>,
    state: &State,
    name: &str,
    arg: Value<'js>,
) -> Result<R, ConvertError> {
    state
        .helper(ctx, name)
        .and_then(|f| f.call((arg,)))
        .map_err(|e| ConvertError::engine(ctx, e))
}

/// The bytes of a `Uint8Array` a helper made.
fn bytes_of<'js>(ctx: &Ctx<'js>, view: Value<'js>) -> Result<Vec<u8>, ConvertError> {
    let view = QjsTypedArray::<u8>::from_value(view).map_err(|e| ConvertError::engine(ctx, e))?;
    // SAFETY: the slice is copied before any JavaScript runs again.
    let bytes = unsafe { view.as_bytes() };
    Ok(bytes.map(<[u8]>::to_vec).unwrap_or_default())
}

/// A list frame over the items of an array a helper made.
fn list<'js>(
    ctx: &Ctx<'js>,
    source: Object<'js>,
    kind: ListKind,
    items: Array<'js>,
    budget: &mut Budget,
) -> Result<Frame<'js>, ConvertError> {
    let children: Vec<Value> = items
        .iter()
        .collect::<rquickjs::Result<_>>()
        .map_err(|e| ConvertError::engine(ctx, e))?;
    budget.charge(children.len().saturating_mul(SLOT))?;
    Ok(Frame::List {
        source,
        kind,
        children: children.into_iter(),
        items: Vec::new(),
    })
}

/// Copies a primitive, keeps what cannot be copied, or opens a frame for
/// a container.
fn visit<'js>(
    ctx: &Ctx<'js>,
    value: Value<'js>,
    budget: &mut Budget,
    state: &State,
) -> Result<Visit<'js>, ConvertError> {
    budget.charge(SLOT)?;
    let keep = |v: Value<'js>| state.handles.keep(ctx, v);
    let leaf = if value.is_undefined() {
        JsValue::Undefined
    } else if value.is_null() {
        JsValue::Null
    } else if let Some(b) = value.as_bool() {
        JsValue::Bool(b)
    } else if let Some(n) = value.as_number() {
        JsValue::Number(n)
    } else if value.is_string() {
        let s = crate::ffi::to_string_lossy(ctx, &value).unwrap_or_default();
        budget.charge(s.len())?;
        JsValue::String(s)
    } else if value.is_big_int() {
        let digits: String = helper(ctx, state, "bigint", value)?;
        budget.charge(digits.len())?;
        JsValue::BigInt(BigInt::from_digits(digits))
    } else if value.is_symbol() {
        JsValue::Symbol(keep(value))
    } else if value.is_function() {
        JsValue::Function(keep(value))
    } else if value.is_promise() {
        JsValue::Promise(keep(value))
    } else if value.is_array() {
        let source = value.into_object().expect("an array is an object");
        let len: Value = source
            .get("length")
            .map_err(|e| ConvertError::engine(ctx, e))?;
        // `as` saturates: NaN and negatives (a proxy's) become 0.
        let len = len.as_number().unwrap_or(0.0) as u64;
        let bytes = len.saturating_mul(SLOT as u64);
        if bytes > budget.0 as u64 || len > u64::from(u32::MAX) {
            return Err(ConvertError::TooLarge {
                limit: JsValue::MAX_BYTES,
            });
        }
        let len = len as u32;
        return Ok(Visit::Frame(Frame::Array {
            source,
            len,
            items: Vec::with_capacity(len as usize),
        }));
    } else if value.is_error() {
        let parts: Array = helper(ctx, state, "errorParts", value.clone())?;
        let source = value.into_object().expect("an error is an object");
        return error_frame(ctx, source, parts, budget).map(Visit::Frame);
    } else if let Some(source) = value.clone().into_object() {
        let kind: String = helper(ctx, state, "kind", value.clone())?;
        match kind.as_str() {
            "object" => {
                let props = source.props::<String, Value>();
                return Ok(Visit::Frame(Frame::Object {
                    source,
                    props,
                    key: None,
                    items: Vec::new(),
                }));
            }
            "map" | "set" => {
                let (name, kind) = match kind.as_str() {
                    "map" => ("mapFlat", ListKind::Map),
                    _ => ("setItems", ListKind::Set),
                };
                let items: Array = helper(ctx, state, name, value)?;
                return list(ctx, source, kind, items, budget).map(Visit::Frame);
            }
            "date" => JsValue::Date(helper(ctx, state, "time", value)?),
            "buffer" => {
                let view = helper(ctx, state, "bufferBytes", value)?;
                let bytes = bytes_of(ctx, view)?;
                budget.charge(bytes.len())?;
                JsValue::ArrayBuffer(bytes)
            }
            "typed" => {
                let name: String = helper(ctx, state, "typedName", value.clone())?;
                let view = helper(ctx, state, "typedBytes", value)?;
                let bytes = bytes_of(ctx, view)?;
                budget.charge(bytes.len())?;
                let kind = TypedArrayKind::from_name(&name).unwrap_or(TypedArrayKind::Uint8);
                JsValue::TypedArray(TypedArray { kind, bytes })
            }
            _ => JsValue::Instance(keep(value)),
        }
    } else {
        JsValue::Undefined
    };
    Ok(Visit::Leaf(leaf))
}

/// A frame for an error from its helper parts: `[name, message, stack,
/// hasCause, cause, key1, value1, …]`.
fn error_frame<'js>(
    ctx: &Ctx<'js>,
    source: Object<'js>,
    parts: Array<'js>,
    budget: &mut Budget,
) -> Result<Frame<'js>, ConvertError> {
    let fail = |e| ConvertError::engine(ctx, e);
    let text = |i: usize| -> Result<Option<String>, ConvertError> {
        let v: Value = parts.get(i).map_err(fail)?;
        Ok(crate::ffi::to_string_lossy(ctx, &v))
    };
    let name = text(0)?.unwrap_or_default();
    let message = text(1)?.unwrap_or_default();
    let stack = text(2)?;
    let has_cause: bool = parts.get(3).map_err(fail)?;
    budget.charge(name.len() + message.len() + stack.as_ref().map_or(0, String::len))?;
    let mut children = Vec::new();
    if has_cause {
        children.push(parts.get::<Value>(4).map_err(fail)?);
    }
    let mut keys = Vec::new();
    for i in (5..parts.len()).step_by(2) {
        let key = text(i)?.unwrap_or_default();
        budget.charge(PROPERTY + key.len())?;
        keys.push(key);
        children.push(parts.get::<Value>(i + 1).map_err(fail)?);
    }
    let error = JsError {
        name,
        message,
        stack,
        ..JsError::default()
    };
    Ok(Frame::List {
        source,
        kind: ListKind::Error {
            error,
            has_cause,
            keys,
        },
        children: children.into_iter(),
        items: Vec::new(),
    })
}
