//! Lock-order check (run with `cargo test -p jsloop --features lock-order
//! --test lock_order`): every lock the crate owns is a `tracing-mutex`
//! lock under that feature, which panics the moment two locks are taken in
//! an order that could deadlock. These tests drive every public
//! cross-thread operation concurrently, so any such order shows up.

#![cfg(feature = "lock-order")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use jsloop::{EventLoop, ImmediateId};

#[test]
fn every_cross_thread_operation_concurrently() {
    let lp = EventLoop::builder().spin(Duration::from_micros(20)).build();
    let ran = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(Barrier::new(4));
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let handle = lp.handle();
            let hold = handle.hold().unwrap();
            let (ran, barrier) = (ran.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..500 {
                    let r = ran.clone();
                    handle
                        .submit(move |_| {
                            r.fetch_add(1, Ordering::Relaxed);
                        })
                        .unwrap();
                    let r = ran.clone();
                    handle
                        .submit_batch((0..3).map(move |_| {
                            let r = r.clone();
                            move |_: &EventLoop| {
                                r.fetch_add(1, Ordering::Relaxed);
                            }
                        }))
                        .unwrap();
                    let id = handle.set_immediate(|_| ()).unwrap();
                    if i % 2 == 0 {
                        handle.clear_immediate(id);
                    }
                    handle.clear_immediate(ImmediateId::from_u64(i));
                    let t = handle
                        .set_timeout(Duration::from_millis(1), |_| ())
                        .unwrap();
                    if i % 3 == 0 {
                        handle.clear_timer(t).unwrap();
                    }
                    let iv = handle
                        .set_interval(Duration::from_millis(1), |_| ())
                        .unwrap();
                    handle.clear_timer(iv).unwrap();
                    assert_eq!(handle.call(move |_| i + w).unwrap(), i + w);
                    let extra = handle.hold().unwrap();
                    drop(extra);
                    let _ = handle.is_terminated();
                }
                drop(hold);
            })
        })
        .collect();
    lp.run().unwrap();
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(ran.load(Ordering::Relaxed), 4 * 500 * 4);

    // Shutdown, close and wait racing submissions.
    let lp = EventLoop::new();
    let handle = lp.handle();
    let closers: Vec<_> = (0..3)
        .map(|k| {
            let h = handle.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let _ = h.submit(|_| ());
                }
                match k {
                    0 => h.shutdown(),
                    1 => h.close(),
                    _ => {}
                }
                h.wait();
            })
        })
        .collect();
    let hold = handle.hold().unwrap();
    drop(hold);
    lp.run().unwrap();
    drop(lp);
    for c in closers {
        c.join().unwrap();
    }
}

/// The promise API's cross-thread paths (send resolvers, `promisify`, a
/// waker woken from another thread) concurrently with handle traffic.
#[test]
fn promise_cross_thread_paths_concurrently() {
    use jsloop::promise::{self, Promise};

    let lp = EventLoop::builder().spin(Duration::from_micros(20)).build();
    let barrier = Arc::new(Barrier::new(4));
    let mut promises = Vec::new();
    let mut workers = Vec::new();
    for w in 0..4u32 {
        let (p, resolver) = Promise::<u32>::new_send(&lp);
        promises.push(p);
        let (tx, rx) = futures::channel::oneshot::channel::<u32>();
        promises.push(lp.spawn_local(async move { rx.await.unwrap_or(0) }));
        promises.push(promise::promisify(&lp, move || Ok::<_, String>(w)));
        let handle = lp.handle();
        // The waker's wake-up alone does not keep the loop alive.
        let hold = handle.hold().unwrap();
        let barrier = barrier.clone();
        workers.push(std::thread::spawn(move || {
            barrier.wait();
            for _ in 0..100 {
                handle.submit(|_| ()).unwrap();
            }
            if w % 2 == 0 {
                resolver.resolve(w);
            } else {
                resolver.reject("odd");
            }
            tx.send(w).unwrap();
            drop(hold);
        }));
    }
    lp.run().unwrap();
    for w in workers {
        w.join().unwrap();
    }
    let settled = promises.iter().filter(|p| p.outcome().is_some()).count();
    assert_eq!(settled, promises.len());
}

/// The checker is live: two locks taken in opposite orders panic.
#[test]
fn an_inverted_lock_pair_is_caught() {
    use tracing_mutex::stdsync::tracing::Mutex;
    let a = Mutex::new(());
    let b = Mutex::new(());
    {
        let _a = a.lock().unwrap();
        let _b = b.lock().unwrap();
    }
    let inverted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _b = b.lock().unwrap();
        let _a = a.lock().unwrap();
    }));
    assert!(
        inverted.is_err(),
        "tracing-mutex must reject the inverted order"
    );
}

/// The pool's locks (its work queue, its results, the loop's wake-up) in
/// every operation: submissions, cancellations, results racing handle
/// traffic, a shutdown that drains pending work and a close that discards it.
#[test]
fn pool_operations_concurrently() {
    use std::cell::Cell;
    use std::rc::Rc;

    for close in [false, true] {
        let lp = EventLoop::builder()
            .threadpool_size(3)
            .spin(Duration::from_micros(20))
            .build();
        let handle = lp.handle();
        let hold = handle.hold().unwrap();
        let producer = std::thread::spawn(move || {
            // The loop stops part-way: refusals are expected then.
            for i in 0..300 {
                let _ = handle.submit(|_| ());
                if handle.call(move |_| i).is_err() {
                    break;
                }
            }
            drop(hold);
        });
        let results = Rc::new(Cell::new(0));
        for i in 0..300u32 {
            let r = results.clone();
            let id = lp
                .queue_work(move || i, move |_, _| r.set(r.get() + 1))
                .unwrap();
            if i % 4 == 0 {
                lp.cancel_work(id);
            }
            let _ = lp.stats();
        }
        lp.set_immediate(move |lp| {
            if close {
                lp.close();
            } else {
                lp.shutdown();
            }
        })
        .unwrap();
        lp.run().unwrap();
        if !close {
            assert_eq!(results.get(), 300);
        }
        drop(lp);
        producer.join().unwrap();
    }
}

/// The signal registry's lock (taken by the forwarding thread, which then
/// wakes the loop) against handle traffic. SIGWINCH's default is to be
/// ignored, so raising it cannot disturb the other tests of this binary.
#[cfg(unix)]
#[test]
fn signal_delivery_concurrently() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use signal_hook::consts::SIGWINCH;

    let lp = EventLoop::new();
    let handle = lp.handle();
    let hold = Rc::new(RefCell::new(Some(handle.hold().unwrap())));
    let h = hold.clone();
    let id = lp
        .on_signal(SIGWINCH, move |_, _| {
            h.borrow_mut().take();
        })
        .unwrap();
    let producer = std::thread::spawn(move || {
        for _ in 0..200 {
            let _ = handle.submit(|_| ());
        }
        signal_hook::low_level::raise(SIGWINCH).unwrap();
    });
    lp.run().unwrap();
    producer.join().unwrap();
    assert!(lp.remove_signal(id));
}
