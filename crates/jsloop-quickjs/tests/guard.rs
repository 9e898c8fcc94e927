//! The guard around every entry into JavaScript, seen from an embedder:
//! the CPU limit counts only time spent running JavaScript (on the loop's
//! clock, here a virtual one), a host function may call back into its
//! runtime, and a panicking host function is a JavaScript exception at the
//! call site, reported to the panic hook.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::mpsc;
use std::time::Duration;

use jsloop::{CallbackKind, VirtualClock};
use jsloop_quickjs::{Builder, Error, JsValue, Output, Runtime, Settler, Stream};

/// A runtime on a virtual clock, with captured output.
fn builder(clock: &VirtualClock, out: &Output) -> Builder {
    Runtime::builder()
        .output(out.clone())
        .virtual_clock(clock.clone())
}

/// Registers `tick()`: advances the virtual clock by 10 ms per call, as if
/// each call spent that long running. After `cap` calls it throws, so that
/// a runtime that never stops the script ends instead of hanging.
fn register_tick(rt: &Runtime, clock: &VirtualClock, cap: u32) -> Rc<Cell<u32>> {
    let calls = Rc::new(Cell::new(0));
    let (seen, clock) = (calls.clone(), clock.clone());
    rt.register_fn("tick", move |_| {
        seen.set(seen.get() + 1);
        if seen.get() >= cap {
            return Err("tick cap reached: the script was never stopped".into());
        }
        clock.advance(Duration::from_millis(10));
        Ok(JsValue::Undefined)
    })
    .unwrap();
    calls
}

#[test]
fn cpu_limit_stops_an_endless_microtask_chain() {
    const CAP: u32 = 100_000;
    let (clock, out) = (VirtualClock::new(), Output::capture());
    let rt = builder(&clock, &out)
        .cpu_limit(Duration::from_millis(300))
        .build()
        .unwrap();
    let calls = register_tick(&rt, &clock, CAP);
    rt.run_script("main.js", "function f() { tick(); queueMicrotask(f) } f()")
        .unwrap();
    assert_eq!(rt.run().unwrap(), 1);
    let stderr = out.captured(Stream::Stderr);
    assert!(
        stderr.starts_with("InternalError: interrupted\n"),
        "stderr: {stderr}"
    );
    assert!(!stderr.contains("tick cap reached"), "stderr: {stderr}");
    // 300 ms of ticks, then the engine's next interrupt check.
    assert!(
        (31..CAP).contains(&calls.get()),
        "tick() ran {} times",
        calls.get()
    );
}

#[test]
fn cpu_limit_stops_an_endless_promise_chain() {
    const CAP: u32 = 100_000;
    let (clock, out) = (VirtualClock::new(), Output::capture());
    let rt = builder(&clock, &out)
        .cpu_limit(Duration::from_millis(300))
        .build()
        .unwrap();
    let calls = register_tick(&rt, &clock, CAP);
    rt.run_script(
        "main.js",
        "function f() { tick(); return Promise.resolve().then(f) } f()",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 1);
    let stderr = out.captured(Stream::Stderr);
    assert!(
        stderr.starts_with("InternalError: interrupted\n"),
        "stderr: {stderr}"
    );
    assert!((31..CAP).contains(&calls.get()), "{} ticks", calls.get());
}

