//! The loop's hot paths, each beside the same work on tokio's
//! current-thread runtime, in one run (compare the ratios, not the
//! absolute numbers). Per-element times: divide by the throughput count.

use std::cell::Cell;
use std::hint::black_box;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use jsloop::{EventLoop, Handle, VirtualClock};

const N: u64 = 1000;

/// A loop running on its own thread until dropped.
struct LoopThread {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl LoopThread {
    fn start() -> Self {
        Self::with_spin(None)
    }

    /// A loop with `spin` instead of the default (`Some(ZERO)`: it parks
    /// the moment it goes idle).
    fn with_spin(spin: Option<Duration>) -> Self {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let lp = match spin {
                Some(spin) => EventLoop::builder().spin(spin).build(),
                None => EventLoop::new(),
            };
            let handle = lp.handle();
            let hold = handle.hold().unwrap();
            tx.send((handle, hold)).unwrap();
            lp.run().unwrap();
        });
        let (handle, hold) = rx.recv().unwrap();
        // The loop stays alive until shutdown.
        std::mem::forget(hold);
        Self {
            handle,
            thread: Some(thread),
        }
    }
}

impl Drop for LoopThread {
    fn drop(&mut self) {
        self.handle.shutdown();
        self.thread.take().unwrap().join().unwrap();
    }
}

/// A tokio current-thread runtime running on its own thread until dropped.
struct TokioThread {
    handle: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TokioThread {
    fn start() -> Self {
        let (tx, rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            tx.send(rt.handle().clone()).unwrap();
            rt.block_on(async move {
                let _ = stopped.await;
            });
        });
        Self {
            handle: rx.recv().unwrap(),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for TokioThread {
    fn drop(&mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.thread.take().unwrap().join().unwrap();
    }
}

fn tokio_rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Yields to the runtime until `count` reaches `target`.
async fn until(count: &Cell<u64>, target: u64) {
    while count.get() < target {
        tokio::task::yield_now().await;
    }
}

fn wait_for(counter: &AtomicUsize, n: usize) {
    while counter.load(Ordering::Acquire) < n {
        std::hint::spin_loop();
    }
}

fn local_submit(c: &mut Criterion) {
    let mut g = c.benchmark_group("submit_local");
    g.throughput(Throughput::Elements(N));
    let lp = EventLoop::new();
    let count = Rc::new(Cell::new(0u64));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            for _ in 0..N {
                let c = count.clone();
                lp.submit(move |_| c.set(c.get() + 1)).unwrap();
            }
            lp.run().unwrap();
        })
    });
    let rt = tokio_rt();
    let local = tokio::task::LocalSet::new();
    g.bench_function("tokio", |b| {
        b.iter(|| {
            local.block_on(&rt, async {
                let target = count.get() + N;
                for _ in 0..N {
                    let c = count.clone();
                    tokio::task::spawn_local(async move { c.set(c.get() + 1) });
                }
                until(&count, target).await;
            });
        })
    });
    g.finish();
}

fn remote_submit(c: &mut Criterion) {
    let mut g = c.benchmark_group("submit_remote");
    g.throughput(Throughput::Elements(N));
    let lt = LoopThread::start();
    let tt = TokioThread::start();
    let done = Arc::new(AtomicUsize::new(0));
    g.bench_function("jsloop/one_producer", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            for _ in 0..N {
                let d = done.clone();
                lt.handle
                    .submit(move |_| {
                        d.fetch_add(1, Ordering::Release);
                    })
                    .unwrap();
            }
            wait_for(&done, N as usize);
        })
    });
    // The same with a capture-free task: no allocation, no shared refcount,
    // so this isolates the queue's own cost from malloc and the Arc clone.
    static DONE: AtomicUsize = AtomicUsize::new(0);
    g.bench_function("jsloop/one_producer_no_capture", |b| {
        b.iter(|| {
            DONE.store(0, Ordering::Relaxed);
            for _ in 0..N {
                lt.handle
                    .submit(|_| {
                        DONE.fetch_add(1, Ordering::Release);
                    })
                    .unwrap();
            }
            wait_for(&DONE, N as usize);
        })
    });
    g.bench_function("tokio/one_producer", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            for _ in 0..N {
                let d = done.clone();
                tt.handle.spawn(async move {
                    d.fetch_add(1, Ordering::Release);
                });
            }
            wait_for(&done, N as usize);
        })
    });
    g.bench_function("jsloop/burst_batch", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            let d = &done;
            lt.handle
                .submit_batch((0..N).map(|_| {
                    let d = d.clone();
                    move |_: &EventLoop| {
                        d.fetch_add(1, Ordering::Release);
                    }
                }))
                .unwrap();
            wait_for(&done, N as usize);
        })
    });
    const PRODUCERS: u64 = 10;
    g.throughput(Throughput::Elements(N * PRODUCERS));
    g.bench_function("jsloop/ten_producers", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            std::thread::scope(|s| {
                for _ in 0..PRODUCERS {
                    s.spawn(|| {
                        for _ in 0..N {
                            let d = done.clone();
                            lt.handle
                                .submit(move |_| {
                                    d.fetch_add(1, Ordering::Release);
                                })
                                .unwrap();
                        }
                    });
                }
            });
            wait_for(&done, (N * PRODUCERS) as usize);
        })
    });
    g.bench_function("tokio/ten_producers", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            std::thread::scope(|s| {
                for _ in 0..PRODUCERS {
                    s.spawn(|| {
                        for _ in 0..N {
                            let d = done.clone();
                            tt.handle.spawn(async move {
                                d.fetch_add(1, Ordering::Release);
                            });
                        }
                    });
                }
            });
            wait_for(&done, (N * PRODUCERS) as usize);
        })
    });
    g.finish();
}

