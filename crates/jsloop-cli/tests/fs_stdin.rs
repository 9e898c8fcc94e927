//! `fs.readFileSync(0)` and `'/dev/stdin'` read all of standard input, as
//! in node: piped, from a file, and empty. Each script runs under `jsloop`
//! and `node` (the oracle, at test time) with the same input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn script(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jsloop-fs-stdin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, source).unwrap();
    path
}

/// How stdin is given.
enum Input<'a> {
    Pipe(&'a [u8]),
    File(&'a Path),
    Null,
}

/// Runs `program script` with `input`; returns (stdout, exit code).
fn run(program: &str, script: &Path, input: &Input<'_>) -> (String, Option<i32>) {
    let mut cmd = Command::new(program);
    cmd.arg(script)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match input {
        Input::Pipe(_) => cmd.stdin(Stdio::piped()),
        Input::File(f) => cmd.stdin(std::fs::File::open(f).unwrap()),
        Input::Null => cmd.stdin(Stdio::null()),
    };
    let mut child = cmd.spawn().expect("the program starts");
    if let Input::Pipe(bytes) = input {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
    )
}

fn same_as_node(script: &Path, input: &Input<'_>) -> String {
    let jsloop = run(env!("CARGO_BIN_EXE_jsloop"), script, input);
    let node = run("node", script, input);
    assert_eq!(jsloop, node, "jsloop (left) and node (right) differ");
    jsloop.0
}

const READERS: &str = "
const fs = require('fs');
const text = fs.readFileSync(0, 'utf8');
console.log(JSON.stringify(text), text.length);
";

const DEV_STDIN: &str = "
const fs = require('fs');
const buf = fs.readFileSync('/dev/stdin');
console.log(buf.length, JSON.stringify(buf.toString().split('\\n').slice(0, 2)));
";

const ASYNC: &str = "
require('fs').readFile('/dev/stdin', 'utf8', (err, text) => console.log(err, JSON.stringify(text)));
";

#[test]
fn read_file_sync_of_fd_0_reads_all_of_stdin() {
    let s = script("fd0.js", READERS);
    let big: Vec<u8> = b"line of input\n".repeat(20_000);
    assert!(same_as_node(&s, &Input::Pipe(b"h\xc3\xa9llo\nworld")).starts_with("\"héllo\\nworld\""));
    same_as_node(&s, &Input::Pipe(&big));
    let file = script("input.txt", "from a file\n");
    assert_eq!(
        same_as_node(&s, &Input::File(&file)),
        "\"from a file\\n\" 12\n"
    );
    assert_eq!(same_as_node(&s, &Input::Null), "\"\" 0\n");
}

#[test]
fn dev_stdin_reads_all_of_stdin_sync_and_async() {
    let s = script("devstdin.js", DEV_STDIN);
    let big: Vec<u8> = b"another line\n".repeat(30_000);
    assert_eq!(
        same_as_node(&s, &Input::Pipe(&big)),
        "390000 [\"another line\",\"another line\"]\n"
    );
    let file = script("input2.txt", "a\nb\n");
    same_as_node(&s, &Input::File(&file));
    let a = script("async.js", ASYNC);
    assert_eq!(same_as_node(&a, &Input::Pipe(b"piped")), "null \"piped\"\n");
    same_as_node(&a, &Input::Null);
}
