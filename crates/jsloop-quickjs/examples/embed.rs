//! Embedding JavaScript: a sync and an async Rust function exposed to a
//! script, the async one settled from a worker thread.
//!
//! Run with `cargo run -p jsloop-quickjs --example embed`.

use jsloop_quickjs::{JsValue, Runtime};

fn main() -> Result<(), jsloop_quickjs::Error> {
    let rt = Runtime::new()?;
    rt.register_fn("hostName", |_| Ok(JsValue::String("rust".into())))?;
    rt.register_async_fn("slowSquare", |args, settler| {
        let n = match args.first() {
            Some(JsValue::Number(n)) => *n,
            _ => 0.0,
        };
        std::thread::spawn(move || settler.resolve(JsValue::Number(n * n)));
    })?;
    rt.run_script(
        "embed.js",
        "console.log('hello from', hostName());
         slowSquare(12).then((v) => console.log('12 squared on a worker thread:', v));",
    )?;
    let code = rt.run().unwrap();
    drop(rt);
    std::process::exit(code);
}
