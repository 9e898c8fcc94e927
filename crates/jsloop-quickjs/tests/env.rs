//! `process.env` shows the host's variables only as the permission set
//! grants them.

mod common;

use common::run_script;
use jsloop_quickjs::Permissions;

fn env_seen(permissions: Permissions) -> String {
    run_script(
        permissions,
        "console.log(typeof process.env.PATH, typeof process.env.CARGO_PKG_NAME, Object.keys(process.env).length > 0)",
    )
    .stdout
}

#[test]
fn env_is_empty_unless_granted() {
    // Cargo sets CARGO_PKG_NAME for the tests it runs; PATH is set too.
    assert!(std::env::var_os("PATH").is_some() && std::env::var_os("CARGO_PKG_NAME").is_some());
    assert_eq!(env_seen(Permissions::none()), "undefined undefined false\n");
    assert_eq!(env_seen(Permissions::all()), "string string true\n");
    assert_eq!(
        env_seen(Permissions::none().allow_env()),
        "string string true\n"
    );
    assert_eq!(
        env_seen(Permissions::none().env_vars(["PATH", "NOT_SET_ANYWHERE"])),
        "string undefined true\n"
    );
}
