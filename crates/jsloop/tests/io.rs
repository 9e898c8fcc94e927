//! Readiness registrations: callbacks in the poll phase, each followed by
//! the checkpoint; ref/unref and auto-exit; closes in the close phase;
//! the virtual clock waiting for real I/O. Sockets are Unix socket pairs
//! (a write makes the peer readable before it returns: deterministic) or
//! TCP on 127.0.0.1.

use std::cell::{Cell, RefCell};
use std::io::{ErrorKind, Read, Write};
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

use jsloop::mio::net::{TcpListener, UnixStream};
use jsloop::{CallbackKind, EventLoop, Exit, Interest, IoError, IoId, VirtualClock};

type Log = Rc<RefCell<Vec<String>>>;
type Shared<T> = Rc<RefCell<T>>;

fn push(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

/// A connected pair: the reader (shared with its callback) and the writer.
fn pair() -> (Shared<UnixStream>, UnixStream) {
    let (a, b) = UnixStream::pair().unwrap();
    (Rc::new(RefCell::new(a)), b)
}

/// Reads until `WouldBlock` (edge-triggered); returns the bytes read.
fn drain(stream: &mut UnixStream) -> usize {
    let mut buf = [0u8; 64];
    let mut total = 0;
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return total,
            Ok(n) => total += n,
            Err(e) if e.kind() == ErrorKind::WouldBlock => return total,
            Err(e) => panic!("read failed: {e}"),
        }
    }
}

/// Registers `reader`: on readiness it drains, logs `name`, queues a tick
/// and a microtask that log too, and closes its registration.
fn register_logging(lp: &EventLoop, log: &Log, name: &'static str, reader: &Shared<UnixStream>) {
    let (log, r) = (log.clone(), reader.clone());
    lp.register(
        &mut *reader.borrow_mut(),
        Interest::READABLE,
        move |lp, ready| {
            assert!(ready.is_readable());
            drain(&mut r.borrow_mut());
            push(&log, name);
            let l = log.clone();
            lp.queue_microtask(move |_| push(&l, format!("{name}:microtask")));
            let l = log.clone();
            lp.next_tick(move |_| push(&l, format!("{name}:tick")));
            let id = lp.current_io().unwrap();
            lp.close_io(id, &mut *r.borrow_mut(), |_| ()).unwrap();
        },
    )
    .unwrap();
}

#[test]
fn readiness_callbacks_run_in_order_each_followed_by_the_checkpoint() {
    let lp = EventLoop::new();
    let log = Log::default();
    let (a, mut a_peer) = pair();
    let (b, mut b_peer) = pair();
    register_logging(&lp, &log, "a", &a);
    register_logging(&lp, &log, "b", &b);
    a_peer.write_all(b"1").unwrap();
    b_peer.write_all(b"2").unwrap();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert_eq!(
        *log.borrow(),
        ["a", "a:tick", "a:microtask", "b", "b:tick", "b:microtask"]
    );
    assert_eq!(lp.stats().registrations, 0);
}

/// Node's guarantee: an immediate set in an I/O callback runs before a
/// zero-delay timer set there (check comes before the next turn's
/// timers), however long the callback took: here it moves the clock past
/// the timer's deadline before it returns.
#[test]
fn an_immediate_set_in_an_io_callback_runs_before_a_zero_delay_timer() {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder().clock(clock.clone()).build();
    let log = Log::default();
    let listener = TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = listener.local_addr().unwrap();
    let listener = Rc::new(RefCell::new(listener));
    let (l, lg) = (listener.clone(), log.clone());
    lp.register(
        &mut *listener.borrow_mut(),
        Interest::READABLE,
        move |lp, _| {
            while l.borrow_mut().accept().is_ok() {}
            let lg2 = lg.clone();
            lp.set_timeout(Duration::ZERO, move |_| push(&lg2, "timeout"))
                .unwrap();
            let lg2 = lg.clone();
            lp.set_immediate(move |_| push(&lg2, "immediate")).unwrap();
            clock.advance(Duration::from_millis(5));
            let id = lp.current_io().unwrap();
            lp.close_io(id, &mut *l.borrow_mut(), |_| ()).unwrap();
        },
    )
    .unwrap();
    let _client = std::net::TcpStream::connect(addr).unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["immediate", "timeout"]);
}

