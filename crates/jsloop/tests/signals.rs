//! Signals delivered to loop callbacks. This binary sends signals to its
//! own process, so it is a test binary of its own; each test uses its own
//! signal, raised only while a callback is registered for it (or, for the
//! default disposition, in a child process). No sleeps: a `Hold` keeps the
//! loop running until the callback releases it.

#![cfg(unix)]

use std::cell::RefCell;
use std::rc::Rc;

use jsloop::{CallbackKind, EventLoop, Exit, Hold, SignalError};
use signal_hook::consts::{SIGHUP, SIGKILL, SIGSEGV, SIGUSR1, SIGUSR2, SIGWINCH};
use signal_hook::low_level::raise;

/// A hold the callback can drop, so the loop exits once it ran.
fn hold(lp: &EventLoop) -> Rc<RefCell<Option<Hold>>> {
    Rc::new(RefCell::new(Some(lp.handle().hold().unwrap())))
}

#[test]
fn a_raised_signal_reaches_its_callback_with_a_checkpoint_after() {
    let lp = EventLoop::new();
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let h = hold(&lp);
    let l = log.clone();
    lp.on_signal(SIGUSR2, move |lp, signal| {
        assert_eq!(signal, SIGUSR2);
        l.borrow_mut().push("signal".into());
        let l2 = l.clone();
        lp.queue_microtask(move |_| l2.borrow_mut().push("microtask".into()));
        let l3 = l.clone();
        lp.set_immediate(move |_| l3.borrow_mut().push("immediate".into()))
            .unwrap();
        h.borrow_mut().take();
    })
    .unwrap();
    assert_eq!(lp.stats().signals, 1);
    raise(SIGUSR2).unwrap();
    assert_eq!(lp.run().unwrap(), Exit::Idle);
    assert_eq!(*log.borrow(), ["signal", "microtask", "immediate"]);
}

#[test]
fn callbacks_run_in_registration_order_and_removed_ones_do_not() {
    let lp = EventLoop::new();
    let log: Rc<RefCell<Vec<&str>>> = Rc::default();
    let h = hold(&lp);
    let (a, b, c) = (log.clone(), log.clone(), log.clone());
    lp.on_signal(SIGHUP, move |_, _| a.borrow_mut().push("first"))
        .unwrap();
    let removed = lp
        .on_signal(SIGHUP, move |_, _| b.borrow_mut().push("removed"))
        .unwrap();
    lp.on_signal(SIGHUP, move |_, _| {
        c.borrow_mut().push("third");
        h.borrow_mut().take();
    })
    .unwrap();
    assert!(lp.remove_signal(removed));
    assert!(!lp.remove_signal(removed), "removed once");
    raise(SIGHUP).unwrap();
    lp.run().unwrap();
    assert_eq!(*log.borrow(), ["first", "third"]);
    assert_eq!(lp.stats().signals, 2);
}

#[test]
fn a_registration_does_not_keep_the_loop_alive() {
    let lp = EventLoop::new();
    lp.on_signal(SIGWINCH, |_, _| ()).unwrap();
    assert!(!lp.is_alive());
    assert_eq!(lp.run().unwrap(), Exit::Idle);
}

#[test]
fn unsupported_signals_are_refused() {
    let lp = EventLoop::new();
    for signal in [0, -1, 64, 1000, SIGKILL, SIGSEGV] {
        let err = lp.on_signal(signal, |_, _| ()).unwrap_err();
        assert!(
            matches!(err, SignalError::Unsupported(s) if s == signal),
            "{signal}: {err}"
        );
    }
    assert_eq!(lp.stats().signals, 0);
}

#[test]
fn a_panicking_signal_callback_is_reported() {
    let kinds = Rc::new(RefCell::new(Vec::new()));
    let k = kinds.clone();
    let lp = EventLoop::builder()
        .panic_hook(move |report| k.borrow_mut().push(report.kind))
        .build();
    let h = hold(&lp);
    lp.on_signal(SIGUSR1, move |_, _| {
        h.borrow_mut().take();
        panic!("signal callback");
    })
    .unwrap();
    raise(SIGUSR1).unwrap();
    lp.run().unwrap();
    assert_eq!(*kinds.borrow(), [CallbackKind::Signal]);
}

/// Set in the child process of the test below.
const CHILD: &str = "JSLOOP_SIGNALS_CHILD";

/// Once the last callback for a signal is removed, the signal acts as its
/// default disposition again: SIGUSR1 kills the (child) process. While a
/// callback remains, it does not.
#[test]
fn the_default_disposition_comes_back_after_the_last_callback() {
    use std::os::unix::process::ExitStatusExt;

    const NAME: &str = "the_default_disposition_comes_back_after_the_last_callback";
    if std::env::var_os(CHILD).is_some() {
        let lp = EventLoop::new();
        let a = lp.on_signal(SIGUSR1, |_, _| ()).unwrap();
        let b = lp.on_signal(SIGUSR1, |_, _| ()).unwrap();
        assert!(lp.remove_signal(a));
        raise(SIGUSR1).unwrap();
        println!("survived while a callback remained");
        assert!(lp.remove_signal(b));
        raise(SIGUSR1).unwrap();
        println!("survived the default disposition");
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("survived while a callback remained"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("survived the default disposition"),
        "{stdout}"
    );
    assert_eq!(output.status.signal(), Some(SIGUSR1), "{stdout}");
}

#[test]
fn signal_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<jsloop::SignalId>();
    send_sync::<SignalError>();
}
