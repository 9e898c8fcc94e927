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
        Err(Error::NotAFunction { .. })
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

/// Runs a script that drops a cycle watched by a `FinalizationRegistry`
/// and then allocates 5,000 objects; returns what it printed.
fn cycle_collection_with(threshold: usize) -> String {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .gc_threshold(threshold)
        .build()
        .unwrap();
    rt.run_script(
        "main.js",
        "const registry = new FinalizationRegistry((v) => console.log('collected', v));
         (() => { const a = {}; a.self = a; registry.register(a, 'cycle'); })();
         const keep = [];
         for (let i = 0; i < 5000; i++) keep.push({ i });
         setImmediate(() => console.log('done'));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    out.captured(Stream::Stdout)
}

#[test]
fn gc_threshold_sets_when_cycles_are_collected() {
    assert_eq!(cycle_collection_with(0), "collected cycle\ndone\n");
    assert_eq!(cycle_collection_with(usize::MAX), "done\n");
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

#[test]
fn awaiting_a_promise_that_settles_after_timers_and_ticks() {
    let (rt, out) = captured();
    let v = rt.eval_await(
        "(async () => {
           await new Promise((ok) => setTimeout(ok, 50));
           await new Promise((ok) => setImmediate(ok));
           await new Promise((ok) => process.nextTick(ok));
           console.log('in js');
           return { done: true };
         })()",
    );
    assert_eq!(v.unwrap().get("done"), Some(&JsValue::Bool(true)));
    assert_eq!(out.captured(Stream::Stdout), "in js\n");
}

#[test]
fn awaiting_a_promise_settled_by_a_host_function_on_another_thread() {
    let (rt, _out) = captured();
    rt.register_async_fn("work", |args, settler| {
        let n = args.first().and_then(JsValue::as_f64).unwrap_or(0.0);
        std::thread::spawn(move || settler.resolve(JsValue::from(n + 1.0)));
    })
    .unwrap();
    rt.eval("globalThis.twice = async (n) => (await work(n)) * 2")
        .unwrap();
    let future = rt.call_global_async("twice", vec![JsValue::from(20)]);
    assert_eq!(rt.block_on(future).unwrap().unwrap(), JsValue::from(42));
}

#[test]
fn a_rejected_promise_gives_the_error_and_is_not_unhandled() {
    let (rt, out) = captured();
    let r = rt.eval_await("Promise.reject(new SyntaxError('bad'))");
    match r {
        Err(Error::Exception(e)) => {
            assert_eq!((e.name(), e.message()), (Some("SyntaxError"), Some("bad")))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stderr), "");
}

#[test]
fn a_promise_that_never_settles_stalls_instead_of_hanging() {
    let (rt, _out) = captured();
    assert!(matches!(
        rt.eval_await("new Promise(() => {})"),
        Err(Error::Stalled)
    ));
}

