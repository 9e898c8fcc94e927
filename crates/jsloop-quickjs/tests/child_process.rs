//! `node:child_process` under the runtime's permission set: an embedder
//! can deny starting processes; every way to start one then throws Node's
//! `ERR_ACCESS_DENIED` (its shape under `node --experimental-permission`)
//! and no process starts.

use jsloop_quickjs::{Output, Permissions, Runtime, Stream};

/// Runs `source` as a CommonJS main file with `permissions`; its stdout.
/// The file is in a directory of the calling test's own: tests run in
/// parallel, and one rewriting a shared file could hand another a torn one.
fn run(permissions: Permissions, source: &str) -> String {
    let test = std::thread::current()
        .name()
        .expect("called on the test's own thread")
        .replace("::", "-");
    let dir = std::env::temp_dir().join(format!("jsloop-child-perm-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("main.js");
    std::fs::write(&path, source).unwrap();
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .permissions(permissions)
        .build()
        .unwrap();
    rt.run_file(&path).unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    drop(rt);
    out.captured(Stream::Stdout)
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
    let nothing = Permissions::none().module_roots([std::env::temp_dir()]);
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
