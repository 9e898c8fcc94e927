//! Auto-exit, run_until, shutdown, close, holds, and errors after termination.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use jsloop::{CallError, EventLoop, Exit, RunError, ScheduleError, SubmitError, VirtualClock};

fn virtual_loop() -> EventLoop {
    EventLoop::builder()
        .clock(VirtualClock::new())
        .spin(Duration::ZERO)
        .build()
}

#[test]
fn empty_loop_exits_at_once() {
    let lp = EventLoop::new();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert!(!lp.is_alive());
}

#[test]
fn run_can_be_called_again_after_auto_exit() {
    let lp = virtual_loop();
    let count = Rc::new(RefCell::new(0));
    for _ in 0..2 {
        let c = count.clone();
        lp.set_immediate(move |_| *c.borrow_mut() += 1).unwrap();
        assert_eq!(lp.run(), Ok(Exit::Idle));
    }
    assert_eq!(*count.borrow(), 2);
}

#[test]
fn run_until_stops_when_the_condition_holds() {
    let lp = virtual_loop();
    let ticks = Rc::new(RefCell::new(0));
    let t = ticks.clone();
    let id = lp
        .set_interval(Duration::from_millis(10), move |_| *t.borrow_mut() += 1)
        .unwrap();
    let t = ticks.clone();
    assert_eq!(lp.run_until(move |_| *t.borrow() == 5), Ok(Exit::Condition));
    assert_eq!(*ticks.borrow(), 5);
    assert!(lp.clear_timer(id));
}

#[test]
fn run_is_not_reentrant() {
    let lp = virtual_loop();
    let result = Rc::new(RefCell::new(None));
    let r = result.clone();
    lp.set_immediate(move |lp| *r.borrow_mut() = Some(lp.run()))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*result.borrow(), Some(Err(RunError::Reentrant)));
}

#[test]
fn submit_after_close_hands_the_task_back() {
    let lp = virtual_loop();
    lp.close();
    assert_eq!(lp.run(), Ok(Exit::Closed));
    let marker = 7;
    let err = lp
        .handle()
        .submit(move |_| assert_eq!(marker, 7))
        .unwrap_err();
    let _task: Box<dyn FnOnce(&EventLoop)> = Box::new(err.into_inner());
    let err: SubmitError<_> = lp.submit(|_| ()).unwrap_err();
    assert!(err.to_string().contains("no longer accepting"));
    assert!(matches!(
        lp.set_timeout(Duration::from_millis(1), |_| ()),
        Err(ScheduleError::Closed(_))
    ));
    assert!(matches!(
        lp.set_immediate(|_| ()),
        Err(ScheduleError::Closed(_))
    ));
    assert_eq!(
        lp.run(),
        Ok(Exit::Closed),
        "a terminated loop stays terminated"
    );
}

#[test]
fn schedule_after_close_hands_the_callback_back() {
    let lp = virtual_loop();
    let handle = lp.handle();
    lp.close();
    assert_eq!(lp.run(), Ok(Exit::Closed));
    let captured = Arc::new(());
    let ms = Duration::from_millis(1);
    let c = captured.clone();
    let err = lp.set_timeout(ms, move |_| drop(c)).unwrap_err();
    assert!(matches!(err, ScheduleError::Closed(_)));
    assert_eq!(Arc::strong_count(&captured), 2, "handed back, not dropped");
    err.into_inner()(&lp);
    let c = captured.clone();
    lp.set_interval(ms, move |_| assert!(Arc::strong_count(&c) > 1))
        .unwrap_err()
        .into_inner()(&lp);
    let c = captured.clone();
    lp.set_immediate(move |_| drop(c)).unwrap_err().into_inner()(&lp);
    let c = captured.clone();
    let err = handle.set_timeout(ms, move |_| drop(c)).unwrap_err();
    assert!(err.to_string().contains("no longer accepting"));
    err.into_inner()(&lp);
    let c = captured.clone();
    handle
        .set_interval(ms, move |_| assert!(Arc::strong_count(&c) > 1))
        .unwrap_err()
        .into_inner()(&lp);
    let c = captured.clone();
    let err = handle.set_immediate(move |_| drop(c)).unwrap_err();
    assert!(matches!(err, ScheduleError::Closed(_)));
    assert_eq!(Arc::strong_count(&captured), 2, "handed back, not dropped");
    err.into_inner()(&lp);
    assert_eq!(Arc::strong_count(&captured), 1);
    assert_eq!(lp.stats(), jsloop::Stats::default());
}

#[test]
fn submit_after_the_loop_is_dropped_fails() {
    let lp = virtual_loop();
    let handle = lp.handle();
    drop(lp);
    assert!(handle.is_terminated());
    assert!(handle.submit(|_| ()).is_err());
    assert!(matches!(
        handle.set_immediate(|_| ()),
        Err(ScheduleError::Closed(_))
    ));
    assert_eq!(handle.call(|_| 1), Err(CallError::Rejected));
    handle.wait();
}