#[test]
fn cpu_limit_never_counts_time_the_loop_spends_waiting() {
    let (clock, out) = (VirtualClock::new(), Output::capture());
    let rt = builder(&clock, &out)
        .cpu_limit(Duration::from_millis(300))
        .build()
        .unwrap();
    // `later()`'s settler goes to a thread that resolves it only once a
    // loop timer (no JavaScript) has moved the clock on by a second.
    let (settlers, settler) = mpsc::channel::<Settler>();
    let (go, went) = mpsc::channel::<()>();
    rt.register_async_fn("later", move |_, s| settlers.send(s).unwrap())
        .unwrap();
    let resolver = std::thread::spawn(move || {
        let settler = settler.recv().unwrap();
        went.recv().unwrap();
        settler.resolve(JsValue::String("late".into()));
    });
    rt.event_loop()
        .set_timeout(Duration::from_secs(1), move |_| go.send(()).unwrap())
        .unwrap();
    rt.run_script(
        "main.js",
        "later().then((v) => {
           let x = 0;
           for (let i = 0; i < 1e6; i++) x += i;
           console.log(v, x);
         });",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    resolver.join().unwrap();
    assert_eq!(out.captured(Stream::Stdout), "late 499999500000\n");
    assert_eq!(out.captured(Stream::Stderr), "");
    // The loop did wait a (virtual) second before the promise settled.
    assert!(clock.now_ms() >= 1000, "clock at {} ms", clock.now_ms());
}

/// The runtime, for host functions that call back into it.
type Slot = Rc<RefCell<Weak<Runtime>>>;

fn runtime_in(slot: &Slot) -> Rc<Runtime> {
    slot.borrow().upgrade().expect("the runtime is alive")
}

