//! The Rust embedding API: host functions (sync and async, settled from
//! another thread), calling JavaScript from Rust, limits, and dropping a
//! runtime in the middle of pending work.

use std::time::Duration;

use jsloop::VirtualClock;
use jsloop_quickjs::{Error, JsValue, Output, Runtime, Stream};

fn captured() -> (Runtime, Output) {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .build()
        .unwrap();
    (rt, out)
}

#[test]
fn sync_host_function_gets_arguments_and_returns_a_value() {
    let (rt, out) = captured();
    rt.register_fn("add", |args| match args.as_slice() {
        [JsValue::Number(a), JsValue::Number(b)] => Ok(JsValue::Number(a + b)),
        _ => Err("add expects two numbers".into()),
    })
    .unwrap();
    rt.run_script(
        "main.js",
        "console.log(add(2, 3)); try { add('x') } catch (e) { console.log(e.message) }",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stdout), "5\nadd expects two numbers\n");
}

#[test]
fn async_host_function_settled_from_another_thread() {
    let (rt, out) = captured();
    rt.register_async_fn("work", |args, settler| {
        let n = match args.first() {
            Some(JsValue::Number(n)) => *n,
            _ => 0.0,
        };
        std::thread::spawn(move || {
            if n < 0.0 {
                settler.reject("negative");
            } else {
                settler.resolve(JsValue::Number(n * 2.0));
            }
        });
    })
    .unwrap();
    rt.run_script(
        "main.js",
        "work(21).then((v) => console.log('resolved', v));
         work(-1).catch((e) => console.log('rejected', e.message));
         (async () => console.log('awaited', await work(1)))();",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    let stdout = out.captured(Stream::Stdout);
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    assert_eq!(lines, ["awaited 2", "rejected negative", "resolved 42"]);
}

#[test]
fn an_async_host_function_that_drops_its_settler_rejects() {
    let (rt, out) = captured();
    rt.register_async_fn("broken", |_, settler| drop(settler))
        .unwrap();
    rt.run_script(
        "main.js",
        "broken().catch((e) => console.log('rejected:', e.message));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "rejected: async host function dropped its settler\n"
    );
}

#[test]
fn call_javascript_from_rust() {
    let (rt, _out) = captured();
    rt.run_script(
        "main.js",
        "globalThis.greet = (name, n) => ({ text: `hi ${name}`, n: n + 1 });",
    )
    .unwrap();
    let v = rt
        .call_global("greet", vec!["ann".into(), JsValue::Number(1.0)])
        .unwrap();
    assert_eq!(
        v,
        JsValue::Object(vec![
            ("text".into(), JsValue::String("hi ann".into())),
            ("n".into(), JsValue::Number(2.0)),
        ])
    );
    assert!(matches!(
        rt.call_global("missing", vec![]),
        Err(Error::Exception(_))
    ));
    assert_eq!(
        rt.eval("[1, 'a', null]").unwrap(),
        JsValue::Array(vec![1.0.into(), "a".into(), JsValue::Null])
    );
}

#[test]
fn dropping_a_runtime_with_pending_work_neither_aborts_nor_leaks() {
    for _ in 0..20 {
        let (rt, _out) = captured();
        rt.register_async_fn("never", |_, settler| std::mem::forget(settler))
            .unwrap();
        rt.run_script(
            "main.js",
            "setTimeout(() => {}, 100000);
             setInterval(() => {}, 5);
             setImmediate(() => {});
             process.nextTick(() => {});
             queueMicrotask(() => {});
             process.on('exit', () => {});
             Promise.reject(new Error('pending report'));
             never();
             new Promise(() => {});",
        )
        .unwrap();
        // No run: every callback and handle is still pending here.
        drop(rt);
    }
}

#[test]
fn memory_limit_stops_a_runaway_allocation() {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .memory_limit(8 * 1024 * 1024)
        .build()
        .unwrap();
    rt.run_script(
        "main.js",
        "const a = []; while (true) a.push('x'.repeat(1000));",
    )
    .unwrap();
    // 1, or 7 when reporting the error itself ran out of memory (as Node
    // exits 7 when its fatal-exception handling fails).
    let code = rt.run().unwrap();
    assert!(code == 1 || code == 7, "exit code {code}");
    // The report names the error when the engine could still allocate it
    // ("InternalError: out of memory"); at the very limit QuickJS may only
    // manage to throw `null`. Either way the script stopped and said so.
    assert!(!out.captured(Stream::Stderr).is_empty());
}

#[test]
fn cpu_limit_interrupts_an_endless_loop() {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .cpu_limit(Duration::from_millis(50))
        .build()
        .unwrap();
    rt.run_script("main.js", "while (true) {}").unwrap();
    assert_eq!(rt.run().unwrap(), 1);
    assert!(
        out.captured(Stream::Stderr).contains("interrupted"),
        "{}",
        out.captured(Stream::Stderr)
    );
}

/// Each kind of pending work holds a JavaScript closure over a host
/// function whose Rust closure owns a counted reference: once the runtime
/// is dropped, the engine must have freed every such closure.
#[test]
fn dropping_a_runtime_frees_every_callback_it_still_held() {
    let cases = [
        "setTimeout(() => s(), 100000);",
        "setTimeout((f) => f(), 100000, s);",
        "setImmediate((f) => f(), s);",
        "process.nextTick((f) => f(), s);",
        "const t = setTimeout(() => {}, 1); t.s = s; +t; clearTimeout(t); t.refresh();",
        "setInterval(() => s(), 5);",
        "setImmediate(() => s());",
        "setImmediate(() => {}).unref(); setTimeout(() => s(), 5).unref();",
        "process.nextTick(() => s());",
        "queueMicrotask(() => s());",
        "Promise.resolve().then(() => s());",
        "process.on('exit', () => s());",
        "Promise.reject(s);",
        "never().then(() => s());",
        "const t = setTimeout(() => {}, 1); t.s = s; t[Symbol.toPrimitive]();",
    ];
    for case in cases {
        let witness = std::rc::Rc::new(());
        let (rt, _out) = captured();
        let held = witness.clone();
        rt.register_fn("sentinel", move |_| {
            let _ = &held;
            Ok(JsValue::Undefined)
        })
        .unwrap();
        rt.register_async_fn("never", |_, settler| std::mem::forget(settler))
            .unwrap();
        let source = format!("const s = sentinel; delete globalThis.sentinel;\n{case}");
        rt.run_script("main.js", &source).unwrap();
        drop(rt);
        assert_eq!(
            std::rc::Rc::strong_count(&witness),
            1,
            "still held after drop: {case}"
        );
    }
}
