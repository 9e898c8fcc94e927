//! Blocking-work pool round trips (submit work, get its callback on the
//! loop thread) beside tokio's `spawn_blocking` awaited on a current-thread
//! runtime, in one run: compare the ratios, not the absolute numbers.
//! Per-element times: divide by the throughput count.

use std::cell::Cell;
use std::hint::black_box;
use std::rc::Rc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jsloop::EventLoop;

/// Pieces of work in flight at once in the batch benchmarks.
const BATCH: u64 = 100;

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

/// One piece of work at a time: submit, wait for the callback.
fn round_trip(c: &mut Criterion) {
    let mut g = c.benchmark_group("pool_round_trip");
    g.throughput(Throughput::Elements(1));

    let lp = EventLoop::new();
    let got = Rc::new(Cell::new(0u64));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            let g = got.clone();
            lp.queue_work(|| black_box(6u64) * 7, move |_, r| g.set(r.unwrap()))
                .unwrap();
            lp.run().unwrap();
            black_box(got.get())
        })
    });

    let rt = tokio_runtime();
    g.bench_function("tokio_spawn_blocking", |b| {
        b.iter(|| {
            rt.block_on(async {
                tokio::task::spawn_blocking(|| black_box(6u64) * 7)
                    .await
                    .unwrap()
            })
        })
    });
    g.finish();
}

/// `BATCH` pieces of work in flight, all awaited.
fn batch(c: &mut Criterion) {
    let mut g = c.benchmark_group("pool_batch");
    g.throughput(Throughput::Elements(BATCH));

    let lp = EventLoop::new();
    let sum = Rc::new(Cell::new(0u64));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            for i in 0..BATCH {
                let s = sum.clone();
                lp.queue_work(
                    move || black_box(i) * 2,
                    move |_, r| s.set(s.get() + r.unwrap()),
                )
                .unwrap();
            }
            lp.run().unwrap();
            black_box(sum.get())
        })
    });

    let rt = tokio_runtime();
    g.bench_function("tokio_spawn_blocking", |b| {
        b.iter(|| {
            rt.block_on(async {
                let tasks: Vec<_> = (0..BATCH)
                    .map(|i| tokio::task::spawn_blocking(move || black_box(i) * 2))
                    .collect();
                let mut sum = 0;
                for t in tasks {
                    sum += t.await.unwrap();
                }
                sum
            })
        })
    });
    g.finish();
}

criterion_group!(benches, round_trip, batch);
criterion_main!(benches);
