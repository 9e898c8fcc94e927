//! Submission from other threads: exactly-once delivery, no lost wake-up,
//! linearizable cross-thread clear_immediate.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use jsloop::{EventLoop, Exit, Handle, Hold, ImmediateId};

const THREADS: usize = 4;
const PER_THREAD: usize = 100_000;

/// Producers submit as fast as they can while the loop runs, idles and
/// sleeps in between; a lost wake-up leaves `run` asleep forever with tasks
/// queued (the test then hangs and the harness reports it).
#[test]
fn four_threads_times_100k_submits_each_run_exactly_once() {
    for spin in [Duration::ZERO, Duration::from_micros(50)] {
        let lp = EventLoop::builder().spin(spin).build();
        let runs: Arc<Vec<AtomicU8>> = Arc::new(
            (0..THREADS * PER_THREAD)
                .map(|_| AtomicU8::new(0))
                .collect(),
        );
        let barrier = Arc::new(Barrier::new(THREADS));
        let producers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (handle, runs, barrier) = (lp.handle(), runs.clone(), barrier.clone());
                let hold = handle.hold().unwrap();
                std::thread::spawn(move || {
                    barrier.wait();
                    for i in 0..PER_THREAD {
                        let runs = runs.clone();
                        let slot = t * PER_THREAD + i;
                        handle
                            .submit(move |_| {
                                runs[slot].fetch_add(1, Ordering::Relaxed);
                            })
                            .unwrap();
                        if i % 4096 == 0 {
                            std::thread::yield_now();
                        }
                    }
                    drop(hold);
                })
            })
            .collect();
        assert_eq!(lp.run(), Ok(Exit::Idle));
        for p in producers {
            p.join().unwrap();
        }
        let bad = runs
            .iter()
            .filter(|r| r.load(Ordering::Relaxed) != 1)
            .count();
        assert_eq!(bad, 0, "tasks not run exactly once (spin {spin:?})");
        assert_eq!(lp.stats().ingress, 0);
    }
}

#[test]
fn batches_keep_submission_order_per_producer() {
    let lp = EventLoop::new();
    let handle = lp.handle();
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let s = seen.clone();
    let hold = handle.hold().unwrap();
    let producer = std::thread::spawn(move || {
        for chunk in 0..100 {
            let tasks: Vec<_> = (0..100)
                .map(|i| {
                    let s = s.clone();
                    move |_: &EventLoop| s.lock().unwrap().push(chunk * 100 + i)
                })
                .collect();
            handle.submit_batch(tasks).unwrap();
        }
        drop(hold);
    });
    lp.run().unwrap();
    producer.join().unwrap();
    assert_eq!(*seen.lock().unwrap(), (0..10_000).collect::<Vec<_>>());
}

#[test]
fn submit_batch_after_shutdown_hands_every_task_back() {
    let lp = EventLoop::new();
    lp.shutdown();
    lp.run().unwrap();
    let tasks: Vec<_> = (0..3)
        .map(|i| move |_: &EventLoop| assert!(i < 3))
        .collect();
    let err = lp.handle().submit_batch(tasks).unwrap_err();
    assert_eq!(err.into_inner().len(), 3);
}

/// A clearing thread races the loop running remote immediates: each one
/// either ran or was cleared (clear returned true), never both, never
/// neither.
#[test]
fn cross_thread_clear_immediate_is_linearizable() {
    const N: usize = 20_000;
    let lp = EventLoop::new();
    let handle = lp.handle();
    let ran: Arc<Vec<AtomicBool>> = Arc::new((0..N).map(|_| AtomicBool::new(false)).collect());
    let cleared: Arc<Vec<AtomicBool>> = Arc::new((0..N).map(|_| AtomicBool::new(false)).collect());
    let ids: Vec<ImmediateId> = (0..N)
        .map(|i| {
            let ran = ran.clone();
            handle
                .set_immediate(move |_| ran[i].store(true, Ordering::SeqCst))
                .unwrap()
        })
        .collect();
    let hold = handle.hold().unwrap();
    let c = cleared.clone();
    let clearer = std::thread::spawn(move || {
        // Clear every other one, racing the loop as it runs them.
        for (i, id) in ids.iter().enumerate().rev() {
            if i % 2 == 0 && handle.clear_immediate(*id) {
                c[i].store(true, Ordering::SeqCst);
            }
        }
        // A second clear of the same immediate never succeeds.
        for id in ids.iter().step_by(2) {
            assert!(!handle.clear_immediate(*id));
        }
        drop(hold);
    });
    lp.run().unwrap();
    clearer.join().unwrap();
    for i in 0..N {
        let (r, c) = (
            ran[i].load(Ordering::SeqCst),
            cleared[i].load(Ordering::SeqCst),
        );
        assert!(r != c, "immediate {i}: ran={r} cleared={c}");
    }
    assert_eq!(lp.stats().remote_immediates, 0);
}

