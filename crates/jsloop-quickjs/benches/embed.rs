//! The embedding API's costs beside a peer doing the same work:
//!
//! - `roundtrip/*`: Rust calls a JavaScript function that calls a Rust
//!   host function and returns, on the loop thread: through [`Runtime`]
//!   (`jsloop`) and through bare rquickjs (`rquickjs`).
//! - `worker/*`: a call from a tokio task to a [`Worker`] and back, one
//!   at a time (`idle`) and 64 in flight (`pipelined`), beside a round
//!   trip through `tokio::sync::mpsc` + `oneshot` to a plain thread doing
//!   no JavaScript (`channel`).
//! - `pool/*`: 64 pipelined calls through a [`WorkerPool`] of 1 and of 2
//!   workers.
//! - `runtimes/*`: create a runtime, evaluate a one-liner and drop it
//!   (`create_eval_drop`, beside bare rquickjs: `rquickjs`), and builder
//!   to first evaluated script (`first_script`, the drop not timed;
//!   `first_script_globals` when it reads `console`, `process`, `Buffer`
//!   and `URL`).
//!   Also printed: resident memory per idle runtime (`/proc/self/statm`,
//!   Linux), over 100 runtimes kept alive.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jsloop_quickjs::{JsValue, Runtime, Worker, WorkerPool};

const SCRIPT: &str = "globalThis.f = (n) => inc(n) + 1";

fn roundtrip(c: &mut Criterion) {
    let mut g = c.benchmark_group("roundtrip");
    let rt = Runtime::new().unwrap();
    rt.register_fn("inc", |args| {
        Ok(JsValue::from(
            args.first().and_then(JsValue::as_f64).unwrap_or(0.0) + 1.0,
        ))
    })
    .unwrap();
    rt.eval(SCRIPT).unwrap();
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            rt.call_global("f", vec![JsValue::from(black_box(1))])
                .unwrap()
        })
    });

    let engine = rquickjs::Runtime::new().unwrap();
    let context = rquickjs::Context::full(&engine).unwrap();
    context.with(|ctx| {
        let inc = rquickjs::Function::new(ctx.clone(), |n: f64| n + 1.0).unwrap();
        ctx.globals().set("inc", inc).unwrap();
        ctx.eval::<(), _>(SCRIPT).unwrap();
    });
    // The same, with a script that touches the common globals (each loads
    // its start-up file on first use).
    g.bench_function("first_script_globals", |b| {
        b.iter_with_large_drop(|| {
            let rt = Runtime::new().unwrap();
            let used = "typeof console.log + typeof process.version + typeof Buffer + typeof URL";
            black_box(rt.eval(used).unwrap());
            rt
        })
    });
    g.bench_function("rquickjs", |b| {
        b.iter(|| {
            context.with(|ctx| {
                let f: rquickjs::Function = ctx.globals().get("f").unwrap();
                f.call::<_, f64>((black_box(1.0),)).unwrap()
            })
        })
    });
    g.finish();
}

fn worker_runtime() -> Result<Runtime, jsloop_quickjs::Error> {
    let rt = Runtime::new()?;
    rt.eval("globalThis.echo = (n) => n")?;
    Ok(rt)
}

fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

const IN_FLIGHT: usize = 64;

