//! Timers: ordering, intervals, ref/unref, refresh, id isolation.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, Exit, ImmediateId, TimerId, VirtualClock};

type Log = Rc<RefCell<Vec<String>>>;

fn virtual_loop() -> (EventLoop, VirtualClock) {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder()
        .clock(clock.clone())
        .spin(Duration::ZERO)
        .build();
    (lp, clock)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

#[test]
fn earliest_deadline_runs_first() {
    let (lp, clock) = virtual_loop();
    let log = Log::default();
    for d in [30u64, 10, 20] {
        let l = log.clone();
        lp.set_timeout(ms(d), move |lp| push(&l, format!("{d}@{}", lp.now())))
            .unwrap();
    }
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert_eq!(*log.borrow(), ["10@10", "20@20", "30@30"]);
    assert_eq!(clock.now_ms(), 30);
}

#[test]
fn a_thousand_equal_deadlines_run_in_scheduling_order() {
    let (lp, _clock) = virtual_loop();
    let order = Rc::new(RefCell::new(Vec::new()));
    for i in 0..1000 {
        let o = order.clone();
        lp.set_timeout(ms(5), move |_| o.borrow_mut().push(i))
            .unwrap();
    }
    lp.run().unwrap();
    assert_eq!(*order.borrow(), (0..1000).collect::<Vec<_>>());
}

#[test]
fn zero_delay_is_one_millisecond() {
    let (lp, clock) = virtual_loop();
    let at = Rc::new(RefCell::new(None));
    let a = at.clone();
    lp.set_timeout(Duration::ZERO, move |lp| *a.borrow_mut() = Some(lp.now()))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*at.borrow(), Some(1));
    assert_eq!(clock.now_ms(), 1);
}

#[test]
fn interval_keeps_its_id_and_stops_when_cleared_in_its_own_callback() {
    let (lp, _clock) = virtual_loop();
    let runs = Rc::new(RefCell::new(Vec::new()));
    let id_cell: Rc<RefCell<Option<TimerId>>> = Rc::default();
    let (r, idc) = (runs.clone(), id_cell.clone());
    let id = lp
        .set_interval(ms(10), move |lp| {
            r.borrow_mut().push(lp.now());
            if r.borrow().len() == 3 {
                let id = idc.borrow().unwrap();
                assert!(lp.has_timer(id), "the running interval keeps its id");
                assert!(lp.clear_timer(id));
            }
        })
        .unwrap();
    *id_cell.borrow_mut() = Some(id);
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert_eq!(*runs.borrow(), [10, 20, 30]);
    assert!(!lp.has_timer(id));
    assert_eq!(lp.stats().timers, 0);
}

#[test]
fn interval_cleared_from_another_callback_stops() {
    let (lp, _clock) = virtual_loop();
    let runs = Rc::new(RefCell::new(0));
    let r = runs.clone();
    let id = lp
        .set_interval(ms(10), move |_| *r.borrow_mut() += 1)
        .unwrap();
    lp.set_timeout(ms(35), move |lp| assert!(lp.clear_timer(id)))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*runs.borrow(), 3);
}

#[test]
fn clear_timer_with_an_immediate_id_cancels_nothing() {
    let (lp, _clock) = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    let imm = lp.set_immediate(move |_| push(&l, "immediate")).unwrap();
    let l = log.clone();
    let timer = lp.set_timeout(ms(1), move |_| push(&l, "timer")).unwrap();
    assert!(!lp.clear_timer(TimerId::from_u64(imm.as_u64())));
    assert_eq!(lp.immediate_has_ref(imm), Some(true));
    assert!(lp.has_timer(timer));
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timer"]);
}

#[test]
fn clear_immediate_with_a_timer_id_cancels_nothing() {
    let (lp, _clock) = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    let timer = lp.set_timeout(ms(1), move |_| push(&l, "timer")).unwrap();
    let l = log.clone();
    let imm = lp.set_immediate(move |_| push(&l, "immediate")).unwrap();
    assert!(!lp.clear_immediate(ImmediateId::from_u64(timer.as_u64())));
    assert!(lp.has_timer(timer));
    assert_eq!(lp.immediate_has_ref(imm), Some(true));
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timer"]);
}