#[test]
fn clear_immediate_from_a_handle_ignores_loop_local_and_unknown_ids() {
    let lp = EventLoop::new();
    let ran = std::rc::Rc::new(std::cell::Cell::new(false));
    let r = ran.clone();
    let local = lp.set_immediate(move |_| r.set(true)).unwrap();
    let handle = lp.handle();
    assert!(!handle.clear_immediate(local));
    assert!(!handle.clear_immediate(ImmediateId::from_u64(12345)));
    lp.run().unwrap();
    assert!(ran.get());
}

#[test]
fn handle_timers_run_and_clear_in_order() {
    let lp = EventLoop::builder()
        .clock(jsloop::VirtualClock::new())
        .build();
    let handle = lp.handle();
    let fired = Arc::new(AtomicUsize::new(0));
    let f = fired.clone();
    let h = handle.clone();
    std::thread::spawn(move || {
        let f2 = f.clone();
        let keep = h
            .set_timeout(Duration::from_millis(10), move |_| {
                f2.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
        let f3 = f.clone();
        let gone = h
            .set_interval(Duration::from_millis(5), move |_| {
                f3.fetch_add(100, Ordering::SeqCst);
            })
            .unwrap();
        h.clear_timer(gone).unwrap();
        let _ = keep;
    })
    .join()
    .unwrap();
    lp.run().unwrap();
    assert_eq!(fired.load(Ordering::SeqCst), 1);
}

#[test]
fn public_types_are_send_and_sync_where_promised() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Handle>();
    send::<Hold>();
    send_sync::<Hold>();
    send_sync::<jsloop::VirtualClock>();
    send_sync::<jsloop::TimerId>();
    send_sync::<jsloop::ImmediateId>();
    send_sync::<jsloop::ScheduleError>();
    send_sync::<jsloop::CallError>();
    send_sync::<jsloop::IoId>();
    send_sync::<jsloop::Readiness>();
    send_sync::<jsloop::IoError>();
}

/// Waking a running loop must cost no syscall: 100,000 submissions made
/// while the loop is held inside a callback leave the wake-syscall count
/// where it was (a producer that always woke would count 100,000).
#[test]
fn submits_to_a_busy_loop_make_no_wake_syscall() {
    const N: usize = 100_000;
    let lp = EventLoop::new();
    let handle = lp.handle();
    let (inside_tx, inside_rx) = std::sync::mpsc::channel::<()>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let ran = Arc::new(AtomicUsize::new(0));
    let r = ran.clone();
    let producer = std::thread::spawn(move || {
        inside_rx.recv().unwrap();
        for _ in 0..N {
            let r = r.clone();
            handle
                .submit(move |_| {
                    r.fetch_add(1, Ordering::Relaxed);
                })
                .unwrap();
        }
        done_tx.send(()).unwrap();
    });
    let syscalls = Arc::new(AtomicUsize::new(usize::MAX));
    let s = syscalls.clone();
    lp.submit(move |lp| {
        let before = lp.stats().wake_syscalls;
        inside_tx.send(()).unwrap();
        done_rx.recv().unwrap();
        assert_eq!(lp.stats().ingress, N);
        s.store(
            (lp.stats().wake_syscalls - before) as usize,
            Ordering::SeqCst,
        );
    })
    .unwrap();
    lp.run().unwrap();
    producer.join().unwrap();
    assert_eq!(ran.load(Ordering::SeqCst), N);
    assert_eq!(syscalls.load(Ordering::SeqCst), 0);
}

/// The tasks of one batch run as separate callbacks: a panic in one is
/// reported and the next still runs, and the microtasks one queues run
/// before the next task.
#[test]
fn batch_tasks_run_as_separate_callbacks() {
    let panics = Arc::new(std::sync::Mutex::new(0));
    let p = panics.clone();
    let lp = EventLoop::builder()
        .panic_hook(move |_| *p.lock().unwrap() += 1)
        .build();
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    type Task = Box<dyn FnOnce(&EventLoop) + Send>;
    let tasks: Vec<Task> = vec![
        Box::new({
            let log = log.clone();
            move |lp: &EventLoop| {
                let log2 = log.clone();
                lp.queue_microtask(move |_| log2.lock().unwrap().push("microtask"));
                log.lock().unwrap().push("first");
            }
        }),
        Box::new(|_: &EventLoop| panic!("second task fails")),
        Box::new({
            let log = log.clone();
            move |_: &EventLoop| log.lock().unwrap().push("third")
        }),
    ];
    lp.handle()
        .submit_batch(tasks.into_iter().map(|t| move |lp: &EventLoop| t(lp)))
        .unwrap();
    lp.run().unwrap();
    assert_eq!(*log.lock().unwrap(), ["first", "microtask", "third"]);
    assert_eq!(*panics.lock().unwrap(), 1);
}
