//! One hot path per run, for instruction counting under callgrind
//! (`.ci/callgrind.sh`). Deterministic: one thread, a virtual clock, no
//! spinning, no sleeping. `noop` builds a loop and exits, so the script can
//! subtract process start-up.
//!
//! Usage: `hotpaths SCENARIO` (see `main` for the list).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::promise::Promise;
use jsloop::{EventLoop, VirtualClock};

const N: u64 = 10_000;

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    let lp = EventLoop::builder()
        .clock(VirtualClock::new())
        .spin(Duration::ZERO)
        .build();
    let count = Rc::new(Cell::new(0u64));
    match scenario.as_str() {
        "noop" => {}
        "submit" => {
            for _ in 0..N {
                let c = count.clone();
                lp.submit(move |_| c.set(c.get() + 1)).unwrap();
            }
        }
        "handle_submit" => {
            let handle = lp.handle();
            for _ in 0..N {
                handle.submit(|_| ()).unwrap();
            }
        }
        "handle_submit_arc" => {
            // A task capturing an `Arc`: boxed, this cost a malloc and a
            // free per task.
            let handle = lp.handle();
            let done = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
            for _ in 0..N {
                let d = done.clone();
                handle
                    .submit(move |_| {
                        d.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    })
                    .unwrap();
            }
        }
        "timer_set_clear" => {
            for _ in 0..N {
                let id = lp.set_timeout(Duration::from_secs(3600), |_| ()).unwrap();
                lp.clear_timer(id);
            }
        }
        "timer_fire" => {
            for i in 0..N {
                lp.set_timeout(Duration::from_millis(1 + i % 7), |_| ())
                    .unwrap();
            }
        }
        "timer_fire_distinct" => {
            for i in 0..N {
                lp.set_timeout(Duration::from_millis(i % 51), |_| ())
                    .unwrap();
            }
        }
        "timer_insert_pending" => {
            for i in 0..N {
                lp.set_timeout(Duration::from_millis(3_600_000 + i % 51), |_| ())
                    .unwrap();
            }
            for _ in 0..N {
                lp.set_timeout(Duration::from_secs(3600), |_| ()).unwrap();
            }
        }
        "immediate" => {
            for _ in 0..N {
                let c = count.clone();
                lp.set_immediate(move |_| c.set(c.get() + 1)).unwrap();
            }
        }
        "microtask" => {
            for _ in 0..N {
                let c = count.clone();
                lp.queue_microtask(move |_| c.set(c.get() + 1));
            }
        }
        "next_tick" => {
            for _ in 0..N {
                let c = count.clone();
                lp.next_tick(move |_| c.set(c.get() + 1));
            }
        }
        "promise_chain" => {
            let (head, r) = Promise::<u64>::new(&lp);
            let mut p = head;
            for _ in 0..N {
                p = p.then(|v| Ok(v + 1));
            }
            r.resolve(0);
        }
        "promise_create" => {
            for _ in 0..N {
                std::hint::black_box(Promise::<u64>::new(&lp));
            }
        }
        "promise_resolve_then" => {
            for i in 0..N {
                let (p, r) = Promise::<u64>::new(&lp);
                p.then(|v| Ok(std::hint::black_box(v)));
                r.resolve(i);
            }
        }
        // The criterion shapes, run after each round, so freed promise
        // cells are reused by the next round (N links / promises in all).
        "promise_chain_100" => {
            for _ in 0..N / 100 {
                let (head, r) = Promise::<u64>::new(&lp);
                let mut p = head;
                for _ in 0..100 {
                    p = p.then(|v| Ok(v + 1));
                }
                r.resolve(0);
                lp.run().unwrap();
            }
        }
        "promise_resolve_then_1000" => {
            for _ in 0..N / 1000 {
                for i in 0..1000 {
                    let (p, r) = Promise::<u64>::new(&lp);
                    p.then(|v| Ok(std::hint::black_box(v)));
                    r.resolve(i);
                }
                lp.run().unwrap();
            }
        }
        other => {
            eprintln!("unknown scenario {other:?}");
            std::process::exit(2);
        }
    }
    lp.run().unwrap();
}
