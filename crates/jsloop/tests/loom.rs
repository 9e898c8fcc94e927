//! Model checks (run with `RUSTFLAGS="--cfg loom" cargo test -p jsloop
//! --test loom --release`): loom explores every interleaving of the
//! crate's atomics and locks (all from `sync.rs`) up to its preemption bound.

#![cfg(loom)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use jsloop::{EventLoop, Exit};
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::{Arc, Mutex};
use loom::thread;

fn quiet_loop() -> EventLoop {
    // No spinning on real time inside a model.
    EventLoop::builder()
        .spin(Duration::ZERO)
        .panic_hook(|_| ())
        .build()
}

/// (a) Two producers and the loop: every item is delivered exactly once,
/// and the loop, which may be asleep, is always woken (a lost wake-up shows
/// as a deadlock, which loom reports).
#[test]
fn ingress_delivers_each_item_exactly_once() {
    loom::model(|| {
        let lp = quiet_loop();
        let ran = Arc::new(AtomicUsize::new(0));
        let producers: Vec<_> = (0..2)
            .map(|_| {
                let handle = lp.handle();
                let hold = handle.hold().unwrap();
                let ran = ran.clone();
                thread::spawn(move || {
                    handle
                        .submit(move |_| {
                            ran.fetch_add(1, Ordering::SeqCst);
                        })
                        .unwrap();
                    drop(hold);
                })
            })
            .collect();
        assert_eq!(lp.run(), Ok(Exit::Idle));
        for p in producers {
            p.join().unwrap();
        }
        assert_eq!(ran.load(Ordering::SeqCst), 2);
    });
}

/// (b) The sleep/wake protocol alone: one submission racing the loop going
/// to sleep. Without the re-check after announcing `sleeping`, the loop
/// parks forever with the task queued.
#[test]
fn no_lost_wake_up() {
    loom::model(|| {
        let lp = quiet_loop();
        let handle = lp.handle();
        let hold = handle.hold().unwrap();
        let done = Arc::new(AtomicUsize::new(0));
        let d = done.clone();
        let producer = thread::spawn(move || {
            handle
                .submit(move |lp| {
                    d.store(1, Ordering::SeqCst);
                    drop(hold);
                    lp.next_tick(|_| ());
                })
                .unwrap();
        });
        assert_eq!(lp.run(), Ok(Exit::Idle));
        producer.join().unwrap();
        assert_eq!(done.load(Ordering::SeqCst), 1);
    });
}

/// (c) A cross-thread clear racing the loop running the immediate: the
/// callback runs if and only if the clear returned false.
#[test]
fn clear_immediate_is_linearizable() {
    loom::model(|| {
        let lp = quiet_loop();
        let handle = lp.handle();
        let ran = Arc::new(AtomicUsize::new(0));
        let r = ran.clone();
        let id = handle
            .set_immediate(move |_| {
                r.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
        let clearer = thread::spawn(move || handle.clear_immediate(id));
        lp.run().unwrap();
        let cleared = clearer.join().unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), usize::from(!cleared));
    });
}

/// (d) Shutdown racing a submission: the task either runs or is handed back
/// with the error; never silently dropped.
#[test]
fn shutdown_racing_submit_never_loses_the_task() {
    loom::model(|| {
        let lp = quiet_loop();
        let handle = lp.handle();
        let ran = Arc::new(AtomicUsize::new(0));
        let r = ran.clone();
        let producer = thread::spawn(move || {
            handle
                .submit(move |_| {
                    r.fetch_add(1, Ordering::SeqCst);
                })
                .is_ok()
        });
        lp.shutdown();
        assert_eq!(lp.run(), Ok(Exit::Shutdown));
        let accepted = producer.join().unwrap();
        assert_eq!(ran.load(Ordering::SeqCst), usize::from(accepted));
    });
}

/// (b) again, for a request that passes through no lock: a close from
/// another thread while the loop may be going to sleep. Only the wake
/// word's acquire/release carries the stop flag to the loop, so weakening
/// those orderings lets the loop read a stale flag and park for good.
#[test]
fn cross_thread_close_is_never_missed() {
    loom::model(|| {
        let lp = quiet_loop();
        let handle = lp.handle();
        let hold = handle.hold().unwrap();
        let closer = thread::spawn(move || {
            handle.close();
            handle.wait();
            drop(hold);
        });
        assert_eq!(lp.run(), Ok(Exit::Closed));
        drop(lp);
        closer.join().unwrap();
    });
}

