//! A tokio program serving many concurrent requests through a pool of
//! JavaScript workers: each request awaits a JS async function that uses
//! a timer and a Rust async host function.
//!
//! Run with `cargo run -p jsloop-quickjs --example worker_pool`.

use std::sync::Arc;

use jsloop_quickjs::{Error, JsValue, Runtime, WorkerPool};

fn build(worker: usize) -> Result<Runtime, Error> {
    let rt = Runtime::new()?;
    // A Rust async function: settled later, from another thread.
    rt.register_async_fn("priceOf", |args, settler| {
        let item = args
            .first()
            .and_then(JsValue::as_str)
            .unwrap_or("")
            .to_owned();
        std::thread::spawn(move || settler.resolve(JsValue::from(item.len() as f64 * 1.5)));
    })?;
    rt.eval(&format!(
        "globalThis.handle = async (item) => {{
           await new Promise((ok) => setTimeout(ok, 2));
           return {{ item, price: await priceOf(item), worker: {worker} }};
         }}"
    ))?;
    Ok(rt)
}

fn main() -> Result<(), Error> {
    let pool = Arc::new(WorkerPool::spawn(2, build)?);
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    let answers = tokio.block_on(async {
        let requests: Vec<_> = ["apple", "fig", "banana", "kiwi", "cherry", "plum"]
            .into_iter()
            .map(|item| {
                let pool = pool.clone();
                tokio::spawn(async move { pool.call("handle", vec![item.into()]).await })
            })
            .collect();
        let mut answers = Vec::new();
        for request in requests {
            answers.push(request.await.expect("the task ran"));
        }
        answers
    });
    for answer in answers {
        let answer = answer?;
        let item = answer.get("item").and_then(JsValue::as_str).unwrap_or("?");
        let price = answer.get("price").and_then(JsValue::as_f64).unwrap_or(0.0);
        let worker = answer
            .get("worker")
            .and_then(JsValue::as_f64)
            .unwrap_or(-1.0);
        println!("{item}: {price} (worker {worker})");
    }
    let pool = Arc::into_inner(pool).expect("the tasks are done");
    pool.shutdown()?;
    Ok(())
}
