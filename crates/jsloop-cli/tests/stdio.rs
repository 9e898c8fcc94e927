//! Standard streams through the binary: scripts in `tests/stdio/` get
//! their stdin fed (piped, from a file, /dev/null, in steps, or left open)
//! and their output is compared with node's, committed as
//! `NAME.stdout`/`NAME.stderr`. Regenerate them from node with
//! `JSLOOP_REGEN_STDIO=1 cargo test -p jsloop-cli --test stdio` (node
//! runs the same scripts through the same feeding). A script fed several
//! ways has one expected file per case (`check_case`).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a script's stdin is fed.
enum Feed {
    /// Written through a pipe, then closed.
    Pipe(Vec<u8>),
    /// A regular file.
    File(Vec<u8>),
    /// /dev/null.
    Null,
    /// Each part written after the script printed one line for the
    /// previous one; closed after the last.
    Steps(Vec<Vec<u8>>),
    /// Written through a pipe that stays open until the script exits.
    LeftOpen(Vec<u8>),
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdio")
}

fn regen() -> bool {
    std::env::var_os("JSLOOP_REGEN_STDIO").is_some()
}

fn command(script: &Path) -> Command {
    if regen() {
        let mut c = Command::new("node");
        c.arg(script);
        c
    } else {
        let mut c = Command::new(env!("CARGO_BIN_EXE_jsloop"));
        c.arg(script);
        c
    }
}

/// Waits for `child`; fails past [`common::LIMIT`] (a hang).
fn wait_within(mut child: Child, name: &str) -> std::process::ExitStatus {
    common::within(child.id(), name, move || child.wait()).expect("wait")
}

/// A file holding `bytes`, open for reading and already unlinked: no other
/// test (two feed the same script, at once) can see, rewrite or remove it.
fn stdin_file(bytes: &[u8]) -> std::fs::File {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("jsloop-stdio-{}-{n}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    file
}

/// Runs `script.js` with `feed` (case `name`); returns (stdout, stderr, exit code).
fn run(name: &str, script: &str, feed: Feed) -> (Vec<u8>, Vec<u8>, i32) {
    let script = dir().join(format!("{script}.js"));
    let mut cmd = command(&script);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    match &feed {
        Feed::File(bytes) => {
            cmd.stdin(stdin_file(bytes));
        }
        Feed::Null => {
            cmd.stdin(Stdio::null());
        }
        _ => {
            cmd.stdin(Stdio::piped());
        }
    }
    let mut child = cmd.spawn().expect("the script runs");
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut out = Vec::new();
    let mut held = None;
    match feed {
        Feed::Pipe(bytes) => {
            let mut stdin = child.stdin.take().unwrap();
            let writer = std::thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            });
            stdout.read_to_end(&mut out).unwrap();
            writer.join().unwrap();
        }
        Feed::Steps(parts) => {
            let mut stdin = child.stdin.take().unwrap();
            for part in parts {
                stdin.write_all(&part).unwrap();
                stdin.flush().unwrap();
                stdout.read_until(b'\n', &mut out).unwrap();
            }
            drop(stdin);
            stdout.read_to_end(&mut out).unwrap();
        }
        Feed::LeftOpen(bytes) => {
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(&bytes).unwrap();
            stdin.flush().unwrap();
            held = Some(stdin);
            stdout.read_to_end(&mut out).unwrap();
        }
        Feed::File(_) | Feed::Null => {
            stdout.read_to_end(&mut out).unwrap();
        }
    }
    let status = wait_within(child, name);
    drop(held);
    let err = err_reader.join().unwrap();
    (out, err, status.code().unwrap_or(-1))
}

/// Compares a run with node's committed output (or writes it, regenerating).
fn check(name: &str, feed: Feed, compare_stderr: bool) {
    check_case(name, name, feed, compare_stderr);
}

/// As [`check`], for `script.js` fed as case `name` (expected `name.stdout`).
fn check_case(name: &str, script: &str, feed: Feed, compare_stderr: bool) {
    let (out, err, code) = run(name, script, feed);
    let expected_out = dir().join(format!("{name}.stdout"));
    let expected_err = dir().join(format!("{name}.stderr"));
    if regen() {
        std::fs::write(&expected_out, &out).unwrap();
        if compare_stderr {
            std::fs::write(&expected_err, &err).unwrap();
        }
        assert_eq!(code, 0, "{name}: node exited with {code}");
        return;
    }
    assert_eq!(code, 0, "{name}: stderr: {}", String::from_utf8_lossy(&err));
    let want = std::fs::read(&expected_out).expect("expected stdout (regenerate from node)");
    assert!(
        out == want,
        "{name}: stdout differs from node's\n--- jsloop\n{}\n--- node\n{}",
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&want)
    );
    if compare_stderr {
        let want = std::fs::read(&expected_err).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&err),
            String::from_utf8_lossy(&want),
            "{name}: stderr"
        );
    }
}

