//! Stress under many threads: interval lifecycles from 4 threads, and
//! 8 producers x 200,000 submits with a shutdown in the middle.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use jsloop::{EventLoop, Exit, VirtualClock};

/// A tiny seeded generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

struct Witness(Arc<AtomicUsize>);

impl Drop for Witness {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn interval_lifecycles_from_four_threads() {
    const THREADS: u64 = 4;
    const PER_THREAD: usize = 25;
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let dropped = Arc::new(AtomicUsize::new(0));
    let fired = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(Barrier::new(THREADS as usize));
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let handle = lp.handle();
            let hold = handle.hold().unwrap();
            let (dropped, fired, barrier) = (dropped.clone(), fired.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut rng = Rng(0x9e37_79b9 + t);
                barrier.wait();
                for _ in 0..PER_THREAD {
                    let w = Witness(dropped.clone());
                    let f = fired.clone();
                    let period = Duration::from_millis(1 + rng.next() % 5);
                    let id = handle
                        .set_interval(period, move |_| {
                            let _keep = &w;
                            f.fetch_add(1, Ordering::Relaxed);
                        })
                        .unwrap();
                    // A random stretch of work before the clear (no sleep:
                    // the clear races whatever the loop is doing).
                    for _ in 0..rng.next() % 20_000 {
                        std::hint::spin_loop();
                    }
                    handle.clear_timer(id).unwrap();
                }
                drop(hold);
            })
        })
        .collect();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        THREADS as usize * PER_THREAD
    );
    let mut stats = lp.stats();
    // The loop may have slept while the other threads worked.
    stats.wake_syscalls = 0;
    assert_eq!(stats, jsloop::Stats::default());
}

#[test]
fn eight_producers_with_a_shutdown_in_the_middle_lose_nothing() {
    const PRODUCERS: usize = 8;
    const PER_PRODUCER: usize = 200_000;
    let lp = EventLoop::new();
    let ran = Arc::new(AtomicUsize::new(0));
    let returned = Arc::new(AtomicUsize::new(0));
    let barrier = Arc::new(Barrier::new(PRODUCERS + 1));
    let producers: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let handle = lp.handle();
            // Each producer keeps the loop from going idle while it runs, so
            // the shutdown races live producers and a running loop.
            let hold = handle.hold().unwrap();
            let (ran, returned, barrier) = (ran.clone(), returned.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..PER_PRODUCER {
                    let r = ran.clone();
                    let task = move |_: &EventLoop| {
                        r.fetch_add(1, Ordering::Relaxed);
                    };
                    if handle.submit(task).is_err() {
                        returned.fetch_add(1, Ordering::Relaxed);
                    }
                    if p == 0 && i == PER_PRODUCER / 2 {
                        handle.shutdown();
                    }
                }
                drop(hold);
            })
        })
        .collect();
    barrier.wait();
    assert_eq!(lp.run(), Ok(Exit::Shutdown));
    for p in producers {
        p.join().unwrap();
    }
    let (ran, returned) = (ran.load(Ordering::SeqCst), returned.load(Ordering::SeqCst));
    assert_eq!(
        ran + returned,
        PRODUCERS * PER_PRODUCER,
        "ran {ran}, returned {returned}"
    );
    assert!(
        ran > PER_PRODUCER / 2,
        "the first producer's tasks before the shutdown were accepted and run"
    );
    assert!(
        returned > 0,
        "the shutdown landed before the producers finished"
    );
}
