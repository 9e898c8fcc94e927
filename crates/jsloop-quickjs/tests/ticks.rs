//! process.nextTick's queue: order and arguments across its growth.

use std::rc::Rc;

use jsloop_quickjs::{JsValue, Output, Runtime, Stream};

fn stdout_of(source: &str) -> String {
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script("ticks.js", source).unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    out.captured(Stream::Stdout)
}

/// A runtime capturing its output, with a global `name` that runs `f` with
/// the runtime (reached through a weak pointer: the runtime keeps the
/// function), its output and the call's arguments.
fn runtime_with_native(
    name: &str,
    f: impl Fn(&Runtime, &Output, Vec<JsValue>) + 'static,
) -> (Rc<Runtime>, Output) {
    let out = Output::capture();
    let rt = Rc::new(Runtime::builder().output(out.clone()).build().unwrap());
    let weak = Rc::downgrade(&rt);
    let printer = out.clone();
    rt.register_fn(name, move |args| {
        if let Some(rt) = weak.upgrade() {
            f(&rt, &printer, args);
        }
        Ok(JsValue::Undefined)
    })
    .unwrap();
    (rt, out)
}

#[test]
fn many_ticks_queued_at_once_run_in_order_with_their_arguments() {
    let out = stdout_of(
        "const seen = [];
         for (let i = 0; i < 5000; i++) process.nextTick((a, b) => seen.push(a + b), i, i);
         process.nextTick(() => {
           const ok = seen.length === 5000 && seen.every((v, i) => v === 2 * i);
           console.log(ok ? 'in order' : 'out of order: ' + seen.slice(0, 10));
         });",
    );
    assert_eq!(out, "in order\n");
}

#[test]
fn ticks_queued_while_the_queue_wraps_keep_fifo_order() {
    let out = stdout_of(
        "const seen = [];
         let n = 0;
         function step(k) {
           seen.push(k);
           if (n < 3000) { n++; process.nextTick(step, n); if (n % 3 === 0) { n++; process.nextTick(step, n); } }
         }
         process.nextTick(step, 0);
         Promise.resolve().then(() => {
           const ok = seen.every((v, i) => v === i);
           console.log(seen.length, ok);
         });",
    );
    assert_eq!(out, "3002 true\n");
}

#[test]
fn a_throwing_tick_goes_to_uncaught_exception_and_the_queue_goes_on() {
    let out = stdout_of(
        "process.on('uncaughtException', (e) => console.log('caught', e.message));
         process.nextTick(() => { throw new Error('t1'); });
         process.nextTick((a, b) => console.log('after', a, b), 1, 'two');
         Promise.resolve().then(() => console.log('promise'));",
    );
    assert_eq!(out, "caught t1\nafter 1 two\npromise\n");
}

#[test]
fn a_non_function_callback_throws_nodes_type_error() {
    let out = stdout_of(
        "try { process.nextTick(42); } catch (e) { console.log(e.name, e.code, e.message); }",
    );
    assert_eq!(
        out,
        "TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received type number (42)\n"
    );
}

/// JavaScript ticks are the loop's own ticks: a JS tick, a Rust
/// `next_tick` queued between two of them, and the second JS tick run in
/// the order they were queued (with a second queue on the JS side, both JS
/// ticks would run first).
#[test]
fn javascript_and_rust_ticks_share_one_queue() {
    let (rt, out) = runtime_with_native("rustTick", |rt, out, _| {
        let out = out.clone();
        rt.event_loop()
            .next_tick(move |_| out.write(Stream::Stdout, "rust tick\n"));
    });
    rt.run_script(
        "ticks.js",
        "process.nextTick(() => console.log('js tick 1'));
         rustTick();
         process.nextTick(() => console.log('js tick 2'));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "js tick 1\nrust tick\njs tick 2\n"
    );
}

/// A run of JavaScript ticks shares one engine entry only while no Rust
/// tick is queued among them: Rust ticks queued from inside that run
/// (between JavaScript ticks it queues) keep their place, and the ticks
/// the run already ran are not run again.
#[test]
fn rust_ticks_queued_inside_a_run_of_javascript_ticks_keep_their_place() {
    let (rt, out) = runtime_with_native("rustTick", |rt, out, args| {
        let name = match args.first() {
            Some(JsValue::String(s)) => s.clone(),
            _ => String::from("?"),
        };
        let out = out.clone();
        rt.event_loop()
            .next_tick(move |_| out.write(Stream::Stdout, &format!("{name}\n")));
    });
    rt.run_script(
        "ticks.js",
        "const log = (s) => () => console.log(s);
         Promise.resolve().then(log('promise'));
         process.nextTick(log('a'));
         process.nextTick(() => {
           console.log('b');
           process.nextTick(log('e'));
           rustTick('r1');
           process.nextTick(() => {
             console.log('f');
             process.nextTick(log('h'));
             process.nextTick(log('i'));
             rustTick('r3');
           });
           rustTick('r2');
           process.nextTick(log('g'));
         });
         process.nextTick(log('c'));
         process.nextTick(log('d'));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "a\nb\nc\nd\ne\nr1\nf\nr2\ng\nh\ni\nr3\npromise\n"
    );
}

/// A batch of JavaScript ticks runs in one loop tick, but a close
/// requested by one of them stops the batch there, as it stops the loop's
/// own queue after the running callback.
#[test]
fn a_close_inside_a_batch_of_ticks_runs_none_of_the_rest() {
    let (rt, out) = runtime_with_native("closeLoop", |rt, _, _| rt.event_loop().close());
    rt.run_script(
        "ticks.js",
        "process.nextTick(() => console.log('a'));
         process.nextTick(() => { console.log('b'); closeLoop(); process.nextTick(() => console.log('d')); });
         process.nextTick(() => console.log('c'));",
    )
    .unwrap();
    let _ = rt.run();
    assert_eq!(out.captured(Stream::Stdout), "a\nb\n");
}
