//! The `jsloop` binary's certificate trust: `NODE_EXTRA_CA_CERTS` adds a
//! PEM file's certificates to the default roots of `tls`, `https` and
//! `fetch`, as node does (a script cannot hand `fetch` a CA otherwise).
//! The expected lines are what node 20 prints for the same script.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A local https server with the test CA's certificate, then `fetch` and
/// `https.get` without a `ca` option.
const SCRIPT: &str = r#"
const https = require('https');
const fs = require('fs');
const path = require('path');
const read = (name) => fs.readFileSync(path.join(process.argv[2], name));
const server = https.createServer({ key: read('server-key.pem'), cert: read('server.pem') },
  (req, res) => res.end(`hi ${req.headers['user-agent']}`));
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  try {
    const res = await fetch(`https://localhost:${port}/`);
    console.log('fetch', res.status, await res.text());
  } catch (e) {
    console.log('fetch', e.message, e.cause && e.cause.code);
  }
  const req = https.get({ host: '127.0.0.1', port }, (res) => {
    console.log('https.get', res.socket.authorized);
    res.resume();
    res.on('end', () => server.close());
  });
  req.on('error', (e) => {
    console.log('https.get', e.code);
    server.close();
  });
});
"#;

fn certs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../jsloop-quickjs/tests/fixtures/tls")
}

fn run(test: &str, extra: Option<&Path>) -> Output {
    let dir = std::env::temp_dir().join(format!("jsloop-trust-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("main.js");
    std::fs::write(&script, SCRIPT).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jsloop"));
    cmd.arg("run").arg(&script).arg(certs());
    cmd.env_remove("NODE_EXTRA_CA_CERTS");
    if let Some(path) = extra {
        cmd.env("NODE_EXTRA_CA_CERTS", path);
    }
    let out = cmd.output().expect("jsloop runs");
    std::fs::remove_dir_all(&dir).ok();
    out
}

#[test]
fn node_extra_ca_certs_is_trusted_by_fetch_and_https() {
    let out = run("extra", Some(&certs().join("ca.pem")));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fetch 200 hi node\nhttps.get true\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}

#[test]
fn without_node_extra_ca_certs_the_test_ca_is_not_trusted() {
    let out = run("none", None);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fetch fetch failed UNABLE_TO_VERIFY_LEAF_SIGNATURE\nhttps.get UNABLE_TO_VERIFY_LEAF_SIGNATURE\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unreadable_node_extra_ca_certs_is_ignored_with_a_warning() {
    let out = run("missing", Some(Path::new("/nonexistent/jsloop-ca.pem")));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fetch fetch failed UNABLE_TO_VERIFY_LEAF_SIGNATURE\nhttps.get UNABLE_TO_VERIFY_LEAF_SIGNATURE\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "Warning: Ignoring extra certs from `/nonexistent/jsloop-ca.pem`, load failed: "
        ),
        "{stderr}"
    );
}