#[test]
fn a_kept_callback_and_promise_are_used_on_later_turns() {
    let (rt, _out) = captured();
    let kept = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let k = kept.clone();
    rt.register_fn("keep", move |args| {
        k.borrow_mut().extend(args);
        Ok(JsValue::Undefined)
    })
    .unwrap();
    rt.run_script(
        "main.js",
        "let n = 0;
         keep((x) => (n += x), new Promise((ok) => setTimeout(ok, 10, 'later')));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    let kept = kept.borrow().clone();
    let [JsValue::Function(add), JsValue::Promise(p)] = kept.as_slice() else {
        panic!("{kept:?}")
    };
    assert_eq!(
        rt.call(add, vec![JsValue::from(2)]).unwrap(),
        JsValue::from(2)
    );
    assert_eq!(
        rt.call(add, vec![JsValue::from(3)]).unwrap(),
        JsValue::from(5)
    );
    let later = rt.await_promise(p);
    assert_eq!(rt.block_on(later).unwrap().unwrap(), JsValue::from("later"));
}

#[test]
fn a_handle_outliving_its_runtime_is_dropped_safely() {
    let (rt, _out) = captured();
    let f = rt.eval("() => 1").unwrap();
    let p = rt.eval("new Promise(() => {})").unwrap();
    let other = Runtime::new().unwrap();
    let JsValue::Function(h) = &f else { panic!() };
    assert!(matches!(other.call(h, vec![]), Err(Error::Handle(_))));
    drop(rt);
    // Dropped on another thread, after the engine is gone.
    std::thread::spawn(move || drop((f, p))).join().unwrap();
    drop(other);
}

#[test]
fn a_runtime_runs_again_after_a_natural_end() {
    let (rt, out) = captured();
    rt.run_script(
        "one.js",
        "process.on('beforeExit', (c) => console.log('beforeExit', c));
         process.on('exit', (c) => console.log('exit', c));
         process.exitCode = 2;
         setTimeout(() => console.log('first'), 5);",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 2);
    rt.run_script("two.js", "setTimeout(() => console.log('second'), 5);")
        .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(rt.eval("1 + 1").unwrap(), JsValue::from(2));
    assert_eq!(
        out.captured(Stream::Stdout),
        "first\nbeforeExit 2\nexit 2\nsecond\nbeforeExit 0\nexit 0\n"
    );
}

#[test]
fn a_runtime_that_called_process_exit_stays_done() {
    let (rt, _out) = captured();
    rt.run_script("one.js", "process.exit(4)").unwrap();
    assert_eq!(rt.run().unwrap(), 4);
    assert!(matches!(rt.run_script("two.js", "1"), Err(Error::Exiting)));
}

#[test]
fn typed_host_function_arguments_throw_err_invalid_arg_type() {
    let (rt, _out) = captured();
    rt.register_typed_fn(
        "join",
        &["path", "count", "sep"],
        |(p, n, sep): (String, f64, Option<String>)| {
            let sep = sep.unwrap_or_else(|| "/".into());
            Ok(vec![p; n as usize].join(&sep))
        },
    )
    .unwrap();
    assert_eq!(rt.eval("join('a', 3)").unwrap(), JsValue::from("a/a/a"));
    assert_eq!(rt.eval("join('a', 2, '-')").unwrap(), JsValue::from("a-a"));
    let cases = [
        (
            "join(1.5, 1)",
            "The \"path\" argument must be of type string. Received type number (1.5)",
        ),
        (
            "join('a', 'b')",
            "The \"count\" argument must be of type number. Received type string ('b')",
        ),
        (
            "join('a')",
            "The \"count\" argument must be of type number. Received undefined",
        ),
        (
            "join([], 1)",
            "The \"path\" argument must be of type string. Received an instance of Array",
        ),
        (
            "join('a', 1, 5n)",
            "The \"sep\" argument must be of type string. Received type bigint (5n)",
        ),
    ];
    for (call, message) in cases {
        let shown = rt
            .eval(&format!(
                "try {{ {call} }} catch (e) {{ [e.name, e.code, e.message, e.stack.split('\\n')[0]] }}"
            ))
            .unwrap();
        assert_eq!(
            shown,
            JsValue::from(vec![
                JsValue::from("TypeError"),
                "ERR_INVALID_ARG_TYPE".into(),
                message.into(),
                format!("TypeError [ERR_INVALID_ARG_TYPE]: {message}").into(),
            ]),
            "{call}"
        );
    }
}

#[test]
fn a_native_module_exports_typed_functions() {
    let (rt, out) = captured();
    let m = jsloop_quickjs::NativeModule::new().typed_function(
        "scale",
        &["value", "factor"],
        |(v, k): (f64, Option<f64>)| Ok(v * k.unwrap_or(2.0)),
    );
    rt.register_module("units", m).unwrap();
    rt.run_script(
        "main.js",
        "const { scale } = require('units');
         console.log(scale(4), scale(4, 3));
         try { scale('4') } catch (e) { console.log(e.code, e.message) }",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "8 12\nERR_INVALID_ARG_TYPE The \"value\" argument must be of type number. Received type string ('4')\n"
    );
}

#[test]
fn an_uncaught_error_ends_the_run_not_the_runtime() {
    let (rt, out) = captured();
    rt.run_script(
        "one.js",
        "process.on('exit', (c) => console.log('exit', c));
         setTimeout(() => console.log('pending'), 50);
         setTimeout(() => { throw new TypeError('nope') }, 5);",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 1);
    assert!(out.captured(Stream::Stderr).contains("TypeError: nope"));
    assert_eq!(out.captured(Stream::Stdout), "exit 1\n");
    // A new run: its own exit code and events; what the failed run left
    // pending goes on, as in Node's REPL.
    rt.run_script("two.js", "process.exitCode = 3; console.log('again')")
        .unwrap();
    assert_eq!(rt.run().unwrap(), 3);
    assert_eq!(rt.eval("1 + 1").unwrap(), JsValue::from(2));
    assert_eq!(
        out.captured(Stream::Stdout),
        "exit 1\nagain\npending\nexit 3\n"
    );
}

#[test]
fn a_syntax_error_in_the_main_script_ends_only_that_run() {
    let (rt, out) = captured();
    rt.run_script("bad.js", "let = ;").unwrap();
    assert!(matches!(
        rt.run_script("other.js", "1"),
        Err(Error::Exiting)
    ));
    assert_eq!(rt.run().unwrap(), 1);
    rt.run_script("good.js", "console.log('fine')").unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stdout), "fine\n");
}

#[test]
fn block_on_gives_exiting_when_an_uncaught_error_ends_the_run() {
    let (rt, _out) = captured();
    let p = rt.eval_async(
        "setInterval(() => {}, 1);
         setTimeout(() => { throw new Error('boom') }, 5);
         new Promise(() => {})",
    );
    assert!(matches!(rt.block_on(p), Err(Error::Exiting)));
    assert_eq!(rt.run().unwrap(), 1);
    assert_eq!(
        rt.eval_await("Promise.resolve(7)").unwrap(),
        JsValue::from(7)
    );
}

#[test]
fn process_exit_can_end_only_the_run() {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .exit_ends_runtime(false)
        .build()
        .unwrap();
    rt.run_script(
        "one.js",
        "process.on('exit', (c) => console.log('exit', c)); process.exit(4); console.log('not reached')",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 4);
    rt.run_script("two.js", "console.log('two')").unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stdout), "exit 4\ntwo\nexit 0\n");
}
