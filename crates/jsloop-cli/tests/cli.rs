//! The `jsloop` binary end to end: arguments, exit codes, output streams.

use std::process::Command;

use common::{jsloop, Scratch};

mod common;

fn script(name: &str, source: &str) -> Scratch {
    common::script("cli", name, source)
}

#[test]
fn run_passes_arguments_in_process_argv_as_node() {
    let path = script(
        "argv.js",
        "console.log(JSON.stringify(process.argv.slice(1)));",
    );
    let out = jsloop(&["run", path.to_str().unwrap(), "a", "--flag", "b"]);
    assert!(out.status.success());
    let canonical = std::fs::canonicalize(&path).unwrap();
    let expected = format!(
        "[{:?},\"a\",\"--flag\",\"b\"]\n",
        canonical.display().to_string()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn the_exit_code_and_stderr_come_from_the_script() {
    let path = script(
        "exit.js",
        "console.error('to stderr'); process.exitCode = 3; setTimeout(() => console.log('late'), 1);",
    );
    let out = jsloop(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "late\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "to stderr\n");
}

#[test]
fn an_uncaught_error_exits_one_with_the_error_on_stderr() {
    let out = jsloop(&[
        "eval",
        "setImmediate(() => { throw new RangeError('bad') })",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RangeError: bad"));
}

#[test]
fn mjs_files_run_as_modules_with_relative_imports() {
    let _dep = script("dep.mjs", "export const answer = 42;");
    let main = script(
        "main.mjs",
        "import { answer } from './dep.mjs'; await null; console.log(answer);",
    );
    let out = jsloop(&["run", main.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
}

#[test]
fn version_and_help() {
    let out = jsloop(&["--version"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("jsloop "));
    let out = jsloop(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("run") && help.contains("eval"), "{help}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let out = jsloop(&["run", "/nonexistent/script.js"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("jsloop: cannot read"));
}

#[test]
fn exec_path_is_the_binary_and_argv0_what_was_typed_as_node() {
    use std::os::unix::process::CommandExt;
    let path = script(
        "exec_path.js",
        "console.log(JSON.stringify([process.execPath, process.argv[0], process.argv0, process.title, \
         require('path').isAbsolute(process.execPath), process.release.name, typeof process.versions.node]));",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_jsloop"))
        .arg0("typed-name")
        .args(["run", path.to_str().unwrap()])
        .output()
        .expect("jsloop runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_jsloop")).unwrap();
    let exe = exe.display().to_string();
    let expected =
        format!("[{exe:?},{exe:?},\"typed-name\",\"typed-name\",true,\"node\",\"string\"]\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}
