//! `node:child_process` under the runtime's permission set: an embedder
//! can deny starting processes; every way to start one then throws Node's
//! `ERR_ACCESS_DENIED` (its shape under `node --experimental-permission`)
//! and no process starts.

mod common;

use common::{run_main, scratch};
use jsloop_quickjs::Permissions;

/// Runs `source` as the CommonJS main file of a directory of the calling
/// test's own (a file shared with a test running in parallel could be
/// rewritten under it) with `permissions`; its stdout.
fn run(permissions: Permissions, source: &str) -> String {
    let dir = scratch().with(&[("main.js", source)]);
    let ran = run_main(permissions, &dir.join("main.js"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    ran.stdout
}

const ATTEMPTS: &str = r#"
const cp = require('child_process');
const attempts = {
  spawnSync: () => cp.spawnSync('touch', [process.argv[2] || '/nonexistent/x']),
  execSync: () => cp.execSync('true'),
  execFileSync: () => cp.execFileSync('true'),
  spawn: () => cp.spawn('true', { stdio: 'ignore' }),
  exec: () => cp.exec('true', () => console.log('callback ran')),
  execFile: () => cp.execFile('true', () => console.log('callback ran')),
};
for (const [name, f] of Object.entries(attempts)) {
  try {
    f();
    console.log(name, 'started');
  } catch (e) {
    console.log(name, e.name, e.message, e.code, e.permission, JSON.stringify(e.resource), Object.keys(e));
  }
}
"#;

#[test]
fn denied_child_process_throws_err_access_denied_everywhere() {
    // What node v20.20.2 prints for each attempt under
    // `node --experimental-permission --allow-fs-read=*`.
    let line = |name: &str| {
        format!(
            "{name} Error Access to this API has been restricted ERR_ACCESS_DENIED ChildProcess \"\" [ 'code', 'permission', 'resource' ]\n"
        )
    };
    let expected: String = [
        "spawnSync",
        "execSync",
        "execFileSync",
        "spawn",
        "exec",
        "execFile",
    ]
    .iter()
    .map(|n| line(n))
    .collect();
    let all_but_processes = Permissions::all().child_process(false);
    assert_eq!(run(all_but_processes, ATTEMPTS), expected);
    // The main file is read from a scratch directory under the target tmp dir.
    let nothing = Permissions::none().module_roots([env!("CARGO_TARGET_TMPDIR")]);
    assert_eq!(run(nothing, ATTEMPTS), expected);
}

#[test]
fn granted_child_process_starts_processes() {
    let out = run(
        Permissions::all(),
        "const cp = require('child_process');\n\
         console.log(cp.spawnSync('sh', ['-c', 'exit 4']).status);\n\
         cp.execFile('echo', ['async'], (err, stdout) => console.log(err, stdout.trim()));",
    );
    assert_eq!(out, "4\nnull async\n");
}
