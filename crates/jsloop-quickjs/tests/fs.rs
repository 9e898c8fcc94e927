//! `node:fs` from Rust's side: the embedder's permissions (denied, limited
//! to roots) and that the asynchronous forms run off the loop thread.

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use common::{run_script, scratch, Ran};
use jsloop_quickjs::Permissions;

/// A script trying `ops` (lines `label: expression`) and printing each
/// outcome (`ok` or the error's code and permission).
fn attempts(dir: &Path, ops: &[(&str, &str)]) -> String {
    let mut s = format!(
        "const fs = require('fs'); const dir = {:?};\n\
         const show = (l, e) => console.log(l, e.code, e.permission, e.resource === undefined ? '' : e.resource.replace(dir, '<dir>'), e.message);\n\
         (async () => {{\n",
        dir.display().to_string()
    );
    for (label, expr) in ops {
        s.push_str(&format!(
            "  try {{ await {expr}; console.log('{label} ok'); }} catch (e) {{ show('{label}', e); }}\n"
        ));
    }
    s.push_str("})();\n");
    s
}

#[test]
fn an_embedder_can_deny_fs() {
    let dir = scratch();
    std::fs::write(dir.join("a.txt"), "a").unwrap();
    let script = attempts(
        &dir,
        &[
            ("readFileSync", "fs.readFileSync(dir + '/a.txt')"),
            ("writeFileSync", "fs.writeFileSync(dir + '/b.txt', 'b')"),
            ("promises.readFile", "fs.promises.readFile(dir + '/a.txt')"),
            (
                "readFile",
                "new Promise((res) => fs.readFile(dir + '/a.txt', res))",
            ),
            (
                "existsSync",
                "(fs.existsSync(dir + '/a.txt') ? 0 : Promise.reject({ code: 'absent' }))",
            ),
            ("watch", "fs.watch(dir + '/a.txt').close()"),
            (
                "createReadStream",
                "new Promise((res, rej) => fs.createReadStream(dir + '/a.txt').on('error', rej).on('close', res).resume())",
            ),
        ],
    );
    let Ran {
        stdout,
        stderr,
        code,
    } = run_script(Permissions::all().deny_fs(), &script);
    assert_eq!(stderr, "");
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "readFileSync ERR_ACCESS_DENIED FileSystemRead <dir>/a.txt Access to this API has been restricted\n\
         writeFileSync ERR_ACCESS_DENIED FileSystemWrite <dir>/b.txt Access to this API has been restricted\n\
         promises.readFile ERR_ACCESS_DENIED FileSystemRead <dir>/a.txt Access to this API has been restricted\n\
         readFile ERR_ACCESS_DENIED FileSystemRead <dir>/a.txt Access to this API has been restricted\n\
         existsSync absent undefined  undefined\n\
         watch ERR_ACCESS_DENIED FileSystemRead <dir>/a.txt Access to this API has been restricted\n\
         createReadStream ERR_ACCESS_DENIED FileSystemRead <dir>/a.txt Access to this API has been restricted\n"
    );
    assert!(!dir.join("b.txt").exists());
    // The same script with fs allowed (the default).
    let stdout = run_script(Permissions::all(), &script).stdout;
    assert_eq!(
        stdout,
        "readFileSync ok\nwriteFileSync ok\npromises.readFile ok\nreadFile ok\nexistsSync ok\nwatch ok\ncreateReadStream ok\n"
    );
}

#[test]
fn an_embedder_can_limit_fs_to_roots() {
    let dir = scratch();
    std::fs::create_dir_all(dir.join("data/out")).unwrap();
    std::fs::write(dir.join("data/in.txt"), "in").unwrap();
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("data/link")).unwrap();
    let script = attempts(
        &dir,
        &[
            ("read inside", "fs.promises.readFile(dir + '/data/in.txt')"),
            ("list inside", "fs.readdirSync(dir + '/data')"),
            ("read outside", "fs.readFileSync(dir + '/secret.txt')"),
            (
                "read via ..",
                "fs.readFileSync(dir + '/data/../secret.txt')",
            ),
            ("read via link", "fs.readFileSync(dir + '/data/link')"),
            (
                "write read-only root",
                "fs.writeFileSync(dir + '/data/x.txt', 'x')",
            ),
            (
                "write root",
                "fs.promises.writeFile(dir + '/data/out/x.txt', 'x')",
            ),
            ("mkdir outside", "fs.promises.mkdir(dir + '/new')"),
            (
                "rename out of root",
                "fs.renameSync(dir + '/data/out/x.txt', dir + '/x.txt')",
            ),
        ],
    );
    let permissions = Permissions::all().fs_roots([dir.join("data")], [dir.join("data/out")]);
    let Ran {
        stdout,
        stderr,
        code,
    } = run_script(permissions, &script);
    assert_eq!(stderr, "");
    assert_eq!(code, 0);
    let denied = "Access to this API has been restricted";
    assert_eq!(
        stdout,
        format!(
            "read inside ok\n\
             list inside ok\n\
             read outside ERR_ACCESS_DENIED FileSystemRead <dir>/secret.txt {denied}\n\
             read via .. ERR_ACCESS_DENIED FileSystemRead <dir>/secret.txt {denied}\n\
             read via link ERR_ACCESS_DENIED FileSystemRead <dir>/data/link {denied}\n\
             write read-only root ERR_ACCESS_DENIED FileSystemWrite <dir>/data/x.txt {denied}\n\
             write root ok\n\
             mkdir outside ERR_ACCESS_DENIED FileSystemWrite <dir>/new {denied}\n\
             rename out of root ERR_ACCESS_DENIED FileSystemWrite <dir>/x.txt {denied}\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("data/out/x.txt")).unwrap(),
        "x"
    );
    assert!(!dir.join("new").exists() && !dir.join("x.txt").exists());
}

/// The callback form of `readFile` opens a FIFO with no writer, which
/// blocks until one comes; the writer is the loop thread itself (a later
/// `writeFileSync`), so this finishes only if the read waits elsewhere.
#[test]
fn async_fs_work_runs_off_the_loop_thread() {
    let dir = scratch();
    let fifo = dir.join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: `c` is a NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc_mkfifo(c.as_ptr(), 0o600) }, 0);
    let script = format!(
        "const fs = require('fs'); const fifo = {:?};\n\
         fs.readFile(fifo, 'utf8', (e, text) => console.log('read', e, text));\n\
         setImmediate(() => {{ console.log('loop free'); fs.writeFileSync(fifo, 'through the pipe'); }});\n",
        fifo.display().to_string()
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(run_script(Permissions::all(), &script)).unwrap());
    // Only a guard against hanging the test run; a pass never waits for it.
    let Ran {
        stdout,
        stderr,
        code,
    } = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the loop thread blocked on the FIFO: readFile ran on it");
    assert_eq!(stderr, "");
    assert_eq!(code, 0);
    assert_eq!(stdout, "loop free\nread null through the pipe\n");
}

extern "C" {
    #[link_name = "mkfifo"]
    fn libc_mkfifo(path: *const std::ffi::c_char, mode: u32) -> i32;
}
