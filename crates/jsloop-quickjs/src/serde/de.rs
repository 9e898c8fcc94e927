//! [`JsValue`] into `Deserialize` types.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::SerdeError;
use crate::value::JsValue;

type Result<T> = std::result::Result<T, SerdeError>;

/// What a value is, for error messages.
fn unexpected(v: &JsValue) -> de::Unexpected<'_> {
    match v {
        JsValue::Bool(b) => de::Unexpected::Bool(*b),
        JsValue::Number(n) => de::Unexpected::Float(*n),
        JsValue::String(s) => de::Unexpected::Str(s),
        JsValue::Undefined | JsValue::Null => de::Unexpected::Unit,
        JsValue::Array(_) | JsValue::Set(_) => de::Unexpected::Seq,
        JsValue::Object(_) | JsValue::Map(_) => de::Unexpected::Map,
        other => de::Unexpected::Other(other.type_of()),
    }
}

fn invalid<T>(v: &JsValue, exp: &dyn de::Expected) -> Result<T> {
    Err(de::Error::invalid_type(unexpected(v), exp))
}

/// The value as an `i128`, if it is an integer (a number or a `BigInt`).
fn integer(v: &JsValue) -> Option<i128> {
    match v {
        JsValue::Number(n) if n.fract() == 0.0 && n.abs() < 1.8e38 => Some(*n as i128),
        JsValue::BigInt(b) => b.to_i128(),
        _ => None,
    }
}

macro_rules! integers {
    ($($method:ident $t:ty => $visit:ident;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match integer(&self).and_then(|n| <$t>::try_from(n).ok()) {
                Some(n) => visitor.$visit(n),
                None => invalid(&self, &visitor),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for JsValue {
    type Error = SerdeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            JsValue::Undefined | JsValue::Null => visitor.visit_unit(),
            JsValue::Bool(b) => visitor.visit_bool(b),
            JsValue::Number(n) => visitor.visit_f64(n),
            JsValue::Date(ms) => visitor.visit_f64(ms),
            JsValue::BigInt(ref b) => match (b.to_i64(), b.to_i128()) {
                (Some(n), _) => visitor.visit_i64(n),
                (None, Some(n)) => visitor.visit_i128(n),
                _ => visitor.visit_string(b.to_string()),
            },
            JsValue::String(s) => visitor.visit_string(s),
            JsValue::Array(items) | JsValue::Set(items) => visit_seq(items, visitor),
            JsValue::ArrayBuffer(bytes) => visitor.visit_byte_buf(bytes),
            JsValue::TypedArray(t) => visitor.visit_byte_buf(t.bytes),
            JsValue::Object(props) => {
                let entries = props.into_iter().map(|(k, v)| (JsValue::String(k), v));
                visit_map(entries.collect(), visitor)
            }
            JsValue::Map(entries) => visit_map(entries, visitor),
            JsValue::Error(e) => {
                let mut props = vec![
                    (JsValue::from("name"), JsValue::from(e.name)),
                    (JsValue::from("message"), JsValue::from(e.message)),
                ];
                props.extend(e.props.into_iter().map(|(k, v)| (JsValue::String(k), v)));
                visit_map(props, visitor)
            }
            other => invalid(&other, &visitor),
        }
    }

    integers! {
        deserialize_i8 i8 => visit_i8;
        deserialize_i16 i16 => visit_i16;
        deserialize_i32 i32 => visit_i32;
        deserialize_i64 i64 => visit_i64;
        deserialize_i128 i128 => visit_i128;
        deserialize_u8 u8 => visit_u8;
        deserialize_u16 u16 => visit_u16;
        deserialize_u32 u32 => visit_u32;
        deserialize_u64 u64 => visit_u64;
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = match &self {
            JsValue::BigInt(b) => b.as_str().parse::<u128>().ok(),
            other => integer(other).and_then(|n| u128::try_from(n).ok()),
        };
        match n {
            Some(n) => visitor.visit_u128(n),
            None => invalid(&self, &visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            JsValue::Number(n) | JsValue::Date(n) => visitor.visit_f64(n),
            JsValue::BigInt(b) => visitor.visit_f64(b.to_f64()),
            other => invalid(&other, &visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            JsValue::Undefined | JsValue::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            JsValue::ArrayBuffer(bytes) => visitor.visit_byte_buf(bytes),
            JsValue::TypedArray(t) => visitor.visit_byte_buf(t.bytes),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            // Bytes read as a sequence of numbers (`Vec<u8>`).
            JsValue::ArrayBuffer(bytes) => visit_seq(
                bytes
                    .into_iter()
                    .map(|b| JsValue::from(u32::from(b)))
                    .collect(),
                visitor,
            ),
            JsValue::TypedArray(t) if t.kind.element_size() == 1 => visit_seq(
                t.bytes
                    .into_iter()
                    .map(|b| JsValue::from(u32::from(b)))
                    .collect(),
                visitor,
            ),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self {
            JsValue::String(variant) => visitor.visit_enum(variant.into_deserializer()),
            JsValue::Object(mut props) if props.len() == 1 => {
                let (variant, value) = props.pop().expect("one property");
                visitor.visit_enum(Enum { variant, value })
            }
            other => invalid(&other, &"a string or an object with one key"),
        }
    }

    forward_to_deserialize_any! {
        bool char str string unit unit_struct tuple tuple_struct map struct identifier ignored_any
    }
}

fn visit_seq<'de, V: Visitor<'de>>(items: Vec<JsValue>, visitor: V) -> Result<V::Value> {
    let len = items.len();
    let mut seq = de::value::SeqDeserializer::new(items.into_iter());
    let value = visitor.visit_seq(&mut seq)?;
    seq.end()
        .map_err(|_| de::Error::invalid_length(len, &"fewer elements"))?;
    Ok(value)
}

fn visit_map<'de, V: Visitor<'de>>(
    entries: Vec<(JsValue, JsValue)>,
    visitor: V,
) -> Result<V::Value> {
    let mut map = de::value::MapDeserializer::new(entries.into_iter());
    let value = visitor.visit_map(&mut map)?;
    map.end()?;
    Ok(value)
}

impl IntoDeserializer<'_, SerdeError> for JsValue {
    type Deserializer = JsValue;
    fn into_deserializer(self) -> JsValue {
        self
    }
}

/// An enum variant with data, from `{ Variant: value }`.
struct Enum {
    variant: String,
    value: JsValue,
}

impl<'de> de::EnumAccess<'de> for Enum {
    type Error = SerdeError;
    type Variant = JsValue;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, JsValue)> {
        let variant = seed.deserialize(JsValue::String(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for JsValue {
    type Error = SerdeError;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
