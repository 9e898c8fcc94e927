//! Every callback, promise and bookkeeping entry is dropped once its work
//! is done or cancelled, including callbacks that captured a `Handle` or a
//! promise (no reference cycle keeps anything alive).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jsloop::mio::net::UnixStream;
use jsloop::promise::{self, Promise, Reason};
use jsloop::{EventLoop, Interest, Stats, VirtualClock};

/// Counts its drops in a shared counter.
struct Witness(Arc<AtomicUsize>);

impl Drop for Witness {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn virtual_loop() -> EventLoop {
    EventLoop::builder().clock(VirtualClock::new()).build()
}

#[test]
fn finished_and_cancelled_work_drops_everything() {
    let drops = Arc::new(AtomicUsize::new(0));
    let made = Cell::new(0);
    let w = || {
        made.set(made.get() + 1);
        Witness(drops.clone())
    };
    let lp = virtual_loop();
    let ms = Duration::from_millis;

    let a = w();
    lp.set_timeout(ms(1), move |_| {
        let _keep = &a;
    })
    .unwrap();
    let b = w();
    let cancelled = lp
        .set_timeout(ms(50), move |_| {
            let _keep = &b;
        })
        .unwrap();
    let c = w();
    let left = Rc::new(Cell::new(3));
    let l = left.clone();
    let iv: Rc<Cell<Option<jsloop::TimerId>>> = Rc::default();
    let iv2 = iv.clone();
    iv.set(Some(
        lp.set_interval(ms(2), move |lp| {
            let _keep = &c;
            l.set(l.get() - 1);
            if l.get() == 0 {
                lp.clear_timer(iv2.get().unwrap());
            }
        })
        .unwrap(),
    ));
    let d = w();
    lp.set_immediate(move |_| {
        let _keep = &d;
    })
    .unwrap();
    let e = w();
    let gone = lp
        .set_immediate(move |_| {
            let _keep = &e;
        })
        .unwrap();
    let f = w();
    lp.queue_microtask(move |_| {
        let _keep = &f;
    });
    let g = w();
    lp.next_tick(move |_| {
        let _keep = &g;
    });
    let h = w();
    lp.handle()
        .submit(move |_| {
            let _keep = &h;
        })
        .unwrap();
    let i = w();
    let remote = lp
        .handle()
        .set_immediate(move |_| {
            let _keep = &i;
        })
        .unwrap();
    assert!(lp.handle().clear_immediate(remote));

    // Callbacks that capture a Handle or a promise.
    let handle = lp.handle();
    let j = w();
    lp.set_timeout(ms(3), move |_| {
        let _keep = (&j, &handle);
    })
    .unwrap();
    let (p, r) = Promise::<u8>::new(&lp);
    let k = w();
    let p2 = p.clone();
    lp.set_timeout(ms(4), move |_| {
        let _keep = (&k, &p2);
    })
    .unwrap();
    let m = w();
    p.then(move |v| {
        let _keep = &m;
        Ok(v)
    });
    let n = w();
    let all = promise::all(&lp, vec![p.clone(), Promise::resolved(&lp, 2)]);
    all.then(move |v| {
        let _keep = &n;
        Ok(v.len())
    });
    let o = w();
    promise::race(&lp, vec![p.clone()]).catch(move |e| {
        let _keep = &o;
        Err(e)
    });
    let q = w();
    Promise::<u8>::rejected(&lp, Reason::new("handled")).catch(move |_| {
        let _keep = &q;
        Ok(0)
    });
    r.resolve(1);

    assert!(lp.clear_timer(cancelled));
    assert!(lp.clear_immediate(gone));
    lp.run().unwrap();
    assert_eq!(lp.stats(), Stats::default());
    drop((p, all));
    assert_eq!(
        drops.load(Ordering::SeqCst),
        made.get(),
        "every callback dropped"
    );
}

#[test]
fn pending_work_is_dropped_with_the_loop_even_when_it_captured_a_handle() {
    let drops = Arc::new(AtomicUsize::new(0));
    let lp = virtual_loop();
    let handle = lp.handle();
    let w = Witness(drops.clone());
    let h2 = handle.clone();
    lp.set_timeout(Duration::from_secs(3600), move |_| {
        let _keep = (&w, &h2);
    })
    .unwrap();
    let w = Witness(drops.clone());
    let h3 = handle.clone();
    // Queued in the ingress, holding a Handle: the Shared it points to owns
    // the queue, a cycle that only an explicit drain breaks.
    handle
        .submit(move |_| {
            let _keep = (&w, &h3);
        })
        .unwrap();
    let w = Witness(drops.clone());
    let (p, r) = Promise::<u8>::new(&lp);
    let p2 = p.clone();
    p.then(move |v| {
        let _keep = (&w, &p2);
        Ok(v)
    });
    drop(p);
    // A never-settled promise keeps its reactions while its resolver lives
    // (it could still settle); both go with the resolver.
    drop((lp, r));
    assert_eq!(drops.load(Ordering::SeqCst), 3);
    assert!(handle.is_terminated());
}

#[test]
fn spawned_futures_and_send_resolvers_leave_nothing_behind() {
    let drops = Arc::new(AtomicUsize::new(0));
    let lp = virtual_loop();

    let w = Witness(drops.clone());
    let (p, r) = Promise::<u8>::new(&lp);
    let done = lp.spawn_local(async move {
        let _keep = &w;
        p.await.unwrap()
    });
    r.resolve(1);

    let (sent, resolver) = Promise::<Arc<Witness>>::new_send(&lp);
    let value = Arc::new(Witness(drops.clone()));
    std::thread::spawn(move || resolver.resolve(value))
        .join()
        .unwrap();
    let (dropped, unused) = Promise::<u8>::new_send(&lp);
    std::thread::spawn(move || drop(unused)).join().unwrap();

    lp.run().unwrap();
    assert_eq!(lp.stats(), Stats::default());
    assert_eq!(done.outcome().unwrap().unwrap(), 1);
    assert!(dropped.outcome().unwrap().is_err());
    assert_eq!(drops.load(Ordering::SeqCst), 1, "the finished future");

    // A future that can never finish: it goes with the loop, and the
    // Handle it captured does not keep anything alive.
    let w = Witness(drops.clone());
    let (never, never_resolver) = Promise::<u8>::new(&lp);
    let handle = lp.handle();
    let pending = lp.spawn_local(async move {
        let _keep = (&w, &handle);
        never.await.ok()
    });
    assert_eq!(lp.run(), Ok(jsloop::Exit::Idle));
    assert!(pending.outcome().is_none());
    drop((lp, never_resolver, pending, done));
    assert_eq!(drops.load(Ordering::SeqCst), 2, "the pending future");
    drop(sent);
    assert_eq!(drops.load(Ordering::SeqCst), 3, "the sent value");
}

/// A readiness registration's callback (and what it captured) is dropped
/// by `close_io`, its close callback once run, and every live one when the
/// loop closes, shuts down or is dropped.
#[test]
fn registrations_are_released_on_close_and_with_the_loop() {
    let drops = Arc::new(AtomicUsize::new(0));
    let w = || Witness(drops.clone());
    let count = || drops.load(Ordering::SeqCst);
    let register = |lp: &EventLoop, source: &mut UnixStream| {
        let captured = w();
        lp.register(source, Interest::READABLE, move |_, _| {
            let _keep = &captured;
        })
        .unwrap()
    };

    let lp = virtual_loop();
    let (mut a, _a_peer) = UnixStream::pair().unwrap();
    let id = register(&lp, &mut a);
    let on_close = w();
    lp.close_io(id, &mut a, move |_| {
        let _keep = &on_close;
    })
    .unwrap();
    assert_eq!(count(), 1, "the readiness callback goes at close");
    lp.run().unwrap();
    assert_eq!(count(), 2, "the close callback goes once run");
    assert_eq!(lp.stats(), Stats::default());

    let (mut b, _b_peer) = UnixStream::pair().unwrap();
    register(&lp, &mut b);
    lp.close();
    assert_eq!(lp.run(), Ok(jsloop::Exit::Closed));
    assert_eq!(count(), 3, "a live registration goes when the loop closes");
    assert_eq!(lp.stats().registrations, 0);

    let lp = virtual_loop();
    let (mut c, _c_peer) = UnixStream::pair().unwrap();
    register(&lp, &mut c);
    lp.shutdown();
    assert_eq!(lp.run(), Ok(jsloop::Exit::Shutdown));
    assert_eq!(count(), 4, "or when it shuts down");

    let lp = virtual_loop();
    let (mut d, _d_peer) = UnixStream::pair().unwrap();
    register(&lp, &mut d);
    drop(lp);
    assert_eq!(count(), 5, "and when the loop is dropped");
}