fn worker(c: &mut Criterion) {
    let mut g = c.benchmark_group("worker");
    let tk = tokio();
    let worker = Worker::spawn(worker_runtime).unwrap();
    g.bench_function("idle", |b| {
        b.iter(|| {
            tk.block_on(worker.call("echo", vec![JsValue::from(1)]))
                .unwrap()
        })
    });
    g.bench_function("pipelined", |b| {
        b.iter(|| {
            let calls: Vec<_> = (0..IN_FLIGHT)
                .map(|i| worker.call("echo", vec![JsValue::from(i as f64)]))
                .collect();
            tk.block_on(async {
                for call in calls {
                    call.await.unwrap();
                }
            })
        })
    });
    worker.shutdown().unwrap();

    type Request = (f64, tokio::sync::oneshot::Sender<f64>);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Request>();
    let plain = std::thread::spawn(move || {
        while let Some((n, reply)) = rx.blocking_recv() {
            let _ = reply.send(n);
        }
    });
    g.bench_function("channel", |b| {
        b.iter(|| {
            let (reply, answer) = tokio::sync::oneshot::channel();
            tx.send((1.0, reply)).unwrap();
            tk.block_on(answer).unwrap()
        })
    });
    drop(tx);
    plain.join().unwrap();
    g.finish();
}

fn pool(c: &mut Criterion) {
    let mut g = c.benchmark_group("pool");
    let tk = tokio();
    for n in [1, 2] {
        let pool = WorkerPool::spawn(n, |_| worker_runtime()).unwrap();
        g.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                let calls: Vec<_> = (0..IN_FLIGHT)
                    .map(|i| pool.call("echo", vec![JsValue::from(i as f64)]))
                    .collect();
                tk.block_on(async {
                    for call in calls {
                        call.await.unwrap();
                    }
                })
            })
        });
        pool.shutdown().unwrap();
    }
    g.finish();
}

fn runtimes(c: &mut Criterion) {
    idle_memory();
    let mut g = c.benchmark_group("runtimes");
    g.bench_function("create_eval_drop", |b| {
        b.iter(|| {
            let rt = Runtime::new().unwrap();
            black_box(rt.eval("1 + 1").unwrap());
        })
    });
    g.bench_function("first_script", |b| {
        b.iter_with_large_drop(|| {
            let rt = Runtime::new().unwrap();
            black_box(rt.eval("1 + 1").unwrap());
            rt
        })
    });
    // The same, with a script that touches the common globals (each loads
    // its start-up file on first use).
    g.bench_function("first_script_globals", |b| {
        b.iter_with_large_drop(|| {
            let rt = Runtime::new().unwrap();
            let used = "typeof console.log + typeof process.version + typeof Buffer + typeof URL";
            black_box(rt.eval(used).unwrap());
            rt
        })
    });
    g.bench_function("rquickjs", |b| {
        b.iter(|| {
            let engine = rquickjs::Runtime::new().unwrap();
            let context = rquickjs::Context::full(&engine).unwrap();
            context.with(|ctx| black_box(ctx.eval::<i32, _>("1 + 1").unwrap()));
        })
    });
    g.finish();
}

/// Resident bytes now (`/proc/self/statm`, pages of 4 KiB), if known.
fn resident() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Prints the resident memory each idle runtime adds, beside bare rquickjs.
fn idle_memory() {
    const N: usize = 100;
    // Bare rquickjs first: memory freed by one set is reused by the next.
    let Some(before) = resident() else { return };
    let kept: Vec<_> = (0..N)
        .map(|_| {
            let engine = rquickjs::Runtime::new().unwrap();
            let context = rquickjs::Context::full(&engine).unwrap();
            context.with(|ctx| ctx.eval::<i32, _>("1 + 1").unwrap());
            (context, engine)
        })
        .collect();
    let bare = resident().unwrap_or(before).saturating_sub(before) / N;
    let before = resident().unwrap_or(before);
    let kept_js: Vec<Runtime> = (0..N)
        .map(|_| {
            let rt = Runtime::new().unwrap();
            rt.eval("1 + 1").unwrap();
            rt
        })
        .collect();
    let jsloop = resident().unwrap_or(before).saturating_sub(before) / N;
    drop((kept_js, kept));
    eprintln!(
        "runtimes/idle_memory: jsloop {} KiB per runtime, rquickjs {} KiB",
        jsloop / 1024,
        bare / 1024
    );
}

criterion_group!(benches, roundtrip, worker, pool, runtimes);
criterion_main!(benches);
