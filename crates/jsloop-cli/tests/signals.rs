//! Signals sent by another process (a parent, a terminal's Ctrl-C) to a
//! running `jsloop`: a listener catches them; without one the process
//! dies by the signal, which the parent sees. The expected lines and
//! statuses are node v20.20.2's for the same scripts (`node -e SCRIPT`).

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Command, ExitStatus, Stdio};

fn start(script: &str) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jsloop"))
        .args(["-e", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// Reads the script's `ready` line (it listens from then on).
fn wait_ready(out: &mut BufReader<std::process::ChildStdout>) {
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n");
}

/// The child's exit status; fails past [`common::LIMIT`] (a hang: the
/// behaviour under test is broken).
fn finish(mut child: Child) -> ExitStatus {
    common::within(child.id(), "jsloop after the signal", move || {
        child.wait().unwrap()
    })
}

fn send(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[test]
fn a_listener_catches_a_signal_from_outside() {
    let (child, mut out) = start(
        "const keep = setInterval(() => {}, 1000);\n\
         process.on('SIGTERM', (name, n) => { console.log('caught', name, n); clearInterval(keep); });\n\
         process.on('exit', (code) => console.log('exit', code));\n\
         console.log('ready');",
    );
    wait_ready(&mut out);
    send(&child, "TERM");
    let status = finish(child);
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    // node: "caught SIGTERM 15\nexit 0\n", status 0.
    assert_eq!(rest, "caught SIGTERM 15\nexit 0\n");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn without_a_listener_the_parent_sees_the_signal() {
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1), ("USR2", 12)] {
        let (child, mut out) = start(
            "setInterval(() => {}, 1000);\n\
             process.on('exit', () => console.log('exit listener'));\n\
             console.log('ready');",
        );
        wait_ready(&mut out);
        send(&child, signal);
        let status = finish(child);
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        // node: no more output, killed by the signal.
        assert_eq!(rest, "", "SIG{signal}");
        assert_eq!(status.signal(), Some(number), "SIG{signal}");
    }
}

#[test]
fn a_removed_listener_gives_the_default_action_back() {
    let (child, mut out) = start(
        "setInterval(() => {}, 1000);\n\
         const onInt = () => {};\n\
         process.on('SIGINT', onInt);\n\
         process.off('SIGINT', onInt);\n\
         console.log('ready');",
    );
    wait_ready(&mut out);
    send(&child, "INT");
    let status = finish(child);
    // node: killed by SIGINT.
    assert_eq!(status.signal(), Some(2));
}
