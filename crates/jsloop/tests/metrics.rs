//! Loop metrics on the virtual clock: the delay histogram (Node's
//! `monitorEventLoopDelay`), utilization (`eventLoopUtilization`) and the
//! queue depths in `Stats`. A callback "blocks" the loop by moving the
//! virtual clock, so every number is exact.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, Exit, Utilization, VirtualClock};

const MS: u64 = 1_000_000;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn virtual_loop(track_idle_time: bool) -> (EventLoop, VirtualClock) {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder()
        .clock(clock.clone())
        .track_idle_time(track_idle_time)
        .build();
    (lp, clock)
}

#[test]
fn the_delay_histogram_records_the_time_between_samples() {
    let (lp, clock) = virtual_loop(false);
    let monitor = lp.monitor_delay(ms(10));
    assert!(monitor.enable());
    assert!(!monitor.enable(), "already enabled");
    // Samples at 10 (starts the clock), 20, 30; a callback at 35 blocks the
    // loop for 50 ms, so the next sample comes at 85, then 95; the loop
    // exits after the referenced timeout at 100.
    lp.set_timeout(ms(35), move |_| clock.advance(ms(50)))
        .unwrap();
    lp.set_timeout(ms(100), |_| ()).unwrap();
    assert_eq!(lp.run().unwrap(), Exit::Idle);
    let h = monitor.histogram();
    assert_eq!(h.count(), 4);
    assert_eq!(h.min(), Some(10 * MS));
    assert_eq!(h.max(), Some(55 * MS));
    assert_eq!(h.mean(), Some(21.25 * MS as f64));
    let sd = h.stddev().unwrap();
    assert!((sd - 19.485_571 * MS as f64).abs() < 1.0, "{sd}");
    let p50 = h.percentile(50.0).unwrap();
    assert!((10 * MS..=10 * MS + 10 * MS / 512).contains(&p50), "{p50}");
    assert_eq!(h.percentile(100.0), Some(55 * MS));
    assert_eq!(h.exceeds(), 0);

    monitor.reset();
    assert_eq!(monitor.histogram().count(), 0);
    assert!(monitor.disable());
    assert!(!monitor.disable(), "already disabled");
    assert_eq!(lp.stats().timers, 0, "disabling clears the sampling timer");
}

#[test]
fn the_delay_monitor_keeps_nothing_alive_and_stops_when_dropped() {
    let (lp, _clock) = virtual_loop(false);
    let monitor = lp.monitor_delay(ms(10));
    assert!(monitor.enable());
    assert!(monitor.is_enabled());
    assert_eq!(lp.stats().timers, 1);
    assert!(!lp.is_alive(), "the sampling timer is unreferenced");
    assert_eq!(lp.run().unwrap(), Exit::Idle);
    assert_eq!(monitor.histogram().count(), 0);
    drop(monitor);
    assert_eq!(lp.stats().timers, 0);

    lp.close();
    lp.run().unwrap();
    let late = lp.monitor_delay(ms(10));
    assert!(!late.enable(), "a closed loop takes no timer");
}

#[test]
fn utilization_splits_idle_and_active_time_and_diffs_readings() {
    let (lp, clock) = virtual_loop(true);
    let readings: Rc<RefCell<Vec<Utilization>>> = Rc::default();
    let (r, c) = (readings.clone(), clock.clone());
    lp.set_timeout(ms(30), move |lp| {
        c.advance(ms(10));
        r.borrow_mut().push(lp.utilization().unwrap());
        let (r, c) = (r.clone(), c.clone());
        lp.set_timeout(ms(20), move |lp| {
            c.advance(ms(5));
            r.borrow_mut().push(lp.utilization().unwrap());
        })
        .unwrap();
    })
    .unwrap();
    lp.run().unwrap();
    let readings = readings.borrow();
    let (first, second) = (readings[0], readings[1]);
    assert_eq!((first.idle(), first.active()), (ms(30), ms(10)));
    assert_eq!(first.utilization(), 0.25);
    // The second timer was due at 30 + 20 (the turn's cached time): the
    // loop waited from 40 to 50, then the callback ran 5 ms.
    assert_eq!((second.idle(), second.active()), (ms(40), ms(15)));
    let diff = second.since(&first);
    assert_eq!((diff.idle(), diff.active()), (ms(10), ms(5)));
    assert!((diff.utilization() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(Utilization::default().utilization(), 0.0);
}

#[test]
fn utilization_is_off_by_default() {
    let (lp, _clock) = virtual_loop(false);
    lp.set_timeout(ms(30), |_| ()).unwrap();
    lp.run().unwrap();
    assert_eq!(lp.utilization(), None);
}

/// A real timer the loop sleeps for. A loop thread descheduled past the
/// deadline before its poll phase (a loaded machine) runs the timer without
/// waiting, so the timer re-arms itself until the loop has waited once.
fn wait_for_a_timer(lp: &EventLoop, rounds: u32) {
    lp.set_timeout(ms(2), move |lp| {
        let waited = lp.utilization().unwrap().idle() > Duration::ZERO;
        if !waited && rounds > 1 {
            wait_for_a_timer(lp, rounds - 1);
        }
    })
    .unwrap();
}

#[test]
fn a_real_sleep_counts_as_idle() {
    let lp = EventLoop::builder().track_idle_time(true).build();
    wait_for_a_timer(&lp, 1000);
    lp.run().unwrap();
    let u = lp.utilization().unwrap();
    assert!(u.idle() > Duration::ZERO, "the loop waited for its timer");
}

#[test]
fn stats_give_the_queue_depths() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    for _ in 0..3 {
        lp.set_timeout(ms(5), |_| ()).unwrap();
    }
    lp.set_immediate(|_| ()).unwrap();
    lp.set_immediate(|_| ()).unwrap();
    lp.submit(|_| ()).unwrap();
    lp.handle().submit(|_| ()).unwrap();
    let stats = lp.stats();
    assert_eq!(
        (stats.timers, stats.immediates, stats.tasks, stats.ingress),
        (3, 2, 1, 1)
    );
    assert_eq!(
        (stats.work_queued, stats.work_pending, stats.signals),
        (0, 0, 0)
    );
    lp.run().unwrap();
    let stats = lp.stats();
    assert_eq!(
        (stats.timers, stats.immediates, stats.tasks, stats.ingress),
        (0, 0, 0, 0)
    );
}