#[test]
fn close_from_inside_drops_queued_work_unrun() {
    let lp = virtual_loop();
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    lp.set_immediate(move |lp| {
        l.borrow_mut().push("closer");
        lp.close();
        let l2 = l.clone();
        lp.next_tick(move |_| l2.borrow_mut().push("tick after close"));
    })
    .unwrap();
    let l = log.clone();
    lp.set_immediate(move |_| l.borrow_mut().push("second immediate"))
        .unwrap();
    let l = log.clone();
    lp.set_timeout(Duration::from_millis(5), move |_| {
        l.borrow_mut().push("timer")
    })
    .unwrap();
    assert_eq!(lp.run(), Ok(Exit::Closed));
    assert_eq!(*log.borrow(), ["closer"]);
    assert_eq!(lp.stats(), jsloop::Stats::default());
}

#[test]
fn shutdown_runs_accepted_work_and_drops_timers() {
    let lp = virtual_loop();
    let log = Rc::new(RefCell::new(Vec::new()));
    let handle = lp.handle();
    let l = log.clone();
    lp.set_timeout(Duration::from_millis(100), move |_| {
        l.borrow_mut().push("timer")
    })
    .unwrap();
    let l = log.clone();
    lp.set_immediate(move |lp| {
        l.borrow_mut().push("immediate");
        lp.shutdown();
        let l2 = l.clone();
        lp.queue_microtask(move |_| l2.borrow_mut().push("microtask"));
        let l3 = l.clone();
        lp.set_immediate(move |_| l3.borrow_mut().push("immediate during drain"))
            .unwrap();
        assert!(matches!(
            lp.set_timeout(Duration::from_millis(1), |_| ()),
            Err(ScheduleError::Closed(_))
        ));
    })
    .unwrap();
    handle.submit(|_| ()).unwrap();
    assert_eq!(lp.run(), Ok(Exit::Shutdown));
    assert_eq!(
        *log.borrow(),
        ["immediate", "microtask", "immediate during drain"]
    );
    assert!(handle.is_terminated());
    assert!(handle.submit(|_| ()).is_err());
    assert_eq!(lp.stats(), jsloop::Stats::default());
}

#[test]
fn shutdown_from_another_thread_wakes_a_sleeping_loop() {
    // System clock and a one-hour timer: only the shutdown can end this run.
    let lp = EventLoop::new();
    lp.set_timeout(Duration::from_secs(3600), |_| panic!("must not fire"))
        .unwrap();
    let handle = lp.handle();
    let (started_tx, started_rx) = mpsc::channel();
    lp.submit(move |_| started_tx.send(()).unwrap()).unwrap();
    let stopper = std::thread::spawn(move || {
        started_rx.recv().unwrap();
        handle.shutdown();
        handle.wait();
    });
    assert_eq!(lp.run(), Ok(Exit::Shutdown));
    stopper.join().unwrap();
}

#[test]
fn close_from_another_thread_wakes_a_sleeping_loop() {
    let lp = EventLoop::new();
    lp.set_timeout(Duration::from_secs(3600), |_| panic!("must not fire"))
        .unwrap();
    let handle = lp.handle();
    let closer = std::thread::spawn(move || {
        handle.close();
        handle.wait();
    });
    assert_eq!(lp.run(), Ok(Exit::Closed));
    closer.join().unwrap();
}

#[test]
fn a_hold_keeps_the_loop_alive_until_dropped() {
    let lp = EventLoop::new();
    let hold = lp.handle().hold().unwrap();
    let (tx, rx) = mpsc::channel::<jsloop::Hold>();
    let handle = lp.handle();
    let worker = std::thread::spawn(move || {
        let hold = rx.recv().unwrap();
        handle.submit(|lp| lp.next_tick(|_| ())).unwrap();
        drop(hold);
    });
    tx.send(hold).unwrap();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    worker.join().unwrap();
}

#[test]
fn call_runs_on_the_loop_and_returns_the_result() {
    let lp = EventLoop::new();
    let handle = lp.handle();
    let hold = handle.hold().unwrap();
    let worker = std::thread::spawn(move || {
        let sum: u64 = (0..10)
            .map(|i| {
                handle
                    .call(move |lp| i + lp.stats().ingress as u64)
                    .unwrap()
            })
            .sum();
        drop(hold);
        sum
    });
    lp.run().unwrap();
    assert_eq!(worker.join().unwrap(), 45);
}

#[test]
fn call_reports_a_task_dropped_by_close() {
    let lp = EventLoop::new();
    let handle = lp.handle();
    let worker = std::thread::spawn(move || handle.call(|_| 1));
    while lp.stats().ingress == 0 {
        std::thread::yield_now();
    }
    lp.close();
    assert_eq!(lp.run(), Ok(Exit::Closed));
    assert_eq!(worker.join().unwrap(), Err(CallError::Dropped));
}

#[test]
fn call_reports_a_panicking_task() {
    let lp = EventLoop::builder().panic_hook(|_| ()).build();
    let handle = lp.handle();
    let hold = handle.hold().unwrap();
    let worker = std::thread::spawn(move || {
        let r = handle.call(|_| -> u8 { panic!("boom") });
        drop(hold);
        r
    });
    lp.run().unwrap();
    assert_eq!(worker.join().unwrap(), Err(CallError::Dropped));
}