fn round_trip(c: &mut Criterion) {
    let mut g = c.benchmark_group("round_trip");
    let lt = LoopThread::start();
    let tt = TokioThread::start();
    g.bench_function("jsloop", |b| {
        b.iter(|| lt.handle.call(|_| black_box(1)).unwrap())
    });
    g.bench_function("tokio", |b| {
        b.iter(|| futures::executor::block_on(tt.handle.spawn(async { black_box(1) })).unwrap())
    });
    drop(lt);
    // No spinning on either side: every call wakes a parked loop (the
    // wake syscall) and parks the caller until the answer.
    let parked = LoopThread::with_spin(Some(Duration::ZERO));
    g.bench_function("jsloop_parked", |b| {
        b.iter(|| parked.handle.call(|_| black_box(1)).unwrap())
    });
    g.finish();
}

fn remote_immediates(c: &mut Criterion) {
    let mut g = c.benchmark_group("immediate_remote");
    g.throughput(Throughput::Elements(N));
    let lt = LoopThread::start();
    let tt = TokioThread::start();
    let done = Arc::new(AtomicUsize::new(0));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            for _ in 0..N {
                let d = done.clone();
                lt.handle
                    .set_immediate(move |_| {
                        d.fetch_add(1, Ordering::Release);
                    })
                    .unwrap();
            }
            wait_for(&done, N as usize);
        })
    });
    g.bench_function("tokio", |b| {
        b.iter(|| {
            done.store(0, Ordering::Relaxed);
            for _ in 0..N {
                let d = done.clone();
                let task = tt.handle.spawn(async move {
                    d.fetch_add(1, Ordering::Release);
                });
                // An immediate can be cancelled: keep the abort handle alive.
                black_box(task.abort_handle());
            }
            wait_for(&done, N as usize);
        })
    });
    g.finish();
}

fn timers(c: &mut Criterion) {
    let mut g = c.benchmark_group("timer_set_clear");
    g.throughput(Throughput::Elements(N));
    let lp = EventLoop::new();
    let hour = Duration::from_secs(3600);
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            for _ in 0..N {
                let id = lp.set_timeout(hour, |_| ()).unwrap();
                lp.clear_timer(black_box(id));
            }
        })
    });
    let rt = tokio_rt();
    g.bench_function("tokio", |b| {
        b.iter(|| {
            rt.block_on(async {
                for _ in 0..N {
                    let sleep = tokio::time::sleep(hour);
                    let mut sleep = std::pin::pin!(sleep);
                    // Polling registers the timer; dropping cancels it.
                    let _ = futures::poll!(sleep.as_mut());
                }
            })
        })
    });
    g.finish();

    let mut g = c.benchmark_group("timer_fire_same_deadline");
    const MANY: u64 = 100_000;
    g.throughput(Throughput::Elements(MANY));
    g.sample_size(10);
    g.bench_function("jsloop", |b| {
        b.iter_batched(
            || EventLoop::builder().clock(VirtualClock::new()).build(),
            |lp| {
                let count = Rc::new(Cell::new(0u64));
                for _ in 0..MANY {
                    let c = count.clone();
                    lp.set_timeout(Duration::from_millis(5), move |_| c.set(c.get() + 1))
                        .unwrap();
                }
                lp.run().unwrap();
                assert_eq!(count.get(), MANY);
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("tokio", |b| {
        b.iter_batched(
            || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .start_paused(true)
                    .build()
                    .unwrap()
            },
            |rt| {
                let local = tokio::task::LocalSet::new();
                let count = Rc::new(Cell::new(0u64));
                local.block_on(&rt, async {
                    for _ in 0..MANY {
                        let c = count.clone();
                        tokio::task::spawn_local(async move {
                            tokio::time::sleep(Duration::from_millis(5)).await;
                            c.set(c.get() + 1);
                        });
                    }
                });
                rt.block_on(local);
                assert_eq!(count.get(), MANY);
            },
            BatchSize::PerIteration,
        )
    });
    // Steady state: the loop's tables are warm from earlier rounds; only
    // the inserts are timed, the clean-up is not.
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    g.bench_function("jsloop/insert_warm", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                for _ in 0..MANY {
                    lp.set_timeout(Duration::from_millis(5), |_| ()).unwrap();
                }
                total += start.elapsed();
                lp.run().unwrap();
            }
            total
        })
    });
    g.finish();
}