/// 300 KiB of every byte value, then text: several reads' worth.
fn binary_input() -> Vec<u8> {
    let mut v: Vec<u8> = (0..300 * 1024).map(|i| (i * 7 % 256) as u8).collect();
    v.extend_from_slice("\nend of input: héllo €\n".as_bytes());
    v
}

fn text_input() -> Vec<u8> {
    (0..5000)
        .map(|i| format!("line {i} ünïcödé\n"))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn cat_copies_piped_stdin_to_stdout_byte_for_byte() {
    check("cat", Feed::Pipe(binary_input()), false);
}

#[test]
fn cat_copies_a_file_on_stdin() {
    check("cat", Feed::File(binary_input()), false);
}

#[test]
fn utf8_characters_split_across_chunks_decode_whole() {
    let text = "h\u{e9}llo \u{20ac} \u{1f600}!".as_bytes().to_vec();
    // Cut inside the two-, three- and four-byte characters.
    let parts = vec![
        text[..2].to_vec(),
        text[2..9].to_vec(),
        text[9..13].to_vec(),
        text[13..].to_vec(),
    ];
    check("utf8_split", Feed::Steps(parts), false);
}

#[test]
fn async_iteration_reads_all_of_stdin() {
    check("async_iter", Feed::Pipe(text_input()), false);
}

#[test]
fn open_stdin_returns_stdin_flowing() {
    check("open_stdin", Feed::Pipe(b"one\ntwo\n".to_vec()), false);
}

#[test]
fn an_empty_stdin_ends_at_once() {
    check("empty", Feed::Pipe(Vec::new()), false);
    check("empty", Feed::Null, false);
}

#[test]
fn paused_mode_reads_with_read_until_the_end() {
    check("paused_mode", Feed::Pipe(b"abc\ndef\n".to_vec()), false);
}

#[test]
fn a_paused_stdin_lets_the_process_exit() {
    check("pause_exits", Feed::LeftOpen(b"first\n".to_vec()), false);
}

#[test]
fn a_stdin_never_read_keeps_nothing_alive() {
    check("never_read", Feed::LeftOpen(Vec::new()), false);
}

#[test]
fn a_stdin_being_read_keeps_the_process_alive_until_its_end() {
    check(
        "keeps_alive",
        Feed::Steps(vec![b"a\n".to_vec(), b"b\n".to_vec()]),
        false,
    );
}

#[test]
fn stdout_writes_and_console_log_interleave_in_order() {
    check("stdout_order", Feed::Null, true);
}

#[test]
fn readline_iterates_the_lines_of_stdin() {
    let mut input = text_input();
    input.extend_from_slice(b"a line\r\nwithout a newline at the end");
    check("readline_lines", Feed::Pipe(input), false);
}

#[test]
fn readline_questions_read_answers_from_stdin() {
    check(
        "readline_question",
        Feed::Steps(vec![b"Ada\n".to_vec(), b"36\n".to_vec()]),
        false,
    );
}

fn lines(line: &str, n: usize) -> Vec<u8> {
    line.repeat(n).into_bytes()
}

#[test]
fn read_file_sync_of_fd_0_reads_all_of_stdin() {
    check_case(
        "fs_fd0_pipe",
        "fs_fd0",
        Feed::Pipe(b"h\xc3\xa9llo\nworld".to_vec()),
        false,
    );
    check_case(
        "fs_fd0_big",
        "fs_fd0",
        Feed::Pipe(lines("line of input\n", 20_000)),
        false,
    );
    check_case(
        "fs_fd0_file",
        "fs_fd0",
        Feed::File(b"from a file\n".to_vec()),
        false,
    );
    check_case("fs_fd0_null", "fs_fd0", Feed::Null, false);
}

#[test]
fn dev_stdin_reads_all_of_stdin_sync_and_async() {
    let big = lines("another line\n", 30_000);
    check_case("fs_devstdin_pipe", "fs_devstdin", Feed::Pipe(big), false);
    check_case(
        "fs_devstdin_file",
        "fs_devstdin",
        Feed::File(b"a\nb\n".to_vec()),
        false,
    );
    check_case(
        "fs_devstdin_async_pipe",
        "fs_devstdin_async",
        Feed::Pipe(b"piped".to_vec()),
        false,
    );
    check_case(
        "fs_devstdin_async_null",
        "fs_devstdin_async",
        Feed::Null,
        false,
    );
}

/// Runs `name.js` with a stdout pipe whose reader is gone before the
/// script writes (it waits for a line on stdin first); returns the lines
/// of stderr that are not a stack trace's (which differ from node's), and
/// the exit code.
fn run_reader_gone(name: &str) -> (String, i32) {
    let script = dir().join(format!("{name}.js"));
    let mut cmd = command(&script);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the script runs");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"go\n").unwrap();
    drop(stdin);
    // Read beside the wait, so a child that never ends fails the test at
    // the limit instead of blocking it.
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut err = String::new();
        let _ = stderr.read_to_string(&mut err);
        err
    });
    let status = wait_within(child, name);
    let err = reader.join().unwrap();
    let kept = err
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            l.starts_with("Error")
                || l.starts_with("exit")
                || l.starts_with("error")
                || l.starts_with("callback")
                || l.starts_with("write")
                || l.starts_with("destroyed")
                || l.starts_with("after")
                || ["errno:", "code:", "syscall:"]
                    .iter()
                    .any(|k| t.starts_with(k))
        })
        .map(|l| format!("{}\n", l.trim_end_matches(',')))
        .collect();
    (kept, status.code().unwrap_or(-1))
}

