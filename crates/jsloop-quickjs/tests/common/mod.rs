//! Helpers shared by the integration tests (`mod common;`): each test file
//! is a crate of its own and uses only some of them.
#![allow(dead_code)]

use std::ops::Deref;
use std::path::{Path, PathBuf};

use jsloop_quickjs::{Output, Permissions, Runtime, Stream};

/// What a run printed, and its exit code.
#[derive(Debug)]
pub(crate) struct Ran {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) code: i32,
}

/// Builds a runtime with captured output and `permissions`; `start` loads
/// the main script (and registers what it needs); then runs the loop to
/// its end.
pub(crate) fn run(permissions: Permissions, start: impl FnOnce(&Runtime)) -> Ran {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .permissions(permissions)
        .build()
        .unwrap();
    start(&rt);
    let code = rt.run().unwrap();
    drop(rt);
    Ran {
        stdout: out.captured(Stream::Stdout),
        stderr: out.captured(Stream::Stderr),
        code,
    }
}

/// Runs `source` as the script `main.js`.
pub(crate) fn run_script(permissions: Permissions, source: &str) -> Ran {
    run(permissions, |rt| rt.run_script("main.js", source).unwrap())
}

/// Runs the file `path` as `node FILE` would: an ES module for `.mjs`.
pub(crate) fn run_main(permissions: Permissions, path: &Path) -> Ran {
    run_main_with(permissions, path, |_| {})
}

/// As [`run_main`], after `setup` (registering native modules, say).
pub(crate) fn run_main_with(
    permissions: Permissions,
    path: &Path,
    setup: impl FnOnce(&Runtime),
) -> Ran {
    run(permissions, |rt| {
        setup(rt);
        if path.extension().is_some_and(|e| e == "mjs") {
            rt.run_module(path).unwrap();
        } else {
            rt.run_file(path).unwrap();
        }
    })
}

/// A fresh directory of the calling test's own, removed when dropped.
pub(crate) struct Scratch(PathBuf);

/// Makes the calling test's [`Scratch`] directory. Tests run in parallel
/// (and two runs of one test binary may too): its name holds the test
/// binary, the test's name and the process id.
///
/// # Panics
///
/// Off the test's own thread (libtest names it after the test).
pub(crate) fn scratch() -> Scratch {
    let test = std::thread::current()
        .name()
        .expect("called on the test's own thread")
        .replace("::", "-");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}-{test}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(std::fs::canonicalize(dir).unwrap())
}

impl Scratch {
    /// Writes `files` (path relative to the directory, contents).
    pub(crate) fn with(self, files: &[(&str, &str)]) -> Self {
        for (name, contents) in files {
            let path = self.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
        self
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
