//! Converting values between Rust ([`JsValue`]) and JavaScript: hostile
//! shapes (huge sparse arrays, shared references, cycles, deep nesting)
//! give a clear error or a correct value, never a panic or an abort.

use jsloop_quickjs::{
    BigInt, ConvertError, Error, JsError, JsValue, Runtime, TypedArray, TypedArrayKind,
};

fn runtime() -> Runtime {
    Runtime::builder().build().unwrap()
}

/// `depth` arrays nested in each other around `null`, built without
/// recursion.
fn nested(depth: usize) -> JsValue {
    let mut v = JsValue::Null;
    for _ in 0..depth {
        v = JsValue::Array(vec![v]);
    }
    v
}

/// How deeply `v` nests arrays, walked without recursion; takes `v` apart
/// so that dropping it cannot recurse either.
fn depth_of(mut v: JsValue) -> usize {
    let mut depth = 0;
    while let JsValue::Array(mut items) = v {
        assert_eq!(items.len(), 1);
        v = items.pop().unwrap();
        depth += 1;
    }
    assert_eq!(v, JsValue::Null);
    depth
}

const NESTED_JS: &str =
    "(() => { let v = null; for (let i = 0; i < DEPTH; i++) v = [v]; return v })()";

#[test]
fn arrays_longer_than_two_to_the_31_are_too_large_without_visiting_holes() {
    let rt = runtime();
    for length in ["2**31", "2**32 - 1"] {
        let r = rt.eval(&format!(
            "const a{0} = []; a{0}.length = {1}; a{0}",
            length.len(),
            length
        ));
        assert!(
            matches!(r, Err(Error::Convert(ConvertError::TooLarge { .. }))),
            "{length}: {r:?}"
        );
    }
}

#[test]
fn a_huge_sparse_array_argument_throws_a_range_error_in_javascript() {
    let rt = runtime();
    rt.register_fn("take", |_| Ok(JsValue::Null)).unwrap();
    let r = rt.eval(
        "const a = [1]; a.length = 2**31;
         try { take(a); 'no error' } catch (e) { e.name + ': ' + e.message }",
    );
    let JsValue::String(message) = r.unwrap() else {
        panic!("not a string")
    };
    assert!(
        message.starts_with("RangeError: value larger than"),
        "{message}"
    );
}

#[test]
fn an_object_shared_many_times_is_stopped_by_the_size_budget() {
    // 2^30 paths to the innermost object: copying each would take 3 GB.
    let rt = runtime();
    let r = rt.eval("let o = {}; for (let i = 0; i < 30; i++) o = {a: o, b: o}; o");
    assert!(
        matches!(r, Err(Error::Convert(ConvertError::TooLarge { limit }))
            if limit == JsValue::MAX_BYTES),
        "{r:?}"
    );
}

#[test]
fn an_object_shared_a_few_times_is_copied_at_each_place() {
    let rt = runtime();
    let r = rt.eval("const x = {n: 1}; ({a: x, b: [x, x]})").unwrap();
    let x = JsValue::Object(vec![("n".into(), JsValue::Number(1.0))]);
    let expected = JsValue::Object(vec![
        ("a".into(), x.clone()),
        ("b".into(), JsValue::Array(vec![x.clone(), x])),
    ]);
    assert_eq!(r, expected);
}

#[test]
fn a_cycle_is_an_error_in_both_the_result_and_an_argument() {
    let rt = runtime();
    let r = rt.eval("const o = {x: [1]}; o.x.push(o); o");
    assert!(
        matches!(r, Err(Error::Convert(ConvertError::Cyclic))),
        "{r:?}"
    );
    rt.register_fn("take", |_| Ok(JsValue::Null)).unwrap();
    let r = rt.eval(
        "const c = []; c.push({c});
         try { take(c); 'no error' } catch (e) { e.name + ': ' + e.message }",
    );
    assert_eq!(
        r.unwrap(),
        JsValue::from("TypeError: value contains a cycle")
    );
}