/// 100,000 timers over 51 distinct delays (0–50 ms), a realistic mix:
/// timers of one delay interleave with every other delay.
fn timers_distinct_delays(c: &mut Criterion) {
    const MANY: u64 = 100_000;
    const DELAYS: u64 = 51;
    let delay = |i: u64| Duration::from_millis(i % DELAYS);
    let mut g = c.benchmark_group("timer_fire_distinct_delays");
    g.throughput(Throughput::Elements(MANY));
    g.sample_size(10);
    g.bench_function("jsloop", |b| {
        b.iter_batched(
            || EventLoop::builder().clock(VirtualClock::new()).build(),
            |lp| {
                let count = Rc::new(Cell::new(0u64));
                for i in 0..MANY {
                    let c = count.clone();
                    lp.set_timeout(delay(i), move |_| c.set(c.get() + 1))
                        .unwrap();
                }
                lp.run().unwrap();
                assert_eq!(count.get(), MANY);
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("tokio", |b| {
        b.iter_batched(
            || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .start_paused(true)
                    .build()
                    .unwrap()
            },
            |rt| {
                let local = tokio::task::LocalSet::new();
                let count = Rc::new(Cell::new(0u64));
                local.block_on(&rt, async {
                    for i in 0..MANY {
                        let c = count.clone();
                        tokio::task::spawn_local(async move {
                            tokio::time::sleep(delay(i)).await;
                            c.set(c.get() + 1);
                        });
                    }
                });
                rt.block_on(local);
                assert_eq!(count.get(), MANY);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    // Same-deadline insert into a queue already holding 100k timers (per
    // insert: divide by the throughput count).
    let mut g = c.benchmark_group("timer_insert_into_100k");
    g.throughput(Throughput::Elements(N));
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let hour = Duration::from_secs(3600);
    for i in 0..MANY {
        lp.set_timeout(hour + delay(i), |_| ()).unwrap();
    }
    let mut ids = Vec::with_capacity(N as usize);
    g.bench_function("jsloop", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                for _ in 0..N {
                    ids.push(lp.set_timeout(hour, |_| ()).unwrap());
                }
                total += start.elapsed();
                for id in ids.drain(..) {
                    lp.clear_timer(id);
                }
            }
            total
        })
    });
    g.finish();
}

fn immediates(c: &mut Criterion) {
    let mut g = c.benchmark_group("immediate_chain");
    g.throughput(Throughput::Elements(N));
    let lp = EventLoop::new();
    fn chain(lp: &EventLoop, left: u64) {
        if left > 0 {
            lp.set_immediate(move |lp| chain(lp, left - 1)).unwrap();
        }
    }
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            chain(&lp, N);
            lp.run().unwrap();
        })
    });
    let rt = tokio_rt();
    g.bench_function("tokio", |b| {
        b.iter(|| {
            rt.block_on(async {
                for _ in 0..N {
                    tokio::task::yield_now().await;
                }
            })
        })
    });
    g.finish();
}

fn microtasks(c: &mut Criterion) {
    let count = Rc::new(Cell::new(0u64));
    let rt = tokio_rt();
    let local = tokio::task::LocalSet::new();
    let lp = EventLoop::new();

    let mut g = c.benchmark_group("microtask");
    g.throughput(Throughput::Elements(N));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            let c = count.clone();
            lp.submit(move |lp| {
                for _ in 0..N {
                    let c = c.clone();
                    lp.queue_microtask(move |_| c.set(c.get() + 1));
                }
            })
            .unwrap();
            lp.run().unwrap();
        })
    });
    g.bench_function("tokio", |b| {
        b.iter(|| {
            local.block_on(&rt, async {
                let target = count.get() + N;
                for _ in 0..N {
                    let c = count.clone();
                    tokio::task::spawn_local(async move { c.set(c.get() + 1) });
                }
                until(&count, target).await;
            })
        })
    });
    g.finish();

    let mut g = c.benchmark_group("next_tick");
    g.throughput(Throughput::Elements(N));
    g.bench_function("jsloop", |b| {
        b.iter(|| {
            let c = count.clone();
            lp.submit(move |lp| {
                for _ in 0..N {
                    let c = c.clone();
                    lp.next_tick(move |_| c.set(c.get() + 1));
                }
            })
            .unwrap();
            lp.run().unwrap();
        })
    });
    g.bench_function("tokio", |b| {
        b.iter(|| {
            local.block_on(&rt, async {
                let target = count.get() + N;
                for _ in 0..N {
                    let c = count.clone();
                    tokio::task::spawn_local(async move { c.set(c.get() + 1) });
                }
                until(&count, target).await;
            })
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    local_submit,
    remote_submit,
    round_trip,
    remote_immediates,
    timers,
    timers_distinct_delays,
    immediates,
    microtasks
);
criterion_main!(benches);
