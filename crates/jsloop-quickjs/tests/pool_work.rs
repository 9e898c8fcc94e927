//! Callback forms that Node runs on libuv's pool run on the loop's pool
//! here: the work is pending on the pool once the script returns, and the
//! callbacks run when it completes.

use jsloop_quickjs::{Output, Runtime, Stream};

#[test]
fn crypto_callback_forms_run_on_the_pool() {
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script(
        "pool.js",
        r"
        const crypto = require('crypto');
        crypto.pbkdf2('pw', 'salt', 1, 8, 'sha256', (e, k) => console.log('pbkdf2', k.toString('hex')));
        crypto.randomBytes(4, (e, b) => console.log('randomBytes', b.length));
        crypto.randomFill(new Uint8Array(3), (e, b) => console.log('randomFill', b.length));
        crypto.randomInt(7, 8, (e, n) => console.log('randomInt', n));
        ",
    )
    .unwrap();
    assert_eq!(rt.event_loop().stats().work_pending, 4);
    assert_eq!(rt.run().unwrap(), 0);
    let mut lines: Vec<_> = out
        .captured(Stream::Stdout)
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "pbkdf2 6f4ad8c78ec365c0",
            "randomBytes 4",
            "randomFill 3",
            "randomInt 7"
        ]
    );
}
