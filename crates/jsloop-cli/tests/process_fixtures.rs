//! Scripts that need a process of their own (signals, the working
//! directory, exit by a signal as a parent sees it): each
//! `tests/process_fixtures/NAME.js` runs through the `jsloop` binary, with
//! that folder as working directory and no standard input, and must give
//! what node gave: `NAME.stdout`, the error lines of stderr (`NAME.stderr`)
//! and `NAME.code` (128 + the signal for a death by signal, as a shell
//! reports it). Expected files come from node only:
//! `FIXTURES_DIR=crates/jsloop-cli/tests/process_fixtures scripts/regen-fixtures.sh`.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The lines of stderr the regen script keeps (its FILTER).
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| {
            let name_end = line
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(line.len());
            let name = &line[..name_end];
            let rest = &line[name_end..];
            let named = (name.ends_with("Error") || name.ends_with("Rejection"))
                && name.starts_with(|c: char| c.is_ascii_uppercase());
            let rest = match rest.strip_prefix(" [") {
                Some(r) => match r.find(']') {
                    Some(end)
                        if r[..end]
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
                    {
                        &r[end + 1..]
                    }
                    _ => return false,
                },
                None => rest,
            };
            named && rest.starts_with(": ")
        })
        .collect()
}

fn scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/process_fixtures");
    let mut all: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    all.sort();
    all
}

/// The child's output once it ends; fails past [`common::LIMIT`] (a hang).
fn bounded(child: std::process::Child, path: &Path) -> std::process::Output {
    let what = path.display().to_string();
    common::within(child.id(), &what, move || child.wait_with_output().unwrap())
}

#[test]
fn every_process_fixture_matches_node() {
    let all = scripts();
    assert!(all.len() >= 8, "only {} process fixtures", all.len());
    let mut failures = Vec::new();
    for path in &all {
        let child = Command::new(env!("CARGO_BIN_EXE_jsloop"))
            .arg(path.file_name().unwrap())
            .current_dir(path.parent().unwrap())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = bounded(child, path);
        let code = out
            .status
            .code()
            .or_else(|| out.status.signal().map(|s| 128 + s))
            .unwrap();
        let expected_code: i32 = std::fs::read_to_string(path.with_extension("code"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let expected_stdout = std::fs::read_to_string(path.with_extension("stdout")).unwrap();
        let expected_stderr = std::fs::read_to_string(path.with_extension("stderr")).unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = path.file_name().unwrap().to_string_lossy();
        if stdout != expected_stdout {
            failures.push(format!(
                "{name}: stdout\n--- node\n{expected_stdout}--- jsloop\n{stdout}"
            ));
        }
        if error_lines(&stderr) != expected_stderr.lines().collect::<Vec<_>>() {
            failures.push(format!(
                "{name}: stderr\n--- node\n{expected_stderr}--- jsloop\n{stderr}"
            ));
        }
        if code != expected_code {
            failures.push(format!(
                "{name}: exit code: node {expected_code}, jsloop {code}"
            ));
        }
        // A death by signal must be one, as the parent sees it (not an exit
        // with that number).
        if expected_code > 128 && out.status.signal() != Some(expected_code - 128) {
            failures.push(format!(
                "{name}: not killed by signal {}",
                expected_code - 128
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
