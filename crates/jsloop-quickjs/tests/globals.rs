//! The console and web globals against node: every case under
//! `tests/globals/cases` prints what node printed (expected files from
//! `tests/globals/regen.sh`), plus what a case cannot check against node.

use std::path::Path;

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Runtime, Stream};

/// Runs `source` as a main script; returns (stdout, stderr).
fn run(name: &str, source: &str) -> (String, String) {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .build()
        .unwrap();
    rt.run_script(name, source).unwrap();
    rt.run().unwrap();
    drop(rt);
    (out.captured(Stream::Stdout), out.captured(Stream::Stderr))
}

#[test]
fn cases_match_node() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/globals/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".js").map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 20, "cases missing from {}", dir.display());
    let mut failed = Vec::new();
    for name in &names {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
        let path = dir.join(format!("{name}.js"));
        let (stdout, stderr) = run(&path.display().to_string(), &read("js"));
        if stdout != read("stdout") || stderr != read("stderr") {
            eprintln!(
                "--- {name}: expected stdout\n{}--- got\n{stdout}--- expected stderr\n{}--- got\n{stderr}",
                read("stdout"),
                read("stderr")
            );
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "differ from node: {failed:?}");
}

/// An error prints `Name: message`, then its frames (V8's stack shape, V8's
/// column for `new`: node prints `at thrower (main.js:1:29)` here).
#[test]
fn errors_print_name_message_then_frames() {
    let (stdout, _) = run(
        "main.js",
        "function thrower() { return new TypeError('boom'); }\nconsole.log(thrower().stack);",
    );
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("TypeError: boom"));
    assert_eq!(lines.next(), Some("    at thrower (main.js:1:29)"));
}

/// `console.trace` prints `Trace: message` and the caller's frames to stderr.
#[test]
fn trace_goes_to_stderr_with_frames() {
    let (stdout, stderr) = run(
        "main.js",
        "function here() { console.trace('hi %s', 'x'); }\nhere();",
    );
    assert_eq!(stdout, "");
    let mut lines = stderr.lines();
    assert_eq!(lines.next(), Some("Trace: hi x"));
    assert!(
        lines.next().unwrap_or_default().starts_with("    at here"),
        "{stderr}"
    );
}

/// `console.time` reads the loop's clock: on the virtual clock, a timer
/// 25 ms later measures 25 ms exactly.
#[test]
fn console_time_reads_the_loop_clock() {
    let (stdout, stderr) = run(
        "main.js",
        "console.time('t'); setTimeout(() => { console.timeEnd('t'); console.timeEnd('t'); }, 25);",
    );
    assert_eq!(stdout, "t: 25ms\n");
    assert!(stderr.contains("No such label 't'"), "{stderr}");
}

/// Every JavaScript time API reads the loop's clock from one origin: on
/// the virtual clock, 40 ms of timers are exactly 40 ms for
/// `performance.now()`, `process.hrtime`, `hrtime.bigint()` and
/// `Event.timeStamp`.
#[test]
fn every_time_api_reads_the_loop_clock() {
    let (stdout, _) = run(
        "main.js",
        "const p0 = performance.now(); const h0 = process.hrtime(); const b0 = process.hrtime.bigint();
         const e0 = new Event('x').timeStamp;
         setTimeout(() => {
           const d = process.hrtime(h0);
           console.log(performance.now() - p0, d[0], d[1], process.hrtime.bigint() - b0,
             new Event('x').timeStamp - e0, performance.timeOrigin > 1.6e12);
         }, 40);",
    );
    assert_eq!(stdout, "40 0 40000000 40000000n 40 true\n");
}