/// A future that is ready once `flag` is set. It leaves the waker of its
/// first poll in `slot` for whoever sets it and never replaces it, as a
/// future that registers once does: later wakes come through an old waker.
struct Flagged {
    flag: Arc<AtomicUsize>,
    slot: Arc<Mutex<Option<Waker>>>,
}

impl Future for Flagged {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.slot
            .lock()
            .unwrap()
            .get_or_insert_with(|| cx.waker().clone());
        if self.flag.load(Ordering::SeqCst) == 1 {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// (e) A spawned future woken from another thread, twice, while the loop
/// may be polling it: it is always polled again after the wake that
/// counts. Clearing the waker's `queued` flag after the poll instead of
/// before drops a wake that lands during the poll, and `block_on` stalls.
#[test]
fn a_wake_from_another_thread_is_never_lost() {
    loom::model(|| {
        let lp = quiet_loop();
        let hold = lp.handle().hold().unwrap();
        let flag = Arc::new(AtomicUsize::new(0));
        let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        let (f, s) = (flag.clone(), slot.clone());
        let waker = thread::spawn(move || {
            let registered = s.lock().unwrap().clone();
            if let Some(w) = registered {
                w.wake();
            }
            f.store(1, Ordering::SeqCst);
            let registered = s.lock().unwrap().clone();
            if let Some(w) = registered {
                w.wake();
            }
            drop(hold);
        });
        assert_eq!(lp.block_on(Flagged { flag, slot }), Ok(()));
        waker.join().unwrap();
    });
}

/// (f) The poll path: the loop's only keep-alive is a registered source
/// (never ready), so it parks in the poller; a task from another thread
/// races it entering that park and must wake it (the task closes the
/// registration, so the loop can then exit). Parking without the re-check
/// of `NOTIFIED` deadlocks this model.
#[test]
fn a_submit_racing_the_loop_entering_poll_is_never_lost() {
    loom::model(|| {
        let lp = quiet_loop();
        let (mut source, peer) = jsloop::mio::net::UnixStream::pair().unwrap();
        let id = lp
            .register(&mut source, jsloop::Interest::READABLE, |_, _| ())
            .unwrap();
        let handle = lp.handle();
        let producer = thread::spawn(move || {
            handle
                .submit(move |lp| {
                    lp.close_io(id, &mut source, |_| ()).unwrap();
                })
                .unwrap();
        });
        assert_eq!(lp.run(), Ok(Exit::Idle));
        producer.join().unwrap();
        drop(peer);
    });
}

/// (g) The ingress queue across block boundaries (under loom a block holds
/// one task, so every push links a new block and the loop recycles the
/// old one, which the next push may take as its new block): a producer's
/// three tasks racing the loop that takes and runs them. They run once
/// each, in order; a block freed or reused too early, or a slot read
/// before its write, shows as a loom access error or a lost task. (Two
/// producers crossing blocks are model (a); two producers with two tasks
/// each exceed loom's branch limit.)
#[test]
fn ingress_blocks_are_linked_and_recycled_safely() {
    loom::model(|| {
        let lp = quiet_loop();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handle = lp.handle();
        let hold = handle.hold().unwrap();
        let l = log.clone();
        let producer = thread::spawn(move || {
            for i in 0..3usize {
                let l = l.clone();
                handle.submit(move |_| l.lock().unwrap().push(i)).unwrap();
            }
            drop(hold);
        });
        assert_eq!(lp.run(), Ok(Exit::Idle));
        producer.join().unwrap();
        assert_eq!(*log.lock().unwrap(), [0, 1, 2]);
    });
}

/// (h) A close racing pushes that cross blocks: every task is either run,
/// dropped unrun by the close, or handed back to its producer; each
/// capture is dropped exactly once and no block leaks (loom checks the
/// `Arc` counts at the end of each execution).
#[test]
fn close_racing_pushes_drops_each_task_once() {
    loom::model(|| {
        let lp = quiet_loop();
        let handle = lp.handle();
        let token = Arc::new(());
        let t = token.clone();
        let producer = thread::spawn(move || {
            for _ in 0..2 {
                let t = t.clone();
                let _ = handle.submit(move |_| drop(t));
            }
        });
        lp.close();
        assert_eq!(lp.run(), Ok(Exit::Closed));
        drop(lp);
        producer.join().unwrap();
        assert_eq!(Arc::strong_count(&token), 1);
    });
}
