//! Building a JavaScript value from a [`JsValue`], with an explicit stack.

use rquickjs::{Array, ArrayBuffer, Ctx, Object, Value};

use super::{dispose, ConvertError, JsError, JsValue};
use crate::embed::State;

/// Why [`JsValue::into_js`] failed.
#[derive(Debug)]
pub(crate) enum Converted {
    /// A limit was hit or a handle is foreign; nothing is pending in the
    /// engine.
    Limit(ConvertError),
    /// The engine failed; its exception is pending.
    Engine(rquickjs::Error),
}

impl From<rquickjs::Error> for Converted {
    fn from(e: rquickjs::Error) -> Self {
        Converted::Engine(e)
    }
}

impl Converted {
    /// As an engine error, a limit thrown as its JavaScript error.
    pub(crate) fn throw(self, ctx: &Ctx<'_>) -> rquickjs::Error {
        match self {
            Converted::Limit(e) => e.throw(ctx),
            Converted::Engine(e) => e,
        }
    }
}

/// What a container becomes once its children are built.
enum Target<'js> {
    Array(Array<'js>, u32),
    Object(Object<'js>, std::vec::IntoIter<String>),
    Map(Vec<Value<'js>>),
    Set(Vec<Value<'js>>),
    Error {
        error: JsError,
        has_cause: bool,
        keys: Vec<String>,
        built: Vec<Value<'js>>,
    },
}

/// A container being built.
struct Build<'js> {
    target: Target<'js>,
    children: std::vec::IntoIter<JsValue>,
}

impl<'js> Build<'js> {
    /// Takes the built child handed out last.
    fn accept(&mut self, value: Value<'js>) -> rquickjs::Result<()> {
        match &mut self.target {
            Target::Array(array, index) => {
                let i = *index;
                *index += 1;
                array.set(i as usize, value)
            }
            Target::Object(object, keys) => object.set(keys.next().unwrap_or_default(), value),
            Target::Map(built) | Target::Set(built) | Target::Error { built, .. } => {
                built.push(value);
                Ok(())
            }
        }
    }

    /// The finished engine value.
    fn finish(self, ctx: &Ctx<'js>, state: &State) -> rquickjs::Result<Value<'js>> {
        let array = |items: Vec<Value<'js>>| -> rquickjs::Result<Array<'js>> {
            let a = Array::new(ctx.clone())?;
            for (i, v) in items.into_iter().enumerate() {
                a.set(i, v)?;
            }
            Ok(a)
        };
        match self.target {
            Target::Array(a, _) => Ok(a.into_value()),
            Target::Object(o, _) => Ok(o.into_value()),
            Target::Map(built) => state.helper(ctx, "makeMap")?.call((array(built)?,)),
            Target::Set(built) => state.helper(ctx, "makeSet")?.call((array(built)?,)),
            Target::Error {
                error,
                has_cause,
                keys,
                built,
            } => {
                let mut it = built.into_iter();
                let cause = if has_cause { it.next() } else { None };
                let mut props = Vec::new();
                for (k, v) in keys.into_iter().zip(it) {
                    props.push(rquickjs::String::from_str(ctx.clone(), &k)?.into_value());
                    props.push(v);
                }
                state.helper(ctx, "makeError")?.call((
                    error.name,
                    error.message,
                    error.stack,
                    has_cause,
                    cause,
                    array(props)?,
                ))
            }
        }
    }
}

/// A value made at once, or a container to fill.
enum Made<'js> {
    Leaf(Value<'js>),
    Container(Build<'js>),
}

impl JsValue {
    /// Builds the engine value, consuming `self`.
    ///
    /// # Errors
    ///
    /// [`Converted::Limit`] if `self` is nested deeper than
    /// [`JsValue::MAX_DEPTH`] or holds a foreign handle;
    /// [`Converted::Engine`] if the engine fails (its exception pending).
    pub(crate) fn into_js<'js>(
        self,
        ctx: &Ctx<'js>,
        state: &State,
    ) -> Result<Value<'js>, Converted> {
        let mut stack: Vec<Build<'js>> = Vec::new();
        let mut next = self;
        let result = 'outer: loop {
            let mut done = match make(ctx, next, state) {
                Err(e) => break Err(e),
                Ok(Made::Leaf(v)) => Some(v),
                Ok(Made::Container(build)) => {
                    if stack.len() >= JsValue::MAX_DEPTH {
                        dispose(build.children);
                        break Err(Converted::Limit(ConvertError::TooDeep {
                            limit: JsValue::MAX_DEPTH,
                        }));
                    }
                    stack.push(build);
                    None
                }
            };
            // Hand finished values up until a container has another child.
            loop {
                if let Some(v) = done.take() {
                    match stack.last_mut() {
                        None => break 'outer Ok(v),
                        Some(top) => {
                            if let Err(e) = top.accept(v) {
                                break 'outer Err(Converted::Engine(e));
                            }
                        }
                    }
                }
                let top = stack.last_mut().expect("a container is being built");
                match top.children.next() {
                    Some(child) => {
                        next = child;
                        break;
                    }
                    None => {
                        let build = stack.pop().expect("the top container");
                        match build.finish(ctx, state) {
                            Ok(v) => done = Some(v),
                            Err(e) => break 'outer Err(Converted::Engine(e)),
                        }
                    }
                }
            }
        };
        if result.is_err() {
            dispose(stack.into_iter().flat_map(|b| b.children));
        }
        result
    }
}

/// Makes a leaf, or an empty container with its children to build.
fn make<'js>(ctx: &Ctx<'js>, value: JsValue, state: &State) -> Result<Made<'js>, Converted> {
    let c = ctx.clone();
    let handle = |h: &crate::embed::Handle| {
        state
            .handles
            .value(ctx, h)
            .ok_or(Converted::Limit(ConvertError::ForeignHandle))
    };
    let leaf = match value {
        JsValue::Undefined => Value::new_undefined(c),
        JsValue::Null => Value::new_null(c),
        JsValue::Bool(b) => Value::new_bool(c, b),
        JsValue::Number(n) => Value::new_number(c, n),
        JsValue::String(s) => rquickjs::String::from_str(c, &s)?.into_value(),
        JsValue::BigInt(b) => state.helper(ctx, "makeBigInt")?.call((b.as_str(),))?,
        JsValue::Date(ms) => state.helper(ctx, "makeDate")?.call((ms,))?,
        JsValue::ArrayBuffer(bytes) => ArrayBuffer::new(c, bytes)?.into_value(),
        JsValue::TypedArray(t) => {
            let buffer = ArrayBuffer::new(c, t.bytes)?;
            state
                .helper(ctx, "makeTyped")?
                .call((t.kind.name(), buffer))?
        }
        JsValue::Function(h) | JsValue::Promise(h) | JsValue::Symbol(h) | JsValue::Instance(h) => {
            handle(&h)?
        }
        JsValue::Array(items) => {
            let target = Target::Array(Array::new(c)?, 0);
            return Ok(container(target, items));
        }
        JsValue::Object(props) => {
            let (keys, values): (Vec<_>, Vec<_>) = props.into_iter().unzip();
            let target = Target::Object(Object::new(c)?, keys.into_iter());
            return Ok(container(target, values));
        }
        JsValue::Map(entries) => {
            let mut flat = Vec::with_capacity(entries.len() * 2);
            for (k, v) in entries {
                flat.push(k);
                flat.push(v);
            }
            return Ok(container(Target::Map(Vec::new()), flat));
        }
        JsValue::Set(items) => return Ok(container(Target::Set(Vec::new()), items)),
        JsValue::Error(e) => {
            let mut error = *e;
            let cause = error.cause.take();
            let has_cause = cause.is_some();
            let (keys, mut values): (Vec<_>, Vec<_>) =
                std::mem::take(&mut error.props).into_iter().unzip();
            if let Some(cause) = cause {
                values.insert(0, cause);
            }
            let target = Target::Error {
                error,
                has_cause,
                keys,
                built: Vec::new(),
            };
            return Ok(container(target, values));
        }
    };
    Ok(Made::Leaf(leaf))
}

fn container(target: Target<'_>, children: Vec<JsValue>) -> Made<'_> {
    Made::Container(Build {
        target,
        children: children.into_iter(),
    })
}
