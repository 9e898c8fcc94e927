//! `examples/wc.js` through the binary: files given as arguments (one
//! missing) and standard input, compared with node's output committed in
//! `tests/wc/` (`*.stdout`, `*.stderr`, `*.code`). Regenerate from node
//! with `JSLOOP_REGEN_WC=1 cargo test -p jsloop-cli --test wc_example`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wc")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wc.js")
}

/// Runs the example in `tests/wc` with `args` and `stdin`; compares with
/// (or, regenerating, writes) node's `case.*`.
fn check(case: &str, args: &[&str], stdin: &[u8]) {
    let regen = std::env::var_os("JSLOOP_REGEN_WC").is_some();
    let mut cmd = if regen {
        Command::new("node")
    } else {
        Command::new(env!("CARGO_BIN_EXE_jsloop"))
    };
    cmd.arg(example())
        .args(args)
        .current_dir(dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the example runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let code = format!("{}\n", out.status.code().unwrap_or(-1));
    let files = [
        ("stdout", out.stdout),
        ("stderr", out.stderr),
        ("code", code.into_bytes()),
    ];
    for (ext, got) in files {
        let path = dir().join(format!("{case}.{ext}"));
        if regen {
            std::fs::write(&path, &got).unwrap();
        } else {
            let want = std::fs::read(&path).expect("expected output (regenerate from node)");
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "{case}.{ext}: jsloop (left) and node (right) differ"
            );
        }
    }
}

#[test]
fn wc_counts_files_with_a_total_and_reports_a_missing_one() {
    check(
        "files",
        &["a.txt", "b.txt", "missing.txt", "empty.txt", "big.txt"],
        b"",
    );
}

#[test]
fn wc_counts_standard_input_without_files() {
    let input = std::fs::read(dir().join("big.txt")).unwrap();
    check("stdin", &[], &input);
}