#[test]
fn timer_and_immediate_numbers_never_collide() {
    let (lp, _clock) = virtual_loop();
    let handle = lp.handle();
    let mut timers = std::collections::HashSet::new();
    for _ in 0..100 {
        timers.insert(lp.set_timeout(ms(1), |_| {}).unwrap().as_u64());
        timers.insert(handle.set_timeout(ms(1), |_| {}).unwrap().as_u64());
    }
    for _ in 0..100 {
        assert!(!timers.contains(&lp.set_immediate(|_| {}).unwrap().as_u64()));
        assert!(!timers.contains(&handle.set_immediate(|_| {}).unwrap().as_u64()));
    }
}

#[test]
fn unknown_and_stale_ids_are_harmless() {
    let (lp, _clock) = virtual_loop();
    let id = lp.set_timeout(ms(1), |_| {}).unwrap();
    lp.run().unwrap();
    assert!(!lp.clear_timer(id), "fired timeout is gone");
    assert!(!lp.clear_timer(TimerId::from_u64(u64::MAX)));
    assert!(!lp.refresh_timer(id));
    assert_eq!(lp.timer_has_ref(id), None);
    assert!(!lp.unref_timer(id));
}

#[test]
fn ids_are_never_reused() {
    let (lp, _clock) = virtual_loop();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let id = lp.set_timeout(ms(1), |_| {}).unwrap();
        assert!(lp.clear_timer(id));
        assert!(seen.insert(id));
        assert!(id.as_u64() <= jsloop::MAX_ID);
    }
}

#[test]
fn unref_timer_does_not_keep_the_loop_alive() {
    let (lp, clock) = virtual_loop();
    let fired = Rc::new(RefCell::new(false));
    let f = fired.clone();
    let id = lp
        .set_timeout(ms(100), move |_| *f.borrow_mut() = true)
        .unwrap();
    assert_eq!(lp.timer_has_ref(id), Some(true));
    assert!(lp.unref_timer(id));
    assert_eq!(lp.timer_has_ref(id), Some(false));
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert!(!*fired.borrow());
    assert_eq!(clock.now_ms(), 0);
    assert!(lp.ref_timer(id));
    lp.run().unwrap();
    assert!(*fired.borrow());
}

#[test]
fn unref_timer_still_fires_while_other_work_keeps_the_loop_alive() {
    let (lp, _clock) = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    let id = lp
        .set_timeout(ms(10), move |_| push(&l, "unref'd"))
        .unwrap();
    lp.unref_timer(id);
    let l = log.clone();
    lp.set_timeout(ms(20), move |_| push(&l, "ref'd")).unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["unref'd", "ref'd"]);
}

#[test]
fn refresh_restarts_the_countdown() {
    let (lp, _clock) = virtual_loop();
    let at = Rc::new(RefCell::new(None));
    let a = at.clone();
    let id = lp
        .set_timeout(ms(10), move |lp| *a.borrow_mut() = Some(lp.now()))
        .unwrap();
    lp.set_timeout(ms(6), move |lp| assert!(lp.refresh_timer(id)))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*at.borrow(), Some(16));
    assert_eq!(lp.stats().timer_slots, 0);
}

#[test]
fn timers_scheduled_by_a_timer_wait_for_a_later_pass() {
    let (lp, _clock) = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    lp.set_timeout(ms(1), move |lp| {
        push(&l, format!("outer@{}", lp.now()));
        let l2 = l.clone();
        lp.set_timeout(ms(1), move |lp| push(&l2, format!("inner@{}", lp.now())))
            .unwrap();
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["outer@1", "inner@2"]);
}

#[test]
fn virtual_clock_runs_an_hour_of_timers_instantly() {
    let (lp, clock) = virtual_loop();
    let count = Rc::new(RefCell::new(0u32));
    let c = count.clone();
    let id = lp
        .set_interval(Duration::from_secs(60), move |_| *c.borrow_mut() += 1)
        .unwrap();
    let c = count.clone();
    lp.set_timeout(Duration::from_secs(3600) + ms(1), move |lp| {
        assert_eq!(*c.borrow(), 60);
        lp.clear_timer(id);
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(clock.now_ms(), 3_600_001);
}