#[test]
fn a_host_function_can_call_back_into_its_runtime() {
    let out = Output::capture();
    let rt = Rc::new(builder(&VirtualClock::new(), &out).build().unwrap());
    let slot: Slot = Rc::new(RefCell::new(Rc::downgrade(&rt)));
    let results: Rc<RefCell<Vec<String>>> = Rc::default();

    let (s, log) = (slot.clone(), results.clone());
    rt.register_fn("nested", move |args| {
        let rt = runtime_in(&s);
        let from = match args.first() {
            Some(JsValue::String(from)) => from.clone(),
            _ => String::new(),
        };
        let sum = rt.eval("1 + 2").unwrap();
        let doubled = rt.call_global("double", vec![JsValue::Number(21.0)]);
        let thrown = rt.eval("throw new TypeError('inner')");
        let reentered = rt.run();
        log.borrow_mut().push(format!(
            "{from}: {sum:?} {doubled:?} {} {}",
            matches!(thrown, Err(Error::Exception(ref e)) if e.to_string().contains("inner")),
            matches!(reentered, Err(Error::Reentrant)),
        ));
        // A nested call that itself calls a host function.
        rt.eval("depth()").map_err(|e| e.to_string())
    })
    .unwrap();
    let s = slot.clone();
    rt.register_fn("depth", move |_| {
        let rt = runtime_in(&s);
        rt.call_global("double", vec![JsValue::Number(2.0)])
            .map_err(|e| e.to_string())
    })
    .unwrap();

    rt.run_script(
        "main.js",
        "globalThis.double = (n) => n * 2;
         console.log('main', nested('main'));
         setTimeout(() => console.log('timer', nested('timer')), 1);
         setImmediate(() => console.log('immediate', nested('immediate')));
         process.nextTick(() => console.log('tick', nested('tick')));
         queueMicrotask(() => console.log('microtask', nested('microtask')));
         Promise.resolve().then(() => console.log('then', nested('then')));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    assert_eq!(
        out.captured(Stream::Stdout),
        "main 4\ntick 4\nmicrotask 4\nthen 4\nimmediate 4\ntimer 4\n"
    );
    let ok = "Number(3.0) Ok(Number(42.0)) true true";
    assert_eq!(
        *results.borrow(),
        ["main", "tick", "microtask", "then", "immediate", "timer"].map(|k| format!("{k}: {ok}"))
    );
    // Outside, the runtime is usable as before.
    assert_eq!(rt.eval("double(5)").unwrap(), JsValue::Number(10.0));
}

/// A runtime with a panicking `boom(label)` host function and a panic hook
/// that records the kind of every report.
fn panicking(out: &Output) -> (Runtime, Rc<RefCell<Vec<CallbackKind>>>) {
    let reports: Rc<RefCell<Vec<CallbackKind>>> = Rc::default();
    let seen = reports.clone();
    let rt = builder(&VirtualClock::new(), out)
        .panic_hook(move |report| {
            seen.borrow_mut().push(report.kind);
            assert!(report.message().is_some_and(|m| m.starts_with("kaboom")));
        })
        .build()
        .unwrap();
    rt.register_fn("boom", |args| match args.first() {
        Some(JsValue::String(label)) => panic!("kaboom in {label}"),
        _ => panic!("kaboom"),
    })
    .unwrap();
    (rt, reports)
}

#[test]
fn a_panicking_host_function_throws_where_it_was_called() {
    let out = Output::capture();
    let (rt, reports) = panicking(&out);
    rt.run_script(
        "main.js",
        "function attempt(where) {
           try { boom(where); console.log(where, 'no throw') }
           catch (e) {
             const first = e.stack.split('\\n')[0] === `Error: ${e.message}`;
             console.log(where, e instanceof Error && first, e.message);
           }
         }
         attempt('main');
         setTimeout(() => attempt('timer'), 1);
         setImmediate(() => attempt('immediate'));
         process.nextTick(() => attempt('tick'));
         queueMicrotask(() => attempt('microtask'));
         Promise.resolve().then(() => attempt('then'));
         Promise.resolve().then(() => boom('rejection')).catch((e) => console.log('caught', e.message));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    let expected: String = ["main", "tick", "microtask", "then"]
        .iter()
        .map(|w| format!("{w} true host function 'boom' panicked: kaboom in {w}\n"))
        .chain([
            "caught host function 'boom' panicked: kaboom in rejection\n".to_owned(),
            "immediate true host function 'boom' panicked: kaboom in immediate\n".to_owned(),
            "timer true host function 'boom' panicked: kaboom in timer\n".to_owned(),
        ])
        .collect();
    assert_eq!(out.captured(Stream::Stdout), expected);
    assert_eq!(out.captured(Stream::Stderr), "");
    assert_eq!(*reports.borrow(), [CallbackKind::HostFunction; 7]);
}

#[test]
fn an_uncaught_host_function_panic_ends_the_script_as_an_uncaught_error() {
    let cases = [
        ("main", "boom('main')"),
        ("timer", "setTimeout(() => boom('timer'), 1)"),
        ("microtask", "queueMicrotask(() => boom('microtask'))"),
        ("then", "Promise.resolve().then(() => boom('then'))"),
    ];
    for (name, source) in cases {
        let out = Output::capture();
        let (rt, reports) = panicking(&out);
        rt.run_script(
            "main.js",
            &format!("process.on('exit', (c) => console.log('exit', c));\n{source}"),
        )
        .unwrap();
        assert_eq!(rt.run().unwrap(), 1, "{name}");
        let stderr = out.captured(Stream::Stderr);
        // As any uncaught Error: its stack, `Name: message` line first.
        let line = format!("Error: host function 'boom' panicked: kaboom in {name}");
        let mut lines = stderr.lines().skip_while(|l| *l != line);
        assert_eq!(lines.next(), Some(line.as_str()), "{name}: {stderr}");
        assert!(
            lines.next().is_some_and(|l| l.starts_with("    at ")),
            "{name}: {stderr}"
        );
        assert_eq!(out.captured(Stream::Stdout), "exit 1\n", "{name}");
        assert_eq!(*reports.borrow(), [CallbackKind::HostFunction], "{name}");
    }
}

#[test]
fn errors_from_host_functions_carry_their_message_in_their_stack() {
    let out = Output::capture();
    let rt = builder(&VirtualClock::new(), &out).build().unwrap();
    rt.register_fn("fail", |_| Err("refused".into())).unwrap();
    rt.register_async_fn("reject", |_, settler| settler.reject("rejected"))
        .unwrap();
    rt.run_script(
        "main.js",
        "try { fail() } catch (e) { console.log(e.stack.split('\\n').slice(0, 2).join(' | ')) }
         reject().catch((e) => console.log(e.stack));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    assert_eq!(
        out.captured(Stream::Stdout),
        "Error: refused |     at Object.<anonymous> (main.js:1:7)\nError: rejected\n"
    );
}
