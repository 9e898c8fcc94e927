//! The network permission: switched off, or limited to listed hosts, a
//! script can neither listen, connect, send an HTTP(S) request nor resolve a
//! name (Node's `ERR_ACCESS_DENIED`); allowed hosts still work.

mod common;

use common::{run_main, scratch};
use jsloop_quickjs::Permissions;

/// Tries each way onto the network; prints what each reported.
const SCRIPT: &str = r"
const net = require('net');
const http = require('http');
const dns = require('dns');
const show = (what) => (e) => console.log(what, e.code, e.permission, e.resource);
const server = net.createServer();
server.on('error', show('listen'));
server.listen(0, '127.0.0.1', () => {
  console.log('listening');
  server.close();
});
net.connect(9, '127.0.0.1').on('error', show('connect'));
http.get('http://127.0.0.1:9/').on('error', show('http'));
require('https').get('https://127.0.0.1:9/').on('error', show('https'));
fetch('https://127.0.0.1:9/').catch((e) => show('fetch https')(e.cause));
dns.lookup('localhost', show('lookup'));
dns.promises.lookup('localhost').catch(show('promises.lookup'));
";

/// Runs the script (in a directory of the test's own) with `permissions`;
/// returns its sorted stdout lines.
fn run(permissions: Permissions) -> Vec<String> {
    let dir = scratch().with(&[("main.js", SCRIPT)]);
    let ran = run_main(permissions, &dir.join("main.js"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let mut lines: Vec<String> = ran.stdout.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn network_switched_off_denies_every_way_out() {
    let lines = run(Permissions::all().deny_net());
    assert_eq!(
        lines,
        [
            "connect ERR_ACCESS_DENIED Net 127.0.0.1",
            "fetch https ERR_ACCESS_DENIED Net 127.0.0.1",
            "http ERR_ACCESS_DENIED Net 127.0.0.1",
            "https ERR_ACCESS_DENIED Net 127.0.0.1",
            "listen ERR_ACCESS_DENIED Net 127.0.0.1",
            "lookup ERR_ACCESS_DENIED Net localhost",
            "promises.lookup ERR_ACCESS_DENIED Net localhost",
        ]
    );
}

#[test]
fn listed_hosts_are_reachable_and_others_are_not() {
    let lines = run(Permissions::all().net_hosts(["127.0.0.1"]));
    assert_eq!(
        lines,
        [
            "connect ECONNREFUSED undefined undefined",
            "fetch https ECONNREFUSED undefined undefined",
            "http ECONNREFUSED undefined undefined",
            "https ECONNREFUSED undefined undefined",
            "listening",
            "lookup ERR_ACCESS_DENIED Net localhost",
            "promises.lookup ERR_ACCESS_DENIED Net localhost",
        ]
    );
}
