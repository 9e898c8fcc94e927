//! The blocking-work pool: results and their checkpoint, cancellation,
//! panics, the loop kept alive by pending work, and what close, shutdown
//! and drop do with queued work and the threads. No sleeps: work that must
//! stay running waits on a channel the test controls.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use jsloop::{CallbackKind, EventLoop, Exit, QueueWorkError, WorkError};

/// Counts its drops in a shared counter.
struct Witness(Arc<AtomicUsize>);

impl Drop for Witness {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Counts, on drop, the exit of the thread it was stored in (thread-local
/// destructors run before a join returns).
struct ThreadExit(&'static AtomicUsize);

impl Drop for ThreadExit {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

thread_local! {
    static EXIT: RefCell<Option<ThreadExit>> = const { RefCell::new(None) };
}

/// Arms the current (pool) thread to count its exit in `counter`.
fn count_exit(counter: &'static AtomicUsize) {
    EXIT.with(|e| {
        e.borrow_mut().get_or_insert_with(|| ThreadExit(counter));
    });
}

fn one_thread() -> EventLoop {
    EventLoop::builder().threadpool_size(1).build()
}

#[test]
fn results_come_back_with_a_checkpoint_after_each() {
    let lp = EventLoop::new();
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let l = log.clone();
    lp.queue_work(
        || 6 * 7,
        move |lp, result| {
            l.borrow_mut().push(format!("done {}", result.unwrap()));
            let l2 = l.clone();
            lp.set_immediate(move |_| l2.borrow_mut().push("immediate".into()))
                .unwrap();
            let l3 = l.clone();
            lp.queue_microtask(move |_| l3.borrow_mut().push("microtask".into()));
            let l4 = l.clone();
            lp.next_tick(move |_| l4.borrow_mut().push("tick".into()));
        },
    )
    .unwrap();
    assert_eq!(lp.run().unwrap(), Exit::Idle);
    assert_eq!(*log.borrow(), ["done 42", "tick", "microtask", "immediate"]);
    assert_eq!(lp.stats().work_pending, 0);
}

#[test]
fn many_results_all_arrive_and_keep_the_loop_alive() {
    let lp = EventLoop::builder().threadpool_size(3).build();
    assert_eq!(lp.threadpool_size(), 3);
    let sum = Rc::new(RefCell::new(0u64));
    for i in 0..200u64 {
        let s = sum.clone();
        lp.queue_work(move || i * 2, move |_, r| *s.borrow_mut() += r.unwrap())
            .unwrap();
    }
    assert!(lp.is_alive(), "pending work keeps the loop alive");
    assert_eq!(lp.stats().work_pending, 200);
    assert_eq!(lp.run().unwrap(), Exit::Idle);
    assert_eq!(*sum.borrow(), 2 * (0..200).sum::<u64>());
    assert!(!lp.is_alive());
    let stats = lp.stats();
    assert_eq!((stats.work_pending, stats.work_queued), (0, 0));
}

#[test]
fn work_queued_from_a_work_callback_runs_too() {
    let lp = EventLoop::new();
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    lp.queue_work(
        || 1,
        move |lp, r| {
            g.borrow_mut().push(r.unwrap());
            let g2 = g.clone();
            lp.queue_work(|| 2, move |_, r| g2.borrow_mut().push(r.unwrap()))
                .unwrap();
        },
    )
    .unwrap();
    lp.run().unwrap();
    assert_eq!(*got.borrow(), [1, 2]);
}

#[test]
fn unstarted_work_can_be_cancelled() {
    let lp = one_thread();
    let (started_tx, started_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let (l1, l2) = (log.clone(), log.clone());
    let first = lp
        .queue_work(
            move || {
                started_tx.send(()).unwrap();
                release_rx.recv().is_err()
            },
            move |_, r| l1.borrow_mut().push(format!("first {r:?}")),
        )
        .unwrap();
    let ran = Arc::new(AtomicBool::new(false));
    let r = ran.clone();
    let second = lp
        .queue_work(
            move || r.store(true, Ordering::SeqCst),
            move |_, r| l2.borrow_mut().push(format!("second {r:?}")),
        )
        .unwrap();
    started_rx.recv().unwrap();
    assert_eq!(lp.stats().work_queued, 1);
    assert!(!lp.cancel_work(first), "running work cannot be cancelled");
    assert!(lp.cancel_work(second));
    assert!(!lp.cancel_work(second), "cancelled once");
    assert_eq!(lp.stats().work_queued, 0);
    assert_eq!(
        lp.stats().work_pending,
        2,
        "the cancelled callback is still due"
    );
    drop(release_tx);
    lp.run().unwrap();
    assert!(!ran.load(Ordering::SeqCst), "cancelled work never ran");
    let mut log = log.borrow().clone();
    log.sort();
    assert_eq!(log, ["first Ok(true)", "second Err(Cancelled)"]);
    assert!(!lp.cancel_work(first), "finished work cannot be cancelled");
}

#[test]
fn cancelling_on_a_loop_without_a_pool_is_false() {
    let lp = one_thread();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let id = lp
        .queue_work(move || release_rx.recv().ok(), |_, _| ())
        .unwrap();
    drop(release_tx);
    lp.run().unwrap();
    let other = EventLoop::new();
    assert!(!other.cancel_work(id));
}

#[test]
fn a_panic_in_work_reaches_the_callback() {
    let lp = EventLoop::builder().threadpool_size(2).build();
    let got: Rc<RefCell<Vec<Result<u32, WorkError>>>> = Rc::default();
    let (g1, g2) = (got.clone(), got.clone());
    lp.queue_work(
        || -> u32 { panic!("boom") },
        move |_, r| g1.borrow_mut().push(r),
    )
    .unwrap();
    lp.queue_work(|| 7u32, move |_, r| g2.borrow_mut().push(r))
        .unwrap();
    lp.run().unwrap();
    let mut got = got.borrow().clone();
    got.sort_by_key(|r| r.is_ok());
    assert_eq!(got, [Err(WorkError::Panicked("boom".into())), Ok(7)]);
}

#[test]
fn a_panicking_callback_is_reported_and_the_loop_goes_on() {
    let reports = Rc::new(RefCell::new(Vec::new()));
    let r = reports.clone();
    let lp = EventLoop::builder()
        .threadpool_size(1)
        .panic_hook(move |report| r.borrow_mut().push(report.kind))
        .build();
    let after = Rc::new(RefCell::new(false));
    let a = after.clone();
    lp.queue_work(|| (), |_, _| panic!("callback")).unwrap();
    lp.queue_work(|| (), move |_, _| *a.borrow_mut() = true)
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*reports.borrow(), [CallbackKind::Work]);
    assert!(*after.borrow());
    assert_eq!(lp.stats().work_pending, 0);
}

#[test]
fn close_discards_queued_work_drops_callbacks_and_joins_threads() {
    static EXITS: AtomicUsize = AtomicUsize::new(0);
    let lp = one_thread();
    let dropped = Arc::new(AtomicUsize::new(0));
    let (started_tx, started_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let callback_ran = Rc::new(RefCell::new(0));
    let c = callback_ran.clone();
    let w = Witness(dropped.clone());
    lp.queue_work(
        move || {
            count_exit(&EXITS);
            started_tx.send(()).unwrap();
            let _ = release_rx.recv();
            w
        },
        move |_, _| *c.borrow_mut() += 1,
    )
    .unwrap();
    let started = Arc::new(AtomicUsize::new(0));
    for _ in 0..3 {
        // Dropping a discarded work closure drops its sender, and the last
        // one releases the running work: the close cannot wait forever.
        let (tx, s, w) = (
            release_tx.clone(),
            started.clone(),
            Witness(dropped.clone()),
        );
        let c = callback_ran.clone();
        let cw = Witness(dropped.clone());
        lp.queue_work(
            move || {
                s.fetch_add(1, Ordering::SeqCst);
                drop((tx, w));
            },
            move |_, _| {
                let _keep = &cw;
                *c.borrow_mut() += 1;
            },
        )
        .unwrap();
    }
    drop(release_tx);
    started_rx.recv().unwrap();
    lp.close();
    assert_eq!(lp.run().unwrap(), Exit::Closed);
    assert_eq!(
        started.load(Ordering::SeqCst),
        0,
        "queued work never starts"
    );
    assert_eq!(*callback_ran.borrow(), 0, "close runs no callback");
    // Three discarded closures, three dropped callbacks, one dropped result.
    assert_eq!(dropped.load(Ordering::SeqCst), 7);
    assert_eq!(EXITS.load(Ordering::SeqCst), 1, "the thread was joined");
    assert_eq!(lp.stats().work_pending, 0);
    let refused = lp.queue_work(|| 1, |_, _| ()).unwrap_err();
    assert!(matches!(refused, QueueWorkError::Closed(_)));
    let (work, _done) = refused.into_inner();
    assert_eq!(work(), 1, "refused work is handed back");
}

#[test]
fn shutdown_drains_pending_work_then_joins_threads() {
    static EXITS: AtomicUsize = AtomicUsize::new(0);
    let lp = EventLoop::builder().threadpool_size(2).build();
    let done = Rc::new(RefCell::new(0));
    for i in 0..20 {
        let d = done.clone();
        lp.queue_work(
            move || {
                count_exit(&EXITS);
                i
            },
            move |lp, r| {
                *d.borrow_mut() += 1;
                assert_eq!(r.unwrap(), i);
                if i == 0 {
                    lp.shutdown();
                }
            },
        )
        .unwrap();
    }
    assert_eq!(lp.run().unwrap(), Exit::Shutdown);
    assert_eq!(*done.borrow(), 20, "every accepted piece of work reported");
    assert!(EXITS.load(Ordering::SeqCst) >= 1);
    assert!(
        EXITS.load(Ordering::SeqCst) <= 2,
        "{}",
        EXITS.load(Ordering::SeqCst)
    );
    let exits = EXITS.load(Ordering::SeqCst);
    drop(lp);
    assert_eq!(
        EXITS.load(Ordering::SeqCst),
        exits,
        "joined before run returned"
    );
}

#[test]
fn dropping_the_loop_joins_threads_and_drops_everything() {
    static EXITS: AtomicUsize = AtomicUsize::new(0);
    let lp = one_thread();
    let dropped = Arc::new(AtomicUsize::new(0));
    let (started_tx, started_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let w = Witness(dropped.clone());
    let cw = Witness(dropped.clone());
    lp.queue_work(
        move || {
            count_exit(&EXITS);
            started_tx.send(()).unwrap();
            let _ = release_rx.recv();
            w
        },
        move |_, _| drop(cw),
    )
    .unwrap();
    let w = Witness(dropped.clone());
    let cw = Witness(dropped.clone());
    lp.queue_work(move || drop((release_tx, w)), move |_, _| drop(cw))
        .unwrap();
    started_rx.recv().unwrap();
    drop(lp);
    // The queued closure, two callbacks and the running work's result.
    assert_eq!(dropped.load(Ordering::SeqCst), 4);
    assert_eq!(EXITS.load(Ordering::SeqCst), 1, "the thread was joined");
}

#[test]
fn threads_start_on_first_use_only() {
    static EXITS: AtomicUsize = AtomicUsize::new(0);
    let lp = EventLoop::builder().threadpool_size(2).build();
    lp.set_immediate(|_| ()).unwrap();
    lp.run().unwrap();
    drop(lp);
    let lp = EventLoop::builder().threadpool_size(1).build();
    lp.queue_work(|| count_exit(&EXITS), |_, _| ()).unwrap();
    lp.run().unwrap();
    drop(lp);
    assert_eq!(EXITS.load(Ordering::SeqCst), 1);
}

#[test]
fn work_runs_in_parallel_on_the_pool() {
    // Each piece of work waits for all the others: this finishes only if
    // every one of them runs at the same time, on a thread of its own.
    for _ in 0..20 {
        let lp = EventLoop::builder().threadpool_size(4).build();
        let barrier = Arc::new(std::sync::Barrier::new(4));
        let done = Rc::new(RefCell::new(0));
        for _ in 0..4 {
            let (b, d) = (barrier.clone(), done.clone());
            lp.queue_work(
                move || b.wait().is_leader(),
                move |_, _| *d.borrow_mut() += 1,
            )
            .unwrap();
        }
        lp.run().unwrap();
        assert_eq!(*done.borrow(), 4);
    }
}

#[test]
fn pool_and_metrics_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<jsloop::WorkId>();
    send_sync::<WorkError>();
    send_sync::<QueueWorkError<(fn() -> u8, fn())>>();
    send_sync::<jsloop::Histogram>();
    send_sync::<jsloop::Utilization>();
}
