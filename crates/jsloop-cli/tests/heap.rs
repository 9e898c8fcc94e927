//! The heap limit of `jsloop`, as node's: `--max-old-space-size=MB`, and
//! an out-of-memory run ends with node's fatal line and SIGABRT (exit code
//! 134 in a shell), which no `try`/`catch` intercepts.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output};

use common::{jsloop, Scratch};

const FATAL: &str =
    "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory";

/// Grows an array without bound.
const UNBOUNDED: &str = "const a = []; for (;;) a.push({ x: [1, 2, 3], s: 'x' + a.length });";

mod common;

fn script(name: &str, source: &str) -> Scratch {
    common::script("heap", name, source)
}

fn assert_out_of_memory(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().any(|l| l == FATAL), "stderr: {stderr}");
    assert_eq!(out.status.signal(), Some(6), "{:?}", out.status);
}

#[test]
fn running_out_of_heap_ends_with_nodes_fatal_error_and_sigabrt() {
    let path = script("unbounded.js", UNBOUNDED);
    let out = jsloop(&["run", "--max-old-space-size=16", path.to_str().unwrap()]);
    assert_out_of_memory(&out);
    let out = jsloop(&["eval", "--max-old-space-size=16", UNBOUNDED]);
    assert_out_of_memory(&out);
}

#[test]
fn a_shell_sees_exit_code_134() {
    let out = Command::new("sh")
        .args(["-c", "\"$@\" 2>/dev/null; echo \"code $?\"", "sh"])
        .args([
            env!("CARGO_BIN_EXE_jsloop"),
            "eval",
            "--max_old_space_size",
            "16",
        ])
        .arg(UNBOUNDED)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "code 134\n");
}

#[test]
fn try_catch_does_not_catch_running_out_of_heap() {
    let path = script(
        "caught.js",
        &format!(
            "console.log('before');
             try {{ {UNBOUNDED} }} catch (e) {{ console.log('caught', e && e.message) }}
             finally {{ console.log('finally') }}
             console.log('after');"
        ),
    );
    let out = jsloop(&["run", "--max-old-space-size=16", path.to_str().unwrap()]);
    assert_out_of_memory(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before\n");
}

#[test]
fn a_script_within_the_limit_is_unaffected() {
    let source = "const keep = []; for (let i = 0; i < 50000; i++) keep.push({ i, s: 'x' + i });
                  setTimeout(() => console.log(keep.length), 1);";
    let path = script("within.js", source);
    for args in [
        vec!["run", "--max-old-space-size=16", path.to_str().unwrap()],
        vec!["run", path.to_str().unwrap()],
    ] {
        let out = jsloop(&args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "50000\n");
    }
}

#[test]
fn cyclic_garbage_is_collected_before_the_limit_is_declared_reached() {
    // About 3/4 of 32 MiB stays live while 300,000 cycles become garbage:
    // QuickJS alone would next collect only at 1.5 times the live size.
    let path = script(
        "cycles.js",
        "const keep = []; while (keep.length < 170000) keep.push({ a: 1, b: 2 });
         for (let i = 0; i < 300000; i++) { const a = {}; const b = { a }; a.b = b; }
         console.log('survived');",
    );
    let out = jsloop(&["run", "--max-old-space-size=32", path.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "survived\n");
}
