//! Runs every script of `tests/fixtures/` through the binding and compares
//! stdout, the error lines of stderr and the exit code with what node
//! printed (`scripts/regen-fixtures.sh` records them; never edit by hand).

use std::path::{Path, PathBuf};

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Permissions, Runtime, Stream};

/// The same rule as the regen script: an error's `Name: message` line.
fn error_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|line| {
            let Some((head, _)) = line.split_once(": ") else {
                return false;
            };
            let name = head.split(" [").next().unwrap_or(head);
            let code_ok = head.strip_prefix(name).is_none_or(|rest| {
                rest.is_empty() || (rest.starts_with(" [") && rest.ends_with(']'))
            });
            name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphabetic())
                && (name.ends_with("Error") || name.ends_with("Rejection"))
                && code_ok
        })
        .map(str::to_string)
        .collect()
}

/// Syntax errors are compared by class only: each engine words them its own way.
fn normalise(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| {
            if l.starts_with("SyntaxError: ") {
                "SyntaxError: <message>".to_string()
            } else {
                l
            }
        })
        .collect()
}

struct Outcome {
    stdout: String,
    stderr: Vec<String>,
    code: i32,
}

fn run_fixture(path: &Path, virtual_clock: bool) -> Outcome {
    let out = Output::capture();
    let argv = vec![
        "jsloop".to_string(),
        std::fs::canonicalize(path).unwrap().display().to_string(),
    ];
    let mut builder = Runtime::builder()
        .argv(argv)
        .output(out.clone())
        .permissions(Permissions::all());
    if virtual_clock {
        builder = builder.virtual_clock(VirtualClock::new());
    }
    let rt = builder.build().unwrap();
    let module = path.extension().is_some_and(|e| e == "mjs");
    let started = if module {
        rt.run_module(&std::fs::canonicalize(path).unwrap())
    } else {
        rt.run_file(path)
    };
    started.unwrap();
    let code = rt.run().unwrap();
    drop(rt);
    Outcome {
        stdout: out.captured(Stream::Stdout),
        stderr: normalise(error_lines(&out.captured(Stream::Stderr))),
        code,
    }
}

/// The fixture scripts of `tests/fixtures` and `tests/module_fixtures`
/// (only those whose name contains `JSLOOP_FIXTURE`, when it is set).
fn fixtures() -> Vec<PathBuf> {
    let only = std::env::var("JSLOOP_FIXTURE").ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut all = Vec::new();
    for dir in ["fixtures", "module_fixtures"] {
        let dir = root.join(dir);
        link_packages(&dir);
        let mut some: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "mjs"))
            .filter(|p| {
                only.as_deref()
                    .is_none_or(|o| p.file_name().unwrap().to_string_lossy().contains(o))
            })
            .collect();
        some.sort();
        all.extend(some);
    }
    all
}

/// `node_modules/NAME` links to the fixture packages under `packages/`
/// (never committed; the regen script makes the same links).
fn link_packages(dir: &Path) {
    let packages = dir.join("packages");
    let Ok(entries) = std::fs::read_dir(&packages) else {
        return;
    };
    let mut names = Vec::new();
    for e in entries {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.starts_with('@') {
            for s in std::fs::read_dir(packages.join(&name)).unwrap() {
                names.push(format!(
                    "{name}/{}",
                    s.unwrap().file_name().into_string().unwrap()
                ));
            }
        } else {
            names.push(name);
        }
    }
    for name in names {
        let link = dir.join("node_modules").join(&name);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        // Both tests of this file make the links, maybe at once.
        match std::os::unix::fs::symlink(packages.join(&name), &link) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => panic!("cannot link {}: {e}", link.display()),
        }
    }
}

/// On the virtual clock: timers never wait, and timing cannot matter.
#[test]
fn every_fixture_matches_node() {
    check_all(true);
}

/// On the real clock, as `jsloop run` runs them (the whole corpus waits
/// about a second): catches what the virtual clock hides, such as delays
/// measured from a stale loop time.
#[test]
fn every_fixture_matches_node_on_the_real_clock() {
    check_all(false);
}

/// Fixtures whose sockets talk to each other on the real clock only: a
/// virtual clock stands still while a socket is registered, so a timer
/// racing real network I/O (a socket timeout, a delayed write) never fires.
const NETWORK: [&str; 5] = ["net_", "http_", "https_", "tls_", "fetch_"];

fn check_all(virtual_clock: bool) {
    let mut all = fixtures();
    if virtual_clock {
        all.retain(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !NETWORK.iter().any(|n| name.starts_with(n))
        });
    }
    assert!(
        all.len() >= 80 || std::env::var_os("JSLOOP_FIXTURE").is_some(),
        "only {} fixtures",
        all.len()
    );
    let mut failures = Vec::new();
    for path in &all {
        let expected_stdout = std::fs::read_to_string(path.with_extension("stdout")).unwrap();
        let expected_stderr = normalise(
            std::fs::read_to_string(path.with_extension("stderr"))
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect(),
        );
        let expected_code: i32 = std::fs::read_to_string(path.with_extension("code"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let got = run_fixture(path, virtual_clock);
        let name = path.file_name().unwrap().to_string_lossy();
        let mut problems = Vec::new();
        if got.stdout != expected_stdout {
            problems.push(format!(
                "stdout\n--- node\n{expected_stdout}--- jsloop\n{}",
                got.stdout
            ));
        }
        if got.stderr != expected_stderr {
            problems.push(format!(
                "stderr error lines\n--- node\n{expected_stderr:?}\n--- jsloop\n{:?}",
                got.stderr
            ));
        }
        if got.code != expected_code {
            problems.push(format!(
                "exit code: node {expected_code}, jsloop {}",
                got.code
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("== {name}: {}", problems.join("\n")));
        }
    }
    let passed = all.len() - failures.len();
    let clock = if virtual_clock { "virtual" } else { "real" };
    println!(
        "{passed} of {} fixtures match node ({clock} clock)",
        all.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from node:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
