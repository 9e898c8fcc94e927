//! A panicking callback of any kind is caught, reported, leaves no
//! bookkeeping behind, and the loop goes on.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jsloop::{CallbackKind, EventLoop, Stats, VirtualClock};

/// Counts drops of the value captured by a panicking callback.
struct Witness(Arc<AtomicUsize>);

impl Drop for Witness {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

struct Setup {
    lp: EventLoop,
    reports: Rc<RefCell<Vec<(CallbackKind, String)>>>,
    after: Rc<RefCell<bool>>,
    dropped: Arc<AtomicUsize>,
}

fn setup() -> Setup {
    let reports: Rc<RefCell<Vec<(CallbackKind, String)>>> = Rc::default();
    let r = reports.clone();
    let lp = EventLoop::builder()
        .clock(VirtualClock::new())
        .spin(Duration::ZERO)
        .panic_hook(move |report| {
            r.borrow_mut()
                .push((report.kind, report.message().unwrap_or("").to_string()))
        })
        .build();
    Setup {
        lp,
        reports,
        after: Rc::default(),
        dropped: Arc::default(),
    }
}

/// Schedules work after the panicking callback to prove the loop goes on.
fn then_continue(s: &Setup) {
    let after = s.after.clone();
    s.lp.set_timeout(Duration::from_millis(50), move |_| {
        *after.borrow_mut() = true
    })
    .unwrap();
}

fn check(s: Setup, kind: CallbackKind) {
    s.lp.run().unwrap();
    assert_eq!(*s.reports.borrow(), [(kind, "boom".to_string())]);
    assert!(*s.after.borrow(), "the loop went on after the panic");
    assert_eq!(
        s.dropped.load(Ordering::SeqCst),
        1,
        "the callback was dropped"
    );
    assert_eq!(s.lp.stats(), Stats::default(), "no bookkeeping left");
}

#[test]
fn panicking_timeout() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.set_timeout(Duration::from_millis(1), move |_| {
        let _w = &w;
        panic!("boom")
    })
    .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Timeout);
}

#[test]
fn panicking_interval_is_cleared() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    let id =
        s.lp.set_interval(Duration::from_millis(1), move |_| {
            let _w = &w;
            panic!("boom")
        })
        .unwrap();
    then_continue(&s);
    let lp = &s.lp;
    lp.run_until(|lp| lp.now() > 1000).unwrap();
    assert!(!lp.has_timer(id), "a panicking interval is cleared");
    check(s, CallbackKind::Interval);
}

#[test]
fn panicking_immediate() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.set_immediate(move |_| {
        let _w = &w;
        panic!("boom")
    })
    .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Immediate);
}

#[test]
fn panicking_microtask() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.queue_microtask(move |_| {
        let _w = &w;
        panic!("boom")
    });
    then_continue(&s);
    check(s, CallbackKind::Microtask);
}

#[test]
fn panicking_next_tick() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.next_tick(move |_| {
        let _w = &w;
        panic!("boom")
    });
    then_continue(&s);
    check(s, CallbackKind::NextTick);
}

#[test]
fn panicking_local_task() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.submit(move |_| {
        let _w = &w;
        panic!("boom")
    })
    .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Task);
}

#[test]
fn panicking_submitted_task() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    let handle = s.lp.handle();
    std::thread::spawn(move || {
        handle
            .submit(move |_| {
                let _w = &w;
                panic!("boom")
            })
            .unwrap()
    })
    .join()
    .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Task);
}

#[test]
fn panicking_remote_immediate() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.handle()
        .set_immediate(move |_| {
            let _w = &w;
            panic!("boom")
        })
        .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Immediate);
}

#[test]
fn panicking_close_callback() {
    let s = setup();
    let w = Witness(s.dropped.clone());
    s.lp.queue_close(move |_| {
        let _w = &w;
        panic!("boom")
    })
    .unwrap();
    then_continue(&s);
    check(s, CallbackKind::Close);
}

#[test]
fn panic_in_one_microtask_does_not_drop_the_rest_of_the_queue() {
    let s = setup();
    let ran = Rc::new(RefCell::new(Vec::new()));
    let r = ran.clone();
    s.lp.queue_microtask(|_| panic!("boom"));
    s.lp.queue_microtask(move |_| r.borrow_mut().push("second"));
    s.lp.run().unwrap();
    assert_eq!(*ran.borrow(), ["second"]);
    assert_eq!(s.reports.borrow().len(), 1);
}

#[test]
fn a_panicking_hook_is_contained() {
    let lp = EventLoop::builder()
        .clock(VirtualClock::new())
        .panic_hook(|_| panic!("hook panics too"))
        .build();
    let ran = Rc::new(RefCell::new(false));
    let r = ran.clone();
    lp.set_immediate(|_| panic!("boom")).unwrap();
    lp.set_immediate(move |_| *r.borrow_mut() = true).unwrap();
    lp.run().unwrap();
    assert!(*ran.borrow());
}
