//! The order of phases and of the microtask checkpoint.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use jsloop::{EventLoop, JobQueue, VirtualClock};

type Log = Rc<RefCell<Vec<String>>>;

fn virtual_loop() -> EventLoop {
    EventLoop::builder()
        .clock(VirtualClock::new())
        .spin(Duration::ZERO)
        .build()
}

fn logger(log: &Log, s: &'static str) -> impl FnOnce(&EventLoop) + 'static {
    let log = log.clone();
    move |_| log.borrow_mut().push(s.to_string())
}

#[test]
fn checkpoint_runs_all_ticks_then_all_microtasks_and_repeats() {
    let lp = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    lp.set_timeout(Duration::from_millis(1), move |lp| {
        let l1 = l.clone();
        lp.queue_microtask(move |lp| {
            l1.borrow_mut().push("micro1".into());
            lp.next_tick(logger(&l1, "tick-from-micro"));
            lp.queue_microtask(logger(&l1, "micro-from-micro"));
        });
        let l2 = l.clone();
        lp.next_tick(move |lp| {
            l2.borrow_mut().push("tick1".into());
            lp.queue_microtask(logger(&l2, "micro-from-tick"));
            lp.next_tick(logger(&l2, "tick-from-tick"));
        });
        lp.queue_microtask(logger(&l, "micro2"));
        lp.next_tick(logger(&l, "tick2"));
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "tick1",
            "tick2",
            "tick-from-tick",
            "micro1",
            "micro2",
            "micro-from-tick",
            "micro-from-micro",
            "tick-from-micro",
        ]
    );
}

#[test]
fn checkpoint_runs_after_every_callback() {
    let lp = virtual_loop();
    let log = Log::default();
    for name in ["a", "b"] {
        let l = log.clone();
        lp.set_immediate(move |lp| {
            l.borrow_mut().push(format!("immediate {name}"));
            lp.queue_microtask(logger(&l, if name == "a" { "micro a" } else { "micro b" }));
        })
        .unwrap();
    }
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        ["immediate a", "micro a", "immediate b", "micro b"]
    );
}

#[test]
fn main_script_checkpoint_runs_before_the_first_turn() {
    let lp = virtual_loop();
    let log = Log::default();
    lp.set_immediate(logger(&log, "immediate")).unwrap();
    lp.next_tick(logger(&log, "tick"));
    lp.queue_microtask(logger(&log, "micro"));
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["tick", "micro", "immediate"]);
}

#[test]
fn immediates_queued_during_check_run_next_turn() {
    let lp = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    lp.set_immediate(move |lp| {
        l.borrow_mut().push("first".into());
        lp.set_immediate(logger(&l, "queued during check")).unwrap();
        lp.submit(logger(&l, "poll of the next turn")).unwrap();
    })
    .unwrap();
    lp.set_immediate(logger(&log, "second")).unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "first",
            "second",
            "poll of the next turn",
            "queued during check"
        ]
    );
}

#[test]
fn immediate_runs_before_a_timer_set_in_a_timer() {
    let lp = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    lp.set_timeout(Duration::from_millis(1), move |lp| {
        lp.set_timeout(Duration::from_millis(1), logger(&l, "timeout"))
            .unwrap();
        lp.set_immediate(logger(&l, "immediate")).unwrap();
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timeout"]);
}

#[test]
fn phases_run_timers_poll_check_close() {
    let lp = virtual_loop();
    let log = Log::default();
    let l = log.clone();
    lp.set_timeout(Duration::from_millis(1), move |lp| {
        l.borrow_mut().push("timer".into());
        lp.queue_close(logger(&l, "close")).unwrap();
        lp.set_immediate(logger(&l, "check")).unwrap();
        lp.submit(logger(&l, "poll")).unwrap();
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["timer", "poll", "check", "close"]);
}

#[test]
fn cleared_immediate_never_runs() {
    let lp = virtual_loop();
    let log = Log::default();
    let victim = lp.set_immediate(logger(&log, "victim")).unwrap();
    lp.set_immediate(logger(&log, "other")).unwrap();
    assert!(lp.clear_immediate(victim));
    assert!(!lp.clear_immediate(victim), "a second clear finds nothing");
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["other"]);
    assert_eq!(lp.stats().immediate_slots, 0);
}

#[test]
fn immediate_cleared_by_an_earlier_immediate_in_the_same_pass_does_not_run() {
    let lp = virtual_loop();
    let log = Log::default();
    let later: Rc<RefCell<Option<jsloop::ImmediateId>>> = Rc::default();
    let (l, lat) = (log.clone(), later.clone());
    lp.set_immediate(move |lp| {
        l.borrow_mut().push("first".into());
        assert!(lp.clear_immediate(lat.borrow().unwrap()));
    })
    .unwrap();
    *later.borrow_mut() = Some(lp.set_immediate(logger(&log, "second")).unwrap());
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["first"]);
}

struct Engine {
    log: Log,
    jobs: RefCell<Vec<&'static str>>,
    ends: RefCell<u32>,
}

impl JobQueue for Engine {
    fn run_jobs(&self, lp: &EventLoop) -> bool {
        let jobs = std::mem::take(&mut *self.jobs.borrow_mut());
        for job in &jobs {
            self.log.borrow_mut().push(format!("job {job}"));
            if *job == "j1" {
                lp.next_tick(logger(&self.log, "tick-from-job"));
            }
        }
        !jobs.is_empty()
    }

    fn checkpoint_end(&self, lp: &EventLoop) -> bool {
        *self.ends.borrow_mut() += 1;
        if *self.ends.borrow() == 1 {
            lp.queue_microtask(logger(&self.log, "micro-from-report"));
            return true;
        }
        false
    }
}

#[test]
fn external_job_queue_drains_after_microtasks_and_before_ticks_it_queued() {
    let lp = virtual_loop();
    let log = Log::default();
    let engine = Rc::new(Engine {
        log: log.clone(),
        jobs: RefCell::new(vec!["j1", "j2"]),
        ends: RefCell::new(0),
    });
    lp.set_job_queue(Some(engine.clone()));
    lp.next_tick(logger(&log, "tick"));
    lp.queue_microtask(logger(&log, "micro"));
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "tick",
            "micro",
            "job j1",
            "job j2",
            "tick-from-job",
            "micro-from-report"
        ]
    );
    assert_eq!(*engine.ends.borrow(), 2);
    lp.set_job_queue(None);
}