/// A referenced registration keeps `run` going until it is ready: the data
/// is written only after the loop ran everything else.
#[test]
fn a_referenced_registration_keeps_the_loop_alive() {
    let lp = EventLoop::new();
    let log = Log::default();
    let (reader, mut peer) = pair();
    register_logging(&lp, &log, "read", &reader);
    let (tx, rx) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        rx.recv().unwrap();
        peer.write_all(b"late").unwrap();
        peer
    });
    lp.submit(move |_| tx.send(()).unwrap()).unwrap();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert_eq!(*log.borrow(), ["read", "read:tick", "read:microtask"]);
    drop(writer.join().unwrap());
}

#[test]
fn unref_lets_the_loop_exit_and_ref_keeps_it() {
    let lp = EventLoop::new();
    let (reader, _peer) = pair();
    let id = lp
        .register(&mut *reader.borrow_mut(), Interest::READABLE, |_, _| ())
        .unwrap();
    assert_eq!(lp.io_has_ref(id), Some(true));
    assert_eq!(lp.run_nowait(), Ok(Exit::Pending));
    assert!(lp.unref_io(id));
    assert_eq!(lp.io_has_ref(id), Some(false));
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert!(lp.ref_io(id));
    assert_eq!(lp.run_nowait(), Ok(Exit::Pending));
    // A deregistered source keeps nothing alive either.
    lp.deregister(id, &mut *reader.borrow_mut()).unwrap();
    assert_eq!(lp.run(), Ok(Exit::Idle));
    lp.close_io(id, &mut *reader.borrow_mut(), |_| ()).unwrap();
    assert_eq!(lp.io_has_ref(id), None);
    assert!(!lp.ref_io(id));
}

#[test]
fn deregister_stops_callbacks_and_reregister_restarts_them() {
    let lp = EventLoop::new();
    let calls = Rc::new(Cell::new(0));
    let (reader, mut peer) = pair();
    let (c, r) = (calls.clone(), reader.clone());
    let id = lp
        .register(
            &mut *reader.borrow_mut(),
            Interest::READABLE,
            move |_, _| {
                c.set(c.get() + 1);
                drain(&mut r.borrow_mut());
            },
        )
        .unwrap();
    lp.deregister(id, &mut *reader.borrow_mut()).unwrap();
    lp.deregister(id, &mut *reader.borrow_mut()).unwrap();
    peer.write_all(b"x").unwrap();
    assert_eq!(lp.run_nowait(), Ok(Exit::Idle));
    assert_eq!(calls.get(), 0);
    // Registering again reports the data already there.
    lp.reregister(id, &mut *reader.borrow_mut(), Interest::READABLE)
        .unwrap();
    lp.run_nowait().unwrap();
    assert_eq!(calls.get(), 1);
    lp.unref_io(id);
    peer.write_all(b"y").unwrap();
    assert_eq!(lp.run_nowait(), Ok(Exit::Idle));
    assert_eq!(
        calls.get(),
        2,
        "an unreferenced source still gets its callbacks"
    );
    lp.close_io(id, &mut *reader.borrow_mut(), |_| ()).unwrap();
    assert!(matches!(
        lp.reregister(id, &mut *reader.borrow_mut(), Interest::READABLE),
        Err(IoError::NotFound)
    ));
    assert!(matches!(
        lp.close_io(id, &mut *reader.borrow_mut(), |_| ()),
        Err(IoError::NotFound)
    ));
}

/// `close_io` from a readiness callback: its close callback waits for the
/// close phase, after the immediates of the same turn.
#[test]
fn the_close_callback_runs_in_the_close_phase() {
    let lp = EventLoop::new();
    let log = Log::default();
    let (reader, mut peer) = pair();
    let (l, r) = (log.clone(), reader.clone());
    lp.register(
        &mut *reader.borrow_mut(),
        Interest::READABLE,
        move |lp, _| {
            push(&l, "io");
            let l2 = l.clone();
            lp.set_immediate(move |_| push(&l2, "immediate")).unwrap();
            let l2 = l.clone();
            let id = lp.current_io().unwrap();
            lp.close_io(id, &mut *r.borrow_mut(), move |_| push(&l2, "close"))
                .unwrap();
            let l2 = l.clone();
            lp.next_tick(move |_| push(&l2, "tick"));
        },
    )
    .unwrap();
    peer.write_all(b"x").unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["io", "tick", "immediate", "close"]);
}

