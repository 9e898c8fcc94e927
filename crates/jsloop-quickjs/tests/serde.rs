//! `serde` support: Rust types to JavaScript values and back, through a
//! runtime, with the shapes `serde_v8` gives (run with `--features serde`).
#![cfg(feature = "serde")]

use std::collections::BTreeMap;

use jsloop_quickjs::{from_value, to_value, JsValue, Runtime};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Shape {
    Empty,
    Circle(f64),
    Rect { w: u32, h: u32 },
    Pair(i8, i8),
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Everything {
    name: String,
    count: u64,
    huge: u64,
    delta: i32,
    ratio: f32,
    flag: bool,
    maybe: Option<String>,
    list: Vec<u16>,
    tuple: (char, String),
    by_name: BTreeMap<String, i32>,
    by_number: BTreeMap<u32, String>,
    shapes: Vec<Shape>,
    #[serde(with = "bytes")]
    raw: Vec<u8>,
}

mod bytes {
    pub(crate) fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        d.deserialize_byte_buf(V)
    }
}

fn sample() -> Everything {
    Everything {
        name: "ann".into(),
        count: 3,
        huge: u64::MAX,
        delta: -7,
        ratio: 0.5,
        flag: true,
        maybe: None,
        list: vec![1, 2],
        tuple: ('x', "y".into()),
        by_name: [("a".to_string(), 1)].into(),
        by_number: [(7, "seven".to_string())].into(),
        shapes: vec![
            Shape::Empty,
            Shape::Circle(1.5),
            Shape::Rect { w: 2, h: 3 },
            Shape::Pair(-1, 1),
        ],
        raw: vec![0, 255],
    }
}

#[test]
fn rust_values_have_javascript_shapes() {
    let rt = Runtime::new().unwrap();
    rt.eval(
        "globalThis.show = (v) => [
           typeof v.count, typeof v.huge, String(v.huge), v.maybe, v.list.join(),
           v.tuple.join(), v.by_name.a, v.by_number instanceof Map, v.by_number.get(7),
           JSON.stringify(v.shapes), v.raw instanceof Uint8Array, String(v.raw),
         ].join('|')",
    )
    .unwrap();
    let shown = rt
        .call_global("show", vec![to_value(&sample()).unwrap()])
        .unwrap();
    assert_eq!(
        shown.as_str().unwrap(),
        "number|bigint|18446744073709551615||1,2|x,y|1|true|seven|\
         [\"Empty\",{\"Circle\":1.5},{\"Rect\":{\"w\":2,\"h\":3}},{\"Pair\":[-1,1]}]|true|0,255"
    );
}

#[test]
fn values_round_trip_through_javascript() {
    let rt = Runtime::new().unwrap();
    rt.eval("globalThis.same = (v) => v").unwrap();
    let back = rt
        .call_global("same", vec![to_value(&sample()).unwrap()])
        .unwrap();
    assert_eq!(from_value::<Everything>(back).unwrap(), sample());
}

#[test]
fn javascript_values_deserialize_into_rust_types() {
    let rt = Runtime::new().unwrap();
    let v = rt
        .eval("({ id: 5n, tags: new Set(['a', 'b']), at: undefined, ok: 1 })")
        .unwrap();
    #[derive(Deserialize, Debug, PartialEq)]
    struct Row {
        id: u32,
        tags: Vec<String>,
        at: Option<f64>,
    }
    assert_eq!(
        from_value::<Row>(v).unwrap(),
        Row {
            id: 5,
            tags: vec!["a".into(), "b".into()],
            at: None
        }
    );
}

#[test]
fn a_mismatch_names_what_was_expected() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Port {
        port: u16,
    }
    let e = from_value::<Port>(JsValue::Object(vec![("port".into(), "80".into())])).unwrap_err();
    assert_eq!(e.to_string(), "invalid type: string \"80\", expected u16");
    let e = from_value::<Port>(JsValue::Object(vec![("port".into(), 70000.into())])).unwrap_err();
    assert!(e.to_string().contains("expected u16"), "{e}");
    let e = from_value::<Port>(JsValue::Object(vec![])).unwrap_err();
    assert_eq!(e.to_string(), "missing field `port`");
}
