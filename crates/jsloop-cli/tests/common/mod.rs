//! Helpers shared by the binary's tests (`mod common;`).
#![allow(dead_code)]

use std::ffi::OsStr;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

/// The longest a child may run: beyond it the test fails instead of
/// hanging. Only a guard against a hang (the behaviour under test is
/// broken); a pass never waits for it, so it is generous for a loaded
/// machine.
pub(crate) const LIMIT: Duration = Duration::from_secs(120);

/// Runs `wait` (which waits for the child `pid`) on a thread of its own
/// and returns its result; past [`LIMIT`], kills the child and panics
/// naming `what`.
pub(crate) fn within<T: Send + 'static>(
    pid: u32,
    what: &str,
    wait: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(wait());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(done) => done,
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{what}: still running after {LIMIT:?}");
        }
    }
}

/// Runs the `jsloop` binary with `args` and collects its output.
pub(crate) fn jsloop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsloop"))
        .args(args)
        .output()
        .expect("jsloop runs")
}

/// A file [`script`] wrote; dropping it removes the file, and its
/// directory once that is empty.
pub(crate) struct Scratch(PathBuf);

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<OsStr> for Scratch {
    fn as_ref(&self) -> &OsStr {
        self.0.as_os_str()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Writes `name` into a directory of the calling test's own (tests run in
/// parallel: a directory per process alone would be shared between them);
/// `suite` names the test file. Keep the result alive while the file is
/// needed.
pub(crate) fn script(suite: &str, name: &str, source: &str) -> Scratch {
    let test = std::thread::current()
        .name()
        .expect("called on the test's own thread")
        .replace("::", "-");
    let dir = std::env::temp_dir().join(format!("jsloop-{suite}-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, source).unwrap();
    Scratch(path)
}
