//! How the runtime reports scripts that fail: positions and exit codes.

use jsloop_quickjs::{Output, Runtime, Stream};

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
