//! [`JsValue`]: an owned, `Send` copy of a JavaScript value, for Rust
//! functions exposed to scripts and for results crossing threads.
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

use std::collections::HashSet;
use std::mem::size_of;

use rquickjs::object::ObjectIter;
use rquickjs::{Array, CaughtError, Ctx, Exception, IntoJs, Object, Value};

/// An owned JavaScript value (data only: functions and symbols become
/// `Undefined`).
///
/// Values coming from JavaScript are at most [`JsValue::MAX_DEPTH`] levels deep and
/// [`JsValue::MAX_BYTES`] large, and never cyclic ([`ConvertError`] otherwise).
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

/// Why a value could not be converted between Rust and JavaScript.
///
/// In JavaScript (a host function's arguments or result), `TooDeep` and
/// `TooLarge` are thrown as a `RangeError`, `Cyclic` as a `TypeError`.
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
            ConvertError::Cyclic => Exception::throw_type(ctx, &message),
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

/// Bytes a value's slot costs against [`JsValue::MAX_BYTES`].
const SLOT: usize = size_of::<JsValue>();
/// Bytes an object property's slot costs (its key and value).
const PROPERTY: usize = size_of::<(String, JsValue)>();

/// An array or object being copied out of JavaScript.
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
}

impl<'js> Frame<'js> {
    fn source(&self) -> &Object<'js> {
        match self {
            Frame::Array { source, .. } | Frame::Object { source, .. } => source,
        }
    }

    /// Stores the copy of the child last handed out.
    fn accept(&mut self, value: JsValue) {
        match self {
            Frame::Array { items, .. } => items.push(value),
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
        }
    }

    fn finish(self) -> JsValue {
        match self {
            Frame::Array { items, .. } => JsValue::Array(items),
            Frame::Object { items, .. } => JsValue::Object(items),
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
enum Visit<'js> {
    Leaf(JsValue),
    Frame(Frame<'js>),
}

impl JsValue {
    /// How deeply arrays and objects may nest in a converted value.
    pub const MAX_DEPTH: usize = 1000;

    /// The most bytes a copy out of JavaScript may take (64 MiB): each
    /// value counts `size_of::<JsValue>()`, each string and key its length
    /// too.
    pub const MAX_BYTES: usize = 64 << 20;

    /// Copies an engine value out of JavaScript.
    ///
    /// # Errors
    ///
    /// [`ConvertError`] if the value is too deep, too large or cyclic, or
    /// reading it threw.
    pub(crate) fn from_js<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<Self, ConvertError> {
        let mut budget = Budget(JsValue::MAX_BYTES);
        let mut stack: Vec<Frame<'js>> = Vec::new();
        let mut ancestors: HashSet<Value<'js>> = HashSet::new();
        let mut next = Some(value.clone());
        let result = loop {
            let mut done = None;
            if let Some(value) = next.take() {
                match Self::visit(ctx, value, &mut budget) {
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

    /// Copies a primitive, or opens a frame for an array or object.
    fn visit<'js>(
        ctx: &Ctx<'js>,
        value: Value<'js>,
        budget: &mut Budget,
    ) -> Result<Visit<'js>, ConvertError> {
        budget.charge(SLOT)?;
        let leaf = if value.is_undefined() {
            JsValue::Undefined
        } else if value.is_null() {
            JsValue::Null
        } else if let Some(b) = value.as_bool() {
            JsValue::Bool(b)
        } else if let Some(n) = value.as_number() {
            JsValue::Number(n)
        } else if let Some(s) = value.as_string() {
            let s = s.to_string().unwrap_or_default();
            budget.charge(s.len())?;
            JsValue::String(s)
        } else if value.is_function() {
            JsValue::Undefined
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
        } else if let Some(source) = value.into_object() {
            let props = source.props::<String, Value>();
            return Ok(Visit::Frame(Frame::Object {
                source,
                props,
                key: None,
                items: Vec::new(),
            }));
        } else {
            JsValue::Undefined
        };
        Ok(Visit::Leaf(leaf))
    }

    /// Builds the engine value, consuming `self`.
    ///
    /// # Errors
    ///
    /// [`Converted::Limit`] if `self` is nested deeper than [`JsValue::MAX_DEPTH`];
    /// [`Converted::Engine`] if the engine fails (its exception pending).
    pub(crate) fn into_value<'js>(self, ctx: &Ctx<'js>) -> Result<Value<'js>, Converted> {
        let mut stack: Vec<Build<'js>> = Vec::new();
        let mut root = None;
        let mut next = self;
        let result = loop {
            if let Err(e) = Build::make(ctx, next, &mut stack, &mut root) {
                break Err(e);
            }
            // Pop finished containers until one has another child.
            let child = loop {
                match stack.last_mut() {
                    None => break None,
                    Some(top) => match top.next_child() {
                        Some(child) => break Some(child),
                        None => {
                            stack.pop();
                        }
                    },
                }
            };
            match child {
                Some(child) => next = child,
                None => break Ok(root.take().expect("the root was made first")),
            }
        };
        if result.is_err() {
            dispose(stack.into_iter().flat_map(Build::rest));
        }
        result
    }
}

/// Why [`JsValue::into_value`] failed.
#[derive(Debug)]
pub(crate) enum Converted {
    /// A limit was hit; nothing is pending in the engine.
    Limit(ConvertError),
    /// The engine failed; its exception is pending.
    Engine(rquickjs::Error),
}

/// The children of a [`JsValue`] container left to build, and where the
/// one handed out last goes.
enum Children {
    Items(std::vec::IntoIter<JsValue>, u32),
    Props(std::vec::IntoIter<(String, JsValue)>, Option<String>),
}

impl Children {
    /// The children not built yet.
    fn rest(self) -> Box<dyn Iterator<Item = JsValue>> {
        match self {
            Children::Items(items, _) => Box::new(items),
            Children::Props(props, _) => Box::new(props.map(|(_, v)| v)),
        }
    }
}

/// An engine array or object being filled from a [`JsValue`].
struct Build<'js> {
    target: Object<'js>,
    children: Children,
}

impl<'js> Build<'js> {
    /// Makes the engine value for `value` (empty, for a container), sets it
    /// in its parent (the top of `stack`) or as the root, and pushes a
    /// frame to fill a container.
    fn make(
        ctx: &Ctx<'js>,
        value: JsValue,
        stack: &mut Vec<Build<'js>>,
        root: &mut Option<Value<'js>>,
    ) -> Result<(), Converted> {
        let (made, children) = match value {
            JsValue::Undefined => (Ok(Value::new_undefined(ctx.clone())), None),
            JsValue::Null => (Ok(Value::new_null(ctx.clone())), None),
            JsValue::Bool(b) => (Ok(Value::new_bool(ctx.clone(), b)), None),
            JsValue::Number(n) => (Ok(Value::new_number(ctx.clone(), n)), None),
            JsValue::String(s) => (s.into_js(ctx), None),
            JsValue::Array(items) => (
                Array::new(ctx.clone()).map(Array::into_value),
                Some(Children::Items(items.into_iter(), 0)),
            ),
            JsValue::Object(props) => (
                Object::new(ctx.clone()).map(Object::into_value),
                Some(Children::Props(props.into_iter(), None)),
            ),
        };
        let fail = |children: Option<Children>, e: Converted| {
            if let Some(children) = children {
                dispose(children.rest());
            }
            Err(e)
        };
        let made = match made {
            Ok(made) => made,
            Err(e) => return fail(children, Converted::Engine(e)),
        };
        if children.is_some() && stack.len() >= JsValue::MAX_DEPTH {
            let e = ConvertError::TooDeep {
                limit: JsValue::MAX_DEPTH,
            };
            return fail(children, Converted::Limit(e));
        }
        let set = match stack.last_mut() {
            Some(parent) => parent.set(made.clone()),
            None => {
                *root = Some(made.clone());
                Ok(())
            }
        };
        if let Err(e) = set {
            return fail(children, Converted::Engine(e));
        }
        if let Some(children) = children {
            let target = made.into_object().expect("arrays and objects are objects");
            stack.push(Build { target, children });
        }
        Ok(())
    }

    /// The next child to build, remembering where it goes.
    fn next_child(&mut self) -> Option<JsValue> {
        match &mut self.children {
            Children::Items(items, _) => items.next(),
            Children::Props(props, key) => props.next().map(|(k, v)| {
                *key = Some(k);
                v
            }),
        }
    }

    /// Sets the child handed out last to `value`.
    fn set(&mut self, value: Value<'js>) -> rquickjs::Result<()> {
        match &mut self.children {
            Children::Items(_, index) => {
                let i = *index;
                *index += 1;
                self.target.set(i, value)
            }
            Children::Props(_, key) => self.target.set(key.take().unwrap_or_default(), value),
        }
    }

    fn rest(self) -> Box<dyn Iterator<Item = JsValue>> {
        self.children.rest()
    }
}

/// Drops values with a work list: a deep [`JsValue`]'s own drop recurses
/// once per level.
fn dispose(values: impl IntoIterator<Item = JsValue>) {
    let mut work: Vec<JsValue> = values.into_iter().collect();
    while let Some(value) = work.pop() {
        match value {
            JsValue::Array(items) => work.extend(items),
            JsValue::Object(props) => work.extend(props.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

impl<'js> IntoJs<'js> for JsValue {
    fn into_js(self, ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        self.into_value(ctx).map_err(|e| match e {
            Converted::Limit(e) => e.throw(ctx),
            Converted::Engine(e) => e,
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
