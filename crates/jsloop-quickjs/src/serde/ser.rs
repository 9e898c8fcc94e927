//! `Serialize` types into [`JsValue`].

use serde::ser::{self, Serialize};

use super::SerdeError;
use crate::value::{BigInt, JsValue, TypedArray, TypedArrayKind};

/// The largest integer a number holds exactly (2^53).
const SAFE: u128 = 1 << 53;

/// Serializes into a [`JsValue`].
pub(super) struct Serializer;

fn int(negative: bool, magnitude: u128) -> JsValue {
    if magnitude <= SAFE {
        let n = magnitude as f64;
        JsValue::Number(if negative { -n } else { n })
    } else {
        let digits = format!("{}{magnitude}", if negative { "-" } else { "" });
        JsValue::BigInt(digits.parse::<BigInt>().expect("decimal digits"))
    }
}

fn signed(n: i128) -> JsValue {
    int(n < 0, n.unsigned_abs())
}

type Result<T> = std::result::Result<T, SerdeError>;

impl ser::Serializer for Serializer {
    type Ok = JsValue;
    type Error = SerdeError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Variant<Seq>;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Variant<Map>;

    fn serialize_bool(self, v: bool) -> Result<JsValue> {
        Ok(JsValue::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue> {
        Ok(signed(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue> {
        Ok(signed(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue> {
        Ok(signed(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue> {
        Ok(signed(v.into()))
    }
    fn serialize_i128(self, v: i128) -> Result<JsValue> {
        Ok(signed(v))
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue> {
        Ok(int(false, v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue> {
        Ok(int(false, v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue> {
        Ok(int(false, v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue> {
        Ok(int(false, v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result<JsValue> {
        Ok(int(false, v))
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue> {
        Ok(JsValue::Number(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue> {
        Ok(JsValue::Number(v))
    }
    fn serialize_char(self, v: char) -> Result<JsValue> {
        Ok(JsValue::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue> {
        Ok(JsValue::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<JsValue> {
        Ok(JsValue::TypedArray(TypedArray {
            kind: TypedArrayKind::Uint8,
            bytes: v.to_vec(),
        }))
    }
    fn serialize_none(self) -> Result<JsValue> {
        Ok(JsValue::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue> {
        Ok(JsValue::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<JsValue> {
        Ok(JsValue::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<JsValue> {
        Ok(JsValue::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<JsValue> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<JsValue> {
        Ok(JsValue::Object(vec![(
            variant.to_owned(),
            value.serialize(self)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Seq>> {
        Ok(Variant(variant, Seq(Vec::with_capacity(len))))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map> {
        Ok(Map::default())
    }
    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Map> {
        Ok(Map::default())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Variant<Map>> {
        Ok(Variant(variant, Map::default()))
    }
}

/// An array being serialized.
pub(super) struct Seq(Vec<JsValue>);

impl Seq {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.0.push(value.serialize(Serializer)?);
        Ok(())
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue> {
        Ok(JsValue::Array(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue> {
        Ok(JsValue::Array(self.0))
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue> {
        Ok(JsValue::Array(self.0))
    }
}

/// A map or struct being serialized: an object while every key is a
/// string, a `Map` otherwise.
#[derive(Default)]
pub(super) struct Map {
    entries: Vec<(JsValue, JsValue)>,
    key: Option<JsValue>,
}

impl Map {
    fn finish(self) -> JsValue {
        if self.entries.iter().all(|(k, _)| k.as_str().is_some()) {
            let props = self.entries.into_iter().map(|(k, v)| match k {
                JsValue::String(k) => (k, v),
                _ => unreachable!("every key is a string"),
            });
            JsValue::Object(props.collect())
        } else {
            JsValue::Map(self.entries)
        }
    }
}

impl ser::SerializeMap for Map {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(Serializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().unwrap_or_default();
        self.entries.push((key, value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> Result<JsValue> {
        Ok(self.finish())
    }
}

impl ser::SerializeStruct for Map {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.entries
            .push((key.into(), value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> Result<JsValue> {
        Ok(self.finish())
    }
}

/// An enum variant with data: `{ Variant: data }`.
pub(super) struct Variant<T>(&'static str, T);

impl ser::SerializeTupleVariant for Variant<Seq> {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.1.push(value)
    }
    fn end(self) -> Result<JsValue> {
        Ok(JsValue::Object(vec![(
            self.0.to_owned(),
            JsValue::Array(self.1 .0),
        )]))
    }
}

impl ser::SerializeStructVariant for Variant<Map> {
    type Ok = JsValue;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<JsValue> {
        Ok(JsValue::Object(vec![(self.0.to_owned(), self.1.finish())]))
    }
}