#[test]
fn a_panicking_readiness_callback_is_reported_and_the_loop_goes_on() {
    let kinds: Rc<RefCell<Vec<CallbackKind>>> = Rc::default();
    let k = kinds.clone();
    let lp = EventLoop::builder()
        .panic_hook(move |report| k.borrow_mut().push(report.kind))
        .build();
    let calls = Rc::new(Cell::new(0));
    let (reader, mut peer) = pair();
    let (c, r) = (calls.clone(), reader.clone());
    let id = lp
        .register(
            &mut *reader.borrow_mut(),
            Interest::READABLE,
            move |_, _| {
                c.set(c.get() + 1);
                drain(&mut r.borrow_mut());
                panic!("boom");
            },
        )
        .unwrap();
    lp.unref_io(id);
    let ticked = Rc::new(Cell::new(false));
    peer.write_all(b"x").unwrap();
    lp.run_nowait().unwrap();
    let t = ticked.clone();
    lp.set_immediate(move |_| t.set(true)).unwrap();
    peer.write_all(b"y").unwrap();
    lp.run().unwrap();
    assert_eq!(calls.get(), 2, "the registration stays after a panic");
    assert!(ticked.get());
    assert_eq!(*kinds.borrow(), [CallbackKind::Io, CallbackKind::Io]);
    lp.close_io(id, &mut *reader.borrow_mut(), |_| ()).unwrap();
    assert_eq!(lp.stats().registrations, 0);
}

/// With a referenced registration pending, a virtual clock waits for the
/// readiness instead of jumping to the next timer.
#[test]
fn a_virtual_clock_waits_for_pending_io_before_jumping() {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder().clock(clock.clone()).build();
    let log = Log::default();
    let l = log.clone();
    let timer = lp
        .set_timeout(Duration::from_secs(3600), move |_| push(&l, "timer"))
        .unwrap();
    let (reader, peer) = pair();
    let (l, r) = (log.clone(), reader.clone());
    lp.register(
        &mut *reader.borrow_mut(),
        Interest::READABLE,
        move |lp, _| {
            drain(&mut r.borrow_mut());
            push(&l, format!("io at {}", lp.now()));
            let id = lp.current_io().unwrap();
            lp.close_io(id, &mut *r.borrow_mut(), |_| ()).unwrap();
        },
    )
    .unwrap();
    let (tx, rx) = mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        rx.recv().unwrap();
        let mut peer = peer;
        peer.write_all(b"x").unwrap();
        peer
    });
    lp.submit(move |_| tx.send(()).unwrap()).unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["io at 0", "timer"]);
    assert!(!lp.has_timer(timer));
    assert_eq!(clock.now_ms(), 3_600_000);
    drop(writer.join().unwrap());
}

/// An unreferenced registration does not hold a virtual clock back.
#[test]
fn a_virtual_clock_jumps_past_an_unreferenced_registration() {
    let clock = VirtualClock::new();
    let lp = EventLoop::builder().clock(clock.clone()).build();
    let fired = Rc::new(Cell::new(false));
    let f = fired.clone();
    lp.set_timeout(Duration::from_secs(3600), move |_| f.set(true))
        .unwrap();
    let (reader, _peer) = pair();
    let id = lp
        .register(&mut *reader.borrow_mut(), Interest::READABLE, |_, _| ())
        .unwrap();
    lp.unref_io(id);
    assert_eq!(lp.run(), Ok(Exit::Idle));
    assert!(fired.get());
    assert_eq!(clock.now_ms(), 3_600_000);
}

#[test]
fn registering_after_close_is_refused() {
    let lp = EventLoop::new();
    lp.close();
    assert_eq!(lp.run(), Ok(Exit::Closed));
    let (reader, _peer) = pair();
    let err = lp
        .register(&mut *reader.borrow_mut(), Interest::READABLE, |_, _| ())
        .unwrap_err();
    assert!(matches!(err, IoError::Closed));
    let _: Option<IoId> = lp.current_io();
}