#[test]
fn nesting_200000_deep_from_javascript_is_too_deep() {
    let rt = runtime();
    let r = rt.eval(&NESTED_JS.replace("DEPTH", "200000"));
    assert!(
        matches!(r, Err(Error::Convert(ConvertError::TooDeep { limit }))
            if limit == JsValue::MAX_DEPTH),
        "{r:?}"
    );
}

#[test]
fn nesting_at_the_depth_limit_converts_both_ways() {
    let rt = runtime();
    let depth = JsValue::MAX_DEPTH;
    let v = rt
        .eval(&NESTED_JS.replace("DEPTH", &depth.to_string()))
        .unwrap();
    assert_eq!(depth_of(v), depth);
    rt.eval("globalThis.same = (v) => v").unwrap();
    let back = rt.call_global("same", vec![nested(depth)]).unwrap();
    assert_eq!(depth_of(back), depth);
    let r = rt.eval(&NESTED_JS.replace("DEPTH", &(depth + 1).to_string()));
    assert!(matches!(
        r,
        Err(Error::Convert(ConvertError::TooDeep { .. }))
    ));
}

#[test]
fn a_200000_deep_value_into_javascript_is_a_range_error() {
    let rt = runtime();
    rt.eval("globalThis.same = (v) => v").unwrap();
    let r = rt.call_global("same", vec![nested(200_000)]);
    match r {
        Err(Error::Convert(e)) => {
            assert!(
                e.to_string()
                    .contains("value nested deeper than 1000 levels"),
                "{e}"
            )
        }
        other => panic!("{other:?}"),
    }
    rt.register_fn("deep", |_| Ok(nested(200_000))).unwrap();
    let r = rt.eval("try { deep(); 'no error' } catch (e) { e.name + ': ' + e.message }");
    assert_eq!(
        r.unwrap(),
        JsValue::from("RangeError: value nested deeper than 1000 levels")
    );
}

#[test]
fn a_getter_that_throws_is_an_error_not_a_pending_exception() {
    let rt = runtime();
    let r = rt.eval("({ get bad() { throw new Error('boom') } })");
    match r {
        Err(Error::Convert(ConvertError::Exception(e))) => assert!(e.contains("boom"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(rt.eval("1 + 1").unwrap(), JsValue::Number(2.0));
}

#[test]
fn every_kind_comes_out_of_javascript_without_loss() {
    let rt = runtime();
    let v = rt
        .eval(
            "({
               n: -0.5, big: -(2n ** 80n), s: 'é✓', arr: [1, , 'x'],
               obj: { z: 1, a: 2 }, bare: Object.assign(Object.create(null), { k: true }),
               map: new Map([[1, 'one'], ['two', 2]]), set: new Set(['a', 3]),
               date: new Date(86400000), buf: new Uint8Array([1, 2, 3]).buffer,
               f64: new Float64Array([1.5]), node: Buffer.from('hi'),
               view: new Uint8Array([9, 8, 7, 6]).subarray(1, 3),
             })",
        )
        .unwrap();
    let get = |k: &str| v.get(k).unwrap_or_else(|| panic!("{k} missing")).clone();
    assert_eq!(get("n").as_f64(), Some(-0.5));
    assert_eq!(
        get("big").as_bigint().unwrap().as_str(),
        "-1208925819614629174706176"
    );
    assert_eq!(get("s").as_str(), Some("é✓"));
    assert_eq!(
        get("arr"),
        JsValue::Array(vec![1.into(), JsValue::Undefined, "x".into()])
    );
    let keys: Vec<&str> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys[..3], ["n", "big", "s"]);
    assert_eq!(
        get("obj"),
        JsValue::Object(vec![("z".into(), 1.into()), ("a".into(), 2.into())])
    );
    assert_eq!(get("bare").get("k"), Some(&JsValue::Bool(true)));
    assert_eq!(
        get("map"),
        JsValue::Map(vec![(1.into(), "one".into()), ("two".into(), 2.into())])
    );
    assert_eq!(get("map").get("two"), Some(&JsValue::from(2)));
    assert_eq!(get("set"), JsValue::Set(vec!["a".into(), 3.into()]));
    assert_eq!(get("date"), JsValue::Date(86_400_000.0));
    assert_eq!(get("buf"), JsValue::ArrayBuffer(vec![1, 2, 3]));
    let f64 = get("f64");
    let JsValue::TypedArray(TypedArray { kind, bytes }) = &f64 else {
        panic!("{f64:?}")
    };
    assert_eq!(
        (*kind, bytes.as_slice()),
        (TypedArrayKind::Float64, &1.5f64.to_ne_bytes()[..])
    );
    assert_eq!(
        get("node"),
        JsValue::TypedArray(TypedArray {
            kind: TypedArrayKind::Uint8,
            bytes: b"hi".to_vec()
        })
    );
    assert_eq!(get("view").as_bytes(), Some(&[8u8, 7][..]));
}

