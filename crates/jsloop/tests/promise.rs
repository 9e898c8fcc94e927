//! Promises for Rust code: reactions, adoption, identity, rejection
//! tracking, futures and cross-thread settling.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use jsloop::promise::{self, BlockOnError, Promise, PromiseError, Reason, Settle};
use jsloop::{EventLoop, Stats, VirtualClock};

type Log = Rc<RefCell<Vec<String>>>;

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

/// A loop whose rejection hooks append to a log.
fn tracked_loop() -> (EventLoop, Log) {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let log = Log::default();
    let l = log.clone();
    lp.on_unhandled_rejection(move |_, r| push(&l, format!("unhandled {}", r.reason)));
    let l = log.clone();
    lp.on_rejection_handled(move |_, r| push(&l, format!("handled later {}", r.reason)));
    (lp, log)
}

/// Counts its own drops.
#[derive(Clone)]
struct Witness(Rc<Cell<usize>>);

impl Drop for Witness {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn reactions_run_as_microtasks_in_registration_order_never_synchronously() {
    let lp = EventLoop::new();
    let log = Log::default();
    let p = Promise::resolved(&lp, 1);
    for name in ["first", "second", "third"] {
        let l = log.clone();
        p.then(move |_| {
            push(&l, name);
            Ok(())
        });
    }
    push(&log, "sync");
    assert_eq!(*log.borrow(), ["sync"], "nothing ran synchronously");
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["sync", "first", "second", "third"]);
}

#[test]
fn success_path_leaves_no_entry_and_drops_everything() {
    let (lp, log) = tracked_loop();
    let drops = Rc::new(Cell::new(0));
    let weak;
    {
        let (p, r) = Promise::<Witness>::new(&lp);
        weak = Rc::downgrade(&Rc::new(()));
        let w = Witness(drops.clone());
        let derived = p
            .then(move |v| {
                let _keep = &w;
                Ok(v)
            })
            .finally(|| Ok(()))
            .catch(Err);
        r.resolve(Witness(drops.clone()));
        drop(derived);
    }
    lp.run().unwrap();
    assert!(log.borrow().is_empty());
    assert_eq!(lp.stats(), Stats::default());
    // The value's original and every clone, and the captured witness, are gone.
    let after_run = drops.get();
    assert!(after_run >= 2, "{after_run}");
    assert!(weak.upgrade().is_none());
}

#[test]
fn promises_and_reactions_are_dropped_after_settling() {
    let lp = EventLoop::new();
    let drops = Rc::new(Cell::new(0));
    let (p, r) = Promise::<u8>::new(&lp);
    let w1 = Witness(drops.clone());
    let w2 = Witness(drops.clone());
    p.then(move |v| {
        let _w = &w1;
        Ok(v)
    })
    .then(move |v| {
        let _w = &w2;
        Ok(v)
    });
    assert_eq!(drops.get(), 0, "pending reactions are kept");
    r.resolve(1);
    lp.run().unwrap();
    assert_eq!(drops.get(), 2, "both reactions dropped once run");
    drop(p);
}

