//! The baseline for the promise benchmarks: a script run on bare QuickJS
//! (rquickjs, no event loop), draining the engine's job queue until empty,
//! as QuickJS's own `qjs` does. Provides only `console.log` and
//! `performance.now`.
//!
//! Run with `cargo run --release -p jsloop-quickjs --example raw_quickjs -- benches/js/then_chain.js`.

use std::time::Instant;

use rquickjs::{Context, Function, Object, Runtime};

fn main() -> rquickjs::Result<()> {
    let path = std::env::args().nth(1).expect("usage: raw_quickjs SCRIPT");
    let source = std::fs::read_to_string(&path).expect("readable script");
    let rt = Runtime::new()?;
    let ctx = Context::full(&rt)?;
    let start = Instant::now();
    ctx.with(|ctx| -> rquickjs::Result<()> {
        let console = Object::new(ctx.clone())?;
        console.set(
            "log",
            Function::new(
                ctx.clone(),
                |a: String, b: rquickjs::prelude::Opt<f64>| match b.0 {
                    Some(b) => println!("{a} {b}"),
                    None => println!("{a}"),
                },
            )?,
        )?;
        ctx.globals().set("console", console)?;
        let perf = Object::new(ctx.clone())?;
        perf.set(
            "now",
            Function::new(ctx.clone(), move || start.elapsed().as_secs_f64() * 1000.0)?,
        )?;
        ctx.globals().set("performance", perf)?;
        ctx.eval::<(), _>(source)
    })?;
    while rt.execute_pending_job().unwrap_or(true) {}
    Ok(())
}