#[test]
fn what_cannot_be_copied_comes_back_as_a_handle() {
    let rt = runtime();
    let v = rt
        .eval(
            "class Point { constructor() { this.x = 1 } }
             ({ p: Promise.resolve(1), f() {}, sym: Symbol('s'), inst: new Point(), re: /a/ })",
        )
        .unwrap();
    assert!(matches!(v.get("p"), Some(JsValue::Promise(_))), "{v:?}");
    assert!(matches!(v.get("f"), Some(JsValue::Function(_))), "{v:?}");
    assert!(matches!(v.get("sym"), Some(JsValue::Symbol(_))), "{v:?}");
    assert!(matches!(v.get("inst"), Some(JsValue::Instance(_))), "{v:?}");
    assert!(matches!(v.get("re"), Some(JsValue::Instance(_))), "{v:?}");
    let inst = v.get("inst").and_then(JsValue::as_handle).unwrap();
    assert_eq!(rt.get(inst, "x").unwrap(), JsValue::from(1));
    // A promise returned directly is a handle too, never `Object([])`.
    assert!(matches!(
        rt.eval("Promise.resolve(2)").unwrap(),
        JsValue::Promise(_)
    ));
}

#[test]
fn every_kind_goes_into_javascript_as_its_class() {
    let rt = runtime();
    rt.eval(
        "globalThis.describe = (v) => Object.entries(v).map(([k, x]) => k + '=' +
           (x === undefined ? 'undefined' : x === null ? 'null' : x.constructor.name) + ':' +
           (typeof x === 'bigint' || x instanceof Date ? String(x.valueOf()) :
            x instanceof Map || x instanceof Set ? JSON.stringify([...x]) :
            ArrayBuffer.isView(x) ? String([...x]) :
            x instanceof ArrayBuffer ? String(x.byteLength) :
            x instanceof Error ? x.name + '/' + x.message + '/' + x.cause + '/' + x.code :
            JSON.stringify(x))).join(' ')",
    )
    .unwrap();
    let mut error = JsError::new("RangeError", "far");
    error.cause = Some("why".into());
    error.props.push(("code".into(), "E_FAR".into()));
    let arg = JsValue::Object(vec![
        (
            "big".into(),
            "123456789012345678901234567890"
                .parse::<BigInt>()
                .unwrap()
                .into(),
        ),
        ("map".into(), JsValue::Map(vec![("k".into(), 1.into())])),
        ("set".into(), JsValue::Set(vec![1.into(), 2.into()])),
        ("date".into(), JsValue::Date(5.0)),
        ("buf".into(), JsValue::ArrayBuffer(vec![0; 4])),
        (
            "i16".into(),
            TypedArray {
                kind: TypedArrayKind::Int16,
                bytes: (-2i16).to_ne_bytes().to_vec(),
            }
            .into(),
        ),
        ("err".into(), error.into()),
        ("nil".into(), JsValue::Null),
    ]);
    assert_eq!(
        rt.call_global("describe", vec![arg]).unwrap(),
        JsValue::from(
            "big=BigInt:123456789012345678901234567890 map=Map:[[\"k\",1]] set=Set:[1,2] \
             date=Date:5 buf=ArrayBuffer:4 i16=Int16Array:-2 err=RangeError:RangeError/far/why/E_FAR \
             nil=null:null"
        )
    );
}