#[test]
fn late_subscriber_on_a_fulfilled_promise_leaves_no_entry() {
    let (lp, log) = tracked_loop();
    let p = Promise::resolved(&lp, 5);
    lp.run().unwrap();
    let seen = Rc::new(Cell::new(0));
    let s = seen.clone();
    p.then(move |v| {
        s.set(v);
        Ok(())
    });
    assert_eq!(lp.stats().unhandled_rejections, 0);
    lp.run().unwrap();
    assert_eq!(seen.get(), 5);
    assert!(log.borrow().is_empty());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn late_subscriber_on_a_handled_rejection_leaves_no_entry() {
    let (lp, log) = tracked_loop();
    let p = Promise::<u8>::rejected(&lp, Reason::new("no"));
    p.catch(|_| Ok(0));
    lp.run().unwrap();
    p.catch(|_| Ok(1));
    p.then(Ok).catch(|_| Ok(2));
    assert_eq!(lp.stats().unhandled_rejections, 0);
    assert_eq!(lp.stats().late_rejections, 0);
    lp.run().unwrap();
    assert!(log.borrow().is_empty(), "{:?}", log.borrow());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn panic_in_a_reaction_rejects_the_derived_promise_without_leaking() {
    let (lp, log) = tracked_loop();
    let caught = Rc::new(RefCell::new(None));
    let c = caught.clone();
    Promise::resolved(&lp, 1)
        .then(|_| -> Result<u8, Reason> { panic!("kaboom") })
        .catch(move |e| {
            *c.borrow_mut() = e.downcast_ref::<PromiseError>().cloned();
            Ok(0)
        });
    lp.run().unwrap();
    assert_eq!(
        *caught.borrow(),
        Some(PromiseError::Panicked("kaboom".into()))
    );
    assert!(log.borrow().is_empty());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn rejecting_with_a_promise_keeps_that_very_promise_as_the_reason() {
    let lp = EventLoop::new();
    let inner = Promise::resolved(&lp, 7u8);
    let reason = Reason::new(inner.clone());
    let got = Rc::new(RefCell::new(None));
    let g = got.clone();
    Promise::<u8>::rejected(&lp, reason.clone()).catch(move |e| {
        *g.borrow_mut() = Some(e);
        Ok(0)
    });
    lp.run().unwrap();
    let got = got.borrow_mut().take().unwrap();
    assert!(Reason::ptr_eq(&got, &reason));
    let held = got
        .downcast_ref::<Promise<u8>>()
        .expect("the reason is the promise");
    assert!(Promise::ptr_eq(held, &inner), "not unwrapped, not copied");
}

#[test]
fn resolve_of_a_promise_is_that_promise() {
    let lp = EventLoop::new();
    let p = Promise::resolved(&lp, 1);
    assert!(Promise::ptr_eq(&Promise::resolve_promise(&p), &p));
}

#[test]
fn self_resolution_rejects_with_a_chaining_cycle_error() {
    let lp = EventLoop::new();
    let (p, r) = Promise::<u8>::new(&lp);
    r.adopt(p.clone());
    let got = Rc::new(RefCell::new(None));
    let g = got.clone();
    p.catch(move |e| {
        *g.borrow_mut() = e.downcast_ref::<PromiseError>().cloned();
        Ok(0)
    });
    lp.run().unwrap();
    assert_eq!(*got.borrow(), Some(PromiseError::ChainingCycle));
}

#[test]
fn a_handler_returning_a_promise_is_adopted() {
    let lp = EventLoop::new();
    let (inner, r) = Promise::<u8>::new(&lp);
    let out = Promise::resolved(&lp, ()).then_promise(move |()| inner);
    lp.set_timeout(Duration::from_millis(1), move |_| r.resolve(9))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(out.outcome().unwrap().unwrap(), 9);
}

#[test]
fn chain_settles_with_any_settle() {
    let lp = EventLoop::new();
    let p = Promise::resolved(&lp, 2).chain(|v| Settle::Value(v * 3), Settle::Reject);
    lp.run().unwrap();
    assert_eq!(p.outcome().unwrap().unwrap(), 6);
}

#[test]
fn finally_passes_the_outcome_through_or_replaces_it_with_its_error() {
    let lp = EventLoop::new();
    let ok = Promise::resolved(&lp, 1).finally(|| Ok(()));
    let err = Promise::<u8>::rejected(&lp, Reason::new("orig")).finally(|| Ok(()));
    let replaced = Promise::resolved(&lp, 1).finally(|| Err(Reason::new("fin")));
    lp.run().unwrap();
    assert_eq!(ok.outcome().unwrap().unwrap(), 1);
    assert_eq!(err.outcome().unwrap().unwrap_err().to_string(), "orig");
    assert_eq!(replaced.outcome().unwrap().unwrap_err().to_string(), "fin");
    err.catch(|_| Ok(0));
    replaced.catch(|_| Ok(0));
    lp.run().unwrap();
}

#[test]
fn unhandled_rejection_is_reported_once_at_the_end_of_the_checkpoint() {
    let (lp, log) = tracked_loop();
    let l = log.clone();
    lp.set_immediate(move |lp| {
        Promise::<u8>::rejected(lp, Reason::new("lost"));
        push(&l, "immediate body done");
        let l2 = l.clone();
        lp.queue_microtask(move |_| push(&l2, "microtask of the same checkpoint"));
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "immediate body done",
            "microtask of the same checkpoint",
            "unhandled lost"
        ]
    );
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn rejection_handled_within_the_same_checkpoint_fires_neither_hook() {
    let (lp, log) = tracked_loop();
    let p = Promise::<u8>::rejected(&lp, Reason::new("caught in time"));
    lp.queue_microtask(move |_| {
        p.catch(|_| Ok(0));
    });
    lp.run().unwrap();
    assert!(log.borrow().is_empty(), "{:?}", log.borrow());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn handled_later_fires_once_in_the_checkpoint_after_the_handler_arrives() {
    let (lp, log) = tracked_loop();
    let p = Promise::<u8>::rejected(&lp, Reason::new("late"));
    let l = log.clone();
    let p2 = p.clone();
    lp.set_timeout(Duration::from_millis(5), move |_| {
        push(&l, "timer attaches handlers");
        p2.catch(|_| Ok(0));
        p2.catch(|_| Ok(1));
    })
    .unwrap();
    lp.run().unwrap();
    assert_eq!(
        *log.borrow(),
        [
            "unhandled late",
            "timer attaches handlers",
            "handled later late"
        ]
    );
    assert_eq!(lp.stats(), Stats::default());
    drop(p);
}

#[test]
fn combinators_on_empty_inputs_follow_javascript() {
    let lp = EventLoop::new();
    let all = promise::all::<u8>(&lp, vec![]);
    let settled = promise::all_settled::<u8>(&lp, vec![]);
    let race = promise::race::<u8>(&lp, vec![]);
    let any = promise::any::<u8>(&lp, vec![]);
    any.catch(|_| Ok(0));
    lp.run().unwrap();
    assert_eq!(all.outcome().unwrap().unwrap(), Vec::<u8>::new());
    assert!(settled.outcome().unwrap().unwrap().is_empty());
    assert!(race.is_pending(), "race([]) stays pending forever");
    let reason = any.outcome().unwrap().unwrap_err();
    let agg = reason.downcast_ref::<promise::AggregateError>().unwrap();
    assert!(agg.errors.is_empty());
}

#[test]
fn any_aggregates_every_reason_in_input_order() {
    let lp = EventLoop::new();
    let (p1, r1) = Promise::<u8>::new(&lp);
    let (p2, r2) = Promise::<u8>::new(&lp);
    let any = promise::any(&lp, vec![p1, p2]);
    r2.reject(Reason::new("second"));
    r1.reject(Reason::new("first"));
    any.catch(|_| Ok(0));
    lp.run().unwrap();
    let reason = any.outcome().unwrap().unwrap_err();
    let agg = reason.downcast_ref::<promise::AggregateError>().unwrap();
    let msgs: Vec<String> = agg.errors.iter().map(ToString::to_string).collect();
    assert_eq!(msgs, ["first", "second"]);
}

#[test]
fn spawned_future_awaits_promises() {
    let lp = EventLoop::builder().clock(VirtualClock::new()).build();
    let (p, r) = Promise::<u32>::new(&lp);
    let out = lp.spawn_local(async move { p.await.unwrap() * 2 });
    lp.set_timeout(Duration::from_millis(10), move |_| r.resolve(21))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(out.outcome().unwrap().unwrap(), 42);
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn awaiting_a_promise_resumes_as_a_microtask_in_the_same_checkpoint() {
    let lp = EventLoop::new();
    let log = Log::default();
    let (p, r) = Promise::<u8>::new(&lp);
    let l = log.clone();
    lp.spawn_local(async move {
        let v = p.await.unwrap();
        push(&l, format!("resumed {v}"));
    });
    let l = log.clone();
    lp.queue_microtask(move |lp| {
        r.resolve(1);
        let l2 = l.clone();
        Promise::resolved(lp, ())
            .then(|()| Ok(()))
            .then(|()| Ok(()))
            .then(move |()| {
                push(&l2, "third tick");
                Ok(())
            });
    });
    let l = log.clone();
    lp.set_immediate(move |_| push(&l, "immediate")).unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["resumed 1", "third tick", "immediate"]);
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn awaiting_a_rejection_counts_as_handling_it() {
    let (lp, log) = tracked_loop();
    let p = Promise::<u8>::rejected(&lp, Reason::new("awaited"));
    let got = lp.block_on(p).unwrap();
    assert_eq!(got.unwrap_err().to_string(), "awaited");
    lp.run().unwrap();
    // The future's first poll runs in the same checkpoint: handled in time.
    assert!(log.borrow().is_empty(), "{:?}", log.borrow());
}

#[test]
fn block_on_reports_a_stalled_future_and_a_panic() {
    let lp = EventLoop::new();
    let (p, _r) = Promise::<u8>::new(&lp);
    assert_eq!(lp.block_on(p).unwrap_err(), BlockOnError::Stalled);
    let lp = EventLoop::builder().panic_hook(|_| ()).build();
    let r = lp.block_on(async { panic!("in future") });
    assert_eq!(
        r,
        Err::<(), _>(BlockOnError::Panicked("handler panicked: in future".into()))
    );
}

#[test]
fn a_panicking_spawned_future_rejects_its_promise() {
    let lp = EventLoop::new();
    let p = lp.spawn_local(async { panic!("async boom") });
    let p2: Promise<()> = p.catch(|_| Ok(()));
    lp.run().unwrap();
    assert!(p.outcome().unwrap().is_err());
    assert!(p2.outcome().unwrap().is_ok());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn from_future_settles_with_the_result() {
    let lp = EventLoop::new();
    let ok = Promise::from_future(&lp, async { Ok::<_, Reason>(3) });
    let err = Promise::<u8>::from_future(&lp, async { Err(Reason::new("nope")) });
    err.catch(|_| Ok(0));
    lp.run().unwrap();
    assert_eq!(ok.outcome().unwrap().unwrap(), 3);
    assert_eq!(err.outcome().unwrap().unwrap_err().to_string(), "nope");
}

#[test]
fn send_resolver_settles_from_another_thread_and_keeps_the_loop_alive() {
    let lp = EventLoop::new();
    let (p, resolver) = Promise::<String>::new_send(&lp);
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let worker = std::thread::spawn(move || {
        rx.recv().unwrap();
        resolver.resolve("from the worker".into());
    });
    lp.submit(move |_| tx.send(()).unwrap()).unwrap();
    lp.run().unwrap();
    worker.join().unwrap();
    assert_eq!(p.outcome().unwrap().unwrap(), "from the worker");
    let mut stats = lp.stats();
    // The loop may have slept while the other threads worked.
    stats.wake_syscalls = 0;
    assert_eq!(stats, Stats::default());
}

#[test]
fn a_dropped_send_resolver_rejects() {
    let lp = EventLoop::new();
    let (p, resolver) = Promise::<u8>::new_send(&lp);
    std::thread::spawn(move || drop(resolver)).join().unwrap();
    let p2 = p.catch(|_| Ok(0));
    lp.run().unwrap();
    let reason = p.outcome().unwrap().unwrap_err();
    assert_eq!(
        reason.downcast_ref::<PromiseError>(),
        Some(&PromiseError::ResolverDropped)
    );
    assert!(p2.outcome().unwrap().is_ok());
    assert_eq!(lp.stats(), Stats::default());
}

#[test]
fn promisify_fulfils_rejects_and_turns_panics_into_rejections() {
    let lp = EventLoop::new();
    let ok = promise::promisify(&lp, || Ok::<_, String>(2 + 2));
    let err = promise::promisify(&lp, || Err::<u8, _>("bad input".to_string()));
    let panicked = promise::promisify(&lp, || -> Result<u8, String> { panic!("worker died") });
    err.catch(|_| Ok(0));
    panicked.catch(|_| Ok(0));
    lp.run().unwrap();
    assert_eq!(ok.outcome().unwrap().unwrap(), 4);
    assert_eq!(err.outcome().unwrap().unwrap_err().to_string(), "bad input");
    let reason = panicked.outcome().unwrap().unwrap_err();
    assert_eq!(
        reason.downcast_ref::<PromiseError>(),
        Some(&PromiseError::Panicked("worker died".into()))
    );
}

#[test]
fn rejection_hook_receives_the_promise() {
    let lp = EventLoop::new();
    let seen = Rc::new(RefCell::new(None));
    let s = seen.clone();
    lp.on_unhandled_rejection(move |_, r| {
        *s.borrow_mut() = Promise::<u8>::from_rejection(r);
    });
    let p = Promise::<u8>::rejected(&lp, Reason::new("x"));
    lp.run().unwrap();
    assert!(Promise::ptr_eq(seen.borrow().as_ref().unwrap(), &p));
}
