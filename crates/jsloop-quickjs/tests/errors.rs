//! How the runtime reports scripts that fail: positions and exit codes.

use jsloop_quickjs::{Error, Exception, JsValue, Output, Runtime, Stream};

fn run(source: &str) -> (String, i32) {
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script("/app/main.js", source).unwrap();
    let code = rt.run().unwrap();
    (out.captured(Stream::Stderr), code)
}

#[test]
fn a_syntax_error_on_the_first_line_points_at_the_source_column() {
    let (stderr, code) = run("let x = ;\nconsole.log('never');");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("/app/main.js:1\nlet x = ;\n        ^\n\nSyntaxError: "),
        "{stderr}"
    );
    assert!(stderr.contains("/app/main.js:1:9"), "{stderr}");
}

#[test]
fn a_syntax_error_further_down_keeps_its_line() {
    let (stderr, code) = run("let a = 1;\nfoo bar;\n");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("/app/main.js:2\nfoo bar;\n    ^\n"),
        "{stderr}"
    );
    assert!(stderr.contains("/app/main.js:2:5"), "{stderr}");
}

#[test]
fn a_thrown_non_error_is_printed_as_node_inspects_it() {
    let (stderr, code) = run("throw { a: 1 };");
    assert_eq!(code, 1);
    assert_eq!(stderr, "{ a: 1 }\n");
}

#[test]
fn a_handler_attached_after_the_report_emits_rejection_handled() {
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script(
        "late.js",
        "const p = Object.freeze(Promise.reject(new Error('late')));
         process.on('unhandledRejection', (e, q) => console.log('unhandled', e.message, q === p));
         process.on('rejectionHandled', (q) => console.log('handled', q === p));
         setTimeout(() => p.catch(() => {}), 1);",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "unhandled late true\nhandled true\n"
    );
}

#[test]
fn an_unhandled_non_error_rejection_names_its_reason_as_v8_does() {
    // Node prints V8's side-effect-free string of the reason.
    for (reason, shown) in [
        ("'just a string'", "just a string"),
        ("42", "42"),
        ("{ a: 1 }", "#<Object>"),
        ("[1, 2]", "[object Array]"),
        ("Object.create(null)", "[object Object]"),
        ("new (class Foo {})()", "#<Foo>"),
    ] {
        let (stderr, code) = run(&format!("Promise.reject({reason});"));
        assert_eq!(code, 1);
        let expected = format!("The promise rejected with the reason \"{shown}\".");
        assert!(stderr.contains(&expected), "{reason}: {stderr}");
    }
}

#[test]
fn microtasks_queued_by_exit_listeners_run_on_a_natural_exit() {
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script(
        "exit.js",
        "process.on('exit', () => {
           setTimeout(() => console.log('timer (never)'), 0);
           process.nextTick(() => console.log('tick (never)'));
           Promise.resolve().then(() => console.log('promise job'));
           queueMicrotask(() => console.log('microtask'));
         });",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stdout), "promise job\nmicrotask\n");
}

/// The exception an embedder's call returned.
fn thrown(r: Result<JsValue, Error>) -> Exception {
    match r {
        Err(Error::Exception(e)) => e,
        other => panic!("not an exception: {other:?}"),
    }
}

#[test]
fn a_thrown_type_error_keeps_its_class_message_stack_and_cause() {
    let rt = Runtime::new().unwrap();
    let e = thrown(rt.eval("function f() { throw new TypeError('nope', { cause: 'why' }) }\nf()"));
    assert_eq!(e.name(), Some("TypeError"));
    assert_eq!(e.message(), Some("nope"));
    assert_eq!(e.cause(), Some(&JsValue::from("why")));
    assert!(e.stack().unwrap().contains("at f"), "{:?}", e.stack());
    let shown = e.to_string();
    assert!(shown.starts_with("TypeError: nope\n"), "{shown}");
    assert!(!shown.contains("quickjs"), "{shown}");
    assert!(matches!(e.value(), JsValue::Error(_)));
}

#[test]
fn a_thrown_string_is_that_string() {
    let rt = Runtime::new().unwrap();
    let e = thrown(rt.eval("throw 'a string'"));
    assert_eq!(e.to_string(), "a string");
    assert_eq!(e.value(), &JsValue::from("a string"));
    assert_eq!(e.name(), None);
    let e = thrown(rt.eval("throw { a: 1 }"));
    assert_eq!(e.to_string(), "{ a: 1 }");
}

#[test]
fn a_missing_global_function_is_named() {
    let rt = Runtime::new().unwrap();
    let r = rt.call_global("missing", vec![]);
    assert!(
        matches!(r, Err(Error::NotAFunction { ref name, found: "undefined" }) if name == "missing")
    );
    assert_eq!(
        r.unwrap_err().to_string(),
        "missing is not a function (it is undefined)"
    );
    rt.eval("globalThis.answer = 42").unwrap();
    let r = rt.call_global("answer", vec![]);
    assert_eq!(
        r.unwrap_err().to_string(),
        "answer is not a function (it is a number)"
    );
}

#[test]
fn a_call_that_throws_gives_the_javascript_error() {
    let rt = Runtime::new().unwrap();
    rt.eval("globalThis.check = (n) => { if (n < 0) throw new RangeError(`bad ${n}`); return n }")
        .unwrap();
    let e = thrown(rt.call_global("check", vec![JsValue::from(-1)]));
    assert_eq!(
        (e.name(), e.message()),
        (Some("RangeError"), Some("bad -1"))
    );
}

#[test]
fn an_error_s_own_message_and_stack_are_fields_not_properties() {
    let rt = Runtime::new().unwrap();
    // The binding's access error defines `message` and `stack` enumerable.
    let r = rt.eval_await("import('/nowhere/x.mjs')");
    let Err(Error::Exception(e)) = r else {
        panic!("{r:?}")
    };
    let error = e.error().unwrap();
    let keys: Vec<&str> = error.props.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["code"], "{error:?}");
    assert!(error.message.contains("/nowhere/x.mjs"), "{error:?}");
    assert!(e.value().get("code").is_some(), "{error:?}");
    // And a plain error's own enumerable properties stay, in order.
    let v = rt
        .eval("Object.assign(new Error('x'), { b: 1, a: 2 })")
        .unwrap();
    let keys: Vec<&str> = v
        .as_error()
        .unwrap()
        .props
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys, ["b", "a"]);
}
