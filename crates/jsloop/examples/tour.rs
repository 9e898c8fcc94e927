//! A tour of the loop: timers, an interval cleared by itself, immediates,
//! nextTick and microtasks, and a worker thread reporting back.
//!
//! Run with `cargo run -p jsloop --example tour`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::EventLoop;

fn main() {
    let lp = EventLoop::new();

    lp.set_timeout(Duration::from_millis(20), |lp| {
        println!("[{:>3} ms] timeout", lp.now());
        lp.set_immediate(|_| println!("         immediate queued by the timeout"))
            .unwrap();
        lp.next_tick(|_| println!("         nextTick runs first"));
        lp.queue_microtask(|_| println!("         then the microtask"));
    })
    .unwrap();

    let ticks = Rc::new(Cell::new(0));
    let id = Rc::new(Cell::new(None));
    let id_in = id.clone();
    let started = lp
        .set_interval(Duration::from_millis(5), move |lp| {
            ticks.set(ticks.get() + 1);
            println!("[{:>3} ms] interval tick {}", lp.now(), ticks.get());
            if ticks.get() == 3 {
                lp.clear_timer(id_in.get().unwrap());
            }
        })
        .unwrap();
    id.set(Some(started));

    let handle = lp.handle();
    let hold = handle.hold().unwrap();
    std::thread::spawn(move || {
        let sum: u64 = (1..=1000).sum();
        handle
            .submit(move |lp| println!("[{:>3} ms] worker reported {sum}", lp.now()))
            .unwrap();
        drop(hold);
    });

    let exit = lp.run().unwrap();
    println!("loop exited: {exit:?}");
}
