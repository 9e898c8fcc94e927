//! Memory per pending timer: live heap bytes and allocation calls for
//! 100,000 pending timers, beside tokio (a spawned task per sleep) in the
//! same run. Prints one line per case; not a criterion bench.

#[path = "../tests/support/alloc.rs"]
mod alloc;

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, VirtualClock};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

const MANY: u64 = 100_000;

/// Live bytes and allocation calls per element that `op` leaves behind.
fn per_pending(label: &str, op: impl FnOnce()) {
    let bytes = alloc::thread_live_bytes();
    let calls = alloc::thread_allocations();
    op();
    let bytes = (alloc::thread_live_bytes() - bytes) as f64 / MANY as f64;
    let calls = (alloc::thread_allocations() - calls) as f64 / MANY as f64;
    println!("{label:<40} {bytes:>8.1} bytes/timer {calls:>6.2} allocs/timer");
}

fn main() {
    let delay = |i: u64| Duration::from_millis(3_600_000 + i % 51);
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    per_pending("jsloop, capture-free callback", || {
        for i in 0..MANY {
            lp.set_timeout(delay(i), |_| ()).unwrap();
        }
    });
    drop(lp);
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let count = Rc::new(Cell::new(0u64));
    per_pending("jsloop, callback capturing an Rc", || {
        for i in 0..MANY {
            let c = count.clone();
            lp.set_timeout(delay(i), move |_| c.set(c.get() + 1))
                .unwrap();
        }
    });
    drop(lp);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    let started = Rc::new(Cell::new(0u64));
    per_pending("tokio, spawn_local + sleep (polled once)", || {
        local.block_on(&rt, async {
            for i in 0..MANY {
                let c = count.clone();
                let s = started.clone();
                tokio::task::spawn_local(async move {
                    s.set(s.get() + 1);
                    tokio::time::sleep(delay(i)).await;
                    c.set(c.get() + 1);
                });
            }
            // Until every task has polled its sleep once (registered it).
            while started.get() < MANY {
                tokio::task::yield_now().await;
            }
        });
    });
}