/// Compares [`run_reader_gone`] with node's committed stderr lines and code.
fn check_reader_gone(name: &str) {
    let (err, code) = run_reader_gone(name);
    let expected_err = dir().join(format!("{name}.stderr"));
    let expected_code = dir().join(format!("{name}.code"));
    if regen() {
        std::fs::write(&expected_err, &err).unwrap();
        std::fs::write(&expected_code, format!("{code}\n")).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&expected_err).expect("expected stderr");
    assert_eq!(err, want, "{name}: stderr (jsloop left, node right)");
    let want: i32 = std::fs::read_to_string(&expected_code)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(code, want, "{name}: exit code");
}

#[test]
fn a_write_to_a_pipe_without_reader_emits_epipe() {
    check_reader_gone("epipe_listener");
}

#[test]
fn an_unhandled_epipe_is_an_uncaught_error() {
    check_reader_gone("epipe_unhandled");
}

#[test]
fn console_log_to_a_pipe_without_reader_is_dropped_quietly() {
    check_reader_gone("epipe_console");
}

#[test]
fn console_log_on_a_timer_to_a_pipe_without_reader_ends_the_process() {
    check_reader_gone("epipe_console_interval");
}

#[test]
fn a_large_pipe_write_finishes_later_and_keeps_its_order() {
    check("pipe_drain", Feed::Null, true);
}

#[test]
fn one_socket_as_both_stdin_and_stdout_is_read_and_written() {
    use std::os::unix::net::UnixStream;
    let (mut ours, theirs) = UnixStream::pair().unwrap();
    let script = dir().join("cat.js");
    let mut cmd = command(&script);
    cmd.stdin(std::process::Stdio::from(std::os::fd::OwnedFd::from(
        theirs.try_clone().unwrap(),
    )))
    .stdout(std::process::Stdio::from(std::os::fd::OwnedFd::from(
        theirs,
    )))
    .stderr(Stdio::piped());
    let child = cmd.spawn().expect("the script runs");
    // The command holds our copies of the child's end: gone, its exit ends the socket.
    drop(cmd);
    let input = binary_input();
    let expected = input.clone();
    let mut writer = ours.try_clone().unwrap();
    let feeder = std::thread::spawn(move || {
        writer.write_all(&input).unwrap();
        writer.shutdown(std::net::Shutdown::Write).unwrap();
    });
    let mut out = Vec::new();
    ours.read_to_end(&mut out).unwrap();
    feeder.join().unwrap();
    let status = wait_within(child, "cat over a socket");
    assert_eq!(status.code(), Some(0));
    assert!(out == expected, "the socket got {} bytes back", out.len());
}
