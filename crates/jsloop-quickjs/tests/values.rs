//! Converting values between Rust ([`JsValue`]) and JavaScript: hostile
//! shapes (huge sparse arrays, shared references, cycles, deep nesting)
//! give a clear error or a correct value, never a panic or an abort.

use jsloop_quickjs::{ConvertError, Error, JsValue, Runtime};

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
        Err(Error::Exception(e)) => {
            assert!(e.contains("value nested deeper than 1000 levels"), "{e}")
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