#[test]
fn values_round_trip_through_javascript() {
    let rt = runtime();
    rt.eval("globalThis.same = (v) => v").unwrap();
    let v = rt
        .eval(
            "({ a: [1n, new Map([[{ k: 1 }, new Set([new Date(3)])]])],
                e: Object.assign(new TypeError('t', { cause: new Error('c') }), { code: 'E' }),
                u8: new Uint8Array([255]) })",
        )
        .unwrap();
    assert_eq!(rt.call_global("same", vec![v.clone()]).unwrap(), v);
    let e = v.get("e").and_then(JsValue::as_error).unwrap();
    assert_eq!((e.name.as_str(), e.message.as_str()), ("TypeError", "t"));
    assert_eq!(
        e.cause
            .as_ref()
            .and_then(JsValue::as_error)
            .unwrap()
            .message,
        "c"
    );
    assert_eq!(e.props, vec![("code".to_string(), JsValue::from("E"))]);
    // A function handle goes back in as the same function.
    let f = rt.eval("globalThis.g = () => 7; g").unwrap();
    rt.eval("globalThis.isG = (f) => f === g").unwrap();
    assert_eq!(rt.call_global("isG", vec![f]).unwrap(), JsValue::Bool(true));
}

#[test]
fn a_lone_surrogate_becomes_a_replacement_character() {
    let rt = runtime();
    assert_eq!(rt.eval("'a\\uD800b'").unwrap(), JsValue::from("a\u{FFFD}b"));
}

#[test]
fn bytes_cross_without_a_copy_both_ways() {
    let rt = Runtime::new().unwrap();
    rt.eval("globalThis.keep = (b) => { globalThis.frame = b }")
        .unwrap();
    let frame = vec![1u8, 2, 3, 4, 5];
    let at = frame.as_ptr() as usize;
    rt.call_global("keep", vec![JsValue::ArrayBuffer(frame)])
        .unwrap();
    let whole = rt
        .with_bytes("frame", |b| (b.as_ptr() as usize, b.to_vec()))
        .unwrap();
    assert_eq!(whole, (at, vec![1, 2, 3, 4, 5]));
    let view = rt
        .with_bytes("Buffer.from(frame, 1, 3)", |b| {
            (b.as_ptr() as usize, b.to_vec())
        })
        .unwrap();
    assert_eq!(view, (at + 1, vec![2, 3, 4]));
    let empty = rt.with_bytes("new ArrayBuffer(0)", <[u8]>::len).unwrap();
    assert_eq!(empty, 0);
}

#[test]
fn with_bytes_refuses_what_holds_no_bytes() {
    let rt = Runtime::new().unwrap();
    for (source, found) in [
        ("'abc'", "a string"),
        ("({})", "an object"),
        ("new DataView(new ArrayBuffer(2))", "an object"),
        (
            "(() => { const b = new ArrayBuffer(4); b.transfer(); return b })()",
            "an object",
        ),
    ] {
        match rt.with_bytes(source, |b| b.len()) {
            Err(Error::NotBytes { found: f }) => assert_eq!(f, found, "{source}"),
            other => panic!("{source}: {other:?}"),
        }
    }
    assert!(matches!(
        rt.with_bytes("throw new TypeError('no')", |b| b.len()),
        Err(Error::Exception(_))
    ));
}

#[test]
#[should_panic(expected = "while it lent its bytes")]
fn with_bytes_refuses_javascript_while_lending() {
    let rt = Runtime::new().unwrap();
    let _ = rt.with_bytes("new Uint8Array(4)", |_| rt.eval("1"));
}
