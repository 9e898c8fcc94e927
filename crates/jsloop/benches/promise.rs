//! Promise shapes on the loop, each beside an equivalent built from tokio
//! oneshot channels and `futures` combinators on tokio's current-thread
//! runtime, in one run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures::future::{join_all, select_all};
use jsloop::promise::{self, Promise};
use jsloop::EventLoop;

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

fn chains(c: &mut Criterion) {
    let lp = EventLoop::new();
    let rt = rt();
    for depth in [10u64, 100] {
        let mut g = c.benchmark_group(format!("chain_{depth}"));
        g.throughput(Throughput::Elements(depth));
        g.bench_function("jsloop", |b| {
            b.iter(|| {
                let (head, r) = Promise::<u64>::new(&lp);
                let mut p = head;
                for _ in 0..depth {
                    p = p.then(|v| Ok(v + 1));
                }
                r.resolve(0);
                lp.run().unwrap();
                black_box(p.outcome())
            })
        });
        g.bench_function("tokio_oneshot", |b| {
            b.iter(|| {
                rt.block_on(async {
                    let (tx, mut rx) = tokio::sync::oneshot::channel::<u64>();
                    for _ in 0..depth {
                        let (ntx, nrx) = tokio::sync::oneshot::channel();
                        tokio::spawn(async move {
                            let v = rx.await.unwrap();
                            let _ = ntx.send(v + 1);
                        });
                        rx = nrx;
                    }
                    tx.send(0).unwrap();
                    black_box(rx.await.unwrap())
                })
            })
        });
        g.finish();
    }
}

fn fan_out(c: &mut Criterion) {
    let lp = EventLoop::new();
    let rt = rt();
    let mut g = c.benchmark_group("fan_out_100");
    g.throughput(Throughput::Elements(100));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            let (p, r) = Promise::<u64>::new(&lp);
            for _ in 0..100 {
                p.then(|v| Ok(black_box(v)));
            }
            r.resolve(1);
            lp.run().unwrap();
        })
    });
    g.bench_function("tokio_oneshot", |b| {
        b.iter(|| {
            rt.block_on(async {
                let (tx, _) = tokio::sync::broadcast::channel::<u64>(1);
                let handles: Vec<_> = (0..100)
                    .map(|_| {
                        let mut rx = tx.subscribe();
                        tokio::spawn(async move { black_box(rx.recv().await.unwrap()) })
                    })
                    .collect();
                tx.send(1).unwrap();
                join_all(handles).await
            })
        })
    });
    g.finish();
}

fn race(c: &mut Criterion) {
    let lp = EventLoop::new();
    let rt = rt();
    let mut g = c.benchmark_group("race_100");
    g.throughput(Throughput::Elements(100));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            let (ps, rs): (Vec<_>, Vec<_>) = (0..100).map(|_| Promise::<u64>::new(&lp)).unzip();
            let winner = promise::race(&lp, ps);
            for (i, r) in rs.into_iter().enumerate() {
                r.resolve(i as u64);
            }
            lp.run().unwrap();
            black_box(winner.outcome())
        })
    });
    g.bench_function("futures_select", |b| {
        b.iter(|| {
            rt.block_on(async {
                let (txs, rxs): (Vec<_>, Vec<_>) = (0..100)
                    .map(|_| tokio::sync::oneshot::channel::<u64>())
                    .unzip();
                for (i, tx) in txs.into_iter().enumerate() {
                    let _ = tx.send(i as u64);
                }
                black_box(select_all(rxs).await.0.unwrap())
            })
        })
    });
    g.finish();
}

fn create(c: &mut Criterion) {
    let lp = EventLoop::new();
    let rt = rt();
    let mut g = c.benchmark_group("create");
    const N: u64 = 1000;
    g.throughput(Throughput::Elements(N));
    g.bench_function("jsloop/create", |b| {
        b.iter(|| {
            for _ in 0..N {
                black_box(Promise::<u64>::new(&lp));
            }
        })
    });
    g.bench_function("tokio_oneshot/create", |b| {
        b.iter(|| {
            for _ in 0..N {
                black_box(tokio::sync::oneshot::channel::<u64>());
            }
        })
    });
    g.bench_function("jsloop/create_resolve_then", |b| {
        b.iter(|| {
            for i in 0..N {
                let (p, r) = Promise::<u64>::new(&lp);
                p.then(|v| Ok(black_box(v)));
                r.resolve(i);
            }
            lp.run().unwrap();
        })
    });
    g.bench_function("tokio_oneshot/create_send_await", |b| {
        b.iter(|| {
            rt.block_on(async {
                for i in 0..N {
                    let (tx, rx) = tokio::sync::oneshot::channel::<u64>();
                    tx.send(i).unwrap();
                    black_box(rx.await.unwrap());
                }
            })
        })
    });
    g.finish();
}

criterion_group!(benches, chains, fan_out, race, create);
criterion_main!(benches);
